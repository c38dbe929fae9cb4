"""The report site end to end: links, offline assets, incremental re-runs, failures, locking,
escaping, and a real browser drawing the figures."""

from __future__ import annotations

import fcntl
import functools
import json
import os
import re
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from plancompare import catalog, cli
from plancompare.build import build
from plancompare.render import (
    LOCK_FILE,
    LockedError,
    RenderError,
    Report,
    Worker,
    find_notebook,
    ipc_kernel_manager,
    render,
)

NOTEBOOKS = catalog.PROJECT_ROOT / "notebooks"
ARTIFACTS = catalog.PROJECT_ROOT / "tests" / "artifacts"


@pytest.fixture(scope="module")
def site(real_db, tmp_path_factory):
    """One report of each kind, in Chinese, plus the English overview."""
    out = tmp_path_factory.mktemp("reports")
    results = [
        render(out, real_db, notebook="01_overview", jobs=2),
        render(out, real_db, notebook="02", params={"region": "咸宁市"}, langs=["zh"], jobs=2),
        render(
            out,
            real_db,
            notebook="indicator_compare",
            params={"indicator": "nursing_bed_share"},
            langs=["zh"],
            jobs=2,
        ),
    ]
    assert all(not r.failed for r in results), [r.failed for r in results]
    return out


def append_cell(path: Path, source: str) -> None:
    """Add a code cell at the end of a copied notebook."""
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


def html_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.html") if "_executed" not in p.parts)


def test_reports_land_in_readable_paths(site):
    names = {p.relative_to(site).as_posix() for p in html_files(site)}
    assert names == {
        "index.html",
        "overview/zh.html",
        "overview/en.html",
        "region_profile/xianning-zh.html",
        "indicator_compare/nursing-bed-share-zh.html",
    }
    assert (site / "_executed" / "region_profile" / "xianning-zh.ipynb").is_file()


def test_index_links_resolve(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    links = re.findall(r"<a href=\"([^\"]+)\"", index)
    assert len(links) == 4
    for link in links:
        assert (site / link).is_file(), link
    assert "fingerprint" in index and "plancompare 0." in index


def test_no_external_script_or_link(site):
    for path in html_files(site):
        page = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link)\b[^>]*>", page):
            assert not re.search(r"(src|href)=\"(https?:)?//", tag), (path.name, tag)
    assert (site / "assets" / "plotly.min.js").stat().st_size > 1_000_000


def test_plotly_is_shipped_once_not_inlined(site):
    page = (site / "region_profile" / "xianning-zh.html").read_text(encoding="utf-8")
    assert '<script src="../assets/plotly.min.js"></script>' in page
    assert len(page) < 2_000_000


def test_code_is_hidden_and_title_set(site):
    page = (site / "region_profile" / "xianning-zh.html").read_text(encoding="utf-8")
    assert "import plancompare" not in page and 'class="jp-InputArea' not in page
    assert "<title>咸宁市 · 地区规划画像</title>" in page


def test_second_run_is_a_no_op(site, real_db):
    before = {p: p.stat().st_mtime_ns for p in html_files(site) if p.name != "index.html"}
    result = render(
        site, real_db, jobs=2, notebook="02", params={"region": "xianning"}, langs=["zh"]
    )
    assert [o.status for o in result.outcomes] == ["skipped"]
    assert before == {p: p.stat().st_mtime_ns for p in before}


def test_report_path_never_leaves_the_site():
    spec = find_notebook("02")
    report = Report(spec, {"region": "../../../etc/passwd", "lang": "zh"}, "x")
    assert report.path == "region_profile/etc-passwd-zh.html"
    assert ".." not in report.path


def test_failed_notebook_keeps_the_previous_report(real_db, tmp_path):
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


def test_cli_exit_codes(real_db, tmp_path, capsys):
    def render_cli(*args):
        code = cli.main(["render", "--db", str(real_db), "--out", str(tmp_path), *args])
        return code, capsys.readouterr().err

    code, err = render_cli("--notebook", "04_nothing")
    assert code == 2 and "valid choices: 01_overview" in err
    code, err = render_cli("--notebook", "02", "--param", "region=Atlantis")
    assert code == 2 and "unknown region 'Atlantis'" in err
    code, err = render_cli("--notebook", "01", "--param", "region=xianning")
    assert code == 2 and "unknown parameter 'region'" in err
    code, err = render_cli("--param", "region")
    assert code == 2 and "is not key=value" in err


def test_one_run_at_a_time(real_db, tmp_path, capsys):
    tmp_path.mkdir(exist_ok=True)
    with (tmp_path / LOCK_FILE).open("a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(LockedError, match="another render is running"):
            render(tmp_path, real_db, notebook="01", langs=["zh"])
        code = cli.main(
            ["render", "--db", str(real_db), "--out", str(tmp_path), "--notebook", "01"]
        )
        assert code == 75 and "try again" in capsys.readouterr().err


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


def test_a_reused_kernel_starts_each_report_clean(real_db, tmp_path, monkeypatch):
    # Workers keep their kernel across reports; nothing one notebook defines may reach the next.
    monkeypatch.setenv("PLANCOMPARE_DB", str(real_db))
    notebooks = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS, notebooks)
    for stem, source in (
        ("01_overview", "leaked_from_overview = 1"),
        ("02_region_profile", "assert 'leaked_from_overview' not in globals()"),
    ):
        append_cell(notebooks / f"{stem}.ipynb", source)
    worker = Worker(ipc_kernel_manager(tmp_path), notebooks)
    try:
        worker.render(Report(find_notebook("01"), {"lang": "zh"}, ""), tmp_path / "out")
        kernel = worker.kernel
        worker.render(
            Report(find_notebook("02"), {"region": "minqin", "lang": "zh"}, "民勤县"),
            tmp_path / "out",
        )
        assert worker.kernel is kernel  # reused, not restarted
        # A long cron run must not leak sockets per report (a kernel's clients are closed).
        open_fds = len(os.listdir("/proc/self/fd"))
        for region in ("dayao", "guizhou", "wuzhong"):
            worker.render(
                Report(find_notebook("02"), {"region": region, "lang": "en"}, region),
                tmp_path / "out",
            )
        assert len(os.listdir("/proc/self/fd")) <= open_fds + 2
    finally:
        worker.close()
    assert (tmp_path / "out" / "region_profile" / "minqin-zh.html").is_file()


def test_missing_kernel_is_one_clear_error(real_db, tmp_path, monkeypatch):
    monkeypatch.setattr("plancompare.render.KERNEL_NAME", "no-such-kernel")
    with pytest.raises(RenderError, match="'no-such-kernel' is not installed: run `make setup`"):
        render(tmp_path, real_db, notebook="01", langs=["zh"])
    assert not (tmp_path / "overview").exists()
