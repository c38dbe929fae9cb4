"""Every figure in the suite, in one visual style.

Colours mean the same thing in every report (one fixed colour per region), hover text carries the
source quote, and a target's comparator is drawn as its marker: ▶ a floor (≥), ◀ a ceiling (≤),
● a point. Importing this module registers the `plancompare` plotly renderer, which emits each
figure both as plotly JSON (JupyterLab draws it) and as an HTML div that needs plotly.js on the page
(nbconvert keeps it; the report template loads plotly.js once from reports/assets/).
"""

from __future__ import annotations

import functools
import html
import textwrap
import zlib

import plotly.graph_objects as go
import plotly.io as pio
import polars as pl
from plotly.io._base_renderers import MimetypeRenderer
from plotly.subplots import make_subplots

from plancompare import catalog
from plancompare.names import UnknownChoiceError
from plancompare.values import plain_number

FONT_FAMILY = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
REGION_COLOURS = {
    "minqin": "#1b9e77",
    "guizhou": "#d95f02",
    "wuzhong": "#7570b3",
    "xianning": "#e7298a",
    "dayao": "#66a61e",
}
_FALLBACK_COLOURS = ("#e6ab02", "#a6761d", "#666666", "#1f78b4", "#b2df8a", "#fb9a99", "#cab2d6")
STATUS_COLOURS = {
    "numeric": "#2b8cbe",
    "qualitative": "#a6bddb",
    "baseline only": "#ece7f2",
    "not stated": "#f7f7f7",
}
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
        "regions_stating": "说明该指标的地区数",
        "others_min": "其他地区最低",
        "others_max": "其他地区最高",
        "source": "出处",
        "line": "行",
        "floor": "下限（≥）",
        "ceiling": "上限（≤）",
        "point": "点值",
        "numeric": "有数值目标",
        "qualitative": "定性目标",
        "baseline only": "仅有基期",
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
        "regions_stating": "Regions stating the indicator",
        "others_min": "Lowest of the other regions",
        "others_max": "Highest of the other regions",
        "source": "Source",
        "line": "line",
        "floor": "floor (≥)",
        "ceiling": "ceiling (≤)",
        "point": "point",
        "numeric": "numeric target",
        "qualitative": "qualitative target",
        "baseline only": "baseline only",
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


def _name(row: dict, prefix: str, lang: str) -> str:
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


def dumbbells(
    fig: go.Figure,
    rows: list[dict],
    y_of,
    lang: str,
    *,
    row: int = 1,
    col: int = 1,
    legend_done: set[str] | None = None,
) -> None:
    """Baseline → target per row: grey baseline dot, line, and a target marker shaped by its
    comparator; rows with no numeric target are labelled, not drawn at zero. A handful of traces
    for all rows (not several per row): figure building and export stay fast."""
    text = labels(lang)
    legend_done = set() if legend_done is None else legend_done  # one legend entry per kind
    silent = [r for r in rows if r.get("target_value") is None]
    drawn = [r for r in rows if r.get("target_value") is not None]
    add = functools.partial(fig.add_trace, row=row, col=col)
    if silent:
        add(
            go.Scatter(
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
            add(
                go.Scatter(
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
        add(
            go.Scatter(
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
    ):
        points = [r for r in drawn if _SHAPES.get(r.get("comparator"), "point") == shape]
        if not points:
            continue
        add(
            go.Scatter(
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
                    f"{_value_text(r, 'target')}</b><br>{_hover(r)}"
                    for r in points
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
        legend_done.add(shape)


def headline_chart(headline: pl.DataFrame, lang: str = "zh") -> go.Figure:
    """The three headline indicators side by side for every region, baseline → target."""
    text = labels(lang)
    indicators = headline.unique("indicator_id", maintain_order=True).to_dicts()
    titles = [f"{_name(i, 'indicator_', lang)} ({unit_label(i['unit'], lang)})" for i in indicators]
    fig = make_subplots(
        rows=1,
        cols=len(indicators),
        subplot_titles=titles,
        shared_yaxes=True,
        horizontal_spacing=0.04,
    )
    n_regions = headline["region_id"].n_unique()
    legend_done: set[str] = set()
    for col, indicator in enumerate(indicators, start=1):
        rows = headline.filter(pl.col("indicator_id") == indicator["indicator_id"])
        if n_regions > MAX_REGIONS_DRAWN:
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
                    ),
                    row=1,
                    col=col,
                )
            fig.update_xaxes(
                title_text=f"n = {stated.height} · {text['not_stated']}: {silent}", row=1, col=col
            )
            continue
        dumbbells(
            fig,
            rows.to_dicts(),
            lambda r: _name(r, "region_", lang),
            lang,
            col=col,
            legend_done=legend_done,
        )
    fig.update_xaxes(rangemode="tozero")
    fig.update_annotations(font={"family": FONT_FAMILY})
    title = {
        "zh": "三项核心指标：2020年基期 → 2025年目标",
        "en": "Three headline indicators: 2020 baseline → 2025 target",
    }[lang]
    return _style(
        fig, title, height=180 + 40 * n_regions if n_regions <= MAX_REGIONS_DRAWN else 420
    )


def coverage_heatmap(coverage: pl.DataFrame, lang: str = "zh") -> go.Figure:
    """Which plan states which indicator. Past MAX_REGIONS_DRAWN regions: how many regions
    state each indicator instead of one column per region."""
    text = labels(lang)
    n_regions = coverage["region_id"].n_unique()
    names = coverage.unique("indicator_id", maintain_order=True)
    indicator_names = [_name(r, "", lang) for r in names.to_dicts()]
    if n_regions > MAX_REGIONS_DRAWN:
        counts = coverage.group_by("indicator_id", maintain_order=True).agg(
            (pl.col("status") != "not stated").sum().alias("n")
        )
        fig = go.Figure(
            go.Bar(
                x=counts["n"],
                y=indicator_names,
                orientation="h",
                marker_color=STATUS_COLOURS["numeric"],
            )
        )
        fig.update_xaxes(title=text["regions_stating"])
        title = {
            "zh": f"指标覆盖：{n_regions}个地区中说明各指标的地区数",
            "en": f"Coverage: regions (of {n_regions}) stating each indicator",
        }[lang]
        return _style(fig, title, height=200 + 14 * len(indicator_names))
    statuses = list(STATUS_COLOURS)
    wide = coverage.with_columns(
        pl.col("status").replace_strict({s: n for n, s in enumerate(statuses)}).alias("code")
    )
    regions = wide.unique("region_id", maintain_order=True).to_dicts()
    z = [[None] * len(regions) for _ in indicator_names]
    hover = [[""] * len(regions) for _ in indicator_names]
    index = {r["indicator_id"]: n for n, r in enumerate(names.to_dicts())}
    region_index = {r["region_id"]: n for n, r in enumerate(regions)}
    for r in wide.to_dicts():
        i, j = index[r["indicator_id"]], region_index[r["region_id"]]
        z[i][j] = r["code"]
        status = text["not_stated"] if r["status"] == "not stated" else text[r["status"]]
        hover[i][j] = (
            f"{html.escape(indicator_names[i])}<br>"
            f"{html.escape(_name(r, 'region_', lang))}: {status}"
        )
    n = len(statuses)
    colourscale = []
    for k, s in enumerate(statuses):
        colourscale += [[k / n, STATUS_COLOURS[s]], [(k + 1) / n, STATUS_COLOURS[s]]]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[_name(r, "region_", lang) for r in regions],
            y=indicator_names,
            zmin=-0.5,
            zmax=n - 0.5,
            colorscale=colourscale,
            text=hover,
            hoverinfo="text",
            xgap=1,
            ygap=1,
            colorbar={
                "tickvals": list(range(n)),
                "ticktext": [
                    text["not_stated"] if s == "not stated" else text[s] for s in statuses
                ],
            },
        )
    )
    fig.update_yaxes(autorange="reversed", tickfont={"size": 10})
    fig.update_xaxes(side="top")
    title = {
        "zh": "指标覆盖：各规划说明了哪些指标",
        "en": "Coverage: which plan states which indicator",
    }[lang]
    return _style(fig, title, height=200 + 14 * len(indicator_names))


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
    ys = [_name(r, "", lang) for r in regions.to_dicts()] or [
        {"zh": "全部地区", "en": "All regions"}[lang]
    ]
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
    title = {"zh": "各规划的目标构成", "en": "What each plan's targets are made of"}[lang]
    return _style(fig, title, height=220 + 35 * len(ys))


def spread_chart(comparable: pl.DataFrame, lang: str = "zh", top: int = 25) -> go.Figure:
    """Rate indicators two or more plans state as a 2025 level (`query.comparable`: effective
    statements, comparator-aware), ranked by the relative spread of their targets. A spread
    between regions, not a change over time."""
    text = labels(lang)
    rows = comparable.sort("relative_spread", descending=True, nulls_last=True).head(top).to_dicts()
    names = [f"{_name(r, '', lang)} ({unit_label(r['unit'], lang)})" for r in rows]
    fig = go.Figure(
        go.Bar(
            x=[r["relative_spread"] for r in rows],
            y=names,
            orientation="h",
            marker_color="#5e3c99",
            customdata=[[r["n_regions"], r["target_min"], r["target_max"]] for r in rows],
            hovertemplate="%{y}<br>n=%{customdata[0]}: "
            "%{customdata[1]:,.6~r} – %{customdata[2]:,.6~r}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title=text["relative_spread"], tickformat=".0%")
    title = {
        "zh": "多个规划共有的比率指标：2025年目标的相对离散度（极差÷均值）",
        "en": "Rate indicators two or more plans share: relative spread of 2025 targets "
        "(range ÷ mean)",
    }[lang]
    return _style(fig, title, height=200 + 24 * len(rows))


ASK_COLOURS = {
    "improve": "#1a9850",
    "maintain": "#9e9e9e",
    "already_met": "#74add1",
    "decline": "#d73027",
}
ASK_LABELS = {
    "zh": {
        "improve": "提升",
        "maintain": "保持",
        "already_met": "已达到",
        "decline": "下降",
        "unknown": "无法判断",
        "margin": "余量",
    },
    "en": {
        "improve": "improve",
        "maintain": "maintain",
        "already_met": "already met",
        "decline": "decline",
        "unknown": "unknown",
        "margin": "margin",
    },
}


def ask_text(row: dict, lang: str) -> str:
    """What a target asks, in the page language; already met with its margin (in the unit)."""
    text = ASK_LABELS[lang]
    ask = row.get("ask") or "unknown"
    if ask == "already_met" and row.get("margin") is not None:
        unit = unit_label(row.get("unit") or "", lang)
        return (
            f"{text[ask]}（{text['margin']} {plain_number(row['margin'])}{unit}）"
            if (lang == "zh")
            else f"{text[ask]} ({text['margin']} {plain_number(row['margin'])} {unit})"
        )
    return text.get(ask, ask)


def profile_chart(comparison: pl.DataFrame, lang: str = "zh") -> go.Figure | None:
    """What one plan asks of itself, level against level (`query.comparison(region=…)`):
    percentages as baseline → target on a 0–100 axis, other units as the target's change against
    the baseline, each labelled by its ask (improve, maintain, already met with its margin,
    decline). Only the changes the comparison model calls meaningful; None when there are none
    (a plan that states no baselines), so the page says so instead of drawing an empty panel."""
    text = {**labels(lang), **ASK_LABELS[lang]}
    known = comparison.filter(
        (pl.col("period") == "level")
        & pl.col("ask").is_in(list(ASK_COLOURS))
        & pl.col("baseline_value").is_not_null()
        & pl.col("target_value").is_not_null()
    )
    # The profile's table carries every quote; the hover names its place only (a long plan's
    # page stays small).
    known = known.with_columns(pl.lit("").alias("quote"))
    percent = known.filter(pl.col("unit") == "%").to_dicts()
    other = known.filter(pl.col("unit") != "%").to_dicts()
    if not percent and not other:
        return None
    panels = [rows for rows in (percent, other) if rows]
    titles = [
        f"{text['baseline']} → {text['target']} (%)" if rows is percent else text["relative_change"]
        for rows in panels
    ]
    fig = make_subplots(
        rows=len(panels),
        cols=1,
        vertical_spacing=0.12 if len(panels) > 1 else 0,
        row_heights=[len(rows) for rows in panels],
        subplot_titles=titles,
    )

    def label(r):
        return f"{_name(r, '', lang)} · L{r['line']}"

    for row, rows in enumerate(panels, start=1):
        if rows is percent:
            dumbbells(fig, rows, label, lang, row=row)
            xs = [max(r["baseline_value"], r["target_value"]) for r in rows]
            fig.update_xaxes(range=[0, 125], tickvals=list(range(0, 101, 20)), row=row, col=1)
        else:
            xs = [100 * (r["relative_change"] or 0) for r in rows]
            fig.add_trace(
                go.Bar(
                    x=xs,
                    y=[f"{label(r)} ({unit_label(r['unit'], lang)})" for r in rows],
                    orientation="h",
                    marker_color=[ASK_COLOURS[r["ask"]] for r in rows],
                    showlegend=False,
                    hovertext=[
                        f"{_value_text(r, 'baseline')} → {_value_text(r, 'target')}<br>{_hover(r)}"
                        for r in rows
                    ],
                    hoverinfo="text",
                ),
                row=row,
                col=1,
            )
            xs = [max(x, 0) for x in xs]
            fig.update_xaxes(ticksuffix="%", row=row, col=1)
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=[
                    label(r) if rows is percent else f"{label(r)} ({unit_label(r['unit'], lang)})"
                    for r in rows
                ],
                mode="text",
                # An em space keeps the label clear of the target marker.
                text=["\u2003" + html.escape(ask_text(r, lang)) for r in rows],
                textposition="middle right",
                textfont={"color": [ASK_COLOURS[r["ask"]] for r in rows], "size": 12},
                showlegend=False,
                hoverinfo="skip",
            ),
            row=row,
            col=1,
        )
        fig.update_yaxes(autorange="reversed", row=row, col=1)
    if other:
        top = max(100 * (r["relative_change"] or 0) for r in other)
        fig.update_xaxes(
            range=[
                min(0, *(100 * (r["relative_change"] or 0) for r in other)) * 1.1,
                max(top, 1) * 1.35,
            ],
            row=len(panels),
            col=1,
        )
    fig.update_annotations(font={"family": FONT_FAMILY})
    region = _name(comparison.row(0, named=True), "region_", lang)
    title = {
        "zh": f"{region}：目标较基期要求什么（仅水平值对水平值）",
        "en": f"{region}: what each target asks against its baseline (levels only)",
    }[lang]
    return _style(fig, title, height=220 + 24 * (len(percent) + len(other)))


def standing_chart(standing: pl.DataFrame, region_id: str, lang: str = "zh") -> go.Figure:
    """Where one region's target sits among the other regions', each indicator scaled so the
    highest target is 100."""
    text = labels(lang)
    rows = standing.to_dicts()
    names = [f"{_name(r, '', lang)} ({unit_label(r['unit'], lang)})" for r in rows]
    scale = [
        max(abs(v) for v in (r["others_max"], r["target_value"], r["others_min"])) or 1
        for r in rows
    ]
    fig = go.Figure()
    series = (
        (
            "others_min",
            text["others_min"],
            {"color": BASELINE_COLOUR, "symbol": "line-ns-open", "size": 14},
        ),
        (
            "others_max",
            text["others_max"],
            {"color": "#616161", "symbol": "line-ns-open", "size": 14},
        ),
        ("target_value", text["target"], {"color": region_colour(region_id), "size": 13}),
    )
    for column, name, marker in series:
        hover = [plain_number(r[column]) for r in rows]
        if column == "target_value":
            hover = [
                f"{h} (#{r['rank']} / {r['n_others'] + 1})"
                for h, r in zip(hover, rows, strict=True)
            ]
        fig.add_trace(
            go.Scatter(
                x=[100 * r[column] / s for r, s in zip(rows, scale, strict=True)],
                y=names,
                mode="markers",
                marker=marker,
                name=name,
                hovertext=hover,
                hoverinfo="text",
            )
        )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title=text["position"], range=[0, 105])
    title = {"zh": "与其他地区相比", "en": "Against the other regions"}[lang]
    return _style(fig, title, height=200 + 26 * len(rows))


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
        return _name(r, "region_", lang) + (" ⚠" if r.get("conflict") else "")

    references = _national_references(path, text) if path is not None else []
    values = [
        v for r in rows for v in (r.get("baseline_value"), r.get("target_value")) if v is not None
    ] + [v for v, *_ in references]
    # Room right of the highest value for the open ranges' arrows and the reference labels.
    top = max(values, default=1) * (1.35 if references else 1.15) or 1
    if first["unit"] == "%" and max(values, default=0) <= 100:
        top = min(top, 100)
    fig = make_subplots(rows=1, cols=1)
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
                    f"<b>{text['other_statement']}: {_value_text(r, 'target')}</b><br>{_hover(r)}"
                    for r in others
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    for (value, name, dash), side in zip(references, ("top left", "top right"), strict=False):
        fig.add_vline(
            x=value,
            line={"color": NATIONAL_COLOUR, "dash": dash, "width": 1.5},
            annotation={"text": html.escape(name), "font": {"size": 11, "color": NATIONAL_COLOUR}},
            annotation_position=side,
        )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(
        title=unit_label(first["unit"], lang), range=[min(0, *values) if values else 0, top]
    )
    n = len({r["region_id"] for r in rows})
    fig = _style(fig, f"{_name(first, '', lang)}", height=250 + 45 * n)
    fig.update_layout(margin={"t": 90, "b": 90}, legend={"y": -0.25})
    return fig


def _statement_place(row: dict, text: dict) -> str:
    """Where a statement stands in its plan: its value, table or prose, and line."""
    kind = text["statement_kind"].get(row.get("kind"), row.get("kind") or "")
    return f"{row.get('target_raw') or ''} ({kind}, {text['line']} {row.get('line')})"


def _open_ranges(fig: go.Figure, rows: list[dict], y_of, top: float) -> None:
    """A floor or ceiling as the range it leaves open: a pale band from the bound to the axis
    edge in the open direction (a floor to the right, a ceiling to 0), ending in an arrow."""
    for r in rows:
        shape = _SHAPES.get(r.get("comparator"), "point")
        if shape == "point":
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
    subtitle = {"zh": f"（{silent}个地区未说明）", "en": f" ({silent} regions: not stated)"}[lang]
    return _style(fig, _name(first, "", lang) + subtitle)


class ReportRenderer(MimetypeRenderer):
    """Plotly JSON for JupyterLab plus an HTML div for nbconvert. The div expects plotly.js on
    the page, so a report carries plotly.js once instead of 4.8 MB per figure."""

    def to_mimebundle(self, fig_dict):
        config = {"displaylogo": False, "responsive": True}
        return {
            "application/vnd.plotly.v1+json": {
                "data": fig_dict.get("data", []),
                "layout": fig_dict.get("layout", {}),
                "config": config,
            },
            # The figure was validated when built; validating again would double the cost.
            "text/html": pio.to_html(
                fig_dict, full_html=False, include_plotlyjs=False, config=config, validate=False
            ),
        }


pio.renderers["plancompare"] = ReportRenderer()
pio.renderers.default = "plancompare"


# --- the national yardstick -----------------------------------------------------------------

# Kept apart from LABELS so the national figures can be merged without touching shared labels.
NATIONAL_LABELS = {
    "zh": {
        "national_actual": "全国实际值",
        "national_actual_c": "全国实际值（C：转载来源）",
        "national_target": "全国2025年目标",
        "grade_c_note": "空心点 C：读自转载",
        "regions_all": "各地区",
        "national_sources": "全国数据出处",
        "national_latest": "全国{year}年实际",
        "other_statement": "同一规划的另一表述",
        "statement_kind": {"table": "表格", "prose": "正文"},
        "grade": {"A": "A级：官方网站", "B": "B级：主流媒体", "C": "C级：读自转载"},
    },
    "en": {
        "national_actual": "National actual",
        "national_actual_c": "National actual (C: read on a repost)",
        "national_target": "National 2025 target",
        "grade_c_note": "Open markers C: read on a repost",
        "regions_all": "Regions",
        "national_sources": "National figures",
        "national_latest": "National actual {year}",
        "other_statement": "Another statement in the same plan",
        "statement_kind": {"table": "table", "prose": "prose"},
        "grade": {
            "A": "grade A: official site",
            "B": "grade B: major outlet",
            "C": "grade C: read on a repost",
        },
    },
}
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
    separator = "；" if lang == "zh" else "; "
    colon = "：" if lang == "zh" else ": "
    return text["national_sources"] + colon + separator.join(parts)


def _all_regions_as_one_trace(fig: go.Figure, rows: list[dict], text: dict, lang: str) -> None:
    """Every region's baseline → target as segments of one grey trace (gaps between regions);
    floors and ceilings keep their open triangles."""
    xs, ys, symbols, hover = [], [], [], []
    for r in rows:
        name = _name(r, "region_", lang) or r["region_id"]
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


def national_path_chart(path: pl.DataFrame, regions: pl.DataFrame, lang: str = "zh") -> go.Figure:
    """One indicator over time: the country's actual path (a line; C-grade points as open
    markers), the national 2025 target as a dashed reference line, and each region's baseline →
    target as a segment in its colour, a floor or ceiling drawn as an open triangle pointing the
    way it leaves open. `path` is `query.national_path(indicator)`; `regions` holds one row per
    region (e.g. `query.comparison(indicator=…, target_year=2025)`)."""
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
    stated = [r for r in regions.iter_rows(named=True) if r.get("target_value") is not None]
    if len(stated) > MAX_REGIONS_DRAWN:
        # Thousands of regions: one trace for all, so the page stays light and the legend legible.
        _all_regions_as_one_trace(fig, stated, text, lang)
        stated = []
    for r in stated:
        name = _name(r, "region_", lang) or r["region_id"]
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
                    f"{_value_text(r, 'target')}</b><br>{_hover(r)}"
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
    return _style(fig, _name(first, "", lang))
