"""The suite's one way to fingerprint inputs: sha256 of a file, of JSON-able values, or of every
file of some kinds under a folder. Equal inputs give equal digests, across runs and machines."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def values_sha256(*values) -> str:
    """A digest of JSON-able values (dict keys sorted; bytes hashed first; anything else by its
    str())."""
    digest = hashlib.sha256()
    for value in values:
        if isinstance(value, bytes):
            value = hashlib.sha256(value).hexdigest()
        digest.update(json.dumps(value, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def tree_sha256(root: Path, suffixes: Iterable[str], salt: str = "") -> str:
    """A digest of every file under `root` with one of `suffixes`: each one's path relative to
    `root` and its bytes, in path order. A renamed, added, removed or changed file changes it."""
    digest = hashlib.sha256(salt.encode())
    suffixes = set(suffixes)
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in suffixes):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
