"""The site's own pages are rewritten only when their inputs change or a file is missing."""

from __future__ import annotations

import os
import subprocess
import sys

from plancompare.site.extras import PAGES_STATE_FILE, SitePage, input_key, write_pages


def _page(key: str, calls: list) -> SitePage:
    def write(out):
        calls.append(key)
        (out / "p.html").write_text(key, encoding="utf-8")

    return SitePage("p.html", ("p.html",), key, write)


def test_a_page_is_written_again_only_when_its_key_changes_or_its_file_is_gone(tmp_path):
    calls = []
    assert write_pages(tmp_path, [_page("k1", calls)]) == ["p.html"]
    assert write_pages(tmp_path, [_page("k1", calls)]) == []
    assert write_pages(tmp_path, [_page("k2", calls)]) == ["p.html"]
    (tmp_path / "p.html").unlink()
    assert write_pages(tmp_path, [_page("k2", calls)]) == ["p.html"]
    assert write_pages(tmp_path, [_page("k2", calls)], force=True) == ["p.html"]
    assert calls == ["k1", "k2", "k2", "k2"]
    assert (tmp_path / PAGES_STATE_FILE).is_file()


def test_input_key_hashes_bytes_and_values():
    assert input_key("a", b"text") != input_key("a", b"text!")
    assert input_key({"x": 1}) != input_key({"x": 2})


def test_input_key_is_the_same_in_the_next_run_whatever_the_order_of_a_dicts_keys():
    # The next render is another process: if its key differs, every page is rewritten.
    code = "from plancompare.site.extras import input_key\n"
    code += "print(input_key('a', b'text', {'x': 1, 'y': [2, 3]}))"
    seed = "2" if os.environ.get("PYTHONHASHSEED") == "1" else "1"
    next_run = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONHASHSEED": seed},
        capture_output=True,
        text=True,
        check=True,
    )
    assert next_run.stdout.strip() == input_key("a", b"text", {"y": [2, 3], "x": 1})
