"""What a render prints while it runs: a bar on a terminal, one plain line per report otherwise
(cron logs)."""

from __future__ import annotations

import sys

from plancompare.site.outcome import Outcome


class Progress:
    def __init__(self, total: int):
        self.total, self.done = total, 0
        self.bar = None
        if sys.stderr.isatty() and total:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="report", file=sys.stderr)

    def update(self, outcome: Outcome) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.set_postfix_str(outcome.path)
            self.bar.update()
        else:
            detail = f" ({outcome.error})" if outcome.error else ""
            print(
                f"render [{self.done}/{self.total}] {outcome.path}: {outcome.status} "
                f"{outcome.seconds:.1f}s{detail}",
                file=sys.stderr,
                flush=True,
            )

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
