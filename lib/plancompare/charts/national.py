"""The national yardstick: the country's path for an indicator against the regions' targets,
and the citation every national figure carries."""

from __future__ import annotations

import html

import plotly.graph_objects as go
import polars as pl

from plancompare.charts.style import (
    BASELINE_COLOUR,
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

_OPEN_ENDED = {
    ">=": "triangle-up-open",
    ">": "triangle-up-open",
    "<=": "triangle-down-open",
    "<": "triangle-down-open",
}
NATIONAL_COLOUR = "#424242"


def national_citation(path: pl.DataFrame, lang: str = "zh") -> str:
    """The sources of a national path (`query.national_path`), one per publisher and date, with
    their grade, in the page language: the caption every national figure needs."""
    labels(lang)
    text = NATIONAL_LABELS[lang]
    cited = dict.fromkeys(
        (r["publisher"], r["published_on"], r["grade"]) for r in path.iter_rows(named=True)
    )
    parts = [
        f"{publisher}（{date + '，' if date else ''}{text['grade'][grade]}）"
        if lang == "zh"
        else f"{publisher} ({date + ', ' if date else ''}{text['grade'][grade]})"
        for publisher, date, grade in cited
    ]
    separator = sentence("list_separator", lang)
    colon = "：" if lang == "zh" else ": "
    return text["national_sources"] + colon + separator.join(parts)


def _all_regions_as_one_trace(fig: go.Figure, rows: list[dict], text: dict, lang: str) -> None:
    """Every region's baseline → target as segments of one grey trace (gaps between regions);
    floors and ceilings keep their open triangles."""
    xs, ys, symbols, hover = [], [], [], []
    for r in rows:
        name = display_name(r, "region_", lang) or r["region_id"]
        if r.get("baseline_value") is not None and r.get("baseline_year"):
            xs.append(r["baseline_year"])
            ys.append(r["baseline_value"])
            symbols.append("circle")
            hover.append(f"{name} {text['baseline']}: {_value_text(r, 'baseline')}")
        xs.append(r["target_year"])
        ys.append(r["target_value"])
        symbols.append(_OPEN_ENDED.get(r.get("comparator"), "circle"))
        hover.append(f"{name} {text['target']}: {_value_text(r, 'target')}")
        xs.append(None)
        ys.append(None)
        symbols.append("circle")
        hover.append("")
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines+markers",
            line={"color": BASELINE_COLOUR, "width": 1},
            marker={"color": BASELINE_COLOUR, "size": 6, "symbol": symbols},
            opacity=0.6,
            name=f"{text['regions_all']} ({len(rows)})",
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )


# The national figures the chart draws, with their citations; each region's segment is a row
# of the comparison the page lists beside it.
NATIONAL_COLUMNS = [
    "indicator_id",
    "name_zh",
    "name_en",
    "unit",
    "kind",
    "year",
    "value_raw",
    "value",
    "comparator",
    "grade",
    "publisher",
    "title",
    "published_on",
    "read_at",
]


def national_path_chart(
    path: pl.DataFrame,
    regions: pl.DataFrame,
    lang: str = "zh",
    next_targets: pl.DataFrame | None = None,
) -> go.Figure:
    """One indicator over time: the country's actual path (a line; C-grade points as open
    markers), the national 2025 target as a dashed reference line, and each region's baseline →
    target as a segment in its colour, a floor or ceiling drawn as an open triangle pointing the
    way it leaves open. `path` is `query.national_path(indicator)`; `regions` holds one row per
    region (e.g. `query.comparison(indicator=…, target_year=2025)`); `next_targets`, the
    national targets of the next plan (`query.national(indicator)` rows of kind target after
    2025), each a star at its year."""
    text = {**labels(lang), **NATIONAL_LABELS[lang]}
    fig = go.Figure()
    actual = [r for r in path.iter_rows(named=True) if r["kind"] == "actual"]
    target = [r for r in path.iter_rows(named=True) if r["kind"] == "target"]
    if actual:
        fig.add_trace(
            go.Scatter(
                x=[r["year"] for r in actual],
                y=[r["value"] for r in actual],
                mode="lines",
                line={"color": NATIONAL_COLOUR, "width": 2},
                showlegend=False,
                hoverinfo="skip",
            )
        )
    for name, symbol, rows in (
        (text["national_actual"], "circle", [r for r in actual if r["grade"] != "C"]),
        (text["national_actual_c"], "circle-open", [r for r in actual if r["grade"] == "C"]),
    ):
        if rows:
            fig.add_trace(
                go.Scatter(
                    x=[r["year"] for r in rows],
                    y=[r["value"] for r in rows],
                    mode="markers",
                    marker={
                        "color": NATIONAL_COLOUR,
                        "size": 10,
                        "symbol": symbol,
                        "line": {"color": NATIONAL_COLOUR, "width": 2},
                    },
                    name=name,
                    hovertext=[
                        f"{r['year']}: {html.escape(r['value_raw'])}<br>"
                        f"<i>{html.escape(r['publisher'])}, {r['published_on'] or ''} "
                        f"({r['grade']})</i>"
                        for r in rows
                    ],
                    hovertemplate="%{hovertext}<extra></extra>",
                )
            )
    if target:
        goal = target[0]
        years = [r["year"] for r in actual] + [2020, goal["year"]]
        fig.add_trace(
            go.Scatter(
                x=[min(years), goal["year"]],
                y=[goal["value"]] * 2,
                mode="lines",
                line={"color": NATIONAL_COLOUR, "dash": "dash", "width": 1.5},
                name=f"{text['national_target']}: {goal['value_raw']}",
                hovertext=[f"{text['national_target']}: {html.escape(goal['value_raw'])}"] * 2,
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    for r in next_targets.iter_rows(named=True) if next_targets is not None else ():
        label = NATIONAL_LABELS[lang]["national_next_target"].format(year=r["year"])
        fig.add_trace(
            go.Scatter(
                x=[r["year"]],
                y=[r["value"]],
                mode="markers",
                marker={"color": NATIONAL_COLOUR, "size": 14, "symbol": "star-open"},
                name=f"{label}: {r['value_raw']}",
                hovertext=[
                    f"{label}: {html.escape(r['value_raw'])}<br><i>"
                    f"{html.escape(r['publisher'])}, {r['published_on'] or ''} ({r['grade']})</i>"
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    stated = [r for r in regions.iter_rows(named=True) if r.get("target_value") is not None]
    if len(stated) > MAX_REGIONS_DRAWN:
        # Thousands of regions: one trace for all, so the page stays light and the legend legible.
        _all_regions_as_one_trace(fig, stated, text, lang)
        stated = []
    for r in stated:
        name = display_name(r, "region_", lang) or r["region_id"]
        has_baseline = r.get("baseline_value") is not None and r.get("baseline_year")
        colour = region_colour(r["region_id"])
        fig.add_trace(
            go.Scatter(
                x=([r["baseline_year"]] if has_baseline else []) + [r["target_year"]],
                y=([r["baseline_value"]] if has_baseline else []) + [r["target_value"]],
                mode="lines+markers",
                line={"color": colour, "width": 2},
                marker={
                    "color": colour,
                    "size": [8] * bool(has_baseline) + [13],
                    "symbol": ["circle"] * bool(has_baseline)
                    + [_OPEN_ENDED.get(r.get("comparator"), "circle")],
                    "line": {"color": colour, "width": 2},
                },
                name=name,
                legendgroup=r["region_id"],
                hovertext=[
                    f"{name} {text['baseline']} {r['baseline_year']}: {_value_text(r, 'baseline')}"
                ]
                * bool(has_baseline)
                + [
                    f"<b>{name} {text['target']} {r['target_year']}: "
                    f"{_value_text(r, 'target')}</b><br>{_hover(r, lang)}"
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    first = path.row(0, named=True) if path.height else {}
    if any(r["grade"] == "C" for r in actual):
        fig.add_annotation(
            text=html.escape(text["grade_c_note"]),
            xref="paper",
            yref="paper",
            x=1,
            y=1.02,
            xanchor="right",
            yanchor="bottom",
            showarrow=False,
            font={"size": 11, "color": "#757575"},
        )
    fig.update_xaxes(dtick=1, title=None)
    # The figure's title names the indicator; the axis only its unit, in the page language.
    fig.update_yaxes(title=unit_label(first.get("unit", ""), lang))
    _style(fig, display_name(first, "", lang))
    chart_id = f"national-{first.get('indicator_id', '')}"
    return _takeaway(fig, chart_id, path, NATIONAL_COLUMNS, lang, national=path)
