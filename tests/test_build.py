"""The database build: contents, views, exports and atomicity."""

import os
import shutil
import signal
import subprocess
import sys

import duckdb
import polars as pl
import pytest
from plancompare.common import paths
from plancompare.model.views import VIEWS
from plancompare.store import schema
from plancompare.store.build import BuildError, build
from plancompare.store.exports import stale_exports

DUCKDB_TYPES = {
    "string": "VARCHAR",
    "integer": "INTEGER",
    "number": "DOUBLE",
    "boolean": "BOOLEAN",
    "date": "DATE",
}


def test_every_table_is_stored_as_declared(con):
    stored = {r[0] for r in con.sql("SELECT table_name FROM duckdb_tables()").fetchall()}
    # and the rules computed once at build (model.views), declared with their SQL
    computed = {view.name for view in VIEWS if view.kind == "TABLE"}
    assert stored == {table.name for table in schema.TABLES} | computed
    for table in schema.TABLES:
        described = [(r[0], r[1]) for r in con.sql(f"DESCRIBE {table.name}").fetchall()]
        assert described == [(c.name, DUCKDB_TYPES[c.type]) for c in table.columns], table.name


def test_targets_table_has_the_contract_columns(con):
    columns = {row[0] for row in con.sql("DESCRIBE targets").fetchall()}
    contract = {
        "region_id",
        "indicator_id",
        "name_in_source",
        "name_zh",
        "category_in_source",
        "unit_in_source",
        "unit",
        "baseline_year",
        "baseline_raw",
        "baseline_value",
        "target_year",
        "target_raw",
        "target_value",
        "comparator",
        "period",
        "baseline_period",
        "cumulative",
        "qualitative",
        "attribute",
        "kind",
        "line",
        "baseline_line",
        "quote",
        "notes",
        "source_file",
        "hedge",
    }
    assert contract <= columns


def test_reference_table_has_parsed_values_beside_raw_text_and_citation(con):
    rows = con.sql(
        "SELECT value_raw, value, comparator, publisher, read_at, grade FROM reference "
        "WHERE indicator_id = 'preschool_gross_enrolment' AND kind = 'target'"
    ).fetchall()
    assert rows == [
        (
            "大于90%",
            90.0,
            ">",
            "新华社",
            "https://m.folksfolks.com/news/2022-01/11/content_30934850.htm",
            "C",
        )
    ]


def test_reference_table_is_empty_without_reference_files(mini_data, tmp_path):
    db = tmp_path / "mini.duckdb"
    build(mini_data, db)
    with duckdb.connect(str(db), read_only=True) as mini:
        assert mini.sql("SELECT count(*) FROM reference").fetchall() == [(0,)]


def test_headline_view_has_one_row_per_region_and_headline(con):
    headline = con.sql("SELECT * FROM headline").pl()
    assert headline.height == 15
    assert headline.select("region_id", "indicator_id").is_unique().all()
    # A plan that is silent on a headline indicator shows as `not stated`, never as zero.
    silent = headline.filter(pl.col("status") == "not stated")
    assert silent.height > 0 and silent["target_value"].null_count() == silent.height


def test_headline_status_follows_the_curated_rows(con):
    stated = set(
        con.sql("""SELECT DISTINCT region_id, indicator_id FROM targets
                   WHERE indicator_id IN (SELECT indicator_id FROM indicators WHERE headline)
                """).fetchall()
    )
    headline = con.sql("SELECT region_id, indicator_id, status FROM headline").fetchall()
    for region_id, indicator_id, status in headline:
        assert (status == "not stated") == ((region_id, indicator_id) not in stated)


def test_units_are_converted_into_the_catalog_unit(con):
    # dayao states doctors per 10,000 (19.4 → 22); the catalog holds them per 1,000.
    rows = con.sql("""SELECT baseline_value_in_source, baseline_value, unit FROM targets
                      WHERE region_id = 'dayao' AND indicator_id = 'doctors_per_1k'
                        AND unit_in_source = '人/万人'""").fetchall()
    assert rows == [(19.4, pytest.approx(1.94), "人/千人")]


def test_traditional_names_are_kept_and_simplified(con):
    rows = con.sql("""SELECT name_in_source, name_in_source_simplified FROM targets
                      WHERE region_id = 'wuzhong' AND indicator_id = 'nursing_bed_share'
                   """).fetchall()
    assert rows[0] == ("養老機構護理型床位占比", "养老机构护理型床位占比")


def test_coverage_is_a_full_matrix(con):
    n_indicators = con.sql("SELECT count(*) FROM indicators").fetchall()[0][0]
    n_regions = con.sql("SELECT count(*) FROM regions").fetchall()[0][0]
    assert con.sql("SELECT count(*) FROM coverage").fetchall()[0][0] == n_indicators * n_regions


def test_exports_match_the_database(real_db, con):
    parquet = pl.read_parquet(real_db.with_name("targets.parquet"))
    assert parquet.height == con.sql("SELECT count(*) FROM targets").fetchall()[0][0]
    assert (
        real_db.with_name("targets.csv").read_text(encoding="utf-8").count("\n") >= parquet.height
    )


def test_failed_build_keeps_the_previous_database(mini_data, tmp_path):
    db = tmp_path / "plans.duckdb"
    build(mini_data, db)
    before = db.read_bytes()
    (mini_data / "targets" / "a.csv").write_text("indicator_id\nbroken\n", encoding="utf-8")
    with pytest.raises(BuildError) as error:
        build(mini_data, db)
    assert "missing column" in str(error.value)
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "manifest.json",
        "plans.build.json",
        "plans.duckdb",
        "raw",
        "targets.csv",
        "targets.parquet",
    ]


def test_build_is_repeatable_with_the_same_fingerprint(mini_data, tmp_path):
    first = build(mini_data, tmp_path / "one.duckdb")
    second = build(mini_data, tmp_path / "two.duckdb")
    assert first.fingerprint == second.fingerprint
    (mini_data / "sources" / "a.txt").write_text("changed\n" * 5, encoding="utf-8")
    with pytest.raises(BuildError):
        build(mini_data, tmp_path / "three.duckdb")


def test_fingerprint_changes_with_the_data(mini_data, tmp_path):
    first = build(mini_data, tmp_path / "one.duckdb")
    notes = mini_data / "targets" / "b.csv"
    notes.write_text(notes.read_text(encoding="utf-8").rstrip("\n") + "note\n", encoding="utf-8")
    second = build(mini_data, tmp_path / "two.duckdb")
    assert first.fingerprint != second.fingerprint
    info = (
        duckdb.connect(str(tmp_path / "two.duckdb"), read_only=True)
        .sql("SELECT value FROM build_info WHERE key = 'fingerprint'")
        .fetchall()[0][0]
    )
    assert info == second.fingerprint


def test_default_paths_point_into_the_project(monkeypatch):
    monkeypatch.delenv("PLANCOMPARE_DB", raising=False)  # an in-process render sets it
    assert paths.default_db_path().parts[-3:] == ("data", "processed", "plans.duckdb")


# Runs a build that SIGKILLs itself just before its n-th rename: a build killed half-way.
_KILLED_BUILD = """
import os, signal, sys
from plancompare.store.build import build
real_replace, calls = os.replace, []
def replace_or_die(src, dst):
    calls.append(dst)
    if len(calls) == int(sys.argv[3]):
        os.kill(os.getpid(), signal.SIGKILL)
    real_replace(src, dst)
os.replace = replace_or_die
build(sys.argv[1], sys.argv[2])
"""


@pytest.mark.parametrize("killed_at_rename", [1, 2, 3, 4])
def test_killed_build_is_detected_and_cleaned_up_by_the_next(mini_data, tmp_path, killed_at_rename):
    db = tmp_path / "out" / "plans.duckdb"
    build(mini_data, db)
    assert stale_exports(db) == []
    notes = mini_data / "targets" / "b.csv"
    notes.write_text(notes.read_text(encoding="utf-8").rstrip("\n") + "note\n", encoding="utf-8")
    killed = subprocess.run(
        [sys.executable, "-c", _KILLED_BUILD, str(mini_data), str(db), str(killed_at_rename)]
    )
    assert killed.returncode == -signal.SIGKILL
    assert list(db.parent.glob(".*.tmp")), "the killed build left its temporary files"
    if killed_at_rename > 1:  # some exports renamed, the database not: a reader must notice
        assert stale_exports(db)
    build(mini_data, db)
    assert list(db.parent.glob(".*.tmp")) == []
    assert stale_exports(db) == []


def test_each_export_from_another_build_is_named(mini_data, tmp_path):
    first, second = tmp_path / "one" / "plans.duckdb", tmp_path / "two" / "plans.duckdb"
    build(mini_data, first)
    build(mini_data, second)
    parquet = first.with_name("targets.parquet")
    shutil.copy(second.with_name("targets.parquet"), parquet)
    assert stale_exports(first) == [f"{parquet} is not from the build of plans.duckdb"]
    second.with_name("targets.csv").write_text("edited\n")
    assert stale_exports(second) == [
        f"{second.with_name('targets.csv')} does not match manifest.json"
    ]


def test_build_leaves_a_running_builds_files_alone(mini_data, tmp_path):
    db = tmp_path / "plans.duckdb"
    live = tmp_path / f".plans.duckdb.{os.getpid()}.0123abcd.tmp"  # this process is alive
    live.write_text("in progress")
    build(mini_data, db)
    assert live.read_text() == "in progress"
