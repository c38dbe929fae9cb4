"""What the plan period delivered: the attainment rules on the national data, on regional fixture
rows built into a database, and on single targets (plancompare.model.attainment)."""

import polars as pl
import pytest
from conftest import write_csv
from plancompare import query
from plancompare.ingest.validate import reference
from plancompare.model import attainment
from plancompare.store.build import build


def status_of(con, indicator_id, year=2025, jurisdiction="national"):
    frame = query.attainment(jurisdiction, indicator_id, con=con).filter(
        pl.col("target_year") == year
    )
    row = frame.row(0, named=True)
    return row["status"], row["reason"]


# --- the national data ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("indicator_id", "year", "expected"),
    [
        # 92.9% in 2025 against 大于90%
        ("preschool_gross_enrolment", 2025, ("met", None)),
        # 96.1% against 96%: every value 96.05–96.15 reaches it
        ("compulsory_education_retention", 2025, ("met", None)),
        # 11.3年 against 11.3年: written the same as a closed target
        ("working_age_schooling_years", 2025, ("met", None)),
        # 92.0% against 大于92%: rounded to one decimal, it cannot say it is above
        ("high_school_gross_enrolment", 2025, ("unknown", "rounded")),
        # "95%以上" (July 2025) against 大于95%: a bound on the target's own number
        ("basic_medical_insurance_coverage", 2025, ("unknown", "bound")),
        # "95%以上" (July 2025) against 95%: every value of the bound reaches it, before year end
        ("basic_pension_coverage", 2025, ("achieved_early", None)),
        # "more than 4.7" as of October 2025 against 4.5: a mid-year figure, already beyond
        ("childcare_places_per_1k", 2025, ("achieved_early", None)),
        # 3.61 in 2024 against 3.2
        ("doctors_per_1k", 2025, ("achieved_early", None)),
        # 799.3万张 in 2024, down from 823.8万 in 2020, against 约1000万张
        ("elderly_care_beds", 2025, ("deterioration", None)),
        # 十五五: 79.25 in 2025 is the base year's own figure, no pace yet
        ("life_expectancy", 2030, ("unknown", "not_since_base")),
    ],
)
def test_national_outcomes(con, indicator_id, year, expected):
    assert status_of(con, indicator_id, year) == expected


def test_every_national_target_with_an_actual_has_one_row_and_the_others_none(con):
    frame = query.attainment("national", con=con)
    assert frame.select("indicator_id", "target_year").is_duplicated().sum() == 0
    assert "orphan_support_coverage" not in set(frame["indicator_id"])  # 应保尽保: no actual
    assert "practising_doctors_per_1k" not in set(frame["indicator_id"])  # 3.7 (2030): none yet


def test_the_deterioration_is_measured_by_open_sdgs_ratio(con):
    [row] = query.attainment("national", "elderly_care_beds", con=con).to_dicts()
    observed = (7_993_000 / 8_238_000) ** (1 / 4) - 1
    required = (10_000_000 / 8_238_000) ** (1 / 5) - 1
    assert row["progress_ratio"] == pytest.approx(observed / required)
    assert (row["base_year"], row["base_source"], row["actual_year"]) == (2020, "actual", 2024)
    assert "统计口径" in row["actual_notes"]  # the unchecked scope travels with the figure


def test_the_target_years_figure_is_chosen_over_an_earlier_year_end_one(con):
    [row] = query.attainment("national", "basic_pension_coverage", con=con).to_dicts()
    assert (row["actual_year"], row["actual_as_of"], row["actual_grade"]) == (2025, "2025-07", "C")


# --- regional fixture rows, built into a database ---------------------------------------------


def regional_rows(**overrides):
    base = {
        "jurisdiction": "a",
        "indicator_id": "childcare_places_per_1k",
        "year": "2023",
        "as_of": "",
        "kind": "actual",
        "value_raw": "2.4",
        "period": "level",
        "unit_in_source": "个",
        "publisher": "甲县统计局",
        "title": "甲县2023年国民经济和社会发展统计公报",
        "published_on": "2024-03-20",
        "read_at": "https://example.org/a-2023.htm",
        "grade": "A",
        "notes": "",
    }
    return {**base, **overrides}


@pytest.fixture
def regional(mini_data, tmp_path):
    """Region a: 托位 2.4 in 2023 (plan: 1.2 in 2020 → 3 in 2025), 护理型床位 54.0% at the end
    of 2025 and 56% as of June (plan: 55%以上); region b: 护理型床位 50% in 2025 (plan:
    不低于50%), 体育场地 2.7 in 2024 (plan: 2.6)."""
    rows_a = [
        regional_rows(),
        regional_rows(
            indicator_id="nursing_bed_share", year="2025", value_raw="54.0%", unit_in_source="%"
        ),
        # a mid-year figure of the same year: the year-end one decides
        regional_rows(
            indicator_id="nursing_bed_share",
            year="2025",
            as_of="2025-06",
            value_raw="56%",
            unit_in_source="%",
        ),
    ]
    rows_b = [
        regional_rows(
            jurisdiction="b",
            indicator_id="nursing_bed_share",
            year="2025",
            value_raw="50%",
            unit_in_source="%",
        ),
        regional_rows(
            jurisdiction="b",
            indicator_id="sports_area_per_capita",
            year="2024",
            value_raw="2.7平方米",
            unit_in_source="平方米",
        ),
    ]
    for region, rows in (("a", rows_a), ("b", rows_b)):
        write_csv(
            mini_data / "reference" / f"{region}.csv",
            reference.COLUMNS,
            [[r[c] for c in reference.COLUMNS] for r in rows],
        )
    db = tmp_path / "regional.duckdb"
    build(mini_data, db)
    con = query.connect(db)
    yield con
    con.close()


def test_a_regions_pace_from_its_plans_baseline_is_on_track(regional):
    [row] = query.attainment("甲县", "childcare_places_per_1k", con=regional).to_dicts()
    assert (row["status"], row["base_value"], row["base_source"]) == (
        "on_track",
        1.2,
        "plan_baseline",
    )
    assert row["progress_ratio"] == pytest.approx(
        ((2.4 / 1.2) ** (1 / 3) - 1) / ((3 / 1.2) ** (1 / 5) - 1)
    )


def test_a_region_below_its_floor_in_the_target_year_has_not_met_it(regional):
    assert status_of(regional, "nursing_bed_share", jurisdiction="a") == ("not_met", None)


def test_a_region_at_its_floor_has_met_it(regional):
    assert status_of(regional, "nursing_bed_share", jurisdiction="b") == ("met", None)


def test_a_region_beyond_its_target_before_the_year_achieved_it_early(regional):
    assert status_of(regional, "sports_area_per_capita", jurisdiction="b") == (
        "achieved_early",
        None,
    )


def test_each_region_is_measured_by_its_own_actuals_only(regional):
    frame = query.attainment(con=regional)
    assert set(frame["jurisdiction"]) == {"a", "b"}
    assert frame.height == 4


def test_attainment_by_an_unknown_jurisdiction_says_what_was_meant(regional):
    with pytest.raises(query.UnknownChoiceError, match="did you mean a"):
        query.attainment("County X", con=regional)


# --- the rules on single targets --------------------------------------------------------------


def target(value=90.0, comparator=">=", year=2025, period="level"):
    return {"target_year": year, "target_value": value, "comparator": comparator, "period": period}


def actual(raw, value, comparator="=", year=2025, as_of=None, period="level", in_source=None):
    return {
        "year": year,
        "as_of": as_of,
        "value_raw": raw,
        "value": value,
        "value_in_source": value if in_source is None else in_source,
        "comparator": comparator,
        "period": period,
    }


UP, DOWN = "higher_is_better", "lower_is_better"


@pytest.mark.parametrize(
    ("the_target", "the_actual", "base", "direction", "expected"),
    [
        (target(90, ">"), actual("92.9%", 92.9), None, UP, ("met", None)),
        (target(96, "="), actual("95.9%", 95.9), None, UP, ("not_met", None)),
        # a ceiling on a lower-is-better indicator: 5‰ at most; 5.2‰ is above it
        (target(5, "<="), actual("5.2", 5.2), None, DOWN, ("not_met", None)),
        (target(5, "<"), actual("4.9", 4.9), None, DOWN, ("met", None)),
        # a point target where lower is better is a ceiling
        (target(5, "="), actual("4", 4), None, DOWN, ("met", None)),
        # rounding: 92 (no decimal) stands for 91.5–92.5 against 92.2
        (target(92.2, ">="), actual("92%", 92), None, UP, ("unknown", "rounded")),
        (target(92, ">"), actual("92.0%", 92.0), None, UP, ("unknown", "rounded")),
        (target(95, ">"), actual("95%以上", 95, ">="), None, UP, ("unknown", "bound")),
        (target(95, "="), actual("95%以上", 95, ">="), None, UP, ("met", None)),
        (target(None, None), actual("100%", 100), None, UP, ("unknown", "qualitative")),
        # a five-year total against a yearly figure
        (
            target(1500, "=", period="cumulative"),
            actual("300万人次", 300, period="annual"),
            None,
            UP,
            ("unknown", "cumulative"),
        ),
        (
            target(1500, "=", period="cumulative"),
            actual("1600万人次", 1600, period="cumulative"),
            None,
            UP,
            ("met", None),
        ),
        (target(3, "="), actual("3", 3), None, "neutral", ("unknown", "neutral")),
        # before the target year: the pace from the 2020 base
        (target(3.0, "="), actual("2.4", 2.4, year=2023), (1.2, "actual"), UP, ("on_track", None)),
        (
            target(3.0, "="),
            actual("1.8", 1.8, year=2023),
            (1.2, "actual"),
            UP,
            ("acceleration_needed", None),
        ),
        (
            target(3.0, "="),
            actual("1.3", 1.3, year=2023),
            (1.2, "actual"),
            UP,
            ("limited_progress", None),
        ),
        (
            target(3.0, "="),
            actual("1.1", 1.1, year=2023),
            (1.2, "actual"),
            UP,
            ("deterioration", None),
        ),
        # a base that met the target, left since
        (
            target(96, "="),
            actual("95.0", 95.0, year=2023),
            (97, "actual"),
            UP,
            ("deterioration", None),
        ),
        (target(3.0, "="), actual("2.4", 2.4, year=2023), None, UP, ("unknown", "no_base")),
        # a mid-year figure in the target year is measured by its pace, not judged
        (
            target(3.0, "="),
            actual("2.9", 2.9, as_of="2025-06"),
            (1.2, "actual"),
            UP,
            ("on_track", None),
        ),
        (target(3.0, "="), actual("2.9", 2.9, as_of="2025-06"), None, UP, ("unknown", "no_base")),
        # a later year-end figure decides
        (target(3.0, "="), actual("2.9", 2.9, year=2026), None, UP, ("not_met", None)),
    ],
)
def test_rules(the_target, the_actual, base, direction, expected):
    found = attainment.assess(the_target, the_actual, base, direction)
    assert (found["status"], found["reason"]) == expected


def test_half_a_unit_of_the_last_digit_is_taken_in_the_catalog_unit():
    # 799.3万张 → 7,993,000 张, written to 0.1万: ± 500 张
    assert attainment.half_unit("799.3万张", 799.3, 7_993_000) == pytest.approx(500)
    assert attainment.half_unit("92.0%", 92.0, 92.0) == pytest.approx(0.05)


def test_a_mid_year_figure_stands_at_its_month():
    assert attainment.moment(2025, "2025-10") == pytest.approx(2024 + 10 / 12)
    assert attainment.moment(2024, None) == 2024


@pytest.mark.parametrize(
    ("ratio", "category"),
    [
        (0.95, "on_track"),
        (0.94, "acceleration_needed"),
        (0.6, "acceleration_needed"),
        (0.59, "limited_progress"),
        (0.0, "limited_progress"),
        (-0.01, "deterioration"),
    ],
)
def test_open_sdg_thresholds(ratio, category):
    assert attainment.progress(ratio) == category


def candidate(year, period="level", as_of=None, grade="C", row=2):
    return {"year": year, "period": period, "as_of": as_of, "grade": grade, "csv_row": row}


@pytest.mark.parametrize(
    ("candidates", "chosen"),
    [
        # the target year's, then the latest before it, then the earliest after it
        ([candidate(2026), candidate(2024)], 1),
        ([candidate(2023), candidate(2024)], 1),
        ([candidate(2027), candidate(2026)], 1),
        # the same period as the target before a closer year
        ([candidate(2025, period="annual"), candidate(2023)], 1),
        # a year-end figure before a mid-year one, then the better grade
        ([candidate(2025, as_of="2025-10", grade="A"), candidate(2025)], 1),
        ([candidate(2025, grade="C"), candidate(2025, grade="B", row=3)], 1),
    ],
)
def test_the_actual_a_target_is_measured_by(candidates, chosen):
    assert attainment.choose_actual(target(3.0, "="), candidates) is candidates[chosen]
