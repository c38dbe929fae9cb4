"""A link that saves a frame as CSV, the data inside the link."""

from __future__ import annotations

import base64
import html

import polars as pl
from IPython.display import HTML

from plancompare.i18n import DOWNLOAD_LABELS, labels


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
