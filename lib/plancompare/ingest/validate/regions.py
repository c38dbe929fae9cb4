"""regions.csv, one row per region and its plan, and the plan texts it names checked against
SHA256SUMS."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from plancompare.ingest import checksums, csvfile, layout
from plancompare.ingest.validate.checks import check_choice, keyed_rows
from plancompare.ingest.validate.problems import Problem, Validation


def validate_regions(data_dir: Path, result: Validation) -> dict[str, dict]:
    """The regions by id; problems go into `result`."""
    regions: dict[str, dict] = {}
    rows = keyed_rows(
        data_dir / "regions.csv",
        layout.REGION_COLUMNS,
        "region_id",
        "a lowercase id like 'xianning'",
        ("name_zh", "name_en", "plan_title", "source_file"),
        result,
    )
    for row, report in rows:
        check_choice(row["level"], layout.LEVELS, report, "level")
        check_choice(row["script"], layout.SCRIPTS, report, "script")
        dates = {
            column: _iso_date(row[column], column, report, required=column == "issued_on")
            for column in ("issued_on", "published_on")
        }
        source = data_dir / row["source_file"]
        if not source.is_file():
            report("source_file", f"{source} not found")
        else:
            try:
                _check_against_text(row, csvfile.read_text(source), report)
            except csvfile.InputError:
                pass  # reported where the plan's lines are read (targets, SHA256SUMS)
        regions[row["region_id"]] = {**row, **dates}
    return regions


def _iso_date(written: str, column: str, report, required: bool) -> dt.date | None:
    if not written and not required:
        return None
    try:
        return dt.date.fromisoformat(written)
    except ValueError:
        report(column, f"{written!r} is not an ISO date (YYYY-MM-DD)")
        return None


def _check_against_text(row: dict, text: str, report) -> None:
    """The document and index numbers are copied from the plan's text; the wrapper's lines are
    lines of it."""
    for column in ("document_number", "index_number"):
        if row[column] and row[column] not in text:
            report(column, f"{row[column]!r} is not written in {row['source_file']}")
    try:
        ranges = layout.line_ranges(row["wrapper_lines"])
    except ValueError as error:
        report("wrapper_lines", str(error))
        return
    n_lines = len(text.split("\n"))
    if ranges and max(last for _, last in ranges) > n_lines:
        report("wrapper_lines", f"past the end of {row['source_file']} ({n_lines} lines)")


def check_checksums(data_dir: Path, regions: dict, result: Validation) -> None:
    """Every plan text (in sources/ or named in regions.csv) against SHA256SUMS."""
    named = (data_dir / r["source_file"] for r in regions.values())
    files = {*(data_dir / "sources").glob("*.txt"), *(p for p in named if p.is_file())}
    sources = {p.relative_to(data_dir).as_posix() for p in files}

    def report(path: Path, row: int, message: str) -> None:
        result.problems.append(Problem(path, row, "-", message))

    checksums.check_sources(data_dir, sorted(sources), report)
