"""Attainment: what a plan period delivered against each target that has an actual value for its
jurisdiction (the nation's targets against the nation's actuals, a region's effective statement
against that region's actuals, from its 统计公报), and where the year has not come, whether the
pace since the base year would reach it.

Rules (the `attainment` table's comment and the method page say the same):

Which actual. Of the jurisdiction's actual values for the indicator, the first in this order: the
same period as the target (a level against a level); the target's year, else the latest year
before it, else the earliest after it; a year-end figure before one with an as-of date inside the
year (`as_of`: 托位 as of October 2025); grade A, then B, then C; the earliest row.

Reached. Whether the actual meets the target, by the target's comparator and the indicator's
direction: a floor (≥ v, > v) is met above it, a ceiling (≤ v, < v) below it, a point (= v) is a
floor where higher is better and a ceiling where lower is better. A strict bound is strict here
(unlike the cross-region rules, which read 以上 and > alike): 92.0% does not say it is above 92%.
An actual is the interval its figure can stand for: a figure written to d decimals is ± half a
unit of its last digit (92.0 → 91.95–92.05), a bound is open on its side ("95%以上" → 95 and
above). The target is met when every value of the interval meets it, not met when none does, and
otherwise `unknown`: `rounded` (92.0% against 大于92%) or `bound` ("95%以上" against 大于95%). A
figure written the same as a closed target reaches it (11.3年 against 11.3年; 96% against 96%).
Before the target year a rounded figure that cannot tell goes on to the pace; a bound stays
`unknown` (`bound`): it is no level to measure a pace from.

Status. An actual at or after the end of the target year (a year-end figure of that year or a
later one) decides: `met` or `not_met`, or `unknown` as above. Before it (an earlier year, or an
as-of date inside the target year), the pace since the base year (the year before the plan
period: 2020 for 十四五's 2025 targets, 2025 for 十五五's 2030 targets) decides, by Open SDG's
progress measure for indicators with a quantitative target (open-sdg docs/progress-methodology.md;
Statistics Canada's method, after Eurostat's): a target already reached is `achieved_early`
(Open SDG: target achieved; 提前实现); otherwise the observed compound annual growth rate since
the base year, CAGR_o = (y_t / y_0)^(1 / (t − t_0)) − 1, over the rate needed to reach the target
on time, CAGR_r = (y_T / y_0)^(1 / (T − t_0)) − 1, is R = CAGR_o / CAGR_r: `on_track` R ≥ 0.95,
`acceleration_needed` 0.6 ≤ R < 0.95, `limited_progress` 0 ≤ R < 0.6, `deterioration` R < 0. A
base that already met the target, left since, is `deterioration`. Time t counts years; an as-of
date inside a year counts from its month (2025-10: 2024 + 10/12). The base is the jurisdiction's
actual in the base year (year-end); for a region whose plan states a baseline level for that year,
the plan's own baseline when no actual is curated (`base_source` says which).

Unknown, with its reason (REASONS, the first that holds): `qualitative` (the target is words:
应保尽保), `actual_words` (the actual has no number), `cumulative` (a five-year total without a
five-year actual at the end of its period), `period` (the actual is measured over another period
than the target: a yearly figure against a level), `neutral` (the indicator has no good
direction), `rounded`, `bound`, `not_since_base` (no actual after the base year), `no_base` (no
base-year value for the pace), `not_positive` (a zero or negative value has no growth rate).

The actual's notes travel with it (`actual_notes`): a figure whose statistical scope changed, or
that awaits a check against the official page, says so there.
"""

from __future__ import annotations

import math
import re

import polars as pl

from plancompare.common.schema import Column, Table
from plancompare.ingest import layout
from plancompare.ingest.values import normalise
from plancompare.model.comparison import citation

STATUSES = (
    "met",
    "not_met",
    "achieved_early",
    "on_track",
    "acceleration_needed",
    "limited_progress",
    "deterioration",
    "unknown",
)
REASONS = (
    "qualitative",
    "actual_words",
    "cumulative",
    "period",
    "neutral",
    "rounded",
    "bound",
    "not_since_base",
    "no_base",
    "not_positive",
)
PLAN_YEARS = 5  # a five-year plan: its base year is five years before its target year
# Open SDG's thresholds on R, the observed over the required growth rate.
ON_TRACK, ACCELERATION_NEEDED = 0.95, 0.6
BASE_SOURCES = ("actual", "plan_baseline")

ATTAINMENT = Table(
    "attainment",
    (
        Column("jurisdiction"),
        Column("indicator_id"),
        Column("target_year", "integer"),
        Column("target_raw"),
        Column("target_value", "number"),
        Column("comparator"),
        Column("period", choices=layout.PERIODS),
        Column("direction", choices=layout.DIRECTIONS),
        Column("actual_year", "integer"),
        Column("actual_as_of"),
        Column("actual_raw"),
        Column("actual_value", "number"),
        Column("actual_comparator"),
        Column("status", choices=STATUSES),
        Column("reason", choices=REASONS),
        Column("base_year", "integer"),
        Column("base_value", "number"),
        Column("base_source", choices=BASE_SOURCES),
        Column("progress_ratio", "number"),  # R; NULL unless the pace decided the status
        Column("unit"),
        Column("target_source"),  # national: "publisher, date"; a region: NULL (its plan, line)
        Column("target_grade", choices=layout.GRADES),
        Column("target_line", "integer"),  # a region's plan line
        Column("actual_source"),
        Column("actual_grade", choices=layout.GRADES),
        Column("actual_read_at"),
        Column("actual_notes"),
    ),
)

WORDS = (
    "One row per target with an actual value for its jurisdiction (national targets against "
    "national actuals; a region's effective statement against that region's actuals). status: "
    "met / not_met when the actual reaches the end of the target year (comparator- and "
    "direction-aware; a rounded figure or a bound that cannot decide is unknown: rounded, "
    "bound); before it, Open SDG's progress measure from the base year (target year − 5): "
    "achieved_early, on_track (R ≥ 0.95), acceleration_needed (0.6–0.95), limited_progress "
    "(0–0.6), deterioration (< 0), R = observed ÷ required compound annual growth rate; "
    "unknown with the reason otherwise (qualitative, actual_words, cumulative, period, neutral, "
    "not_since_base, no_base, not_positive). Rules: plancompare.model.attainment."
)

_GRADE_ORDER = {grade: n for n, grade in enumerate(layout.GRADES)}
_NUMBER = re.compile(r"\d+(?:\.(\d+))?")


def moment(year: int, as_of: str | None) -> float:
    """When a figure stands, in years: the end of `year`, or the end of the month of `as_of`
    inside it (2025-10 → 2024 + 10/12)."""
    if not as_of or len(as_of) < 7:
        return float(year)
    return year - 1 + int(as_of[5:7]) / 12


def half_unit(raw: str, value_in_source: float | None, value: float) -> float:
    """Half a unit of the last digit a figure is written to, in the catalog unit (92.0 → 0.05)."""
    found = _NUMBER.search(normalise(raw).replace(",", ""))
    decimals = len(found.group(1) or "") if found else 0
    factor = value / value_in_source if value_in_source else 1.0
    return 0.5 * 10.0**-decimals * abs(factor)


def reached(actual: dict, target_value: float, comparator: str, direction: str):
    """(met, reason): True or False when the actual's interval settles the target, else None
    with 'rounded' or 'bound' (see the module docstring). `direction` is higher_is_better or
    lower_is_better: it turns a point target into a floor or a ceiling."""
    comparator = comparator or "="
    if comparator == "=":
        comparator = ">=" if direction == "higher_is_better" else "<="
    x, actual_comparator = actual["value"], actual["comparator"] or "="
    if actual_comparator == "=" and x == target_value:
        # Written the same: a closed target is reached, a strict one cannot be told.
        return (True, None) if comparator in (">=", "<=") else (None, "rounded")
    low, high, low_open, high_open = _interval(actual)
    undecided = "rounded" if actual_comparator == "=" else "bound"
    v = target_value
    if comparator in (">=", ">"):
        every = low > v or (low == v and (comparator == ">=" or low_open))
        none = high < v or (high == v and (comparator == ">" or high_open))
    else:
        every = high < v or (high == v and (comparator == "<=" or high_open))
        none = low > v or (low == v and (comparator == "<" or low_open))
    if every:
        return True, None
    if none:
        return False, None
    return None, undecided


def _interval(actual: dict) -> tuple[float, float, bool, bool]:
    """(low, high, low_open, high_open): the values an actual figure can stand for."""
    x, comparator = actual["value"], actual["comparator"] or "="
    if comparator == "=":
        h = half_unit(actual["value_raw"], actual["value_in_source"], x)
        return x - h, x + h, False, False
    if comparator in (">=", ">"):
        return x, math.inf, comparator == ">", True
    return -math.inf, x, True, comparator == "<"


def growth(value: float, base: float, years: float) -> float:
    """Compound annual growth rate from `base` to `value` over `years` (Open SDG)."""
    return (value / base) ** (1 / years) - 1


def progress(ratio: float) -> str:
    """Open SDG's category of R, the observed over the required growth rate."""
    if ratio >= ON_TRACK:
        return "on_track"
    if ratio >= ACCELERATION_NEEDED:
        return "acceleration_needed"
    if ratio >= 0:
        return "limited_progress"
    return "deterioration"


def choose_actual(target: dict, actuals: list[dict]) -> dict:
    """The actual a target is measured by, of its jurisdiction's `actuals` for the indicator
    (the order in the module docstring: period, year, year-end, grade, row)."""
    year = target["target_year"]

    def key(actual: dict) -> tuple:
        distance = actual["year"] - year
        return (
            actual["period"] != target["period"],
            0 if distance == 0 else 1 if distance < 0 else 2,
            abs(distance),
            actual["as_of"] is not None,
            _GRADE_ORDER[actual["grade"]],
            actual["csv_row"],
        )

    return min(actuals, key=key)


def assess(target: dict, actual: dict, base: tuple[float, str] | None, direction: str) -> dict:
    """status, reason and progress_ratio of one target against its chosen actual, by the rules
    in the module docstring. `base` is (base-year value, its source) or None."""
    out = {"status": "unknown", "reason": None, "progress_ratio": None}
    year = target["target_year"]
    at_end = (actual["year"] == year and actual["as_of"] is None) or actual["year"] > year
    if target["target_value"] is None:
        out["reason"] = "qualitative"
    elif actual["value"] is None:
        out["reason"] = "actual_words"
    elif target["period"] == "cumulative" and not (actual["period"] == "cumulative" and at_end):
        out["reason"] = "cumulative"
    elif actual["period"] != target["period"]:
        out["reason"] = "period"
    elif direction == "neutral":
        out["reason"] = "neutral"
    else:
        met, why = reached(actual, target["target_value"], target["comparator"], direction)
        if at_end:
            out.update(status={True: "met", False: "not_met", None: "unknown"}[met], reason=why)
        elif met:
            out["status"] = "achieved_early"
        elif why == "bound":  # a bound is no level to measure a pace from
            out["reason"] = why
        else:
            out.update(_pace(target, actual, base, direction))
    return out


def _pace(target: dict, actual: dict, base: tuple[float, str] | None, direction: str) -> dict:
    base_year = target["target_year"] - PLAN_YEARS
    t = moment(actual["year"], actual["as_of"])
    if t <= base_year:
        return {"reason": "not_since_base"}
    if base is None:
        return {"reason": "no_base"}
    y0, y, goal = base[0], actual["value"], target["target_value"]
    if min(y0, y, goal) <= 0:
        return {"reason": "not_positive"}
    good = 1 if direction == "higher_is_better" else -1
    required = growth(goal, y0, target["target_year"] - base_year)
    if required * good <= 0:  # the base already met the target, and the actual has left it
        return {"status": "deterioration"}
    ratio = growth(y, y0, t - base_year) / required
    return {"status": progress(ratio), "progress_ratio": ratio}


def _targets(reference: pl.DataFrame, comparison: pl.DataFrame) -> list[dict]:
    """Every target: the national plans' (reference rows of kind target) and each region's
    effective statement (comparison rows)."""
    national = [
        {
            "jurisdiction": r["jurisdiction"],
            "indicator_id": r["indicator_id"],
            "target_year": r["year"],
            "target_raw": r["value_raw"],
            "target_value": r["value"],
            "comparator": r["comparator"],
            "period": r["period"],
            "target_source": citation(r),
            "target_grade": r["grade"],
            "target_line": None,
            "plan_baseline": None,
        }
        for r in reference.filter(pl.col("kind") == "target").iter_rows(named=True)
    ]
    regional = [
        {
            "jurisdiction": r["region_id"],
            "indicator_id": r["indicator_id"],
            "target_year": r["target_year"],
            "target_raw": r["target_raw"],
            "target_value": r["target_value"],
            "comparator": r["comparator"],
            "period": r["period"],
            "target_source": None,
            "target_grade": None,
            "target_line": r["line"],
            "plan_baseline": (r["baseline_year"], r["baseline_value"], r["baseline_period"]),
        }
        for r in comparison.filter(pl.col("target_year").is_not_null()).iter_rows(named=True)
    ]
    return national + regional


def _base(target: dict, actuals: list[dict]) -> tuple[float, str] | None:
    base_year = target["target_year"] - PLAN_YEARS
    found = sorted(
        (
            a
            for a in actuals
            if a["year"] == base_year
            and a["as_of"] is None
            and a["period"] == "level"
            and a["value"] is not None
        ),
        key=lambda a: (_GRADE_ORDER[a["grade"]], a["csv_row"]),
    )
    if found:
        return found[0]["value"], "actual"
    year, value, period = target["plan_baseline"] or (None, None, None)
    if year == base_year and value is not None and period == "level":
        return value, "plan_baseline"
    return None


def attainment_frame(
    reference: pl.DataFrame, comparison: pl.DataFrame, indicators: pl.DataFrame
) -> pl.DataFrame:
    """One row per target that has an actual value for its jurisdiction (see the module
    docstring); `reference` is the reference table, `comparison` the comparison table."""
    about = {r["indicator_id"]: r for r in indicators.iter_rows(named=True)}
    actuals: dict[tuple, list[dict]] = {}
    for r in reference.filter(pl.col("kind") == "actual").iter_rows(named=True):
        actuals.setdefault((r["jurisdiction"], r["indicator_id"]), []).append(r)
    rows = []
    for target in _targets(reference, comparison):
        found = actuals.get((target["jurisdiction"], target["indicator_id"]))
        if not found:
            continue
        direction = about[target["indicator_id"]]["direction"]
        actual = choose_actual(target, found)
        base = _base(target, found)
        rows.append(
            {
                **{k: target[k] for k in target if k != "plan_baseline"},
                "direction": direction,
                "actual_year": actual["year"],
                "actual_as_of": actual["as_of"],
                "actual_raw": actual["value_raw"],
                "actual_value": actual["value"],
                "actual_comparator": actual["comparator"],
                **assess(target, actual, base, direction),
                "base_year": target["target_year"] - PLAN_YEARS,
                "base_value": base[0] if base else None,
                "base_source": base[1] if base else None,
                "unit": about[target["indicator_id"]]["unit"],
                "actual_source": citation(actual),
                "actual_grade": actual["grade"],
                "actual_read_at": actual["read_at"],
                "actual_notes": actual["notes"],
            }
        )
    return ATTAINMENT.frame(rows).sort(
        pl.col("jurisdiction") != layout.NATIONAL, "jurisdiction", "indicator_id", "target_year"
    )
