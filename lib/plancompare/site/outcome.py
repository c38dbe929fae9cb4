"""What a render says of each report it was asked for."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Outcome:
    path: str
    status: str  # ok | skipped | failed
    seconds: float = 0.0
    error: str = ""
    files: dict[str, str] = field(default_factory=dict)  # written: path → sha256 of its bytes
    reads: list | None = None  # its calls of the query API (site.reads), None if not replayable
