"""Parse verbatim table/prose cells into values, convert units, derive change figures.

A plan writes a target as "≥55%", "[1.86]", "1*", "0.4万户", "85%以上", "不少于0.1平方米" or
"应保尽保". `parse_cell` turns any of these into a `Value`; what it cannot read raises
`CellParseError` so validation can name the cell instead of storing a silent None.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from plancompare.text import to_simplified

COMPARATORS = ("=", ">=", ">", "<=", "<")

# Cells meaning "no figure": kept as raw text, parsed to no value.
NOT_APPLICABLE = {"-", "--", "—", "——", "–", "/", "－", "无"}

# Words before a number, longest first so "不低于" wins over "低于".
_PREFIX_WORDS = {
    "不低于": ">=",
    "不少于": ">=",
    "至少": ">=",
    "超过": ">",
    "高于": ">",
    "大于": ">",
    "不高于": "<=",
    "不超过": "<=",
    "不多于": "<=",
    "控制在": "<=",
    "低于": "<",
    "小于": "<",
    "达到": "=",
    "保持在": "=",
    "保持": "=",
}
_PREFIX_SYMBOLS = {
    ">=": ">=",
    "≥": ">=",
    "≧": ">=",
    ">": ">",
    "<=": "<=",
    "≤": "<=",
    "≦": "<=",
    "<": "<",
    "=": "=",
}
# Words after a number (and its unit).
_SUFFIX_WORDS = {
    "及以上": ">=",
    "以上": ">=",
    "以内": "<=",
    "以下": "<=",
    "左右": "=",
}

_prefix = "|".join(
    re.escape(p) for p in sorted([*_PREFIX_WORDS, *_PREFIX_SYMBOLS], key=len, reverse=True)
)
_suffix = "|".join(re.escape(s) for s in sorted(_SUFFIX_WORDS, key=len, reverse=True))
# Words that may stand between a comparator and the number: a verb (至少建成一所) or the whole a
# share is taken of (不超过全县适龄幼儿的10%).
_VERBS = "建成|办好|建有|配备|达到|组织"
# Small counts written in characters in prose ("一所").
CHINESE_NUMERALS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}
# A character numeral counts only when a measure word follows it (一所, 两个), not in 一点二.
_MEASURE_WORDS = "所个家名次人张项套户"
_CELL = re.compile(
    rf"^(?P<prefix>{_prefix})?\s*(?:{_VERBS})?\s*(?:[\u4e00-\u9fff]{{1,12}}的)?"
    rf"(?P<number>\d+(?:\.\d+)?|[{''.join(CHINESE_NUMERALS)}](?=[{_MEASURE_WORDS}]))\s*"
    rf"(?P<unit>[%‰]|(?:(?!{_suffix})[\u4e00-\u9fff/()㎡²a-zA-Z])+)?\s*(?P<suffix>{_suffix})?$"
)
_CUMULATIVE_BRACKETS = re.compile(r"^[\[【](?P<inner>.*)[\]】]$")
# A label is words only; one that opens with a numeral (一点二, 三成) is a number the grammar
# could not read, not a label (二级甲等 inside a label is fine).
_QUALITATIVE = re.compile(r"^(?![一二两三四五六七八九十百千])[\u4e00-\u9fff]+$")


class CellParseError(ValueError):
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
            comparator = _PREFIX_WORDS.get(prefix) or _PREFIX_SYMBOLS[prefix]
        if suffix and _SUFFIX_WORDS[suffix] != "=":
            if comparator != "=" and comparator != _SUFFIX_WORDS[suffix]:
                raise CellParseError(f"contradictory comparators in {raw!r}")
            comparator = _SUFFIX_WORDS[suffix]
        return Value(
            raw=raw,
            number=float(CHINESE_NUMERALS.get(match.group("number")) or match.group("number")),
            comparator=comparator,
            cumulative=cumulative,
            unit=match.group("unit") or None,
        )
    if _QUALITATIVE.match(text) and not cumulative:
        return Value(raw=raw, qualitative=text)
    raise CellParseError(f"cannot read {raw!r} as a number, comparator, unit or qualitative label")


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
    # A count of people trained is a count of person-times with each person counted once.
    ("人", "人次"): 1.0,
    ("人", "万人次"): 0.0001,
    ("万人", "人"): 10_000.0,
    ("人", "万人"): 0.0001,
    ("万人次", "人次"): 10_000.0,
    ("人次", "万人次"): 0.0001,
    ("万户", "户"): 10_000.0,
    ("户", "万户"): 0.0001,
    ("万个", "个"): 10_000.0,
    ("万套", "套"): 10_000.0,
    ("人/万人", "人/千人"): 0.1,
    ("张/万人", "张/千人"): 0.1,
    ("个/万人", "个/千人"): 0.1,
    ("名/万人", "人/千人"): 0.1,
}


class UnitConversionError(ValueError):
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


# --- derived figures -------------------------------------------------------------------------


@dataclass(frozen=True)
class Derived:
    change: float | None = None
    relative_change: float | None = None
    annual_growth_rate: float | None = None
    improves: bool | None = None


def derive(
    baseline: Value,
    target: Value,
    baseline_value: float | None,
    target_value: float | None,
    baseline_year: int | None,
    target_year: int | None,
    direction: str,
) -> Derived:
    """Change from baseline to target. Cumulative and qualitative figures are not comparable
    with a level, so they get nothing."""
    if baseline_value is None or target_value is None or baseline.cumulative or target.cumulative:
        return Derived()
    change = target_value - baseline_value
    relative = change / baseline_value if baseline_value else None
    growth = None
    if (
        baseline_year
        and target_year
        and target_year > baseline_year
        and baseline_value > 0 < target_value
    ):
        growth = math.pow(target_value / baseline_value, 1 / (target_year - baseline_year)) - 1
    improves = None
    if direction == "higher_is_better":
        improves = change > 0
    elif direction == "lower_is_better":
        improves = change < 0
    return Derived(change, relative, growth, improves)


def plain_number(value: float) -> str:
    """A number for reading: plain notation with thousands separators, never scientific
    (125000.0 -> "125,000", 1e-07 -> "0.0000001"). Twelve significant digits: far more than
    any plan writes, so only binary noise goes (0.30000000000000004 -> "0.3")."""
    text = format(Decimal(f"{value:.12g}"), ",f")
    return "0" if text == "-0" else text
