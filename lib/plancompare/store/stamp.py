"""A small file beside the database naming its data fingerprint, readable without duckdb.

It also names the database file's identity (inode, mtime, size): a build killed after renaming
the database but before writing this file leaves a stamp that names another file, and readers
then ignore it and open the database instead. A stale stamp is never believed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from plancompare.common.files import write_atomic


def stamp_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.stem + ".build.json")


def _identity(db_path: Path) -> list[int]:
    st = os.stat(db_path)
    return [st.st_ino, st.st_mtime_ns, st.st_size]


def write_stamp(db_path: Path, fingerprint: str) -> None:
    """Record `fingerprint` for the database now at `db_path` (call after it is in place)."""
    stamp = {"fingerprint": fingerprint, "database": _identity(db_path)}
    write_atomic(stamp_path(db_path), json.dumps(stamp))


def read_fingerprint(db_path: Path) -> str | None:
    """The data fingerprint of the database at `db_path`, or None when the stamp is missing,
    unreadable or names another database file."""
    try:
        stamp = json.loads(stamp_path(db_path).read_text(encoding="utf-8"))
        if stamp["database"] == _identity(db_path):
            return str(stamp["fingerprint"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None
