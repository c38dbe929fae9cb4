"""The site's own pages are rewritten only when their inputs change or a file is missing or
damaged."""

from __future__ import annotations

from plancompare.site.extras import PAGES_STATE_FILE, SitePage, write_pages


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
    (tmp_path / "p.html").write_text("k", encoding="utf-8")  # cut short after it was written
    assert write_pages(tmp_path, [_page("k2", calls)]) == ["p.html"]
    assert write_pages(tmp_path, [_page("k2", calls)], force=True) == ["p.html"]
    assert calls == ["k1", "k2", "k2", "k2", "k2"]
    assert (tmp_path / ".plancompare" / PAGES_STATE_FILE).is_file()
