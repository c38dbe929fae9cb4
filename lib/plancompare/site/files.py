"""Writing into the report folder safely: whole files only, and one run at a time."""

from __future__ import annotations

import fcntl
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from plancompare.site.errors import LockedError, OutputNotWritableError
from plancompare.site.leftovers import temp_file_prefix

LOCK_FILE = ".render.lock"


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write to a temporary file beside `path`, then rename: readers never see half a file.
    The temporary file's name holds this process's pid: a later run removes it if we die."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=temp_file_prefix(path), suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; reports are served to readers
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


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
