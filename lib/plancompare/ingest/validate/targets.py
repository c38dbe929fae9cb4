"""targets/<region_id>.csv, one row per stated target: each row checked against the catalog and
its plan's text, and harmonised on the way into a row of the `targets` table, so a row that
parses and converts cleanly is exactly a row the database can hold."""

from __future__ import annotations

import functools
from pathlib import Path

from plancompare.common.text import to_simplified
from plancompare.ingest import layout
from plancompare.ingest.validate.checks import (
    check_choice,
    committed,
    harmonise_cell,
    line_problem,
    read_csv,
    source_lines,
    to_int,
)
from plancompare.ingest.validate.problems import Problem, Validation, reporter
from plancompare.ingest.values import Value, figure_on_line


def _check_periods(row: dict, baseline: Value | None, target: Value | None, report) -> None:
    """`period` is required, `baseline_period` goes with a baseline, and a cell marked [ ] or *
    (five-year cumulative) is `cumulative` unless the notes say why not."""
    check_choice(row["period"], layout.PERIODS, report, "period")
    if row["baseline_raw"].strip():
        check_choice(row["baseline_period"], layout.PERIODS, report, "baseline_period")
    elif row["baseline_period"]:
        report("baseline_period", "must be empty: the row has no baseline")
    explained = "period" in row["notes"].lower()
    for column, cell in (("period", target), ("baseline_period", baseline)):
        if cell is not None and cell.cumulative and row[column] != "cumulative" and not explained:
            report(
                column,
                f"{cell.raw!r} is marked cumulative ([ ] or *) but the period is "
                f"{row[column]!r}: make it cumulative, or say why in notes (mention 'period')",
            )


def _check_baseline_line(row: dict, lines: list[str] | None, region: dict | None, report):
    """The 1-based line the baseline comes from when it is not `line`, or None; the baseline's
    figure must be on it."""
    raw = row["baseline_line"].strip()
    if not raw:
        return None
    number = to_int(raw)
    problem = line_problem(number, raw, lines, region)
    if number is None or number < 1:
        report("baseline_line", problem)
        return None
    if not row["baseline_raw"].strip():
        report("baseline_line", "given, but the row has no baseline")
    elif problem:
        report("baseline_line", problem)
    elif lines is not None and not figure_on_line(row["baseline_raw"], lines[number - 1]):
        report(
            "baseline_line",
            f"the figure of baseline_raw {row['baseline_raw']!r} is not on line {number} "
            f"of {region['source_file']}",
        )
    return number


def validate_targets(
    path: Path, regions: dict, indicators: dict, result: Validation, text_cache: dict
) -> list[dict]:
    """Validate one targets file; return its rows whose line numbers are usable."""
    region_id = path.stem
    table = read_csv(path, layout.TARGET_COLUMNS, result)
    if table is None:
        return []
    region = regions.get(region_id)
    if region is None and regions:
        choices = ", ".join(sorted(regions))
        result.problems.append(
            Problem(
                path,
                1,
                "-",
                f"unknown region {region_id!r} (file name); regions.csv has: {choices}",
            )
        )
        return []
    lines = source_lines(result.data_dir, region, text_cache) if region else None
    seen: dict[tuple, int] = {}
    located: list[dict] = []
    file_report = reporter(result, path)
    for row, number in zip(table.rows, table.row_numbers, strict=True):
        report = functools.partial(file_report, number)
        indicator = indicators.get(row["indicator_id"].strip())
        if indicator is None and indicators:
            report(
                "indicator_id", f"unknown indicator {row['indicator_id']!r}: add it to catalog.csv"
            )
        check_choice(row["attribute"], layout.ATTRIBUTES, report, "attribute")
        check_choice(row["kind"], layout.KINDS, report, "kind")

        baseline_year = to_int(row["baseline_year"])
        if row["baseline_year"].strip() and baseline_year is None:
            report("baseline_year", f"{row['baseline_year']!r} is not a year")
        target_year = to_int(row["target_year"])
        if target_year is None:
            report("target_year", f"{row['target_year']!r} is not a year")
        line = to_int(row["line"])
        quote = row["quote"]
        if problem := line_problem(line, row["line"], lines, region):
            report("line", problem)
        elif lines is not None:
            if not quote.strip():
                report("quote", "must not be empty")
            elif quote not in lines[line - 1]:
                report("quote", f"not found on line {line} of {region['source_file']}")
        if len(quote) > layout.QUOTE_MAX_CHARS:
            report("quote", f"{len(quote)} characters; at most {layout.QUOTE_MAX_CHARS}")
        if row["target_raw"].strip() and row["target_raw"] not in quote:
            report("target_raw", f"{row['target_raw']!r} does not appear in the quote")
        if not row["target_raw"].strip() and not row["baseline_raw"].strip():
            report("target_raw", "neither a baseline nor a target is given")
        baseline_line = _check_baseline_line(row, lines, region, report)
        if line is not None and (baseline_line is not None or not row["baseline_line"].strip()):
            located.append({**row, "line": line, "baseline_line": baseline_line})

        key = (row["indicator_id"], target_year, line)
        if key in seen:
            report(
                "indicator_id",
                f"duplicate of row {seen[key]} (same indicator, target year and line)",
            )
        seen.setdefault(key, number)

        baseline, baseline_value, _ = harmonise_cell(
            row["baseline_raw"], "baseline_raw", row["unit_in_source"], indicator, report
        )
        target, target_value, (target_low, target_high) = harmonise_cell(
            row["target_raw"], "target_raw", row["unit_in_source"], indicator, report
        )
        _check_periods(row, baseline, target, report)
        if indicator is None or baseline is None or target is None or region is None:
            continue
        harmonised = layout.TARGETS.row(
            {
                "region_id": region_id,
                "indicator_id": indicator["indicator_id"],
                "name_in_source": row["name_in_source"],
                "name_in_source_simplified": to_simplified(row["name_in_source"]),
                "name_zh": indicator["name_zh"],
                "category_in_source": row["category_in_source"],
                "unit_in_source": row["unit_in_source"],
                "unit": indicator["unit"],
                "baseline_year": baseline_year,
                "baseline_raw": row["baseline_raw"],
                "baseline_value_in_source": committed(
                    baseline.number, *baseline.bounds, baseline, indicator["direction"]
                ),
                "baseline_value": baseline_value,
                "baseline_comparator": baseline.comparator,
                "baseline_qualitative": baseline.qualitative,
                "target_year": target_year,
                "target_raw": row["target_raw"],
                "target_value_in_source": committed(
                    target.number, *target.bounds, target, indicator["direction"]
                ),
                "target_value": target_value,
                "target_low": target_low,
                "target_high": target_high,
                "comparator": target.comparator,
                "period": row["period"],
                "baseline_period": row["baseline_period"] or None,
                "cumulative": row["period"] == "cumulative",
                "qualitative": target.qualitative,
                "attribute": row["attribute"] or None,
                "kind": row["kind"],
                "line": line,
                "baseline_line": baseline_line,
                "quote": quote,
                "notes": row["notes"],
                "source_file": region["source_file"],
                "csv_row": number,
            }
        )
        result.targets.append(harmonised)
    return located
