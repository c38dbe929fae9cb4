"""Is every candidate quantity of a plan accounted for, by a target row or a ledger row?

A candidate (see `plancompare.ingest.candidates`) on line N is accounted for when
- a target row has `line` N and its `target_raw` or `baseline_raw` holds the same number, or its
  `baseline_line` is N and its `baseline_raw` holds it ("95%以上" matches "≥95%" and "95%以上";
  "[1.86]", "1.58万人以上" and "1.58万" all hold 1.58); or
- a row of excluded/<region_id>.csv has line N and a figure with the same number.
"""

from __future__ import annotations

from plancompare.ingest.candidates import Candidate, find_in_line
from plancompare.ingest.values import CellParseError, parse_cell


def numbers(cell: str) -> set[float]:
    """Every number a verbatim cell or ledger figure holds."""
    found = {c.number for c in find_in_line(cell, 0)}
    try:
        value = parse_cell(cell)
    except CellParseError:
        return found
    return found | ({value.number} if value.number is not None else set())


def accounted(target_rows: list[dict], ledger_rows: list[dict]) -> set[tuple[int, float]]:
    """(line, number) pairs that curated rows account for."""
    keys: set[tuple[int, float]] = set()
    for row in target_rows:
        # Rows as validation placed them: `line` and `baseline_line` already parsed.
        line = row["line"]
        keys |= {(line, n) for n in numbers(row["target_raw"])}
        keys |= {(row["baseline_line"] or line, n) for n in numbers(row["baseline_raw"])}
    for row in ledger_rows:
        keys |= {(row["line"], n) for n in numbers(row["figure"])}
    return keys


def unaccounted(
    candidates: list[Candidate], target_rows: list[dict], ledger_rows: list[dict]
) -> list[Candidate]:
    keys = accounted(target_rows, ledger_rows)
    return [c for c in candidates if (c.line, c.number) not in keys]
