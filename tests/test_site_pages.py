"""The index page: every report linked, and curated text shown as text, never as markup."""

from __future__ import annotations

import re

from plancompare.site.pages import index_html


def test_index_links_resolve(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    links = re.findall(r"<a href=\"([^\"]+)\"", index)
    site_links = ["method/zh.html", "method/en.html", "data/datapackage.json"]
    assert sorted(set(links) - set(site_links)) == sorted(
        ["overview/zh.html", "overview/en.html"]
        + ["region_profile/xianning-zh.html", "indicator_compare/nursing-bed-share-zh.html"]
    )
    assert set(site_links) <= set(links)
    for link in links:
        assert (site / link).is_file(), link
    assert "fingerprint" in index and "plancompare 0." in index


def test_index_escapes_hostile_titles_paths_and_errors(tmp_path):
    hostile_path = 'region_profile/x"onmouseover="alert(2)-zh.html'
    (tmp_path / hostile_path).parent.mkdir()
    (tmp_path / hostile_path).write_text("kept", encoding="utf-8")
    entry = {"kind": "region_profile", "lang": "zh", "params": {}, "key": "", "seconds": 0}
    state = {
        hostile_path: {**entry, "title": "<script>alert(1)</script>", "status": "ok", "error": ""},
        "region_profile/gone-zh.html": {
            **entry,
            "title": "gone",
            "status": "failed",
            "error": "<img src=x onerror=alert(3)>",
        },
    }
    info = {"built_at": "<b>now</b>", "fingerprint": "abc"}
    page = index_html(state, info, tmp_path)
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img" not in page and "&lt;img src=x onerror=alert(3)&gt;" in page
    assert '"onmouseover="' not in page
    assert "<b>now</b>" not in page
    assert "gone <code>region_profile/gone-zh.html</code>" in page
    assert "(no previous version)" in page
