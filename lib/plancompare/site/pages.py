"""Pages the site writes itself, rendered from the Jinja templates in templates/site/: the
landing pages (reports/index.html in Chinese, index-en.html in English), and the top bar every
report carries (its values; the bar itself is in templates/report/)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import jinja2
import polars as pl

from plancompare import i18n, query
from plancompare.common.digest import values_sha256
from plancompare.common.files import write_atomic
from plancompare.common.version import __version__
from plancompare.i18n import LANG_CODES, LANGS, SITE_NAME
from plancompare.ingest import layout
from plancompare.site import state as site_state
from plancompare.site.reports import Report
from plancompare.site.state import LANDING_STATE_FILE
from plancompare.sitemap import report_path, source_path

TEMPLATES_DIR = Path(__file__).parents[1] / "templates" / "site"


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


def page_chrome(lang: str, other_href: str, up: str = "../") -> dict[str, str]:
    """The top bar and footer every page one folder deep shares (report, indicator and values
    pages): home, the same page in the other language (`other_href`), the method page, the
    licence and how to cite. `up` leads from the page to the site's root."""
    other = _other_lang(lang)
    return {
        "site_name": SITE_NAME[lang],
        "home": f"{up}{LANDING_PAGES[lang]}",
        "home_label": i18n.sentence("home", lang),
        "other_lang": other,
        "other_lang_code": LANG_CODES[other],
        "other_href": other_href,
        "other_label": i18n.sentence("other_lang", lang),
        "method": f"{up}method/{lang}.html",
        "method_label": i18n.sentence("method", lang),
        "licence_url": i18n.LICENCE_URL,
        "licence_label": i18n.LICENCE[lang],
        "cite": f"{up}method/{lang}.html#cite",
        "cite_label": i18n.sentence("how_to_cite", lang),
    }


def report_chrome(report: Report) -> dict:
    """nbconvert resources for a report's top bar and footer (its URL in the other language
    follows the site's scheme, so the link holds before that page exists)."""
    up = "../" * report.path.count("/")
    other = _other_lang(report.lang)
    return {
        "language_code": LANG_CODES[report.lang],
        "assets_url": f"{up}assets/",
        "chrome": page_chrome(
            report.lang, "../" + report_path(report.spec.kind, report.subject, other), up
        ),
    }


# --- the landing pages --------------------------------------------------------------------------

LANDING_PAGES = {"zh": "index.html", "en": "index-en.html"}
_CELL = ("region_id", "indicator_id", "target_year")


def landing_inputs(con) -> dict:
    """What the landing pages show from the database, as plain data (it keys the pages)."""
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
        "unit",
        "unit_in_source",
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
        "unit",
        "national_target_raw",
        "national_target_value",
        "national_grade",
        "national_source",
        "national_latest_year",
        "national_latest_raw",
        "national_latest_value",
        "national_latest_grade",
        "national_latest_source",
    ).unique("indicator_id", maintain_order=True)
    # What the period delivered against each national 2025 target (model.attainment).
    outcomes = (
        query.attainment("national", con=con)
        .filter(pl.col("target_year") == query.COMPARISON_YEAR)
        .select("indicator_id", "status", "reason")
    )
    stated = (
        query.coverage(con)
        .filter(pl.col("status") != "not stated")
        .group_by("indicator_id")
        .agg(pl.len().alias("n_plans"))
        .sort("indicator_id")
    )
    comparison = query.comparison(con=con)
    return {
        "indicators": indicators.to_dicts(),
        "regions": regions.to_dicts(),
        "headline": cells.to_dicts(),
        "others": others.to_dicts(),
        "national": national.to_dicts(),
        "outcomes": outcomes.to_dicts(),
        "stated": dict(stated.iter_rows()),
        "summary": {
            "n_plans": regions.height,
            "n_targets": query.targets(con=con).height,
            "n_indicators": stated.height,
            "n_shared": stated.filter(pl.col("n_plans") >= 2).height,
            "n_conflicts": comparison.filter(pl.col("conflict")).height,
        },
    }


def _headline_grid(inputs: dict, lang: str, reports_dir: Path) -> dict:
    """Regions × the headline indicators: each plan's effective 2025 statement in the
    indicator's unit (formatted as every report formats it) or "—", flagged where the plan's
    other statements conflict with it (the conflict shown, never resolved here), and the
    national row. Names link to their reports where those are on disk."""
    from plancompare.tables import shown_figure

    def href(kind: str, subject: str) -> str | None:
        path = report_path(kind, subject, lang)
        return path if (reports_dir / path).is_file() else None

    names = {i["indicator_id"]: i for i in inputs["indicators"]}
    nations = {n["indicator_id"]: n for n in inputs["national"]}
    outcomes = {o["indicator_id"]: o for o in inputs["outcomes"]}
    ids = [i for i in layout.HEADLINE_INDICATORS if i in names]
    columns = [
        {
            "name": names[i][f"name_{lang}"] or names[i]["name_zh"],
            "unit": i18n.unit_label(names[i]["unit"], lang),
            "href": href("indicator_compare", i),
        }
        for i in ids
    ]
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
        for indicator_id in ids:
            key = (region["region_id"], indicator_id)
            stated = effective.get(key)
            if stated is None:
                cells.append(None)
                continue
            value = shown_figure(
                stated["target_raw"],
                stated["target_value"],
                stated["unit"],
                stated["unit_in_source"],
                lang,
            )
            mine = others.get(key)
            cells.append(
                {
                    "value": value or stated["qualitative"] or "",
                    "conflict": i18n.statement_places(mine, lang)
                    if stated["conflict"] and mine
                    else "",
                }
            )
        rows.append(
            {
                "name": region[f"name_{lang}"] or region["name_zh"],
                "href": href("region_profile", region["region_id"]),
                "plan": source_path(region["region_id"]),
                "cells": cells,
            }
        )
    return {
        "columns": columns,
        "rows": rows,
        "national": [_national_cell(nations.get(i), outcomes.get(i), lang) for i in ids],
    }


def _national_cell(nation: dict | None, outcome: dict | None, lang: str) -> dict | None:
    """The national 2025 target and the latest national actual (with its year) for one headline
    indicator in the indicator's unit, each with its source and grade, and what the period
    delivered against the target (the attainment status in words); None when the nation states
    neither."""
    from plancompare.tables import status_text
    from plancompare.tables.frames import national_figure

    if not nation or not (nation["national_target_raw"] or nation["national_latest_raw"]):
        return None

    def shown(kind: str) -> str | None:
        raw = nation[f"national_{kind}_raw"]
        return national_figure(raw, nation[f"national_{kind}_value"], nation["unit"], lang)

    return {
        "target": shown("target"),
        "target_grade": nation["national_grade"],
        "target_source": nation["national_source"],
        "latest_year": nation["national_latest_year"],
        "latest": shown("latest"),
        "latest_grade": nation["national_latest_grade"],
        "latest_source": nation["national_latest_source"],
        "outcome": status_text(outcome["status"], outcome["reason"], lang) if outcome else None,
    }


def _search_key(*names: str) -> str:
    """Everything a reader may type to find an entry, lowercase without spaces: each name in
    simplified and traditional characters, in English, and in pinyin (full and initials)."""
    from plancompare.common.text import pinyin_forms, traditional_forms

    forms = []
    for name in names:
        if not name:
            continue
        forms.append(name)
        if not name.isascii():
            forms += [*traditional_forms(name), *pinyin_forms(name)]
    return "|".join(dict.fromkeys(SEARCH_IGNORED.sub("", f.casefold()) for f in forms if f))


# Spaces and punctuation a reader may or may not type ("beds per 1000" finds "per 1,000");
# assets/plancompare.js strips the same characters from the query.
SEARCH_IGNORED = re.compile(r"[\s,.'’()（）·、，:：/\-]+")


def _entries(state: dict, inputs: dict, lang: str, reports_dir: Path) -> list[dict]:
    """The landing page's list, in sections: the overview, the values grid, every region's
    profile and every indicator any plan states (each on its own page), by domain. Each entry
    carries its search key; one whose last render failed is marked stale."""
    failed = {path for path, entry in state.items() if entry.get("status") == "failed"}
    words = i18n.LANDING[lang]

    def entry(name: str, path: str, *names: str, note: str = "") -> dict | None:
        if not (reports_dir / path).is_file():
            return None
        return {
            "name": name,
            "href": path,
            "note": note,
            "stale": path in failed,
            "search": _search_key(name, *names),
        }

    def section(title: str, items) -> dict | None:
        items = [i for i in items if i]
        return {"title": title, "items": items, "group": "", "indicators": False} if items else None

    sections = [
        section(
            "",
            [
                entry(words["overview"], report_path("overview", "", lang), *REPORT_NAMES),
                entry(words["values"], values_path(lang), *VALUES_NAMES),
            ],
        ),
        section(
            words["regions"],
            (
                entry(
                    r[f"name_{lang}"] or r["name_zh"],
                    report_path("region_profile", r["region_id"], lang),
                    r["name_zh"],
                    r["name_en"],
                    r["region_id"],
                )
                for r in inputs["regions"]
            ),
        ),
    ]
    stated = inputs["stated"]
    domain_order = {d: n for n, d in enumerate(layout.DOMAINS)}
    by_domain: dict[str, list[dict]] = {}
    for i in inputs["indicators"]:
        if i["indicator_id"] in stated:
            by_domain.setdefault(i["domain"], []).append(i)
    n_listed = 0
    for domain in sorted(by_domain, key=lambda d: domain_order.get(d, len(domain_order))):
        items = sorted(
            by_domain[domain],
            key=lambda i: (-stated[i["indicator_id"]], i[f"name_{lang}"] or i["name_zh"]),
        )
        listed = section(
            i18n.domain_name(domain, lang),
            (
                entry(
                    i[f"name_{lang}"] or i["name_zh"],
                    report_path("indicator_compare", i["indicator_id"], lang),
                    i["name_zh"],
                    i["name_en"],
                    note=words["stated_by"].format(n=stated[i["indicator_id"]]),
                )
                for i in items
            ),
        )
        if listed:
            listed["indicators"] = True
            n_listed += len(listed["items"])
        sections.append(listed)
    found = [s for s in sections if s]
    first = next((s for s in found if s.get("indicators")), None)
    if first:
        first["group"] = words["indicators"].format(n=n_listed)
    return found


# What a reader may type for the overview and the values grid, in either language.
REPORT_NAMES = (i18n.LANDING["zh"]["overview"], i18n.LANDING["en"]["overview"])
VALUES_NAMES = (i18n.LANDING["zh"]["values"], i18n.LANDING["en"]["values"])


def values_path(lang: str) -> str:
    """The values grid's page (plancompare.site.values writes it)."""
    return f"values/{lang}.html"


def _context(state: dict, info: dict[str, str], inputs: dict, lang: str, reports_dir: Path) -> dict:
    words = i18n.LANDING[lang]
    other = _other_lang(lang)
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
    date = i18n.readable_date(info.get("built_at", ""), lang)
    return {
        "lang": lang,
        "html_lang": LANG_CODES[lang],
        "other": {
            "lang": other,
            "html_lang": LANG_CODES[other],
            "href": LANDING_PAGES[other],
            "label": i18n.sentence("other_lang", lang),
        },
        "words": words,
        "opening": words["opening"].format(**inputs["summary"]),
        "updated": words["updated"].format(date=date),
        "footer": words["footer"].format(
            version=__version__, fingerprint=info.get("fingerprint", ""), date=date
        ),
        "failed": failed,
        "headline": _headline_grid(inputs, lang, reports_dir),
        "sections": _entries(state, inputs, lang, reports_dir),
        "licence": {"url": i18n.LICENCE_URL, "label": i18n.LICENCE[lang]},
    }


def index_html(
    state: dict, info: dict[str, str], inputs: dict, reports_dir: Path, lang: str = "zh"
) -> str:
    """One landing page: what the site holds, the headline numbers, every report and indicator
    listed and searchable, failures."""
    return _landing_page(_context(state, info, inputs, lang, reports_dir))


def _landing_page(context: dict) -> str:
    return _environment().get_template("index.html.j2").render(**context)


def write_index(
    reports_dir: Path, state: dict, info: dict[str, str], inputs: dict, code: str
) -> bool:
    """Rewrite the landing pages (index.html in Chinese, index-en.html in English) only when
    what they show or the code that draws them changed, or a page is not as written (a run with
    nothing changed writes nothing). Returns whether they were written."""
    contexts = {lang: _context(state, info, inputs, lang, reports_dir) for lang in LANGS}
    key = values_sha256({"context": contexts, "code": code})
    written = site_state.load_state(reports_dir, LANDING_STATE_FILE)
    if site_state.is_current(written.get("landing"), key, reports_dir):
        return False
    for lang, context in contexts.items():
        write_atomic(reports_dir / LANDING_PAGES[lang], _landing_page(context))
    written["landing"] = {
        "key": key,
        **site_state.written_files(reports_dir, [LANDING_PAGES[lang] for lang in LANGS]),
    }
    site_state.save_state(reports_dir, written, LANDING_STATE_FILE)
    return True


def render_template(name: str, **context) -> str:
    """Render one of the site's templates (escaped, strict about missing values)."""
    return _environment().get_template(name).render(**context)
