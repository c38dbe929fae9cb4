"""The build stamp: the data fingerprint beside the database, believed only for that file."""

from __future__ import annotations

import os
import shutil

from plancompare.store.build import build, fingerprint
from plancompare.store.stamp import read_fingerprint, stamp_path, write_stamp


def test_build_writes_a_stamp_with_the_data_fingerprint(mini_data, tmp_path):
    db = tmp_path / "plans.duckdb"
    build(mini_data, db)
    assert read_fingerprint(db) == fingerprint(mini_data)


def test_a_stamp_naming_another_database_file_is_ignored(mini_data, tmp_path):
    db = tmp_path / "plans.duckdb"
    build(mini_data, db)
    # What a build killed between renaming the database and writing the stamp leaves behind.
    replacement = tmp_path / "new.duckdb"
    shutil.copyfile(db, replacement)
    os.replace(replacement, db)
    assert read_fingerprint(db) is None


def test_a_missing_or_broken_stamp_is_ignored(tmp_path):
    db = tmp_path / "plans.duckdb"
    db.write_bytes(b"database")
    assert read_fingerprint(db) is None
    write_stamp(db, "abc")
    assert read_fingerprint(db) == "abc"
    stamp_path(db).write_text("{not json", encoding="utf-8")
    assert read_fingerprint(db) is None
