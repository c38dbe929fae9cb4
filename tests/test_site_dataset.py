"""The downloadable dataset: every table as CSV and Parquet, as in the database, described by a
Frictionless Data Package that validates (types, primary and foreign keys)."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl
from plancompare import query
from plancompare.ingest import layout
from plancompare.site import dataset


def _validate(descriptor) -> dict:
    """`frictionless validate --json` in its own process: frictionless raises the csv module's
    field size limit while it reads, which would change how other tests' CSVs are read."""
    command = [str(Path(sys.executable).parent / "frictionless"), "validate", "--json"]
    run = subprocess.run([*command, str(descriptor)], capture_output=True, text=True, timeout=120)
    report = json.loads(run.stdout)
    assert (run.returncode == 0) == report["valid"], run.stderr
    return report


def _errors(report: dict) -> list[dict]:
    return [error for task in report["tasks"] for error in task["errors"]] + report["errors"]


def test_the_site_datapackage_validates(site):
    report = _validate(site / "data" / "datapackage.json")
    assert report["valid"], _errors(report)[:10]


def test_a_broken_foreign_key_fails_validation(site, tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(site / "data", copy)
    targets = copy / "targets.csv"
    text = targets.read_text(encoding="utf-8")
    targets.write_text(text.replace("\nxianning,", "\nnowhere,", 1), encoding="utf-8")
    report = _validate(copy / "datapackage.json")
    assert not report["valid"]
    assert "foreign-key" in {error["type"] for error in _errors(report)}


def test_tables_hold_what_the_database_holds(site, con):
    for name, table in [
        ("regions", "regions"),
        ("catalog", "indicators"),
        ("targets", "targets"),
        ("comparison", "comparison"),
        ("reference", "reference"),
        ("attainment", "attainment"),
    ]:
        expected = con.sql(f"SELECT count(*) FROM {table}").fetchall()[0][0]
        with (site / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        assert len(rows) == expected, name
        parquet = pl.read_parquet(site / "data" / f"{name}.parquet")
        assert parquet.height == expected and parquet.columns == list(rows[0]), name
    quotes = {
        r["quote"] for r in csv.DictReader((site / "data" / "targets.csv").open(encoding="utf-8"))
    }
    assert set(query.targets(con=con)["quote"]) == quotes  # verbatim, not re-encoded


def test_descriptor_names_keys_sources_and_citation(site, con):
    package = json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    assert list(resources) == list(dataset.RESOURCES)
    assert resources["comparison"]["schema"]["primaryKey"] == [
        "region_id",
        "indicator_id",
        "target_year",
    ]
    assert {"fields": "region_id", "reference": {"resource": "regions", "fields": "region_id"}} in (
        resources["targets"]["schema"]["foreignKeys"]
    )
    types = {f["name"]: f["type"] for f in resources["targets"]["schema"]["fields"]}
    assert (
        types["line"] == "integer"
        and types["target_value"] == "number"
        and types["quote"] == "string"
    )
    titles = " ".join(s["title"] for s in package["sources"])
    for title in query.regions(con)["plan_title"]:
        assert title in titles
    assert "document number 咸发改社会〔2022〕14号, index number 011336925/2022-30268" in titles
    assert titles.count("a third-party copy, numbers checked against it") == 2
    regions = {f["name"] for f in resources["regions"]["schema"]["fields"]}
    assert {"document_number", "index_number", "published_on", "wrapper_lines"} <= regions
    assert query.build_info(con)["fingerprint"] in package["citation"]
    assert [lic["name"] for lic in package["licenses"]] == ["CC-BY-4.0"]
    assert "CC BY 4.0" in package["citation"]
    # The plans themselves are official documents, outside copyright, and say so.
    assert all("Copyright Law of the PRC, Art. 5" in s["title"] for s in package["sources"][:5])


def test_exclusions_ledger_rows_are_in_the_dataset(mini_data, tmp_path, write_extras):
    ledger = layout.ledger_file(mini_data, "a")
    ledger.parent.mkdir()
    ledger.write_text(
        "line,figure,reason,note\n3,2025,background_statistic,the year\n", encoding="utf-8"
    )
    out = tmp_path / "reports"
    write_extras(mini_data, out, draft=True)
    with (out / "data" / "exclusions.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows == [
        {
            "region_id": "a",
            "csv_row": "2",
            "line": "3",
            "figure": "2025",
            "reason": "background_statistic",
            "note": "the year",
        }
    ]
    assert _validate(out / "data" / "datapackage.json")["valid"]


def test_fields_take_types_and_each_tables_own_choices_from_the_declarations(site):
    package = json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        table = dataset.RESOURCES[resource["name"]][0]
        assert [(f["name"], f["type"]) for f in resource["schema"]["fields"]] == [
            (c.name, c.type) for c in table.columns
        ]
    enums = {
        (r["name"], f["name"]): f["constraints"]["enum"]
        for r in package["resources"]
        for f in r["schema"]["fields"]
        if "constraints" in f
    }
    assert enums["targets", "kind"] == enums["comparison", "kind"] == ["table", "prose"]
    assert enums["reference", "kind"] == ["target", "actual"]
    assert enums["reference", "grade"] == enums["comparison", "national_grade"] == ["A", "B", "C"]
    assert enums["comparison", "vs_national"] == ["above", "at", "below", "none"]
    assert enums["exclusions", "reason"] == list(layout.EXCLUSION_REASONS)
    assert enums["attainment", "status"][:2] == ["met", "not_met"]
    assert "rounded" in enums["attainment", "reason"]


def test_attainment_is_downloadable_with_its_key_and_status(site):
    package = json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    [resource] = [r for r in package["resources"] if r["name"] == "attainment"]
    assert resource["schema"]["primaryKey"] == ["jurisdiction", "indicator_id", "target_year"]
    with (site / "data" / "attainment.csv").open(encoding="utf-8", newline="") as f:
        rows = {(r["indicator_id"], r["target_year"]): r for r in csv.DictReader(f)}
    high_school = rows["high_school_gross_enrolment", "2025"]
    assert (high_school["actual_raw"], high_school["status"], high_school["reason"]) == (
        "92.0%",
        "unknown",
        "rounded",
    )
