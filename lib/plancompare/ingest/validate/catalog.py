"""catalog.csv, one row per canonical indicator: ids, choices, and every headline indicator
present."""

from __future__ import annotations

from pathlib import Path

from plancompare.ingest import layout
from plancompare.ingest.validate.checks import check_choice, keyed_rows
from plancompare.ingest.validate.problems import Validation, reporter


def validate_catalog(data_dir: Path, result: Validation) -> dict[str, dict]:
    """The indicators by id; problems go into `result`."""
    path = data_dir / "catalog.csv"
    indicators: dict[str, dict] = {}
    rows = keyed_rows(
        path,
        layout.CATALOG_COLUMNS,
        "indicator_id",
        "a snake_case id",
        ("name_zh", "name_en", "unit"),
        result,
    )
    for row, report in rows:
        check_choice(row["domain"], layout.DOMAINS, report, "domain")
        check_choice(row["direction"], layout.DIRECTIONS, report, "direction")
        check_choice(row["measure"], layout.MEASURES, report, "measure")
        indicators[row["indicator_id"]] = row
    for headline in layout.HEADLINE_INDICATORS:
        if indicators and headline not in indicators:
            reporter(result, path)(1, "indicator_id", f"headline indicator {headline!r} is missing")
    return indicators
