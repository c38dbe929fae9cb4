"""Reference figures a plan can be measured against: a jurisdiction's own plan targets (the
national plan's 2025 and the next plan's 2030 targets) and its actual values (the country's, or a
region's from its 统计公报), each with its citation.

`data/raw/reference/<jurisdiction>.csv` holds one row per sourced figure; the jurisdiction is
`national` or a region id of regions.csv, and the file's name. Cells are parsed and converted
into the catalog unit exactly as target cells are, and every problem is reported as
`file:row:column: message` into the same Validation as the plans.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from plancompare.ingest import layout
from plancompare.ingest.validate.checks import check_choice, harmonise_cell, read_csv, to_int
from plancompare.ingest.validate.problems import Validation, reporter

COLUMNS = (
    "jurisdiction",
    "indicator_id",
    "year",
    "as_of",
    "kind",
    "value_raw",
    "period",
    "unit_in_source",
    "publisher",
    "title",
    "published_on",
    "read_at",
    "grade",
    "notes",
)
# ISO 8601 calendar date, at reduced precision where the source gives only a month or a year.
_ISO_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
_URL = re.compile(r"^https?://\S+$")


def reference_files(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "reference").glob("*.csv"))


def validate_reference(
    data_dir: Path, indicators: dict, regions: dict, result: Validation
) -> list[dict]:
    """Parsed rows of every reference file; problems go into `result`. No directory: no rows.
    `regions` (by id) are the jurisdictions besides the nation."""
    jurisdictions = (layout.NATIONAL, *sorted(regions))
    rows: list[dict] = []
    for path in reference_files(data_dir):
        found = _validate_file(path, data_dir, indicators, jurisdictions, result)
        rows.extend(map(layout.REFERENCE.row, found))
    return rows


def _validate_file(
    path: Path, data_dir: Path, indicators: dict, jurisdictions: tuple[str, ...], result
):
    table = read_csv(path, COLUMNS, result)
    if table is None:
        return
    file_report = reporter(result, path)
    for row, number in zip(table.rows, table.row_numbers, strict=True):
        report = functools.partial(file_report, number)
        jurisdiction = row["jurisdiction"]
        if jurisdiction not in jurisdictions:
            check_choice(jurisdiction, jurisdictions, report, "jurisdiction")
        elif jurisdiction != path.stem:
            report(
                "jurisdiction",
                f"{jurisdiction!r} in reference/{path.name}: a jurisdiction's figures go in "
                f"reference/{jurisdiction}.csv",
            )
        indicator = indicators.get(row["indicator_id"].strip())
        if indicator is None and indicators:
            report(
                "indicator_id", f"unknown indicator {row['indicator_id']!r}: add it to catalog.csv"
            )
        year = to_int(row["year"])
        if year is None:
            report("year", f"{row['year']!r} is not a year")
        check_choice(row["kind"], layout.REFERENCE_KINDS, report, "kind")
        check_choice(row["period"], layout.PERIODS, report, "period")
        check_choice(row["grade"], layout.GRADES, report, "grade")
        for column in ("value_raw", "publisher"):
            if not row[column].strip():
                report(column, "must not be empty")
        published_on = row["published_on"].strip()
        if published_on and not _ISO_DATE.match(published_on):
            report(
                "published_on",
                f"{published_on!r} is not an ISO date (YYYY-MM-DD, or YYYY-MM / YYYY when the "
                "source gives no day)",
            )
        as_of = row["as_of"].strip()
        if as_of and not (_ISO_DATE.match(as_of) and as_of[:4] == row["year"].strip()):
            report(
                "as_of",
                f"{as_of!r} is not a date in {row['year']!r} (YYYY-MM or YYYY-MM-DD: the date a "
                "figure describes when it is not the year's end; empty otherwise)",
            )
        elif as_of and row["kind"] != "actual":
            report("as_of", "only an actual value has an as-of date; a target is for its year")
        if not _URL.match(row["read_at"].strip()):
            report("read_at", f"{row['read_at']!r} is not the URL where the figure was read")
        value, converted, _ = harmonise_cell(
            row["value_raw"], "value_raw", row["unit_in_source"], indicator, report
        )
        if indicator is None or value is None or year is None:
            continue
        yield {
            "jurisdiction": row["jurisdiction"],
            "indicator_id": indicator["indicator_id"],
            "unit": indicator["unit"],
            "year": year,
            "as_of": as_of or None,
            "kind": row["kind"],
            "period": row["period"],
            "value_raw": row["value_raw"],
            "value_in_source": value.number,
            "value": converted,
            "comparator": value.comparator,
            "qualitative": value.qualitative,
            "unit_in_source": row["unit_in_source"],
            "publisher": row["publisher"],
            "title": row["title"],
            "published_on": published_on or None,
            "read_at": row["read_at"].strip(),
            "grade": row["grade"],
            "notes": row["notes"],
            "source_file": path.relative_to(data_dir).as_posix(),
            "csv_row": number,
        }
