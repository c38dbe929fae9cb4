"""Build data/processed/plans.duckdb (plus Parquet and CSV exports) from validated raw data.

Everything is written to temporary files first and renamed over the old ones only once the
build has succeeded, so a failed build leaves the previous database untouched.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import polars as pl

from plancompare import __version__, catalog
from plancompare.buildstamp import write_stamp
from plancompare.validate import Problem, Validation, validate


class BuildError(Exception):
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


TARGET_SCHEMA = {
    "region_id": pl.String,
    "indicator_id": pl.String,
    "name_in_source": pl.String,
    "name_in_source_simplified": pl.String,
    "name_zh": pl.String,
    "category_in_source": pl.String,
    "unit_in_source": pl.String,
    "unit": pl.String,
    "baseline_year": pl.Int32,
    "baseline_raw": pl.String,
    "baseline_value_in_source": pl.Float64,
    "baseline_value": pl.Float64,
    "baseline_comparator": pl.String,
    "baseline_qualitative": pl.String,
    "target_year": pl.Int32,
    "target_raw": pl.String,
    "target_value_in_source": pl.Float64,
    "target_value": pl.Float64,
    "comparator": pl.String,
    "cumulative": pl.Boolean,
    "qualitative": pl.String,
    "attribute": pl.String,
    "kind": pl.String,
    "line": pl.Int32,
    "quote": pl.String,
    "notes": pl.String,
    "source_file": pl.String,
    "change": pl.Float64,
    "relative_change": pl.Float64,
    "annual_growth_rate": pl.Float64,
    "improves": pl.Boolean,
    "csv_row": pl.Int32,
}

# Views are part of the contract with notebooks and outside users; keep names and columns stable.
_VIEWS = """
CREATE VIEW headline AS
WITH ranked AS (
    SELECT t.*, count(*) OVER (PARTITION BY region_id, indicator_id) AS n_statements,
           row_number() OVER (PARTITION BY region_id, indicator_id
                              ORDER BY kind = 'table' DESC, target_year DESC, line) AS pick
    FROM targets t
    WHERE indicator_id IN (SELECT indicator_id FROM indicators WHERE headline)
)
SELECT r.region_id, r.name_zh AS region_name_zh, r.name_en AS region_name_en,
       i.indicator_id, i.name_zh AS indicator_name_zh, i.name_en AS indicator_name_en, i.unit,
       CASE WHEN t.region_id IS NULL THEN 'not stated'
            WHEN t.target_value IS NOT NULL THEN 'stated'
            WHEN t.qualitative IS NOT NULL THEN 'qualitative'
            ELSE 'baseline only' END AS status,
       t.baseline_year, t.baseline_raw, t.baseline_value, t.target_year, t.target_raw,
       t.target_value, t.comparator, t.cumulative, t.qualitative, t.kind, t.line, t.quote,
       t.notes, coalesce(t.n_statements, 0) AS n_statements
FROM regions r CROSS JOIN indicators i
LEFT JOIN ranked t ON t.region_id = r.region_id AND t.indicator_id = i.indicator_id AND t.pick = 1
WHERE i.headline
ORDER BY i.headline_rank, r.region_id;

CREATE VIEW coverage AS
SELECT i.indicator_id, i.name_zh, i.name_en, i.domain, r.region_id,
       r.name_zh AS region_name_zh, r.name_en AS region_name_en,
       count(t.indicator_id) AS n_targets,
       CASE WHEN count(t.indicator_id) = 0 THEN 'not stated'
            WHEN count(t.target_value) > 0 THEN 'numeric'
            WHEN count(t.qualitative) > 0 THEN 'qualitative'
            ELSE 'baseline only' END AS status
FROM indicators i CROSS JOIN regions r
LEFT JOIN targets t ON t.indicator_id = i.indicator_id AND t.region_id = r.region_id
GROUP BY ALL
ORDER BY i.domain, i.indicator_id, r.region_id;

CREATE VIEW comparable AS
SELECT i.indicator_id, i.name_zh, i.name_en, i.domain, i.unit, i.direction,
       count(DISTINCT t.region_id)::INTEGER AS n_regions,
       min(t.target_value) AS target_min, max(t.target_value) AS target_max,
       max(t.target_value) - min(t.target_value) AS target_spread,
       (max(t.target_value) - min(t.target_value)) / nullif(abs(avg(t.target_value)), 0)
           AS relative_spread
FROM targets t JOIN indicators i USING (indicator_id)
WHERE t.target_value IS NOT NULL AND NOT t.cumulative
GROUP BY ALL
HAVING count(DISTINCT t.region_id) >= 2
ORDER BY relative_spread DESC NULLS LAST, i.indicator_id;
"""


def fingerprint(data_dir: Path) -> str:
    """Short hash of every data file (CSVs and source texts, not documentation): the same data
    always gives the same fingerprint."""
    digest = hashlib.sha256()
    files = (p for p in data_dir.rglob("*") if p.is_file() and p.suffix in {".csv", ".txt"})
    for path in sorted(files):
        digest.update(path.relative_to(data_dir).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@contextmanager
def _replacing(path: Path):
    """Yield a temporary path beside `path`; rename it over `path` only if the block succeeds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    os.unlink(tmp)  # duckdb wants to create the file itself
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _frames(validation: Validation) -> dict[str, pl.DataFrame]:
    regions = pl.DataFrame(
        validation.regions, schema={c: pl.String for c in catalog.REGION_COLUMNS}
    )
    regions = regions.with_columns(pl.col("issued_on").str.to_date())
    rank = {indicator_id: n for n, indicator_id in enumerate(catalog.HEADLINE_INDICATORS, 1)}
    indicators = pl.DataFrame(
        validation.indicators, schema={c: pl.String for c in catalog.CATALOG_COLUMNS}
    ).with_columns(
        pl.col("indicator_id").is_in(list(rank)).alias("headline"),
        pl.col("indicator_id")
        .replace_strict(rank, default=None, return_dtype=pl.Int32)
        .alias("headline_rank"),
    )
    targets = pl.DataFrame(validation.targets, schema=TARGET_SCHEMA, orient="row")
    return {"regions": regions, "indicators": indicators, "targets": targets}


def build(data_dir: Path | None = None, db_path: Path | None = None) -> BuildResult:
    """Validate `data_dir` and write the database atomically. Raises BuildError on bad data."""
    data_dir = Path(data_dir or catalog.default_data_dir())
    db_path = Path(db_path or catalog.default_db_path())
    validation = validate(data_dir)
    if not validation.ok:
        raise BuildError(validation.problems)
    frames = _frames(validation)
    data_fingerprint = fingerprint(data_dir)
    meta = pl.DataFrame(
        {
            "key": ["fingerprint", "built_at", "suite_version", "data_dir"],
            "value": [
                data_fingerprint,
                datetime.now(UTC).isoformat(timespec="seconds"),
                __version__,
                str(data_dir),
            ],
        }
    )
    with _replacing(db_path) as tmp:
        con = duckdb.connect(str(tmp))
        try:
            for name, frame in {**frames, "build_info": meta}.items():
                con.register("frame", frame)
                con.execute(f"CREATE TABLE {name} AS SELECT * FROM frame")
                con.unregister("frame")
            con.execute(_VIEWS)
        finally:
            con.close()
    write_stamp(db_path, data_fingerprint)  # after the rename: it names the new file
    for suffix, write in (
        (".parquet", pl.DataFrame.write_parquet),
        (".csv", pl.DataFrame.write_csv),
    ):
        with _replacing(db_path.with_name("targets" + suffix)) as tmp:
            write(frames["targets"], tmp)
    return BuildResult(
        db_path=db_path,
        fingerprint=data_fingerprint,
        n_targets=frames["targets"].height,
        n_regions=frames["regions"].height,
    )
