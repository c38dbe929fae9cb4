"""The values grid and the pages of indicators one plan states, written from templates."""

from __future__ import annotations

import csv
import io
import re

from plancompare import query
from plancompare.common import paths


def test_values_grid_lists_every_shared_rate_indicator_coloured_against_the_nation(
    tmp_path, write_extras, con
):
    out = tmp_path / "reports"
    write_extras(paths.PROJECT_ROOT / "data" / "raw", out)
    comparable = query.comparable(con)
    for lang in ("zh", "en"):
        page = (out / "values" / f"{lang}.html").read_text(encoding="utf-8")
        body = page.split("<tbody>")[1].split("</tbody>")[0]
        assert body.count("<tr>") == comparable.height
        assert 'class="vs-above"' in body and 'class="vs-below"' in body
        assert (
            page.count('data-sort="number"') >= 5
            and 'class="plancompare-table values sortable"' in page
        )
    en = (out / "values" / "en.html").read_text(encoding="utf-8")
    # The national target in words is translated, its original beside it.
    assert "everyone eligible covered (应保尽保)" in en
    rows = list(csv.DictReader(io.StringIO((out / "values" / "values.csv").read_text("utf-8-sig"))))
    assert {r["indicator_id"] for r in rows} == set(comparable["indicator_id"])
    assert all(r["quote"] and r["line"] and r["source"] for r in rows)


def test_an_indicator_one_plan_states_has_a_page_with_its_statement_and_silent_regions(
    tmp_path, write_extras
):
    out = tmp_path / "reports"
    write_extras(paths.PROJECT_ROOT / "data" / "raw", out)
    page = (out / "indicator_compare" / "a-grade-scenic-spots-en.html").read_text("utf-8")
    assert "Stated by 1 plan(s)." in page and "Not stated by" in page
    assert re.search(r'<a href="\.\./sources/xianning\.html#L\d+">', page)
    assert 'hreflang="zh"' in page and "a-grade-scenic-spots-zh.html" in page
    text = (
        out
        / "indicator_compare"
        / "a-grade-scenic-spots-en"
        / "a_grade_scenic_spots-statements.csv"
    )
    rows = list(csv.DictReader(io.StringIO(text.read_text("utf-8-sig"))))
    assert len(rows) == 1 and rows[0]["region_id"] == "xianning" and rows[0]["quote"]
