"""Readable HTML tables and headings for notebooks and reports.

Every curated string is HTML-escaped here, so a name containing `<script>` shows as text. Every
label, status and enum value is shown in the report's language; curated free text (quotes, notes,
issuers) is shown as written. Region and indicator cells can link to their own report page.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Iterable

import polars as pl
from IPython.display import HTML

from plancompare import catalog
from plancompare.charts import MAX_REGIONS_DRAWN, labels, unit_label
from plancompare.exports import csv_text
from plancompare.site.reports import compared_indicators, report_path
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


# Reports live one folder deep (reports/<kind>/…), beside reports/sources/.
SOURCES_URL = "../sources"
LINKED_COLUMNS = ("line", "quote")  # cells that open the plan text at the row's line


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
    subject's report where one exists; where the frame has `region_id` and `line`, line and quote
    cells link to that line of the plan text. Past `max_rows` the table stops with a note: a
    report page must stay readable at thousands of regions."""
    labels(lang)  # one clear error for an unknown language
    names = COLUMN_LABELS[lang]
    keys = list(columns.values())
    head = "".join(
        f'<th class="col-{html.escape(key)}">{html.escape(names.get(key, key))}</th>'
        for key in keys
    )
    hrefs = _link_targets(link, frame, lang)
    linked = {"region_id", "line"} <= set(frame.columns)
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
            elif linked and column in LINKED_COLUMNS and None not in (value, row["line"]):
                href = source_href(row["region_id"], row["line"])
                text = f'<a class="source-line" href="{href}">{text}</a>'
            cells.append(f'<td class="col-{html.escape(key)}">{text}</td>')
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
