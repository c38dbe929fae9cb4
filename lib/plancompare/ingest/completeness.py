"""Is every candidate statement of a plan accounted for, by a target row or a ledger row?

Completeness is keyed by statement, not by number: a candidate (see
`plancompare.ingest.candidates`) is (line, number, occurrence), so a line stating 95% twice has
two, and each curated row accounts for exactly one:
- a target row for the candidate its `target_raw` is written as inside its `quote` on `line`
  (the one overlapping that spot, else the first of its number inside the quote); a target in
  words (no number: 全部达到二级甲等) for the deadline in its quote whose year is its
  `target_year`; and its `baseline_raw` for one more on `baseline_line` (or `line`), found the
  same way, a different one from its target's ("95%以上" matches "≥95%" and "95%以上"; "[1.86]",
  "1.58万人以上" and "1.58万" all hold 1.58);
- a row of excluded/<region_id>.csv for the candidate of its figure's number (a deadline
  phrase's year) that its figure is written as on its line, the first no earlier ledger row has
  taken: two rows of the figure 248 on a line name its first and second 248, and a figure
  written with its words (248个村级体育场) names the statement it is written in.
"""

from __future__ import annotations

import re

from plancompare.ingest.candidates import Candidate, deadline_year, find_in_line, fold
from plancompare.ingest.values import CellParseError, parse_cell


def numbers(cell: str) -> set[float]:
    """Every number a verbatim cell or ledger figure holds (a deadline phrase: its year)."""
    found = {c.number for c in find_in_line(cell, 0)}
    if (year := deadline_year(cell)) is not None:
        found.add(float(year))
    try:
        value = parse_cell(cell)
    except CellParseError:
        return found
    return found | ({value.number} if value.number is not None else set())


def _places(raw: str, text: str) -> list[tuple[int, int]]:
    """Every place `raw` is written on the line `text` (either script, full-width or not)."""
    folded, wanted = fold(text), fold(raw)
    if not wanted:
        return []
    return [(m.start(), m.end()) for m in re.finditer(re.escape(wanted), folded)]


def _claim(
    on_line: list[Candidate],
    text: str,
    raw: str,
    wanted: set[float],
    within: tuple[int, int],
    taken: set[tuple],
) -> Candidate | None:
    """The one candidate a verbatim cell accounts for on its line, of those holding one of its
    numbers and not `taken`: the first written where the cell is written inside `within` (a
    quote's span), else the first inside `within`, else the first written where the cell is
    written on the line, else the first on the line."""
    holding = [c for c in on_line if c.number in wanted and c.identity not in taken]
    places = _places(raw, text)
    inside = [p for p in places if within[0] <= p[0] and p[1] <= within[1]]

    def written_at(spots):
        return [c for c in holding if any(c.start < end and c.end > begin for begin, end in spots)]

    in_span = [c for c in holding if within[0] <= c.start < within[1]]
    return next(iter(written_at(inside) or in_span or written_at(places) or holding), None)


def _target_claims(row: dict, placed: dict[int, list[Candidate]], lines: list[str]) -> set:
    """Identities of the candidates one target row accounts for: its target's and baseline's."""
    line, claimed = row["line"], set()
    if not 0 < line <= len(lines):
        return claimed  # validation names the line
    text = lines[line - 1]
    start = text.find(row["quote"]) if row["quote"] else -1
    quote_span = (start, start + len(row["quote"])) if start >= 0 else (0, len(text))
    target_numbers = numbers(row["target_raw"]) if row["target_raw"].strip() else set()
    year = row["target_year"].strip()
    if not target_numbers and row["target_raw"].strip() and year.isdigit():
        # A target in words: its deadline, a candidate of its own.
        deadlines = [c for c in placed.get(line, []) if c.deadline]
        target = _claim(deadlines, text, "", {float(year)}, quote_span, claimed)
    else:
        target = _claim(
            placed.get(line, []), text, row["target_raw"], target_numbers, quote_span, claimed
        )
    if target:
        claimed.add(target.identity)
    baseline_line = row["baseline_line"] or line
    if row["baseline_raw"].strip() and baseline_line <= len(lines):
        span = quote_span if baseline_line == line else (0, len(lines[baseline_line - 1]))
        baseline = _claim(
            placed.get(baseline_line, []),
            lines[baseline_line - 1],
            row["baseline_raw"],
            numbers(row["baseline_raw"]),
            span,
            claimed,
        )
        if baseline:
            claimed.add(baseline.identity)
    return claimed


def ledger_claim(
    row: dict, placed: dict[int, list[Candidate]], lines: list[str], taken: set[tuple]
) -> Candidate | None:
    """The candidate a ledger row accounts for, of those earlier ledger rows have not `taken`
    (see the module docstring), or None."""
    text = lines[row["line"] - 1]
    return _claim(
        placed.get(row["line"], []), text, row["figure"], numbers(row["figure"]), (0, 0), taken
    )


def by_line(candidates: list[Candidate]) -> dict[int, list[Candidate]]:
    found: dict[int, list[Candidate]] = {}
    for candidate in candidates:
        found.setdefault(candidate.line, []).append(candidate)
    return found


def accounted(
    candidates: list[Candidate], target_rows: list[dict], ledger_rows: list[dict], lines: list[str]
) -> set[tuple[int, float, int]]:
    """Identities of the candidates that curated rows account for."""
    placed = by_line(candidates)
    keys: set[tuple[int, float, int]] = set()
    for row in target_rows:
        # Rows as validation placed them: `line` and `baseline_line` already parsed.
        keys |= _target_claims(row, placed, lines)
    taken: set[tuple] = set()
    for row in ledger_rows:
        if (claimed := ledger_claim(row, placed, lines, taken)) is not None:
            taken.add(claimed.identity)
    return keys | taken


def unaccounted(
    candidates: list[Candidate], target_rows: list[dict], ledger_rows: list[dict], lines: list[str]
) -> list[Candidate]:
    keys = accounted(candidates, target_rows, ledger_rows, lines)
    return [c for c in candidates if c.identity not in keys]
