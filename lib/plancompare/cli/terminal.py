"""Frames for a person at a terminal (a titled table as wide as the terminal) or for a script
(CSV, JSON). Figures are never cut: only text columns wrap onto more lines to fit."""

from __future__ import annotations

import shutil
import sys
import unicodedata
from collections.abc import Iterable
from typing import TextIO

import polars as pl

GAP = "  "
MIN_TEXT_WIDTH = 8  # below this a wrapped cell is harder to read than a wide table


def display_width(text: str) -> int:
    """Terminal columns `text` takes: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` columns, broken after the last space, `_`, `-` or `,`
    of a line, or anywhere (between Chinese characters) where there is none."""
    lines, line = [], ""
    for char in text:
        if display_width(line + char) > width:
            cut = max(line.rfind(c) for c in " _-,")
            if cut > 0:
                lines.append(line[: cut + 1].rstrip())
                line = line[cut + 1 :]
            else:
                lines.append(line)
                line = ""
        line += char
    return [*lines, line]


def _cell(value) -> str:
    return "" if value is None else str(value)


def _fit(natural: list[int], minimum: list[int], first: list[bool], total: int) -> list[int]:
    """Column widths summing to at most `total` (gaps excluded): the widest column that may still
    shrink gives up a column at a time, the `first` ones before the others; none below its
    minimum."""
    widths = list(natural)
    while sum(widths) > total:
        shrinkable = [i for i, w in enumerate(widths) if w > minimum[i]]
        if not shrinkable:
            break
        preferred = [i for i in shrinkable if first[i]] or shrinkable
        widest = max(preferred, key=lambda i: widths[i])
        widths[widest] -= 1
    return widths


def format_table(
    frame: pl.DataFrame,
    title: str,
    width: int,
    figures: Iterable[str] = (),
    wrap_first: Iterable[str] = (),
) -> str:
    """`frame` as a titled plain-text table at most `width` columns wide (if its figures fit).
    Columns in `figures` never wrap; those in `wrap_first` (long names) wrap before the others."""
    figures, wrap_first = set(figures), set(wrap_first)
    header = frame.columns
    rows = [[_cell(v) for v in row] for row in frame.iter_rows()]
    natural = [
        max([display_width(header[i]), *(display_width(r[i]) for r in rows)])
        for i in range(len(header))
    ]
    # A figure keeps its width; its header may wrap at `_` down to the width of its longest word.
    header_min = [max(display_width(word) + 1 for word in name.split("_")) for name in header]
    minimum = [
        max([header_min[i], *(display_width(r[i]) for r in rows)])
        if name in figures or frame.schema[name].is_numeric()
        else min(natural[i], max(MIN_TEXT_WIDTH, header_min[i]))
        for i, name in enumerate(header)
    ]
    first = [name in wrap_first for name in header]
    widths = _fit(natural, minimum, first, width - len(GAP) * (len(header) - 1))

    def lines_of(cells: list[str]) -> list[str]:
        wrapped = [wrap(c, w) for c, w in zip(cells, widths, strict=True)]
        out = []
        for k in range(max(len(w) for w in wrapped)):
            parts = []
            for i, column_lines in enumerate(wrapped):
                text = column_lines[k] if k < len(column_lines) else ""
                pad = " " * (widths[i] - display_width(text))
                numeric = frame.schema[header[i]].is_numeric()
                parts.append(pad + text if numeric else text + pad)
            out.append(GAP.join(parts).rstrip())
        return out

    out = [title, *lines_of(header), GAP.join("─" * w for w in widths)]
    for row in rows:
        out += lines_of(row)
    return "\n".join(out)


def write_frame(
    frame: pl.DataFrame,
    fmt: str,
    title: str,
    figures: Iterable[str] = (),
    wrap_first: Iterable[str] = (),
    out: TextIO | None = None,
) -> None:
    """Print `frame` as a table fitting the terminal ($COLUMNS), or as CSV or JSON for scripts."""
    out = out or sys.stdout
    if fmt == "csv":
        out.write(frame.write_csv())
    elif fmt == "json":
        out.write(frame.write_json() + "\n")
    else:
        width = shutil.get_terminal_size().columns
        out.write(format_table(frame, title, width, figures, wrap_first) + "\n")
