"""Files are written whole, through temporary files that name their writer, and a dead writer's
temporary files are swept by the next run."""

from __future__ import annotations

import os
import subprocess

import pytest
from plancompare.common.files import remove_dead_temp_files, staged, write_atomic


def test_write_atomic_goes_through_a_temporary_file_named_for_its_writer(tmp_path, monkeypatch):
    made = []
    real_replace = os.replace
    monkeypatch.setattr(os, "replace", lambda src, dst: (made.append(src), real_replace(src, dst)))
    write_atomic(tmp_path / "deep" / "page.html", "<p>whole</p>")
    assert (tmp_path / "deep" / "page.html").read_text() == "<p>whole</p>"
    assert os.path.basename(made[0]).startswith(f".page.html.{os.getpid()}.")
    assert oct((tmp_path / "deep" / "page.html").stat().st_mode & 0o777) == "0o644"
    assert list((tmp_path / "deep").iterdir()) == [tmp_path / "deep" / "page.html"]


def test_staged_files_appear_in_order_only_when_the_block_succeeds(tmp_path):
    first, second = tmp_path / "a.csv", tmp_path / "b.db"
    with pytest.raises(RuntimeError), staged([first, second]) as temporary:
        temporary[first].write_text("new a")
        raise RuntimeError("the build failed half-way")
    assert list(tmp_path.iterdir()) == []  # nothing renamed, nothing left behind
    with staged([first, second]) as temporary:
        temporary[first].write_text("a")
        temporary[second].write_text("b")
    assert first.read_text() == "a" and second.read_text() == "b"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.db"]


def test_only_a_dead_writers_temporary_files_are_swept(tmp_path):
    child = subprocess.Popen(["true"])
    child.wait()
    dead = tmp_path / "sub" / f".page.html.{child.pid}.ab12cd34.tmp"
    mine = tmp_path / f".page.html.{os.getpid()}.ab12cd34.tmp"
    other = tmp_path / ".notes.tmp"  # not named as a writer names it: never touched
    dead.parent.mkdir()
    for path in (dead, mine, other):
        path.write_text("half")
    assert remove_dead_temp_files(tmp_path) == [dead]
    assert not dead.exists() and mine.exists() and other.exists()
