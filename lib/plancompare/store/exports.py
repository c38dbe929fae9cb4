"""targets.parquet and targets.csv beside the database, and proof they come from its build.

Each build has a unique `build_id` stored in the database's build_info. The Parquet file carries
it in its key-value metadata; the CSV cannot carry metadata honestly, so manifest.json (written
with them) records the build id and the sha256 of each export. A reader compares all of them
with the database: files renamed into place by a build that was killed half-way never pass.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import polars as pl

from plancompare.common.digest import file_sha256

BUILD_ID_KEY = "plancompare.build_id"
MANIFEST = "manifest.json"
EXPORTS = ("targets.parquet", "targets.csv")


def write(targets: pl.DataFrame, paths: dict[str, Path], build_id: str) -> None:
    """Write each export (name in EXPORTS -> where) and, last, the manifest (MANIFEST -> where)."""
    targets.write_parquet(paths["targets.parquet"], metadata={BUILD_ID_KEY: build_id})
    targets.write_csv(paths["targets.csv"])
    manifest = {
        "build_id": build_id,
        "files": {name: file_sha256(paths[name]) for name in EXPORTS},
    }
    paths[MANIFEST].write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


def _parquet_build_id(path: Path) -> str | None:
    import pyarrow.parquet as pq  # here, not at the top: query (every notebook) imports build

    metadata = pq.read_metadata(path).metadata or {}
    value = metadata.get(BUILD_ID_KEY.encode())
    return value.decode() if value else None


def _manifest(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def stale_exports(db_path: Path) -> list[str]:
    """One line for each export beside `db_path` that is missing or from another build than the
    database; empty when database and exports belong together."""
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        rows = con.sql("SELECT value FROM build_info WHERE key = 'build_id'").fetchall()
    finally:
        con.close()
    build_id = rows[0][0] if rows else None
    folder = db_path.parent
    manifest = _manifest(folder / MANIFEST)
    stale = []
    if manifest.get("build_id") != build_id:
        stale.append(f"{folder / MANIFEST} is not from the build of {db_path.name}")
    recorded = manifest.get("files", {})
    for name in EXPORTS:
        path = folder / name
        if not path.is_file():
            stale.append(f"{path} is missing")
        elif name.endswith(".parquet") and _parquet_build_id(path) != build_id:
            stale.append(f"{path} is not from the build of {db_path.name}")
        elif recorded.get(name) != file_sha256(path):
            stale.append(f"{path} does not match {MANIFEST}")
    return stale
