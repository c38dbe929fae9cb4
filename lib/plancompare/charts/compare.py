"""One indicator across regions: each effective statement as a dumbbell (a floor or ceiling as
an open range), a plan's other statements beside it, national reference lines."""

from __future__ import annotations

import html

import plotly.graph_objects as go
import polars as pl

from plancompare.charts.dumbbells import dumbbells
from plancompare.charts.national import NATIONAL_COLOUR
from plancompare.charts.style import (
    _SHAPES,
    STATEMENT_COLUMNS,
    _hover,
    _style,
    _takeaway,
    _value_text,
    region_colour,
)
from plancompare.i18n import (
    MAX_REGIONS_DRAWN,
    NATIONAL_LABELS,
    display_name,
    labels,
    sentence,
    unit_label,
)


def compare_chart(
    compare: pl.DataFrame, lang: str = "zh", path: pl.DataFrame | None = None
) -> go.Figure:
    """One indicator across regions, one row per region: its effective statement (baseline →
    target; a floor or ceiling drawn as a range open in its direction, not as a point), the
    plan's other statements beside it as open markers (a conflict marked ⚠), silent regions
    labelled. `compare` is `query.compare(…)`, with `all_statements=True` to show the others;
    `path` (`query.national_path`) adds the national 2025 target and latest actual as reference
    lines, each with its grade."""
    rows = compare.to_dicts()
    if len({r["region_id"] for r in rows}) > MAX_REGIONS_DRAWN:
        return _distribution(compare, lang)
    text = {**labels(lang), **NATIONAL_LABELS[lang]}
    first = rows[0]
    effective = [r for r in rows if r.get("effective") is not False]
    others = [r for r in rows if r.get("effective") is False and r.get("target_value") is not None]

    def label(r):
        return display_name(r, "region_", lang) + (" ⚠" if r.get("conflict") else "")

    references = _national_references(path, text) if path is not None else []
    ends = ("baseline_value", "target_value", "target_high")  # a range's high end too
    values = [v for r in rows for v in map(r.get, ends) if v is not None] + [
        v for v, *_ in references
    ]
    # Room right of the highest value for the open ranges' arrows and the reference labels.
    top = max(values, default=1) * (1.35 if references else 1.15) or 1
    if first["unit"] == "%" and max(values, default=0) <= 100:
        top = min(top, 100)
    fig = go.Figure()
    dumbbells(fig, effective, label, lang)
    _open_ranges(fig, [r for r in effective if r.get("target_value") is not None], label, top)
    if others:
        fig.add_trace(
            go.Scatter(
                x=[r["target_value"] for r in others],
                y=[label(r) for r in others],
                mode="markers+text",
                marker={
                    "color": "white",
                    "size": 13,
                    "symbol": [
                        {"floor": "triangle-right-open", "ceiling": "triangle-left-open"}.get(
                            _SHAPES.get(r.get("comparator"), "point"), "circle-open"
                        )
                        for r in others
                    ],
                    "line": {"color": "#616161", "width": 2},
                },
                # Named beside the effective mark only when they disagree with it.
                text=[_statement_place(r, text) if r.get("conflict") else "" for r in others],
                textposition="top center",
                textfont={"size": 11, "color": "#616161"},
                name=text["other_statement"],
                hovertext=[
                    f"<b>{text['other_statement']}: {_value_text(r, 'target')}</b><br>"
                    + _hover(r, lang)
                    for r in others
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    for value, name, dash in references:
        line = {"color": NATIONAL_COLOUR, "dash": dash, "width": 1.5}
        fig.add_vline(x=value, line=line)
        # Named in the legend, not beside the line: on a phone a label at the line's top runs
        # into the first row's "not stated" and off the right edge.
        fig.add_trace(
            go.Scatter(x=[None], y=[None], mode="lines", line=line, name=html.escape(name))
        )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(
        title=unit_label(first["unit"], lang), range=[min(0, *values) if values else 0, top]
    )
    n = len({r["region_id"] for r in rows})
    fig = _style(fig, f"{display_name(first, '', lang)}", height=250 + 45 * n)
    fig.update_layout(margin={"t": 90})
    chart_id = f"compare-{first['indicator_id']}"
    return _takeaway(fig, chart_id, compare, STATEMENT_COLUMNS, lang, national=path)


def _statement_place(row: dict, text: dict) -> str:
    """Where a statement stands in its plan: its value, table or prose, and line."""
    kind = text["statement_kind"].get(row.get("kind"), row.get("kind") or "")
    return f"{row.get('target_raw') or ''} ({kind}, {text['line']} {row.get('line')})"


def _open_ranges(fig: go.Figure, rows: list[dict], y_of, top: float) -> None:
    """A floor or ceiling as the range it leaves open: a pale band from the bound to the axis
    edge in the open direction (a floor to the right, a ceiling to 0), ending in an arrow; a
    range (1-2) as a band from its low to its high end, with no arrow."""
    for r in rows:
        shape = _SHAPES.get(r.get("comparator"), "point")
        if shape == "point":
            continue
        if shape == "range":
            fig.add_trace(
                go.Scatter(
                    x=[r["target_low"], r["target_high"]],
                    y=[y_of(r)] * 2,
                    mode="lines",
                    line={"color": region_colour(r["region_id"]), "width": 9},
                    opacity=0.3,
                    showlegend=False,
                    hoverinfo="skip",
                )
            )
            continue
        end = top if shape == "floor" else 0
        colour = region_colour(r["region_id"])
        fig.add_trace(
            go.Scatter(
                x=[r["target_value"], end],
                y=[y_of(r)] * 2,
                mode="lines+markers",
                line={"color": colour, "width": 9},
                opacity=0.3,
                marker={
                    "size": [0, 12],
                    "symbol": "triangle-right" if shape == "floor" else "triangle-left",
                    "color": colour,
                },
                showlegend=False,
                hoverinfo="skip",
            )
        )


def _national_references(path: pl.DataFrame, text: dict) -> list[tuple[float, str, str]]:
    """(value, label, line dash) for the national 2025 target and the latest national actual."""
    grade = " (C)"
    out = []
    targets = [r for r in path.iter_rows(named=True) if r["kind"] == "target"]
    actuals = [r for r in path.iter_rows(named=True) if r["kind"] == "actual"]
    if targets:
        r = targets[0]
        out.append(
            (
                r["value"],
                f"{text['national_target']} {r['value_raw']}" + grade * (r["grade"] == "C"),
                "dash",
            )
        )
    if actuals:
        r = actuals[-1]
        out.append(
            (
                r["value"],
                text["national_latest"].format(year=r["year"])
                + f" {r['value_raw']}"
                + grade * (r["grade"] == "C"),
                "dot",
            )
        )
    return out


def _distribution(compare: pl.DataFrame, lang: str) -> go.Figure:
    """At thousands of regions: the distribution of targets instead of one bar per region."""
    text = labels(lang)
    first = compare.row(0, named=True)
    stated = compare.filter(pl.col("target_value").is_not_null())
    fig = go.Figure(go.Histogram(x=stated["target_value"], marker_color="#2b8cbe", nbinsx=40))
    silent = compare.filter(pl.col("status") == "not stated")["region_id"].n_unique()
    fig.update_xaxes(title=f"{text['target']} ({unit_label(first['unit'], lang)})")
    fig.update_yaxes(title=text["region"])
    subtitle = sentence("regions_not_stated", lang, n=silent)
    _style(fig, display_name(first, "", lang) + subtitle)
    chart_id = f"compare-{first['indicator_id']}"
    return _takeaway(fig, chart_id, compare, STATEMENT_COLUMNS, lang)
