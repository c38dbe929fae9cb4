"""The no-op fast path: a render with nothing to do decides so from small files, without
loading the data or notebook stack, and still notices every change."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys

import pytest
from plancompare.common import paths
from plancompare.site.render import render
from plancompare.store.build import build

HEAVY = ("polars", "duckdb", "pyarrow", "pypinyin", "jupyter_client", "nbconvert", "papermill")


def _render_in_subprocess(site, db, *selection) -> tuple[str, list[str]]:
    code = (
        "import json, sys\n"
        "from plancompare.cli import main\n"
        f"code = main(['render', '--out', {str(site)!r}, '--db', {str(db)!r}, *{selection!r}])\n"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=600
    )
    summary, loaded = done.stdout.strip().splitlines()[-2:]
    return summary, json.loads(loaded)


def test_a_no_op_render_imports_no_data_or_notebook_library(site, real_db):
    summary, loaded = _render_in_subprocess(site, real_db, "--notebook", "01_overview")
    assert summary.startswith("rendered 0, unchanged 2, failed 0 of 2 reports")
    assert loaded == []


def test_changed_data_is_noticed(site, real_db, tmp_path):
    # Same data, but a database file the build stamp does not name: never trusted.
    db = tmp_path / "plans.duckdb"
    shutil.copyfile(real_db, db)
    summary, loaded = _render_in_subprocess(site, db, "--notebook", "01_overview")
    assert summary.startswith("rendered 0, unchanged 2")  # the slow path agrees: same data
    assert "duckdb" in loaded


def test_a_changed_notebook_renders_again(site, real_db, tmp_path, append_cell):
    notebooks = tmp_path / "notebooks"
    shutil.copytree(paths.PROJECT_ROOT / "notebooks", notebooks)
    kwargs = {"notebook": "01", "langs": ["en"], "jobs": 1, "notebooks_dir": notebooks}
    out = tmp_path / "reports"
    assert [o.status for o in render(out, real_db, **kwargs).outcomes] == ["ok"]
    assert [o.status for o in render(out, real_db, **kwargs).outcomes] == ["skipped"]
    append_cell(notebooks / "01_overview.ipynb", "print('changed')")
    assert [o.status for o in render(out, real_db, **kwargs).outcomes] == ["ok"]


def _cut_to_a_third(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def _same_size_other_bytes(path):
    path.write_bytes(b"x" * path.stat().st_size)


def _touched(path):
    # Its time changed, its bytes did not (a copy, a backup tool).
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))


@pytest.mark.slow
@pytest.mark.parametrize(
    "change, status",
    [
        (lambda path: path.unlink(), "ok"),
        (_cut_to_a_third, "ok"),
        (_same_size_other_bytes, "ok"),
        (_touched, "skipped"),  # read, found intact, kept
    ],
    ids=["deleted", "cut", "replaced", "touched"],
)
def test_a_damaged_page_renders_again_a_touched_one_does_not(real_db, tmp_path, change, status):
    kwargs = {"notebook": "01", "langs": ["zh"], "jobs": 1}
    out = tmp_path / "reports"
    assert not render(out, real_db, **kwargs).failed
    page = out / "overview" / "zh.html"
    whole = page.read_bytes()
    change(page)
    assert [o.status for o in render(out, real_db, **kwargs).outcomes] == [status]
    assert page.read_bytes() == whole
    assert [o.status for o in render(out, real_db, **kwargs).outcomes] == ["skipped"]


def test_a_damaged_site_page_is_written_again(site, real_db):
    # Past the no-op fast path: a plan-text page cut short since the last run.
    page = site / "sources" / "xianning.html"
    whole = page.read_bytes()
    _cut_to_a_third(page)
    render(site, real_db, notebook="01_overview")
    assert page.read_bytes() == whole


@pytest.mark.slow
def test_changed_data_renders_only_the_reports_that_read_it(copy_of_real_data, tmp_path):
    db, out = tmp_path / "plans.duckdb", tmp_path / "reports"
    build(copy_of_real_data, db)
    kwargs = {"notebook": "02", "langs": ["zh"], "jobs": 1}
    for region in ("xianning", "dayao"):
        assert not render(out, db, params={"region": region}, **kwargs).failed
    dayao = out / "region_profile" / "dayao-zh.html"
    written = dayao.stat().st_mtime_ns

    # One curator note of xianning changes: dayao's profile reads nothing of it.
    targets = copy_of_real_data / "targets" / "xianning.csv"
    with targets.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    next(r for r in rows if r["indicator_id"] == "childcare_places_per_1k")["notes"] += " (more)"
    with targets.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    build(copy_of_real_data, db)

    statuses = {
        region: [o.status for o in render(out, db, params={"region": region}, **kwargs).outcomes]
        for region in ("xianning", "dayao")
    }
    assert statuses == {"xianning": ["ok"], "dayao": ["skipped"]}
    assert dayao.stat().st_mtime_ns == written
    # The note itself stands beside its statement on the indicator's page.
    childcare = {"notebook": "03", "params": {"indicator": "childcare_places_per_1k"}}
    assert not render(out, db, langs=["zh"], jobs=1, **childcare).failed
    page = out / "indicator_compare" / "childcare-places-per-1k-zh.html"
    assert "(more)" in page.read_text("utf-8")
