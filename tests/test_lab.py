"""JupyterLab as an analyst uses it: `make lab` starts (as root too), a notebook runs in a real
browser and draws its figure, and saving it with its outputs leaves git with nothing to store.

Runs on a clone of the repository, so the real checkout is never touched."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.request

import pytest
from plancompare.common import paths
from test_repo import assert_git_stores_no_outputs

pytestmark = pytest.mark.lab

LAB_VENV = paths.PROJECT_ROOT / ".venv-lab"
NOTEBOOK = "02_region_profile.ipynb"
# `make lab` in the clone must not rebuild what the clone borrows from this checkout.
ALREADY_BUILT = ["-o", ".venv/.installed", "-o", ".venv-lab/.installed"]
ALREADY_BUILT += ["-o", "data/processed/plans.duckdb"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, log_path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"make lab exited {process.returncode}:\n{log_path.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"JupyterLab did not answer at {url}:\n{log_path.read_text()[-3000:]}")


@pytest.fixture
def lab(repo_clone, real_db, tmp_path):
    """`make lab` headless in the clone; yields (clone, base URL, token)."""
    if not (LAB_VENV / ".installed").exists():
        if os.environ.get("CI") == "true":
            pytest.fail(".venv-lab is missing in CI: `make test` builds it when CI=true")
        pytest.skip(".venv-lab not built (make lab-setup)")
    (repo_clone / ".venv-lab").symlink_to(LAB_VENV)
    port, token = free_port(), secrets.token_hex(16)
    lab_args = (
        f"--no-browser --port={port} --IdentityProvider.token={token} "
        "--LabApp.expose_app_in_browser=True"
    )
    log_path = tmp_path / "lab.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            ["make", "lab", *ALREADY_BUILT, f"LAB_ARGS={lab_args}"],
            cwd=repo_clone,
            env={**os.environ, "PLANCOMPARE_DB": str(real_db)},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/api/status?token={token}", process, log_path)
        yield repo_clone, base, token
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


KERNEL_IDLE = """() => {
  const widget = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const kernel = widget && widget.sessionContext && widget.sessionContext.session
    && widget.sessionContext.session.kernel;
  return kernel && kernel.status === 'idle';
}"""
STILL_RUNNING = """() => ![...document.querySelectorAll('.jp-InputArea-prompt')]
  .some(prompt => prompt.textContent.includes('*'))"""


def test_a_notebook_runs_draws_and_saves_without_reaching_git(lab, browser):
    clone, base, token = lab
    path = clone / "notebooks" / NOTEBOOK
    committed_size = path.stat().st_size
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    tab = context.new_page()
    tab.goto(f"{base}/lab/tree/{NOTEBOOK}?token={token}")
    tab.wait_for_function(KERNEL_IDLE, timeout=90_000)
    tab.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    # The region profile's plotly figure, drawn by plotly.js in the page.
    tab.wait_for_selector(".jp-OutputArea .js-plotly-plot .main-svg", timeout=90_000)
    tab.wait_for_function(STILL_RUNNING, timeout=90_000)
    assert tab.locator(".jp-OutputArea-output[data-mime-type*='error']").count() == 0
    assert "咸宁市" in "".join(tab.locator(".jp-OutputArea-output").all_text_contents())

    tab.evaluate("window.jupyterapp.commands.execute('docmanager:save')")
    deadline = time.monotonic() + 30
    while path.stat().st_size <= committed_size and time.monotonic() < deadline:
        time.sleep(0.2)
    assert path.stat().st_size > committed_size, "the outputs were not saved"
    context.close()
    assert_git_stores_no_outputs(clone)


def test_make_lab_allows_root_only_as_root():
    dry_run = subprocess.run(
        ["make", "-n", "lab", *ALREADY_BUILT, "LAB_ARGS=--port 8899"],
        cwd=paths.PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "jupyter lab notebooks/" in dry_run and "--port 8899" in dry_run
    assert ("--allow-root" in dry_run) == (os.geteuid() == 0)
