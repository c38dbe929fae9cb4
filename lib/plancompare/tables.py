"""Readable HTML tables and headings for notebooks and reports.

Every curated string is HTML-escaped here, so a name containing `<script>` shows as text. Every
label, status and enum value is shown in the report's language; curated free text (quotes, notes,
issuers) is shown as written. Region and indicator cells can link to their own report page.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Iterable

import polars as pl
from IPython.display import HTML

from plancompare import catalog
from plancompare.charts import ASK_LABELS, MAX_REGIONS_DRAWN, ask_text, labels, unit_label
from plancompare.comparison_model import COMPARISON_YEAR
from plancompare.exports import csv_text
from plancompare.site.reports import compared_indicators, report_path
from plancompare.text import to_simplified
from plancompare.values import describe_conversion, parse_cell, plain_number, source_unit

# Column headings by language; a column not listed shows its own name.
COLUMN_LABELS = {
    "zh": {
        "region": "地区",
        "indicator": "指标",
        "domain": "领域",
        "status": "状态",
        "baseline": "基期（原文）",
        "target": "目标（原文）",
        "value": "目标（统一单位）",
        "unit": "单位",
        "unit_in_source": "原文单位",
        "attribute": "属性",
        "kind": "出处类型",
        "line": "行",
        "quote": "原文引文",
        "notes": "整理者说明（原文照录）",
        "change": "变化",
        "direction": "方向",
        "comparator": "比较符",
        "n_regions": "地区数",
        "target_min": "最低目标",
        "target_max": "最高目标",
        "relative_spread": "相对离散度",
        "target_year": "目标年",
        "conversion": "单位换算",
    },
    "en": {
        "region": "Region",
        "indicator": "Indicator",
        "domain": "Domain",
        "status": "Status",
        "baseline": "Baseline (as written)",
        "target": "Target (as written)",
        "value": "Target (catalog unit)",
        "unit": "Unit",
        "unit_in_source": "Unit in source",
        "attribute": "Attribute",
        "kind": "Stated in",
        "line": "Line",
        "quote": "Quote",
        "notes": "Curator's note (as written, in Chinese)",
        "change": "Change",
        "direction": "Direction",
        "comparator": "Comparator",
        "n_regions": "Regions",
        "target_min": "Lowest target",
        "target_max": "Highest target",
        "relative_spread": "Relative spread",
        "target_year": "Target year",
        "conversion": "Unit conversion",
    },
}
STATUS_LABELS = {
    "zh": {
        "stated": "已说明",
        "not stated": "未说明",
        "qualitative": "定性目标",
        "baseline only": "仅有基期",
    },
    "en": {
        "stated": "stated",
        "not stated": "not stated",
        "qualitative": "qualitative",
        "baseline only": "baseline only",
    },
}
# Enum values as the database stores them, by column, shown in the report's language.
ENUM_LABELS = {
    "zh": {
        "status": STATUS_LABELS["zh"],
        "direction": {
            "higher_is_better": "越高越好",
            "lower_is_better": "越低越好",
            "neutral": "中性",
        },
        "kind": {"table": "表格", "prose": "正文"},
        "attribute": {"约束性": "约束性", "预期性": "预期性"},
        "comparator": {">=": "不低于", ">": "高于", "<=": "不高于", "<": "低于", "=": "等于"},
        "domain": {d: d for d in catalog.DOMAINS},
    },
    "en": {
        "status": STATUS_LABELS["en"],
        "direction": {
            "higher_is_better": "higher is better",
            "lower_is_better": "lower is better",
            "neutral": "neutral",
        },
        "kind": {"table": "table", "prose": "text"},
        "attribute": {"约束性": "binding", "预期性": "expected"},
        "comparator": {">=": "at least", ">": "above", "<=": "at most", "<": "below", "=": "equal"},
        "domain": catalog.DOMAIN_NAMES_EN,
    },
}
# Display columns that link to a report page: the kind of page and the id column it is about.
LINKS = {
    "region": ("region_profile", "region_id"),
    "indicator": ("indicator_compare", "indicator_id"),
}


def enum_label(column: str, value: str, lang: str) -> str:
    """`value` of an enum column in `lang`; a value the table does not know shows as stored."""
    return ENUM_LABELS[lang].get(column, {}).get(value, value)


def domain_name(domain: str, lang: str) -> str:
    return enum_label("domain", domain, lang)


def heading(text: str, level: int = 2) -> HTML:
    return HTML(f"<h{level}>{html.escape(text)}</h{level}>")


def paragraph(text: str) -> HTML:
    return HTML(f"<p>{html.escape(text)}</p>")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return plain_number(value)
    return html.escape(str(value))


def report_href(kind: str, subject: str, lang: str) -> str:
    """Link from one report page to another (both one folder below reports/)."""
    return "../" + report_path(kind, subject, lang)


def _link_targets(link: Iterable[str], frame: pl.DataFrame, lang: str) -> dict[str, dict]:
    """For each linked display column: subject id -> href, for the subjects that have a page."""
    targets = {}
    for column in link:
        kind, id_column = LINKS[column]
        ids = set(frame[id_column].drop_nulls()) if id_column in frame.columns else set()
        if kind == "indicator_compare":
            ids &= compared_indicators()
        targets[column] = {i: report_href(kind, i, lang) for i in ids}
    return targets


# Columns the stylesheet lays out (min widths, no wrapping): only their cells carry a class, which
# keeps long tables light; every header names its column (th.col-<key>).
STYLED_COLUMNS = frozenset({"region", "indicator", "quote", "notes", "line", "unit"})

# Reports live one folder deep (reports/<kind>/…), beside reports/sources/.
SOURCES_URL = "../sources"
# The cell that opens the plan text at the row's line: the quote where the table shows one (one
# link a row keeps long tables light), else the line number.
LINKED_COLUMNS = ("quote", "line")


def source_href(region_id: str, line: int) -> str:
    """Where a plan's line is shown in the site: its source page, anchored at the line."""
    return f"{SOURCES_URL}/{html.escape(region_id)}.html#L{int(line)}"


MAX_ROWS = 300
MORE_ROWS = {
    "zh": "另有{n}行未显示（完整数据见 data/processed/targets.csv）",
    "en": "{n} more rows not shown (full data: data/processed/targets.csv)",
}


def table(
    frame: pl.DataFrame,
    columns: dict[str, str],
    lang: str,
    max_rows: int = MAX_ROWS,
    link: Iterable[str] = (),
) -> HTML:
    """`columns` maps a frame column to a COLUMN_LABELS key (its heading); enum columns show in
    `lang`. `link` names display columns ("region", "indicator") whose cells link to that
    subject's report where one exists; where the frame has `region_id` and `line`, the quote
    cell (or, without one, the line cell) links to that line of the plan text. Past `max_rows`
    the table stops with a note: a report page must stay readable at thousands of regions."""
    labels(lang)  # one clear error for an unknown language
    names = COLUMN_LABELS[lang]
    keys = list(columns.values())
    head = "".join(
        f'<th class="col-{html.escape(key)}">{html.escape(names.get(key, key))}</th>'
        for key in keys
    )
    hrefs = _link_targets(link, frame, lang)
    linked = {"region_id", "line"} <= set(frame.columns)
    source_column = next((c for c in LINKED_COLUMNS if c in columns), None)
    body = []
    for row in frame.head(max_rows).iter_rows(named=True):
        cells = []
        for column, key in columns.items():
            value = row[column]
            if column == "unit" and isinstance(value, str):
                value = unit_label(value, lang)
            text = _cell(enum_label(column, value, lang) if isinstance(value, str) else value)
            href = hrefs.get(column, {}).get(row.get(LINKS.get(column, ("", ""))[1]))
            if href:
                text = f'<a href="{html.escape(href)}">{text}</a>'
            elif linked and column == source_column and None not in (value, row["line"]):
                text = f'<a href="{source_href(row["region_id"], row["line"])}">{text}</a>'
            cls = f' class="col-{key}"' if key in STYLED_COLUMNS else ""
            cells.append(f"<td{cls}>{text}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    if frame.height > max_rows:
        note = html.escape(MORE_ROWS[lang].format(n=frame.height - max_rows))
        body.append(f'<tr><td colspan="{len(columns)}"><i>{note}</i></td></tr>')
    return HTML(
        '<div class="table-scroll"><table class="plancompare-table"><thead><tr>'
        + head
        + "</tr></thead><tbody>"
        + "".join(body)
        + "</tbody></table></div>"
    )


ISSUERS_SHOWN = 2


def plan_summary(about: dict, profile: pl.DataFrame, lang: str) -> HTML:
    """Who issued the plan and when, and how many targets it states. A long issuer list (one
    plan names 22 departments) shows its first names, the full list one click away."""
    issuers = [i for i in about["issuer"].replace("，", "、").split("、") if i.strip()]
    n_table = profile.filter(pl.col("kind") == "table").height
    n_prose = profile.height - n_table
    shown = html.escape("、".join(issuers[:ISSUERS_SHOWN]))
    rest = len(issuers) - ISSUERS_SHOWN
    if rest > 0:
        shown += html.escape({"zh": f"等{len(issuers)}个单位", "en": f" and {rest} more"}[lang])
    date = html.escape(str(about["issued_on"] or ""))
    counts = {
        "zh": f"{shown}，{date}印发；共{profile.height}条目标，"
        f"其中表格{n_table}条、正文{n_prose}条。",
        "en": f"Issued by {shown} on {date}; {profile.height} targets, {n_table} from tables "
        f"and {n_prose} from the text.",
    }[lang]
    if rest <= 0:
        return HTML(f"<p>{counts}</p>")
    summary = {"zh": "全部发文单位（原文）", "en": "All issuers (as written)"}[lang]
    return HTML(
        f'<p>{counts}</p><details class="issuers"><summary>{summary}</summary>'
        f"{html.escape(about['issuer'])}</details>"
    )


COVERAGE_CELLS = {
    "zh": {"numeric": "数值", "qualitative": "定性", "not stated": "—"},
    "en": {"numeric": "numeric", "qualitative": "qualitative", "not stated": "—"},
}


def _coverage_cell(status: str | None, lang: str) -> str:
    status = status or "not stated"
    text = COVERAGE_CELLS[lang].get(status, html.escape(status))
    return f'<td class="cov cov-{status.replace(" ", "-")}">{text}</td>'


def coverage_table(coverage: pl.DataFrame, lang: str) -> HTML:
    """Which plan states which indicator: one small table per domain, the indicators most plans
    share first, each cell coloured and labelled by status. Past MAX_REGIONS_DRAWN regions, one
    count per indicator instead of a column per region."""
    labels(lang)
    regions = coverage.unique("region_id", maintain_order=True).sort("region_id").to_dicts()
    many = len(regions) > MAX_REGIONS_DRAWN
    counts = coverage.group_by("indicator_id").agg(
        (pl.col("status") != "not stated").sum().alias("n_regions")
    )
    rows = coverage.join(counts, on="indicator_id")
    domain_order = {d: n for n, d in enumerate(catalog.DOMAINS)}
    linked = compared_indicators()
    if many:
        region_head = f"<th>{html.escape(COLUMN_LABELS[lang]['n_regions'])}</th>"
    else:
        region_head = "".join(
            f'<th class="col-region"><a href="{report_href("region_profile", r["region_id"], lang)}'
            f'">{html.escape(r[f"region_name_{lang}"] or r["region_name_zh"])}</a></th>'
            for r in regions
        )
    parts = []
    for (domain,), group in sorted(
        rows.group_by("domain"), key=lambda g: domain_order.get(g[0][0], len(domain_order))
    ):
        indicators = group.unique("indicator_id").sort(
            ["n_regions", f"name_{lang}"], descending=[True, False], nulls_last=True
        )
        status = {(r["indicator_id"], r["region_id"]): r["status"] for r in group.to_dicts()}
        body = []
        for ind in indicators.to_dicts():
            name = html.escape(ind[f"name_{lang}"] or ind["name_zh"])
            if ind["indicator_id"] in linked:
                href = report_href("indicator_compare", ind["indicator_id"], lang)
                name = f'<a href="{href}">{name}</a>'
            if many:
                cells = f"<td>{ind['n_regions']}</td>"
            else:
                cells = "".join(
                    _coverage_cell(status.get((ind["indicator_id"], r["region_id"])), lang)
                    for r in regions
                )
            body.append(f'<tr><th class="col-indicator">{name}</th>{cells}</tr>')
        title = html.escape(domain_name(domain, lang))
        parts.append(
            f"<h3>{title}</h3>"
            '<div class="table-scroll"><table class="plancompare-table coverage"><thead><tr>'
            f'<th class="col-indicator">{html.escape(COLUMN_LABELS[lang]["indicator"])}</th>'
            f"{region_head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
        )
    return HTML("".join(parts))


def with_display_names(frame: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Add `region` and `indicator` display columns and translate `status`."""
    labels(lang)
    out = frame
    if "region_name_zh" in frame.columns:
        out = out.with_columns(pl.col(f"region_name_{lang}").alias("region"))
    name = "indicator_name" if "indicator_name_zh" in frame.columns else "name"
    if f"{name}_{lang}" in frame.columns:
        out = out.with_columns(pl.col(f"{name}_{lang}").alias("indicator"))
    if "status" in frame.columns:
        out = out.with_columns(pl.col("status").replace(STATUS_LABELS[lang]))
    return out


def with_conversion(frame: pl.DataFrame) -> pl.DataFrame:
    """Add `conversion`: how the target went from the unit it was read in (the same rule the
    build applied) into the catalog unit."""
    conversions = [
        describe_conversion(source_unit(parse_cell(raw), unit_in_source), unit)
        for raw, unit_in_source, unit in frame.select(
            "target_raw", "unit_in_source", "unit"
        ).iter_rows()
    ]
    return frame.with_columns(pl.Series("conversion", conversions, dtype=pl.String))


DOWNLOAD_LABELS = {"zh": "下载数据（CSV，{n}行）", "en": "Download the data (CSV, {n} rows)"}


def download(frame: pl.DataFrame, name: str, lang: str) -> HTML:
    """A link that saves every row and column of `frame` (not only the rows and columns shown)
    as `<name>.csv`. The CSV travels inside the link as a data: URI, so the link works the same
    in a rendered report, a page opened from disk and a notebook in JupyterLab; the BOM lets
    Excel read the Chinese text as UTF-8."""
    labels(lang)
    data = base64.b64encode(("\ufeff" + csv_text(frame)).encode("utf-8")).decode("ascii")
    label = html.escape(DOWNLOAD_LABELS[lang].format(n=frame.height))
    return HTML(
        f'<p class="plancompare-download"><a download="{html.escape(name)}.csv" '
        f'href="data:text/csv;charset=utf-8;base64,{data}">{label}</a></p>'
    )


# --- the comparison model in reports ----------------------------------------------------------
# Its columns and enum values join the tables above from here, in one block, so that other
# changes to those tables merge cleanly.
COMPARISON_COLUMN_LABELS = {
    "zh": {
        "ask": "目标要求",
        "vs_national": "与全国目标相比",
        "measure": "度量类型",
        "period": "统计口径",
        "hedge": "限定词（原文）",
        "commitment": "约束力",
        "margin": "余量",
        "national_target": "全国2025年目标",
        "other_statements": "同一规划的其他表述",
        "reason": "未比较的原因",
        "regions": "地区",
        "n_conflicting": "表述冲突的地区数",
    },
    "en": {
        "ask": "What it asks",
        "vs_national": "Against the national target",
        "measure": "Measure",
        "period": "Period",
        "hedge": "Hedge (as written)",
        "commitment": "Commitment",
        "margin": "Margin",
        "national_target": "National 2025 target",
        "other_statements": "Other statements in the plan",
        "reason": "Why not compared",
        "regions": "Regions",
        "n_conflicting": "Regions with conflicting statements",
    },
}
COMPARISON_ENUM_LABELS = {
    lang: {
        "ask": {k: v for k, v in ASK_LABELS[lang].items() if k != "margin"},
        "vs_national": {
            "zh": {"above": "高于", "at": "持平", "below": "低于", "none": "不可比"},
            "en": {"above": "above", "at": "at", "below": "below", "none": "not comparable"},
        }[lang],
        "measure": {
            "zh": {"rate": "比率", "count": "总量", "standard": "标准"},
            "en": {"rate": "rate", "count": "count (a total)", "standard": "standard (per unit)"},
        }[lang],
        "period": {
            "zh": {"level": "水平值", "annual": "年度值", "cumulative": "五年累计"},
            "en": {"level": "level", "annual": "per year", "cumulative": "five-year total"},
        }[lang],
        "reason": {
            "zh": {
                "not stated": "规划未说明",
                "other target year": "目标年不是2025年",
                "no other region to compare with": "没有其他地区可比",
                "qualitative": "定性目标，没有数值",
                "count measure": "总量指标：随地区规模变化，不跨地区排序",
                "standard measure": "标准类指标：按机构或单位设定，不跨地区排序",
                "conflicting statements kept but flagged": "同一规划表述冲突：保留并标注",
            },
            "en": {
                "not stated": "the plan does not state it",
                "other target year": "a target year other than 2025",
                "no other region to compare with": "no other region to compare with",
                "qualitative": "qualitative, no number",
                "count measure": "a count: it grows with a region's size, never ranked",
                "standard measure": "a standard set per facility or unit, never ranked",
                "conflicting statements kept but flagged": "conflicting statements: kept, flagged",
            },
        }[lang],
    }
    for lang in ("zh", "en")
}
for _lang in COLUMN_LABELS:
    COLUMN_LABELS[_lang].update(COMPARISON_COLUMN_LABELS[_lang])
    ENUM_LABELS[_lang].update(COMPARISON_ENUM_LABELS[_lang])

# The plans' hedge words (simplified), in English; a page in Chinese shows them as written.
HEDGE_WORDS_EN = {
    "力争": "strive to",
    "争取": "aim to",
    "确保": "ensure",
    "原则上": "in principle",
    "左右": "about",
    "力求": "strive for",
    "约": "about",
    "基本": "basically",
}


def hedge_text(hedge: str | None, lang: str) -> str:
    """A statement's hedge words (stored comma-separated, as written) in the page language."""
    if not hedge:
        return ""
    words = [w.strip() for w in hedge.split(",") if w.strip()]
    if lang == "zh":
        return "、".join(words)
    return ", ".join(f"{w} ({HEDGE_WORDS_EN.get(to_simplified(w), '?')})" for w in words)


def commitment_text(row: dict, lang: str) -> str:
    """How strongly the plan commits: its attribute (约束性/预期性) and hedge words."""
    parts = [enum_label("attribute", row["attribute"], lang)] if row.get("attribute") else []
    if row.get("hedge"):
        parts.append(hedge_text(row["hedge"], lang))
    return ("；" if lang == "zh" else "; ").join(parts)


# Why a region's target and the national one cannot be compared (vs_national = none), in the
# order plancompare.comparison_model.vs_national checks.
NOT_COMPARABLE = {
    "zh": {
        "no_target": "没有数值目标",
        "measure": "{measure}指标，不与全国比较",
        "period": "{period}，全国目标为水平值",
        "year": "目标年为{year}年",
        "open": "区间的开口方向不构成可比的承诺",
        "national_qualitative": "全国目标为定性表述",
        "national": "全国目标不是2025年水平值",
    },
    "en": {
        "no_target": "no numeric target",
        "measure": "a {measure} measure, not compared with the nation",
        "period": "a {period}; the national target is a level",
        "year": "target year {year}",
        "open": "its range is open in the good direction: no commitment to compare",
        "national_qualitative": "the national target is qualitative",
        "national": "the national target is not a 2025 level",
    },
}


def _not_comparable_key(row: dict) -> str:
    if row.get("target_value") is None:
        return "no_target"
    if row.get("measure") != "rate":
        return "measure"
    if row.get("period") != "level":
        return "period"
    if row.get("target_year") != COMPARISON_YEAR:
        return "year"
    if row.get("national_target_value") is None:
        return "national_qualitative" if row.get("national_target_raw") else "no_national"
    open_side = {"higher_is_better": ("<=", "<"), "lower_is_better": (">=", ">")}
    if row.get("comparator") in open_side.get(row.get("direction"), ()):
        return "open"
    return "national"


NO_NATIONAL_TARGET_MARK = "–"
NO_NATIONAL_TARGET = {
    "zh": "“与全国目标相比”一栏中的“–”表示全国规划没有为该指标设定2025年数值目标。",
    "en": "A “–” against the national target means the national plan sets no numeric 2025 "
    "target for that indicator.",
}


def vs_national_text(row: dict, lang: str) -> str:
    """`vs_national` in the page language; `none` says why the two cannot be compared."""
    value = row.get("vs_national") or "none"
    label = enum_label("vs_national", value, lang)
    if value != "none":
        return label
    if _not_comparable_key(row) == "no_national":
        # Most rows of a profile: a dash, which NO_NATIONAL_TARGET explains once above them.
        return NO_NATIONAL_TARGET_MARK
    reason = NOT_COMPARABLE[lang][_not_comparable_key(row)].format(
        # English names the measure as stored: its label carries a parenthesis of its own.
        measure=enum_label("measure", row.get("measure") or "", "zh")
        if lang == "zh"
        else row.get("measure"),
        period=enum_label("period", row.get("period") or "", lang),
        year=row.get("target_year"),
    )
    return f"{label}（{reason}）" if lang == "zh" else f"{label} ({reason})"


_OTHER_PLACE = re.compile(r" \((table|prose), line (\d+)\)")


def with_comparison_text(frame: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Add display columns for the comparison model's columns the frame has: `ask_text` (with
    the margin when already met), `vs_national_text` (with why, when not comparable),
    `commitment` (attribute and hedge words) and `national_target` (as written, with grade)."""
    labels(lang)
    rows = frame.to_dicts()
    columns = {}
    if "ask" in frame.columns:
        columns["ask_text"] = [ask_text(r, lang) if r.get("ask") else None for r in rows]
    if "vs_national" in frame.columns:
        columns["vs_national_text"] = [
            vs_national_text(r, lang) if r.get("target_raw") or r.get("qualitative") else None
            for r in rows
        ]
    if "attribute" in frame.columns or "hedge" in frame.columns:
        columns["commitment"] = [commitment_text(r, lang) or None for r in rows]
    if "other_statements" in frame.columns and lang == "zh":
        # The model describes them in English ("2.5平方米 (prose, line 189)").
        columns["other_statements"] = [
            _OTHER_PLACE.sub(
                lambda m: f"（{enum_label('kind', m[1], 'zh')}，第{m[2]}行）",
                r["other_statements"],
            )
            if r.get("other_statements")
            else None
            for r in rows
        ]
    if "national_target_raw" in frame.columns:
        columns["national_target"] = [
            f"{r['national_target_raw']} ({r['national_grade']})"
            if r.get("national_target_raw")
            else None
            for r in rows
        ]
    return frame.with_columns(
        pl.Series(name, values, dtype=pl.String) for name, values in columns.items()
    )


def national_table(comparison: pl.DataFrame, lang: str) -> HTML:
    """Every region's 2025 target against the national 2025 target, for each indicator the
    national plan sets one for (`query.comparison(target_year=2025)`)."""
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
    )


NEVER_RANKED = {
    "zh": "总量指标（如新增就业人数）随地区人口和规模变化，"
    "标准类指标（如每个乡镇至少一所公办幼儿园）"
    "按机构或单位设定：二者都不跨地区排序，只在各自的指标页上逐地区列出。",
    "en": "Count indicators (such as new urban jobs) grow with a region's population and size, "
    "and standard indicators (such as at least one public kindergarten per township) are set per "
    "facility or unit: neither is ever ranked across regions; their pages list them region by "
    "region.",
}


def left_out_summary(left_out: pl.DataFrame, indicators: pl.DataFrame, lang: str) -> HTML:
    """Which regions the spread ranking leaves out, and why (`query.left_out`), one list per
    reason; silent plans only counted. Regions kept despite conflicting statements are named."""
    labels(lang)
    names = {r["indicator_id"]: r[f"name_{lang}"] or r["name_zh"] for r in indicators.to_dicts()}
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
        name = mine[0][f"region_name_{lang}"] or mine[0]["region_name_zh"]
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


NO_CHANGES = {
    "zh": "该规划没有给出可与2025年目标对照的基期水平值，"
    "因此无法说明各目标较基期要求提升、保持还是下降。",
    "en": "This plan states no baseline level to set its 2025 targets against, so what each "
    "target asks (improve, maintain or decline) cannot be said.",
}


def spread_table(comparable: pl.DataFrame, lang: str) -> HTML:
    """The spread ranking's table (`query.comparable`): the relative spread as a percentage
    rounded for reading (the chart's hover and the database keep it exact)."""
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
    )
