"""What the period delivered, on the pages: the API behind them, the overview's table and chart,
and the nation's outcome beside a region's targets (context with both years, no colour)."""

import polars as pl
import pytest
from plancompare import charts, query, tables


def test_attainment_takes_the_nation_by_name_and_an_indicator_by_part_of_its_name(con):
    frame = query.attainment("全国", "预期寿命", con=con)
    assert frame.select("jurisdiction", "indicator_id", "target_year").rows() == [
        ("national", "life_expectancy", 2025),
        ("national", "life_expectancy", 2030),
    ]
    assert frame["name_zh"].to_list() == ["人均预期寿命"] * 2


def test_attainment_of_a_region_without_actual_values_is_empty_not_an_error(con):
    assert query.attainment("咸宁市", con=con).height == 0


def test_nation_beside_a_region_gives_both_years_and_the_next_target(con):
    beside = query.nation_beside("xianning", con=con)
    [life] = beside.filter(pl.col("indicator_id") == "life_expectancy").to_dicts()
    assert (life["target_year"], life["target_raw"]) == (2025, "79.5")
    assert (life["national_actual_year"], life["national_actual_raw"]) == (2025, "79.25岁")
    assert (life["national_status"], life["national_next_year"], life["national_next_raw"]) == (
        "met",
        2030,
        "80岁",
    )
    # only indicators with a national outcome (a level) or a next target: not 应保尽保 alone, nor
    # 城镇新增就业, whose yearly figure is no level and has no national target
    assert beside.filter(
        pl.col("national_actual_raw").is_null() & pl.col("national_next_raw").is_null()
    ).is_empty()
    assert {"rural_housing_safety", "urban_new_jobs"}.isdisjoint(beside["indicator_id"])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_overview_table_lists_outcomes_and_names_the_targets_without_one(con, lang):
    outcomes = tables.national_outcomes(
        query.national(con=con), query.attainment("national", con=con), 2025
    )
    assert outcomes.height == 22
    shown, missing = tables.outcomes_table(outcomes, lang)
    assert "92.0%" in shown.data and "more than 4.7" in shown.data
    words = {
        "zh": ("无法判断", "截至2025-10", "应保尽保"),
        "en": ("cannot tell", "as of 2025-10", "应保尽保"),
    }
    cannot_tell, as_of, qualitative = words[lang]
    assert cannot_tell in shown.data and as_of in shown.data
    assert qualitative in missing.data and "(9)" in missing.data.replace("（", "(").replace(
        "项）", ")"
    )


def test_outcomes_chart_draws_each_status_once_in_the_page_language(con):
    outcomes = tables.national_outcomes(
        query.national(con=con), query.attainment("national", con=con), 2025
    )
    fig = charts.outcomes_chart(outcomes, 2025, "en")
    names = [trace.name for trace in fig.data]
    assert names == ["met", "achieved early", "deterioration", "cannot tell"]
    [beds] = [t for t in fig.data if t.name == "deterioration"]
    assert beds.x[0] == pytest.approx(79.93)  # 799.3万 of 约1000万
    assert "提前实现" in [t.name for t in charts.outcomes_chart(outcomes, 2025, "zh").data]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_nation_beside_a_region_is_context_without_colour(con, lang):
    beside = query.nation_beside("xianning", con=con)
    html = tables.nation_beside_table(beside, lang, by_region=False).data
    year = {"zh": "79.25岁（2025年）", "en": "79.25岁 (2025)"}[lang]
    assert year in html and {"zh": "80岁（2030年）", "en": "80岁 (2030)"}[lang] in html
    assert "style=" not in html and "color" not in html


def test_the_indicator_pages_path_ends_at_the_next_plans_target(con):
    path = query.national_path("nursing_bed_share", con=con)
    later = query.national("nursing_bed_share", con=con).filter(
        (pl.col("kind") == "target") & (pl.col("year") > 2025)
    )
    fig = charts.national_path_chart(path, pl.DataFrame(), "en", later)
    [star] = [t for t in fig.data if t.name and "2030" in t.name]
    assert (list(star.x), list(star.y), star.name) == (
        [2030],
        [73.0],
        "National 2030 target (十五五): 73%",
    )
    assert fig.data[0].x[-1] == 2024  # the actual path runs to its latest year
