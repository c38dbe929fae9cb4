"""A render run end to end: a failed report keeps its previous page and is marked stale, curated
text is escaped, and in a real browser every page loads and draws, and its links (other language,
home, cross-links) land where they say."""

from __future__ import annotations

import shutil

import pytest
from plancompare import catalog
from plancompare.build import build
from plancompare.site.render import render

NOTEBOOKS = catalog.PROJECT_ROOT / "notebooks"


def test_failed_notebook_keeps_the_previous_report(real_db, tmp_path, append_cell):
    notebooks = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS, notebooks)
    out = tmp_path / "reports"
    kwargs = {
        "notebook": "03",
        "params": {"indicator": "sports_area_per_capita"},
        "langs": ["en"],
        "notebooks_dir": notebooks,
    }
    assert not render(out, real_db, **kwargs).failed
    good = (out / "indicator_compare" / "sports-area-per-capita-en.html").read_bytes()

    append_cell(
        notebooks / "03_indicator_compare.ipynb", "raise RuntimeError('deliberately broken')"
    )
    result = render(out, real_db, **kwargs)
    assert [o.status for o in result.failed] == ["failed"]
    assert "deliberately broken" in result.failed[0].error
    assert (out / "indicator_compare" / "sports-area-per-capita-en.html").read_bytes() == good
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "deliberately broken" in index and "stale" in index
    assert not list(out.rglob("*.tmp"))


def test_curated_text_is_escaped(mini_data, tmp_path):
    regions = mini_data / "regions.csv"
    regions.write_text(
        regions.read_text(encoding="utf-8").replace("County A", "<script>alert(1)</script>"),
        encoding="utf-8",
    )
    db = tmp_path / "plans.duckdb"
    build(mini_data, db)
    out = tmp_path / "reports"
    result = render(out, db, notebook="02", params={"region": "a"}, langs=["en"])
    assert not result.failed, result.failed
    page = (out / "region_profile" / "a-en.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in (out / "index.html").read_text(encoding="utf-8")


# --- in a real browser ---------------------------------------------------------------------

PAGES = [
    ("index.html", "十四五公共服务规划比较"),
    ("overview/zh.html", "跨地区总览"),
    ("overview/en.html", "cross-region overview"),
    ("region_profile/xianning-zh.html", "咸宁市"),
    ("region_profile/xianning-en.html", "Xianning City"),
    ("indicator_compare/nursing-bed-share-zh.html", "养老机构护理型床位占比"),
    ("indicator_compare/nursing-bed-share-en.html", "Share of nursing-type beds"),
]


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize(("page", "title_text"), PAGES)
def test_pages_load_and_draw_in_a_browser(tab, page, title_text, width):
    """Every page type in each language: its heading, its figures drawn, no console error, no
    request off the site; a full-page screenshot for a person to look at."""
    t = tab(width)
    loaded = t.open(page)
    heading = loaded.locator("h1").first
    assert heading.is_visible() and title_text in heading.inner_text()
    plots = loaded.locator(".js-plotly-plot")
    if page != "index.html":
        loaded.wait_for_function(
            "document.querySelectorAll('.js-plotly-plot .main-svg').length > 0"
        )
        assert plots.count() >= 1
        for n in range(plots.count()):
            assert plots.nth(n).locator("svg.main-svg").count() >= 1
    t.screenshot(f"{page.replace('/', '_').removesuffix('.html')}-{width}")
    assert t.errors == [] and t.external == []


@pytest.mark.parametrize(
    ("page", "other"),
    [
        ("overview/zh.html", "overview/en.html"),
        ("region_profile/xianning-en.html", "region_profile/xianning-zh.html"),
        (
            "indicator_compare/nursing-bed-share-zh.html",
            "indicator_compare/nursing-bed-share-en.html",
        ),
    ],
)
def test_language_link_lands_on_the_same_report(tab, page, other):
    t = tab()
    t.open(page).locator("nav.site-bar a.other-lang").click()
    t.page.wait_for_load_state("load")
    assert t.path() == other
    t.page.locator("nav.site-bar a.other-lang").click()
    t.page.wait_for_load_state("load")
    assert t.path() == page


def test_home_link_leads_back_to_the_landing_page(tab):
    t = tab()
    t.open("region_profile/xianning-zh.html").locator("nav.site-bar a.site-name").click()
    t.page.wait_for_load_state("load")
    assert t.path() == "index.html"


@pytest.mark.parametrize(
    ("page", "link_text", "lands_on"),
    [
        # a profile row -> the indicator's comparison page
        (
            "region_profile/xianning-zh.html",
            "养老机构护理型床位占比",
            "indicator_compare/nursing-bed-share-zh.html",
        ),
        # a comparison row -> the region's profile
        (
            "indicator_compare/nursing-bed-share-en.html",
            "Xianning City",
            "region_profile/xianning-en.html",
        ),
        # overview entries -> both
        ("overview/en.html", "Xianning City", "region_profile/xianning-en.html"),
        (
            "overview/zh.html",
            "养老机构护理型床位占比",
            "indicator_compare/nursing-bed-share-zh.html",
        ),
    ],
)
def test_cross_links_land_on_the_right_page(tab, page, link_text, lands_on):
    t = tab()
    t.open(page).locator("table.plancompare-table a", has_text=link_text).first.click()
    t.page.wait_for_load_state("load")
    assert t.path() == lands_on
    assert t.page.locator("h1").first.is_visible()
