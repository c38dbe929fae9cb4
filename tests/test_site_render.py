"""A render run end to end: a failed report keeps its previous page and is marked stale, curated
text is escaped, and in a real browser every page loads and draws, and its links (other language,
home, cross-links) land where they say."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from plancompare import query
from plancompare.common import paths
from plancompare.common.files import is_alive
from plancompare.i18n import LICENCE_URL
from plancompare.site import state as site_state
from plancompare.site.leftovers import KERNEL_DIR_PREFIX
from plancompare.site.render import render
from plancompare.store.build import build

NOTEBOOKS = paths.PROJECT_ROOT / "notebooks"
ARTIFACTS = paths.PROJECT_ROOT / "tests" / "artifacts"


@pytest.mark.slow
def test_failed_notebook_keeps_the_previous_report(real_db, tmp_path, append_cell, browser):
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
    # Both landing pages list the failure; the English one, which links the page, marks it stale.
    for landing in ("index.html", "index-en.html"):
        assert "deliberately broken" in (out / landing).read_text(encoding="utf-8")
    assert 'class="stale"' in (out / "index-en.html").read_text(encoding="utf-8")
    assert not list(out.rglob("*.tmp"))
    # A reader who arrives by a link is warned too: the shared script shows a banner.
    for width in (1280, 390):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto((out / "indicator_compare" / "sports-area-per-capita-en.html").as_uri())
        banner = page.locator(".stale-banner")
        assert "rendering it again failed on 20" in banner.inner_text()
        banner.get_by_role("link").click()
        page.wait_for_load_state("load")
        assert page.url == (out / "index.html").as_uri() + "#failed"
        page.go_back()
        page.wait_for_load_state("load")
        page.screenshot(path=str(ARTIFACTS / f"stale-banner-{width}.png"))
        context.close()
    # Rendered again successfully: the banner is gone.
    (notebooks / "03_indicator_compare.ipynb").write_bytes(
        (NOTEBOOKS / "03_indicator_compare.ipynb").read_bytes()
    )
    assert not render(out, real_db, **kwargs).failed
    assert "sports-area-per-capita" not in (out / "assets" / "stale.js").read_text("utf-8")


@pytest.mark.slow
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


def test_report_pages_carry_a_fixed_licence_line_not_the_build(site, con):
    """A rebuild with the same data and code leaves report pages unchanged: no date,
    fingerprint or version on them; the landing and method pages carry those."""
    info = query.build_info(con)
    for page in [*site.glob("*/*-en.html"), *site.glob("overview/*.html")]:
        text = page.read_text(encoding="utf-8")
        if page.parent.name in ("method", "sources"):
            continue
        assert info["fingerprint"] not in text and info["built_at"][:10] not in text, page
        footer = text.split('<footer class="plancompare-method">')[1].split("</footer>")[0]
        assert 'rel="license"' in footer and LICENCE_URL in footer, page
        assert "method/en.html#cite" in text or "method/zh.html#cite" in text, page
    method = (site / "method" / "en.html").read_text(encoding="utf-8")
    assert info["fingerprint"] in method and "CC BY 4.0" in method and "著作权法" in method


def test_every_page_declares_the_language_it_is_written_in(site, site_pages):
    """Browsers pick CJK glyphs, hyphenation and the stylesheet's words (:lang) by it; a
    screen reader, its voice."""
    from plancompare.i18n import LANG_CODES

    for page in site_pages:
        name = page.relative_to(site).as_posix()
        if name.startswith("sources/"):  # a plan's own text, in Chinese whatever the site's page
            lang = "zh"
        elif name in ("index.html", "index-en.html"):
            lang = "en" if name == "index-en.html" else "zh"
        else:
            lang = "en" if page.stem.endswith("en") else "zh"
        head = page.read_text(encoding="utf-8")[:400]
        assert f'<html lang="{LANG_CODES[lang]}"' in head, name


# --- in a real browser ---------------------------------------------------------------------

PAGES = [
    ("index.html", "十四五公共服务规划比较"),
    ("index-en.html", "14th Five-Year public-service plans compared"),
    ("values/zh.html", "比率指标目标一览"),
    ("values/en.html", "Rate targets side by side"),
    ("indicator_compare/a-grade-scenic-spots-zh.html", "A级景区数"),
    ("indicator_compare/a-grade-scenic-spots-en.html", "A-grade tourist scenic spots"),
    ("method/en.html", "Sources and method"),
    ("sources/dayao.html", "大姚县"),
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
    """Every page type in each language: its heading, its figures drawn, no sideways scroll of
    the page (wide tables and charts fit or scroll inside themselves), no console error, no
    request off the site; a full-page screenshot for a person to look at."""
    t = tab(width)
    loaded = t.open(page)
    heading = loaded.locator("h1").first
    assert heading.is_visible() and title_text in heading.inner_text()
    plots = loaded.locator(".js-plotly-plot")
    if page.split("/")[0] in ("overview", "region_profile") or "nursing" in page:
        loaded.wait_for_function(
            "document.querySelectorAll('.js-plotly-plot .main-svg').length > 0"
        )
        assert plots.count() >= 1
        for n in range(plots.count()):
            assert plots.nth(n).locator("svg.main-svg").count() >= 1
    t.screenshot(f"{page.replace('/', '_').removesuffix('.html')}-{width}")
    assert loaded.evaluate("document.documentElement.scrollWidth") <= width
    assert t.errors == [] and t.external == []


# Every text the first overview chart draws: titles, panel titles, ticks, labels, legend.
_TEXT_BOXES = """plot => Array.from(plot.querySelectorAll('svg text'))
  .filter(t => t.textContent.trim() && t.getBBox().width > 0)
  .map(t => { const b = t.getBoundingClientRect();
              return [t.textContent, b.left, b.top, b.right, b.bottom]; })"""


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("page", ["overview/zh.html", "overview/en.html"])
def test_first_overview_chart_draws_no_text_over_another(tab, page, width):
    t = tab(width)
    loaded = t.open(page)
    loaded.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length > 0")
    plot = loaded.locator(".js-plotly-plot").first
    boxes = plot.evaluate(_TEXT_BOXES)
    assert len(boxes) > 20
    overlapping = [
        (a[0], b[0])
        for n, a in enumerate(boxes)
        for b in boxes[n + 1 :]
        if min(a[3], b[3]) - max(a[1], b[1]) > 1 and min(a[4], b[4]) - max(a[2], b[2]) > 1
    ]
    assert overlapping == []
    box = plot.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width  # the chart fits the screen


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize(
    "page",
    [
        "region_profile/xianning-zh.html",
        "region_profile/xianning-en.html",
        "overview/en.html",
        "indicator_compare/nursing-bed-share-en.html",
    ],
)
def test_no_chart_text_runs_past_its_chart(tab, page, width):
    """Titles, panel titles, labels and ticks all stand inside their figure: a panel title
    centred over a narrow plot area ran past a phone's right edge."""
    t = tab(width)
    loaded = t.open(page)
    loaded.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length > 0")
    plots = loaded.locator(".js-plotly-plot")
    for n in range(plots.count()):
        box = plots.nth(n).bounding_box()
        outside = [
            text
            for text, left, _, right, _ in plots.nth(n).evaluate(_TEXT_BOXES)
            if left < box["x"] - 1 or right > box["x"] + box["width"] + 1
        ]
        assert outside == [], (page, n, outside)


@pytest.mark.parametrize(
    ("page", "evidence"),
    [
        ("overview/en.html", {"line", "quote", "source"}),
        # A profile's own table carries the quotes; its figure's rows name line and source.
        ("region_profile/xianning-zh.html", {"line", "source"}),
    ],
)
def test_a_chart_can_be_taken_away(tab, page, evidence):
    """No cloud button or plotly.com link; the chart's anchor scrolls to it; its rows one
    click away with the CSV's columns; its image downloads with title, sources and licence."""
    import csv
    import io

    t = tab(1280)
    loaded = t.open(page)
    loaded.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length > 0")
    figure = loaded.locator("figure.chart").first
    figure.locator(".js-plotly-plot").hover()
    titles = loaded.locator(".modebar-btn").evaluate_all("bs => bs.map(b => b.dataset.title)")
    assert titles and not [x for x in titles if "Share" in x or "Cloud" in x or "Edit" in x]
    assert loaded.locator("a[href*='plotly.com'], a[href*='chart-studio']").count() == 0
    anchor = figure.get_attribute("id")
    loaded.evaluate("window.scrollTo(0, 0)")
    figure.locator("a.chart-anchor").click()
    assert loaded.url.endswith(f"#{anchor}")
    loaded.wait_for_function(
        f"Math.abs(document.getElementById('{anchor}').getBoundingClientRect().top) < 40"
    )
    rows = loaded.locator(f"details.chart-rows[data-chart='{anchor}']")
    assert rows.locator("table").is_hidden()
    rows.locator("summary").click()
    assert rows.locator("tbody tr").first.is_visible()
    headings = rows.locator("thead th").count()
    link = rows.locator("xpath=following-sibling::p[1]//a")
    with loaded.expect_download() as download:
        link.click()
    header = next(csv.reader(io.StringIO(download.value.path().read_text("utf-8-sig"))))
    assert len(header) == headings and evidence <= set(header)
    assert not [c for c in header if c.endswith("_1")]
    with loaded.expect_download() as download:
        figure.locator("button[data-image='svg']").click()
    svg = download.value.path().read_text("utf-8")
    sources = figure.locator(".chart-sources").inner_text()
    assert "CC BY 4.0" in svg and sources[:20] in svg.replace("&amp;", "&")
    with loaded.expect_download() as download:
        figure.locator("button[data-image='png']").click()
    assert download.value.suggested_filename == f"{anchor}.png"
    assert t.errors == [] and t.external == []


@pytest.mark.parametrize(
    ("page", "legend"),
    [("overview/zh.html", "全国2025年目标"), ("overview/en.html", "National 2025 target")],
)
def test_overview_draws_the_national_path_charts(tab, page, legend):
    """Each headline indicator's national path: the country's line and points, the target
    line and the regions, drawn in the page's language, without a console error."""
    t = tab(1280)
    loaded = t.open(page)
    loaded.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length > 0")
    national = loaded.locator(".js-plotly-plot", has_text=legend)
    assert national.count() == 3
    for n in range(3):
        plot = national.nth(n)
        assert plot.locator(".scatterlayer .trace").count() >= 4  # line, points, target, region
        assert plot.locator(".scatterlayer path.point").count() >= 3
    t.screenshot(f"national-{page.replace('/', '_').removesuffix('.html')}")
    assert t.errors == []


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
    t.open(page).locator("table.plancompare-table a:visible", has_text=link_text).first.click()
    t.page.wait_for_load_state("load")
    assert t.path() == lands_on
    assert t.page.locator("h1").first.is_visible()


# --- a render that is killed, stopped, or runs beside another -----------------------------


@pytest.fixture
def temp():
    """The renders' temp directory: short, since a unix socket's path must stay under 108 bytes."""
    folder = Path(tempfile.mkdtemp(prefix="pc-", dir="/tmp"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


HOLD = 'while lang == "en" and os.path.exists("hold"):\n    time.sleep(0.1)'
# A cell that never returns, not even to Python between sleeps.
HANG = 'if lang == "en":\n    time.sleep(10**6)'


def _held_notebooks(folder: Path, wait: str = HOLD) -> Path:
    """A tiny 01_overview whose English report runs `wait` first: by default it waits while
    folder/hold exists."""
    import nbformat

    folder.mkdir()
    parameters = nbformat.v4.new_code_cell('lang = "zh"', metadata={"tags": ["parameters"]})
    body = nbformat.v4.new_code_cell(f'import os, time\n{wait}\nprint("overview", lang)')
    notebook = nbformat.v4.new_notebook(cells=[parameters, body])
    notebook.metadata["kernelspec"] = {
        "name": "plancompare",
        "display_name": "plancompare",
        "language": "python",
    }
    nbformat.write(notebook, folder / "01_overview.ipynb")
    (folder / "hold").touch()
    return folder


def _start_render(db, out, notebooks, temp, *args, jobs: int = 1) -> subprocess.Popen:
    """`plancompare render` of the overview, in its own process: zh then en on one worker, or
    each on a worker process of its own."""
    command = [sys.executable, "-m", "plancompare.cli", "render", "--db", str(db)]
    command += ["--out", str(out), "--notebooks", str(notebooks), "--notebook", "01"]
    command += ["--jobs", str(jobs), *args]
    return subprocess.Popen(
        command,
        env={**os.environ, "TMPDIR": str(temp)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_until_en_is_in_flight(run: subprocess.Popen, out: Path, temp: Path) -> Path:
    """Block until the zh report is recorded and the en report's kernel runs; its kernel dir."""
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        assert run.poll() is None, run.communicate()
        state = site_state.load_state(out)  # state.json and the run's journal
        if "overview/zh.html" in state:
            assert state["overview/zh.html"]["status"] == "ok", state
        kernel_dirs = list(temp.glob(f"{KERNEL_DIR_PREFIX}{run.pid}-*"))
        if "overview/zh.html" in state and kernel_dirs and list(kernel_dirs[0].glob("*.json")):
            return kernel_dirs[0]
        time.sleep(0.2)
    run.kill()
    pytest.fail("the render did not reach its second report")


def _wait_until_en_hangs(run: subprocess.Popen, out: Path, temp: Path) -> list[int]:
    """Block until the zh report is done and the en report's kernel runs its endless cell; the
    pids of every process of the run besides itself (workers, kernels)."""
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        assert run.poll() is None, run.communicate()
        page = out / "overview" / "zh.html"
        kernels = [p for d in temp.glob(f"{KERNEL_DIR_PREFIX}*") for p in _processes_using(d)]
        if page.is_file() and len(kernels) == 2:
            time.sleep(2)  # the en kernel is past its setup and in the cell
            return _children_of(run.pid)
        time.sleep(0.2)
    run.kill()
    pytest.fail("the render did not reach its hanging report")


def _children_of(pid: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[-1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return children + [grandchild for child in children for grandchild in _children_of(child)]


@pytest.mark.slow
def test_a_report_past_its_time_limit_fails_and_the_others_render(real_db, tmp_path, temp):
    notebooks, out = _held_notebooks(tmp_path / "nb", HANG), tmp_path / "out"
    run = _start_render(real_db, out, notebooks, temp, "--timeout", "10", jobs=2)
    processes = _wait_until_en_hangs(run, out, temp)
    stdout, stderr = run.communicate(timeout=180)
    # A scheduler finds nothing of the run alive once it returns (workers, kernels, tracker).
    assert processes and not [pid for pid in processes if is_alive(pid)]
    assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr
    assert run.returncode == 1, stderr
    assert "rendered 1, unchanged 0, failed 1 of 2" in stdout
    assert "FAILED overview/en.html: ReportTimeout: stopped at the time limit of 10 s" in stderr
    assert (out / "overview" / "zh.html").is_file() and not (out / "overview" / "en.html").exists()
    assert not list(temp.iterdir()) and not (out / ".render.lock").exists()


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_a_hanging_render_at_once(real_db, tmp_path, temp, signum):
    notebooks, out = _held_notebooks(tmp_path / "nb", HANG), tmp_path / "out"
    run = _start_render(real_db, out, notebooks, temp, jobs=2)
    processes = _wait_until_en_hangs(run, out, temp)
    run.send_signal(signum)
    # Well under the 10 minutes nbclient would wait, and under a scheduler's kill delay.
    _, stderr = run.communicate(timeout=20)
    assert run.returncode == 128 + signum, stderr
    assert f"stopped by {signal.Signals(signum).name}" in stderr
    assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr
    # Workers and kernels ended before the exit; multiprocessing's resource tracker ends when
    # it sees the render gone: allow it a moment.
    deadline = time.monotonic() + 5
    while [pid for pid in processes if is_alive(pid)] and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in processes if is_alive(pid)]
    assert not list(temp.iterdir()) and not (out / ".render.lock").exists()
    state = json.loads((out / ".plancompare" / "state.json").read_text(encoding="utf-8"))
    assert state["overview/zh.html"]["status"] == "ok" and "overview/en.html" not in state


def _processes_using(path: Path) -> list[int]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if str(path).encode() in cmdline.read_bytes():
                found.append(int(cmdline.parent.name))
        except OSError:
            pass
    return found


@pytest.mark.slow
def test_a_killed_render_loses_only_the_report_in_flight(real_db, tmp_path, temp):
    notebooks, out = _held_notebooks(tmp_path / "nb"), tmp_path / "out"
    first = _start_render(real_db, out, notebooks, temp)
    kernel_dir = _wait_until_en_is_in_flight(first, out, temp)
    # A page the run was writing when it died, named as write_atomic names it.
    half_written = out / "overview" / f".en.html.{first.pid}.k3x_9abz.tmp"
    half_written.write_text("half a page")
    first.kill()
    first.communicate()
    finished = (out / "overview" / "zh.html").stat().st_mtime_ns

    (notebooks / "hold").unlink()
    rerun = _start_render(real_db, out, notebooks, temp)
    stdout, stderr = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, stderr
    assert "rendered 1, unchanged 1, failed 0 of 2" in stdout
    assert (out / "overview" / "zh.html").stat().st_mtime_ns == finished
    assert (out / "overview" / "en.html").is_file()
    assert not half_written.exists() and not list(out.rglob("*.tmp"))
    assert not kernel_dir.exists() and not list(temp.iterdir())


@pytest.mark.slow
def test_a_live_run_is_left_alone_and_sigterm_cleans_up(real_db, tmp_path, temp):
    notebooks, out = _held_notebooks(tmp_path / "nb"), tmp_path / "out"
    live = _start_render(real_db, out, notebooks, temp)
    kernel_dir = _wait_until_en_is_in_flight(live, out, temp)
    in_progress = out / "overview" / f".en.html.{live.pid}.k3x_9abz.tmp"
    in_progress.write_text("being written")

    same_folder = _start_render(real_db, out, notebooks, temp)
    _, stderr = same_folder.communicate(timeout=300)
    assert same_folder.returncode == 75 and f"pid {live.pid}" in stderr
    other_folder = _start_render(real_db, tmp_path / "other", notebooks, temp, "--lang", "zh")
    _, stderr = other_folder.communicate(timeout=300)
    assert other_folder.returncode == 0, stderr
    assert in_progress.exists() and kernel_dir.exists()
    assert (out / ".render.lock").read_text() == str(live.pid)
    in_progress.unlink()

    kernels = _processes_using(kernel_dir)
    assert kernels
    live.terminate()
    _, stderr = live.communicate(timeout=120)
    assert live.returncode == 143 and "stopped by SIGTERM" in stderr
    assert not kernel_dir.exists() and not list(temp.iterdir())
    assert not [pid for pid in kernels if is_alive(pid)]
    assert not list(out.rglob("*.tmp")) and not (out / ".render.lock").exists()
    state = json.loads((out / ".plancompare" / "state.json").read_text(encoding="utf-8"))
    # The stopped report is not a failure: it is simply not rendered yet.
    assert list(state) == ["overview/zh.html"] and state["overview/zh.html"]["status"] == "ok"
