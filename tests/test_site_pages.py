"""The landing page: headline numbers, every report linked and searchable by name, failures
marked, curated text shown as text, and rewritten only when what it shows changed."""

from __future__ import annotations

import re

from plancompare.site.pages import index_html, landing_inputs, write_index


def _inputs(headline=()):
    """Inputs shaped like landing_inputs' (test_hand_made_inputs_are_shaped_like_the_real_ones)."""
    return {
        "indicators": [
            {
                "indicator_id": "nursing_bed_share",
                "name_zh": "养老机构护理型床位占比",
                "name_en": "Share of nursing-type beds",
                "domain": "老有所养",
                "unit": "%",
            },
        ],
        "regions": [
            {
                "region_id": "xianning",
                "name_zh": "咸宁市",
                "name_en": "Xianning City",
                "level": "prefecture",
            },
        ],
        "headline": list(headline),
        "others": [],
        "national": [],
    }


def _statement(raw, value):
    """A row of the headline view: the effective statement of one region and indicator."""
    return {
        "region_id": "xianning",
        "indicator_id": "nursing_bed_share",
        "status": "stated",
        "target_raw": raw,
        "target_value": value,
        "target_year": 2025,
        "qualitative": None,
        "conflict": False,
    }


NOT_STATED = '<span class="not-stated">未说明 · not stated</span>'


def _grid_cells(page: str) -> dict[str, list[str]]:
    """The landing page's headline grid: each region's cells (as HTML), by region id."""
    body = page.split("</thead>")[1].split("</table>")[0]
    return {
        re.search(r'href="sources/([^"]+)\.html"', row).group(1): re.findall(r"<td>(.*?)</td>", row)
        for row in body.split("<tr>")[1:]
    }


def test_index_links_resolve(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    links = set(re.findall(r"<a [^>]*href=\"([^\"]+)\"", index))
    reports = {str(p.relative_to(site)) for p in site.glob("*/*.html")}
    assert reports <= links  # every report on disk is listed
    assert {"method/zh.html", "method/en.html", "data/datapackage.json"} <= links
    for link in links:
        assert (site / link).is_file(), link
    assert "fingerprint" in index and "plancompare 0." in index


def test_hand_made_inputs_are_shaped_like_the_real_ones(con):
    real, made = landing_inputs(con), _inputs([_statement("60%", 60.0)])
    assert real.keys() == made.keys()
    assert real["others"] and made["others"] == []
    for part in ("indicators", "regions", "headline"):
        assert real[part][0].keys() == made[part][0].keys(), part


def test_headline_grid_states_values_silence_and_conflicts(con, tmp_path):
    inputs = landing_inputs(con)
    # The headline view: one row per region and headline indicator, whether stated or not.
    cells = {(r["region_id"], r["indicator_id"]) for r in inputs["headline"]}
    assert len(cells) == len(inputs["headline"]) == 5 * 3
    conflict = (
        '&gt;2.6 <span class="conflict" title="两个不同的值：2.5平方米（正文，第189行） · '
        'two different values: 2.5平方米 in prose, line 189">⚠ 冲突 · conflict</span>'
    )
    # Childcare places, nursing-bed share, sports ground area, as the curated plans state them.
    # Xianning's 60%以上 has other statements too (60, 60%), but none conflicts: no flag.
    assert _grid_cells(index_html({}, {}, inputs, tmp_path)) == {
        "dayao": [NOT_STATED, NOT_STATED, "2平方米以上"],
        "guizhou": [NOT_STATED, NOT_STATED, NOT_STATED],
        "minqin": ["1.8", "≥55%", "2.8"],
        "wuzhong": [NOT_STATED, "60%", NOT_STATED],
        "xianning": ["4.5", "60%以上", conflict],
    }


def test_search_keys_cover_every_script_and_pinyin(tmp_path):
    path = "region_profile/xianning-zh.html"
    (tmp_path / path).parent.mkdir()
    (tmp_path / path).write_text("page", encoding="utf-8")
    state = {
        path: {
            "kind": "region_profile",
            "lang": "zh",
            "params": {"region": "xianning"},
            "title": "咸宁市 · 地区规划画像",
            "status": "ok",
            "error": "",
        }
    }
    page = index_html(state, {}, _inputs(), tmp_path)
    key = re.search(r'data-search="([^"]+)"', page).group(1).split("|")
    assert {"咸宁市", "咸寧市", "xianningcity", "xianningshi", "xns"} <= set(key)


def test_landing_page_is_rewritten_only_when_its_inputs_change(tmp_path):
    info = {"built_at": "2026-01-01", "fingerprint": "abc"}
    assert write_index(tmp_path, {}, info, _inputs(), "code1")
    assert not write_index(tmp_path, {}, info, _inputs(), "code1")
    assert write_index(tmp_path, {}, info, _inputs([_statement("60%", 60.0)]), "code1")
    assert write_index(tmp_path, {}, info, _inputs([_statement("60%", 60.0)]), "code2")
    (tmp_path / "index.html").unlink()
    assert write_index(tmp_path, {}, info, _inputs([_statement("60%", 60.0)]), "code2")


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
    page = index_html(state, info, _inputs(), tmp_path)
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img" not in page and "&lt;img src=x onerror=alert(3)&gt;" in page
    assert '"onmouseover="' not in page
    assert "<b>now</b>" not in page
    assert "gone <code>region_profile/gone-zh.html</code>" in page
    assert "(no previous version)" in page


# --- in a real browser ---------------------------------------------------------------------


def _visible_reports(page):
    return page.locator("li[data-search]:visible")


def test_search_narrows_the_list_in_any_script(tab):
    t = tab()
    page = t.open("index.html")
    everything = _visible_reports(page).count()
    assert everything >= 3
    for query, expected in (
        ("咸宁", "咸宁市"),
        ("上海", None),  # no such report: nothing left
        ("護理型床位", "养老机构护理型床位占比"),
        ("Nursing-type", "养老机构护理型床位占比"),
        ("xian ning", "咸宁市"),
    ):
        page.fill("#search", query)
        shown = _visible_reports(page)
        if expected is None:
            assert shown.count() == 0, query
        else:
            assert shown.count() == 1 and expected in shown.first.inner_text(), query
    page.fill("#search", "")
    assert _visible_reports(page).count() == everything
    assert t.errors == [] and t.external == []


def test_landing_page_does_not_scroll_sideways_on_a_phone(tab):
    page = tab(390).open("index.html")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_headline_grid_shows_the_national_target_and_latest_actual(con, tmp_path):
    page = index_html({}, {}, landing_inputs(con), tmp_path)
    head = page.split("<thead>")[1].split("</thead>")[0]
    national = re.findall(r'<span class="national">(.*?)</span></th>', head, re.S)
    assert len(national) == 3  # one per headline indicator column
    nursing = next(n for n in national if "55%" in n)
    assert "2025年目标 target 55%" in nursing and "年实际 actual" in nursing
    assert "C：转载 · repost" in nursing  # a C-grade figure says it was read on a repost
    assert 'title="新华社, 2022-01-10"' in nursing  # its source one hover away


def test_headline_grid_flags_a_conflict_the_comparison_model_found(con, tmp_path):
    page = index_html({}, {}, landing_inputs(con), tmp_path)
    body = page.split("</thead>")[1].split("</table>")[0]
    xianning = next(row for row in body.split("<tr>") if "Xianning City" in row)
    # sports ground area: >2.6 in the table, 2.5 in prose; the other value is named on hover.
    assert "&gt;2.6" in xianning and "⚠ 冲突 · conflict" in xianning
    assert "2.5平方米（正文，第189行）" in xianning and "2.5平方米 in prose, line 189" in xianning
