"""The whole dataset as files to download: reports/data/<table>.csv and .parquet for regions,
the catalog, targets, the comparison, the national reference and the exclusions ledger, described
by a Frictionless Data Package (reports/data/datapackage.json)."""

from __future__ import annotations

import functools
import io
import json
from pathlib import Path

import polars as pl

from plancompare import __version__
from plancompare.ingest import csvfile, layout
from plancompare.model import comparison
from plancompare.site.extras import SitePage, input_key
from plancompare.site.files import write_atomic
from plancompare.site.sources import data_dir_of
from plancompare.store.exports import csv_text

FOLDER = "data"
DESCRIPTOR = f"{FOLDER}/datapackage.json"
PACKAGE_NAME = "plancompare-14th-five-year-public-service-plans"

# resource name -> (what one row is, primary key, {field: (resource, field)} foreign keys)
RESOURCES = {
    "regions": ("one region and its plan (title, issuer, date, text file)", ["region_id"], {}),
    "catalog": (
        "one canonical indicator: names, domain, unit, direction, measure, definition",
        ["indicator_id"],
        {},
    ),
    "targets": (
        "one statement of a plan: raw cells verbatim, line and quote, parsed values in catalog "
        "units, comparator, period",
        ["region_id", "csv_row"],
        {"region_id": ("regions", "region_id"), "indicator_id": ("catalog", "indicator_id")},
    ),
    "comparison": (
        "the effective statement per region, indicator and target year: ask, margin, conflict",
        ["region_id", "indicator_id", "target_year"],
        {"region_id": ("regions", "region_id"), "indicator_id": ("catalog", "indicator_id")},
    ),
    "reference": (
        "one national figure (national plan target or actual value) with its citation and grade",
        ["jurisdiction", "csv_row"],
        {"indicator_id": ("catalog", "indicator_id")},
    ),
    "exclusions": (
        "one figure of a plan deliberately not curated as a target, with the reason",
        ["region_id", "csv_row"],
        {"region_id": ("regions", "region_id")},
    ),
}
# Fields whose values come from a closed list (the same lists validation enforces).
CHOICES = {
    "level": layout.LEVELS,
    "script": layout.SCRIPTS,
    "domain": layout.DOMAINS,
    "direction": layout.DIRECTIONS,
    "measure": layout.MEASURES,
    "period": layout.PERIODS,
    "baseline_period": layout.PERIODS,
    "kind": (*layout.KINDS, *layout.REFERENCE_KINDS),
    "ask": comparison.ASKS,
    "grade": layout.GRADES,
    "reason": layout.EXCLUSION_REASONS,
}
TYPES = {
    pl.String: "string",
    pl.Boolean: "boolean",
    pl.Date: "date",
    pl.Float64: "number",
    pl.Float32: "number",
}


def files() -> tuple[str, ...]:
    tables = [f"{FOLDER}/{name}.{ext}" for name in RESOURCES for ext in ("csv", "parquet")]
    return (*tables, DESCRIPTOR)


def pages(con, info: dict[str, str], code: str) -> list[SitePage]:
    """The dataset is current while the data (its fingerprint covers the ledger) and code are."""
    data_dir = data_dir_of(info)
    return [
        SitePage(
            name=FOLDER,
            files=files(),
            key=input_key(code, info["fingerprint"]),
            write=functools.partial(_write, con, info, data_dir),
        )
    ]


def tables(con, data_dir: Path) -> dict[str, pl.DataFrame]:
    def table(name: str) -> pl.DataFrame:
        return con.sql(f"SELECT * FROM {name} ORDER BY ALL").pl()

    return {
        "regions": table("regions"),
        "catalog": table("indicators"),
        "targets": table("targets"),
        "comparison": table("comparison"),
        "reference": table("reference"),
        "exclusions": exclusions(data_dir),
    }


def exclusions(data_dir: Path) -> pl.DataFrame:
    """Every row of the exclusions ledgers (excluded/<region_id>.csv), as curated."""
    rows = []
    for path in sorted((data_dir / "excluded").glob("*.csv")):
        table = csvfile.read_table(path)
        for row, number in zip(table.rows, table.row_numbers, strict=True):
            rows.append(
                {
                    "region_id": path.stem,
                    "csv_row": number,
                    **{c: row.get(c, "") for c in layout.LEDGER_COLUMNS},
                }
            )
    schema = {"region_id": pl.String, "csv_row": pl.Int32} | {
        c: pl.String for c in layout.LEDGER_COLUMNS
    }
    frame = pl.DataFrame(rows, schema=schema, orient="row")
    return frame.with_columns(pl.col("line").cast(pl.Int32, strict=False))


def field_type(dtype: pl.DataType) -> str:
    if dtype.is_integer():
        return "integer"
    return TYPES.get(type(dtype), TYPES.get(dtype, "string"))


def descriptor(frames: dict[str, pl.DataFrame], con, info: dict[str, str]) -> dict:
    regions = frames["regions"].to_dicts()
    resources = []
    for name, (row, primary_key, foreign_keys) in RESOURCES.items():
        fields = []
        for column, dtype in frames[name].schema.items():
            spec = {"name": column, "type": field_type(dtype)}
            if column in CHOICES and spec["type"] == "string":
                spec["constraints"] = {"enum": list(CHOICES[column])}
            fields.append(spec)
        resources.append(
            {
                "name": name,
                "path": f"{name}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": f"One row per {row}. Also as {name}.parquet.",
                "schema": {
                    "fields": fields,
                    "primaryKey": primary_key,
                    "foreignKeys": [
                        {"fields": column, "reference": {"resource": target, "fields": key}}
                        for column, (target, key) in foreign_keys.items()
                    ],
                    "missingValues": [""],
                },
            }
        )
    national = con.sql(
        "SELECT DISTINCT publisher, title, published_on, read_at, grade FROM reference ORDER BY ALL"
    ).pl()
    return {
        "name": PACKAGE_NAME,
        "title": "14th Five-Year (2021–2025) public-service plans of five Chinese regions: "
        "curated targets, comparison and national reference",
        "description": (
            "Baselines and targets of five local 十四五 public-service plans, each copied "
            "verbatim with its line and quote, parsed into catalog units and compared; the "
            "national plan's targets and national actual values as a yardstick; the figures of "
            "the plans deliberately left out. Built by plancompare from data/raw/."
        ),
        "version": f"{__version__}+{info.get('fingerprint', '')}",
        "created": info.get("built_at", ""),
        "citation": citation(info),
        "sources": [
            {"title": f"{r['plan_title']} ({r['issuer']}, {r['issued_on']})"} for r in regions
        ]
        + [
            {
                "title": " · ".join(s for s in (r["publisher"], r["title"]) if s)
                + f" (grade {r['grade']})",
                "path": r["read_at"],
            }
            for r in national.to_dicts()
        ],
        "resources": resources,
    }


def citation(info: dict[str, str]) -> str:
    built = info.get("built_at", "")[:10]
    return (
        "plancompare: 14th Five-Year public-service plans of five Chinese regions compared "
        f"(dataset version {__version__}, data fingerprint {info.get('fingerprint', '')}, "
        f"built {built}). Each figure cites its plan, line and quote."
    )


def _write(con, info: dict[str, str], data_dir: Path, reports_dir: Path) -> None:
    frames = tables(con, data_dir)
    for name, frame in frames.items():
        write_atomic(reports_dir / FOLDER / f"{name}.csv", csv_text(frame))
        parquet = io.BytesIO()
        frame.write_parquet(parquet)
        write_atomic(reports_dir / FOLDER / f"{name}.parquet", parquet.getvalue())
    package = descriptor(frames, con, info)
    write_atomic(reports_dir / DESCRIPTOR, json.dumps(package, ensure_ascii=False, indent=1))
