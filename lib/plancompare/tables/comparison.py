"""The comparison on report pages: regions against the national target, the spread ranking
and who it leaves out, conflicting statements, and why some measures are never ranked."""

from __future__ import annotations

import html
from collections.abc import Collection

import polars as pl
from IPython.display import HTML

from plancompare.i18n import NEVER_RANKED, display_name, enum_label, labels
from plancompare.tables.comparison_text import with_comparison_text
from plancompare.tables.frames import with_display_names
from plancompare.tables.markup import table


def national_table(comparison: pl.DataFrame, lang: str, compared: Collection[str] = ()) -> HTML:
    """Every region's 2025 target against the national 2025 target, for each indicator the
    national plan sets one for (`query.comparison(target_year=2025)`); indicators in `compared`
    link to their comparison page."""
    rows = comparison.filter(pl.col("national_target_raw").is_not_null())
    rows = with_comparison_text(with_display_names(rows, lang), lang)
    return table(
        rows,
        {
            "indicator": "indicator",
            "region": "region",
            "target_raw": "target",
            "national_target": "national_target",
            "vs_national_text": "vs_national",
            "line": "line",
        },
        lang,
        link=("indicator", "region"),
        compared=compared,
    )


def left_out_summary(left_out: pl.DataFrame, indicators: pl.DataFrame, lang: str) -> HTML:
    """Which regions the spread ranking leaves out, and why (`query.left_out`), one list per
    reason; silent plans only counted. Regions kept despite conflicting statements are named."""
    labels(lang)
    names = {r["indicator_id"]: display_name(r, "", lang) for r in indicators.to_dicts()}
    parts = [f"<p>{html.escape(NEVER_RANKED[lang])}</p>"]
    items = []
    for (reason,), group in sorted(left_out.group_by("reason"), key=lambda g: -g[1].height):
        label = html.escape(enum_label("reason", reason, lang))
        if reason == "not stated":
            n = {"zh": f"{group.height}项", "en": f"{group.height} pairs"}[lang]
            items.append(f"<li>{label}: {n}</li>")
            continue
        by_indicator = group.group_by("indicator_id", maintain_order=True).agg(
            pl.col("region_id").sort()
        )
        entries = "; ".join(
            f"{html.escape(names.get(i, i))} ({', '.join(map(html.escape, regions))})"
            for i, regions in by_indicator.sort("indicator_id").iter_rows()
        )
        items.append(
            f"<li><details><summary>{label}: {group.height}</summary>{entries}</details></li>"
        )
    heading_text = {
        "zh": "未进入排序的地区及原因（地区 id）：",
        "en": "Regions not in the ranking, and why (region ids):",
    }[lang]
    parts.append(f'<p>{html.escape(heading_text)}</p><ul class="left-out">{"".join(items)}</ul>')
    return HTML("".join(parts))


def _place(row: dict, lang: str) -> str:
    kind = enum_label("kind", row.get("kind") or "", lang)
    if lang == "zh":
        return f"{row['target_raw']}（{kind}，第{row['line']}行）"
    where = "the table" if row.get("kind") == "table" else "prose"
    return f"{row['target_raw']} in {where}, line {row['line']}"


def conflict_sentences(statements: pl.DataFrame, lang: str) -> HTML | None:
    """One sentence per region whose plan states the indicator in conflicting ways, every
    statement with its place, and which one is compared
    (`query.compare(…, all_statements=True)`)."""
    labels(lang)
    rows = statements.filter(pl.col("conflict").fill_null(False)).to_dicts()
    sentences = []
    for region_id in dict.fromkeys(r["region_id"] for r in rows):
        mine = sorted(
            (r for r in rows if r["region_id"] == region_id), key=lambda r: not r["effective"]
        )
        name = display_name(mine[0], "region_", lang)
        used = _place(mine[0], lang)
        others = ("；" if lang == "zh" else "; ").join(_place(r, lang) for r in mine[1:])
        sentences.append(
            {
                "zh": f"⚠ {name}的规划表述冲突：{others}；{used}。图表和比较采用后者"
                "（表格优先于正文，数值优先于文字，点值优先于区间，再取最早的一行），"
                "另一表述画在同一行的空心标记上。",
                "en": f"⚠ {name}'s plan states conflicting values: {others}; {used}. The chart "
                "and the comparison use the latter (a table before prose, a number before words, "
                "a point before a bound, then the earliest line); the other is drawn "
                "beside it as an open marker.",
            }[lang]
        )
    if not sentences:
        return None
    return HTML("".join(f'<p class="conflict">{html.escape(s)}</p>' for s in sentences))


def measure_note(measure: str | None, lang: str) -> HTML | None:
    """Why a count or standard indicator is shown region by region and never ranked."""
    note = {
        "count": {
            "zh": "这是总量指标：数值随地区人口和规模变化，"
            "因此逐地区列出，不跨地区排序或比较高低。",
            "en": "This is a count: it grows with a region's population and size, so regions "
            "are shown one by one and never ranked against each other.",
        },
        "standard": {
            "zh": "这是标准类指标：按机构或单位设定（如每个乡镇一所），"
            "因此逐地区列出，不跨地区排序。",
            "en": "This is a standard set per facility or unit (such as one per township), so "
            "regions are shown one by one and never ranked against each other.",
        },
    }.get(measure or "")
    return HTML(f'<p class="measure-note">{html.escape(note[lang])}</p>') if note else None


def spread_table(comparable: pl.DataFrame, lang: str, compared: Collection[str] = ()) -> HTML:
    """The spread ranking's table (`query.comparable`): the relative spread as a percentage
    rounded for reading (the chart's hover and the database keep it exact); indicators in
    `compared` link to their comparison page."""
    rows = with_display_names(comparable, lang).with_columns(
        pl.col("relative_spread")
        .map_elements(lambda v: f"{v:.1%}", return_dtype=pl.String)
        .alias("relative_spread_text")
    )
    return table(
        rows,
        {
            "indicator": "indicator",
            "unit": "unit",
            "n_regions": "n_regions",
            "target_min": "target_min",
            "target_max": "target_max",
            "relative_spread_text": "relative_spread",
            "n_conflicting": "n_conflicting",
        },
        lang,
        link=("indicator",),
        compared=compared,
    )
