"""Which reports exist and where they land: stable, readable URLs that never leave the site."""

from __future__ import annotations

from plancompare.site.reports import Report, find_notebook


def test_reports_land_in_readable_paths(site, site_pages):
    names = {p.relative_to(site).as_posix() for p in site_pages}
    assert names == {
        "index.html",
        "overview/zh.html",
        "overview/en.html",
        "region_profile/xianning-zh.html",
        "indicator_compare/nursing-bed-share-zh.html",
        "method/zh.html",
        "method/en.html",
        *(f"sources/{r}.html" for r in ("dayao", "guizhou", "minqin", "wuzhong", "xianning")),
    }
    assert (site / "_executed" / "region_profile" / "xianning-zh.ipynb").is_file()


def test_report_path_never_leaves_the_site():
    spec = find_notebook("02")
    report = Report(spec, {"region": "../../../etc/passwd", "lang": "zh"}, "x")
    assert report.path == "region_profile/etc-passwd-zh.html"
    assert ".." not in report.path
