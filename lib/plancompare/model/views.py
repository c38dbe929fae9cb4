"""The cross-region rules, as views and table macros of plans.duckdb: a SQL user gets the reports'
answers, and `query` only selects from them.

Each rule keeps its words beside its SQL: `View.words` says what its rows and outcomes mean, and
the build stores them as the view's comment (`SELECT view_name, comment FROM duckdb_views()`;
macros: `duckdb_functions()`).

Every cross-region view compares rate measures, level periods, one target year and each region's
effective statement (`comparison`) but those a curated caveat leaves out (`caveats`, ranking
'leave_out': the plan measures something else), by the values each allows (`target_low`,
`target_high`): = v allows [v,v], >= v and > v [v,∞), <= v and < v (−∞,v], a range 1-2 [1,2] (the
same number is the same commitment, whatever the strictness).
"""

from __future__ import annotations

from dataclasses import dataclass

from plancompare.model.comparison import COMPARISON_YEAR


@dataclass(frozen=True)
class View:
    """One rule: `sql` creates the view or table macro `name`; `words` explain its outcomes."""

    name: str
    words: str
    sql: str

    @property
    def kind(self) -> str:
        if self.sql.lstrip().startswith("CREATE TABLE"):
            return "TABLE"
        if not self.sql.lstrip().startswith("CREATE MACRO"):
            return "VIEW"
        return "MACRO TABLE" if " AS TABLE" in self.sql else "MACRO"

    def create(self) -> str:
        """The statements that create it and store its words as its comment."""
        words = self.words.replace("'", "''")
        return f"{self.sql.strip().rstrip(';')};\nCOMMENT ON {self.kind} {self.name} IS '{words}';"


VIEWS = (
    View(
        "coverage",
        "Every indicator × every region, all target years: `n_targets` statements, and `status` "
        "'numeric' (at least one number), 'qualitative' (words only), 'baseline only', or 'not "
        "stated'.",
        """
        CREATE VIEW coverage AS
        SELECT i.indicator_id, i.name_zh, i.name_en, i.domain, r.region_id,
               r.name_zh AS region_name_zh, r.name_en AS region_name_en,
               count(t.indicator_id) AS n_targets,
               CASE WHEN count(t.indicator_id) = 0 THEN 'not stated'
                    WHEN count(t.target_value) > 0 THEN 'numeric'
                    WHEN count(t.qualitative) > 0 THEN 'qualitative'
                    ELSE 'baseline only' END AS status
        FROM indicators i CROSS JOIN regions r
        LEFT JOIN targets t ON t.indicator_id = i.indicator_id AND t.region_id = r.region_id
        GROUP BY ALL
        ORDER BY i.domain, i.indicator_id, r.region_id
        """,
    ),
    View(
        "statement_status",
        "What a region states for an indicator: 'not stated' (no statement), 'stated' (a "
        "number), 'qualitative' (words only, such as 应保尽保), 'baseline only' (a baseline and "
        "no target).",
        """
        CREATE MACRO statement_status(stated, target_value, qualitative) AS
        CASE WHEN NOT stated THEN 'not stated'
             WHEN target_value IS NOT NULL THEN 'stated'
             WHEN qualitative IS NOT NULL THEN 'qualitative'
             ELSE 'baseline only' END
        """,
    ),
    View(
        "statements",
        "Every statement of a target; `effective` marks the one compared (a table row before "
        "prose, a number before words, a point before a bound, then the earliest line).",
        """
        CREATE VIEW statements AS
        SELECT t.region_id, t.indicator_id, t.target_year, t.target_raw, t.target_value,
               t.comparator, t.qualitative, t.period, t.attribute, t.hedge, t.kind, t.line,
               t.quote, t.notes, (t.line = c.line AND t.kind = c.kind) AS effective, c.conflict
        FROM targets t
        JOIN comparison c ON c.region_id = t.region_id AND c.indicator_id = t.indicator_id
             AND c.target_year IS NOT DISTINCT FROM t.target_year
        ORDER BY t.region_id, t.indicator_id, t.target_year, effective DESC, t.line
        """,
    ),
    View(
        "ranges_for",
        "The effective statements compared across regions in `year` (rate measures, levels, a "
        "number, no caveat leaving it out): `low` and `high` end the values each allows (NULL: "
        "unbounded). A strict bound ends where the same number's closed bound does: > 95 and 95 "
        "are the same commitment (see plancompare.model.comparison).",
        """
        CREATE MACRO ranges_for(year) AS TABLE
        SELECT c.*,
               c.target_low AS low, c.target_high AS high
        FROM comparison c
        WHERE c.measure = 'rate' AND c.period = 'level' AND c.target_year = year
          AND c.target_value IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM caveats k WHERE k.region_id = c.region_id
                          AND k.indicator_id = c.indicator_id AND k.ranking = 'leave_out')
        """,
    ),
    View(
        "compared_year_for",
        "One row per region and indicator: the target year compared, `year` where the plan "
        "states one for it, else its latest target year.",
        """
        CREATE MACRO compared_year_for(year) AS TABLE
        SELECT region_id, indicator_id, target_year FROM comparison
        WHERE target_year IS NOT NULL
        QUALIFY row_number() OVER (PARTITION BY region_id, indicator_id
                                   ORDER BY target_year = year DESC, target_year DESC) = 1
        ORDER BY region_id, indicator_id
        """,
    ),
    View(
        "compared_year",
        f"compared_year_for({COMPARISON_YEAR}): {COMPARISON_YEAR} where stated, else the "
        "latest target year.",
        f"CREATE VIEW compared_year AS SELECT * FROM compared_year_for({COMPARISON_YEAR})",
    ),
    View(
        "standing_for",
        "Each region against the others, per rate indicator two or more regions state as a "
        "level for `year` (neutral directions left out). `rank` 1 is the strongest commitment "
        "(the highest target where higher is better, the lowest where lower is better): 1 + the "
        "number of other regions that commit to better. A target commits to the worst value "
        "its range allows (a floor of 55 to 55, so 60 outranks it; a ceiling on a "
        "higher-is-better indicator to nothing); the same number is the same commitment "
        "whatever the comparator (>= 95, > 95 and 95 tie). `position` places the target from the "
        "weakest (0) to the strongest (100) of all regions' targets, 100 when all are equal; "
        "`others_weakest` and `others_strongest` are the other regions' ends, with their "
        "positions. `caveat_zh`, `caveat_en`: the curated caveat of the region's figure, if any.",
        """
        CREATE MACRO standing_for(year) AS TABLE
        WITH ranges AS (
            SELECT r.*,
                   min(r.target_value) OVER w AS least, max(r.target_value) OVER w AS most,
                   count(*) OVER w AS n_regions
            FROM ranges_for(year) r
            WHERE r.direction <> 'neutral'
            WINDOW w AS (PARTITION BY r.indicator_id)
        ), placed AS (
            SELECT *,
                   CASE WHEN most = least THEN 100
                        WHEN direction = 'lower_is_better'
                            THEN 100 * ((most - target_value) / (most - least))
                        ELSE 100 * ((target_value - least) / (most - least)) END AS position
            FROM ranges WHERE n_regions >= 2
        )
        SELECT m.region_id, i.indicator_id, i.name_zh, i.name_en, i.domain, i.unit,
               i.direction, year AS target_year, m.target_value, m.comparator, m.conflict,
               min(m.target_value) OVER others AS others_min,
               median(m.target_value) OVER others AS others_median,
               max(m.target_value) OVER others AS others_max,
               (m.n_regions - 1)::INTEGER AS n_others,
               CASE WHEN i.direction = 'lower_is_better'
                    THEN rank() OVER (PARTITION BY m.indicator_id ORDER BY m.high ASC NULLS LAST)
                    ELSE rank() OVER (PARTITION BY m.indicator_id ORDER BY m.low DESC NULLS LAST)
               END::INTEGER AS rank,
               m.position,
               arg_min(m.target_value, m.position) OVER others AS others_weakest,
               min(m.position) OVER others AS others_weakest_position,
               arg_max(m.target_value, m.position) OVER others AS others_strongest,
               max(m.position) OVER others AS others_strongest_position, k.caveat_zh, k.caveat_en
        FROM placed m
        JOIN indicators i ON i.indicator_id = m.indicator_id
        LEFT JOIN caveats k ON k.region_id = m.region_id AND k.indicator_id = m.indicator_id
        WINDOW others AS (PARTITION BY m.indicator_id ROWS BETWEEN UNBOUNDED PRECEDING
                          AND UNBOUNDED FOLLOWING EXCLUDE CURRENT ROW)
        ORDER BY m.region_id, i.domain, i.indicator_id
        """,
    ),
    View(
        "standing",
        f"standing_for({COMPARISON_YEAR}): each region against the others in {COMPARISON_YEAR}, "
        "computed once when the database is built (every region's place depends on all the "
        "others', so one region's rows cannot be computed alone).",
        f"CREATE TABLE standing AS SELECT * FROM standing_for({COMPARISON_YEAR})",
    ),
    View(
        "left_out_for",
        "Why each (indicator, region) is not compared in `year`, the first reason that holds: "
        "not stated (the plan is silent); count measure and standard measure (never ranked "
        "across regions); other target year; qualitative (no number); not a level (a yearly or "
        "five-year figure); definition differs (a caveat leaves it out); no other region to "
        "compare with. Regions compared despite "
        "conflicting statements are listed too, with left_out false.",
        """
        CREATE MACRO left_out_for(year) AS TABLE
        WITH pairs AS (
            SELECT i.indicator_id, i.measure, r.region_id,
                   count(c.region_id) AS n_years,
                   count(c.region_id) FILTER (WHERE c.target_year = year) AS n_in_year,
                   bool_or(c.target_year = year AND c.target_value IS NULL) AS qualitative,
                   bool_or(c.target_year = year AND c.period <> 'level') AS not_level,
                   bool_or(c.target_year = year AND c.conflict) AS conflict,
                   coalesce(bool_or(k.ranking = 'leave_out'), false) AS differs
            FROM indicators i CROSS JOIN regions r
            LEFT JOIN comparison c ON c.indicator_id = i.indicator_id
                 AND c.region_id = r.region_id
            LEFT JOIN caveats k ON k.indicator_id = i.indicator_id AND k.region_id = r.region_id
            GROUP BY ALL
        ), compared AS (
            SELECT indicator_id FROM ranges_for(year) GROUP BY ALL HAVING count(*) >= 2
        )
        SELECT p.indicator_id, p.region_id,
               CASE WHEN p.n_years = 0 THEN 'not stated'
                    WHEN p.measure = 'count' THEN 'count measure'
                    WHEN p.measure = 'standard' THEN 'standard measure'
                    WHEN p.n_in_year = 0 THEN 'other target year'
                    WHEN p.qualitative THEN 'qualitative'
                    WHEN p.not_level THEN 'not a level'
                    WHEN p.differs THEN 'definition differs'
                    WHEN p.indicator_id NOT IN (SELECT indicator_id FROM compared)
                        THEN 'no other region to compare with'
                    ELSE 'conflicting statements kept but flagged' END AS reason,
               p.n_years = 0 OR p.measure <> 'rate' OR p.n_in_year = 0 OR p.qualitative
                   OR p.not_level OR p.differs
                   OR p.indicator_id NOT IN (SELECT indicator_id FROM compared) AS left_out
        FROM pairs p
        WHERE p.n_years = 0 OR p.measure <> 'rate' OR p.n_in_year = 0 OR p.qualitative
           OR p.not_level OR p.differs OR p.conflict
           OR p.indicator_id NOT IN (SELECT indicator_id FROM compared)
        ORDER BY p.indicator_id, p.region_id
        """,
    ),
    View(
        "comparison_left_out",
        f"left_out_for({COMPARISON_YEAR}): who is not compared in {COMPARISON_YEAR}, and why.",
        f"CREATE VIEW comparison_left_out AS SELECT * FROM left_out_for({COMPARISON_YEAR})",
    ),
    View(
        "comparable_for",
        "Rate indicators two or more regions state as a level for `year`, with two facts about "
        "their targets. The range of commitments: `target_min` and `target_max` are the lowest "
        "and highest value stated (a floor, ceiling or point alike), `target_range` = max − min, "
        "`relative_range` = that range ÷ the mean of the values (NULL when the mean is 0); 55 "
        "and 60 are 5 apart. `ranges_overlap`: whether some value satisfies every region's "
        "range (≥ 55 and 60: yes, at 60; 90 and 97: no; > 95 and 95: yes, the same number). "
        "Largest relative "
        "range first.",
        """
        CREATE MACRO comparable_for(year) AS TABLE
        WITH ranges AS (
            SELECT r.*, count(*) OVER (PARTITION BY r.indicator_id) AS n FROM ranges_for(year) r
        )
        SELECT i.indicator_id, i.name_zh, i.name_en, i.domain, i.unit, i.direction, i.measure,
               year AS target_year,
               count(*)::INTEGER AS n_regions,
               min(r.target_value) AS target_min, max(r.target_value) AS target_max,
               max(r.target_value) - min(r.target_value) AS target_range,
               (max(r.target_value) - min(r.target_value)) / nullif(abs(avg(r.target_value)), 0)
                   AS relative_range,
               coalesce(max(r.low) <= min(r.high), true) AS ranges_overlap,
               count(*) FILTER (WHERE r.conflict)::INTEGER AS n_conflicting,
               string_agg(r.region_id, ',' ORDER BY r.region_id) AS regions
        FROM ranges r JOIN indicators i USING (indicator_id)
        WHERE r.n >= 2
        GROUP BY ALL
        ORDER BY relative_range DESC NULLS LAST, i.indicator_id
        """,
    ),
    View(
        "comparable",
        f"comparable_for({COMPARISON_YEAR}): the rate indicators compared in {COMPARISON_YEAR}.",
        f"CREATE VIEW comparable AS SELECT * FROM comparable_for({COMPARISON_YEAR})",
    ),
    View(
        "headline",
        "The headline indicators × every region: the effective statement of the year compared "
        "(compared_year); status 'not stated' where the plan is silent; the national target and "
        "the latest national level beside it; `caveat_zh`, `caveat_en`: the curated caveat, if "
        "any.",
        """
        CREATE VIEW headline AS
        WITH latest AS (
            SELECT c.* FROM comparison c
            JOIN compared_year USING (region_id, indicator_id, target_year)
        )
        SELECT r.region_id, r.name_zh AS region_name_zh, r.name_en AS region_name_en,
               i.indicator_id, i.name_zh AS indicator_name_zh,
               i.name_en AS indicator_name_en, i.unit,
               statement_status(c.region_id IS NOT NULL, c.target_value, c.qualitative)
                   AS status,
               c.baseline_year, c.baseline_raw, c.baseline_value, c.target_year, c.target_raw,
               c.target_value, c.comparator, c.period = 'cumulative' AS cumulative,
               c.qualitative, c.hedge, c.ask, c.kind, c.line, c.quote, t.notes,
               t.unit_in_source,
               coalesce(c.n_statements, 0) AS n_statements,
               coalesce(c.conflict, false) AS conflict,
               n.target_value AS national_target_value,
               n.target_comparator AS national_comparator,
               n.target_raw AS national_target_raw, n.target_grade AS national_grade,
               n.target_source AS national_source,
               coalesce(c.vs_national, 'none') AS vs_national,
               n.latest_year AS national_latest_year, n.latest_value AS national_latest_value,
               n.latest_comparator AS national_latest_comparator,
               n.latest_raw AS national_latest_raw, n.latest_grade AS national_latest_grade,
               n.latest_source AS national_latest_source, k.caveat_zh, k.caveat_en
        FROM regions r CROSS JOIN indicators i
        LEFT JOIN latest c ON c.region_id = r.region_id AND c.indicator_id = i.indicator_id
        LEFT JOIN caveats k ON k.region_id = c.region_id AND k.indicator_id = c.indicator_id
        LEFT JOIN national_yardstick n ON n.indicator_id = i.indicator_id
        LEFT JOIN targets t ON t.region_id = c.region_id AND t.indicator_id = c.indicator_id
             AND t.target_year IS NOT DISTINCT FROM c.target_year AND t.line = c.line
             AND t.kind = c.kind
        WHERE i.headline
        ORDER BY i.headline_rank, r.region_id
        """,
    ),
    View(
        "national_path",
        "The country's path on each indicator: its actual levels by year, then the national "
        f"plan's {COMPARISON_YEAR} target (`kind`), each with its citation and grade. Five-year "
        "totals and qualitative figures are left out: they are not points on a path.",
        f"""
        CREATE VIEW national_path AS
        SELECT i.name_zh, i.name_en, i.unit, i.direction, r.indicator_id, r.kind, r.year,
               r.value_raw, r.value, r.comparator, r.grade, r.publisher, r.title,
               r.published_on, r.read_at, r.notes
        FROM reference r JOIN indicators i USING (indicator_id)
        WHERE r.jurisdiction = 'national' AND r.period = 'level' AND r.value IS NOT NULL
          AND (r.kind = 'actual' OR r.year = {COMPARISON_YEAR})
        ORDER BY r.indicator_id, r.kind = 'target', r.year, r.csv_row
        """,
    ),
    # What one region's or one indicator's page reads, joined with names, caveats and the
    # national figures once at build: planning these joins cost a report more than reading
    # them (5-11 ms a query), and each is read by thousands of reports. Rows are stored by
    # region, so one region's are read together.
    View(
        "profile",
        "Everything each plan states (`pc.profile`), with names: an effective statement carries "
        "what it asks (ask, margin, change…) and its national comparison; a restatement and a "
        "qualitative row carry none; `caveat_zh`, `caveat_en`: the curated caveat, if any.",
        """
        CREATE TABLE profile AS
        SELECT t.*, r.name_zh AS region_name_zh, r.name_en AS region_name_en,
               i.name_en, i.domain, i.direction, i.definition, i.headline, i.measure,
               c.n_statements, c.conflict, c.ask, c.margin, c.change, c.relative_change,
               c.annual_growth_rate, c.vs_national, c.vs_national_reason, c.national_target_raw,
               c.national_target_value, c.national_grade, k.caveat_zh, k.caveat_en
        FROM targets t
        JOIN regions r USING (region_id)
        JOIN indicators i USING (indicator_id)
        LEFT JOIN comparison c ON c.region_id = t.region_id AND c.indicator_id = t.indicator_id
             AND c.target_year = t.target_year AND c.line = t.line
        LEFT JOIN caveats k ON k.region_id = t.region_id AND k.indicator_id = t.indicator_id
        ORDER BY t.region_id, i.domain, t.indicator_id, t.target_year, t.line
        """,
    ),
    View(
        "comparison_with_names",
        "`comparison` (`pc.comparison`) with the region's and the indicator's names and domain, "
        "the unit as the plan writes it (`unit_in_source`) and the curated caveat, if any.",
        """
        CREATE TABLE comparison_with_names AS
        SELECT c.*, r.name_zh AS region_name_zh, r.name_en AS region_name_en,
               i.name_zh, i.name_en, i.domain, t.unit_in_source, k.caveat_zh, k.caveat_en
        FROM comparison c
        JOIN regions r USING (region_id)
        JOIN indicators i USING (indicator_id)
        LEFT JOIN targets t ON t.region_id = c.region_id AND t.indicator_id = c.indicator_id
             AND t.target_year IS NOT DISTINCT FROM c.target_year AND t.line = c.line
        LEFT JOIN caveats k ON k.region_id = c.region_id AND k.indicator_id = c.indicator_id
        ORDER BY c.region_id, i.domain, c.indicator_id, c.target_year
        """,
    ),
    View(
        "nation_beside",
        f"Each region's effective statement for the year compared ({COMPARISON_YEAR}, "
        "`compared_year`) beside what the country achieved (`pc.nation_beside`): the national "
        "target for that year, the national actual it is measured by (its year, value, grade "
        "and source; else the latest national level), the status of the national target, and "
        "the next national target (十五五's 2030) where one is set. Context, not a verdict on "
        "the region: only indicators with a national outcome or a next national target.",
        f"""
        CREATE TABLE nation_beside AS
        WITH nation AS (
            SELECT * FROM attainment WHERE jurisdiction = 'national'
        ), next_target AS (
            SELECT indicator_id, year, value_raw, grade,
                   concat_ws(', ', publisher, published_on) AS source
            FROM reference
            WHERE jurisdiction = 'national' AND kind = 'target' AND year > {COMPARISON_YEAR}
            QUALIFY row_number() OVER (PARTITION BY indicator_id ORDER BY year, csv_row) = 1
        )
        SELECT c.region_id, r.name_zh AS region_name_zh, r.name_en AS region_name_en,
               c.indicator_id, i.name_zh, i.name_en, i.domain, i.unit, c.target_year,
               c.target_raw, c.target_value, c.comparator, c.line,
               y.target_raw AS national_target_raw,
               coalesce(a.actual_year, y.latest_year) AS national_actual_year,
               a.actual_as_of AS national_actual_as_of,
               coalesce(a.actual_raw, y.latest_raw) AS national_actual_raw,
               coalesce(a.actual_grade, y.latest_grade) AS national_actual_grade,
               coalesce(a.actual_source, y.latest_source) AS national_actual_source,
               a.status AS national_status, a.reason AS national_reason,
               n.year AS national_next_year, n.value_raw AS national_next_raw,
               n.grade AS national_next_grade, n.source AS national_next_source
        FROM comparison c
        JOIN compared_year USING (region_id, indicator_id, target_year)
        JOIN regions r USING (region_id)
        JOIN indicators i USING (indicator_id)
        LEFT JOIN national_yardstick y USING (indicator_id)
        LEFT JOIN nation a ON a.indicator_id = c.indicator_id
             AND a.target_year = {COMPARISON_YEAR}
        LEFT JOIN next_target n ON n.indicator_id = c.indicator_id
        WHERE coalesce(a.actual_raw, y.latest_raw) IS NOT NULL OR n.year IS NOT NULL
        ORDER BY c.region_id, i.domain, c.indicator_id
        """,
    ),
)

SQL = "\n".join(view.create() for view in VIEWS)
