"""regions.csv, one row per region and its plan, and the plan texts it names checked against
SHA256SUMS."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from plancompare.ingest import checksums, layout
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
        try:
            issued_on = dt.date.fromisoformat(row["issued_on"])
        except ValueError:
            issued_on = None
            report("issued_on", f"{row['issued_on']!r} is not an ISO date (YYYY-MM-DD)")
        source = data_dir / row["source_file"]
        if not source.is_file():
            report("source_file", f"{source} not found")
        regions[row["region_id"]] = {**row, "issued_on": issued_on}
    return regions


def check_checksums(data_dir: Path, regions: dict, result: Validation) -> None:
    """Every plan text (in sources/ or named in regions.csv) against SHA256SUMS."""
    named = (data_dir / r["source_file"] for r in regions.values())
    files = {*(data_dir / "sources").glob("*.txt"), *(p for p in named if p.is_file())}
    sources = {p.relative_to(data_dir).as_posix() for p in files}

    def report(path: Path, row: int, message: str) -> None:
        result.problems.append(Problem(path, row, "-", message))

    checksums.check_sources(data_dir, sorted(sources), report)
