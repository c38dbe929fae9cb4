"""Report tables: unit conversions stated as the build applied them, text escaped."""

import re

import polars as pl
import pytest
from plancompare import i18n, query, tables
from plancompare.ingest import layout


def test_conversion_names_the_unit_the_number_was_read_in():
    frame = pl.DataFrame(
        {
            "target_raw": ["0.4万户", "22", "95%", None],
            "unit_in_source": ["户", "人/万人", "%", None],
            "unit": ["户", "人/千人", "%", "%"],
        }
    )
    assert tables.with_conversion(frame)["conversion"].to_list() == [
        "万户 → 户 ×10000",
        "人/万人 → 人/千人 ×0.1",
        "",
        "",
    ]


def test_conversion_matches_the_built_values(con):
    frame = tables.with_conversion(
        con.sql(
            "SELECT target_raw, unit_in_source, unit, target_value_in_source, target_value "
            "FROM targets WHERE target_value IS NOT NULL AND target_value_in_source <> 0"
        ).pl()
    )
    stated = frame.filter(pl.col("conversion") != "")
    assert stated.height > 0
    for row in stated.iter_rows(named=True):
        factor = float(row["conversion"].rsplit("×", 1)[1])
        assert row["target_value"] == pytest.approx(row["target_value_in_source"] * factor), row
    for row in frame.filter(pl.col("conversion") == "").iter_rows(named=True):
        assert row["target_value"] == row["target_value_in_source"], row


def test_table_escapes_curated_text_and_stops_at_max_rows():
    frame = pl.DataFrame({"quote": ["<script>x</script>"] * 3})
    page = tables.table(frame, {"quote": "quote"}, "en", max_rows=2).data
    assert "<script>x" not in page and "&lt;script&gt;x&lt;/script&gt;" in page
    assert page.count("<tr>") == 1 + 2 + 1 and "1 more rows not shown" in page


def test_curator_notes_are_labelled_english_and_folded_on_a_chinese_page():
    frame = pl.DataFrame({"notes": ["Realigned by meaning.", ""]})
    zh = tables.table(frame, {"notes": "notes"}, "zh").data
    en = tables.table(frame, {"notes": "notes"}, "en").data
    assert "整理者说明（英文）" in zh and "Curator&#x27;s note (in English)" in en
    assert (
        '<details class="note"><summary>展开英文说明</summary>Realigned by meaning.</details>' in zh
    )
    assert zh.count("<details") == 1  # an empty note is not folded
    assert "<details" not in en and "<td>Realigned by meaning.</td>" in en
    assert "原文照录" not in zh and "in Chinese" not in en


def test_enums_statuses_and_domains_show_in_the_report_language():
    frame = pl.DataFrame(
        {
            "kind": ["prose"],
            "attribute": ["约束性"],
            "direction": ["higher_is_better"],
            "status": ["not stated"],
            "domain": ["老有所养"],
        }
    )
    columns = {c: c for c in frame.columns}
    english = tables.table(frame, columns, "en").data
    for shown in ("text", "binding", "higher is better", "not stated", "Elderly care"):
        assert f">{shown}</td>" in english, shown
    for raw in ("prose", "约束性", "higher_is_better", "老有所养"):
        assert raw not in english, raw
    chinese = tables.table(frame, columns, "zh").data
    for shown in ("正文", "约束性", "越高越好", "未说明", "老有所养"):
        assert f">{shown}</td>" in chinese, shown


def test_numbers_are_plain_never_scientific():
    frame = pl.DataFrame({"target_value": [125000.0, 0.1 + 0.2, 2.35]})
    page = tables.table(frame, {"target_value": "value"}, "en").data
    assert not re.search(r"\de[+-]\d", page)
    assert ">125,000</td>" in page and ">0.3</td>" in page and ">2.35</td>" in page


def test_rows_link_to_reports_that_exist():
    frame = pl.DataFrame(
        {
            "region_id": ["xianning", "dayao"],
            "region": ["Xianning City", "Dayao County"],
            "indicator_id": ["shared", "only_here"],
            "indicator": ["Shared one", "Only here"],
        }
    )
    page = tables.table(
        frame,
        {"region": "region", "indicator": "indicator"},
        "en",
        link=("region", "indicator"),
        compared={"shared"},
    ).data
    assert '<a href="../region_profile/xianning-en.html">Xianning City</a>' in page
    assert '<a href="../region_profile/dayao-en.html">Dayao County</a>' in page
    assert '<a href="../indicator_compare/shared-en.html">Shared one</a>' in page
    assert ">Only here</td>" in page  # no comparison page: plain text, not a dead link


def test_a_long_issuer_list_is_shortened_with_the_full_text_one_click_away():
    issuers = "、".join(f"第{n}厅" for n in range(1, 23))
    about = {"issuer": issuers, "issued_on": "2022-12-15"}
    profile = pl.DataFrame({"kind": ["table", "prose", "prose"]})
    page = tables.plan_summary(about, profile, "en").data
    summary, details = page.split("<details", 1)
    assert "第1厅、第2厅 and 20 more" in summary and "第3厅" not in summary
    assert issuers in details
    assert "3 targets, 1 from tables and 2 from the text" in summary
    short = tables.plan_summary({**about, "issuer": "某县发展改革局"}, profile, "zh").data
    assert "<details" not in short and "某县发展改革局" in short


def test_coverage_is_grouped_by_domain_with_shared_indicators_first(con):
    from plancompare import query

    page = tables.coverage_table(query.coverage(con), "en").data
    headings = re.findall(r"<h3>([^<]+)</h3>", page)
    expected = [i18n.DOMAIN_NAMES_EN[d] for d in layout.DOMAINS]
    assert headings == [d for d in expected if d in headings] and len(headings) >= 5
    for section in page.split("<h3>")[1:]:
        stated = [
            row.count("cov-numeric") + row.count("cov-qualitative")
            for row in section.split("<tbody>")[1].split("</tr>")[:-1]
        ]
        assert stated == sorted(stated, reverse=True)


def test_a_profile_lists_each_domains_statements_under_its_heading_in_plan_order(con):
    profile = query.profile("xianning", con=con)
    page = tables.by_domain(profile, {"indicator_id": "indicator", "line": "line"}, "zh").data
    domains = list(dict.fromkeys(profile["domain"]))
    sections = page.split("<h3>")[1:]
    assert [s.split("</h3>")[0] for s in sections] == [i18n.domain_name(d, "zh") for d in domains]
    for domain, section in zip(domains, sections, strict=True):
        lines = [int(x) for x in re.findall(r'#L(\d+)"', section)]
        assert lines == profile.filter(pl.col("domain") == domain)["line"].to_list()


def test_catalog_units_show_in_the_report_language():
    frame = pl.DataFrame({"unit": ["平方米/人", "%"], "unit_in_source": ["平方米", "%"]})
    columns = {"unit": "unit", "unit_in_source": "unit_in_source"}
    english = tables.table(frame, columns, "en").data
    assert ">m² per person</td>" in english and ">平方米</td>" in english  # source unit as written
    assert ">平方米/人</td>" in tables.table(frame, columns, "zh").data


def test_the_quote_links_to_the_line_of_its_plan_or_else_the_line_does():
    frame = pl.DataFrame(
        {"region_id": ["xianning", "dayao"], "line": [101, None], "quote": ["<b>≥55%</b>", "q"]}
    )
    page = tables.table(frame, {"line": "line", "quote": "quote"}, "zh").data
    assert '<td><a href="../sources/xianning.html#L101">&lt;b&gt;≥55%' in page
    assert page.count("../sources/xianning.html#L101") == 1  # one link a row
    assert "dayao.html" not in page  # no line: nothing to link to
    no_quote = tables.table(frame, {"line": "line"}, "en").data
    assert '<td><a href="../sources/xianning.html#L101">101</a>' in no_quote
    plain = tables.table(frame.drop("region_id"), {"quote": "quote"}, "zh").data
    assert "<a " not in plain


def _downloaded(link: str) -> tuple[str, list[dict]]:
    import base64
    import csv
    import io
    import re

    name, data = re.search(r'download="([^"]+)" href="data:text/csv;[^,]*,([^"]+)"', link).groups()
    text = base64.b64decode(data).decode("utf-8-sig")
    return name, list(csv.DictReader(io.StringIO(text)))


def test_download_holds_every_row_and_column_even_past_the_table():
    frame = pl.DataFrame(
        {
            "region_id": ["a", "b", "c"],
            "quote": ["达到55%以上，", 'say "x"', None],
            "other_statements": [["1", "2"], [], None],
        }
    )
    name, rows = _downloaded(tables.download(frame, "rows", "zh").data)
    assert name == "rows.csv"
    assert [r["region_id"] for r in rows] == ["a", "b", "c"]
    assert rows[0]["quote"] == "达到55%以上，" and rows[1]["quote"] == 'say "x"'
    assert rows[0]["other_statements"] == "1; 2" and rows[2]["quote"] == ""


def test_download_label_names_the_row_count_in_the_report_language():
    frame = pl.DataFrame({"x": [1, 2]})
    assert "下载数据（CSV，2行）" in tables.download(frame, "x", "zh").data
    assert "Download the data (CSV, 2 rows)" in tables.download(frame, "x", "en").data
    with pytest.raises(ValueError):
        tables.download(frame, "x", "fr")


def test_a_reports_csv_link_downloads_the_rows_behind_its_table(browser, server, con):
    import csv
    import io

    tab = browser.new_page()
    errors = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(f"{server}/indicator_compare/nursing-bed-share-zh.html", wait_until="load")
    links = tab.locator('p.plancompare-download a[download="nursing_bed_share-regions.csv"]')
    assert links.count() == 1
    with tab.expect_download() as download:
        links.first.click()
    text = download.value.path().read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert not [c for c in rows[0] if c.endswith("_1")]  # no join artefacts (hedge_1)
    assert len(rows) == con.sql("SELECT count(*) FROM regions").fetchall()[0][0]
    stated = [r for r in rows if r["target_raw"]]
    assert {r["region_id"] for r in stated} == set(
        con.sql(
            "SELECT region_id FROM comparison WHERE indicator_id = 'nursing_bed_share' "
            "AND target_year = 2025"
        ).pl()["region_id"]
    )
    assert errors == []
    tab.close()


def _comparison_row(**changes):
    row = {
        "target_raw": "60%",
        "target_value": 60.0,
        "target_year": 2025,
        "comparator": "=",
        "measure": "rate",
        "period": "level",
        "direction": "higher_is_better",
        "national_target_value": 55.0,
        "vs_national": "above",
        "vs_national_reason": None,
    }
    return {**row, **changes}


@pytest.mark.parametrize(
    ("changes", "zh", "en"),
    [
        ({}, "高于", "above"),
        ({"vs_national": "below"}, "低于", "below"),
        (
            {"vs_national": "none", "vs_national_reason": "measure", "measure": "count"},
            "不可比（总量指标，不与全国比较）",
            "not comparable (a count measure, not compared with the nation)",
        ),
        (
            {"vs_national": "none", "vs_national_reason": "period", "period": "cumulative"},
            "不可比（五年累计，全国目标为水平值）",
            "not comparable (a five-year total; the national target is a level)",
        ),
        # Said once above the table (NO_NATIONAL_TARGET), not on every row.
        ({"vs_national": "none", "vs_national_reason": "no_national"}, "–", "–"),
        (
            {"vs_national": "none", "vs_national_reason": "national_qualitative"},
            "不可比（全国目标为定性表述）",
            "not comparable (the national target is qualitative)",
        ),
        (
            {"vs_national": "none", "vs_national_reason": "open"},
            "不可比（区间的开口方向不构成可比的承诺）",
            "not comparable (its range is open in the good direction: no commitment to compare)",
        ),
    ],
)
def test_vs_national_reads_in_the_page_language_and_says_why_not(changes, zh, en):
    row = _comparison_row(**changes)
    assert tables.vs_national_text(row, "zh") == zh
    assert tables.vs_national_text(row, "en") == en


def _reason_pattern(words: str) -> re.Pattern:
    return re.compile(re.sub(r"\\\{\w+\\\}", ".+", re.escape(words)))


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_vs_national_text_says_the_stored_reason_on_every_row(con, lang):
    rows = con.sql("SELECT * FROM comparison").pl().to_dicts()
    assert {r["vs_national_reason"] for r in rows} >= {None, "no_national", "measure"}
    patterns = {why: _reason_pattern(words) for why, words in i18n.NOT_COMPARABLE[lang].items()}
    for row in rows:
        text = tables.vs_national_text(row, lang)
        why = row["vs_national_reason"]
        if why is None:
            assert text == i18n.enum_label("vs_national", row["vs_national"], lang)
        elif why == "no_national":
            assert text == i18n.NO_NATIONAL_TARGET_MARK
        else:
            said = re.fullmatch(r"[^（(]+[（(](.*)[）)]", text)[1]
            assert [w for w, p in patterns.items() if p.fullmatch(said)] == [why], text


def test_commitment_shows_attribute_and_hedge_words_in_either_script():
    row = {"attribute": "约束性", "hedge": "力爭,左右"}
    assert tables.commitment_text(row, "zh") == "约束性；力爭、左右"
    assert tables.commitment_text(row, "en") == "binding; 力爭 (strive to), 左右 (about)"


def test_conflict_is_worded_with_every_statement_and_its_place(con):
    from plancompare import query

    statements = query.compare("sports_area_per_capita", con, all_statements=True)
    en = tables.conflict_sentences(statements, "en").data
    assert "Xianning City" in en and "Dayao" not in en  # dayao restates itself consistently
    assert "2.5平方米 in prose, line 189; &gt;2.6 in the table, line 101" in en
    zh = tables.conflict_sentences(statements, "zh").data
    assert "2.5平方米（正文，第189行）；&gt;2.6（表格，第101行）" in zh
    nursing = query.compare("nursing_bed_share", con, all_statements=True)
    assert tables.conflict_sentences(nursing, "en") is None


def test_coverage_counts_regions_when_they_are_many():
    rows = [
        {
            "indicator_id": f"i{i}",
            "name_zh": f"指标{i}",
            "name_en": f"I{i}",
            "domain": "其他",
            "region_id": f"r{r}",
            "region_name_zh": f"地区{r}",
            "region_name_en": f"R{r}",
            "n_targets": (r + i) % 2,
            "status": "numeric" if (r + i) % 2 else "not stated",
        }
        for i in range(3)
        for r in range(i18n.MAX_REGIONS_DRAWN + 1)
    ]
    page = tables.coverage_table(pl.DataFrame(rows), "en").data
    assert "R0" not in page  # no column per region
    assert page.count("<tr>") >= 3 and ">20<" in page and ">21<" in page  # regions stating each


def test_coverage_links_only_the_indicators_with_a_comparison_page(con):
    from plancompare import query

    compared = query.compared_indicators(con)
    page = tables.coverage_table(query.coverage(con), "en", compared).data
    linked = set(re.findall(r'href="\.\./indicator_compare/([a-z0-9-]+)-en\.html"', page))
    assert linked == {i.replace("_", "-") for i in compared}
    assert "indicator_compare" not in tables.coverage_table(query.coverage(con), "en").data


def test_spread_table_shows_the_range_and_the_overlap():
    comparable = pl.DataFrame(
        {
            "indicator_id": ["nursing_bed_share", "preschool_gross_enrolment"],
            "name_zh": ["养老机构护理型床位占比", "学前教育毛入园率"],
            "name_en": ["Nursing bed share", "Preschool gross enrolment"],
            "unit": ["%", "%"],
            "n_regions": [3, 4],
            "target_min": [55.0, 90.0],
            "target_max": [60.0, 97.0],
            "target_range": [5.0, 7.0],
            "relative_range": [5 / 58.333, 7 / 94.25],
            "ranges_overlap": [True, False],
            "n_conflicting": [0, 1],
        }
    )
    html = tables.spread_table(comparable, "en").data
    assert "Relative range" in html and "Ranges overlap" in html and "spread" not in html
    first = html.split("<tr")[2]  # the first body row
    assert all(f">{v}<" in first for v in ("55", "60", "5", "8.6%", "yes"))
    assert ">no<" in html.split("<tr")[3]
    zh = tables.spread_table(comparable, "zh").data
    assert "相对极差" in zh and "区间有交集" in zh and ">是<" in zh


def test_other_statements_are_worded_from_the_statement_rows(con):
    statements = query.compare("sports_area_per_capita", con, all_statements=True)
    effective = statements.filter(pl.col("effective").is_null() | pl.col("effective"))
    by_region = {
        lang: dict(
            tables.with_other_statements(effective, statements, lang)
            .select("region_id", "other_statements")
            .iter_rows()
        )
        for lang in ("zh", "en")
    }
    assert by_region["zh"]["xianning"] == "2.5平方米（正文，第189行）"
    assert by_region["en"]["xianning"] == "2.5平方米 in prose, line 189"
    assert by_region["zh"]["guizhou"] is None  # silent: nothing else stated


@pytest.mark.parametrize(
    ("lang", "shown"),
    [
        (
            "zh",
            [
                "2.2 人/千人（原文 22 人/万人）",
                "≥55%",
                "应保尽保",
                "≥2 平方米/人",  # the same number: the unit only names the denominator
            ],
        ),
        ("en", ["2.2 per 1,000 people (plan: 22 per 10,000 people)", "≥55%", "应保尽保", None]),
    ],
)
def test_figures_show_in_the_catalog_unit_with_the_plans_own_beside(lang, shown):
    rows = [
        ("22", 2.2, "人/千人", "人/万人"),
        ("≥55%", 55.0, "%", "%"),
        ("应保尽保", None, "%", None),
        ("2平方米以上", 2.0, "平方米/人", None),
    ]
    got = [tables.shown_figure(*row, lang) for row in rows]
    assert [g for g, s in zip(got, shown, strict=True) if s] == [s for s in shown if s]


def test_a_five_year_total_keeps_its_brackets_in_the_catalog_unit():
    assert (
        tables.shown_figure("[1.58]", 15800.0, "人", "万人", "zh")
        == "[15,800 人]（原文 [1.58] 万人）"
    )


@pytest.mark.parametrize(
    ("lang", "township", "converted"),
    [
        ("zh", "1–2 所/乡镇", "5,000–15,000 人（原文 0.5-1.5万人）"),
        ("en", "1 to 2 institutions per township", "5,000 to 15,000 people (plan: 0.5-1.5万人)"),
    ],
)
def test_a_range_shows_both_ends_as_the_plan_writes_them(lang, township, converted):
    assert tables.shown_figure("1-2所", 1.0, "所/乡镇", "所", lang) == township
    assert tables.shown_figure("0.5-1.5万人", 5000.0, "人", "万人", lang) == converted
