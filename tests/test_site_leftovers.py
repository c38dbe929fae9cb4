"""What a killed render left behind is removed by the next run, and only if its owner is dead."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from plancompare.site.leftovers import (
    KERNEL_DIR_PREFIX,
    kernel_root,
    make_kernel_dir,
    remove_dead_leftovers,
)


def _dead_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def _leftovers(reports_dir, temp_dir, pid):
    """A temporary file and a kernel folder named as the run with `pid` names them."""
    tmp_file = reports_dir / "overview" / f".zh.html.{pid}.k3x_9abz.tmp"
    tmp_file.parent.mkdir(parents=True, exist_ok=True)
    tmp_file.write_text("half a page")
    kernel_dir = temp_dir / f"{KERNEL_DIR_PREFIX}{pid}-abc123"
    kernel_dir.mkdir()
    (kernel_dir / "kernel-0123456789ab.json").write_text("{}")
    return tmp_file, kernel_dir


def test_a_dead_runs_leftovers_are_removed_a_live_runs_kept(tmp_path):
    reports, temp = tmp_path / "reports", tmp_path / "tmp"
    temp.mkdir()
    dead = _leftovers(reports, temp, _dead_pid())
    with subprocess.Popen(["sleep", "60"]) as live_run:
        try:
            live = _leftovers(reports, temp, live_run.pid)
            removed = remove_dead_leftovers(reports, temp)
        finally:
            live_run.kill()
    assert sorted(removed) == sorted(dead)
    assert not any(p.exists() for p in dead)
    assert all(p.exists() for p in live)


def test_kernel_folders_leave_room_for_socket_paths(tmp_path, monkeypatch):
    # A unix socket path must stay under 108 bytes: a long TMPDIR would break every kernel.
    long_temp = tmp_path / ("t" * 80)
    long_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(long_temp))
    folder = make_kernel_dir()
    try:
        assert folder.parent == Path("/tmp")
        socket = folder / "kernel-0123456789ab-shell"  # as ipc_kernel_manager names them
        assert len(str(socket).encode()) < 108
    finally:
        folder.rmdir()
    assert kernel_root() == Path("/tmp")
