"""The curated data itself: sources are the published texts, rows are traceable to them."""

import csv
import hashlib
import re

from plancompare.common import paths
from plancompare.ingest import layout
from plancompare.ingest.validate import reference
from plancompare.ingest.values import normalise

RAW = paths.PROJECT_ROOT / "data" / "raw"


def rows(path):
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_sources_match_their_checksums():
    for line in (RAW / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split()
        assert hashlib.sha256((RAW / name).read_bytes()).hexdigest() == digest, name


def test_every_region_has_a_source_and_a_targets_file():
    for region in rows(RAW / "regions.csv"):
        assert (RAW / region["source_file"]).is_file()
        assert (RAW / "targets" / f"{region['region_id']}.csv").is_file()


def test_every_quote_is_on_its_line_and_holds_its_target():
    regions = {r["region_id"]: r for r in rows(RAW / "regions.csv")}
    for path in layout.target_files(RAW):
        lines = (RAW / regions[path.stem]["source_file"]).read_text(encoding="utf-8").split("\n")
        for number, row in enumerate(rows(path), start=2):
            where = f"{path.name}:{number}"
            assert row["quote"] and row["quote"] in lines[int(row["line"]) - 1], where
            assert row["target_raw"] in row["quote"], where
            assert len(row["quote"]) <= layout.QUOTE_MAX_CHARS, where


# A flattened table (one cell per line: dayao) has its name cell lines above the value's line;
# the row's notes cite it.
_NAME_CELL = re.compile(r"name cell line (\d+)")


def test_every_name_in_source_is_written_on_its_line():
    regions = {r["region_id"]: r for r in rows(RAW / "regions.csv")}
    for path in layout.target_files(RAW):
        lines = (RAW / regions[path.stem]["source_file"]).read_text(encoding="utf-8").split("\n")
        for number, row in enumerate(rows(path), start=2):
            cited = _NAME_CELL.search(row["notes"]) if row["kind"] == "table" else None
            line = int(cited.group(1)) if cited else int(row["line"])
            # Folded for script: a traditional plan's name may be copied from either script.
            assert normalise(row["name_in_source"]) in normalise(lines[line - 1]), (
                f"{path.name}:{number}: {row['name_in_source']!r} is not on line {line}"
            )


def test_fixed_headline_ids_are_in_the_catalog():
    ids = {r["indicator_id"] for r in rows(RAW / "catalog.csv")}
    assert set(layout.HEADLINE_INDICATORS) <= ids


def test_every_catalog_indicator_is_used():
    files = [*layout.target_files(RAW), *reference.reference_files(RAW)]
    used = {r["indicator_id"] for p in files for r in rows(p)}
    assert {r["indicator_id"] for r in rows(RAW / "catalog.csv")} == used


def test_no_duplicate_region_indicator_year_line():
    for path in layout.target_files(RAW):
        keys = [(r["indicator_id"], r["target_year"], r["line"]) for r in rows(path)]
        assert len(keys) == len(set(keys)), path.name
