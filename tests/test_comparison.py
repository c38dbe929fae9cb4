"""The comparison model: effective statements, conflicts, what a target asks, hedges, and the
cross-region views that compare only like with like."""

import csv
import math

import polars as pl
import pytest
from conftest import append_to_source, write_csv
from plancompare import query
from plancompare.ingest import layout
from plancompare.ingest.values import parse_cell
from plancompare.model.comparison import (
    VS_NATIONAL_REASONS,
    assess,
    clause,
    effective_hedge,
    hedges,
    ranges_overlap,
    value_range,
    vs_national,
)
from plancompare.model.views import VIEWS
from plancompare.store.build import build


def _row(**values):
    row = dict(
        baseline_value=None,
        baseline_comparator=None,
        baseline_year=2020,
        baseline_period="level",
        target_raw=None,
        target_value=None,
        comparator="=",
        target_year=2025,
        period="level",
    )
    row.update(values)
    return row


# --- rules on small cases -------------------------------------------------------------------


def _bounded(cell: str) -> dict:
    """A statement's bounds as ingest sets them from its cell."""
    low, high = parse_cell(cell).bounds
    return {"target_low": low, "target_high": high}


@pytest.mark.parametrize(
    ("cells", "overlap"),
    [
        (["2.5", ">2.6"], False),  # xianning sports area: 2.5 against >2.6
        (["95", ">95"], True),  # a point and a bound on the same number
        (["60", "≥60"], True),  # a consistent restatement
        (["≥55", "60"], True),
        (["≤5", "≥5"], True),
        (["<5", "≥5"], True),  # a strict and a non-strict bound on the same number
        ([">95", "≥95"], True),
        (["90", "≥95"], False),
        (["1-2所", "2所"], True),  # a range and a point at its end
        (["1-2所", "3所"], False),
        (["1-2所", "2至3所"], True),  # two ranges sharing an end
        (["1-2所", "3—4所"], False),
        (["1-2所", "≥1.5所"], True),
    ],
)
def test_ranges_overlap_respects_comparators_and_ranges(cells, overlap):
    assert ranges_overlap([value_range(_bounded(c)) for c in cells]) is overlap


def test_floor_already_met_has_a_margin_and_no_change():
    # xianning infant mortality: 1.78‰ against a ceiling of 5‰
    out = assess(_row(baseline_value=1.78, target_value=5, comparator="<="), "lower_is_better")
    assert out["ask"] == "already_met"
    assert out["margin"] == pytest.approx(3.22)
    assert out["change"] is None and out["annual_growth_rate"] is None


def test_point_equal_to_the_baseline_is_maintain():
    out = assess(_row(baseline_value=100, target_value=100), "higher_is_better")
    assert out["ask"] == "maintain" and out["change"] == 0


@pytest.mark.parametrize(
    ("baseline", "target", "comparator", "direction", "ask", "change"),
    [
        (2.0, 2.42, "=", "higher_is_better", "improve", 0.42),
        (5.0, 4.0, "=", "lower_is_better", "improve", -1.0),
        (4.0, 5.0, "=", "lower_is_better", "decline", 1.0),
        (90.0, 95.0, ">=", "higher_is_better", "improve", 5.0),  # least change the floor needs
        (3.0, 4.2, "<=", "lower_is_better", "already_met", None),
        (6.0, 4.2, "<=", "higher_is_better", "decline", -1.8),
    ],
)
def test_ask_follows_direction_and_comparator(baseline, target, comparator, direction, ask, change):
    out = assess(
        _row(baseline_value=baseline, target_value=target, comparator=comparator), direction
    )
    assert out["ask"] == ask
    assert out["change"] == (None if change is None else pytest.approx(change))


def test_growth_rate_compounds_over_the_years():
    out = assess(_row(baseline_value=2.0, target_value=2.42), "higher_is_better")
    assert (1 + out["annual_growth_rate"]) ** 5 == pytest.approx(1.21)
    assert out["relative_change"] == pytest.approx(0.21)


@pytest.mark.parametrize(
    "row",
    [
        _row(baseline_value=0.25, target_value=1, period="cumulative"),  # total vs level
        _row(baseline_value=None, target_value=60),
        _row(baseline_value=100, target_value=None),
    ],
)
def test_unknown_ask_gets_no_change(row):
    out = assess(row, "higher_is_better")
    assert out["ask"] == "unknown" and out["change"] is None
    assert out["annual_growth_rate"] is None


@pytest.mark.parametrize("period", ["cumulative", "annual"])
@pytest.mark.parametrize(
    ("target", "comparator", "ask"),
    [
        (18, ">=", "decline"),  # xianning's new urban jobs, 24.8 (10,000) before, ≥18 now
        (18, "=", "decline"),
        (30, ">=", "improve"),
        (24.8, ">=", "maintain"),
        (24.8, "<=", "maintain"),
    ],
)
def test_a_flow_against_the_previous_period_s_flow_is_never_already_met(
    period, target, comparator, ask
):
    row = _row(
        baseline_value=24.8,
        target_value=target,
        comparator=comparator,
        period=period,
        baseline_period=period,
    )
    out = assess(row, "higher_is_better")
    assert out["ask"] == ask
    assert out["margin"] is None and out["change"] is None


@pytest.mark.parametrize(
    ("target_raw", "target", "comparator", "ask"),
    [
        ("保持100%", 100, "=", "maintain"),
        ("保持在95%以上", 95, ">=", "maintain"),
        ("100%", 100, "=", "unknown"),  # no baseline and no word to keep one
    ],
)
def test_keep_at_a_stated_level_is_maintain(target_raw, target, comparator, ask):
    row = _row(target_raw=target_raw, target_value=target, comparator=comparator)
    out = assess(row, "higher_is_better")
    assert out["ask"] == ask and out["change"] is None and out["margin"] is None


def test_keep_at_written_before_the_cell_in_the_quote_is_maintain(con):
    # minqin l.160 "普惠性幼儿园覆盖率保持100%": the cell is "100%", 保持 stands before it.
    row = _row(target_raw="100%", target_value=100, quote="普惠性幼儿园覆盖率保持100%")
    assert assess(row, "higher_is_better")["ask"] == "maintain"
    unrelated = _row(target_raw="100%", target_value=100, quote="保持稳定，覆盖率达到100%")
    assert assess(unrelated, "higher_is_better")["ask"] == "unknown"
    stored = con.sql(
        "SELECT ask FROM comparison WHERE region_id = 'minqin' "
        "AND indicator_id = 'inclusive_kindergarten_coverage'"
    ).fetchall()
    assert stored == [("maintain",)]


def test_keep_at_against_a_stated_baseline_follows_the_usual_rules():
    row = _row(target_raw="保持100%", baseline_value=90, target_value=100)
    assert assess(row, "higher_is_better")["ask"] == "improve"


def test_neutral_direction_is_unknown():
    assert assess(_row(baseline_value=1, target_value=2), "neutral")["ask"] == "unknown"


def test_zero_baseline_has_change_but_no_rate():
    out = assess(_row(baseline_value=0, target_value=1.8), "higher_is_better")
    assert out["change"] == pytest.approx(1.8) and not math.isnan(out["change"])
    assert out["relative_change"] is None and out["annual_growth_rate"] is None


@pytest.mark.parametrize(
    ("target_raw", "quote", "expected"),
    [
        ("2.0平方米", "人均体育场地面积力争达到2.0平方米，建成一批场馆", "力争"),
        ("95%", "到2025年，參保率爭取達到95%", "爭取"),
        ("300 萬人左右", "實現城鎮新增就業 300 萬人左右，失業率控制在5.5%以內", "左右"),
        ("5.5%以內", "實現城鎮新增就業 300 萬人左右，失業率控制在5.5%以內", None),
        ("98", "| 约束性 | 98 |", None),  # 约束性 is the attribute, not 约
        ("95%", "基本养老保险参保率达到95%", None),  # 基本 of 基本养老保险 is a name
        ("95%", "基本实现参保率95%", "基本"),
        ("60%", "确保覆盖率达到60%、力争达到60%", "确保,力争"),
        # A hedge at the head of a clause list governs every item up to 。 or ；
        ("90%", "力争到2025年，A达到90%，B达到95%。", "力争"),
        ("95%", "力争到2025年，A达到90%，B达到95%。", "力争"),
        ("95%", "到2025年，A力爭达到90%，B达到95%。", None),  # not the head
        ("98%", "力争到2025年，A达到90%；B达到98%", None),  # another sentence
        ("98%", "力争到2025年A达到90%。B基本实现98%", "基本"),
        ("95%", "爭取到2025年, A達到90%, B達到95%", "爭取"),
        ("5.5%", "就业约300万人，失业率控制在5.5%", None),  # 约 qualifies 300 alone
    ],
)
def test_hedges_are_in_the_figure_s_clause_or_its_sentence_s_head(target_raw, quote, expected):
    assert hedges(target_raw, quote) == expected


def test_clause_is_cut_at_the_nearest_punctuation():
    assert clause("2.6", "力争到2025年，面积达到2.6；其他") == "面积达到2.6"
    assert clause("", "甲，乙") == "甲，乙"


# --- built from a small data directory ------------------------------------------------------


def _set_measure(root, indicator_id, measure):
    path = root / "catalog.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        if row["indicator_id"] == indicator_id:
            row["measure"] = measure
    write_csv(path, layout.CATALOG_COLUMNS, [[r[c] for c in layout.CATALOG_COLUMNS] for r in rows])


def _add_statement(root, region, line_text, **cells):
    """Append `line_text` to the region's source and a prose row stating it on that line."""
    source = append_to_source(root, f"{region}.txt", line_text + "\n")
    text = source.read_text(encoding="utf-8")
    row = dict.fromkeys(layout.TARGET_COLUMNS, "")
    row.update(target_year="2025", period="level", kind="prose", quote=line_text)
    row.update(line=str(text.count("\n")), **cells)
    path = root / "targets" / f"{region}.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    write_csv(
        path, layout.TARGET_COLUMNS, [[r[c] for c in layout.TARGET_COLUMNS] for r in [*rows, row]]
    )


def _con(root, tmp_path):
    db = tmp_path / "mini.duckdb"
    build(root, db, draft=True)
    return query.connect(db)


def test_conflicting_statements_give_one_effective_row(mini_data, tmp_path):
    _add_statement(
        mini_data,
        "b",
        "力爭護理型床位佔比達到45%",
        indicator_id="nursing_bed_share",
        name_in_source="護理型床位佔比",
        unit_in_source="%",
        target_raw="45%",
    )
    con = _con(mini_data, tmp_path)
    frame = query.comparison("b", "nursing_bed_share", con=con)
    assert frame.height == 1
    row = frame.row(0, named=True)
    # Both prose and numeric: the unhedged floor (不低於50%) wins over the hedged point (45%),
    # whose hedge stays its own: it conflicts with the floor.
    assert (row["target_raw"], row["n_statements"], row["conflict"]) == ("不低於50%", 2, True)
    assert row["hedge"] is None
    every = query.compare("nursing_bed_share", con, all_statements=True)
    assert every.filter(pl.col("region_id") == "b")["effective"].to_list() == [True, False]
    assert every.filter(pl.col("region_id") == "b")["target_raw"][1] == "45%"
    assert query.compare("nursing_bed_share", con).height == 2  # one row per region


def test_consistent_restatement_is_not_a_conflict(mini_data, tmp_path):
    _add_statement(
        mini_data,
        "a",
        "护理型床位占比达到60%",
        indicator_id="nursing_bed_share",
        name_in_source="护理型床位占比",
        unit_in_source="%",
        target_raw="60%",
    )
    con = _con(mini_data, tmp_path)
    row = query.comparison("a", "nursing_bed_share", con=con).row(0, named=True)
    # 60% restates ≥55% consistently; the floor, a bound, is the effective statement.
    assert (row["target_value"], row["n_statements"], row["conflict"]) == (55, 2, False)


def test_a_bound_in_prose_is_effective_before_a_bare_table_cell(mini_data, tmp_path):
    _add_statement(
        mini_data,
        "a",
        "| 养老机构护理型床位占比 | 55 |",
        indicator_id="nursing_bed_share",
        name_in_source="养老机构护理型床位占比",
        unit_in_source="%",
        target_raw="55",
        kind="table",
        baseline_year="2020",
        baseline_raw="50",
        baseline_period="level",
    )
    row = query.comparison("a", "nursing_bed_share", con=_con(mini_data, tmp_path)).row(
        0, named=True
    )
    assert (row["target_raw"], row["kind"], row["conflict"]) == ("55%以上", "prose", False)
    # The prose states no baseline: the row takes the table's, and asks against it.
    assert (row["baseline_value"], row["ask"], row["change"]) == (50, "improve", 5)


def test_unhedged_statement_wins_and_keeps_a_consistent_one_s_hedge(mini_data, tmp_path):
    _add_statement(
        mini_data,
        "a",
        "养老机构护理型床位占比力争达到60%",
        indicator_id="nursing_bed_share",
        name_in_source="养老机构护理型床位占比",
        unit_in_source="%",
        target_raw="60%",
    )
    row = query.comparison("a", "nursing_bed_share", con=_con(mini_data, tmp_path)).row(
        0, named=True
    )
    assert (row["target_raw"], row["hedge"], row["conflict"]) == ("55%以上", "力争", False)


def _statement(value, comparator="=", hedge=None):
    sign = {">=": "≥", "<=": "≤", "=": ""}.get(comparator, comparator)
    bounds = _bounded(f"{sign}{value}") if value is not None else _bounded("")
    return {"target_value": value, "comparator": comparator, "hedge": hedge, **bounds}


@pytest.mark.parametrize(
    ("statements", "expected"),
    [
        ([_statement(55, ">="), _statement(60, hedge="力争")], "力争"),
        ([_statement(55, ">=", "确保"), _statement(60, hedge="力争,确保")], "确保,力争"),
        ([_statement(55, ">="), _statement(45, hedge="力爭")], None),  # a conflict: not added
        ([_statement(100), _statement(None, None, "基本")], "基本"),  # qualitative: consistent
        ([_statement(100)], None),
    ],
)
def test_effective_hedge_is_the_union_of_consistent_statements(statements, expected):
    assert effective_hedge(statements) == expected


def _more_than_b(mini_data, tmp_path):
    """Region a states 超过2.6平方米 (> 2.6) where b states 2.6平方米 (= 2.6)."""
    _add_statement(
        mini_data,
        "a",
        "人均体育场地面积超过2.6平方米",
        indicator_id="sports_area_per_capita",
        name_in_source="人均体育场地面积",
        unit_in_source="平方米",
        target_raw="超过2.6平方米",
    )
    return _con(mini_data, tmp_path)


def test_floors_that_overlap_differ_by_their_range(mini_data, tmp_path):
    con = _con(mini_data, tmp_path)
    comparable = query.comparable(con).filter(pl.col("indicator_id") == "nursing_bed_share")
    row = comparable.row(0, named=True)
    # ≥55% and ≥50%: both can hold at 55%, yet the commitments are 5 apart.
    assert (row["target_min"], row["target_max"], row["target_range"]) == (50, 55, 5)
    assert row["relative_range"] == pytest.approx(5 / 52.5) and row["ranges_overlap"]


def test_a_strict_bound_and_the_same_point_overlap(mini_data, tmp_path):
    con = _more_than_b(mini_data, tmp_path)
    row = con.sql(
        "SELECT target_range, ranges_overlap FROM comparable "
        "WHERE indicator_id = 'sports_area_per_capita'"
    ).fetchall()[0]
    assert row == (0, True)  # > 2.6 and = 2.6: the same number, the same commitment


def test_a_strict_bound_and_the_same_point_tie(mini_data, tmp_path):
    con = _more_than_b(mini_data, tmp_path)
    ranks = dict(
        con.sql(
            "SELECT region_id, rank FROM standing WHERE indicator_id = 'sports_area_per_capita'"
        ).fetchall()
    )
    assert ranks == {"a": 1, "b": 1}  # > 2.6 and = 2.6 commit to the same number


def test_counts_never_enter_a_cross_region_ranking(mini_data, tmp_path):
    _set_measure(mini_data, "nursing_bed_share", "count")
    con = _con(mini_data, tmp_path)
    assert "nursing_bed_share" not in query.comparable(con)["indicator_id"].to_list()
    reasons = query.left_out(con).filter(pl.col("indicator_id") == "nursing_bed_share")
    assert set(reasons["reason"]) == {"count measure"} and reasons.height == 2
    assert query.standing("a", con).height == 0


def test_other_target_year_is_left_out_with_its_reason(mini_data, tmp_path):
    _add_statement(
        mini_data,
        "b",
        "到2023年人均體育場地面積達到2.2平方米",
        indicator_id="sports_area_per_capita",
        name_in_source="人均體育場地面積",
        unit_in_source="平方米",
        target_raw="2.2平方米",
        target_year="2023",
    )
    con = _con(mini_data, tmp_path)
    assert query.comparison("b", "sports_area_per_capita", con=con).height == 2  # 2023, 2025
    assert query.comparable(con, target_year=2023).height == 0
    reasons = query.left_out(con, target_year=2023)
    row = reasons.filter(pl.col("indicator_id") == "sports_area_per_capita")
    assert row.filter(pl.col("region_id") == "b")["reason"].to_list() == [
        "no other region to compare with"
    ]


def test_missing_measure_names_the_choices(mini_data):
    from plancompare.ingest.validate import validate

    _set_measure(mini_data, "nursing_bed_share", "ratio")
    problems = [str(p) for p in validate(mini_data, draft=True).problems]
    assert len(problems) == 1
    assert "catalog.csv:3:measure" in problems[0] and "rate, count, standard" in problems[0]


# --- on the curated data --------------------------------------------------------------------


def _one(con, region, indicator, year=2025):
    frame = query.comparison(region, indicator, year, con=con)
    assert frame.height == 1
    return frame.row(0, named=True)


def test_comparison_has_one_row_per_region_indicator_and_year(con):
    frame = query.comparison(con=con)
    assert frame.select("region_id", "indicator_id", "target_year").is_unique().all()
    keys = con.sql("SELECT DISTINCT region_id, indicator_id, target_year FROM targets").pl()
    assert frame.height == keys.height


def test_xianning_sports_area_table_and_prose_conflict(con):
    row = _one(con, "xianning", "sports_area_per_capita")
    assert (row["kind"], row["line"], row["target_raw"]) == ("table", 101, ">2.6")
    assert row["conflict"] is True and row["n_statements"] == 2
    assert "other_statements" not in row
    [other] = (
        query.statements("xianning", "sports_area_per_capita", con)
        .filter(~pl.col("effective"))
        .to_dicts()
    )
    assert (other["kind"], other["line"], other["target_raw"]) == ("prose", 189, "2.5平方米")


def test_every_plans_unemployment_cap_reads_alike(con):
    # xianning's bare table cell 5.5 (l.85) reads as a ceiling like dayao's [≤4.2]: the plans
    # frame the rate with 控制在 (data/raw/readings.csv), so 4.5 → 5.5 is a cap already met.
    xianning = _one(con, "xianning", "urban_registered_unemployment_rate")
    assert (xianning["target_raw"], xianning["comparator"], xianning["reading"]) == (
        "5.5",
        "<=",
        "cap",
    )
    assert (xianning["ask"], xianning["margin"], xianning["change"]) == ("already_met", 1.0, None)
    dayao = _one(con, "dayao", "urban_registered_unemployment_rate")
    assert (dayao["comparator"], dayao["reading"]) == ("<=", None)  # its cell writes ≤


def test_a_renovation_flow_is_compared_as_a_flow(con):
    row = _one(con, "minqin", "old_community_renovation")
    assert (row["baseline_period"], row["period"]) == ("cumulative", "cumulative")
    assert (row["ask"], row["change"], row["relative_change"]) == ("improve", None, None)


def test_a_bound_and_a_point_on_the_same_number_are_no_conflict(con):
    row = _one(con, "xianning", "basic_pension_coverage")  # >95 in the table, 95% in prose
    assert row["n_statements"] == 2 and row["conflict"] is False


def test_xianning_immunization_bound_in_prose_beats_the_bare_table_cell(con):
    row = _one(con, "xianning", "immunization_rate")
    assert (row["kind"], row["line"], row["target_raw"]) == ("prose", 143, "90%以上")


def test_xianning_nursing_beds_take_the_table_s_baseline_for_the_prose_target(con):
    row = _one(con, "xianning", "nursing_bed_share")
    assert (row["kind"], row["target_raw"], row["baseline_raw"]) == ("prose", "60%以上", "34")
    assert row["ask"] == "improve" and row["change"] == pytest.approx(26)


def test_xianning_infant_mortality_is_already_met(con):
    row = _one(con, "xianning", "infant_mortality")
    assert row["ask"] == "already_met" and row["margin"] == pytest.approx(3.22)
    assert row["change"] is None and row["annual_growth_rate"] is None


def test_minqin_pension_coverage_is_already_met(con):
    row = _one(con, "minqin", "basic_pension_coverage")
    assert (row["baseline_value"], row["comparator"], row["target_value"]) == (98.24, ">=", 95)
    assert row["ask"] == "already_met" and row["margin"] == pytest.approx(3.24)


def test_hundred_to_hundred_is_maintain(con):
    row = _one(con, "minqin", "orphan_support_coverage")
    assert (row["baseline_value"], row["target_value"], row["ask"]) == (100, 100, "maintain")


def test_five_year_total_against_a_level_baseline_gets_no_growth(con):
    row = _one(con, "minqin", "urban_new_jobs")
    assert (row["period"], row["baseline_period"]) == ("cumulative", "level")
    assert row["ask"] == "unknown"
    assert row["change"] is None and row["annual_growth_rate"] is None


def test_headline_keeps_fifteen_rows_with_conflict(con):
    headline = query.headline(con)
    assert headline.height == 15
    flagged = headline.filter(pl.col("conflict"))
    assert flagged.select("region_id", "indicator_id").rows() == [
        ("xianning", "sports_area_per_capita")
    ]


def test_every_cross_region_rule_keeps_its_words_in_the_database(con):
    comments = dict(
        con.sql(
            """
            SELECT view_name, comment FROM duckdb_views() WHERE NOT internal
            UNION ALL
            SELECT table_name, comment FROM duckdb_tables() WHERE comment IS NOT NULL
            UNION ALL
            SELECT DISTINCT function_name, comment FROM duckdb_functions()
            WHERE function_type IN ('table_macro', 'macro') AND NOT internal
            """
        ).fetchall()
    )
    assert {view.name: view.words for view in VIEWS}.items() <= comments.items()
    assert all(view.words for view in VIEWS)


def test_compared_year_is_2025_where_stated_else_the_latest(con):
    years = dict(
        con.sql(
            """
            SELECT region_id || ':' || indicator_id, target_year FROM compared_year
            WHERE region_id IN ('guizhou', 'wuzhong', 'xianning')
            """
        ).fetchall()
    )
    assert years["guizhou:skills_education_dual_upgrade_participants"] == 2025  # 2023 and 2025
    assert years["wuzhong:elderly_facility_compliance"] == 2023  # 2023 only
    assert years["xianning:county_extreme_poor_care_facility_per_county"] == 2022
    wuzhong = query.compare("elderly_facility_compliance", con).filter(
        pl.col("region_id") == "wuzhong"
    )
    assert wuzhong["target_year"].to_list() == [2023]


def test_standing_ranks_a_lower_is_better_indicator_lowest_first(con):
    rows = con.sql(
        """
        SELECT region_id, target_raw, rank, position FROM standing
        JOIN comparison USING (region_id, indicator_id, target_year)
        WHERE indicator_id = 'urban_registered_unemployment_rate' ORDER BY rank
        """
    ).fetchall()
    # 登记失业率 ≤4.2 (大姚县) commits to less unemployment than 5.5 (咸宁市).
    assert rows == [("dayao", "[≤4.2]", 1, 100.0), ("xianning", "5.5", 2, 0.0)]


def test_standing_ranks_by_commitment_and_ties_the_same_number(con):
    ranks = dict(
        con.sql(
            "SELECT region_id, rank FROM standing WHERE indicator_id = 'nursing_bed_share'"
        ).fetchall()
    )
    # ≥55% (民勤县) commits to 55; 60% (吴忠市, 咸宁市) to 60: the two 60s tie ahead of it.
    assert ranks == {"minqin": 3, "wuzhong": 1, "xianning": 1}
    points = dict(
        con.sql(
            "SELECT region_id, rank FROM standing WHERE indicator_id = 'preschool_gross_enrolment'"
        ).fetchall()
    )
    # 97 (民勤县); 95, 95 and ≥95 (大姚县): the same number, one rank.
    assert points == {"minqin": 1, "wuzhong": 2, "xianning": 2, "dayao": 2}


def test_comparable_gives_the_range_and_the_overlap_of_different_targets(con):
    rows = {
        r[0]: r[1:]
        for r in con.sql(
            """
            SELECT indicator_id, target_min, target_max, target_range, relative_range,
                   ranges_overlap
            FROM comparable
            WHERE indicator_id IN ('nursing_bed_share', 'maternal_mortality',
                                   'preschool_gross_enrolment', 'infant_mortality')
            """
        ).fetchall()
    }
    # ≥55% (民勤县) and 60% (吴忠市, 咸宁市): 5 apart, and 60 meets all three.
    assert rows["nursing_bed_share"][:3] == (55, 60, 5)
    assert rows["nursing_bed_share"][3] == pytest.approx(5 / ((55 + 60 + 60) / 3))
    assert rows["nursing_bed_share"][4] is True
    # <15 (大姚县) and ≤10 (咸宁市) per 100,000: 5 apart, both hold at 10.
    assert rows["maternal_mortality"][:3] == (10, 15, 5) and rows["maternal_mortality"][4]
    # ≥95 (大姚县), 95, 95 and 97: 2 apart, no value meets the points 95 and 97.
    assert rows["preschool_gross_enrolment"][2] == 2 and not rows["preschool_gross_enrolment"][4]
    # <5 and ≤5: the same number, so a range of 0, and they overlap.
    assert rows["infant_mortality"][2:3] == (0,) and rows["infant_mortality"][4]


def test_comparable_never_puts_zero_beside_two_different_targets(con):
    comparable = query.comparable(con)
    apart = comparable.filter(pl.col("target_min") != pl.col("target_max"))
    assert apart.height and (apart["target_range"] > 0).all()
    assert (apart["relative_range"] > 0).all()
    ranges = comparable["relative_range"].to_list()
    assert ranges == sorted(ranges, reverse=True)


def test_comparable_holds_rate_levels_of_one_year_only(con):
    comparable = query.comparable(con)
    measures = dict(con.sql("SELECT indicator_id, measure FROM indicators").fetchall())
    assert comparable.height > 0
    assert {measures[i] for i in comparable["indicator_id"]} == {"rate"}
    assert set(comparable["target_year"]) == {2025} and comparable["n_regions"].min() >= 2
    assert "urban_new_jobs" not in comparable["indicator_id"].to_list()


def test_left_out_says_why(con):
    reasons = query.left_out(con)
    jobs = reasons.filter(
        pl.col("indicator_id") == "urban_new_jobs", pl.col("reason") != "not stated"
    )
    assert set(jobs["reason"]) == {"count measure"}
    kept = reasons.filter(~pl.col("left_out"))
    assert set(kept["reason"]) == {"conflicting statements kept but flagged"}


def test_compare_draws_a_restating_region_once(con):
    frame = query.compare("nursing_bed_share", con)
    assert frame.filter(pl.col("region_id") == "xianning").height == 1
    every = query.compare("nursing_bed_share", con, all_statements=True)
    assert every.filter(pl.col("region_id") == "xianning").height == 3


# --- the national yardstick -----------------------------------------------------------------


def _national(value, comparator="=", period="level", raw="55%"):
    return {
        "target_raw": raw,
        "target_value": value,
        "target_comparator": comparator,
        "target_period": period,
    }


@pytest.mark.parametrize(
    ("target", "comparator", "national", "direction", "expected"),
    [
        (55, ">=", _national(55), "higher_is_better", "at"),
        (55, ">", _national(55), "higher_is_better", "at"),  # the same number: strictness aside
        (60, "=", _national(55), "higher_is_better", "above"),
        (100, "=", _national(95, ">"), "higher_is_better", "above"),
        (50, "=", _national(55), "higher_is_better", "below"),
        (90, "=", _national(90, ">"), "higher_is_better", "at"),
        (90, ">=", _national(90, ">"), "higher_is_better", "at"),
        (90, "=", _national(95, ">"), "higher_is_better", "below"),
        (95, ">", _national(95, ">"), "higher_is_better", "at"),
        (4, "=", _national(5), "lower_is_better", "above"),
        (6, "=", _national(5), "lower_is_better", "below"),
        (5, "<", _national(5), "lower_is_better", "at"),
        (5, "<=", _national(5, "<"), "lower_is_better", "at"),
        (5, "<=", _national(5), "higher_is_better", "none"),  # a cap commits to no level
        (5, "=", _national(5), "neutral", "none"),
        (5, "=", _national(5, period="cumulative"), "higher_is_better", "none"),
        (5, "=", _national(None), "higher_is_better", "none"),
        (5, "=", None, "higher_is_better", "none"),
    ],
)
def test_vs_national_follows_direction_and_comparator(
    target, comparator, national, direction, expected
):
    row = _row(target_value=target, comparator=comparator, measure="rate")
    assert vs_national(row, national, direction)[0] == expected


@pytest.mark.parametrize(
    "changes",
    [
        {"measure": "count"},
        {"measure": "standard"},
        {"period": "cumulative"},
        {"period": "annual"},
        {"target_year": 2023},
        {"target_value": None},
    ],
)
def test_vs_national_is_none_when_not_like_with_like(changes):
    row = _row(target_value=60, measure="rate") | changes
    assert vs_national(row, _national(55), "higher_is_better")[0] == "none"


@pytest.mark.parametrize(
    ("changes", "national", "direction", "reason"),
    [
        ({"target_value": None, "measure": "count"}, None, "neutral", "no_target"),
        ({"measure": "count", "period": "annual"}, None, "higher_is_better", "measure"),
        ({"period": "cumulative", "target_year": 2023}, None, "higher_is_better", "period"),
        ({"target_year": 2023}, None, "neutral", "year"),
        ({"comparator": "<="}, None, "neutral", "direction"),
        ({"comparator": "<="}, None, "higher_is_better", "open"),
        ({"comparator": ">="}, _national(5), "lower_is_better", "open"),
        ({}, None, "higher_is_better", "no_national"),
        ({}, _national(None, raw=None), "higher_is_better", "no_national"),
        ({}, _national(None, raw="应保尽保"), "higher_is_better", "national_qualitative"),
        ({}, _national(55, period="cumulative"), "higher_is_better", "national_period"),
        ({}, _national(55, "<="), "higher_is_better", "national_open"),
        ({}, _national(55), "higher_is_better", None),
    ],
)
def test_vs_national_names_the_first_reason_it_cannot_compare(changes, national, direction, reason):
    row = _row(target_value=60, measure="rate") | changes
    verdict, why = vs_national(row, national, direction)
    assert why == reason and (verdict == "none") == (reason is not None)
    assert reason is None or reason in VS_NATIONAL_REASONS


@pytest.mark.parametrize(
    ("region", "indicator", "expected"),
    [
        ("xianning", "childcare_places_per_1k", "at"),  # 4.5 vs 4.5
        ("minqin", "childcare_places_per_1k", "below"),  # 1.8 vs 4.5
        ("minqin", "nursing_bed_share", "at"),  # ≥55% vs 55%
        ("wuzhong", "nursing_bed_share", "above"),  # 60% vs 55%
        ("xianning", "basic_pension_coverage", "at"),  # >95 vs 95%
        ("xianning", "sports_area_per_capita", "at"),  # >2.6 vs 2.6平方米
        ("minqin", "basic_medical_insurance_coverage", "at"),  # >95% vs 大于95%
        ("dayao", "preschool_gross_enrolment", "above"),  # 95%以上 (prose, a bound) vs 大于90%
        ("minqin", "vocational_training", "none"),  # a count, and a five-year total
        ("minqin", "orphan_support_coverage", "none"),  # national 应保尽保
        ("guizhou", "disability_subsidy_coverage", "none"),  # 全覆蓋: qualitative
        ("wuzhong", "elderly_facility_compliance", "none"),  # target year 2023
        ("xianning", "infant_mortality", "none"),  # no national target
    ],
)
def test_vs_national_on_the_curated_plans(con, region, indicator, expected):
    [row] = query.comparison(region=region, indicator=indicator, con=con).to_dicts()
    assert row["vs_national"] == expected
    assert (row["vs_national_reason"] is None) == (expected != "none")


def test_every_row_cites_the_national_target_it_is_measured_against(con):
    compared = query.comparison(con=con).filter(pl.col("vs_national") != "none")
    assert compared.height > 0
    assert compared["national_grade"].is_in(["A", "B", "C"]).all()
    assert compared["national_source"].str.contains(r"\d{4}").all()
    nursing = query.comparison(indicator="nursing_bed_share", region="minqin", con=con)
    assert nursing["national_target_value"].to_list() == [55.0]


def test_headline_carries_the_national_yardstick_as_columns(con):
    headline = query.headline(con)
    assert headline.height == 15
    for indicator_id, rows in headline.group_by("indicator_id"):
        assert rows["national_target_value"].null_count() == 0, indicator_id
        assert rows["national_latest_year"].null_count() == 0, indicator_id
        assert rows["national_latest_grade"].is_in(["A", "B", "C"]).all()
    silent = headline.filter(pl.col("status") == "not stated")
    assert (silent["vs_national"] == "none").all()
    nursing = headline.filter(pl.col("indicator_id") == "nursing_bed_share").row(0, named=True)
    assert (nursing["national_latest_year"], nursing["national_latest_value"]) == (2024, 65.7)


def test_a_leave_out_caveat_takes_the_row_out_of_the_ranking_with_its_reason(mini_data, tmp_path):
    write_csv(
        mini_data / "caveats.csv",
        layout.CAVEAT_COLUMNS,
        [["b", "nursing_bed_share", "2", "leave_out", "口径不同。", "Counted otherwise."]],
    )
    con = _con(mini_data, tmp_path)
    assert (
        query.comparable(con=con).filter(pl.col("indicator_id") == "nursing_bed_share").is_empty()
    )
    assert query.standing("a", con=con).is_empty()
    left = query.left_out(con=con).filter(pl.col("indicator_id") == "nursing_bed_share")
    assert left.select("region_id", "reason", "left_out").rows() == [
        ("a", "no other region to compare with", True),
        ("b", "definition differs", True),
    ]
    row = query.compare("nursing_bed_share", con=con).filter(pl.col("region_id") == "b")
    assert row.select("caveat_zh", "caveat_en").row(0) == ("口径不同。", "Counted otherwise.")
    headline = query.headline(con=con).filter(
        (pl.col("region_id") == "b") & (pl.col("indicator_id") == "nursing_bed_share")
    )
    assert headline["caveat_en"].to_list() == ["Counted otherwise."]


def test_a_kept_caveat_stays_ranked_and_travels_with_the_standing(mini_data, tmp_path):
    write_csv(
        mini_data / "caveats.csv",
        layout.CAVEAT_COLUMNS,
        [["b", "nursing_bed_share", "2", "keep", "口径不同。", "Counted otherwise."]],
    )
    con = _con(mini_data, tmp_path)
    standing = query.standing("b", con=con)
    assert standing.select("indicator_id", "caveat_en").rows() == [
        ("nursing_bed_share", "Counted otherwise.")
    ]
    assert query.standing("a", con=con)["caveat_en"].to_list() == [None]
    assert query.profile("b", con=con).filter(pl.col("indicator_id") == "nursing_bed_share")[
        "caveat_zh"
    ].to_list() == ["口径不同。"]


def test_a_bare_figure_reads_as_the_bound_its_indicator_is_framed_with(mini_data, tmp_path):
    before = query.comparison(con=_con(mini_data, tmp_path))
    (mini_data / "readings.csv").write_text(
        "indicator_id,reading,note\n"
        "childcare_places_per_1k,floor,plans write 不低于 for it\n"
        "nursing_bed_share,floor,plans write 不低于 for it\n",
        encoding="utf-8",
    )
    (tmp_path / "again").mkdir()
    after = query.comparison(con=_con(mini_data, tmp_path / "again"))
    pick = ["region_id", "indicator_id", "target_raw", "comparator", "reading"]
    old = {(r["region_id"], r["indicator_id"]): r for r in before.select(pick).to_dicts()}
    new = {(r["region_id"], r["indicator_id"]): r for r in after.select(pick).to_dicts()}
    # a's table cell "3" is bare: a point before, a floor now, and the row says why.
    assert (
        old["a", "childcare_places_per_1k"]["comparator"],
        old["a", "childcare_places_per_1k"]["reading"],
    ) == ("=", None)
    assert (
        new["a", "childcare_places_per_1k"]["comparator"],
        new["a", "childcare_places_per_1k"]["reading"],
    ) == (">=", "floor")
    # A figure with its own comparator word (55%以上, 不低於50%) is read as written.
    for region in ("a", "b"):
        assert new[region, "nursing_bed_share"] == old[region, "nursing_bed_share"]
        assert new[region, "nursing_bed_share"]["reading"] is None
    # An indicator without a reading is untouched, bare or not (b's 2.6平方米).
    assert new["b", "sports_area_per_capita"] == old["b", "sports_area_per_capita"]


# --- ranges (1-2所) ---------------------------------------------------------------------------


def _range_row(cell: str, direction: str, **values) -> dict:
    """A level statement of `cell` as ingest stores it: the committed bound in target_value."""
    parsed = parse_cell(cell)
    low, high = parsed.bounds
    committed = high if direction == "lower_is_better" else low
    return _row(
        target_raw=cell,
        target_value=committed,
        comparator=parsed.comparator,
        measure="rate",
        **_bounded(cell),
        **values,
    )


@pytest.mark.parametrize(
    ("cell", "national", "direction", "expected"),
    [
        ("60-70", _national(55), "higher_is_better", "above"),  # wholly above
        ("40-50", _national(55), "higher_is_better", "below"),  # wholly below
        ("50-60", _national(55), "higher_is_better", "below"),  # straddling: commits to 50
        ("55-60", _national(55), "higher_is_better", "at"),  # its low end on the number
        ("3-4", _national(5), "lower_is_better", "above"),  # wholly below a cap: better
        ("4-6", _national(5), "lower_is_better", "below"),  # straddling: commits to 6
        ("6-7", _national(5), "lower_is_better", "below"),
    ],
)
def test_a_range_against_the_nation_commits_to_its_worse_end(cell, national, direction, expected):
    assert vs_national(_range_row(cell, direction), national, direction)[0] == expected


@pytest.mark.parametrize(
    ("baseline", "ask", "change"),
    [
        (1.5, "already_met", None),  # within 1-2
        (0, "improve", 1),  # below: to the nearer end
        (3, "decline", -1),  # above a higher-is-better range: it asks a fall
    ],
)
def test_a_range_asks_the_move_into_it(baseline, ask, change):
    out = assess(
        _range_row("1-2所", "higher_is_better", baseline_value=baseline), "higher_is_better"
    )
    assert (out["ask"], out["change"]) == (ask, change)
