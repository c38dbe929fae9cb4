"""The report folder: one render at a time (its lock), files rewritten only when their bytes
change, and a failed write there said in one line."""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path

from plancompare.common.errors import OutputNotWritableError
from plancompare.common.files import write_atomic
from plancompare.site.errors import LockedError

LOCK_FILE = ".render.lock"


@contextmanager
def exclusive_lock(reports_dir: Path):
    """Hold reports_dir/.render.lock (holding our pid) for one run, and remove it when the run
    ends; LockedError if another run holds it, OutputNotWritableError if the folder cannot be
    written. A run killed outright leaves the file, unlocked: the next run takes it over."""
    path = reports_dir / LOCK_FILE
    while True:
        handle = _open_lock(reports_dir, path)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            handle.close()
            raise LockedError(
                f"another render is running (pid {holder}, lock {path}); try again when it finishes"
            ) from None
        # The run before may have removed the file between our open and our lock: a lock on a
        # file no longer at `path` excludes nobody, so take the one there now.
        if _same_file(handle, path):
            break
        handle.close()
    with handle:
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            path.unlink(missing_ok=True)  # still locked: no other run can hold it meanwhile
            fcntl.flock(handle, fcntl.LOCK_UN)


def _open_lock(reports_dir: Path, path: Path):
    try:
        reports_dir.mkdir(parents=True, exist_ok=True)
        return path.open("a+")
    except OSError as error:
        in_the_way = reports_dir.exists() and not reports_dir.is_dir()
        reason = "a file of that name is in the way" if in_the_way else error.strerror or error
        raise OutputNotWritableError(
            f"cannot write the report folder {reports_dir}: {reason}"
        ) from None


def _same_file(handle, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(handle.fileno()), path.stat())
    except FileNotFoundError:
        return False


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


def write_changed(path: Path, data: str | bytes) -> bool:
    """Write `data` to `path` atomically unless the file already holds exactly these bytes: a
    page rendered again to the same result keeps its file and time, so a deploy or rsync copies
    only what changed. Returns whether it wrote."""
    data = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except OSError:
        pass
    write_atomic(path, data)
    return True
