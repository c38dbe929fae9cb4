"""Digests change exactly when their inputs do."""

from __future__ import annotations

from conftest import in_another_process
from plancompare.common.digest import file_sha256, tree_sha256, values_sha256


def test_values_digest_hashes_bytes_and_values():
    assert values_sha256("a", b"text") != values_sha256("a", b"text!")
    assert values_sha256({"x": 1, "y": 2}) == values_sha256({"y": 2, "x": 1})
    assert values_sha256({"x": 1}) != values_sha256({"x": 2})
    assert values_sha256("a", "b") != values_sha256("ab")


def test_tree_digest_sees_a_change_a_rename_and_only_the_kinds_asked_for(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.csv").write_text("x")
    before = tree_sha256(tmp_path, {".csv"})
    (tmp_path / "README.md").write_text("docs")
    assert tree_sha256(tmp_path, {".csv"}) == before
    (tmp_path / "sub" / "a.csv").rename(tmp_path / "sub" / "b.csv")
    assert tree_sha256(tmp_path, {".csv"}) != before
    (tmp_path / "sub" / "b.csv").rename(tmp_path / "sub" / "a.csv")
    assert tree_sha256(tmp_path, {".csv"}) == before
    assert tree_sha256(tmp_path, {".csv"}, salt="0.2.0") != before
    (tmp_path / "sub" / "a.csv").write_text("y")
    assert tree_sha256(tmp_path, {".csv"}) != before


def test_file_digest_is_sha256sum(tmp_path):
    (tmp_path / "f.txt").write_bytes(b"abc")
    expected = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert file_sha256(tmp_path / "f.txt") == expected


def test_values_digest_is_the_same_in_the_next_run_whatever_the_order_of_a_dicts_keys():
    # The next render is another process: if its keys differ, every page is rewritten.
    code = "from plancompare.common.digest import values_sha256\n"
    code += "print(values_sha256('a', b'text', {'x': 1, 'y': [2, 3]}))"
    next_run = in_another_process(code)
    assert next_run.strip() == values_sha256("a", b"text", {"y": [2, 3], "x": 1})
