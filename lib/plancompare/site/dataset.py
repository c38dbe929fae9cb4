"""The whole dataset as files to download: reports/data/<table>.csv and .parquet for regions,
the catalog, targets, the comparison, the reference figures, the attainment of each target with
an actual value and the exclusions ledger, described by a Frictionless Data Package
(reports/data/datapackage.json)."""

from __future__ import annotations

import functools
import io
import json
from pathlib import Path

import polars as pl

from plancompare.common.digest import values_sha256
from plancompare.common.version import __version__
from plancompare.ingest import csvfile, layout
from plancompare.site.extras import SitePage
from plancompare.site.output import write_changed
from plancompare.site.sources import data_dir_of
from plancompare.store import schema
from plancompare.tables.downloads import csv_text

FOLDER = "data"
DESCRIPTOR = f"{FOLDER}/datapackage.json"
PACKAGE_NAME = "plancompare-14th-five-year-public-service-plans"

# resource name -> (its declared table, what one row is, primary key,
#                   {field: (resource, field)} foreign keys)
RESOURCES = {
    "regions": (
        schema.REGIONS,
        "one region and its plan (title, issuer, issue date; document number, index number and "
        "publication date as the text states them; the lines of a third-party copy that are its "
        "host page's; text file)",
        ["region_id"],
        {},
    ),
    "catalog": (
        schema.INDICATORS,
        "one canonical indicator: names, domain, unit, direction, measure, definition",
        ["indicator_id"],
        {},
    ),
    "targets": (
        schema.TARGETS,
        "one statement of a plan: raw cells verbatim, line and quote, parsed values in catalog "
        "units, comparator, period",
        ["region_id", "csv_row"],
        {"region_id": ("regions", "region_id"), "indicator_id": ("catalog", "indicator_id")},
    ),
    "comparison": (
        schema.COMPARISON,
        "the effective statement per region, indicator and target year: ask, margin, conflict",
        ["region_id", "indicator_id", "target_year"],
        {"region_id": ("regions", "region_id"), "indicator_id": ("catalog", "indicator_id")},
    ),
    "reference": (
        schema.REFERENCE,
        "one sourced figure of the nation or a region (a plan target, 2025 or 2030, or an "
        "actual value, `as_of` where it is not a year-end figure) with its citation and grade",
        ["jurisdiction", "csv_row"],
        {"indicator_id": ("catalog", "indicator_id")},
    ),
    "attainment": (
        schema.ATTAINMENT,
        "one target (national, or a region's effective statement) with an actual value for its "
        "jurisdiction: the actual it is measured by, status (met, not_met, achieved_early, "
        "on_track, acceleration_needed, limited_progress, deterioration, unknown) and, when "
        "unknown, the reason; rules on the method page",
        ["jurisdiction", "indicator_id", "target_year"],
        {"indicator_id": ("catalog", "indicator_id")},
    ),
    "caveats": (
        schema.CAVEATS,
        "one region and indicator whose plan measures something other than the catalog's "
        "definition: the caveat in Chinese and English, and whether it keeps its ranking",
        ["region_id", "indicator_id"],
        {"region_id": ("regions", "region_id"), "indicator_id": ("catalog", "indicator_id")},
    ),
    "exclusions": (
        layout.EXCLUSIONS,
        "one figure of a plan deliberately not curated as a target, with the reason",
        ["region_id", "csv_row"],
        {"region_id": ("regions", "region_id")},
    ),
}


# The curated dataset's licence; the code's is MIT (LICENSE). The plans themselves are official
# documents, outside copyright (Copyright Law of the PRC, Art. 5), and say so where cited.
LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}
OFFICIAL_DOCUMENT = "official document, not subject to copyright: Copyright Law of the PRC, Art. 5"


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
            key=values_sha256(code, info["fingerprint"]),
            write=functools.partial(_write, con, info, data_dir),
        )
    ]


def tables(con, data_dir: Path) -> dict[str, pl.DataFrame]:
    """Each resource's rows: the database's table, or the ledgers for the exclusions."""
    return {
        name: exclusions(data_dir)
        if table is layout.EXCLUSIONS
        else con.sql(f"SELECT * FROM {table.name} ORDER BY ALL").pl()
        for name, (table, *_) in RESOURCES.items()
    }


def exclusions(data_dir: Path) -> pl.DataFrame:
    """Every row of the exclusions ledgers (excluded/<region_id>.csv), as curated; a `line`
    that is not a number, which validation reports, is left empty."""
    rows = []
    for path in sorted((data_dir / "excluded").glob("*.csv")):
        table = csvfile.read_table(path)
        for row, number in zip(table.rows, table.row_numbers, strict=True):
            line = row.get("line", "").strip()
            rows.append(
                {
                    "region_id": path.stem,
                    "csv_row": number,
                    **{c: row.get(c, "") for c in layout.LEDGER_COLUMNS},
                    "line": int(line) if line.isdecimal() else None,
                }
            )
    return layout.EXCLUSIONS.frame(rows)


def descriptor(frames: dict[str, pl.DataFrame], con, info: dict[str, str]) -> dict:
    regions = frames["regions"].to_dicts()
    resources = []
    for name, (table, row, primary_key, foreign_keys) in RESOURCES.items():
        fields = [
            {"name": c.name, "type": c.type}
            | ({"constraints": {"enum": list(c.choices)}} if c.choices else {})
            for c in table.columns
        ]
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
            "national plan's targets and national actual values as a yardstick, and whether "
            "each target with an actual value was met; the figures of the plans deliberately "
            "left out. Built by plancompare from data/raw/."
        ),
        "version": f"{__version__}+{info.get('fingerprint', '')}",
        "licenses": [LICENSE],
        "created": info.get("built_at", ""),
        "citation": citation(info),
        "sources": [{"title": plan_source(r)} for r in regions]
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


def plan_source(region: dict) -> str:
    """A plan as a source: title, issuer and date, and what its text states of its document
    number, index number and publication date, and whether the text is a third-party copy."""
    stated = [
        f"{label} {region[column]}"
        for column, label in (
            ("document_number", "document number"),
            ("index_number", "index number"),
            ("published_on", "published"),
        )
        if region[column]
    ]
    if region["wrapper_lines"]:
        stated.append("text: a third-party copy, numbers checked against it")
    about = ", ".join([region["issuer"], str(region["issued_on"]), *stated])
    return f"{region['plan_title']} ({about}; {OFFICIAL_DOCUMENT})"


def citation(info: dict[str, str]) -> str:
    built = info.get("built_at", "")[:10]
    return (
        "plancompare contributors. plancompare: 14th Five-Year public-service plans of five "
        f"Chinese regions compared. Dataset version {__version__}, data fingerprint "
        f"{info.get('fingerprint', '')}, built {built}. Licence: CC BY 4.0. Each figure cites "
        "its plan, line and quote."
    )


def _write(con, info: dict[str, str], data_dir: Path, reports_dir: Path) -> None:
    frames = tables(con, data_dir)
    for name, frame in frames.items():
        write_changed(reports_dir / FOLDER / f"{name}.csv", csv_text(frame))
        parquet = io.BytesIO()
        frame.write_parquet(parquet)
        write_changed(reports_dir / FOLDER / f"{name}.parquet", parquet.getvalue())
    package = descriptor(frames, con, info)
    write_changed(reports_dir / DESCRIPTOR, json.dumps(package, ensure_ascii=False, indent=1))
