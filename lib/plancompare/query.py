"""Read the built database: the small API notebooks and scripts use.

Every function returns a polars DataFrame. Region and indicator arguments accept an id, a Chinese
name in either script, or an English name; anything else raises UnknownChoiceError saying which
choices come closest ("did you mean …"). SQL always binds its parameters. The errors callers
catch (UnknownChoiceError, DatabaseError and its kinds) and `connect` are re-exported here.
"""

from __future__ import annotations

from functools import cache

import duckdb
import polars as pl

from plancompare.common import names
from plancompare.common.names import UnknownChoiceError as UnknownChoiceError
from plancompare.ingest import layout
from plancompare.model.comparison import COMPARISON_YEAR
from plancompare.store.database import REBUILD as REBUILD
from plancompare.store.database import DatabaseDamagedError as DatabaseDamagedError
from plancompare.store.database import DatabaseError as DatabaseError
from plancompare.store.database import DatabaseLockedError as DatabaseLockedError
from plancompare.store.database import DatabaseMissingError as DatabaseMissingError
from plancompare.store.database import DatabaseOutdatedError as DatabaseOutdatedError
from plancompare.store.database import connect as connect

# DuckDB threads of the default connection; None: one per core. A render's kernels use 1: the
# render already runs a worker per core, and more threads only compete with the other workers.
THREADS: int | None = None


@cache
def _default_connection() -> duckdb.DuckDBPyConnection:
    return connect(threads=THREADS)


def _sql(sql: str, params: list | dict | None = None, con=None) -> pl.DataFrame:
    return (con or _default_connection()).sql(sql, params=params).pl()


def regions(con=None) -> pl.DataFrame:
    return _sql("SELECT * FROM regions ORDER BY region_id", con=con)


def indicators(con=None) -> pl.DataFrame:
    return _sql("SELECT * FROM indicators ORDER BY domain, indicator_id", con=con)


def build_info(con=None) -> dict[str, str]:
    return dict(_sql("SELECT key, value FROM build_info", con=con).iter_rows())


def _is_id(table: str, value: str, con) -> bool:
    """Whether `value` is already an id of `table` (regions, indicators): one indexed look-up,
    however many rows the names to match would take (a 3,000-region database)."""
    column = {"regions": "region_id", "indicators": "indicator_id"}[table]
    sql = f"SELECT 1 FROM {table} WHERE {column} = ?"
    return isinstance(value, str) and not _sql(sql, [value], con=con).is_empty()


def resolve_region(value: str, con=None) -> str:
    """Region id for an id, Chinese name (either script) or English name."""
    if _is_id("regions", value, con):
        return value
    rows = _sql("SELECT region_id, name_zh, name_en FROM regions ORDER BY 1", con=con).rows()
    # A part of a name is not enough: 咸宁 could as well be a county as the prefecture 咸宁市.
    return names.resolve("region", value, rows, "plancompare regions")


def resolve_indicator(value: str, con=None) -> str:
    """Indicator id for an id, a catalog name, a name a plan uses for it, or a part of a name
    that only one indicator has (托位 -> childcare_places_per_1k)."""
    if _is_id("indicators", value, con):
        return value
    rows = _sql(
        """
        SELECT indicator_id, name_zh, name_en, NULL AS alias FROM indicators
        UNION ALL
        SELECT DISTINCT t.indicator_id, i.name_zh, i.name_en, t.name_in_source_simplified
        FROM targets t JOIN indicators i USING (indicator_id)
        ORDER BY 1
        """,
        con=con,
    ).rows()
    return names.resolve("indicator", value, rows, "plancompare indicators", unique_substring=True)


_TARGETS = """
SELECT t.*, r.name_zh AS region_name_zh, r.name_en AS region_name_en,
       i.name_en, i.domain, i.direction, i.definition, i.headline
FROM targets t
JOIN regions r USING (region_id)
JOIN indicators i USING (indicator_id)
WHERE ($region IS NULL OR t.region_id = $region)
  AND ($indicator IS NULL OR t.indicator_id = $indicator)
ORDER BY i.domain, t.indicator_id, t.region_id, t.target_year, t.line
"""


# What an analyst reads first, in this order; every other column follows, as the database has it.
# A terminal shows a polars frame's first four columns (and its last four): who, what, from, to.
READING_ORDER = (
    "region_id",
    "indicator_id",
    "baseline_raw",
    "target_raw",
    "comparator",
    "unit",
    "line",
    "quote",
    "region_name_zh",
    "name_zh",
)
# One indicator across regions: whether each plan states it matters more than the indicator's id.
COMPARE_ORDER = ("region_id", "status", *READING_ORDER[2:], "indicator_id")


def _reading_first(frame: pl.DataFrame, order: tuple[str, ...] = READING_ORDER) -> pl.DataFrame:
    first = [c for c in order if c in frame.columns]
    return frame.select(*first, pl.exclude(first))


def _filters(region: str | None, indicator: str | None, con) -> dict[str, str | None]:
    """SQL parameters $region and $indicator: the ids named, or None for every one."""
    return {
        "region": resolve_region(region, con) if region is not None else None,
        "indicator": resolve_indicator(indicator, con) if indicator is not None else None,
    }


def targets(region: str | None = None, indicator: str | None = None, con=None) -> pl.DataFrame:
    """Stated targets, optionally for one region and/or one indicator."""
    return _reading_first(_sql(_TARGETS, _filters(region, indicator, con), con=con))


_COMPARISON = """
SELECT * FROM comparison_with_names
WHERE ($region IS NULL OR region_id = $region)
  AND ($indicator IS NULL OR indicator_id = $indicator)
  AND ($target_year IS NULL OR target_year = $target_year)
ORDER BY domain, indicator_id, region_id, target_year
"""


def stated_by_several(con=None, n: int = 2) -> list[str]:
    """Indicators that at least `n` regions' plans state (any measure, any year)."""
    frame = _sql(
        """
        SELECT indicator_id FROM comparison
        GROUP BY indicator_id HAVING count(DISTINCT region_id) >= ?
        ORDER BY indicator_id
        """,
        [n],
        con=con,
    )
    return frame["indicator_id"].to_list()


def compared_indicators(con=None) -> set[str]:
    """Indicators that get a comparison page: those two or more plans state, of any measure
    (a count or a standard is shown region by region, not ranked), and the headline ones
    (always compared, even where every plan is silent)."""
    headline = _sql("SELECT indicator_id FROM indicators WHERE headline", con=con)
    return set(stated_by_several(con)) | set(headline["indicator_id"])


def indicators_with_page(con=None) -> set[str]:
    """Every indicator a plan states (and the headline ones): each has a page in the site,
    rendered by the comparison notebook (`compared_indicators`) or, stated by one plan only,
    from a template (plancompare.site.indicators)."""
    # (every compared indicator is stated or headline: comparison rows are targets' rows)
    stated = _sql(
        "SELECT indicator_id FROM targets UNION SELECT indicator_id FROM indicators WHERE headline",
        con=con,
    )
    return set(stated["indicator_id"])


def comparison(
    region: str | None = None,
    indicator: str | None = None,
    target_year: int | None = None,
    con=None,
) -> pl.DataFrame:
    """The effective statement of each (region, indicator, target year), with what it asks
    (ask, margin, change) and whether the plan's statements conflict (rules:
    plancompare.model.comparison). The one place change from baseline to target is read from."""
    params = {**_filters(region, indicator, con), "target_year": target_year}
    return _sql(_COMPARISON, params, con=con)


def statements(region: str | None = None, indicator: str | None = None, con=None) -> pl.DataFrame:
    """Every statement behind the comparison, `effective` marking the one it uses."""
    return _sql(
        """
        SELECT * FROM statements
        WHERE ($region IS NULL OR region_id = $region)
          AND ($indicator IS NULL OR indicator_id = $indicator)
        """,
        _filters(region, indicator, con),
        con=con,
    )


def national(indicator: str | None = None, con=None) -> pl.DataFrame:
    """The national yardstick: the national plan's targets and the country's actual values, each
    with its citation and source grade, optionally for one indicator."""
    indicator_id = resolve_indicator(indicator, con) if indicator is not None else None
    return _sql(
        """
        SELECT i.name_zh, i.name_en, i.domain, i.direction, r.*
        FROM reference r JOIN indicators i USING (indicator_id)
        WHERE r.jurisdiction = 'national' AND ($indicator IS NULL OR r.indicator_id = $indicator)
        ORDER BY i.domain, r.indicator_id, r.kind DESC, r.year, r.csv_row
        """,
        {"indicator": indicator_id},
        con=con,
    )


def national_path(indicator: str, con=None) -> pl.DataFrame:
    """The country's path on one indicator, for a chart: its actual levels by year, then the
    national plan's 2025 target (`kind` says which), each with its citation and source grade
    (the `national_path` view: plancompare.model.views)."""
    return _sql(
        "SELECT * FROM national_path WHERE indicator_id = ?",
        [resolve_indicator(indicator, con)],
        con=con,
    )


def compare(
    indicator: str, con=None, *, target_year: int | None = None, all_statements: bool = False
) -> pl.DataFrame:
    """One indicator across every region: one row per region holding its effective statement
    for `target_year` (default: the year `compared_year_for` picks, 2025 where stated, else the
    latest), and a `not stated` row for a region whose plan gives no figure (never dropped,
    never zero). With `all_statements`, every statement instead, `effective` marking the one
    compared."""
    indicator_id = resolve_indicator(indicator, con)
    frame = _sql(
        """
        WITH chosen AS (
            SELECT c.* FROM comparison c
            JOIN compared_year_for($year) USING (region_id, indicator_id, target_year)
            WHERE c.indicator_id = $indicator AND ($only IS NULL OR c.target_year = $only)
        ), rows AS (
            SELECT t.*, s.effective, c.conflict, c.n_statements, c.ask,
                   c.margin, c.change, c.relative_change, c.annual_growth_rate,
                   c.measure, c.vs_national, c.vs_national_reason,
                   c.national_target_raw, c.national_target_value, c.national_grade,
                   k.caveat_zh, k.caveat_en
            FROM chosen c
            LEFT JOIN caveats k ON k.region_id = c.region_id AND k.indicator_id = c.indicator_id
            JOIN statements s ON s.region_id = c.region_id AND s.indicator_id = c.indicator_id
                 AND s.target_year = c.target_year
            JOIN targets t ON t.region_id = s.region_id AND t.indicator_id = s.indicator_id
                 AND t.target_year = s.target_year AND t.line = s.line
            WHERE s.effective OR $all
        )
        SELECT r.region_id, r.name_zh AS region_name_zh, r.name_en AS region_name_en,
               statement_status(t.region_id IS NOT NULL, t.target_value, t.qualitative)
                   AS status,
               i.indicator_id, i.name_zh, i.name_en, i.unit, i.direction, i.definition,
               t.* EXCLUDE (region_id, indicator_id, name_zh, unit)
        FROM regions r
        CROSS JOIN (SELECT * FROM indicators WHERE indicator_id = $indicator) i
        LEFT JOIN rows t ON t.region_id = r.region_id
        ORDER BY r.region_id, t.effective DESC, t.line
        """,
        {
            "year": target_year or COMPARISON_YEAR,
            "only": target_year,
            "indicator": indicator_id,
            "all": all_statements,
        },
        con=con,
    )
    return _reading_first(frame, COMPARE_ORDER)


def profile(region: str, con=None) -> pl.DataFrame:
    """Everything one plan states, grouped by domain; an effective statement carries what it
    asks (ask, margin, change…), a restatement and a qualitative row carry none."""
    region_id = resolve_region(region, con)
    frame = _sql(
        "SELECT * FROM profile WHERE region_id = ? "
        "ORDER BY domain, indicator_id, target_year, line",
        [region_id],
        con=con,
    )
    return _reading_first(frame)


def standing(region: str, con=None, *, target_year: int = COMPARISON_YEAR) -> pl.DataFrame:
    """For each rate indicator this region shares with another region (level, effective
    statement, one target year): its target against the others', its direction-aware `rank`
    and `position` (the `standing_for` macro: plancompare.model.views)."""
    region_id = resolve_region(region, con)
    if target_year == COMPARISON_YEAR:  # the `standing` table: that year's, computed at build
        sql, params = "SELECT * FROM standing WHERE region_id = ?", [region_id]
    else:
        sql, params = "SELECT * FROM standing_for(?) WHERE region_id = ?", [target_year, region_id]
    return _sql(f"{sql} ORDER BY domain, indicator_id", params, con=con)


def headline(con=None) -> pl.DataFrame:
    """The three headline indicators × every region (status `not stated` where a plan is silent)."""
    return _sql("SELECT * FROM headline", con=con)


def caveats(con=None) -> pl.DataFrame:
    """The curated definitional caveats (data/raw/caveats.csv), with region and indicator
    names; `ranking` 'leave_out' rows are not compared."""
    return _sql(
        """
        SELECT k.*, r.name_zh AS region_name_zh, r.name_en AS region_name_en,
               i.name_zh AS indicator_name_zh, i.name_en AS indicator_name_en
        FROM caveats k
        JOIN regions r USING (region_id)
        JOIN indicators i USING (indicator_id)
        ORDER BY k.indicator_id, k.region_id
        """,
        con=con,
    )


def coverage(con=None) -> pl.DataFrame:
    return _sql("SELECT * FROM coverage", con=con)


def comparable(con=None, *, target_year: int = COMPARISON_YEAR) -> pl.DataFrame:
    """Rate indicators stated as a level for `target_year` by two or more regions: the range of
    their targets and whether their ranges overlap (the `comparable_for` macro:
    plancompare.model.views)."""
    return _sql("SELECT * FROM comparable_for(?)", [target_year], con=con)


def left_out(con=None, *, target_year: int = COMPARISON_YEAR) -> pl.DataFrame:
    """Why each (indicator, region) is not in `comparable` for `target_year` (and the regions
    kept despite conflicting statements, flagged)."""
    return _sql("SELECT * FROM left_out_for(?)", [target_year], con=con)


def resolve_jurisdiction(value: str, con=None) -> str:
    """`national` (or 全国, China), or a region's id for anything `resolve_region` accepts."""
    rows = _sql("SELECT region_id, name_zh, name_en FROM regions ORDER BY 1", con=con).rows()
    nation = (layout.NATIONAL, "全国", "China")
    return names.resolve("jurisdiction", value, [nation, *rows], "plancompare regions")


def attainment(
    jurisdiction: str | None = None, indicator: str | None = None, con=None
) -> pl.DataFrame:
    """Each target that has an actual value for its jurisdiction (the nation's, or a region's
    effective statement), the actual it is measured by, its `status` and, when unknown, the
    `reason` (rules: plancompare.model.attainment), with names; the nation first."""
    return _sql(
        """
        SELECT a.*, i.name_zh, i.name_en, i.domain,
               r.name_zh AS region_name_zh, r.name_en AS region_name_en
        FROM attainment a
        JOIN indicators i USING (indicator_id)
        LEFT JOIN regions r ON r.region_id = a.jurisdiction
        WHERE ($jurisdiction IS NULL OR a.jurisdiction = $jurisdiction)
          AND ($indicator IS NULL OR a.indicator_id = $indicator)
        ORDER BY a.jurisdiction <> 'national', a.jurisdiction, i.domain, a.indicator_id,
                 a.target_year
        """,
        {
            "jurisdiction": resolve_jurisdiction(jurisdiction, con)
            if jurisdiction is not None
            else None,
            "indicator": resolve_indicator(indicator, con) if indicator is not None else None,
        },
        con=con,
    )


def nation_beside(
    region: str | None = None, indicator: str | None = None, con=None
) -> pl.DataFrame:
    """Each region's effective statement for the year compared, beside what the country
    achieved: the national target for that year, the national actual it is measured by (its
    year, value, grade and source; else the latest national level), the status of the national
    target, and the next national target (十五五's 2030) where one is set. Context, not a
    verdict on the region: only indicators with a national outcome or a next national target
    (the national 2025 target alone is the comparison's `national_target_raw`)."""
    return _sql(
        """
        SELECT * FROM nation_beside
        WHERE ($region IS NULL OR region_id = $region)
          AND ($indicator IS NULL OR indicator_id = $indicator)
        ORDER BY region_id, domain, indicator_id
        """,
        _filters(region, indicator, con),
        con=con,
    )
