"""A region profile's figures: what each target asks against its baseline, and where the
region's targets stand among the other regions'."""

from __future__ import annotations

import html

import plotly.graph_objects as go
import polars as pl

from plancompare.charts.dumbbells import dumbbells
from plancompare.charts.style import (
    BASELINE_COLOUR,
    LABEL_WIDTH,
    _hover,
    _style,
    _takeaway,
    _value_text,
    line_count,
    panel_axes,
    region_colour,
    stacked_panels,
    trace,
    wrapped,
)
from plancompare.i18n import (
    ASK_LABELS,
    ask_text,
    display_name,
    labels,
    plain_number,
    sentence,
    unit_label,
)

ASK_COLOURS = {
    "improve": "#1a9850",
    "maintain": "#9e9e9e",
    "already_met": "#74add1",
    "decline": "#d73027",
}


def profile_chart(comparison: pl.DataFrame, lang: str = "zh") -> go.Figure | None:
    """What one plan asks of itself, level against level (`query.comparison(region=…)`):
    percentages as baseline → target on a 0–100 axis, other units as the target's change against
    the baseline, each labelled by its ask (improve, maintain, already met with its margin,
    decline). Only the changes the comparison model calls meaningful; None when there are none
    (a plan that states no baselines), so the page says so instead of drawing an empty panel."""
    text = {**labels(lang), **ASK_LABELS[lang]}
    drawn = comparison.filter(
        (pl.col("period") == "level")
        & pl.col("ask").is_in(list(ASK_COLOURS))
        & pl.col("baseline_value").is_not_null()
        & pl.col("target_value").is_not_null()
    )
    # The profile's table carries every quote; the hover names its place only (a long plan's
    # page stays small).
    known = drawn.with_columns(pl.lit("").alias("quote"))
    percent = known.filter(pl.col("unit") == "%").to_dicts()
    other = known.filter(pl.col("unit") != "%").to_dicts()
    if not percent and not other:
        return None
    for r in percent + other:
        # The line keeps two statements of one indicator apart; wrapped to fit a phone.
        line = sentence("at_line", lang, line=r["line"])
        unit = "" if r["unit"] == "%" else f", {unit_label(r['unit'], lang)}"
        r["label"] = wrapped(f"{display_name(r, '', lang)} ({line}{unit})", LABEL_WIDTH)
    panels = [rows for rows in (percent, other) if rows]
    axes = []
    for rows in panels:
        if rows is percent:
            x = {"range": [0, 105], "tickvals": list(range(0, 101, 20))}
        else:
            changes = [100 * (r["relative_change"] or 0) for r in rows]
            x = {"ticksuffix": "%", "range": [min(0, *changes) * 1.1, max(*changes, 1) * 1.35]}
        axes.append((x, {"autorange": "reversed"}))
    fig = stacked_panels(
        [
            f"{text['baseline']} → {text['target']} (%)"
            if rows is percent
            else text["relative_change"]
            for rows in panels
        ],
        heights=[len(rows) for rows in panels],
        spacing=0.12,
        axes=axes,
        # Ending at the panel's right edge, a title has the labels' gutter to grow into: centred
        # over a phone's narrow plot area, a long one ran past the right edge.
        title_align="right",
    )
    for panel, ((x_axis, _), rows) in enumerate(zip(axes, panels, strict=True), start=1):
        on_panel = panel_axes(panel)
        names = [r["label"] for r in rows]
        if rows is percent:
            dumbbells(fig, rows, lambda r: r["label"], lang, panel=panel)
        else:
            fig.add_trace(
                trace(
                    "bar",
                    x=[100 * (r["relative_change"] or 0) for r in rows],
                    y=names,
                    orientation="h",
                    marker_color=[ASK_COLOURS[r["ask"]] for r in rows],
                    showlegend=False,
                    hovertext=[
                        f"{_value_text(r, 'baseline')} → {_value_text(r, 'target')}<br>"
                        + _hover(r, lang)
                        for r in rows
                    ],
                    hoverinfo="text",
                    **on_panel,
                )
            )
        fig.add_trace(
            trace(
                "scatter",
                # Above each row from the panel's left edge, where the whole width is free: beside
                # its marker, or at zero on an axis that starts below it, a label near the right
                # edge was cut off on a phone.
                x=[x_axis["range"][0]] * len(rows),
                y=names,
                mode="text",
                text=[html.escape(ask_text(r, lang)) for r in rows],
                textposition="top right",
                textfont={"color": [ASK_COLOURS[r["ask"]] for r in rows], "size": 12},
                showlegend=False,
                hoverinfo="skip",
                **on_panel,
            )
        )
    region = display_name(comparison.row(0, named=True), "region_", lang)
    title = sentence("profile_title", lang, region=region)
    # Each row as tall as its longest wrapped label, so labels never run into each other.
    row = 16 + 19 * max(line_count(r["label"]) for r in percent + other)
    _style(fig, title, height=240 + row * (len(percent) + len(other)))
    columns = [c.format(lang=lang) for c in ASKS_COLUMNS]
    return _takeaway(fig, "asks", drawn, columns, lang, subset=True, quotes=False)


# One plan's figures: the region is the page's (and the source column's), the indicator is
# named in the page's language; what else they draw, and no more (a long plan's page stays
# light under its 150 KB budget).
ASKS_COLUMNS = [
    "name_{lang}",
    "unit",
    "baseline_value",
    "target_value",
    "comparator",
    "ask",
    "relative_change",
]
STANDING_COLUMNS = [
    "name_{lang}",
    "unit",
    "target_value",
    "position",
    "rank",
    "others_weakest",
    "others_strongest",
]


def standing_chart(standing: pl.DataFrame, region_id: str, lang: str = "zh") -> go.Figure:
    """Where one region's target sits among the other regions' (`query.standing`): each
    indicator's `position`, from the weakest (0) to the strongest commitment (100) in its good
    direction, so a lower target is further right where lower is better."""
    text = labels(lang)
    rows = standing.to_dicts()
    names = [
        wrapped(
            f"{display_name(r, '', lang)} ({unit_label(r['unit'], lang)}"
            + (f", {text['lower_is_better']})" if r["direction"] == "lower_is_better" else ")"),
            LABEL_WIDTH,
        )
        for r in rows
    ]
    # The title says what the axis measures: an axis title would crowd a phone's legend.
    fig = go.Figure(layout={"yaxis": {"autorange": "reversed"}, "xaxis": {"range": [-5, 105]}})
    series = (
        (
            "others_weakest",
            text["others_weakest"],
            {"color": BASELINE_COLOUR, "symbol": "line-ns-open", "size": 14},
        ),
        (
            "others_strongest",
            text["others_strongest"],
            {"color": "#616161", "symbol": "line-ns-open", "size": 14},
        ),
        ("target_value", text["target"], {"color": region_colour(region_id), "size": 13}),
    )
    for column, name, marker in series:
        hover = [plain_number(r[column]) for r in rows]
        position = "position" if column == "target_value" else f"{column}_position"
        if column == "target_value":
            hover = [
                f"{h} (#{r['rank']} / {r['n_others'] + 1})"
                for h, r in zip(hover, rows, strict=True)
            ]
        fig.add_trace(
            trace(
                "scatter",
                x=[r[position] for r in rows],
                y=names,
                mode="markers",
                marker=marker,
                name=name,
                hovertext=hover,
                hoverinfo="text",
            )
        )
    title = sentence("standing_title", lang)
    row = 16 + 19 * max((line_count(n) for n in names), default=1)
    _style(fig, title, height=220 + row * len(rows))
    columns = [c.format(lang=lang) for c in STANDING_COLUMNS]
    return _takeaway(fig, "standing", standing, columns, lang)
