"""The render kernel's stdout and stderr, flushed only when they hold text.

ipykernel flushes both streams before every display (so that text printed before a figure
comes before it), and each flush is a round trip to the kernel's IO thread even when nothing
was printed. A report makes dozens of displays and prints nothing: those round trips cost
about 50 ms of a warm report's 400 (docs/benchmarks.md). A stream with text waiting is flushed
as before, so the order of outputs does not change.
"""

from __future__ import annotations

import sys


def flush_only_written() -> None:
    """In a kernel, once: make sys.stdout and sys.stderr skip a flush with nothing to send."""
    for stream in (sys.stdout, sys.stderr):
        flush = stream.flush

        def flush_if_written(stream=stream, flush=flush):
            # ipykernel's OutStream marks text waiting to be sent; a stream without those
            # marks (not a kernel's) is always flushed.
            if getattr(stream, "_flush_pending", True) or getattr(
                stream, "_subprocess_flush_pending", True
            ):
                flush()

        stream.flush = flush_if_written
