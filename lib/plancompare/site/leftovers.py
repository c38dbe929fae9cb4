"""What a render leaves behind when it is killed: temporary files in the report folder and kernel
folders (sockets, connection files) in the temp directory. Each is named with the pid of the run
that made it, so a later run removes only those of runs that are no longer alive."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

KERNEL_DIR_PREFIX = "plancompare-kernels-"
# write_atomic's names: .<file name>.<pid>.<mkstemp's 8 random characters>.tmp
_TEMP_FILE = re.compile(r"^\..+\.(\d+)\.[a-z0-9_]{8}\.tmp$")
_KERNEL_DIR = re.compile(rf"^{KERNEL_DIR_PREFIX}(\d+)-")


def temp_file_prefix(path: Path) -> str:
    """mkstemp's prefix for a temporary file that will become `path`."""
    return f".{path.name}.{os.getpid()}."


# A unix socket's path must stay under 108 bytes: the kernel folder's name and the sockets in it
# take about 60, so a longer temp directory (some CI runners' TMPDIR) falls back to /tmp.
_SOCKET_ROOM = 40


def kernel_root() -> Path:
    """Where kernel folders go: the temp directory, unless its path is too long for sockets."""
    temp = Path(tempfile.gettempdir())
    return temp if len(str(temp)) <= _SOCKET_ROOM else Path("/tmp")


def make_kernel_dir() -> Path:
    """A private folder for this run's kernel sockets and connection files."""
    return Path(tempfile.mkdtemp(prefix=f"{KERNEL_DIR_PREFIX}{os.getpid()}-", dir=kernel_root()))


def is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    try:  # a killed process its parent has not yet reaped is a zombie: dead all the same
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


def _owner(name: str, pattern: re.Pattern) -> int | None:
    match = pattern.match(name)
    return int(match.group(1)) if match else None


def remove_dead_temp_files(folder: Path) -> list[Path]:
    """Remove the temporary files (named as write_atomic names them) under `folder` whose
    writing process has died; return them. The build's folder is swept the same way."""
    removed = []
    for path in folder.rglob(".*.tmp"):
        pid = _owner(path.name, _TEMP_FILE)
        if pid is not None and pid != os.getpid() and not is_alive(pid):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def remove_dead_leftovers(reports_dir: Path, temp_dir: Path | None = None) -> list[Path]:
    """Remove the temporary files under `reports_dir` and the kernel folders in the temp
    directory whose owning run has died; return what was removed."""
    removed = remove_dead_temp_files(reports_dir)
    temp_dir = Path(temp_dir or kernel_root())
    for path in temp_dir.glob(f"{KERNEL_DIR_PREFIX}*"):
        pid = _owner(path.name, _KERNEL_DIR)
        if pid is not None and pid != os.getpid() and path.is_dir() and not is_alive(pid):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed
