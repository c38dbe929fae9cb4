"""A render run end to end: a failed report keeps its previous page and is marked stale, curated
text is escaped, and every page loads and draws in a real browser."""

from __future__ import annotations

import functools
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from plancompare import catalog
from plancompare.build import build
from plancompare.site.render import render

NOTEBOOKS = catalog.PROJECT_ROOT / "notebooks"
ARTIFACTS = catalog.PROJECT_ROOT / "tests" / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")


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


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is missing in CI: .ci/run installs it")
        pytest.skip("Debian chromium not installed (apt-get install chromium fonts-noto-cjk)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def server(site):
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.mark.parametrize(
    ("page", "title_text"),
    [
        ("index.html", "十四五公共服务规划比较"),
        ("overview/zh.html", "跨地区总览"),
        ("region_profile/xianning-zh.html", "咸宁市"),
        ("indicator_compare/nursing-bed-share-zh.html", "养老机构护理型床位占比"),
    ],
)
def test_pages_load_and_draw_in_a_browser(browser, server, page, title_text):
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    tab = context.new_page()
    errors, external = [], []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on("request", lambda r: external.append(r.url) if not r.url.startswith(server) else None)
    tab.goto(f"{server}/{page}", wait_until="load")
    heading = tab.locator("h1").first
    assert heading.is_visible() and title_text in heading.inner_text()
    plots = tab.locator(".js-plotly-plot")
    if page != "index.html":
        tab.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length > 0")
        assert plots.count() >= 1
        for n in range(plots.count()):
            assert plots.nth(n).locator("svg.main-svg").count() >= 1
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / (page.replace("/", "_") + ".png")), full_page=False)
    assert errors == [] and external == []
    context.close()
