"""Figures: what a reader relies on in every chart."""

import html

import plotly.io as pio
import polars as pl
import pytest
from conftest import in_another_process
from plancompare import charts, i18n, query


def test_renderer_emits_json_for_lab_and_html_without_plotly_js(con):
    bundle = pio.renderers["plancompare"].to_mimebundle(
        charts.headline_chart(query.headline(con), "zh").to_dict()
    )
    assert set(bundle) == {"application/vnd.plotly.v1+json", "text/html"}
    assert "Plotly.newPlot" in bundle["text/html"]
    assert len(bundle["text/html"]) < 200_000  # plotly.js (4.8 MB) is not inlined
    assert "cdn" not in bundle["text/html"].lower() and "mathjax" not in bundle["text/html"].lower()
    assert pio.renderers.default == "plancompare"


def test_headline_chart_labels_silent_plans_instead_of_drawing_zero(con):
    headline = query.headline(con)
    fig = charts.headline_chart(headline, "en")
    labels = [label for t in fig.data if t.mode == "text" for label in t.text]
    silent = headline.filter(pl.col("status") == "not stated").height
    assert silent and labels.count("not stated") == silent
    # One target mark per stated target, at its value: none at 0 for a silent plan.
    drawn = [x for t in fig.data if (t.name or "").startswith("Target") for x in t.x]
    assert sorted(drawn) == sorted(headline["target_value"].drop_nulls())


def test_target_marker_follows_the_comparator(con):
    fig = charts.compare_chart(query.compare("nursing_bed_share", con), "en")
    floors = [t for t in fig.data if t.name == "Target: floor (≥)"]
    assert floors and all(t.marker.symbol == "triangle-right" for t in floors)


def test_hover_carries_the_quote(con):
    compare = query.compare("sports_area_per_capita", con)
    quote = compare.filter(pl.col("quote").is_not_null())["quote"][0]
    fig = charts.compare_chart(compare, "zh")
    hovers = " ".join(h for t in fig.data for h in (t.hovertext or ()))
    assert quote[:20] in hovers.replace("<br>", "")


def test_region_colours_are_fixed_and_distinct():
    assert charts.region_colour("xianning") == charts.REGION_COLOURS["xianning"]
    assert len(set(charts.REGION_COLOURS.values())) == len(charts.REGION_COLOURS)
    # A region without a fixed colour gets the same one in every report, though each report
    # runs in its own kernel process (so not from hash(), which changes with the process).
    others = [f"r{n:04d}" for n in range(20)]
    colours = [charts.region_colour(r) for r in others]
    assert len(set(colours)) > 1
    code = "import sys\nfrom plancompare.charts import region_colour\n"
    code += "print(*map(region_colour, sys.argv[1:]))"
    assert in_another_process(code, *others).split() == colours


def test_headline_chart_summarises_thousands_of_regions():
    n = i18n.MAX_REGIONS_DRAWN + 1
    rows = [
        {
            "region_id": f"r{r}",
            "region_name_zh": f"地区{r}",
            "region_name_en": f"R{r}",
            "indicator_id": indicator,
            "indicator_name_zh": indicator,
            "indicator_name_en": indicator,
            "unit": "%",
            "baseline_value": 40.0,
            "target_value": None if r % 4 == 0 else 50.0 + r % 7,
        }
        for indicator in ("a", "b", "c")
        for r in range(n)
    ]
    fig = charts.headline_chart(pl.DataFrame(rows), "en")
    assert {t.type for t in fig.data} == {"box"}
    silent = sum(1 for r in range(n) if r % 4 == 0)
    titles = [fig.layout[f"xaxis{'' if k == 1 else k}"].title.text for k in (1, 2, 3)]
    assert titles == [f"n = {n - silent} · not stated: {silent}"] * 3


def _national_chart(con, indicator_id, lang="en"):
    path = query.national_path(indicator_id, con=con)
    regions = query.comparison(indicator=indicator_id, target_year=2025, con=con)
    return path, regions, charts.national_path_chart(path, regions, lang)


def test_national_path_chart_draws_the_path_and_the_target_line(con):
    path, _, fig = _national_chart(con, "sports_area_per_capita")
    actual = path.filter(pl.col("kind") == "actual")
    drawn = {
        (x, y)
        for t in fig.data
        if (t.name or "").startswith("National actual")
        for x, y in zip(t.x, t.y, strict=True)
    }
    assert actual.height and drawn == set(zip(actual["year"], actual["value"], strict=True))
    [line] = [t for t in fig.data if (t.name or "").startswith("National 2025 target")]
    assert set(line.y) == {2.6} and max(line.x) == 2025


def test_national_path_chart_marks_c_grade_points_open(con):
    path, _, fig = _national_chart(con, "sports_area_per_capita")
    c_years = set(path.filter((pl.col("kind") == "actual") & (pl.col("grade") == "C"))["year"])
    [open_points] = [t for t in fig.data if t.name == "National actual (C: read on a repost)"]
    [filled] = [t for t in fig.data if t.name == "National actual"]
    assert set(open_points.x) == c_years and open_points.marker.symbol == "circle-open"
    assert not c_years & set(filled.x)
    assert any("read on a repost" in a.text for a in fig.layout.annotations)


def test_national_path_chart_draws_each_region_and_leaves_floors_open(con):
    _, regions, fig = _national_chart(con, "nursing_bed_share", "zh")
    [minqin] = [t for t in fig.data if t.name == "民勤县"]  # ≥55%: a floor
    assert minqin.marker.symbol[-1] == "triangle-up-open" and minqin.x[-1] == 2025
    stated = regions.filter(pl.col("target_value").is_not_null())["region_name_zh"]
    assert set(stated) <= {t.name for t in fig.data}


def test_national_citation_names_publisher_date_and_grade_in_the_page_language(con):
    path = query.national_path("childcare_places_per_1k", con=con)
    zh, en = charts.national_citation(path, "zh"), charts.national_citation(path, "en")
    assert "新华社（2022-01-10，C级：读自转载）" in zh
    assert "新华社 (2022-01-10, grade C: read on a repost)" in en
    with pytest.raises(ValueError, match="valid choices"):
        charts.national_citation(path, "fr")


def test_figures_carry_a_small_template_not_plotly_whites_trace_defaults(con):
    import json

    fig = charts.headline_chart(query.headline(con), "en")
    template = fig.to_plotly_json()["layout"]["template"]
    assert len(json.dumps(template)) < 1_000
    assert template["layout"]["plot_bgcolor"] == "white"


def test_compare_chart_draws_one_effective_mark_per_region_and_the_conflict_beside_it(con):
    statements = query.compare("sports_area_per_capita", con, all_statements=True)
    fig = charts.compare_chart(statements, "en", query.national_path("sports_area_per_capita", con))
    targets = [t for t in fig.data if t.name and t.name.startswith("Target:")]
    rows = [y for t in targets for y in t.y]
    assert rows.count("Xianning City ⚠") == 1  # two statements, one mark: the effective one
    others = [t for t in fig.data if t.name == "Another statement in the same plan"]
    beside = [
        (x, label)
        for t in others
        for x, y, label in zip(t.x, t.y, t.text, strict=True)
        if y == "Xianning City ⚠"
    ]
    assert beside == [(2.5, "2.5平方米 (prose, line 189)")]


def test_compare_chart_draws_a_floor_as_a_range_open_upward(con):
    statements = query.compare("sports_area_per_capita", con, all_statements=True)
    fig = charts.compare_chart(statements, "en")
    axis_end = fig.layout.xaxis.range[1]
    bands = [t for t in fig.data if t.mode == "lines+markers" and "Xianning City ⚠" in t.y]
    # xianning's >2.6: a band from the bound to the right edge of the axis, not a point.
    assert [list(t.x) for t in bands] == [[2.6, axis_end]] and axis_end > 2.6


def test_compare_chart_draws_a_range_from_its_low_to_its_high_end(con):
    fig = charts.compare_chart(query.compare("township_public_central_kindergarten", con), "en")
    bands = [t for t in fig.data if t.mode == "lines" and "Xianning City" in t.y]
    # xianning's 1-2所: a band from 1 to 2 (within the axis), its mark a diamond at 1.
    assert [list(t.x) for t in bands] == [[1, 2]] and fig.layout.xaxis.range[1] >= 2
    [mark] = [t for t in fig.data if t.name == "Target: range (such as 1–2)"]
    assert list(mark.x) == [1] and mark.marker.symbol == "diamond"


def test_compare_chart_marks_the_national_target_and_latest_actual_with_grade(con):
    path = query.national_path("nursing_bed_share", con)
    fig = charts.compare_chart(query.compare("nursing_bed_share", con), "en", path)
    lines = {shape.x0 for shape in fig.layout.shapes}
    target = path.filter(pl.col("kind") == "target").row(0, named=True)
    latest = path.filter(pl.col("kind") == "actual").sort("year").row(-1, named=True)
    assert lines == {target["value"], latest["value"]}
    # Named in the legend (a label beside the line collides with the rows on a phone).
    names = [t.name for t in fig.data if t.showlegend is not False]
    assert any(target["value_raw"] in n and "(C)" in n for n in names)  # grade C marked
    assert not [a for a in fig.layout.annotations if target["value_raw"] in (a.text or "")]


def test_profile_chart_labels_each_change_by_what_it_asks(con):
    comparison = query.comparison(region="xianning", con=con)
    # No plan asks for a decline (xianning's unemployment cap 5.5 against 4.5 is already met):
    # one row's ask is turned into a decline so that its label is drawn too.
    jobs = pl.col("indicator_id") == "new_labour_schooling_years"
    comparison = comparison.with_columns(ask=pl.when(jobs).then(pl.lit("decline")).otherwise("ask"))
    fig = charts.profile_chart(comparison, "en")
    labels = [
        x.strip() for t in fig.data if t.type == "scatter" and t.mode == "text" for x in t.text
    ]
    assert "improve" in labels and "decline" in labels
    assert any(x.startswith("already met (margin 3.22") for x in labels)
    # xianning's level-against-level changes in the curated data: 24 improve (one turned into a
    # decline above), 6 maintain, 3 already met; nothing whose ask is unknown is drawn.
    asks = [x.split(" (")[0] for x in labels]
    assert {a: asks.count(a) for a in set(asks)} == {
        "improve": 23,
        "maintain": 6,
        "already met": 3,
        "decline": 1,
    }


def test_profile_chart_stacks_percentages_over_other_units_apart_and_titled(con):
    fig = charts.profile_chart(query.comparison(region="xianning", con=con), "en")
    layout = fig.layout
    panels = {"y": layout.yaxis.domain, "y2": layout.yaxis2.domain}
    assert panels["y2"][1] < panels["y"][0]  # the panels never overlap
    rows = {
        axis: {
            html.unescape(y.replace("<br>", " "))
            for t in fig.data
            if (t.yaxis or "y") == axis
            for y in t.y
            if y
        }
        for axis in panels
    }
    # A percentage's label names its line only; another unit's, its line and unit.
    assert not any(", " in label.split("(")[-1] for label in rows["y"])
    assert all(", " in label.split("(")[-1] for label in rows["y2"])
    assert all(t.yaxis == "y2" for t in fig.data if t.type == "bar")  # changes of other units
    # Each panel as tall as its rows, and titled just above its own top edge.
    height = {axis: top - bottom for axis, (bottom, top) in panels.items()}
    assert height["y"] / height["y2"] == pytest.approx(len(rows["y"]) / len(rows["y2"]))
    titles = {round(a.y, 9): a.text for a in layout.annotations}
    assert titles == {
        round(panels["y"][1], 9): "Baseline → Target (%)",
        round(panels["y2"][1], 9): i18n.labels("en")["relative_change"],
    }


def test_profile_chart_is_none_when_a_plan_states_no_baselines(con):
    assert charts.profile_chart(query.comparison(region="guizhou", con=con), "zh") is None


def test_national_path_chart_at_thousands_of_regions_draws_one_trace_for_them(con):
    path = query.national_path("nursing_bed_share", con=con)
    one = query.comparison(indicator="nursing_bed_share", target_year=2025, con=con).head(1)
    many = pl.concat([one.with_columns(pl.lit(f"r{n}").alias("region_id")) for n in range(500)])
    fig = charts.national_path_chart(path, many, "en")
    regions = [t for t in fig.data if (t.name or "").startswith("Regions")]
    assert [t.name for t in regions] == ["Regions (500)"]
    assert len(fig.data) < 10  # the national line, its markers, the target and the regions
    assert sum(x is not None for x in regions[0].x) >= 500  # every region's target is drawn


def test_profile_labels_and_titles_wrap_to_fit_a_phone(con):
    from plancompare.charts.style import LABEL_WIDTH, TITLE_WIDTH, wrapped

    def columns(line: str) -> int:
        return sum(2 if "\u4e00" <= c <= "\u9fff" else 1 for c in html.unescape(line))

    for lang in ("zh", "en"):
        fig = charts.profile_chart(query.comparison(region="xianning", con=con), lang)
        labels = {y for trace in fig.data for y in (trace.y or ()) if isinstance(y, str)}
        assert any("<br>" in label for label in labels)  # long names do wrap
        assert all(columns(p) <= LABEL_WIDTH for label in labels for p in label.split("<br>"))
        assert all(columns(p) <= TITLE_WIDTH for p in fig.layout.title.text.split("<br>"))
    assert wrapped("每千人口拥有3岁以下婴幼儿托位数（个/千人）", 12).count("<br>") >= 2
    assert wrapped("a <b> tag", 40) == "a &lt;b&gt; tag"


def test_spread_chart_ranks_by_relative_range_and_tells_overlap_apart(con):
    comparable = query.comparable(con)
    fig = charts.spread_chart(comparable, "en")
    overlap, apart = fig.data
    assert overlap.name.startswith("ranges overlap") and apart.name == "ranges apart"
    nursing = [x for x, y in zip(overlap.x, overlap.y, strict=True) if "ursing" in y]
    assert nursing and nursing[0] > 0  # ≥55% and 60%: 5 apart, drawn so
    drawn = {y: x for t in fig.data for x, y in zip(t.x, t.y, strict=True)}
    order = list(fig.layout.yaxis.categoryarray)
    assert [drawn[y] for y in order] == sorted(drawn.values(), reverse=True)
    assert "relative range" in fig.layout.title.text


def test_standing_chart_draws_the_strongest_commitment_right_whatever_the_direction(con):
    standing = query.standing("dayao", con)
    fig = charts.standing_chart(standing, "dayao", "en")
    target = next(t for t in fig.data if t.name == "Target")
    drawn = dict(zip(target.y, target.x, strict=True))
    unemployment = next(y for y in drawn if "nemployment" in y)
    # 大姚县 ≤4.2% against 咸宁市 5.5%: the lower rate is the stronger commitment.
    assert "lower is better" in unemployment and drawn[unemployment] == 100
    higher = [y for y in drawn if "lower is better" not in y]
    assert higher and all(0 <= drawn[y] <= 100 for y in higher)
    assert "lower is better" in fig.layout.title.text.replace("<br>", " ")
    zh = charts.standing_chart(standing, "dayao", "zh")
    assert any("越低越好" in y for y in zh.data[0].y)
