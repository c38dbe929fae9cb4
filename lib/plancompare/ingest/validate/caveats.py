"""caveats.csv, one row per (region, indicator) whose plan measures something other than the
catalog's definition: the pair stated by that region, the line within its plan text, the ranking's
choice, and both sentences. No file: no caveats."""

from __future__ import annotations

import functools
from pathlib import Path

from plancompare.ingest import layout
from plancompare.ingest.validate.checks import (
    check_choice,
    line_problem,
    read_csv,
    source_lines,
    to_int,
)
from plancompare.ingest.validate.problems import Validation, reporter


def validate_caveats(
    data_dir: Path, regions: dict, indicators: dict, result: Validation, text_cache: dict
) -> list[dict]:
    """The caveat rows (checked against the regions, catalog and `result.targets`); problems go
    into `result`."""
    path = layout.caveats_file(data_dir)
    if not path.is_file():
        return []
    table = read_csv(path, layout.CAVEAT_COLUMNS, result)
    if table is None:
        return []
    stated = {(t["region_id"], t["indicator_id"]) for t in result.targets}
    file_report = reporter(result, path)
    rows, seen = [], set()
    for row, number in zip(table.rows, table.row_numbers, strict=True):
        report = functools.partial(file_report, number)
        region_id, indicator_id = row["region_id"].strip(), row["indicator_id"].strip()
        region = regions.get(region_id)
        if region is None:
            check_choice(region_id, tuple(sorted(regions)), report, "region_id")
        if indicator_id not in indicators:
            report("indicator_id", f"unknown indicator {indicator_id!r}: add it to catalog.csv")
        elif region is not None and (region_id, indicator_id) not in stated:
            report("indicator_id", f"{region_id} states no target for {indicator_id!r}")
        if (region_id, indicator_id) in seen:
            report("indicator_id", f"duplicate caveat for ({region_id}, {indicator_id})")
        seen.add((region_id, indicator_id))
        line = to_int(row["line"])
        lines = source_lines(data_dir, region, text_cache) if region is not None else None
        problem = line_problem(line, row["line"], lines, region)
        if problem:
            report("line", problem)
        check_choice(row["ranking"], layout.CAVEAT_RANKINGS, report, "ranking")
        for column in ("caveat_zh", "caveat_en"):
            if not row[column].strip():
                report(column, "must not be empty")
        rows.append(
            layout.CAVEATS.row(
                {
                    "region_id": region_id,
                    "indicator_id": indicator_id,
                    "line": line,
                    "ranking": row["ranking"],
                    "caveat_zh": row["caveat_zh"].strip(),
                    "caveat_en": row["caveat_en"].strip(),
                }
            )
        )
    return rows
