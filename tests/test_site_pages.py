"""The landing pages: what the site holds in one sentence, headline numbers in the catalog
unit, every report and every stated indicator linked and searchable, failures marked, curated
text shown as text, and rewritten only when what they show changed."""

from __future__ import annotations

import re

import pytest
from plancompare.ingest.layout import HEADLINE_INDICATORS
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
        "outcomes": [],
        "stated": {"nursing_bed_share": 1},
        "summary": {
            "n_plans": 1,
            "n_targets": 1,
            "n_indicators": 1,
            "n_shared": 0,
            "n_conflicts": 0,
        },
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
        "unit": "%",
        "unit_in_source": "%",
    }


def _grid_cells(page: str) -> dict[str, list[str]]:
    """The landing page's headline grid: each region's cells (as HTML), by region id."""
    body = page.split("</thead>")[1].split("</table>")[0]
    return {
        re.search(r'href="sources/([^"]+)\.html"', row).group(1): re.findall(r"<td>(.*?)</td>", row)
        for row in body.split("<tr>")[1:]
        if "sources/" in row
    }


def test_index_links_resolve(site):
    for name, other in (("index.html", "index-en.html"), ("index-en.html", "index.html")):
        index = (site / name).read_text(encoding="utf-8")
        links = set(re.findall(r"<a [^>]*href=\"([^\"]+)\"", index))
        assert (
            other in links and f'hreflang="{"en" if other != "index.html" else "zh-CN"}"' in index
        )
        lang = "zh" if name == "index.html" else "en"
        reports = {str(p.relative_to(site)) for p in site.glob(f"*/*-{lang}.html")}
        assert reports <= links  # every report on disk in this language is listed
        assert {f"method/{lang}.html", "data/datapackage.json", f"values/{lang}.html"} <= links
        for link in links:
            if not link.startswith("http"):
                assert (site / link.split("#")[0]).is_file(), link
        # The build's fingerprint and version in the footer only, and no refresh or redirect.
        assert re.search(r"<footer[^>]*>.*plancompare 0\..*</footer>", index, re.S)
        assert "http-equiv" not in index and "location.replace" not in index


def test_every_stated_indicator_has_a_page_in_both_languages(site, con):
    """From the comparison notebook (a full render plans it) or, stated by one plan, from the
    template every render writes (the test site renders one notebook report of each kind)."""
    from plancompare import query
    from plancompare.site.reports import plan
    from plancompare.sitemap import report_path

    stated = {r[0] for r in con.sql("SELECT DISTINCT indicator_id FROM targets").fetchall()}
    planned = {r.path for r in plan(con)}
    for indicator_id in stated:
        for lang in ("zh", "en"):
            path = report_path("indicator_compare", indicator_id, lang)
            if indicator_id in query.compared_indicators(con):
                assert path in planned
            else:
                assert (site / path).is_file(), path


def test_opening_sentence_counts_what_the_site_holds(con, tmp_path):
    inputs = landing_inputs(con)
    n_targets = con.sql("SELECT count(*) FROM targets").fetchall()[0][0]
    page = index_html({}, {"built_at": "2026-12-07T05:59:39+00:00"}, inputs, tmp_path, "en")
    opening = re.search(r'<p class="opening">(.*?)</p>', page).group(1)
    assert f"the {n_targets} targets" in opening and "5 Chinese regions" in opening
    assert "Last updated 7 December 2026" in page and "05:59:39" not in page
    assert "2026年12月7日" in index_html({}, {"built_at": "2026-12-07"}, inputs, tmp_path, "zh")


def test_hand_made_inputs_are_shaped_like_the_real_ones(con):
    real, made = landing_inputs(con), _inputs([_statement("60%", 60.0)])
    assert real.keys() == made.keys()
    assert real["summary"].keys() == made["summary"].keys()
    assert real["others"] and made["others"] == []
    for part in ("indicators", "regions", "headline"):
        assert real[part][0].keys() == made[part][0].keys(), part


NOT_STATED = '<span class="not-stated" title="规划没有给出">—</span>'


def test_headline_grid_states_values_alike_in_the_catalog_unit(con, tmp_path):
    inputs = landing_inputs(con)
    # The headline view: one row per region and headline indicator, whether stated or not.
    cells = {(r["region_id"], r["indicator_id"]) for r in inputs["headline"]}
    assert len(cells) == len(inputs["headline"]) == 5 * 3
    conflict = (
        '&gt;2.6 平方米/人 <span class="conflict" title="同一规划的其他数值：'
        '2.5平方米（正文，第189行）">⚠</span>'
    )
    # Childcare places, nursing-bed share, sports ground area, as the curated plans state them,
    # each in the indicator's unit (60%以上 → ≥60%). Xianning's 60%以上 has other statements
    # too (60, 60%), but none conflicts: no flag.
    assert _grid_cells(index_html({}, {}, inputs, tmp_path)) == {
        "dayao": [NOT_STATED, NOT_STATED, "≥2 平方米/人"],
        "guizhou": [NOT_STATED, NOT_STATED, NOT_STATED],
        "minqin": ["1.8 个/千人", "≥55%", "2.8 平方米/人"],
        "wuzhong": [NOT_STATED, "60%", NOT_STATED],
        "xianning": ["4.5 个/千人", "≥60%", conflict],
    }


def test_headline_grid_has_a_national_row_with_grades(con, tmp_path):
    page = index_html({}, {}, landing_inputs(con), tmp_path, "en")
    national = page.split('<tr class="national">')[1].split("</tr>")[0]
    assert national.count("<td>") == 3  # one per headline indicator
    assert "2025 target: 55%" in national and "actual:" in national
    assert 'title="新华社, 2022-01-10"' in national  # its source one hover away


def test_headline_national_row_says_what_the_period_delivered(con, tmp_path):
    # The outcomes of data/raw/reference/national.csv against the national 2025 targets:
    # 人均体育场地面积 3.11 (2025) against 2.6平方米; 护理型床位占比 65.7% (2024) against 55%.
    words = {
        "en": ("Outcome: met", "Outcome: achieved early"),
        "zh": ("十四五成效: 已实现", "十四五成效: 提前实现"),
    }
    for lang, (met, early) in words.items():
        page = index_html({}, {}, landing_inputs(con), tmp_path, lang)
        national = page.split('<tr class="national">')[1].split("</tr>")[0]
        cells = dict(zip(HEADLINE_INDICATORS, national.split("<td>")[1:], strict=True))
        assert met in cells["sports_area_per_capita"]
        assert early in cells["nursing_bed_share"]


def test_each_landing_page_speaks_one_language(con, tmp_path):
    inputs = landing_inputs(con)
    en = index_html({}, {}, inputs, tmp_path, "en")
    zh = index_html({}, {}, inputs, tmp_path, "zh")
    assert "not stated in the plan" in en and "未说明" not in en and "全部指标" not in en
    assert "规划没有给出" in zh and "not stated" not in zh


@pytest.mark.parametrize(
    "name, typed",
    [
        ("咸宁市", {"咸宁市", "咸寧市", "xianningcity", "xianningshi", "xns"}),
        ("Share of nursing-type beds", {"shareofnursing-typebeds", "养老机构护理型床位占比"}),
    ],
)
def test_search_keys_cover_every_script_pinyin_and_english(tmp_path, name, typed):
    from plancompare.site.pages import _search_key

    key = set(_search_key(name, "咸宁市", "Xianning City", "养老机构护理型床位占比").split("|"))
    stripped = {t.replace("-", "") for t in typed}
    assert stripped <= key


def test_landing_page_is_rewritten_only_when_its_inputs_change(tmp_path):
    info = {"built_at": "2026-01-01", "fingerprint": "abc"}
    assert write_index(tmp_path, {}, info, _inputs(), "code1")
    assert (tmp_path / "index.html").is_file() and (tmp_path / "index-en.html").is_file()
    assert not write_index(tmp_path, {}, info, _inputs(), "code1")
    assert write_index(tmp_path, {}, info, _inputs([_statement("60%", 60.0)]), "code1")
    assert write_index(tmp_path, {}, info, _inputs([_statement("60%", 60.0)]), "code2")
    (tmp_path / "index-en.html").unlink()
    assert write_index(tmp_path, {}, info, _inputs([_statement("60%", 60.0)]), "code2")


def test_index_escapes_hostile_titles_paths_and_errors(tmp_path):
    hostile_path = 'region_profile/x"onmouseover="alert(2)-zh.html'
    (tmp_path / hostile_path).parent.mkdir()
    (tmp_path / hostile_path).write_text("kept", encoding="utf-8")
    entry = {"kind": "region_profile", "lang": "zh", "params": {}, "key": "", "seconds": 0}
    state = {
        hostile_path: {
            **entry,
            "title": "<script>alert(1)</script>",
            "status": "failed",
            "error": "",
        },
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
    assert "无上一版" in page


# --- in a real browser ---------------------------------------------------------------------


def _visible(page):
    return page.locator("li[data-search]:visible")


@pytest.mark.parametrize("landing", ["index.html", "index-en.html"])
def test_search_finds_any_indicator_or_region_by_part_of_any_name(tab, site, con, landing):
    """An indicator one plan states, found by a Chinese part-name and by English; only matches
    stay visible; Enter opens the first; nonsense suggests the nearest names."""
    t = tab()
    page = t.open(landing)
    everything = _visible(page).count()
    lang = "zh" if landing == "index.html" else "en"
    on_disk = len(list(site.glob(f"indicator_compare/*-{lang}.html")))
    assert everything == on_disk + 3  # indicators, the overview, the values grid, one region
    one_plan = con.sql(
        "SELECT name_zh, name_en FROM indicators WHERE indicator_id = 'a_grade_scenic_spots' "
        "AND (SELECT count(DISTINCT region_id) FROM targets "
        "     WHERE indicator_id = 'a_grade_scenic_spots') = 1"
    ).fetchall()[0]
    for query in ("A级景区", "scenic spots", "咸宁", "xian ning", "xns", "托育", "beds per 1000"):
        page.fill("#search", query)
        shown = _visible(page)
        assert shown.count() >= 1, query
        assert shown.count() < everything, query
    page.fill("#search", "A级景区")
    assert _visible(page).count() == 1
    assert page.locator("#search-none").is_hidden()
    page.fill("#search", "scenic spots")
    assert one_plan[lang == "en"] in _visible(page).first.inner_text()
    page.fill("#search", "zzqqxx上海")
    assert _visible(page).count() == 0
    assert page.locator("#search-none").is_visible()
    assert page.locator("#search-suggestions a").count() >= 3
    page.fill("#search", "A级景区")
    page.press("#search", "Enter")
    page.wait_for_url("**/indicator_compare/a-grade-scenic-spots-*.html")
    assert one_plan[0] in page.content()
    assert t.errors == [] and t.external == []


@pytest.mark.parametrize("landing", ["index.html", "index-en.html"])
def test_landing_page_does_not_scroll_sideways_on_a_phone(tab, landing):
    page = tab(390).open(landing)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
