"""Validation reports every problem as file:row:column: message."""

import codecs
import csv
import subprocess

import pytest
from conftest import append_to_source, write_csv
from plancompare.common import paths
from plancompare.ingest import checksums, layout
from plancompare.ingest.validate import capped, validate


def problems(data_dir):
    return [str(p) for p in validate(data_dir, draft=True).problems]


def edit_target(path, row_index, **changes):
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    rows[row_index].update(changes)
    write_csv(path, layout.TARGET_COLUMNS, [[r[c] for c in layout.TARGET_COLUMNS] for r in rows])


def test_real_data_is_clean():
    result = validate(paths.PROJECT_ROOT / "data" / "raw", draft=True)
    assert result.problems == []
    assert {t["region_id"] for t in result.targets} == {
        "minqin",
        "guizhou",
        "wuzhong",
        "xianning",
        "dayao",
    }


def test_valid_fixture_has_no_problems(mini_data):
    result = validate(mini_data, draft=True)
    assert result.ok, result.problems
    assert "4 targets from 2 regions" in result.summary()


@pytest.mark.parametrize(
    ("changes", "column", "message"),
    [
        ({"indicator_id": "made_up"}, "indicator_id", "unknown indicator 'made_up'"),
        ({"quote": "不在原文里的句子"}, "quote", "not found on line 3"),
        ({"line": "99"}, "line", "past the end"),
        ({"line": "three"}, "line", "not a line number"),
        ({"target_raw": "60%以上"}, "target_raw", "does not appear in the quote"),
        ({"target_year": "2025年"}, "target_year", "not a year"),
        ({"attribute": "约束"}, "attribute", "is not one of"),
        ({"kind": "text"}, "kind", "is not one of"),
        ({"quote": "甲" * 161}, "quote", "at most 160"),
    ],
)
def test_each_cell_problem_names_file_row_and_column(mini_data, changes, column, message):
    path = mini_data / "targets" / "a.csv"
    edit_target(path, 1, **changes)
    found = problems(mini_data)
    assert any(p.startswith(f"{path}:3:{column}: ") and message in p for p in found), found


def test_unparseable_cell(mini_data):
    path = mini_data / "targets" / "a.csv"
    edit_target(path, 0, baseline_raw="一点二")
    assert any(p.startswith(f"{path}:2:baseline_raw: cannot read") for p in problems(mini_data))


def test_percentage_outside_range(mini_data):
    source = mini_data / "sources" / "a.txt"
    source.write_text(
        source.read_text(encoding="utf-8") + "护理型床位占比达到155%\n", encoding="utf-8"
    )
    path = mini_data / "targets" / "a.csv"
    edit_target(path, 1, line="4", quote="护理型床位占比达到155%", target_raw="155%")
    assert any(
        f"{path}:3:target_raw: percentage 155 is outside 0–100" in p for p in problems(mini_data)
    )


def test_permille_converts_before_the_range_check(mini_data):
    # 5‰ is 0.5 %: inside the range once converted into the catalog unit.
    source = mini_data / "sources" / "a.txt"
    source.write_text(source.read_text(encoding="utf-8") + "护理型床位占比5‰\n", encoding="utf-8")
    checksums.write_sums(mini_data)  # the curator re-checked the changed source
    edit_target(
        mini_data / "targets" / "a.csv",
        1,
        line="4",
        quote="护理型床位占比5‰",
        target_raw="5‰",
        unit_in_source="‰",
    )
    result = validate(mini_data, draft=True)
    assert result.ok, result.problems
    assert [t["target_value"] for t in result.targets if t["target_raw"] == "5‰"] == [0.5]


def test_duplicate_rows(mini_data):
    path = mini_data / "targets" / "a.csv"
    with path.open("a", encoding="utf-8", newline="") as f:
        f.write(path.read_text(encoding="utf-8").splitlines()[1] + "\n")
    assert any(
        p.startswith(f"{path}:4:indicator_id: duplicate of row 2") for p in problems(mini_data)
    )


def test_unknown_region_file_lists_choices(mini_data):
    (mini_data / "targets" / "zz.csv").write_text(
        (mini_data / "targets" / "a.csv").read_text(encoding="utf-8"), encoding="utf-8"
    )
    found = problems(mini_data)
    assert any("zz.csv:1:-: unknown region 'zz'" in p and "a, b" in p for p in found), found


def test_missing_and_unknown_columns(mini_data):
    path = mini_data / "targets" / "a.csv"
    text = path.read_text(encoding="utf-8").replace("notes", "remarks", 1)
    path.write_text(text, encoding="utf-8")
    found = problems(mini_data)
    assert f"{path}:1:notes: missing column" in "\n".join(found)
    assert f"{path}:1:remarks: unknown column" in found


def test_ragged_row(mini_data):
    path = mini_data / "targets" / "a.csv"
    with path.open("a", encoding="utf-8") as f:
        f.write("nursing_bed_share,only,three\n")
    assert any(
        p.startswith(f"{path}:4:-: expected 16 fields, found 3") for p in problems(mini_data)
    )


def test_gbk_file_is_named(mini_data):
    path = mini_data / "targets" / "a.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gbk"))
    assert f"{path}:1:-: not UTF-8 (looks like GBK/GB18030); re-save it as UTF-8" in problems(
        mini_data
    )


def test_bom_is_accepted(mini_data):
    path = mini_data / "targets" / "a.csv"
    path.write_bytes(codecs.BOM_UTF8 + path.read_bytes())
    assert validate(mini_data, draft=True).ok


def test_empty_file(mini_data):
    path = mini_data / "catalog.csv"
    path.write_text("", encoding="utf-8")
    assert f"{path}:1:-: empty file: expected a header row" in problems(mini_data)


def test_header_only_file(mini_data):
    path = mini_data / "targets" / "b.csv"
    path.write_text(",".join(layout.TARGET_COLUMNS) + "\n", encoding="utf-8")
    assert f"{path}:1:-: no data rows" in problems(mini_data)


def test_bad_region_and_catalog_values(mini_data):
    regions = mini_data / "regions.csv"
    regions.write_text(
        regions.read_text(encoding="utf-8")
        .replace("2022-01-01", "2022年1月1日")
        .replace(",county,", ",town,"),
        encoding="utf-8",
    )
    cat = mini_data / "catalog.csv"
    cat.write_text(cat.read_text(encoding="utf-8").replace("老有所养", "养老"), encoding="utf-8")
    found = "\n".join(problems(mini_data))
    assert f"{regions}:2:issued_on: '2022年1月1日' is not an ISO date" in found
    assert f"{regions}:2:level: 'town' is not one of" in found
    assert f"{cat}:3:domain: '养老' is not one of" in found


def test_all_problems_reported_at_once(mini_data):
    edit_target(mini_data / "targets" / "a.csv", 0, indicator_id="nope")
    edit_target(mini_data / "targets" / "b.csv", 0, quote="别处", target_raw="")
    assert len(problems(mini_data)) >= 3


def test_unconvertible_unit_says_how_to_fix_it(mini_data):
    path = mini_data / "targets" / "a.csv"
    edit_target(
        path,
        1,
        unit_in_source="户",
        target_raw="55",
        quote="养老机构护理型床位占比达到55",
    )
    found = problems(mini_data)
    assert any(
        p.startswith(f"{path}:3:target_raw: no conversion from '户' to catalog unit '%'")
        and "UNIT_CONVERSIONS" in p
        for p in found
    ), found


def test_changed_source_says_how_to_record_its_checksum(mini_data):
    source = mini_data / "sources" / "b.txt"
    source.write_bytes(source.read_bytes() + "附件：指标解释\n".encode())
    found = problems(mini_data)
    assert len(found) == 1
    assert found[0].startswith(f"{mini_data / 'SHA256SUMS'}:2:-: sources/b.txt changed")
    assert "re-check every curated row that quotes it" in found[0]
    command = found[0].split("with: ", 1)[1]
    subprocess.run(command, shell=True, check=True)
    assert problems(mini_data) == []


def test_source_missing_from_checksums_and_listed_file_missing(mini_data):
    sums = mini_data / "SHA256SUMS"
    sums.write_text(sums.read_text().splitlines()[1] + "\n" + "0" * 64 + "  sources/gone.txt\n")
    found = problems(mini_data)
    assert any(p.startswith(f"{mini_data / 'sources/a.txt'}:1:-: not in SHA256SUMS") for p in found)
    assert f"{sums}:2:-: lists sources/gone.txt, which is missing" in found


def test_missing_checksum_file(mini_data):
    (mini_data / "SHA256SUMS").unlink()
    assert any("SHA256SUMS:1:-: not found" in p for p in problems(mini_data))


@pytest.mark.parametrize("rows_after", [100, 5000])
@pytest.mark.parametrize("field_size_limit", [None, 2**31 - 1])
def test_unbalanced_quote_is_one_problem_at_its_row(mini_data, rows_after, field_size_limit):
    # Whatever the file's size, and whatever another library set csv's process-wide field limit
    # to (frictionless raises it), the rest of the file swallowed by the quote is one problem.
    path = mini_data / "targets" / "a.csv"
    good_row = path.read_text(encoding="utf-8").splitlines()[1]
    broken = '"' + good_row  # an opening quote that never closes
    path.write_text(
        path.read_text(encoding="utf-8") + broken + "\n" + (good_row + "\n") * rows_after,
        encoding="utf-8",
    )
    previous = csv.field_size_limit()
    try:
        if field_size_limit:
            csv.field_size_limit(field_size_limit)
        found = [p for p in problems(mini_data) if p.startswith(str(path))]
    finally:
        csv.field_size_limit(previous)
    assert len(found) == 1
    assert found[0].startswith(f"{path}:4:-: not valid CSV from this row on")


def test_junk_file_problems_are_capped_per_file(mini_data):
    path = mini_data / "targets" / "a.csv"
    path.write_text(",".join(layout.TARGET_COLUMNS) + "\n" + "junk,junk\n" * 1000, encoding="utf-8")
    lines = capped(validate(mini_data).problems, per_file=20)
    assert len([line for line in lines if line.startswith(str(path))]) == 20
    assert f"… and 981 more problems in {path}" in lines


@pytest.mark.parametrize(
    ("changes", "column", "message"),
    [
        ({"period": ""}, "period", "is not one of: level, annual, cumulative"),
        ({"period": "yearly"}, "period", "is not one of"),
        ({"baseline_period": ""}, "baseline_period", "is not one of"),
        ({"baseline_line": "x"}, "baseline_line", "not a line number"),
        ({"baseline_line": "9"}, "baseline_line", "past the end"),
        ({"baseline_line": "3"}, "baseline_line", "'1.2' is not on line 3"),
    ],
)
def test_period_and_baseline_line_problems(mini_data, changes, column, message):
    path = mini_data / "targets" / "a.csv"
    edit_target(path, 0, **changes)
    found = problems(mini_data)
    assert any(p.startswith(f"{path}:2:{column}: ") and message in p for p in found), found


def test_a_blank_baseline_line_means_the_rows_line_in_strict_validation(mini_data):
    # Whitespace is no line number: the baseline is read on the row's own line, no traceback.
    edit_target(mini_data / "targets" / "a.csv", 0, baseline_line=" ")
    result = validate(mini_data)
    assert result.ok, result.problems
    assert result.unaccounted["a"] == []


def test_baseline_period_needs_a_baseline(mini_data):
    path = mini_data / "targets" / "a.csv"
    edit_target(path, 1, baseline_period="level")
    assert f"{path}:3:baseline_period: must be empty: the row has no baseline" in problems(
        mini_data
    )


def test_baseline_line_holds_the_baseline_figure(mini_data):
    append_to_source(mini_data, "a.txt", "2020年托位数为１.２个。\n")
    edit_target(mini_data / "targets" / "a.csv", 0, baseline_line="4")
    result = validate(mini_data, draft=True)
    assert result.ok, result.problems
    assert [t["baseline_line"] for t in result.targets if t["region_id"] == "a"] == [4, None]


def _cumulative_row(mini_data, **changes):
    append_to_source(mini_data, "a.txt", "新增托位 | [0.5] | [2] |\n")
    path = mini_data / "targets" / "a.csv"
    row = dict(
        baseline_raw="[0.5]",
        baseline_period="cumulative",
        target_raw="[2]",
        period="cumulative",
        line="4",
        quote="新增托位 | [0.5] | [2] |",
    )
    edit_target(path, 0, **{**row, **changes})
    return path


def test_bracketed_cell_must_be_cumulative(mini_data):
    path = _cumulative_row(mini_data, period="level", baseline_period="annual")
    found = problems(mini_data)
    assert any(p.startswith(f"{path}:2:period: '[2]' is marked cumulative") for p in found), found
    assert any(p.startswith(f"{path}:2:baseline_period: '[0.5]'") for p in found), found


def test_bracketed_cell_may_be_another_period_when_notes_say_why(mini_data):
    _cumulative_row(mini_data, period="level", notes="period: the brackets mark a range here")
    assert validate(mini_data, draft=True).ok


def test_cumulative_comes_from_period_alone(mini_data):
    # A prose total with no [ ] or * is cumulative because the curator says so.
    edit_target(mini_data / "targets" / "a.csv", 1, period="cumulative")
    _cumulative_row(mini_data, period="annual", notes="period: 每年 on the line")
    result = validate(mini_data, draft=True)
    assert result.ok, result.problems
    by_raw = {t["target_raw"]: t for t in result.targets}
    assert by_raw["55%以上"]["cumulative"] is True
    assert by_raw["[2]"]["cumulative"] is False


def test_unaccounted_candidate_fails_strict_validation(mini_data):
    source = append_to_source(mini_data, "a.txt", "新建学校3所。\n")
    assert validate(mini_data, draft=True).ok
    found = [str(p) for p in validate(mini_data).problems]
    assert any(f"{source}:4:-: unaccounted candidate '3'" in p for p in found), found
    (mini_data / "excluded").mkdir()
    write_csv(
        mini_data / "excluded" / "a.csv",
        layout.LEDGER_COLUMNS,
        [["4", "3所", "named_project", "one named school building"]],
    )
    assert validate(mini_data).ok


def test_ledger_rows_are_checked(mini_data):
    (mini_data / "excluded").mkdir()
    path = mini_data / "excluded" / "a.csv"
    write_csv(path, layout.LEDGER_COLUMNS, [["3", "77%", "named_projct", ""]])
    found = problems(mini_data)
    assert f"{path}:2:figure: '77%' not found on line 3 of sources/a.txt" in found
    assert any(
        p.startswith(f"{path}:2:reason: ") and "did you mean 'named_project'" in p for p in found
    )
    assert any(p.startswith(f"{path}:2:note: must not be empty") for p in found)


def test_a_misspelt_choice_says_what_was_meant(mini_data):
    path = mini_data / "targets" / "a.csv"
    edit_target(path, 0, period="levle", kind="tabel")
    found = problems(mini_data)
    assert any(p.startswith(f"{path}:2:period: ") and "did you mean 'level'?" in p for p in found)
    assert any(p.startswith(f"{path}:2:kind: ") and "did you mean 'table'?" in p for p in found)


def test_caveats_file_problems_name_file_row_and_column(mini_data):
    path = mini_data / "caveats.csv"
    write_csv(
        path,
        layout.CAVEAT_COLUMNS,
        [
            ["a", "nursing_bed_share", "3", "keep", "口径不同。", "Counted otherwise."],
            ["a", "nursing_bed_share", "3", "keep", "口径不同。", "Counted otherwise."],
            ["c", "nursing_bed_share", "3", "keep", "口径不同。", "Counted otherwise."],
            ["b", "childcare_places_per_1k", "2", "keep", "口径不同。", "Counted otherwise."],
            ["a", "made_up", "99", "leaveout", "", "Counted otherwise."],
        ],
    )
    found = problems(mini_data)
    expected = [
        (3, "indicator_id", "duplicate caveat for (a, nursing_bed_share)"),
        (4, "region_id", "'c' is not one of: a, b"),
        (5, "indicator_id", "b states no target for 'childcare_places_per_1k'"),
        (6, "indicator_id", "unknown indicator 'made_up'"),
        (6, "line", "past the end"),
        (6, "ranking", "did you mean 'leave_out'?"),
        (6, "caveat_zh", "must not be empty"),
    ]
    for row, column, message in expected:
        assert any(p.startswith(f"{path}:{row}:{column}: ") and message in p for p in found), (
            row,
            column,
            found,
        )
    assert not any(p.startswith(f"{path}:2:") for p in found), found


def test_document_numbers_dates_and_wrapper_lines_are_checked_against_the_plan(mini_data):
    regions = mini_data / "regions.csv"
    rows = regions.read_text(encoding="utf-8").split("\n")
    rows[1] = rows[1].replace("2022-01-01,,,,", "2022-01-01,甲政〔2022〕1号,A-1,2022年1月2日,1-9")
    rows[2] = rows[2].replace("2022-02-02,,,,", "2022-02-02,,,2022-02-03,2-1")
    regions.write_text("\n".join(rows), encoding="utf-8")
    found = "\n".join(problems(mini_data))
    assert (
        f"{regions}:2:document_number: '甲政〔2022〕1号' is not written in sources/a.txt" in found
    )
    assert f"{regions}:2:index_number: 'A-1' is not written in sources/a.txt" in found
    assert f"{regions}:2:published_on: '2022年1月2日' is not an ISO date" in found
    assert f"{regions}:2:wrapper_lines: past the end of sources/a.txt" in found
    assert f"{regions}:3:wrapper_lines: '2-1' does not run from a first to a later line" in found
    assert f"{regions}:3:published_on" not in found  # an ISO date, or empty: both valid


def test_a_reading_names_a_catalog_indicator_and_fits_its_direction(mini_data):
    path = mini_data / "readings.csv"
    path.write_text(
        "indicator_id,reading,note\n"
        "nursing_bed_share,cap,x\n"
        "nursing_bed_shares,floor,x\n"
        "childcare_places_per_1k,ceiling,\n",
        encoding="utf-8",
    )
    found = "\n".join(problems(mini_data))
    assert (
        f"{path}:2:reading: a cap needs direction lower_is_better; nursing_bed_share is "
        "higher_is_better" in found
    )
    assert f"{path}:3:indicator_id: unknown indicator 'nursing_bed_shares'" in found
    assert f"{path}:4:reading: 'ceiling' is not one of: cap, floor" in found
    assert f"{path}:4:note: must not be empty" in found


def _range_row(mini_data, cell):
    append_to_source(mini_data, "a.txt", f"每千人口托位数达到{cell}。\n")
    edit_target(
        mini_data / "targets" / "a.csv",
        0,
        baseline_raw="",
        baseline_period="",
        target_raw=cell,
        line="4",
        quote=f"托位数达到{cell}",
    )


def test_a_range_is_stored_with_both_bounds_and_commits_to_its_low_end(mini_data):
    _range_row(mini_data, "3-4个")
    result = validate(mini_data, draft=True)
    assert result.ok, result.problems
    [row] = [t for t in result.targets if t["target_raw"] == "3-4个"]
    assert (row["target_low"], row["target_high"], row["target_value"]) == (3, 4, 3)
    assert row["comparator"] == "between"
    bound = next(t for t in result.targets if t["target_raw"] == "55%以上")
    assert (bound["target_low"], bound["target_high"]) == (55, None)


def test_a_lower_is_better_range_commits_to_its_high_end(mini_data):
    catalog = mini_data / "catalog.csv"
    catalog.write_text(
        catalog.read_text(encoding="utf-8").replace(
            "个/千人,higher_is_better", "个/千人,lower_is_better"
        ),
        encoding="utf-8",
    )
    _range_row(mini_data, "3-4个")
    [row] = [t for t in validate(mini_data, draft=True).targets if t["target_raw"] == "3-4个"]
    assert (row["target_value"], row["target_value_in_source"]) == (4, 4)


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("4-3个", "the low end of range '4-3个' is not below its high end"),
        ("3张-4个", "the two ends of range '3张-4个' are in different units"),
    ],
)
def test_a_bad_range_names_file_row_and_column(mini_data, cell, message):
    _range_row(mini_data, cell)
    path = mini_data / "targets" / "a.csv"
    assert f"{path}:2:target_raw: {message}" in problems(mini_data)
