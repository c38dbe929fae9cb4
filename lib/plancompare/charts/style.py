"""The suite's one visual style: fonts, one fixed colour per region, the plotly template, the
labels in each report language, and the small helpers every figure shares."""

from __future__ import annotations

import html
import re
import textwrap
import unicodedata
import zlib

import plotly.graph_objects as go
import polars as pl

from plancompare.i18n import LICENCE, sentence

FONT_FAMILY = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
REGION_COLOURS = {
    "minqin": "#1b9e77",
    "guizhou": "#d95f02",
    "wuzhong": "#7570b3",
    "xianning": "#e7298a",
    "dayao": "#66a61e",
}
_FALLBACK_COLOURS = ("#e6ab02", "#a6761d", "#666666", "#1f78b4", "#b2df8a", "#fb9a99", "#cab2d6")
BASELINE_COLOUR = "#9e9e9e"


def region_colour(region_id: str) -> str:
    if region_id in REGION_COLOURS:
        return REGION_COLOURS[region_id]
    return _FALLBACK_COLOURS[zlib.crc32(region_id.encode()) % len(_FALLBACK_COLOURS)]


# Columns per line of a wrapped title and of a wrapped axis label (a Chinese character takes
# two), so that a chart fits a phone (390 px) without scrolling sideways.
TITLE_WIDTH = 38
PANEL_TITLE_WIDTH = 32  # a panel title starts right of the axis labels
LABEL_WIDTH = 26
_TOKEN = re.compile(
    r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+\s*|\s+"
)


def line_count(label: str) -> int:
    """How many lines a wrapped label takes."""
    return label.count("<br>") + 1


def wrapped(text: str, width: int = TITLE_WIDTH) -> str:
    """A title or label broken into lines of at most `width` columns (between words, or
    between any two Chinese characters), escaped for plotly."""
    lines, line, used = [], "", 0
    for token in _TOKEN.findall(text):
        size = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in token.rstrip())
        if line and used + size > width:
            lines.append(line.rstrip())
            line, used = "", 0
        line += token
        used += size + len(token) - len(token.rstrip())
    lines.append(line.rstrip())
    return "<br>".join(html.escape(one) for one in lines if one)


def _hover(row: dict, lang: str) -> str:
    """The quote behind a mark and where it stands: the plan and its line, in words."""
    quote = "<br>".join(textwrap.wrap(html.escape(row.get("quote") or ""), 40))
    if not quote:  # one plan's figure (a profile): its line says where
        return f"<i>{html.escape(sentence('at_line', lang, line=row.get('line', '')))}</i>"
    name = row.get(f"region_name_{lang}") or row.get("region_name_zh") or row.get("region_id")
    where = sentence("plan_line", lang, region=name or "", line=row.get("line", ""))
    return f"{quote}<br><i>{html.escape(where)}</i>"


# The columns a figure of statements draws, where its frame has them: its rows and CSV show
# these (plus quote, line and source).
STATEMENT_COLUMNS = [
    "region_id",
    "region_name_zh",
    "region_name_en",
    "indicator_id",
    "indicator_name_zh",
    "indicator_name_en",
    "name_zh",
    "name_en",
    "unit",
    "baseline_year",
    "baseline_raw",
    "baseline_value",
    "target_year",
    "target_raw",
    "target_value",
    "comparator",
    "hedge",
    "effective",
    "conflict",
]


# What names one statement's row (a plan may state an indicator on several lines).
ROW_KEY = ["region_id", "indicator_id", "target_year", "line"]


def _takeaway(
    fig: go.Figure,
    chart_id: str,
    frame: pl.DataFrame,
    columns: list[str],
    lang: str,
    national: pl.DataFrame | None = None,
    subset: bool = False,
    quotes: bool = True,
) -> go.Figure:
    """Mark a figure as one a reader can take away (see charts.renderer): its anchor id, the
    columns it draws (its rows and CSV show these, plus quote, line and source), and the sources
    line: the plans whose rows it draws, and the national publishers where it draws theirs.
    With `subset`, `frame` holds only some of the rows the caller has (a profile draws the
    statements whose ask it can tell): their keys go along, so the rows shown are those drawn.
    Without `quotes`, its rows name each figure's line and source but leave the quote to the
    page's own table (a long plan's profile would otherwise carry every quote twice)."""
    name = next((c for c in (f"region_name_{lang}", "region_name_zh") if c in frame.columns), None)
    names = sorted(set(frame[name].drop_nulls())) if name else []
    separator = sentence("list_separator", lang)
    if names:
        parts = [sentence("sources_plans", lang, regions=separator.join(names))]
    elif "region_id" in frame.columns:  # a figure of positions among the plans (standing)
        parts = [sentence("sources_all_plans", lang)]
    else:
        parts = []
    if national is not None and national.height:
        publishers = dict.fromkeys(
            f"{r['publisher']} ({r['grade']})" for r in national.to_dicts() if r["publisher"]
        )
        parts.append(sentence("sources_national", lang, publishers=", ".join(publishers)))
    meta = dict(fig.layout.meta or {})
    meta["chart"] = {
        "id": chart_id,
        "lang": lang,
        "columns": [c for c in columns if c in frame.columns],
        "sources": sentence("sources", lang, sources="; ".join(parts)),
        "licence": LICENCE[lang],
        "quotes": quotes,
    }
    if subset:
        meta["chart"]["rows"] = {"key": ROW_KEY, "values": frame.select(ROW_KEY).rows()}
    fig.layout.meta = meta  # (replaced whole either way; update_layout costs more)
    return fig


# plotly_white's look in the few settings these figures use. The full template would add ~7 KB
# of defaults for every trace type to each figure on every page.
_AXIS = {"gridcolor": "#ebf0f8", "linecolor": "#ebf0f8", "zerolinecolor": "#ebf0f8", "ticks": ""}
TEMPLATE = go.layout.Template(
    layout={
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "font": {"color": "#2a3f5f"},
        "hovermode": "closest",
        "xaxis": {**_AXIS, "zerolinewidth": 2},
        "yaxis": {**_AXIS, "zerolinewidth": 2},
    }
)


def trace(kind: str, **properties) -> dict:
    """A trace of type `kind` ("scatter", "bar") as the dict `fig.add_trace` takes: plotly
    checks it once, when added; a go.Scatter is checked when made and again when added, which
    doubled the cost of a profile's chart."""
    return {"type": kind, **properties}


def panel_axes(panel: int) -> dict[str, str]:
    """The axes a trace of stacked panel `panel` (1 at the top) draws on: {"xaxis": "x2",
    "yaxis": "y2"} for the second, as plotly names them on a trace."""
    suffix = "" if panel == 1 else str(panel)
    return {"xaxis": f"x{suffix}", "yaxis": f"y{suffix}"}


def panel_layout_axes(panel: int) -> tuple[str, str]:
    """The layout's keys for the same axes: ("xaxis2", "yaxis2") for the second panel."""
    return tuple(f"{key}{axis[1:]}" for key, axis in panel_axes(panel).items())


def stacked_panels(
    titles: list[str],
    heights: list[float] | None = None,
    spacing: float = 0.0,
    axes: list[tuple[dict, dict]] | None = None,
    title_align: str = "center",
) -> go.Figure:
    """Panels one above the other, each full width, `heights` tall relative to each other and
    `spacing` apart (fractions of the plot area), its title above its top edge: the grid
    plotly's make_subplots lays out for one column, built in one go. (make_subplots also builds
    plotly's whole default template, which `_style` replaces, and merges each setting into the
    layout one by one: a third of a profile chart's cost.) `axes` holds each panel's own x and y
    axis settings; a trace takes its panel's axes from `panel_axes`. `title_align`: "left",
    "center" or "right" over the panel."""
    heights = heights or [1] * len(titles)
    share = (1 - spacing * (len(titles) - 1)) / sum(heights)
    layout: dict = {"annotations": []}
    top = 1.0
    axes = axes or [({}, {})] * len(titles)
    for panel, (title, height, (x_settings, y_settings)) in enumerate(
        zip(titles, heights, axes, strict=True), start=1
    ):
        x, y = panel_axes(panel).values()
        x_key, y_key = panel_layout_axes(panel)
        bottom = max(0.0, top - height * share)
        layout[x_key] = {"anchor": y, "domain": [0.0, 1.0], **x_settings}
        layout[y_key] = {"anchor": x, "domain": [bottom, top], **y_settings}
        layout["annotations"].append(
            {
                "font": {"family": FONT_FAMILY, "size": 16},
                "showarrow": False,
                "text": title,
                "x": {"left": 0, "center": 0.5, "right": 1}[title_align],
                "xanchor": title_align,
                "xref": "paper",
                "y": top,
                "yanchor": "bottom",
                "yref": "paper",
                **({} if title_align == "center" else {"align": title_align}),
            }
        )
        top = bottom - spacing
    return go.Figure(layout=layout)


def _style(fig: go.Figure, title: str, height: int | None = None) -> go.Figure:
    text = wrapped(title)
    # Set one property at a time: update_layout parses and merges every nested key, about four
    # times the cost (a tenth of a profile report's time went here), and no figure sets these
    # before it is styled.
    layout = fig.layout
    # Anchored at the top edge, so a wrapped title grows down into its margin and never onto a
    # panel title below it.
    layout.title = {
        "text": text,
        "x": 0.01,
        "yref": "container",
        "y": 1,
        "yanchor": "top",
        "pad": {"t": 22},
    }
    layout.font = {"family": FONT_FAMILY, "size": 13}
    layout.template = TEMPLATE
    # The legend sits at the foot of the figure, below the axis titles, never on them.
    layout.margin = {"l": 10, "r": 10, "t": 70 + 20 * text.count("<br>"), "b": 120}
    layout.legend = {
        "orientation": "h",
        "yref": "container",
        "y": 0,
        "yanchor": "bottom",
        "x": 0,
        "font": {"size": 11},
    }
    layout.hoverlabel = {"font": {"family": FONT_FAMILY}}
    if height:
        layout.height = height
    # Category labels stand clear of the value axis's first tick ("0" under the last region).
    for axis in fig.select_yaxes():
        axis.automargin, axis.ticklabelstandoff = True, 8
    for axis in fig.select_xaxes():
        axis.automargin = True  # a wrapped axis title stays below its tick labels
    return fig


def _value_text(row: dict, kind: str) -> str:
    return html.escape(row.get(f"{kind}_raw") or "")


# How a target's comparator is drawn; a range (between) as its committed end with a band to the
# other end.
_SHAPES = {">=": "floor", ">": "floor", "<=": "ceiling", "<": "ceiling", "between": "range"}
