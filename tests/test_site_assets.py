"""The site works offline and stays light: plotly.js and the stylesheet shipped once beside the
pages, nothing fetched elsewhere, nothing inlined into every page."""

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


def test_stylesheet_is_linked_once_not_inlined(site, site_pages):
    for path in site_pages:
        page = path.read_text(encoding="utf-8")
        up = "../" if path.parent != site else ""
        sheets = [t for t in re.findall(r"<link\b[^>]*>", page) if "stylesheet" in t]
        assert len(sheets) == 1 and f'href="{up}assets/plancompare.css"' in sheets[0], path.name
        assert "<style" not in page and "--jp-" not in page, path.name
    assert (site / "assets" / "plancompare.css").is_file()


def test_report_pages_weigh_at_most_150_kb(site, site_pages):
    for path in site_pages:
        if path.parent.name in ("region_profile", "indicator_compare"):
            assert path.stat().st_size <= 150_000, (path.name, path.stat().st_size)
