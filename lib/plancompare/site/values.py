"""The values grid, one page per language (reports/values/<lang>.html): every rate indicator
two or more plans state for 2025 (`query.comparable`) × every region, each cell the region's
effective 2025 target in the catalog unit with its comparator and hedge words, coloured
against the national target where one exists, a conflict marked; the columns sort on click
(assets/plancompare.js). The same rows, one per indicator and region, as values/values.csv."""

from __future__ import annotations

import functools
from pathlib import Path

import polars as pl

from plancompare import i18n, query
from plancompare.common.digest import values_sha256
from plancompare.common.files import write_atomic
from plancompare.site.extras import SitePage
from plancompare.site.pages import page_chrome, render_template, values_path
from plancompare.tables import shown_figure
from plancompare.tables.comparison_text import commitment_text
from plancompare.tables.downloads import csv_text
from plancompare.tables.frames import national_figure
from plancompare.tables.markup import report_href, source_href

FOLDER = "values"
CSV_FILE = f"{FOLDER}/values.csv"
CSV_COLUMNS = [
    "indicator_id",
    "name_zh",
    "name_en",
    "unit",
    "region_id",
    "region_name_zh",
    "region_name_en",
    "target_year",
    "target_raw",
    "target_value",
    "comparator",
    "attribute",
    "hedge",
    "conflict",
    "national_target_raw",
    "vs_national",
    "line",
    "quote",
    "source",
]


def pages(con, info: dict[str, str], code: str) -> list[SitePage]:
    comparable = query.comparable(con)
    year = query.COMPARISON_YEAR
    rows = (
        query.comparison(target_year=year, con=con)
        .filter(pl.col("indicator_id").is_in(comparable["indicator_id"].to_list()))
        .join(
            query.regions(con).select("region_id", pl.col("plan_title").alias("source")),
            on="region_id",
            how="left",
        )
        .sort("indicator_id", "region_id")
    )
    regions = query.regions(con).select("region_id", "name_zh", "name_en").to_dicts()
    found = {
        "comparable": comparable.to_dicts(),
        "rows": rows.select(
            CSV_COLUMNS + ["unit_in_source", "national_target_value", "national_grade"]
        ).to_dicts(),
        "regions": regions,
    }
    return [
        SitePage(
            name=values_path(lang),
            files=(values_path(lang), CSV_FILE),
            key=values_sha256(code, lang, found),
            write=functools.partial(_write, lang, found, rows.select(CSV_COLUMNS)),
        )
        for lang in i18n.LANGS
    ]


def _context(lang: str, found: dict) -> dict:
    words = i18n.VALUES_PAGE[lang]
    other = next(o for o in i18n.LANGS if o != lang)
    cells = {(r["indicator_id"], r["region_id"]): r for r in found["rows"]}
    lines = []
    for indicator in sorted(found["comparable"], key=lambda i: i[f"name_{lang}"] or i["name_zh"]):
        indicator_id = indicator["indicator_id"]
        row_cells, national = [], ""
        for region in found["regions"]:
            r = cells.get((indicator_id, region["region_id"]))
            if r is None or r["target_value"] is None:
                row_cells.append(None)
                continue
            if r["national_target_raw"] and not national:
                national = national_figure(
                    r["national_target_raw"], r["national_target_value"], r["unit"], lang
                )
            row_cells.append(
                {
                    "shown": shown_figure(
                        r["target_raw"], r["target_value"], r["unit"], r["unit_in_source"], lang
                    ),
                    "value": r["target_value"],
                    "commitment": commitment_text(r, lang),
                    "conflict": r["conflict"],
                    "vs": r["vs_national"] if r["vs_national"] != "none" else "",
                    "vs_label": i18n.enum_label("vs_national", r["vs_national"], lang)
                    if r["vs_national"] not in (None, "none")
                    else "",
                    "href": source_href(r["region_id"], r["line"]) if r["line"] else "",
                }
            )
        lines.append(
            {
                "name": indicator[f"name_{lang}"] or indicator["name_zh"],
                "unit": i18n.unit_label(indicator["unit"], lang),
                "href": report_href("indicator_compare", indicator_id, lang),
                "n_regions": indicator["n_regions"],
                "relative_range": indicator["relative_range"],
                "national": national,
                "cells": row_cells,
            }
        )
    return {
        "lang": lang,
        "html_lang": i18n.LANG_CODES[lang],
        "words": words,
        "regions": [
            {
                "name": r[f"name_{lang}"] or r["name_zh"],
                "href": report_href("region_profile", r["region_id"], lang),
            }
            for r in found["regions"]
        ],
        "lines": lines,
        "csv": "values.csv",
        "chrome": page_chrome(lang, f"{other}.html"),
    }


def _write(lang: str, found: dict, rows: pl.DataFrame, reports_dir: Path) -> None:
    write_atomic(reports_dir / CSV_FILE, "\ufeff" + csv_text(rows))
    html = render_template("values.html.j2", **_context(lang, found))
    write_atomic(reports_dir / values_path(lang), html)
