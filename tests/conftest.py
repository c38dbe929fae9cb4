"""Shared fixtures: the real curated data built into a temporary database, a tiny data
directory that tests may break on purpose, and a small report site rendered from the real data."""

from __future__ import annotations

import csv
import functools
import json
import os
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from plancompare.common import paths
from plancompare.ingest import checksums, layout
from plancompare.query import connect
from plancompare.site.render import render
from plancompare.store.build import build

REAL_DATA = paths.PROJECT_ROOT / "data" / "raw"
ARTIFACTS = paths.PROJECT_ROOT / "tests" / "artifacts"  # screenshots for a person to look at
CHROMIUM = Path("/usr/bin/chromium")

# Markers that follow from a test's fixtures, direct or not (`tab` builds on `browser`, `server`
# on `site`): no test using them is decorated by hand (a test slow on its own carries
# @pytest.mark.slow). `executed` runs every notebook (test_notebooks).
MARKED_BY_FIXTURE = {
    "browser": {"browser"},
    "slow": {"site", "repo_clone", "executed"},
}


def pytest_collection_modifyitems(items):
    for item in items:
        for marker, fixtures in MARKED_BY_FIXTURE.items():
            if fixtures & set(item.fixturenames):
                item.add_marker(marker)


@pytest.fixture
def repo_clone(tmp_path) -> Path:
    """A git clone of this repository's HEAD using this .venv, with the git filters `make setup`
    installs: tests may dirty it freely."""
    clone = tmp_path / "repo"
    subprocess.run(
        ["git", "clone", "--quiet", str(paths.PROJECT_ROOT), str(clone)],
        check=True,
        capture_output=True,
    )
    (clone / ".venv").symlink_to(paths.PROJECT_ROOT / ".venv")
    subprocess.run(["make", "--silent", "git-filter"], cwd=clone, check=True)
    return clone


def in_another_process(code: str, *args: str) -> str:
    """What `code` prints in a new Python process with another hash seed: what the next run (or
    another report's kernel) computes, which must not depend on hash() or dict order."""
    seed = "2" if os.environ.get("PYTHONHASHSEED") == "1" else "1"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        env={**os.environ, "PYTHONHASHSEED": seed},
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pytest.fixture(scope="session")
def real_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("db") / "plans.duckdb"
    build(REAL_DATA, db)
    return db


@pytest.fixture(scope="session")
def con(real_db):
    connection = connect(real_db)
    yield connection
    connection.close()


def write_csv(path: Path, header, rows) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)


SOURCE_A = (
    "甲县“十四五”公共服务规划\n"
    "每千人口拥有3岁以下婴幼儿托位数 | 1.2 | 3 | 预期性\n"
    "到2025年，养老机构护理型床位占比达到55%以上。\n"
)
SOURCE_B = (
    "乙市“十四五”公共服務規劃\n到2025年，人均體育場地面積達到2.6平方米，護理型床位佔比不低於50%。\n"
)


@pytest.fixture
def mini_data(tmp_path) -> Path:
    """A valid two-region data directory small enough to read at a glance."""
    root = tmp_path / "raw"
    (root / "sources").mkdir(parents=True)
    (root / "sources" / "a.txt").write_text(SOURCE_A, encoding="utf-8")
    (root / "sources" / "b.txt").write_text(SOURCE_B, encoding="utf-8")
    write_csv(
        root / "regions.csv",
        layout.REGION_COLUMNS,
        [
            [
                "a",
                "甲县",
                "County A",
                "county",
                "某省",
                "甲县“十四五”公共服务规划",
                "甲县政府",
                "2022-01-01",
                "",
                "",
                "",
                "",
                "simplified",
                "sources/a.txt",
            ],
            [
                "b",
                "乙市",
                "City B",
                "prefecture",
                "某省",
                "乙市“十四五”公共服務規劃",
                "乙市政府",
                "2022-02-02",
                "",
                "",
                "",
                "",
                "traditional",
                "sources/b.txt",
            ],
        ],
    )
    write_csv(
        root / "catalog.csv",
        layout.CATALOG_COLUMNS,
        [
            [
                "childcare_places_per_1k",
                "每千人口拥有3岁以下婴幼儿托位数",
                "Childcare places per 1,000",
                "幼有所育",
                "个/千人",
                "higher_is_better",
                "rate",
                "",
            ],
            [
                "nursing_bed_share",
                "养老机构护理型床位占比",
                "Nursing bed share",
                "老有所养",
                "%",
                "higher_is_better",
                "rate",
                "",
            ],
            [
                "sports_area_per_capita",
                "人均体育场地面积",
                "Sports area per capita",
                "文体服务保障",
                "平方米/人",
                "higher_is_better",
                "rate",
                "",
            ],
        ],
    )
    write_csv(
        root / "targets" / "a.csv",
        layout.TARGET_COLUMNS,
        [
            [
                "childcare_places_per_1k",
                "每千人口拥有3岁以下婴幼儿托位数",
                "幼有所育",
                "个",
                "2020",
                "1.2",
                "level",
                "2025",
                "3",
                "level",
                "预期性",
                "table",
                "2",
                "",
                "每千人口拥有3岁以下婴幼儿托位数 | 1.2 | 3 | 预期性",
                "",
            ],
            [
                "nursing_bed_share",
                "养老机构护理型床位占比",
                "",
                "%",
                "",
                "",
                "",
                "2025",
                "55%以上",
                "level",
                "",
                "prose",
                "3",
                "",
                "养老机构护理型床位占比达到55%以上",
                "",
            ],
        ],
    )
    write_csv(
        root / "targets" / "b.csv",
        layout.TARGET_COLUMNS,
        [
            [
                "sports_area_per_capita",
                "人均體育場地面積",
                "",
                "平方米",
                "",
                "",
                "",
                "2025",
                "2.6平方米",
                "level",
                "",
                "prose",
                "2",
                "",
                "人均體育場地面積達到2.6平方米",
                "",
            ],
            [
                "nursing_bed_share",
                "護理型床位佔比",
                "",
                "%",
                "",
                "",
                "",
                "2025",
                "不低於50%",
                "level",
                "",
                "prose",
                "2",
                "",
                "護理型床位佔比不低於50%",
                "",
            ],
        ],
    )
    checksums.write_sums(root)
    return root


def append_to_source(data_dir: Path, name: str, text: str) -> Path:
    """Add a line to a plan text and record its new checksum, as a curator does after
    re-checking a changed source."""
    source = data_dir / "sources" / name
    source.write_text(source.read_text(encoding="utf-8") + text, encoding="utf-8")
    checksums.write_sums(data_dir)
    return source


@pytest.fixture
def copy_of_real_data(tmp_path) -> Path:
    target = tmp_path / "raw"
    shutil.copytree(REAL_DATA, target)
    return target


@pytest.fixture(scope="session")
def site(real_db, tmp_path_factory) -> Path:
    """One report of each kind in each language."""
    out = tmp_path_factory.mktemp("reports")
    results = [
        render(out, real_db, notebook="01_overview", jobs=2),
        render(out, real_db, notebook="02", params={"region": "咸宁市"}, jobs=2),
        render(
            out,
            real_db,
            notebook="indicator_compare",
            params={"indicator": "nursing_bed_share"},
            jobs=2,
        ),
    ]
    assert all(not r.failed for r in results), [r.failed for r in results]
    return out


def _append_cell(path: Path, source: str) -> None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    cell = {
        "cell_type": "code",
        "metadata": {},
        "outputs": [],
        "execution_count": None,
        "id": f"test-{len(nb['cells'])}",
        "source": source,
    }
    nb["cells"].append(cell)
    path.write_text(json.dumps(nb), encoding="utf-8")


@pytest.fixture
def append_cell():
    """Add a code cell at the end of a copied notebook: append_cell(path, source)."""
    return _append_cell


@pytest.fixture(scope="session")
def site_pages(site) -> list[Path]:
    """The site's HTML pages, not counting the executed notebooks kept for debugging."""
    return sorted(p for p in site.rglob("*.html") if "_executed" not in p.parts)


@pytest.fixture
def write_extras(tmp_path):
    """build(data_dir) then write the site's own pages into `out`: write_extras(data_dir, out)
    returns the names of the pages written."""
    from plancompare import query
    from plancompare.site.render import write_site_pages

    def run(data_dir: Path, out: Path, draft: bool = False) -> list[str]:
        db = tmp_path / "extras.duckdb"
        build(data_dir, db, draft=draft)
        con = connect(db)
        try:
            info = query.build_info(con)
        finally:
            con.close()
        return write_site_pages(out, db, info, "code")

    return run


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by playwright, with nothing of its own on the network."""
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


@pytest.fixture(scope="session")
def server(site):
    """The small site over HTTP on localhost: any request elsewhere is an outside request."""

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


class Tab:
    """A browser page that records console errors and every request off the local server."""

    def __init__(self, browser, server: str, width: int):
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.page = self.context.new_page()
        self.server, self.errors, self.external = server, [], []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on(
            "request",
            # blob: and data: URLs are made in the page (a downloaded image): not off the site.
            lambda r: (
                None
                if r.url.startswith((server, "blob:", "data:"))
                else self.external.append(r.url)
            ),
        )

    def open(self, path: str):
        self.page.goto(f"{self.server}/{path}", wait_until="load")
        return self.page

    def path(self) -> str:
        return self.page.url.removeprefix(self.server + "/")

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.fixture
def tab(browser, server):
    """open(path) pages of the small site at 1280 px; tab.at(width) for another width."""
    made = []

    def at(width: int = 1280) -> Tab:
        made.append(Tab(browser, server, width))
        return made[-1]

    yield at
    for t in made:
        t.context.close()
