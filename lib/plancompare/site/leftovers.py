"""What a render leaves behind when it is killed: temporary files in the report folder and kernel
folders (sockets, connection files) in the temp directory. Each is named with the pid of the run
that made it, so a later run removes only those of runs that are no longer alive."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

from plancompare.common.files import is_alive, owner, remove_dead_temp_files

KERNEL_DIR_PREFIX = "plancompare-kernels-"
_KERNEL_DIR = re.compile(rf"^{KERNEL_DIR_PREFIX}(\d+)-")


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


def remove_dead_leftovers(reports_dir: Path, temp_dir: Path | None = None) -> list[Path]:
    """Remove the temporary files under `reports_dir` and the kernel folders in the temp
    directory whose owning run has died; return what was removed."""
    removed = remove_dead_temp_files(reports_dir)
    temp_dir = Path(temp_dir or kernel_root())
    for path in temp_dir.glob(f"{KERNEL_DIR_PREFIX}*"):
        pid = owner(path.name, _KERNEL_DIR)
        if pid is not None and pid != os.getpid() and path.is_dir() and not is_alive(pid):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed
