"""Build data/processed/plans.duckdb (plus Parquet and CSV exports) from validated raw data.

Everything is written to temporary files first (named with the builder's pid) and renamed over
the old ones only once all of them are written, the database last, so a failed build leaves the
previous database untouched and a build killed between renames leaves exports that
`exports.stale_exports` recognises as not belonging to the database.
"""

from __future__ import annotations

import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import polars as pl

from plancompare.common import paths
from plancompare.common.digest import tree_sha256
from plancompare.common.errors import OutputNotWritableError, PlancompareError
from plancompare.common.files import remove_dead_temp_files, staged, temp_path
from plancompare.common.version import __version__
from plancompare.ingest import layout
from plancompare.ingest.validate import Problem, Validation, validate
from plancompare.model import attainment, comparison, views
from plancompare.store import exports, schema
from plancompare.store.stamp import write_stamp


class BuildError(PlancompareError):
    """The raw data did not validate; `problems` says where."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the raw data; first: {problems[0]}")


@dataclass(frozen=True)
class BuildResult:
    db_path: Path
    fingerprint: str
    n_targets: int
    n_regions: int


def fingerprint(data_dir: Path) -> str:
    """Short hash of every data file (CSVs and source texts, not documentation): the same data
    always gives the same fingerprint."""
    return tree_sha256(data_dir, {".csv", ".txt"})[:16]


@contextmanager
def _staged(paths: list[Path]):
    """common.files.staged into the database's folder, after sweeping the temporary files of
    dead builds and checking, before any work, that the folder can be written."""
    folder = paths[0].parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        remove_dead_temp_files(folder)
        probe = temp_path(paths[0])
        probe.touch()
        probe.unlink()
    except OSError as error:
        raise _not_writable(folder, error) from None
    with staged(paths) as temporary:
        yield temporary


def _not_writable(folder: Path, error: Exception) -> OutputNotWritableError:
    if isinstance(error, FileExistsError | NotADirectoryError):
        reason = "a file is in the way of the folder"
    else:
        reason = getattr(error, "strerror", None) or str(error)
    return OutputNotWritableError(
        f"cannot write {folder}: {reason}; the previous database is unchanged"
    )


def _frames(validation: Validation) -> dict[str, pl.DataFrame]:
    rank = {indicator_id: n for n, indicator_id in enumerate(layout.HEADLINE_INDICATORS, 1)}
    indicators = schema.INDICATORS.frame(
        {
            **row,
            "headline": row["indicator_id"] in rank,
            "headline_rank": rank.get(row["indicator_id"]),
        }
        for row in validation.indicators
    )
    targets = schema.TARGETS.frame(
        {**row, "hedge": comparison.hedges(row["target_raw"], row["quote"])}
        for row in validation.targets
    )
    reference = schema.REFERENCE.frame(validation.reference)
    yardstick = comparison.yardstick_frame(reference)
    compared = comparison.comparison_frame(targets, indicators, yardstick)
    return {
        "regions": schema.REGIONS.frame(validation.regions),
        "indicators": indicators,
        "targets": targets,
        "comparison": compared,
        "reference": reference,
        "national_yardstick": yardstick,
        "caveats": schema.CAVEATS.frame(validation.caveats),
        "attainment": attainment.attainment_frame(reference, compared, indicators),
    }


def _write_database(path: Path, tables: dict[str, pl.DataFrame]) -> None:
    con = duckdb.connect(str(path))
    try:
        for name, frame in tables.items():
            con.register("frame", frame)
            con.execute(f"CREATE TABLE {name} AS SELECT * FROM frame")
            con.unregister("frame")
        con.execute(views.SQL)
        words = attainment.WORDS.replace("'", "''")
        con.execute(f"COMMENT ON TABLE attainment IS '{words}'")
    finally:
        con.close()


def build(
    data_dir: Path | None = None, db_path: Path | None = None, draft: bool = False
) -> BuildResult:
    """Validate `data_dir` and write the database atomically. Raises BuildError on bad data
    (including unaccounted candidate quantities, unless `draft`)."""
    data_dir = Path(data_dir or paths.default_data_dir())
    db_path = Path(db_path or paths.default_db_path())
    validation = validate(data_dir, draft=draft)
    if not validation.ok:
        raise BuildError(validation.problems)
    frames = _frames(validation)
    data_fingerprint = fingerprint(data_dir)
    build_id = uuid.uuid4().hex
    info = {
        "fingerprint": data_fingerprint,
        "build_id": build_id,
        "schema_version": str(schema.SCHEMA_VERSION),
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "suite_version": __version__,
        "data_dir": str(data_dir),
    }
    meta = schema.BUILD_INFO.frame({"key": key, "value": value} for key, value in info.items())
    folder = db_path.parent
    outputs = [folder / name for name in (*exports.EXPORTS, exports.MANIFEST)]
    with _staged([*outputs, db_path]) as staged:
        try:
            exports.write(frames["targets"], {p.name: staged[p] for p in outputs}, build_id)
            _write_database(staged[db_path], {**frames, "build_info": meta})
        except (OSError, duckdb.IOException) as error:
            raise _not_writable(folder, error) from None
    write_stamp(db_path, data_fingerprint)  # after the rename: it names the new file
    return BuildResult(
        db_path=db_path,
        fingerprint=data_fingerprint,
        n_targets=frames["targets"].height,
        n_regions=frames["regions"].height,
    )
