"""The overview's figures: the headline indicators, which plan states which indicator, each
plan's mix of targets, and the range of the targets plans share."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from plancompare.charts.dumbbells import dumbbells
from plancompare.charts.style import (
    BASELINE_COLOUR,
    FONT_FAMILY,
    LABEL_WIDTH,
    PANEL_TITLE_WIDTH,
    STATEMENT_COLUMNS,
    _style,
    _takeaway,
    line_count,
    panel_axes,
    panel_layout_axes,
    stacked_panels,
    wrapped,
)
from plancompare.i18n import MAX_REGIONS_DRAWN, display_name, labels, sentence, unit_label

# What each figure draws: its rows and CSV show these columns (plus quote, line and source).
# The mix counts statements: each row names its plan, indicator, attribute and kind (its quote
# is on the indicator's page: the overview would otherwise carry every quote of every plan).
MIX_COLUMNS = ["region_name_{lang}", "name_{lang}", "target_year", "attribute", "kind"]
SPREAD_COLUMNS = [
    "indicator_id",
    "name_zh",
    "name_en",
    "unit",
    "target_year",
    "n_regions",
    "target_min",
    "target_max",
    "target_range",
    "relative_range",
    "ranges_overlap",
    "regions",
]


def headline_chart(headline: pl.DataFrame, lang: str = "zh") -> go.Figure:
    """The three headline indicators one above the other for every region, baseline → target;
    a target from conflicting statements is marked ⚠. Stacked, not side by side: each panel's
    title gets the full width (side by side, long names ran into each other) and a phone shows
    every panel at a readable width."""
    text = labels(lang)
    indicators = headline.unique("indicator_id", maintain_order=True).to_dicts()
    titles = [
        f"{display_name(i, 'indicator_', lang)} ({unit_label(i['unit'], lang)})" for i in indicators
    ]
    n_regions = headline["region_id"].n_unique()
    many = n_regions > MAX_REGIONS_DRAWN
    fig = stacked_panels(
        # Panel titles start at the left edge, under the figure's title, not beside it.
        [wrapped(t, PANEL_TITLE_WIDTH) for t in titles],
        spacing=0.5 / max(len(indicators), 1) / 1.5,
        axes=[({"rangemode": "tozero"}, {})] * len(indicators),
        title_align="left",
    )
    legend_done: set[str] = set()
    for panel, indicator in enumerate(indicators, start=1):
        rows = headline.filter(pl.col("indicator_id") == indicator["indicator_id"])
        on_panel = panel_axes(panel)
        if many:
            # Thousands of dumbbells are unreadable: the spread of targets, and how many are silent.
            stated = rows.filter(pl.col("target_value").is_not_null())
            silent = rows.height - stated.height
            for column, name, colour in (
                ("baseline_value", text["baseline"], BASELINE_COLOUR),
                ("target_value", text["target"], "#2b8cbe"),
            ):
                fig.add_trace(
                    go.Box(
                        x=stated[column],
                        name=name,
                        marker_color=colour,
                        showlegend=False,
                        boxpoints=False,
                        **on_panel,
                    )
                )
            x_axis = fig.layout[panel_layout_axes(panel)[0]]
            x_axis.title = {"text": f"n = {stated.height} · {text['not_stated']}: {silent}"}
            continue
        dumbbells(
            fig,
            rows.to_dicts(),
            lambda r: display_name(r, "region_", lang),
            lang,
            panel=panel,
            legend_done=legend_done,
        )
        conflicts = rows.filter(pl.col("conflict") & pl.col("target_value").is_not_null())
        if conflicts.height:
            fig.add_trace(
                go.Scatter(
                    x=conflicts["target_value"],
                    y=[display_name(r, "region_", lang) for r in conflicts.to_dicts()],
                    mode="text",
                    text=["⚠"] * conflicts.height,
                    textposition="top center",
                    showlegend=False,
                    hovertext=[sentence("conflict_mark", lang)] * conflicts.height,
                    hovertemplate="%{hovertext}<extra></extra>",
                    **on_panel,
                )
            )
    title = sentence("headline_title", lang)
    panel = 220 if many else 70 + 34 * n_regions
    _style(fig, title, height=120 + panel * len(indicators))
    fig.update_layout(margin={"t": fig.layout.margin.t + 40})  # room for the first panel's title
    return _takeaway(fig, "headline", headline, STATEMENT_COLUMNS, lang)


def mix_chart(targets: pl.DataFrame, regions: pl.DataFrame, lang: str = "zh") -> go.Figure:
    """Each plan's mix of 约束性 / 预期性 / unmarked and table / prose targets."""
    text = labels(lang)
    if regions.height > MAX_REGIONS_DRAWN:
        regions = regions.head(0)  # the aggregate below stands for all of them
    counts = targets.group_by("region_id", "attribute", "kind").len()
    fig = make_subplots(
        rows=1,
        cols=2,
        shared_yaxes=True,
        horizontal_spacing=0.05,
        subplot_titles=[
            f"{text['binding']} / {text['expected']}",
            f"{text['table']} / {text['prose']}",
        ],
    )
    ys = [display_name(r, "", lang) for r in regions.to_dicts()] or [sentence("all_regions", lang)]
    ids = regions["region_id"].to_list() or [None]

    def total(column: str, value):
        out = []
        for region_id in ids:
            subset = (
                counts if region_id is None else counts.filter(pl.col("region_id") == region_id)
            )
            condition = pl.col(column).is_null() if value is None else pl.col(column) == value
            out.append(int(subset.filter(condition)["len"].sum()))
        return out

    for value, label, colour in (
        ("约束性", text["binding"], "#b2182b"),
        ("预期性", text["expected"], "#2166ac"),
        (None, text["unmarked"], "#bdbdbd"),
    ):
        fig.add_trace(
            go.Bar(
                y=ys, x=total("attribute", value), name=label, orientation="h", marker_color=colour
            ),
            row=1,
            col=1,
        )
    for value, label, colour in (
        ("table", text["table"], "#4d4d4d"),
        ("prose", text["prose"], "#fdb863"),
    ):
        fig.add_trace(
            go.Bar(y=ys, x=total("kind", value), name=label, orientation="h", marker_color=colour),
            row=1,
            col=2,
        )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title=text["count"])
    fig.update_annotations(font={"family": FONT_FAMILY})
    title = sentence("mix_title", lang)
    _style(fig, title, height=220 + 35 * len(ys))
    columns = [c.format(lang=lang) for c in MIX_COLUMNS]
    return _takeaway(fig, "mix", targets, columns, lang, quotes=False)


def spread_chart(comparable: pl.DataFrame, lang: str = "zh", top: int = 25) -> go.Figure:
    """Rate indicators two or more plans state as a 2025 level (`query.comparable`: effective
    statements), largest relative range of their targets first, coloured by whether the
    regions' ranges overlap. A range between regions, not a change over time."""
    text = labels(lang)
    rows = comparable.sort("relative_range", descending=True, nulls_last=True).head(top).to_dicts()
    names = [
        wrapped(f"{display_name(r, '', lang)} ({unit_label(r['unit'], lang)})", LABEL_WIDTH)
        for r in rows
    ]
    fig = go.Figure()
    for overlap, name, colour in (
        (True, text["ranges_overlap"], "#b2abd2"),
        (False, text["ranges_apart"], "#5e3c99"),
    ):
        shown = [(r, n) for r, n in zip(rows, names, strict=True) if r["ranges_overlap"] == overlap]
        fig.add_trace(
            go.Bar(
                x=[r["relative_range"] for r, _ in shown],
                y=[n for _, n in shown],
                orientation="h",
                name=name,
                marker_color=colour,
                customdata=[
                    [r["n_regions"], r["target_min"], r["target_max"], r["target_range"]]
                    for r, _ in shown
                ],
                hovertemplate="%{y}<br>n=%{customdata[0]}: %{customdata[1]:,.6~r} – "
                "%{customdata[2]:,.6~r} (%{customdata[3]:,.6~r})<br>" + name + "<extra></extra>",
            )
        )
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=names)
    # The title says what the axis measures: an axis title would crowd a phone's legend.
    fig.update_xaxes(tickformat=".0%", nticks=6)
    title = sentence("spread_title", lang)
    row = 16 + 19 * max((line_count(n) for n in names), default=1)
    _style(fig, title, height=220 + row * len(rows))
    return _takeaway(fig, "spread", comparable, SPREAD_COLUMNS, lang)
