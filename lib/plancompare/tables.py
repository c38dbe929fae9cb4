"""Readable HTML tables and headings for notebooks and reports.

Every curated string is HTML-escaped here, so a name containing `<script>` shows as text.
"""

from __future__ import annotations

import base64
import html

import polars as pl
from IPython.display import HTML

from plancompare.charts import labels
from plancompare.exports import csv_text
from plancompare.values import describe_conversion, parse_cell, source_unit

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
        "notes": "整理说明",
        "change": "变化",
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
        "notes": "Curation notes",
        "change": "Change",
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


def heading(text: str, level: int = 2) -> HTML:
    return HTML(f"<h{level}>{html.escape(text)}</h{level}>")


def paragraph(text: str) -> HTML:
    return HTML(f"<p>{html.escape(text)}</p>")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4g}"
    return html.escape(str(value))


# Reports live one folder deep (reports/<kind>/…), beside reports/sources/.
SOURCES_URL = "../sources"
LINKED_COLUMNS = ("line", "quote")  # cells that open the plan text at the row's line


def source_href(region_id: str, line: int) -> str:
    """Where a plan's line is shown in the site: its source page, anchored at the line."""
    return f"{SOURCES_URL}/{html.escape(region_id)}.html#L{int(line)}"


def _linked_cell(value, region_id, line) -> str:
    if value is None or region_id is None or line is None:
        return _cell(value)
    return f'<a class="source-line" href="{source_href(region_id, line)}">{_cell(value)}</a>'


MAX_ROWS = 300
MORE_ROWS = {
    "zh": "另有{n}行未显示（完整数据见 data/processed/targets.csv）",
    "en": "{n} more rows not shown (full data: data/processed/targets.csv)",
}


def table(
    frame: pl.DataFrame, columns: dict[str, str], lang: str, max_rows: int = MAX_ROWS
) -> HTML:
    """`columns` maps a frame column to a COLUMN_LABELS key (its heading). Past `max_rows` the
    table stops with a note: a report page must stay readable at thousands of regions. Where the
    frame has `region_id` and `line`, line and quote cells link to that line of the plan text."""
    labels(lang)  # one clear error for an unknown language
    names = COLUMN_LABELS[lang]
    head = "".join(f"<th>{html.escape(names.get(key, key))}</th>" for key in columns.values())
    linked = {"region_id", "line"} <= set(frame.columns)
    body = []
    for row in frame.head(max_rows).iter_rows(named=True):
        cells = "".join(
            f"<td>{_linked_cell(row[column], row['region_id'], row['line'])}</td>"
            if linked and column in LINKED_COLUMNS
            else f"<td>{_cell(row[column])}</td>"
            for column in columns
        )
        body.append(f"<tr>{cells}</tr>")
    if frame.height > max_rows:
        note = html.escape(MORE_ROWS[lang].format(n=frame.height - max_rows))
        body.append(f'<tr><td colspan="{len(columns)}"><i>{note}</i></td></tr>')
    return HTML(
        '<table class="plancompare-table"><thead><tr>'
        + head
        + "</tr></thead><tbody>"
        + "".join(body)
        + "</tbody></table>"
    )


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
