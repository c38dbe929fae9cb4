"""The command line: exit codes and messages a newcomer (or cron) relies on."""

import csv
import io
import json

import duckdb
import polars as pl
import pytest
from plancompare import cli
from plancompare.cli.terminal import display_width
from plancompare.ingest import layout


def test_validate_clean_data(capsys):
    assert cli.main(["validate"]) == 0
    assert "OK, " in capsys.readouterr().out


def test_validate_broken_data_lists_problems(mini_data, capsys):
    path = mini_data / "targets" / "a.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(",55%以上,", ",66%以上,"), encoding="utf-8"
    )
    assert cli.main(["validate", "--draft", "--data", str(mini_data)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:3:target_raw: '66%以上' does not appear in the quote" in err
    assert "1 problem(s) found" in err


def test_build_then_compare(mini_data, tmp_path, capsys):
    db = tmp_path / "plans.duckdb"
    assert cli.main(["build", "--data", str(mini_data), "--db", str(db)]) == 0
    assert "4 targets, 2 regions" in capsys.readouterr().out
    assert cli.main(["compare", "人均體育場地面積", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "not stated" in out and "2.6平方米" in out


def test_failed_build_says_the_old_database_is_kept(mini_data, tmp_path, capsys):
    (mini_data / "catalog.csv").write_bytes(b"")
    assert cli.main(["build", "--data", str(mini_data), "--db", str(tmp_path / "x.duckdb")]) == 1
    assert "previous database is unchanged" in capsys.readouterr().err


def test_unknown_indicator_exits_2_with_choices(mini_data, tmp_path, capsys):
    db = tmp_path / "plans.duckdb"
    cli.main(["build", "--data", str(mini_data), "--db", str(db)])
    assert cli.main(["compare", "Atlantis", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("plancompare compare: unknown indicator 'Atlantis'; valid choices: ")
    assert "childcare_places_per_1k" in err and err.count("\n") == 1


@pytest.mark.parametrize("command", ["compare", "show"])  # show: its name before compare
def test_compare_accepts_part_of_one_indicator_name(mini_data, tmp_path, capsys, command):
    db = tmp_path / "plans.duckdb"
    cli.main(["build", "--data", str(mini_data), "--db", str(db)])
    capsys.readouterr()
    assert cli.main([command, "托位", "--db", str(db)]) == 0
    assert "childcare_places_per_1k" in capsys.readouterr().out


@pytest.mark.parametrize("columns", [80, 120])
def test_compare_prints_the_table_pc_compare_gives(real_db, monkeypatch, capsys, columns):
    from plancompare import query

    monkeypatch.setenv("COLUMNS", str(columns))
    assert cli.main(["compare", "托位", "--db", str(real_db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("childcare_places_per_1k · 每千人口拥有3岁以下婴幼儿托位数")
    assert max(display_width(line) for line in lines[1:]) <= columns  # the title may not
    minqin = next(line for line in lines if line.startswith("minqin"))
    assert minqin.split()[:4] == ["minqin", "stated", "0", "1.8"]
    assert cli.main(["compare", "托位", "--format", "csv", "--db", str(real_db)]) == 0
    frame = pl.read_csv(io.StringIO(capsys.readouterr().out))
    assert frame.columns == query.compare("托位", query.connect(real_db)).columns


@pytest.mark.parametrize(
    ("typed", "line"),
    [
        ("comapre", "plancompare: unknown command 'comapre'; did you mean compare?"),
        ("rendr", "plancompare: unknown command 'rendr'; did you mean render?"),
    ],
)
def test_a_mistyped_command_says_what_was_meant(capsys, typed, line):
    assert cli.main([typed, "托位"]) == 2
    assert capsys.readouterr().err == line + "\n"


def test_missing_database_explains(tmp_path, capsys):
    assert cli.main(["regions", "--db", str(tmp_path / "none.duckdb")]) == 66
    assert "plancompare build" in capsys.readouterr().err


@pytest.mark.parametrize("damage", ["truncate", "garbage"])
@pytest.mark.parametrize("command", [["regions"], ["compare", "nursing_bed_share"]])
def test_damaged_database_is_one_line_and_exit_66(mini_data, tmp_path, capsys, damage, command):
    db = tmp_path / "plans.duckdb"
    assert cli.main(["build", "--data", str(mini_data), "--db", str(db)]) == 0
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2] if damage == "truncate" else b"not a database" * 99)
    capsys.readouterr()
    assert cli.main([*command, "--db", str(db)]) == 66
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "plancompare build" in err and str(db) in err


def test_database_of_another_schema_is_refused(mini_data, tmp_path, capsys):
    db = tmp_path / "plans.duckdb"
    cli.main(["build", "--data", str(mini_data), "--db", str(db)])
    con = duckdb.connect(str(db))
    con.execute("DELETE FROM build_info WHERE key = 'schema_version'")
    con.close()
    capsys.readouterr()
    assert cli.main(["regions", "--db", str(db)]) == 66
    assert "schema none" in capsys.readouterr().err


def test_unwritable_output_folder_exits_73_and_keeps_the_database(mini_data, tmp_path, capsys):
    # A folder below a regular file cannot be created, even by root (CI runs as root).
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    db = blocker / "plans.duckdb"
    assert cli.main(["build", "--data", str(mini_data), "--db", str(db)]) == 73
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"cannot write {blocker}" in err
    assert blocker.read_text() == "not a folder"


def test_validate_caps_the_problems_of_a_junk_file(mini_data, capsys):
    path = mini_data / "targets" / "a.csv"
    path.write_text(",".join(layout.TARGET_COLUMNS) + "\n" + "x,y\n" * 500, encoding="utf-8")
    assert cli.main(["validate", "--data", str(mini_data)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len([line for line in err if line.startswith(str(path))]) == 20
    assert f"… and 481 more problems in {path}" in err


def test_help_documents_exit_codes(capsys):
    with pytest.raises(SystemExit):
        cli.main(["build", "--help"])
    out = capsys.readouterr().out
    for code in ("66", "73", "75"):
        assert f"  {code}  " in out


def test_help_names_every_command(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    for command in ("validate", "build", "regions", "indicators", "compare", "render"):
        assert command in out


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_indicator_list_fits_the_terminal(real_db, monkeypatch, capsys, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    assert cli.main(["indicators", "--db", str(real_db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Indicators (")
    assert max(display_width(line) for line in lines) <= columns
    assert "childcare_" in "".join(lines)


def test_tables_for_scripts(capsys, real_db):
    assert cli.main(["regions", "--format", "json", "--db", str(real_db)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {row["region_id"] for row in rows} == {
        "minqin",
        "guizhou",
        "wuzhong",
        "xianning",
        "dayao",
    }
    assert cli.main(["compare", "托位", "--format", "csv", "--db", str(real_db)]) == 0
    frame = pl.read_csv(io.StringIO(capsys.readouterr().out))
    assert frame.height >= 5 and "target_raw" in frame.columns


def test_candidates_unaccounted_says_so_on_stderr_and_nothing_on_stdout(mini_data, capsys):
    assert cli.main(["candidates", "a", "--unaccounted", "--data", str(mini_data)]) == 0
    out, err = capsys.readouterr()
    assert out == "" and err == "a: 0 unaccounted of 3 candidates\n"


def test_candidates_unaccounted_lists_what_is_left_with_every_region_s_summary(mini_data, capsys):
    from conftest import append_to_source

    source = append_to_source(mini_data, "a.txt", "新建学校3所。\n")
    assert cli.main(["candidates", "--unaccounted", "--data", str(mini_data)]) == 1
    out, err = capsys.readouterr()
    assert out == f"{source}:4: 3 — 新建学校3所。\n"
    assert err.splitlines() == [
        "a: 1 unaccounted of 4 candidates",
        "b: 0 unaccounted of 2 candidates",
    ]


@pytest.mark.parametrize("extra", [[], ["--unaccounted"]])
def test_candidates_csv_always_prints_its_header(mini_data, tmp_path, capsys, extra):
    empty = tmp_path / "empty.txt"
    empty.write_text("没有数字的一行\n", encoding="utf-8")
    region = "a" if extra else str(empty)
    assert cli.main(["candidates", region, "--csv", "--data", str(mini_data), *extra]) == 0
    header = capsys.readouterr().out.splitlines()[0].split(",")
    assert header[-6:] == ["line", "occurrence", "figure", "unit", "comparator", "context"]


def test_candidates_csv_names_each_statement_by_line_and_occurrence(mini_data, capsys):
    from conftest import append_to_source

    append_to_source(mini_data, "a.txt", "入学率保持100%,巩固率100%。\n")
    assert cli.main(["candidates", "a", "--csv", "--data", str(mini_data)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["line"], r["occurrence"], r["figure"]) for r in rows if r["line"] == "4"] == [
        ("4", "1", "100%"),
        ("4", "2", "100%"),
    ]


@pytest.mark.parametrize("extra", [[], ["--unaccounted"]])
def test_candidates_region_gets_did_you_mean(mini_data, capsys, extra):
    assert cli.main(["candidates", "甲", "--data", str(mini_data), *extra]) == 2
    err = capsys.readouterr().err
    assert err == "plancompare candidates: unknown region '甲'; did you mean a (甲县, County A)?\n"


def test_candidates_accepts_a_region_s_chinese_name(mini_data, capsys):
    assert cli.main(["candidates", "甲县", "--data", str(mini_data)]) == 0
    assert "55%以上" in capsys.readouterr().out
