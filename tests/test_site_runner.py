"""Running notebooks into report pages: code hidden, kernels reused but clean, and a missing
kernel named before anything runs."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from plancompare.common import paths
from plancompare.site import runner
from plancompare.site.errors import RenderError
from plancompare.site.render import render
from plancompare.site.reports import Report, find_notebook
from plancompare.site.runner import EXECUTED_DIR, Worker, ipc_kernel_manager

NOTEBOOKS = paths.PROJECT_ROOT / "notebooks"


def test_code_is_hidden_and_title_set(site):
    page = (site / "region_profile" / "xianning-zh.html").read_text(encoding="utf-8")
    assert "import plancompare" not in page and 'class="jp-InputArea' not in page
    assert "<title>咸宁市 · 地区规划画像</title>" in page


@pytest.mark.slow
def test_a_reused_kernel_starts_each_report_clean(real_db, tmp_path, monkeypatch, append_cell):
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
    monkeypatch.setattr("plancompare.site.runner.KERNEL_NAME", "no-such-kernel")
    with pytest.raises(RenderError, match="'no-such-kernel' is not installed: run `make setup`"):
        render(tmp_path, real_db, notebook="01", langs=["zh"])
    assert not (tmp_path / "overview").exists()


@pytest.mark.slow
def test_executed_notebooks_are_kept_only_when_asked(real_db, tmp_path):
    kwargs = {"notebook": "01", "langs": ["zh"], "jobs": 1, "force": True}
    assert not render(tmp_path, real_db, **kwargs).failed
    assert not (tmp_path / EXECUTED_DIR).exists()
    assert not render(tmp_path, real_db, keep_executed=True, **kwargs).failed
    executed = json.loads((tmp_path / EXECUTED_DIR / "overview" / "zh.ipynb").read_text("utf-8"))
    assert any(cell.get("outputs") for cell in executed["cells"])


@pytest.mark.slow
def test_worker_processes_render_every_report(real_db, tmp_path):
    # More than one job: each worker is a process with its own kernel.
    result = render(tmp_path, real_db, notebook="02", params={"region": "dayao"}, jobs=2)
    assert [o.status for o in result.outcomes] == ["ok", "ok"]
    assert "大姚县" in (tmp_path / "region_profile" / "dayao-zh.html").read_text("utf-8")
    assert (tmp_path / "region_profile" / "dayao-en.html").is_file()


def test_a_kernel_that_never_answers_set_up_says_so_and_how_to_fix_it(tmp_path, monkeypatch):
    import queue

    class Silent:
        def execute(self, code, **kwargs):
            return "msg-1"

        def get_shell_msg(self, timeout):
            raise queue.Empty

    monkeypatch.setattr(runner, "SETUP_TIMEOUT", 0.01)
    worker = runner.Worker(runner.ipc_kernel_manager(tmp_path), tmp_path)
    worker.client = Silent()
    with pytest.raises(RuntimeError) as raised:
        worker._run_quietly("import gc\ngc.freeze()")
    message = str(raised.value)
    assert "'plancompare' kernel did not answer" in message and "(import gc)" in message
    assert message.endswith("make setup")


@pytest.mark.slow
def test_printed_text_keeps_its_place_among_displays(real_db, tmp_path, monkeypatch, append_cell):
    # The render's kernel skips flushes with nothing to send (site.streams); text printed
    # before and after a display must still come out around it, on either stream.
    monkeypatch.setenv("PLANCOMPARE_DB", str(real_db))
    notebooks = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS, notebooks)
    append_cell(
        notebooks / "01_overview.ipynb",
        "import sys\nfrom IPython.display import HTML\n"
        "print('before')\ndisplay(HTML('<b>shown</b>'))\n"
        "print('after', file=sys.stderr)\ndisplay(HTML('<i>last</i>'))",
    )
    worker = Worker(ipc_kernel_manager(tmp_path), notebooks)
    try:
        executed = worker.execute(Report(find_notebook("01"), {"lang": "zh"}, ""))
    finally:
        worker.close()
    outputs = executed.cells[-1].outputs
    assert [o.get("text") or o["data"]["text/html"] for o in outputs] == [
        "before\n",
        "<b>shown</b>",
        "after\n",
        "<i>last</i>",
    ]
