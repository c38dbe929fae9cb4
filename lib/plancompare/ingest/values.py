"""Parse verbatim table/prose cells into values and convert units (change from baseline to
target is the comparison model's job: plancompare.model.comparison).

A plan writes a target as "≥55%", "[1.86]", "1*", "0.4万户", "85%以上", "不少于0.1平方米",
"不少于1/3" (a fraction: a share, read in %), "应保尽保" or a range, "1-2所", "2至3所", "3—4个",
"1～2", "两到三所" (its comparator is "between"). `parse_cell` turns any of these into a `Value`;
what it cannot read raises `CellParseError` so validation can name the cell instead of storing a
silent None. The words around a figure (comparators, hedges, verbs, numerals, measure words) are
plancompare.ingest.lexicon's.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from plancompare.common.errors import PlancompareError
from plancompare.common.text import to_simplified
from plancompare.ingest.lexicon import (
    COMPARATORS_AFTER,
    COMPARATORS_BEFORE,
    HEDGE,
    MEASURE_WORDS,
    NUMERALS,
    ONE_CHARACTER_COUNTS,
    VERBS_BEFORE_FIGURE,
    alternation,
)

# "between": a range, 1-2所 (low 1, high 2).
COMPARATORS = ("=", ">=", ">", "<=", "<", "between")
# What stands between the two ends of a range (NFKC has folded ～ and － to ~ and -).
RANGE_SEPARATORS = "-~—–至到"

# Cells meaning "no figure": kept as raw text, parsed to no value.
NOT_APPLICABLE = {"-", "--", "—", "——", "–", "/", "－", "无"}

_prefix = alternation(COMPARATORS_BEFORE)
_suffix = alternation(COMPARATORS_AFTER)
_count = rf"[{''.join(ONE_CHARACTER_COUNTS)}](?=[{MEASURE_WORDS}])"  # 一所, 两个
_figure = rf"\d+(?:\.\d+)?|[{''.join(ONE_CHARACTER_COUNTS)}]"
# A range: two figures around a separator (两到三所); the low end may repeat the unit (1%-2%).
_range = (
    rf"(?P<low>{_figure})\s*(?P<low_unit>[%‰{MEASURE_WORDS}])?\s*[{RANGE_SEPARATORS}]\s*"
    rf"(?P<high>{_figure})"
)
# Hedges written before a figure (原则上至少办好一所, 力争达到2.0平方米) stay in the raw cell; they
# do not change the value.
# Between the comparator and the figure may stand a verb (至少建成一所) or the whole a share is
# taken of (不超过全县适龄幼儿的10%).
_CELL = re.compile(
    rf"^(?:{HEDGE})?\s*(?P<prefix>{_prefix})?\s*(?:{alternation(VERBS_BEFORE_FIGURE)})?\s*"
    rf"(?:[\u4e00-\u9fff]{{1,12}}的)?(?:{_range}|(?P<number>\d+(?:\.\d+)?(?:/\d+)?|{_count}))\s*"
    rf"(?P<unit>[%‰]|(?:(?!{_suffix})[\u4e00-\u9fff/()㎡²a-zA-Z])+)?\s*(?P<suffix>{_suffix})?$"
)
_CUMULATIVE_BRACKETS = re.compile(r"^[\[【](?P<inner>.*)[\]】]$")
# A label is words only; one that opens with a numeral (一点二, 三成) is a number the grammar
# could not read, not a label (二级甲等 inside a label is fine).
_QUALITATIVE = re.compile(rf"^(?![{NUMERALS}])[\u4e00-\u9fff]+$")


class CellParseError(PlancompareError, ValueError):
    """A raw cell that is neither a number form nor a qualitative label."""


@dataclass(frozen=True)
class Value:
    """What a verbatim cell says."""

    raw: str
    number: float | None = None
    comparator: str | None = None
    cumulative: bool = False
    qualitative: str | None = None  # simplified label, e.g. 应保尽保
    unit: str | None = None  # unit written inside the cell, simplified
    not_applicable: bool = False  # "—", "-": the plan says there is no figure
    # The number stands alone: no word before or after it ("5.5", "[2.7]", "95%", "17万人"),
    # so its comparator "=" is not written but assumed (see model.comparison.read_comparator).
    bare: bool = False
    high: float | None = None  # a range's high end (1-2所: number 1, high 2)

    @property
    def bounds(self) -> tuple[float | None, float | None]:
        """(low, high), closed, of the values the cell allows; None where it is open or there is
        no figure: a point both ends, "≥95%" (and ">95%") low only, a cap high only, a range
        both. A strict bound ends where the same number's closed bound does."""
        if self.number is None:
            return None, None
        if self.high is not None:
            return self.number, self.high
        if self.comparator in (">=", ">"):
            return self.number, None
        if self.comparator in ("<=", "<"):
            return None, self.number
        return self.number, self.number


@lru_cache(maxsize=65_536)
def normalise(raw: str) -> str:
    """Fold full-width forms and traditional characters so one grammar reads every plan."""
    text = unicodedata.normalize("NFKC", raw).strip()
    return to_simplified(text)


@lru_cache(maxsize=65_536)  # plans repeat cells ("100%", "应保尽保"); Value is immutable
def parse_cell(raw: str | None) -> Value:
    """Parse one verbatim baseline/target cell. Empty input means the plan states nothing."""
    if raw is None or not raw.strip():
        return Value(raw=raw or "")
    text = normalise(raw)
    if text in NOT_APPLICABLE:
        return Value(raw=raw, not_applicable=True)

    cumulative = False
    bracketed = _CUMULATIVE_BRACKETS.match(text)
    if bracketed:
        text, cumulative = bracketed.group("inner").strip(), True
    if text.endswith("*"):
        text, cumulative = text[:-1].strip(), True

    match = _CELL.match(text)
    if match:
        prefix, suffix = match.group("prefix"), match.group("suffix")
        comparator = "="
        if prefix:
            comparator = COMPARATORS_BEFORE[prefix]
        if suffix and COMPARATORS_AFTER[suffix] != "=":
            if comparator != "=" and comparator != COMPARATORS_AFTER[suffix]:
                raise CellParseError(f"contradictory comparators in {raw!r}")
            comparator = COMPARATORS_AFTER[suffix]
        unit = match.group("unit") or None
        if match.group("low") is None:
            figure = match.group("number")
            number = _figure_value(figure) if "/" not in figure else None
            if number is None:
                # A fraction (不少于1/3) is a share of a whole: read as a percentage, 100·a/b %.
                if unit:
                    raise CellParseError(f"a fraction is a share, no unit may follow it: {raw!r}")
                numerator, denominator = (float(n) for n in figure.split("/"))
                if not denominator:
                    raise CellParseError(f"a fraction over zero in {raw!r}")
                number, unit = 100 * numerator / denominator, "%"
            return Value(
                raw=raw,
                number=number,
                comparator=comparator,
                cumulative=cumulative,
                unit=unit,
                bare=match.start("number") == 0 and not suffix,
            )
        low, high = _figure_value(match.group("low")), _figure_value(match.group("high"))
        if comparator != "=":
            raise CellParseError(f"a range cannot also be a bound: {raw!r}")
        if not low < high:
            raise CellParseError(f"the low end of range {raw!r} is not below its high end")
        if match.group("low_unit") and match.group("low_unit") != (unit or "")[:1]:
            raise CellParseError(f"the two ends of range {raw!r} are in different units")
        return Value(
            raw=raw, number=low, high=high, comparator="between", cumulative=cumulative, unit=unit
        )
    if _QUALITATIVE.match(text) and not cumulative:
        return Value(raw=raw, qualitative=text)
    raise CellParseError(f"cannot read {raw!r} as a number, comparator, unit or qualitative label")


def _figure_value(figure: str) -> float:
    """3.5 → 3.5, 两 → 2."""
    return float(ONE_CHARACTER_COUNTS.get(figure) or figure)


_LINE_NUMBER = re.compile(rf"\d+(?:\.\d+)?|{_count}")


def figure_on_line(raw: str, line: str) -> bool:
    """Whether the number of a verbatim cell ("≥95%", "[1.86]", "1.58万") is written on a
    source line, in either script or in full-width digits."""
    try:
        number = parse_cell(raw).number
    except CellParseError:
        return False
    found = _LINE_NUMBER.findall(normalise(line))
    return number is not None and any(
        float(ONE_CHARACTER_COUNTS.get(n) or n) == number for n in found
    )


# --- units -----------------------------------------------------------------------------------

# Spellings of one unit; keys are normalised (simplified, NFKC) source spellings.
UNIT_ALIASES = {
    "㎡": "平方米",
    "m2": "平方米",
    "m²": "平方米",
    "名": "人",
    "人/每千人": "人/千人",
    "张/每千人": "张/千人",
    "万套(户)": "万套",
}

# (unit in source, catalog unit) -> multiply the source value by this factor.
UNIT_CONVERSIONS = {
    ("‰", "%"): 0.1,
    ("%", "‰"): 10.0,
    ("万人", "人"): 10_000.0,
    ("人", "万人"): 0.0001,
    ("万人次", "人次"): 10_000.0,
    ("人次", "万人次"): 0.0001,
    ("万户", "户"): 10_000.0,
    ("户", "万户"): 0.0001,
    ("万个", "个"): 10_000.0,
    ("万张", "张"): 10_000.0,
    ("万套", "套"): 10_000.0,
    ("人/万人", "人/千人"): 0.1,
    ("张/万人", "张/千人"): 0.1,
    ("个/万人", "个/千人"): 0.1,
    ("名/万人", "人/千人"): 0.1,
    # 每万人接受公共文化设施服务3.4万次: the denominator is in the indicator's name.
    ("万次", "次/万人"): 10_000.0,
}


class UnitConversionError(PlancompareError, ValueError):
    """No conversion is known from a source unit to the catalog unit."""


@lru_cache(maxsize=1024)
def canonical_unit(unit: str | None) -> str:
    if not unit:
        return ""
    text = normalise(unit)
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    return UNIT_ALIASES.get(text, text)


def conversion_factor(source_unit: str | None, catalog_unit: str) -> float:
    """Factor turning a value in `source_unit` into `catalog_unit`.

    An empty source unit is taken to be the catalog unit. A bare count ("张") converts to a
    per-1,000 catalog unit ("张/千人") unchanged: the indicator's name carries the denominator.
    """
    source, target = canonical_unit(source_unit), canonical_unit(catalog_unit)
    if not source or source == target:
        return 1.0
    if (source, target) in UNIT_CONVERSIONS:
        return UNIT_CONVERSIONS[(source, target)]
    if "/" in target and target.split("/", 1)[0] == source:
        return 1.0
    raise UnitConversionError(
        f"no conversion from {source_unit!r} to catalog unit {catalog_unit!r}"
    )


def source_unit(cell: Value, unit_in_source: str | None) -> str:
    """The unit a cell's number is in: a unit written in the cell (0.4万户 under a 户 heading)
    wins over the row's unit_in_source."""
    return cell.unit or unit_in_source or ""


def describe_conversion(source: str | None, catalog_unit: str) -> str:
    """'人/万人 → 人/千人 ×0.1', or '' when the value is already in the catalog unit."""
    if not source or canonical_unit(source) == canonical_unit(catalog_unit):
        return ""
    return f"{source} → {catalog_unit} ×{conversion_factor(source, catalog_unit):g}"
