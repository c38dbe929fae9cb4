"""What validation finds: a Problem (`file:row:column: message`, row the CSV line, header = 1, so
a curator can jump straight to the cell), the Validation holding the problems and the rows ready
for the database, and the problems as lines capped per file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from plancompare.ingest.candidates import Candidate

PROBLEMS_SHOWN_PER_FILE = 20  # a file of junk would otherwise print a line for every row


@dataclass(frozen=True)
class Problem:
    path: Path
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.row}:{self.column}: {self.message}"


@dataclass
class Validation:
    """Problems found, plus the rows ready for the database when there are none."""

    data_dir: Path
    problems: list[Problem] = field(default_factory=list)
    regions: list[dict] = field(default_factory=list)
    indicators: list[dict] = field(default_factory=list)
    targets: list[dict] = field(default_factory=list)
    # region_id -> candidate quantities of its plan that no target or ledger row accounts for
    unaccounted: dict[str, list[Candidate]] = field(default_factory=dict)
    candidates: dict[str, int] = field(default_factory=dict)  # how many each plan has
    reference: list[dict] = field(default_factory=list)
    caveats: list[dict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        n_regions = len({t["region_id"] for t in self.targets})
        return (
            f"{self.data_dir}: OK, {len(self.targets)} targets from {n_regions} regions, "
            f"{len(self.indicators)} indicators in the catalog"
        )


def reporter(result: Validation, path: Path):
    """report(row, column, message) for one file."""

    def report(row: int, column: str, message: str) -> None:
        result.problems.append(Problem(path, row, column, message))

    return report


def capped(problems: list[Problem], per_file: int = PROBLEMS_SHOWN_PER_FILE) -> list[str]:
    """The problems as lines, at most `per_file` for each file, then how many more there are."""
    lines, shown, hidden = [], {}, {}
    for problem in problems:
        if shown.get(problem.path, 0) < per_file:
            shown[problem.path] = shown.get(problem.path, 0) + 1
            lines.append(str(problem))
        else:
            hidden[problem.path] = hidden.get(problem.path, 0) + 1
    lines += [f"… and {n} more problems in {path}" for path, n in hidden.items()]
    return lines
