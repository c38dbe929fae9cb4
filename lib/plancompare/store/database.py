"""Opening the built database: read-only by default, and refused with one line saying how to
rebuild it when it is missing, cut short, in use or of another schema."""

from __future__ import annotations

from pathlib import Path

import duckdb

from plancompare.common import paths
from plancompare.common.errors import EXIT_NO_INPUT, BusyError, PlancompareError
from plancompare.store.schema import SCHEMA_VERSION

REBUILD = "rebuild it with `plancompare build` (or `make data`)"


# DuckDB's file: three 4 KiB headers, then its blocks. A shorter file was cut off.
_DUCKDB_HEADER_BYTES = 3 * 4096


class DatabaseError(PlancompareError):
    """The database cannot be used as it is; the message says how to rebuild it."""

    exit_code = EXIT_NO_INPUT


class DatabaseMissingError(DatabaseError, FileNotFoundError):
    """The database has not been built yet."""


class DatabaseDamagedError(DatabaseError):
    """The file is not a readable DuckDB database (truncated, overwritten, not a database)."""


class DatabaseLockedError(BusyError, DatabaseError):
    """Another process holds the database open for writing; try again later."""


class DatabaseOutdatedError(DatabaseError):
    """The database was built by a version of plancompare with another schema."""


def connect(
    db_path: Path | str | None = None, read_only: bool = True, threads: int | None = None
) -> duckdb.DuckDBPyConnection:
    """Open the database (read-only by default, so notebooks never change it); raise a
    DatabaseError unless it is a complete database of the schema this library reads. `threads`
    caps DuckDB's threads for the open database (default: one per core)."""
    path = Path(db_path or paths.default_db_path())
    if read_only and not path.is_file():
        raise DatabaseMissingError(
            f"database not found at {path}: build it with `plancompare build` (or `make data`)"
        )
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as error:
        if "lock" in str(error).lower():
            raise DatabaseLockedError(f"{path} is in use by another process; try again") from None
        raise DatabaseDamagedError(f"{path} is not a readable database; {REBUILD}") from None
    if read_only:
        try:
            _check_database(con, path)
        except DatabaseError:
            con.close()
            raise
    if threads:
        # A setting of the open database, not a connect() option: DuckDB refuses a second
        # connection to a file opened with other options (a notebook's own connect()).
        con.sql(f"SET threads = {int(threads)}")
    return con


def _check_database(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    _, _, block_size, total_blocks, *_ = con.sql("PRAGMA database_size").fetchall()[0]
    if path.stat().st_size < _DUCKDB_HEADER_BYTES + block_size * total_blocks:
        raise DatabaseDamagedError(f"{path} is truncated (damaged); {REBUILD}")
    try:
        found = con.sql("SELECT value FROM build_info WHERE key = 'schema_version'").fetchall()
    except duckdb.CatalogException:
        found = []
    version = found[0][0] if found else "none"
    if version != str(SCHEMA_VERSION):
        raise DatabaseOutdatedError(
            f"{path} has database schema {version}, this plancompare reads schema "
            f"{SCHEMA_VERSION}; {REBUILD}"
        )
