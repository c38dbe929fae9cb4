"""Incremental rendering: a report whose inputs did not change is not rendered again."""

from __future__ import annotations

from plancompare.site.render import render


def test_second_run_is_a_no_op(site, site_pages, real_db):
    before = {p: p.stat().st_mtime_ns for p in site_pages if p.name != "index.html"}
    result = render(
        site, real_db, jobs=2, notebook="02", params={"region": "xianning"}, langs=["zh"]
    )
    assert [o.status for o in result.outcomes] == ["skipped"]
    assert before == {p: p.stat().st_mtime_ns for p in before}
