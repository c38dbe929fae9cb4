"""The sources-and-method page: in both languages, naming the plans, the national sources and
their grades, how to cite, and what the suite does not show; nothing fetched from outside."""

from __future__ import annotations

import html
import re

import pytest
from plancompare import query
from plancompare.model.comparison import ASKS
from plancompare.site import dataset


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_method_page_names_plans_sources_grades_and_citation(site, con, lang):
    page = (site / "method" / f"{lang}.html").read_text(encoding="utf-8")
    for region in query.regions(con).to_dicts():
        assert html.escape(region["plan_title"]) in page
        assert html.escape(region["issuer"]) in page
        assert f'href="../sources/{region["region_id"]}.html"' in page
        for field in ("document_number", "index_number", "published_on"):
            assert f"<td>{region[field] or '—'}</td>" in page
    for publisher, grade in con.sql("SELECT DISTINCT publisher, grade FROM reference").fetchall():
        assert f"<td>{grade}</td><td>{html.escape(publisher)}</td>" in page
    for ask in ASKS:
        assert f"<dt>{ask}" in page
    for measure in ("rate", "count", "standard"):
        assert f"<i>{measure}</i>" in page
    assert html.escape(dataset.citation(query.build_info(con))) in page
    for name in dataset.files():
        assert (site / name).is_file() and f'href="../{name}"' in page
    cap = {
        "zh": "城镇登记失业率读作上限",
        "en": "Urban registered unemployment rate reads as a ceiling",
    }
    assert cap[lang] in page  # data/raw/readings.csv, named from the data
    no_actuals = {"zh": "尚未整理任何地区2025年的实际值", "en": "No region's 2025 actual value"}
    assert no_actuals[lang] in page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_method_page_states_the_attainment_rules_with_their_source(site, lang):
    page = (site / "method" / f"{lang}.html").read_text(encoding="utf-8")
    section = page[page.index('<h2 id="outcomes">') :]
    assert "open-sdg/blob/master/docs/progress-methodology.md" in section
    for status in ("met", "not_met", "achieved_early", "on_track", "deterioration", "rounded"):
        assert f"<code>{status}</code>" in section
    assert "R ≥ 0.95" in section and "0.6 ≤ R &lt; 0.95" in section


def test_method_page_fetches_nothing_from_outside(site):
    for lang in ("zh", "en"):
        page = (site / "method" / f"{lang}.html").read_text(encoding="utf-8")
        assert not re.search(r'<(script|link|img)[^>]+(src|href)="(https?:)?//', page)


@pytest.mark.parametrize(
    ("lang", "heading"), [("zh", "数据来源与方法"), ("en", "Sources and method")]
)
def test_method_page_renders_in_a_browser_and_is_linked_from_reports(
    browser, server, lang, heading
):
    tab = browser.new_page()
    errors, external = [], []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on("request", lambda r: None if r.url.startswith(server) else external.append(r.url))
    tab.goto(f"{server}/overview/{lang}.html", wait_until="load")
    tab.locator("footer.plancompare-method a", has_text=heading).click()
    tab.wait_for_url(f"**/method/{lang}.html")
    assert tab.locator("h1").inner_text() == heading
    assert tab.locator("table").count() == 3  # plans, unit conversions, national sources
    # Fetched, not opened: a JSON document has no icon link, so chromium would ask the server
    # for /favicon.ico (a 404 in the console, sometimes before the check, sometimes after).
    package = tab.evaluate(
        "fetch(document.querySelector('a[href=\"../data/datapackage.json\"]').href)"
        ".then(r => r.json())"
    )
    assert [r["name"] for r in package["resources"]][0] == "regions"
    assert errors == [] and external == []
    tab.close()
