"""The report folder: one render at a time (its lock), and a failed write there said in one line."""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path

from plancompare.common.errors import OutputNotWritableError
from plancompare.site.errors import LockedError

LOCK_FILE = ".render.lock"


@contextmanager
def exclusive_lock(reports_dir: Path):
    """Hold reports_dir/.render.lock (holding our pid) for one run; LockedError if another run
    holds it, OutputNotWritableError if the folder cannot be written."""
    path = reports_dir / LOCK_FILE
    try:
        reports_dir.mkdir(parents=True, exist_ok=True)
        handle = path.open("a+")
    except OSError as error:
        in_the_way = reports_dir.exists() and not reports_dir.is_dir()
        reason = "a file of that name is in the way" if in_the_way else error.strerror or error
        raise OutputNotWritableError(
            f"cannot write the report folder {reports_dir}: {reason}"
        ) from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise LockedError(
                f"another render is running (pid {holder}, lock {path}); try again when it finishes"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def writing_into(reports_dir: Path):
    """Turn a failed write of the site's own files (assets, state, landing and site pages)
    into OutputNotWritableError naming the file: the run ends with one line, not a traceback."""
    try:
        yield
    except OSError as error:
        target = Path(error.filename) if error.filename else None
        if target is None or reports_dir.resolve() not in (
            target.resolve(),
            *target.resolve().parents,
        ):
            raise
        raise OutputNotWritableError(
            f"cannot write {target} in the report folder: {error.strerror or error}"
        ) from None
