"""Baseline → target dumbbells: the mark the headline, profile and compare charts share."""

from __future__ import annotations

import html

import plotly.graph_objects as go

from plancompare.charts.style import (
    _SHAPES,
    BASELINE_COLOUR,
    _hover,
    _value_text,
    panel_axes,
    region_colour,
    trace,
)
from plancompare.i18n import labels, sentence


def dumbbells(
    fig: go.Figure,
    rows: list[dict],
    y_of,
    lang: str,
    *,
    panel: int = 1,
    legend_done: set[str] | None = None,
) -> None:
    """Baseline → target per row: grey baseline dot, line, and a target marker shaped by its
    comparator (its hover marks a target from conflicting statements); rows with no numeric
    target are labelled, not drawn at zero. A handful of traces
    for all rows (not several per row): figure building and export stay fast. `panel`: which of
    `stacked_panels`' panels they go on."""
    text = labels(lang)
    legend_done = set() if legend_done is None else legend_done  # one legend entry per kind
    silent = [r for r in rows if r.get("target_value") is None]
    drawn = [r for r in rows if r.get("target_value") is not None]
    on_panel = panel_axes(panel)
    if silent:
        fig.add_trace(
            trace(
                "scatter",
                **on_panel,
                x=[0] * len(silent),
                y=[y_of(r) for r in silent],
                mode="text",
                text=[html.escape(r.get("qualitative") or text["not_stated"]) for r in silent],
                textposition="middle right",
                textfont={"color": "#757575", "size": 12},
                showlegend=False,
                hoverinfo="skip",
                name=text["not_stated"],
            )
        )
    for colour in dict.fromkeys(region_colour(r["region_id"]) for r in drawn):
        xs, ys = [], []
        for r in drawn:
            if region_colour(r["region_id"]) == colour and r.get("baseline_value") is not None:
                xs += [r["baseline_value"], r["target_value"], None]
                ys += [y_of(r)] * 2 + [None]
        if xs:
            fig.add_trace(
                trace(
                    "scatter",
                    **on_panel,
                    x=xs,
                    y=ys,
                    mode="lines",
                    line={"color": colour, "width": 3},
                    showlegend=False,
                    hoverinfo="skip",
                )
            )
    with_baseline = [r for r in drawn if r.get("baseline_value") is not None]
    if with_baseline:
        fig.add_trace(
            trace(
                "scatter",
                **on_panel,
                x=[r["baseline_value"] for r in with_baseline],
                y=[y_of(r) for r in with_baseline],
                mode="markers",
                marker={"color": BASELINE_COLOUR, "size": 10},
                name=text["baseline"],
                legendgroup="baseline",
                showlegend="baseline" not in legend_done,
                hovertext=[
                    f"{text['baseline']} {r.get('baseline_year') or ''}: "
                    f"{_value_text(r, 'baseline')}"
                    for r in with_baseline
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
        legend_done.add("baseline")
    for shape, symbol in (
        ("point", "circle"),
        ("floor", "triangle-right"),
        ("ceiling", "triangle-left"),
        ("range", "diamond"),
    ):
        points = [r for r in drawn if _SHAPES.get(r.get("comparator"), "point") == shape]
        if not points:
            continue
        fig.add_trace(
            trace(
                "scatter",
                **on_panel,
                x=[r["target_value"] for r in points],
                y=[y_of(r) for r in points],
                mode="markers",
                marker={
                    "color": [region_colour(r["region_id"]) for r in points],
                    "size": 14,
                    "symbol": symbol,
                    "line": {"color": "white", "width": 1},
                },
                name=f"{text['target']}: {text[shape]}",
                legendgroup=shape,
                showlegend=shape not in legend_done,
                hovertext=[
                    f"<b>{text['target']} {r.get('target_year') or ''}: "
                    f"{_value_text(r, 'target')}</b><br>"
                    + (
                        f"{html.escape(sentence('conflict_mark', lang))}<br>"
                        if r.get("conflict")
                        else ""
                    )
                    + _hover(r, lang)
                    for r in points
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
        legend_done.add(shape)
