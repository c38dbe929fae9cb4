"""The site works offline: plotly.js shipped once beside the pages, nothing fetched elsewhere."""

from __future__ import annotations

import re


def test_no_external_script_or_link(site, site_pages):
    for path in site_pages:
        page = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link)\b[^>]*>", page):
            assert not re.search(r"(src|href)=\"(https?:)?//", tag), (path.name, tag)
    assert (site / "assets" / "plotly.min.js").stat().st_size > 1_000_000


def test_plotly_is_shipped_once_not_inlined(site):
    page = (site / "region_profile" / "xianning-zh.html").read_text(encoding="utf-8")
    assert '<script src="../assets/plotly.min.js"></script>' in page
    assert len(page) < 2_000_000
