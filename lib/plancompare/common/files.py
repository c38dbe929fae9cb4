"""Writing files whole: a reader never sees half a file, and a writer that dies leaves only
temporary files that name it, which a later run removes.

A temporary file is `.<final name>.<pid>.<8 random characters>.tmp`, beside its final path, so a
sweep (`remove_dead_temp_files`) can tell whose it is and remove only those of dead writers.
"""

from __future__ import annotations

import os
import re
import secrets
from contextlib import contextmanager
from pathlib import Path

_TEMP_FILE = re.compile(r"^\..+\.(\d+)\.[a-z0-9_]{8}\.tmp$")


def temp_path(path: Path) -> Path:
    """A fresh temporary path beside `path`, named for this process."""
    return path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")


@contextmanager
def staged(paths: list[Path]):
    """Yield {final path: temporary path} for the block to write; when it succeeds, rename them
    into place in the order given, otherwise (and whatever is left after a failed rename) remove
    them."""
    temporary = {path: temp_path(path) for path in paths}
    try:
        yield temporary
        for path, tmp in temporary.items():
            os.replace(tmp, path)
    finally:
        for tmp in temporary.values():
            tmp.unlink(missing_ok=True)


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write `data` to `path` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with staged([path]) as temporary:
        tmp = temporary[path]
        with open(tmp, "xb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(tmp, 0o644)  # whatever the umask: reports are served to readers


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


def owner(name: str, pattern: re.Pattern) -> int | None:
    """The pid a leftover's name holds (group 1 of `pattern`), or None when it is not one."""
    match = pattern.match(name)
    return int(match.group(1)) if match else None


def remove_dead_temp_files(folder: Path) -> list[Path]:
    """Remove the temporary files under `folder` whose writing process has died; return them."""
    removed = []
    for path in folder.rglob(".*.tmp"):
        pid = owner(path.name, _TEMP_FILE)
        if pid is not None and pid != os.getpid() and not is_alive(pid):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed
