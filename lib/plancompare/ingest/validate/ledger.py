"""excluded/<region_id>.csv, the ledger of a plan's figures that are not targets, and the
completeness check: every candidate quantity of a plan is a target or a ledger row."""

from __future__ import annotations

import functools
from pathlib import Path

from plancompare.ingest import completeness, layout
from plancompare.ingest.candidates import find, fold
from plancompare.ingest.validate.checks import (
    check_choice,
    line_problem,
    read_csv,
    source_lines,
    to_int,
)
from plancompare.ingest.validate.problems import Problem, Validation, reporter


def _validate_ledger(path: Path, region: dict, lines: list[str], result: Validation) -> list[dict]:
    """Check excluded/<region_id>.csv; return its rows that can account for a candidate."""
    table = read_csv(path, layout.LEDGER_COLUMNS, result)
    if table is None:
        return []
    file_report = reporter(result, path)
    usable = []
    for row, number in zip(table.rows, table.row_numbers, strict=True):
        report = functools.partial(file_report, number)
        line = to_int(row["line"])
        figure = row["figure"].strip()
        if problem := line_problem(line, row["line"], lines, region):
            report("line", problem)
        elif not figure:
            report("figure", "must not be empty")
        elif fold(figure) not in fold(lines[line - 1]):
            report("figure", f"{figure!r} not found on line {line} of {region['source_file']}")
        elif not completeness.numbers(figure):
            report("figure", f"{figure!r} holds no number")
        else:
            usable.append({**row, "line": line})
        check_choice(row["reason"].strip(), layout.EXCLUSION_REASONS, report, "reason")
        if not row["note"].strip():
            report("note", "must not be empty: say what the figure is and why it is left out")
    others = sum(r["reason"].strip() == "other" for r in table.rows)
    if table.rows and others > layout.OTHER_REASON_MAX_SHARE * len(table.rows):
        file_report(
            1,
            "reason",
            f"{others} of {len(table.rows)} rows are 'other'; at most "
            f"{layout.OTHER_REASON_MAX_SHARE:.0%}: use a specific reason",
        )
    return usable


_UNACCOUNTED_SHOWN = 20


def check_completeness(
    region: dict, targets: list[dict], result: Validation, text_cache: dict, draft: bool
) -> None:
    """Every candidate quantity of the plan is a target or a ledger row (unless `draft`)."""
    lines = source_lines(result.data_dir, region, text_cache)
    if lines is None:
        return
    ledger_path = layout.ledger_file(result.data_dir, region["region_id"])
    ledger = _validate_ledger(ledger_path, region, lines, result) if ledger_path.is_file() else []
    candidates = find("\n".join(lines))
    left = completeness.unaccounted(candidates, targets, ledger, lines)
    result.unaccounted[region["region_id"]] = left
    result.candidates[region["region_id"]] = len(candidates)
    if draft or not left:
        return
    source = result.data_dir / region["source_file"]
    for candidate in left[:_UNACCOUNTED_SHOWN]:
        result.problems.append(
            Problem(
                source,
                candidate.line,
                "-",
                f"unaccounted candidate {candidate.figure!r} ({candidate.context}): curate it "
                f"or add it to {ledger_path.relative_to(result.data_dir)}",
            )
        )
    if len(left) > _UNACCOUNTED_SHOWN:
        result.problems.append(
            Problem(
                source,
                1,
                "-",
                f"and {len(left) - _UNACCOUNTED_SHOWN} more unaccounted candidates: "
                f"plancompare candidates --unaccounted {region['region_id']}",
            )
        )
