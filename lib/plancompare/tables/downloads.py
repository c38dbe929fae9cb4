"""A link that saves a frame as CSV, the data inside the link; a figure's rows behind a toggle."""

from __future__ import annotations

import base64
import html

import polars as pl
from IPython.display import HTML

from plancompare.i18n import DOWNLOAD_LABELS, labels, sentence
from plancompare.tables.markup import table


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


def csv_text(frame: pl.DataFrame) -> str:
    """The frame as CSV; list and struct columns become text (CSV holds no nesting)."""
    flat = frame.with_columns(
        [
            pl.col(name).list.eval(pl.element().cast(pl.String)).list.join("; ")
            if isinstance(dtype, pl.List)
            else pl.col(name).struct.json_encode()
            for name, dtype in frame.schema.items()
            if isinstance(dtype, pl.List | pl.Struct)
        ]
    )
    return flat.write_csv()


# What a reader needs to check a chart's row against its plan, after the columns it draws.
EVIDENCE_COLUMNS = ("line", "quote", "source")


def chart_rows(fig, frame: pl.DataFrame, plans: pl.DataFrame, lang: str) -> HTML:
    """The rows behind a figure one click away: a toggle showing them, and the same rows as a
    CSV, both with the columns the figure draws (its `meta.chart.columns`, set by the charts
    package) plus the quote (unless the figure says the page carries it), its line and its
    source (the plan's title, from `plans`, `query.regions()`). `frame` is what the figure was
    drawn from."""
    chart = (fig.layout.meta or {})["chart"]
    rows = frame
    if "rows" in chart:  # the figure draws only these of the frame's rows
        key = chart["rows"]["key"]
        drawn = pl.DataFrame(chart["rows"]["values"], schema=frame.select(key).schema, orient="row")
        rows = rows.join(drawn, on=key, how="semi", nulls_equal=True)
    if "region_id" in frame.columns and "line" in frame.columns:
        titles = plans.select("region_id", pl.col("plan_title").alias("source"))
        rows = rows.join(titles, on="region_id", how="left")
    evidence = [c for c in EVIDENCE_COLUMNS if c in rows.columns]
    if not chart.get("quotes", True):  # the page's own table carries them (charts._takeaway)
        evidence = [c for c in evidence if c != "quote"]
    columns = [*chart["columns"], *evidence]
    rows = rows.select(list(dict.fromkeys(columns)))
    shown = table(rows, {c: c for c in rows.columns}, lang).data
    link = download(rows, chart["id"], lang).data
    summary = html.escape(sentence("chart_rows", lang, n=rows.height))
    return HTML(
        f'<details class="chart-rows" data-chart="chart-{html.escape(chart["id"])}">'
        f"<summary>{summary}</summary>{shown}</details>{link}"
    )
