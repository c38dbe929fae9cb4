"""Reference figures (the national yardstick): validated like plans, parsed into catalog units."""

import pytest
from conftest import REAL_DATA, write_csv
from plancompare.ingest import layout
from plancompare.ingest.validate import reference, validate

VALID_ROW = {
    "jurisdiction": "national",
    "indicator_id": "nursing_bed_share",
    "year": "2025",
    "as_of": "",
    "kind": "target",
    "value_raw": "55%",
    "period": "level",
    "unit_in_source": "%",
    "publisher": "新华社",
    "title": "标题",
    "published_on": "2022-01-10",
    "read_at": "https://example.org/a.htm",
    "grade": "C",
    "notes": "",
}


def write_reference(data_dir, *rows):
    path = data_dir / "reference" / "national.csv"
    write_csv(path, reference.COLUMNS, [[row[c] for c in reference.COLUMNS] for row in rows])
    return path


@pytest.fixture(scope="module")
def real():
    result = validate(REAL_DATA)
    assert result.problems == []
    return result.reference


def national(rows, indicator_id, kind):
    return [r for r in rows if r["indicator_id"] == indicator_id and r["kind"] == kind]


def test_real_file_has_all_22_national_plan_targets(real):
    targets = [r for r in real if r["kind"] == "target" and r["year"] == 2025]
    assert len({r["indicator_id"] for r in targets}) == 22
    assert all(r["read_at"].startswith("http") and r["grade"] in "ABC" for r in real)


def test_real_file_has_the_next_plans_2030_targets_under_their_own_definitions(real):
    later = {
        r["indicator_id"]: r["value_raw"]
        for r in real
        if r["kind"] == "target" and r["year"] > 2025
    }
    assert later == {
        "life_expectancy": "80岁",
        "practising_doctors_per_1k": "3.7人",  # 执业医师, not the 十四五 执业(助理)医师
        "nurses_per_1k": "5.1人",
        "nursing_bed_share": "73%",
        "working_age_schooling_years": "11.7年",
    }
    assert {r["year"] for r in real if r["kind"] == "target" and r["year"] > 2025} == {2030}


def test_every_c_grade_outcome_says_it_awaits_a_check(real):
    outcomes = [r for r in real if r["kind"] == "actual" and r["grade"] == "C"]
    assert outcomes
    assert all("awaits a check against the official page" in r["notes"] for r in outcomes)


def test_a_figure_stated_as_a_bound_stays_as_written(real):
    [pension] = [r for r in national(real, "basic_pension_coverage", "actual") if r["grade"] == "B"]
    assert (pension["value_raw"], pension["comparator"], pension["value"]) == ("95%以上", ">=", 95)


def test_mid_year_figures_carry_their_as_of_date(real):
    [childcare] = [
        r for r in national(real, "childcare_places_per_1k", "actual") if r["year"] == 2025
    ]
    assert childcare["as_of"] == "2025-10"
    assert all(r["as_of"] is None for r in real if r["kind"] == "target")


@pytest.mark.parametrize("indicator_id", layout.HEADLINE_INDICATORS)
def test_each_headline_indicator_has_a_target_and_an_actual_path(real, indicator_id):
    [target] = [r for r in national(real, indicator_id, "target") if r["year"] == 2025]
    assert target["year"] == 2025 and target["value"] is not None
    years = {r["year"] for r in national(real, indicator_id, "actual")}
    assert 2020 in years and years & {2024, 2025}


def test_greater_than_is_a_strict_floor(real):
    [target] = national(real, "preschool_gross_enrolment", "target")
    assert target["value_raw"] == "大于90%"
    assert (target["value"], target["comparator"]) == (90, ">")


def test_wan_beds_convert_to_the_catalog_unit(real):
    [target] = national(real, "elderly_care_beds", "target")
    assert target["value_raw"] == "约1000万张"
    assert target["unit"] == "张"
    assert target["value_in_source"] == 1000
    assert target["value"] == pytest.approx(10_000_000)


def test_qualitative_target_keeps_its_label(real):
    [target] = national(real, "rural_housing_safety", "target")
    assert (target["value"], target["qualitative"]) == (None, "应保尽保")


def test_no_reference_directory_means_no_rows(mini_data):
    result = validate(mini_data)
    assert result.ok and result.reference == []


def test_valid_row_is_parsed(mini_data):
    write_reference(mini_data, VALID_ROW)
    result = validate(mini_data)
    assert result.ok, result.problems
    [row] = result.reference
    assert (row["value"], row["comparator"], row["source_file"]) == (
        55,
        "=",
        "reference/national.csv",
    )


@pytest.mark.parametrize(
    ("changes", "column", "message"),
    [
        ({"grade": "D"}, "grade", "'D' is not one of: A, B, C"),
        ({"published_on": "2022/01/10"}, "published_on", "not an ISO date"),
        ({"published_on": "2022-13"}, "published_on", "not an ISO date"),
        ({"indicator_id": "made_up"}, "indicator_id", "unknown indicator 'made_up'"),
        ({"year": "2025年"}, "year", "not a year"),
        ({"kind": "plan"}, "kind", "is not one of: target, actual"),
        ({"period": "yearly"}, "period", "is not one of"),
        ({"jurisdiction": "gansu"}, "jurisdiction", "is not one of: national, a, b"),
        ({"jurisdiction": "nationl"}, "jurisdiction", "did you mean 'national'?"),
        ({"jurisdiction": "a"}, "jurisdiction", "a jurisdiction's figures go in reference/a.csv"),
        ({"as_of": "2024-10", "kind": "actual"}, "as_of", "is not a date in '2025'"),
        ({"as_of": "October", "kind": "actual"}, "as_of", "is not a date in '2025'"),
        ({"as_of": "2025-10"}, "as_of", "only an actual value has an as-of date"),
        ({"read_at": "东南网"}, "read_at", "not the URL"),
        ({"publisher": ""}, "publisher", "must not be empty"),
        ({"value_raw": "一点二"}, "value_raw", "cannot read"),
        ({"value_raw": "120%"}, "value_raw", "outside 0–100"),
    ],
)
def test_bad_cell_names_file_row_and_column(mini_data, changes, column, message):
    path = write_reference(mini_data, VALID_ROW, {**VALID_ROW, **changes})
    found = [str(p) for p in validate(mini_data).problems]
    assert any(p.startswith(f"{path}:3:{column}: ") and message in p for p in found), found
    assert len(found) == 1, found


def test_missing_column_is_reported(mini_data):
    path = mini_data / "reference" / "national.csv"
    columns = [c for c in reference.COLUMNS if c != "grade"]
    write_csv(path, columns, [[VALID_ROW[c] for c in columns]])
    found = [str(p) for p in validate(mini_data).problems]
    assert any(p.startswith(f"{path}:1:grade: missing column") for p in found), found


def test_a_region_takes_its_own_actual_values_under_the_same_citation_rules(mini_data):
    row = {**VALID_ROW, "jurisdiction": "a", "kind": "actual", "as_of": "2025-06"}
    path = mini_data / "reference" / "a.csv"
    write_csv(path, reference.COLUMNS, [[row[c] for c in reference.COLUMNS]])
    result = validate(mini_data)
    assert result.ok, result.problems
    [parsed] = result.reference
    assert (parsed["jurisdiction"], parsed["as_of"], parsed["source_file"]) == (
        "a",
        "2025-06",
        "reference/a.csv",
    )


def test_a_file_named_after_a_misspelt_region_says_which_was_meant(mini_data):
    row = {**VALID_ROW, "jurisdiction": "bb", "kind": "actual"}
    path = mini_data / "reference" / "bb.csv"
    write_csv(path, reference.COLUMNS, [[row[c] for c in reference.COLUMNS]])
    found = [str(p) for p in validate(mini_data).problems]
    assert found == [
        f"{path}:2:jurisdiction: 'bb' is not one of: national, a, b; did you mean 'b'?"
    ]
