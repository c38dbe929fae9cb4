"""What the plan period delivered: each national target's outcome as a share of the target, one
marker per indicator, its status in the legend."""

from __future__ import annotations

import html
import textwrap

import plotly.graph_objects as go
import polars as pl

from plancompare.charts.national import NATIONAL_COLOUR
from plancompare.charts.style import _style
from plancompare.i18n import display_name, enum_label, labels, sentence

# Status → marker: filled where the target is reached (a square when early), open where the pace
# is measured, a cross where it fell short or went backwards, a hollow diamond where the figure
# cannot tell. One grey, so the shape (and the legend's words) carries the status, not a traffic
# light. In the order of the statuses, which the legend follows.
_MARKERS = {
    "met": "circle",
    "achieved_early": "square",
    "not_met": "x",
    "on_track": "circle-open",
    "acceleration_needed": "circle-open",
    "limited_progress": "circle-open",
    "deterioration": "x",
    "unknown": "diamond-open",
}
TARGET_LINE = 100
# Indicator names wrap onto lines this wide (characters), so a phone keeps room for the markers.
LABEL_WIDTH = {"zh": 10, "en": 26}
LINE_PX, ROW_PX = 17, 16  # a wrapped label's lines, and the gap between rows


def _label_lines(row: dict, lang: str) -> list[str]:
    return textwrap.wrap(display_name(row, "", lang), LABEL_WIDTH[lang])


def outcomes_chart(outcomes: pl.DataFrame, year: int, lang: str = "zh") -> go.Figure:
    """`tables.national_outcomes` rows with a numeric outcome and target: the actual as a
    percentage of the target (100 = the target), the figure as written, its year and source in
    the hover (the table below the chart writes them out; labels beside the markers would not
    fit a phone)."""
    labels(lang)
    rows = [
        r
        for r in outcomes.to_dicts()
        if r.get("actual_value") is not None and r.get("target_value")
    ]
    fig = go.Figure()
    for status in [s for s in _MARKERS if any(r["status"] == s for r in rows)]:
        mine = [r for r in rows if r["status"] == status]
        fig.add_trace(
            go.Scatter(
                x=[100 * r["actual_value"] / r["target_value"] for r in mine],
                y=["<br>".join(_label_lines(r, lang)) for r in mine],
                mode="markers",
                marker={
                    "color": NATIONAL_COLOUR,
                    "size": 12,
                    "symbol": _MARKERS[status],
                    "line": {"color": NATIONAL_COLOUR, "width": 2},
                },
                name=enum_label("outcome_status", status, lang),
                hovertext=[
                    f"{html.escape(r['actual_raw'])} ({r['actual_year']}) / "
                    f"{html.escape(r['target_raw'])}<br><i>{html.escape(r['actual_source'])} "
                    f"({r['actual_grade']})</i>"
                    for r in mine
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    fig.add_vline(x=TARGET_LINE, line={"color": NATIONAL_COLOUR, "dash": "dash", "width": 1})
    fig.update_xaxes(title=None)
    fig.update_yaxes(autorange="reversed", title=None)
    lines = sum(len(_label_lines(r, lang)) for r in rows)
    height = 140 + LINE_PX * lines + ROW_PX * len(rows)
    return _style(fig, sentence("outcomes_chart_title", lang, year=year), height=height)
