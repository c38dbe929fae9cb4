"""The suite's one visual style: fonts, one fixed colour per region, the plotly template, the
labels in each report language, and the small helpers every figure shares."""

from __future__ import annotations

import html
import textwrap
import zlib

import plotly.graph_objects as go

from plancompare import catalog
from plancompare.names import UnknownChoiceError

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
# Above this many regions a per-region chart is unreadable; charts aggregate instead.
MAX_REGIONS_DRAWN = 40

LABELS = {
    "zh": {
        "baseline": "基期",
        "target": "目标",
        "not_stated": "未说明",
        "region": "地区",
        "indicator": "指标",
        "value": "数值",
        "share": "占比",
        "count": "指标数",
        "binding": "约束性",
        "expected": "预期性",
        "unmarked": "未标注",
        "table": "表格",
        "prose": "正文",
        "relative_spread": "目标相对离散度（极差÷均值）",
        "relative_change": "目标较基期变化（%）",
        "position": "相对位置（各地区最高值 = 100）",
        "others_min": "其他地区最低",
        "others_max": "其他地区最高",
        "source": "出处",
        "line": "行",
        "floor": "下限（≥）",
        "ceiling": "上限（≤）",
        "point": "点值",
    },
    "en": {
        "baseline": "Baseline",
        "target": "Target",
        "not_stated": "not stated",
        "region": "Region",
        "indicator": "Indicator",
        "value": "Value",
        "share": "Share",
        "count": "Indicators",
        "binding": "Binding",
        "expected": "Expected",
        "unmarked": "Unmarked",
        "table": "Table",
        "prose": "Prose",
        "relative_spread": "Relative spread of targets (range ÷ mean)",
        "relative_change": "Target vs baseline (% change)",
        "position": "Relative position (highest region = 100)",
        "others_min": "Lowest of the other regions",
        "others_max": "Highest of the other regions",
        "source": "Source",
        "line": "line",
        "floor": "floor (≥)",
        "ceiling": "ceiling (≤)",
        "point": "point",
    },
}


def labels(lang: str) -> dict[str, str]:
    if lang not in LABELS:
        raise UnknownChoiceError(f"unknown lang {lang!r}; valid choices: {', '.join(LABELS)}")
    return LABELS[lang]


def unit_label(unit: str, lang: str) -> str:
    """A catalog unit in the report's language (English names from catalog.UNIT_NAMES_EN)."""
    return catalog.UNIT_NAMES_EN.get(unit, unit) if lang == "en" else unit


def region_colour(region_id: str) -> str:
    if region_id in REGION_COLOURS:
        return REGION_COLOURS[region_id]
    return _FALLBACK_COLOURS[zlib.crc32(region_id.encode()) % len(_FALLBACK_COLOURS)]


def display_name(row: dict, prefix: str, lang: str) -> str:
    """Display name: `{prefix}name_zh` or `{prefix}name_en` by language."""
    return row.get(f"{prefix}name_{lang}") or row.get(f"{prefix}name_zh") or ""


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


_SHAPES = {">=": "floor", ">": "floor", "<=": "ceiling", "<": "ceiling"}
