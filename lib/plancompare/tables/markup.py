"""HTML headings, paragraphs and tables; table cells link to report pages and to the line of
a plan they quote."""

from __future__ import annotations

import html
from collections.abc import Collection, Iterable

import polars as pl
from IPython.display import HTML

from plancompare.i18n import (
    COLUMN_LABELS,
    MORE_ROWS,
    NOTES_FOLDED,
    domain_name,
    enum_label,
    labels,
    plain_number,
    unit_label,
)
from plancompare.sitemap import report_path

# Display columns that link to a report page: the kind of page and the id column it is about.
LINKS = {
    "region": ("region_profile", "region_id"),
    "indicator": ("indicator_compare", "indicator_id"),
}


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


def _link_targets(
    link: Iterable[str], frame: pl.DataFrame, lang: str, compared: Collection[str]
) -> dict[str, dict]:
    """For each linked display column: subject id -> href, for the subjects that have a page."""
    targets = {}
    for column in link:
        kind, id_column = LINKS[column]
        ids = set(frame[id_column].drop_nulls()) if id_column in frame.columns else set()
        if kind == "indicator_compare":
            ids &= set(compared)
        targets[column] = {i: report_href(kind, i, lang) for i in ids}
    return targets


# Every header names its column (th.col-<key>): the stylesheet lays columns out by their header
# cell (a column is as wide as its widest minimum), so body cells carry no class and long tables
# stay light.

# Reports live one folder deep (reports/<kind>/…), beside reports/sources/.
SOURCES_URL = "../sources"
# The cell that opens the plan text at the row's line: the quote where the table shows one (one
# link a row keeps long tables light), else the line number.
LINKED_COLUMNS = ("quote", "line")


def source_href(region_id: str, line: int) -> str:
    """Where a plan's line is shown in the site: its source page, anchored at the line."""
    return f"{SOURCES_URL}/{html.escape(region_id)}.html#L{int(line)}"


MAX_ROWS = 300


def table(
    frame: pl.DataFrame,
    columns: dict[str, str],
    lang: str,
    max_rows: int = MAX_ROWS,
    link: Iterable[str] = (),
    compared: Collection[str] = (),
) -> HTML:
    """`columns` maps a frame column to a COLUMN_LABELS key (its heading); enum columns show in
    `lang`. `link` names display columns ("region", "indicator") whose cells link to that
    subject's report: every region has one, an indicator only if it is in `compared`
    (`query.compared_indicators()`: the caller asks the database, never this module). Where the
    frame has `region_id` and `line`, the quote cell (or, without one, the line cell) links to
    that line of the plan text. A curator's note (written in English) is folded on a page in
    another language (i18n.NOTES_FOLDED). Past `max_rows` the table stops with a note: a report
    page must stay readable at thousands of regions."""
    labels(lang)  # one clear error for an unknown language
    names = COLUMN_LABELS[lang]
    keys = list(columns.values())
    head = "".join(
        f'<th class="col-{html.escape(key)}">{html.escape(names.get(key, key))}</th>'
        for key in keys
    )
    hrefs = _link_targets(link, frame, lang, compared)
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
            elif key == "notes" and text and lang in NOTES_FOLDED:
                summary = html.escape(NOTES_FOLDED[lang])
                text = f'<details class="note"><summary>{summary}</summary>{text}</details>'
            cells.append(f"<td>{text}</td>")
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


def by_domain(
    frame: pl.DataFrame,
    columns: dict[str, str],
    lang: str,
    link: Iterable[str] = (),
    compared: Collection[str] = (),
) -> HTML:
    """`frame`'s rows as one `table` per domain, each under its domain's heading, in the
    frame's order: one output for all of them (a page's outputs each cost its render a message
    and a template pass)."""
    parts = []
    for (domain,), rows in frame.group_by("domain", maintain_order=True):
        parts.append(heading(domain_name(domain, lang), 3).data)
        parts.append(table(rows, columns, lang, link=link, compared=compared).data)
    return HTML("".join(parts))
