"""A page for every indicator a plan states that the comparison notebook does not render (an
indicator one plan states): reports/indicator_compare/<slug>-<lang>.html, written from a
template in one pass over the database, with the rows as CSV beside it. Each shows the
indicator's names, unit and definition, every statement (baseline → target in the catalog unit,
commitment, line and quote linked to the plan text), the regions that do not state it, and the
national yardstick where one exists."""

from __future__ import annotations

import functools
from pathlib import Path

import polars as pl

from plancompare import i18n, query
from plancompare.common.digest import values_sha256
from plancompare.common.files import write_atomic
from plancompare.site.extras import SitePage
from plancompare.site.pages import page_chrome, render_template
from plancompare.sitemap import report_path
from plancompare.tables import (
    table,
    with_comparison_text,
    with_display_names,
    with_shown_figures,
)
from plancompare.tables.downloads import csv_text
from plancompare.tables.markup import report_href

KIND = "indicator_compare"
# The statements table: frame column -> heading key (plancompare.i18n.COLUMN_LABELS).
COLUMNS = {
    "region": "region",
    "target_year": "target_year",
    "baseline_shown": "baseline_shown",
    "target_shown": "target_shown",
    "commitment": "commitment",
    "kind": "kind",
    "line": "line",
    "quote": "quote",
    "notes": "notes",
}
# The CSV beside the page: what the table shows, as stored.
CSV_COLUMNS = [
    "region_id",
    "region_name_zh",
    "region_name_en",
    "indicator_id",
    "name_zh",
    "name_en",
    "unit",
    "baseline_year",
    "baseline_raw",
    "baseline_value",
    "target_year",
    "target_raw",
    "target_value",
    "comparator",
    "qualitative",
    "attribute",
    "hedge",
    "effective",
    "kind",
    "line",
    "quote",
    "notes",
    "source",
]
NATIONAL_COLUMNS = ["kind", "year", "value_raw", "grade", "publisher", "published_on", "read_at"]


def csv_name(indicator_id: str) -> str:
    return f"{indicator_id}-statements.csv"


def pages(con, info: dict[str, str], code: str) -> list[SitePage]:
    """One page per language for each indicator with a page that no notebook renders."""
    wanted = sorted(query.indicators_with_page(con) - query.compared_indicators(con))
    if not wanted:
        return []
    indicators = query.indicators(con).filter(pl.col("indicator_id").is_in(wanted))
    regions = query.regions(con)
    effective = query.statements(con=con).select(
        "region_id", "indicator_id", "target_year", "line", "effective", "conflict"
    )
    statements = (
        query.targets(con=con)
        .filter(pl.col("indicator_id").is_in(wanted))
        .join(effective, on=["region_id", "indicator_id", "target_year", "line"], how="left")
        .join(
            regions.select("region_id", pl.col("plan_title").alias("source")),
            on="region_id",
            how="left",
        )
        .sort("indicator_id", "region_id", "target_year", "line")
    )
    national = query.national(con=con).filter(pl.col("indicator_id").is_in(wanted))
    by_indicator = statements.partition_by("indicator_id", as_dict=True)
    national_by = national.partition_by("indicator_id", as_dict=True)
    found = []
    for about in indicators.to_dicts():
        indicator_id = about["indicator_id"]
        rows = by_indicator.get((indicator_id,), statements.clear())
        nation = national_by.get((indicator_id,), national.clear())
        for lang in i18n.LANGS:
            page = report_path(KIND, indicator_id, lang)
            folder = page.removesuffix(".html")
            context = _context(about, rows, nation, regions, lang)
            found.append(
                SitePage(
                    name=page,
                    files=(page, f"{folder}/{csv_name(indicator_id)}"),
                    key=values_sha256(code, lang, about, rows.to_dicts(), nation.to_dicts()),
                    write=functools.partial(_write, page, rows, context),
                )
            )
    return found


def _context(
    about: dict, rows: pl.DataFrame, nation: pl.DataFrame, regions: pl.DataFrame, lang: str
) -> dict:
    words = i18n.INDICATOR_PAGE[lang]
    other = next(o for o in i18n.LANGS if o != lang)
    indicator_id = about["indicator_id"]
    stating = set(rows["region_id"])
    silent = [
        {
            "name": r[f"name_{lang}"] or r["name_zh"],
            "href": report_href("region_profile", r["region_id"], lang),
        }
        for r in regions.to_dicts()
        if r["region_id"] not in stating
    ]
    shown = with_shown_figures(with_comparison_text(with_display_names(rows, lang), lang), lang)
    national_rows = [
        {
            "kind": words["national_kinds"].get(r["kind"], r["kind"]),
            "year": r["year"],
            "value": r["value_raw"],
            "grade": r["grade"],
            "publisher": r["publisher"],
            "published_on": r["published_on"] or "",
            "read_at": r["read_at"],
        }
        for r in nation.to_dicts()
    ]
    about_line = " · ".join(
        x
        for x in (
            i18n.domain_name(about["domain"], lang),
            i18n.enum_label("direction", about["direction"], lang),
        )
        if x
    )
    return {
        "lang": lang,
        "html_lang": i18n.LANG_CODES[lang],
        "title": about[f"name_{lang}"] or about["name_zh"],
        "original_name": about["name_zh"] if lang == "en" else "",
        "unit": i18n.unit_label(about["unit"], lang),
        "about": about_line,
        "definition": about["definition"] or "",
        "words": words,
        "stated_by": words["stated_by"].format(n=len(stating)),
        "silent": silent,
        "table": table(shown, COLUMNS, lang, link=("region",)).data,
        "csv": f"{report_path(KIND, indicator_id, lang).removesuffix('.html').split('/')[-1]}/"
        f"{csv_name(indicator_id)}",
        "csv_label": i18n.DOWNLOAD_LABELS[lang].format(n=rows.height),
        "national": national_rows,
        "chrome": page_chrome(lang, "../" + report_path(KIND, indicator_id, other)),
    }


def _write(page: str, rows: pl.DataFrame, context: dict, reports_dir: Path) -> None:
    folder = page.removesuffix(".html")
    indicator_id = rows["indicator_id"][0] if rows.height else ""
    columns = [c for c in CSV_COLUMNS if c in rows.columns]
    write_atomic(
        reports_dir / folder / csv_name(indicator_id or Path(folder).name),
        "\ufeff" + csv_text(rows.select(columns)),
    )
    write_atomic(reports_dir / page, render_template("indicator.html.j2", **context))
