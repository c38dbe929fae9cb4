"""The comparison model: one effective statement per region, indicator and target year, what it
asks of the region and how it stands against the nation (the rules across regions: views.py).

Rules (documented here because every report reads them from the `comparison` table):

Effective statement. A plan may state one target several times (its table and its prose). Of the
statements for one (region_id, indicator_id, target_year) the effective one is chosen by, in turn:
a number before a qualitative label; an unhedged statement before a hedged one; a bound (a floor
or a ceiling) before a point ("90%以上" in prose before a bare "90" table cell); a table row
before prose; the earliest line. The row's baseline is the effective statement's own or, when it
states none, that of the first statement in the same order that does (a plan's table states the
baseline, its prose often restates only the target). `n_statements` counts them (they are
rows of the `statements` view, `effective` marking the one chosen); `conflict` is
true when their numeric ranges cannot all hold at once (2.5 against >2.6), false for consistent
restatements (60 and ≥60; 95 and >95). Ranges are closed, because plans write 以上 and > for
the same commitment: a point and a bound, or a strict and a non-strict bound, on the same number
are consistent. Each statement's range is its `target_low` and `target_high` (NULL: unbounded),
set by one rule at ingest (plancompare.ingest.values.Value.bounds): = v → [v,v]; >= v and > v →
[v,∞); <= v and < v → (−∞,v]; a range written 1-2所 (comparator `between`) → [1,2]. Qualitative
statements do not enter the overlap test.

Reading. A bare figure (a table cell "5.5": no word before or after it) is a point, unless the
plans frame its indicator as a bound (data/raw/readings.csv: 城镇登记失业率控制在4.5%): then it
reads as that bound, a cap (<=) or a floor (>=), in every plan alike (`read_comparator`). Every
rule below, and `comparison.comparator`, sees the comparator so read; `comparison.reading` names
the reading where it was applied to the effective statement.

Ask. What the effective target asks against the baseline, in the indicator's good direction:
improve (beyond the baseline), maintain (the same point or bound as the baseline: 100 → 100; or
a target written with a "keep at" word, in its cell or right before it in the quote (保持100%,
保持在95%以上), whose row has no baseline: its own level is the baseline it keeps;
plancompare.ingest.lexicon.KEEP_AT),
already_met (a floor or ceiling the baseline already satisfies; `margin` says by how much),
decline (a point in the bad direction, or a bound that needs a move in the bad direction),
(a range, 1-2所, is already_met when the baseline lies within it, else it asks the move into it:
improve or decline by the direction, `change` to its nearer end),
unknown (no baseline, a qualitative target, a neutral direction, or baseline and target measured
over different periods). A flow (annual or cumulative) against the previous period's flow of the
same period is a commitment the baseline cannot meet, whatever its comparator: improve when
higher than the baseline in the good direction, decline when lower (24.8 → ≥18 new jobs),
maintain when equal; never already_met, no margin.

Change. Only level against level: a point target's change from the baseline; for a floor or
ceiling not yet met, the least change it requires (bound − baseline); nothing for already_met,
for totals or yearly flows, and for anything unknown.

Hedge. The plan's own softening or strengthening words for a statement (力争, 争取, 左右, 约, 基本,
原则上, 确保, 力求, in either script; plancompare.ingest.lexicon.HEDGES), looked for in target_raw
and in the quote's clause around it: the text between the nearest 。，；,;| (a table cell
boundary) on either side of target_raw, and in the head of its sentence: a word in the first
clause of the sentence (the text before its first ，or ,; a sentence ends at 。；;|) governs every
item up to the sentence's end, so 力争到2025年，A达到90%，B达到95%。 hedges both A and B (not
左右 or 约, which qualify only their own figure: lexicon.FIGURE_HEDGES); a word in another
earlier clause is not counted. Stored as written, comma-separated, or NULL. The
effective row's `hedge` also carries the hedges of the statements consistent with it (whose
ranges overlap its own, or qualitative), its own first, so that a hedge its restatement writes
stays visible.

National yardstick. Every row carries the national plan's 2025 target for its indicator
(`national_target_raw`, `national_target_value` in the catalog unit, `national_comparator`,
`national_grade`, `national_source` = "publisher, date"), from `reference` rows with
jurisdiction 'national', kind 'target', year 2025; the `national_yardstick` table holds the same
per indicator plus the latest national actual level. `vs_national` compares what each side
commits to, in the indicator's good direction. A target's commitment is the number bounding
the worst end of its range: for higher_is_better the low end (= v, >= v and > v: v), for
lower_is_better the high end (= v, <= v and < v: v); strictness is not read, as for conflicts.
A range (1-2) commits to that end too, its `target_value`: wholly above the national target it
is above, wholly below it below, and straddling it (low end below, high end above a
higher_is_better target) below, for its commitment falls short; its end on the number is at.
Then
  above  the region commits to better than the nation: 60 vs 55; 100 vs > 95;
         for lower_is_better 4 vs 5;
  at     the same number, whatever the strictness on either side: 4.5 vs 4.5; >= 55 vs 55;
         > 55 vs 55; 90 vs > 90; > 95 vs > 95; for lower_is_better < 5 vs 5;
  below  a worse commitment: 1.8 vs 4.5; 90 vs > 95;
  none   not comparable; `vs_national_reason` says why, the first that holds, in this order:
         no_target (no number), measure (a count or standard measure), period (a cumulative
         or annual target), year (a target year other than 2025), direction (a neutral
         indicator), open (the region's range is open in the good direction: a ceiling on a
         higher_is_better indicator, a floor on a lower_is_better one, which commits to
         nothing the other side can be measured against), no_national (no national target),
         national_qualitative, national_period (not a level), national_open. NULL otherwise.
"""

from __future__ import annotations

import math
import re

import polars as pl

from plancompare.common.schema import Column, Table
from plancompare.ingest import layout
from plancompare.ingest.lexicon import HEAD_HEDGE, HEDGE, KEEP_AT, alternation
from plancompare.ingest.values import CellParseError, parse_cell

ASKS = ("improve", "maintain", "already_met", "decline", "unknown")
VS_NATIONAL = ("above", "at", "below", "none")
VS_NATIONAL_REASONS = (
    "no_target",
    "measure",
    "period",
    "year",
    "direction",
    "open",
    "no_national",
    "national_qualitative",
    "national_period",
    "national_open",
)
COMPARISON_YEAR = 2025  # the plans' horizon: cross-region views compare this year unless asked

_HEDGE = re.compile(HEDGE)
_HEAD_HEDGE = re.compile(HEAD_HEDGE)
_KEEP_AT = re.compile(alternation(KEEP_AT))
_KEPT_BEFORE = re.compile(rf"(?:{alternation(KEEP_AT)})\s*$")
_CLAUSE_BREAK = re.compile(r"[。，；,;|]")
_SENTENCE_BREAK = re.compile(r"[。；;|]")
_COMMA = re.compile(r"[，,]")


def clause(target_raw: str, quote: str) -> str:
    """The part of `quote` between the nearest clause breaks around `target_raw` (the whole
    quote when target_raw is empty or not in it)."""
    start = quote.find(target_raw) if target_raw else -1
    if start < 0:
        return quote
    end = start + len(target_raw)
    before = [m.end() for m in _CLAUSE_BREAK.finditer(quote, 0, start)]
    after = _CLAUSE_BREAK.search(quote, end)
    return quote[before[-1] if before else 0 : after.start() if after else len(quote)]


def head(target_raw: str, quote: str) -> str:
    """The first clause (up to its first ，or ,) of the sentence of `quote` that holds
    `target_raw` ("" when target_raw is empty, not in it, or in that first clause itself)."""
    start = quote.find(target_raw) if target_raw else -1
    if start < 0:
        return ""
    before = [m.end() for m in _SENTENCE_BREAK.finditer(quote, 0, start)]
    sentence_start = before[-1] if before else 0
    comma = _COMMA.search(quote, sentence_start, start)
    return quote[sentence_start : comma.start()] if comma else ""


def hedges(target_raw: str | None, quote: str | None) -> str | None:
    """The hedge words of one statement, as written, comma-separated; None when there are none."""
    target_raw, quote = target_raw or "", quote or ""
    own = _HEDGE.finditer(target_raw + "\n" + clause(target_raw, quote))
    governing = _HEAD_HEDGE.finditer(head(target_raw, quote))
    found = dict.fromkeys(m.group(0) for m in (*own, *governing))
    return ",".join(found) or None


# --- ranges ---------------------------------------------------------------------------------


def value_range(row: dict) -> tuple[float, float]:
    """(low, high), closed, of the values a statement allows: its `target_low` and
    `target_high`, an unbounded end as ∓∞."""
    low, high = row["target_low"], row["target_high"]
    return (-math.inf if low is None else low), (math.inf if high is None else high)


def ranges_overlap(ranges: list[tuple[float, float]]) -> bool:
    """Whether some value lies in every closed range."""
    return max(low for low, _ in ranges) <= min(high for _, high in ranges)


def _satisfies(value: float, target: float, comparator: str) -> bool:
    return {
        ">=": value >= target,
        ">": value > target,
        "<=": value <= target,
        "<": value < target,
    }[comparator]


# --- what a target asks ---------------------------------------------------------------------


def keeps_level(target_raw: str | None, quote: str | None) -> bool:
    """Whether a target is written as a level to keep: a "keep at" word in its cell (保持100%)
    or right before the cell in the quote (普惠性幼儿园覆盖率保持100%)."""
    raw, quote = target_raw or "", quote or ""
    if _KEEP_AT.search(raw):
        return True
    start = quote.find(raw) if raw else -1
    return start > 0 and bool(_KEPT_BEFORE.search(quote[:start]))


def assess(row: dict, direction: str) -> dict:
    """ask, margin, change, relative_change and annual_growth_rate of one effective statement."""
    out = dict(
        ask="unknown", margin=None, change=None, relative_change=None, annual_growth_rate=None
    )
    baseline, target = row["baseline_value"], row["target_value"]
    comparator = row["comparator"] or "="
    if baseline is None and target is not None and direction != "neutral":
        if keeps_level(row["target_raw"], row.get("quote")):
            out["ask"] = "maintain"  # 保持100%: its own level is the baseline it keeps
        return out
    if (
        baseline is None
        or target is None
        or direction == "neutral"
        or row["period"] != row["baseline_period"]
    ):
        return out
    good = 1 if direction == "higher_is_better" else -1
    if row["period"] != "level":
        # A flow against the previous period's flow: a commitment the baseline cannot meet.
        step = good * (target - baseline)
        out["ask"] = "improve" if step > 0 else "decline" if step < 0 else "maintain"
        return out
    if comparator == "between":
        low, high = value_range(row)
        if low <= baseline <= high:
            out["ask"], out["margin"] = "already_met", abs(target - baseline)
            return out
        rise = baseline < low
        out["ask"] = "improve" if rise == (good == 1) else "decline"
        target = low if rise else high  # the change asked: into the range, to its nearer end
    elif comparator == (row["baseline_comparator"] or "=") and target == baseline:
        out["ask"] = "maintain"
    elif comparator == "=":
        out["ask"] = "improve" if good * (target - baseline) > 0 else "decline"
    elif _satisfies(baseline, target, comparator):
        out["ask"], out["margin"] = "already_met", abs(target - baseline)
        return out
    else:
        # A floor not met needs a rise, a ceiling not met a fall.
        rise = comparator in (">=", ">")
        out["ask"] = "improve" if rise == (good == 1) else "decline"
    change = target - baseline
    out["change"] = change
    out["relative_change"] = change / baseline if baseline else None
    years = (row["target_year"] or 0) - (row["baseline_year"] or 0)
    if row["baseline_year"] and years > 0 and baseline > 0 < target:
        out["annual_growth_rate"] = math.pow(target / baseline, 1 / years) - 1
    return out


# --- the national yardstick ----------------------------------------------------------------


def _commitment(value: float, comparator: str | None, direction: str) -> float | None:
    """The number bounding the worst end of a target's range, as a key that grows with goodness;
    None when its range is open in the good direction. A range's `value` is already that end."""
    comparator = comparator or "="
    if direction == "higher_is_better" and comparator in ("=", ">=", ">", "between"):
        return value
    if direction == "lower_is_better" and comparator in ("=", "<=", "<", "between"):
        return -value
    return None


def vs_national(row: dict, national: dict | None, direction: str) -> tuple[str, str | None]:
    """(verdict, reason): above, at or below, with no reason; or none, with the first of
    VS_NATIONAL_REASONS that holds, in that order. The region's effective statement `row` against
    the national target `national` (a `national_yardstick` row), by the rules in the module
    docstring."""
    region = nation = None
    if row["target_value"] is None:
        reason = "no_target"
    elif row["measure"] != "rate":
        reason = "measure"
    elif row["period"] != "level":
        reason = "period"
    elif row["target_year"] != COMPARISON_YEAR:
        reason = "year"
    elif direction == "neutral":
        reason = "direction"
    elif (region := _commitment(row["target_value"], row["comparator"], direction)) is None:
        reason = "open"
    elif national is None or (national["target_value"] is None and not national["target_raw"]):
        reason = "no_national"
    elif national["target_value"] is None:
        reason = "national_qualitative"
    elif national["target_period"] != "level":
        reason = "national_period"
    elif (
        nation := _commitment(national["target_value"], national["target_comparator"], direction)
    ) is None:
        reason = "national_open"
    else:
        return ("above" if region > nation else "at" if region == nation else "below"), None
    return "none", reason


NATIONAL_YARDSTICK = Table(
    "national_yardstick",
    (
        Column("indicator_id"),
        Column("target_year", "integer"),
        Column("target_raw"),
        Column("target_value", "number"),
        Column("target_comparator"),
        Column("target_period", choices=layout.PERIODS),
        Column("target_grade", choices=layout.GRADES),
        Column("target_source"),
        Column("latest_year", "integer"),
        Column("latest_raw"),
        Column("latest_value", "number"),
        Column("latest_comparator"),
        Column("latest_grade", choices=layout.GRADES),
        Column("latest_source"),
    ),
)


def citation(row: dict) -> str:
    """ "publisher, date" of one reference row (the publisher alone when it gives no date)."""
    return ", ".join(part for part in (row["publisher"], row["published_on"]) if part)


def yardstick_frame(reference: pl.DataFrame) -> pl.DataFrame:
    """One row per indicator with a national figure: the national plan's 2025 target and the
    latest national actual level (its year, value and citation), each with its grade."""
    national = reference.filter(pl.col("jurisdiction") == "national").sort("csv_row")
    rows: dict[str, dict] = {}
    for r in national.iter_rows(named=True):
        out = rows.setdefault(r["indicator_id"], dict.fromkeys(NATIONAL_YARDSTICK.names))
        out["indicator_id"] = r["indicator_id"]
        if r["kind"] == "target" and r["year"] == COMPARISON_YEAR and out["target_year"] is None:
            out.update(
                target_year=r["year"],
                target_raw=r["value_raw"],
                target_value=r["value"],
                target_comparator=r["comparator"],
                target_period=r["period"],
                target_grade=r["grade"],
                target_source=citation(r),
            )
        is_level = r["kind"] == "actual" and r["period"] == "level" and r["value"] is not None
        if is_level and (out["latest_year"] is None or r["year"] > out["latest_year"]):
            out.update(
                latest_year=r["year"],
                latest_raw=r["value_raw"],
                latest_value=r["value"],
                latest_comparator=r["comparator"],
                latest_grade=r["grade"],
                latest_source=citation(r),
            )
    return NATIONAL_YARDSTICK.frame(rows.values()).sort("indicator_id")


def _national_columns(row: dict, national: dict | None, direction: str) -> dict:
    national = national or dict.fromkeys(NATIONAL_YARDSTICK.names)
    verdict, reason = vs_national(row, national, direction)
    return {
        "national_target_raw": national["target_raw"],
        "national_target_value": national["target_value"],
        "national_comparator": national["target_comparator"],
        "national_grade": national["target_grade"],
        "national_source": national["target_source"],
        "vs_national": verdict,
        "vs_national_reason": reason,
    }


# --- the comparison table -------------------------------------------------------------------

READING_COMPARATORS = {"cap": "<=", "floor": ">="}


def read_comparator(row: dict, reading: str | None) -> tuple[str | None, str | None]:
    """(comparator, reading applied) of a statement: the comparator its cell writes, or, for a
    bare figure of an indicator with a reading (cap, floor), that bound."""
    if reading is None or row["target_value"] is None:
        return row["comparator"], None
    try:
        bare = parse_cell(row["target_raw"]).bare
    except CellParseError:  # validated cells parse; a hand-made frame may not
        bare = False
    return (READING_COMPARATORS[reading], reading) if bare else (row["comparator"], None)


def _preference(row: dict) -> tuple:
    """Sort key of the effective-statement rule: numeric, unhedged, bound, table, earliest line."""
    return (
        row["target_value"] is None,
        row["hedge"] is not None,
        (row["comparator"] or "=") == "=",
        row["kind"] != "table",
        row["line"],
    )


def effective_hedge(statements: list[dict]) -> str | None:
    """The hedges of the effective statement `statements[0]` and of every statement consistent
    with it (ranges that overlap its own, or either qualitative), as written, its own first."""
    best = statements[0]
    words: dict[str, None] = {}
    for s in statements:
        consistent = (
            best["target_value"] is None
            or s["target_value"] is None
            or ranges_overlap([value_range(best), value_range(s)])
        )
        if consistent and s["hedge"]:
            words.update(dict.fromkeys(s["hedge"].split(",")))
    return ",".join(words) or None


_BASELINE = (
    "baseline_year",
    "baseline_raw",
    "baseline_value",
    "baseline_comparator",
    "baseline_period",
)


def _baseline(statements: list[dict]) -> dict:
    """The baseline columns of the first statement, in preference order, that states one."""
    stated = next((s for s in statements if s["baseline_value"] is not None), statements[0])
    return {k: stated[k] for k in _BASELINE}


COMPARISON = Table(
    "comparison",
    (
        Column("region_id"),
        Column("indicator_id"),
        Column("target_year", "integer"),
        Column("period", choices=layout.PERIODS),
        Column("measure", choices=layout.MEASURES),
        Column("direction", choices=layout.DIRECTIONS),
        Column("baseline_year", "integer"),
        Column("baseline_raw"),
        Column("baseline_value", "number"),
        Column("baseline_period", choices=layout.PERIODS),
        Column("target_raw"),
        Column("target_value", "number"),
        Column("target_low", "number"),
        Column("target_high", "number"),
        Column("comparator"),
        Column("reading", choices=layout.READINGS),  # the bound a bare figure was read as
        Column("unit"),
        Column("qualitative"),
        Column("attribute"),
        Column("hedge"),
        Column("n_statements", "integer"),
        Column("conflict", "boolean"),
        Column("ask", choices=ASKS),
        Column("margin", "number"),
        Column("change", "number"),
        Column("relative_change", "number"),
        Column("annual_growth_rate", "number"),
        Column("national_target_raw"),
        Column("national_target_value", "number"),
        Column("national_comparator"),
        Column("national_grade", choices=layout.GRADES),
        Column("national_source"),
        Column("vs_national", choices=VS_NATIONAL),
        Column("vs_national_reason", choices=VS_NATIONAL_REASONS),
        Column("kind", choices=layout.KINDS),
        Column("line", "integer"),
        Column("quote"),
    ),
)


def comparison_frame(
    targets: pl.DataFrame, indicators: pl.DataFrame, yardstick: pl.DataFrame | None = None
) -> pl.DataFrame:
    """One row per (region_id, indicator_id, target_year): the effective statement, what it
    asks and how it stands against the national target (`yardstick`: see `yardstick_frame`).
    `targets` must carry `hedge` (see `hedges`)."""
    about = {r["indicator_id"]: r for r in indicators.iter_rows(named=True)}
    yardstick = yardstick if yardstick is not None else NATIONAL_YARDSTICK.frame([])
    nations = {r["indicator_id"]: r for r in yardstick.iter_rows(named=True)}
    groups: dict[tuple, list[dict]] = {}
    for row in targets.iter_rows(named=True):
        key = (row["region_id"], row["indicator_id"], row["target_year"])
        comparator, reading = read_comparator(row, about[row["indicator_id"]].get("reading"))
        groups.setdefault(key, []).append({**row, "comparator": comparator, "reading": reading})
    rows = []
    for (region_id, indicator_id, target_year), statements in groups.items():
        statements.sort(key=_preference)
        best = {**statements[0], **_baseline(statements)}
        numeric = [value_range(s) for s in statements if s["target_value"] is not None]
        indicator = about[indicator_id]
        rows.append(
            {
                "region_id": region_id,
                "indicator_id": indicator_id,
                "target_year": target_year,
                "period": best["period"],
                "measure": indicator["measure"],
                "direction": indicator["direction"],
                "baseline_year": best["baseline_year"],
                "baseline_raw": best["baseline_raw"],
                "baseline_value": best["baseline_value"],
                "baseline_period": best["baseline_period"],
                "target_raw": best["target_raw"],
                "target_value": best["target_value"],
                "target_low": best["target_low"],
                "target_high": best["target_high"],
                "comparator": best["comparator"],
                "reading": best["reading"],
                "unit": best["unit"],
                "qualitative": best["qualitative"],
                "attribute": best["attribute"],
                "hedge": effective_hedge(statements),
                "n_statements": len(statements),
                "conflict": len(numeric) > 1 and not ranges_overlap(numeric),
                **assess(best, indicator["direction"]),
                **_national_columns(
                    {**best, "measure": indicator["measure"]},
                    nations.get(indicator_id),
                    indicator["direction"],
                ),
                "kind": best["kind"],
                "line": best["line"],
                "quote": best["quote"],
            }
        )
    return COMPARISON.frame(rows).sort("region_id", "indicator_id", "target_year", nulls_last=True)
