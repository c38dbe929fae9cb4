"""Pages the site writes itself, rendered from the Jinja templates in templates/site/: the
landing page (reports/index.html), and the top bar every report carries (its values; the bar
itself is in templates/report/)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2
import polars as pl

from plancompare import i18n, query
from plancompare.common.digest import values_sha256
from plancompare.common.files import write_atomic
from plancompare.common.version import __version__
from plancompare.i18n import LANG_CODES, LANG_NAMES, LANGS, SITE_NAME
from plancompare.ingest import layout
from plancompare.site.reports import NOTEBOOKS, Report
from plancompare.sitemap import report_path

TEMPLATES_DIR = Path(__file__).parents[1] / "templates" / "site"
LANDING_KEY_FILE = "_index.key"  # what index.html was last written from


@cache
def _environment() -> jinja2.Environment:
    # Curated names and error messages land in these pages: escape everything by default.
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )


def _other_lang(lang: str) -> str:
    return next(other for other in LANGS if other != lang)


def report_chrome(report: Report) -> dict[str, str]:
    """nbconvert resources for a report's top bar: home, and the same report in the other
    language (its URL follows the site's scheme, so the link holds before that page exists)."""
    up = "../" * report.path.count("/")
    other = _other_lang(report.lang)
    return {
        "language_code": LANG_CODES[report.lang],
        "assets_url": f"{up}assets/",
        "home_url": f"{up}index.html",
        "site_name": SITE_NAME[report.lang],
        "home_label": i18n.sentence("home", report.lang),
        "other_lang": other,
        "other_lang_code": LANG_CODES[other],
        "other_lang_url": "../" + report_path(report.spec.kind, report.subject, other),
        "other_lang_label": i18n.sentence("other_lang", report.lang),
        "method_url": f"{up}method/{report.lang}.html",
        "method_label": i18n.sentence("method", report.lang),
        "licence_url": i18n.LICENCE_URL,
        "licence_label": i18n.LICENCE[report.lang],
        "cite_url": f"{up}method/{report.lang}.html#cite",
        "cite_label": i18n.sentence("how_to_cite", report.lang),
    }


# --- the landing page ---------------------------------------------------------------------------


_CELL = ("region_id", "indicator_id", "target_year")


def landing_inputs(con) -> dict:
    """What the landing page shows from the database, as plain data (it keys the page)."""
    indicators = query.indicators(con).select(
        "indicator_id", "name_zh", "name_en", "domain", "unit"
    )
    regions = query.regions(con).select("region_id", "name_zh", "name_en", "level")
    headline = query.headline(con)
    cells = headline.select(
        "region_id",
        "indicator_id",
        "status",
        "target_raw",
        "target_value",
        "target_year",
        "qualitative",
        "conflict",
    )
    # The headline cells' other statements, named in a conflicting cell's hover.
    others = (
        query.statements(con=con)
        .filter(~pl.col("effective"))
        .join(cells, on=list(_CELL), how="semi")
        .select(*_CELL, "target_raw", "qualitative", "kind", "line")
    )
    national = headline.select(
        "indicator_id",
        "national_target_raw",
        "national_grade",
        "national_source",
        "national_latest_year",
        "national_latest_raw",
        "national_latest_grade",
        "national_latest_source",
    ).unique("indicator_id", maintain_order=True)
    return {
        "indicators": indicators.to_dicts(),
        "regions": regions.to_dicts(),
        "headline": cells.to_dicts(),
        "others": others.to_dicts(),
        "national": national.to_dicts(),
    }


def _headline_grid(inputs: dict, reports_dir: Path) -> dict:
    """Regions × the headline indicators: what each plan states for 2025 (its effective
    statement) or "not stated", flagged where the plan's other statements conflict with it (the
    conflict shown, never resolved here). Names link to their reports where those are on disk."""

    def hrefs(kind: str, subject: str) -> dict[str, str]:
        paths = {lang: report_path(kind, subject, lang) for lang in LANGS}
        return {lang: path for lang, path in paths.items() if (reports_dir / path).is_file()}

    names = {i["indicator_id"]: i for i in inputs["indicators"]}
    nations = {n["indicator_id"]: n for n in inputs["national"]}
    columns = [
        {
            **names[i],
            "unit_en": i18n.UNIT_NAMES_EN.get(names[i]["unit"], names[i]["unit"]),
            "href": hrefs("indicator_compare", i),
            "national": _national_cell(nations.get(i)),
        }
        for i in layout.HEADLINE_INDICATORS
        if i in names
    ]
    # The headline view holds one row per region and indicator: the effective statement, and
    # whether the plan's other statements conflict with it (those are named in the cell's hover).
    effective = {
        (r["region_id"], r["indicator_id"]): r
        for r in inputs["headline"]
        if r["status"] != "not stated"
    }
    others: dict[tuple, list[dict]] = {}
    for r in inputs["others"]:
        others.setdefault((r["region_id"], r["indicator_id"]), []).append(r)
    rows = []
    for region in inputs["regions"]:
        cells = []
        for column in columns:
            stated = effective.get((region["region_id"], column["indicator_id"]))
            if stated is None:
                cells.append({"value": None, "conflict": False, "others": None})
                continue
            mine = others.get((region["region_id"], column["indicator_id"]))
            cells.append(
                {
                    "value": stated["target_raw"] or stated["qualitative"] or "",
                    "conflict": stated["conflict"],
                    "others": {lang: i18n.statement_places(mine, lang) for lang in LANGS}
                    if stated["conflict"] and mine
                    else None,
                }
            )
        rows.append(
            {**region, "href": hrefs("region_profile", region["region_id"]), "cells": cells}
        )
    return {"columns": columns, "rows": rows}


def _national_cell(nation: dict | None) -> dict | None:
    """The national 2025 target and the latest national actual (with its year) for one headline
    indicator, each with its source and grade; None when the nation states neither."""
    if not nation or not (nation["national_target_raw"] or nation["national_latest_raw"]):
        return None
    return {
        "target": nation["national_target_raw"],
        "target_grade": nation["national_grade"],
        "target_source": nation["national_source"],
        "latest_year": nation["national_latest_year"],
        "latest": nation["national_latest_raw"],
        "latest_grade": nation["national_latest_grade"],
        "latest_source": nation["national_latest_source"],
    }


def _report_groups(state: dict, inputs: dict, reports_dir: Path) -> list[dict]:
    """Every report on disk, one entry per subject with a link per language; comparisons by
    domain. Entries carry their search keys' sources (names); keys are added when writing."""
    present = {path: entry for path, entry in state.items() if (reports_dir / path).is_file()}
    regions = {r["region_id"]: r for r in inputs["regions"]}
    indicators = {i["indicator_id"]: i for i in inputs["indicators"]}
    domain_order = {d: n for n, d in enumerate(layout.DOMAINS)}
    groups = []
    for spec in NOTEBOOKS:
        subjects: dict[str, dict] = {}
        for path, entry in sorted(present.items()):
            if entry["kind"] != spec.kind:
                continue
            subject = entry["params"].get(spec.parameter, "") if spec.parameter else ""
            names = (regions if spec.parameter == "region" else indicators).get(subject, {})
            # A subject no longer in the data (its old page kept) shows under its report title.
            fallback = entry["title"] if spec.parameter else ""
            item = subjects.setdefault(
                subject,
                {
                    "name_zh": names.get("name_zh") or fallback or spec.title["zh"],
                    "name_en": names.get("name_en") or fallback or spec.title["en"],
                    "domain": names.get("domain", ""),
                    "links": [],
                },
            )
            item["links"].append(
                {"lang": entry["lang"], "path": path, "stale": entry["status"] == "failed"}
            )
        items = sorted(subjects.values(), key=lambda s: (s["name_en"].casefold(), s["name_zh"]))
        for item in items:
            item["links"].sort(key=lambda link: LANGS.index(link["lang"]))
        if spec.kind == "indicator_compare":
            domains = sorted({i["domain"] for i in items}, key=lambda d: domain_order.get(d, 99))
            sections = [
                {
                    "heading_zh": domain,
                    "heading_en": i18n.DOMAIN_NAMES_EN.get(domain, domain),
                    "items": [i for i in items if i["domain"] == domain],
                }
                for domain in domains
            ]
        else:
            sections = [{"heading_zh": "", "heading_en": "", "items": items}] if items else []
        if sections:
            groups.append({"title": spec.title, "kind": spec.kind, "sections": sections})
    return groups


def _search_key(item: dict) -> str:
    """Everything a reader may type to find a report, lowercase without spaces: the name in
    simplified and traditional characters, in English, and in pinyin (full and initials)."""
    from plancompare.common.text import pinyin_forms, traditional_forms

    zh, en = item["name_zh"], item["name_en"]
    forms = [zh, *traditional_forms(zh), en, *pinyin_forms(zh)]
    return "|".join(dict.fromkeys("".join(f.split()).casefold() for f in forms if f))


def _context(state: dict, info: dict[str, str], inputs: dict, reports_dir: Path) -> dict:
    failed = [
        {
            "path": path,
            "title": entry["title"],
            "error": entry["error"],
            "kept": (reports_dir / path).is_file(),
        }
        for path, entry in sorted(state.items())
        if entry["status"] == "failed"
    ]
    return {
        "built_at": info.get("built_at", ""),
        "fingerprint": info.get("fingerprint", ""),
        "version": __version__,
        "failed": failed,
        "headline": _headline_grid(inputs, reports_dir),
        "groups": _report_groups(state, inputs, reports_dir),
        "lang_names": LANG_NAMES,
    }


def index_html(state: dict, info: dict[str, str], inputs: dict, reports_dir: Path) -> str:
    """The landing page: headline numbers, every report grouped and searchable, failures."""
    return _landing_page(_context(state, info, inputs, reports_dir))


def _landing_page(context: dict) -> str:
    for group in context["groups"]:
        for section in group["sections"]:
            for item in section["items"]:
                item["search"] = _search_key(item)
    return _environment().get_template("index.html.j2").render(**context)


def write_index(
    reports_dir: Path, state: dict, info: dict[str, str], inputs: dict, code: str
) -> bool:
    """Rewrite index.html only when what it shows or the code that draws it changed (a run
    with nothing changed writes nothing). Returns whether it was written."""
    context = _context(state, info, inputs, reports_dir)
    key = values_sha256({"context": context, "code": code})
    key_file, page = reports_dir / LANDING_KEY_FILE, reports_dir / "index.html"
    if page.is_file() and key_file.is_file() and key_file.read_text(encoding="utf-8") == key:
        return False
    write_atomic(page, _landing_page(context))
    write_atomic(key_file, key)
    return True


def render_template(name: str, **context) -> str:
    """Render one of the site's templates (escaped, strict about missing values)."""
    return _environment().get_template(name).render(**context)
