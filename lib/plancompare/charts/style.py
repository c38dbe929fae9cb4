"""The suite's one visual style: fonts, one fixed colour per region, the plotly template, the
labels in each report language, and the small helpers every figure shares."""

from __future__ import annotations

import html
import textwrap
import zlib

import plotly.graph_objects as go

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


def _hover(row: dict) -> str:
    quote = "<br>".join(textwrap.wrap(html.escape(row.get("quote") or ""), 40))
    where = f"{row.get('source_file', '')}:{row.get('line', '')}"
    return f"{quote}<br><i>{html.escape(where)}</i>"


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


def _style(fig: go.Figure, title: str, height: int | None = None) -> go.Figure:
    fig.update_layout(
        title={"text": html.escape(title), "x": 0.01},
        font={"family": FONT_FAMILY, "size": 13},
        template=TEMPLATE,
        margin={"l": 10, "r": 10, "t": 60, "b": 40},
        legend={"orientation": "h", "y": -0.15},
        hoverlabel={"font": {"family": FONT_FAMILY}},
    )
    if height:
        fig.update_layout(height=height)
    fig.update_yaxes(automargin=True)
    return fig


def _value_text(row: dict, kind: str) -> str:
    return html.escape(row.get(f"{kind}_raw") or "")


# How a target's comparator is drawn; a range (between) as its committed end with a band to the
# other end.
_SHAPES = {">=": "floor", ">": "floor", "<=": "ceiling", "<": "ceiling", "between": "range"}
