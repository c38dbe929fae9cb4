"""Which reports exist and where they land: stable, readable URLs that never leave the site."""

from __future__ import annotations

from plancompare.query import compared_indicators
from plancompare.site.reports import Report, find_notebook, plan
from plancompare.sitemap import report_path


def test_reports_land_in_readable_paths(site, site_pages):
    names = {p.relative_to(site).as_posix() for p in site_pages}
    # Indicators one plan states: a page each from a template, named like the others.
    from_template = {
        n for n in names if n.startswith("indicator_compare/") and "nursing-bed-share" not in n
    }
    assert from_template and all(
        n.isascii() and n.count("/") == 1 and n.endswith(("-zh.html", "-en.html"))
        for n in from_template
    )
    assert names - from_template == {
        "index.html",
        "index-en.html",
        "values/zh.html",
        "values/en.html",
        "overview/zh.html",
        "overview/en.html",
        "region_profile/xianning-zh.html",
        "region_profile/xianning-en.html",
        "indicator_compare/nursing-bed-share-zh.html",
        "indicator_compare/nursing-bed-share-en.html",
        "method/zh.html",
        "method/en.html",
        *(f"sources/{r}.html" for r in ("dayao", "guizhou", "minqin", "wuzhong", "xianning")),
    }
    assert not (site / "_executed").exists()  # executed notebooks only with --keep-executed


def test_report_path_never_leaves_the_site():
    spec = find_notebook("02")
    report = Report(spec, {"region": "../../../etc/passwd", "lang": "zh"}, "x")
    assert report.path == "region_profile/etc-passwd-zh.html"
    for subject in ("/etc/passwd", "..\\..\\boot.ini", "..", "C:\\x", "咸宁市/../.."):
        path = Report(spec, {"region": subject, "lang": "en"}, "x").path
        # One ASCII file name, directly in its report folder.
        assert path.startswith("region_profile/") and path.count("/") == 1, (subject, path)
        assert path.isascii() and path.endswith("-en.html") and "/." not in path, (subject, path)


def test_report_path_is_the_url_scheme_every_link_uses():
    assert report_path("overview", "", "en") == "overview/en.html"
    assert report_path("indicator_compare", "nursing_bed_share", "zh") == (
        "indicator_compare/nursing-bed-share-zh.html"
    )
    report = Report(find_notebook("02"), {"region": "xianning", "lang": "en"}, "Xianning City")
    assert report.path == "region_profile/xianning-en.html"


def test_comparison_pages_are_exactly_the_compared_indicators(con):
    planned = {r.params["indicator"] for r in plan(con, "03", langs=["zh"])}
    # Read from the curated statements themselves, not from compared_indicators, which plan uses.
    stated_twice = con.sql(
        "SELECT indicator_id FROM targets GROUP BY indicator_id"
        " HAVING count(DISTINCT region_id) >= 2"
    ).pl()["indicator_id"]
    headline = {"childcare_places_per_1k", "nursing_bed_share", "sports_area_per_capita"}
    assert planned == set(stated_twice) | headline
    assert planned == compared_indicators(con)


def test_counts_and_standards_two_plans_state_get_a_page_though_never_ranked(con):
    compared = compared_indicators(con)
    ranked = set(con.sql("SELECT indicator_id FROM comparable").pl()["indicator_id"])
    assert {"urban_new_jobs", "township_public_central_kindergarten"} <= compared - ranked
    # An indicator only one plan states has nothing to compare.
    assert "a_grade_scenic_spots" not in compared
