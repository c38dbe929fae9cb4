"""The rendered reports' tables agree with the database: a page that drifts from the comparison
model (effective statement, ask, vs_national, standing rank, comparable ranges) fails here."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from plancompare.i18n import ASK_LABELS, enum_label, labels, plain_number
from plancompare.ingest.values import parse_cell
from plancompare.model.comparison import COMPARISON_YEAR


class _Tables(HTMLParser):
    """The report tables of a page: each row as {column key (th.col-<key>): cell text}. A
    figure's rows behind its toggle (details.chart-rows) are data, not a report table."""

    def __init__(self):
        super().__init__()
        self._in_rows = 0
        self.tables: list[list[dict]] = []
        self._keys: list[str] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class") or ""
        if tag == "details" and "chart-rows" in cls:
            self._in_rows += 1
        if self._in_rows:
            return
        if tag == "table" and "plancompare-table" in cls:
            self.tables.append([])
            self._keys = []
        elif tag == "th" and self.tables:
            self._keys.append(cls.removeprefix("col-"))
        elif tag == "tr":
            self._row = []
        elif tag == "td" and self._row is not None:
            self._cell = []

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag):
        if tag == "details" and self._in_rows:
            self._in_rows -= 1
        if self._in_rows:
            return
        if tag == "td" and self._cell is not None:
            self._row.append("".join(self._cell))
            self._cell = None
        elif tag == "tr" and self._row:
            self.tables[-1].append(dict(zip(self._keys, self._row, strict=False)))
            self._row = None


def rows(page, key: str) -> list[dict]:
    """Every row of the page's tables that have a `key` column."""
    parser = _Tables()
    parser.feed(page.read_text(encoding="utf-8"))
    return [row for table in parser.tables for row in table if key in row]


def model(con, where: str) -> list[dict]:
    """Effective statements of 2025 from the database, with the names pages show."""
    return (
        con.sql(f"""
        SELECT c.*, r.name_zh AS region_zh, r.name_en AS region_en,
               i.name_zh AS indicator_zh, i.name_en AS indicator_en
        FROM comparison c JOIN regions r USING (region_id) JOIN indicators i USING (indicator_id)
        WHERE c.target_year = {COMPARISON_YEAR} AND {where}""")
        .pl()
        .to_dicts()
    )


def assert_shows(cell: dict, row: dict, lang: str) -> None:
    """The effective statement's value, its conflict mark, what it asks and where it stands."""
    target = cell["target_shown"]
    if row["target_value"] is None:
        assert target == (row["target_raw"] or ""), (cell, row)
    else:
        # A figure the plan brackets as a five-year total keeps its bracket.
        opening = "[" if parse_cell(row["target_raw"]).cumulative else ""
        assert target.startswith(
            tuple(
                f"{opening}{s}{plain_number(row['target_value'])}" for s in ("", "≥", ">", "≤", "<")
            )
        ), (cell, row)
    assert target.endswith("⚠") == bool(row["conflict"]), (cell, row)
    assert cell["vs_national"].startswith(
        enum_label("vs_national", row["vs_national"] or "none", lang)
    ) or (row["vs_national"] in (None, "none") and cell["vs_national"] == "–"), (cell, row)
    if "ask" in cell:
        assert cell["ask"].startswith(ASK_LABELS[lang][row["ask"] or "unknown"]), (cell, row)
    if "line" in cell:
        assert cell["line"] == str(row["line"]), (cell, row)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_compare_table_shows_each_regions_effective_statement(site, con, lang):
    page = site / "indicator_compare" / f"nursing-bed-share-{lang}.html"
    shown = {r["region"]: r for r in rows(page, "target_shown")}
    expected = model(con, "c.indicator_id = 'nursing_bed_share'")
    assert expected
    for row in expected:
        assert_shows(shown[row[f"region_{lang}"]], row, lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_profile_tables_show_the_effective_statements_and_standing_ranks(site, con, lang):
    page = site / "region_profile" / f"xianning-{lang}.html"
    shown = {(r["indicator"], r["line"]): r for r in rows(page, "target_shown")}
    for row in model(con, "c.region_id = 'xianning'"):
        assert_shows(shown[(row[f"indicator_{lang}"], str(row["line"]))], row, lang)
    text = page.read_text(encoding="utf-8").replace("\\u002f", "/")  # plotly JSON escapes /
    standing = con.sql(
        f"SELECT * FROM standing_for({COMPARISON_YEAR}) WHERE region_id = 'xianning'"
    ).pl()
    assert standing.height
    for r in standing.to_dicts():
        assert f"{plain_number(r['target_value'])} (#{r['rank']} / {r['n_others'] + 1})" in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_overview_tables_show_the_national_comparison_and_shared_ranges(site, con, lang):
    page = site / "overview" / f"{lang}.html"
    national = {(r["indicator"], r["region"]): r for r in rows(page, "national_target")}
    expected = model(con, "c.national_target_raw IS NOT NULL")
    assert expected
    for row in expected:
        cell = national[(row[f"indicator_{lang}"], row[f"region_{lang}"])]
        assert_shows(cell, row, lang)
    spread = {r["indicator"]: r for r in rows(page, "ranges_overlap")}
    text = labels(lang)
    comparable = con.sql(f"SELECT * FROM comparable_for({COMPARISON_YEAR})").pl().to_dicts()
    assert comparable
    for row in comparable:
        cell = spread[row[f"name_{lang}"]]
        assert cell["target_range"] == plain_number(row["target_range"]), (cell, row)
        assert cell["ranges_overlap"] == text["yes" if row["ranges_overlap"] else "no"]
