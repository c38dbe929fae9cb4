"""A link that saves a frame as CSV, the data inside the link."""

from __future__ import annotations

import base64
import html

import polars as pl
from IPython.display import HTML

from plancompare.i18n import DOWNLOAD_LABELS, labels
from plancompare.store.exports import csv_text


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
