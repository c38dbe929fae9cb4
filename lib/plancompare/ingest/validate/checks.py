"""Checks the rules of every curated file share: reading a CSV with its expected columns, rows
keyed by a unique id, a choice with the closest one named, integers and line numbers, a plan's
text as lines, and a cell harmonised into the catalog unit. Problems go through `report`."""

from __future__ import annotations

import difflib
import functools
import re
from pathlib import Path

from plancompare.ingest import csvfile
from plancompare.ingest.csvfile import InputError, Table
from plancompare.ingest.validate.problems import Validation, reporter
from plancompare.ingest.values import (
    CellParseError,
    UnitConversionError,
    Value,
    canonical_unit,
    conversion_factor,
    parse_cell,
    source_unit,
)

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_DIGITS = re.compile(r"\d+")


def to_int(value: str) -> int | None:
    """A cell of digits as an integer, or None."""
    value = value.strip()
    return int(value) if _DIGITS.fullmatch(value) else None


def line_problem(
    number: int | None, written: str, lines: list[str] | None, region: dict | None
) -> str | None:
    """Why `number` (read from the cell `written`) is not a line of `region`'s plan text, or None;
    past the end is checked only when the text could be read into `lines`."""
    if number is None or number < 1:
        return f"{written!r} is not a line number"
    if lines is not None and number > len(lines):
        return f"line {number} is past the end of {region['source_file']} ({len(lines)} lines)"
    return None


def _check_columns(table: Table, expected: tuple[str, ...], report) -> bool:
    missing = [c for c in expected if c not in table.header]
    unknown = [c for c in table.header if c not in expected]
    for column in missing:
        report(1, column, f"missing column (expected: {', '.join(expected)})")
    for column in unknown:
        report(1, column, "unknown column")
    for number, count in table.ragged:
        report(number, "-", f"expected {len(table.header)} fields, found {count}")
    return not missing


def read_csv(path: Path, expected: tuple[str, ...], result: Validation) -> Table | None:
    """The file's table, or None when it cannot be read or lacks an expected column."""
    report = reporter(result, path)
    try:
        table = csvfile.read_table(path)
    except InputError as error:
        report(error.row, "-", error.message)
        return None
    if not _check_columns(table, expected, report):
        return None
    if not table.rows:
        report(1, "-", "no data rows")
    return table


def keyed_rows(
    path: Path,
    columns: tuple[str, ...],
    id_column: str,
    id_hint: str,
    required: tuple[str, ...],
    result: Validation,
):
    """Rows of regions.csv or catalog.csv whose id is well formed and unique, each with its
    `report(column, message)`; a bad or repeated id, or an empty required cell, is reported."""
    table = read_csv(path, columns, result)
    if table is None:
        return
    file_report = reporter(result, path)
    seen: set[str] = set()
    for row, number in zip(table.rows, table.row_numbers, strict=True):
        report = functools.partial(file_report, number)
        key = row[id_column].strip()
        if not _ID.match(key):
            report(id_column, f"{key!r} is not {id_hint}")
            continue
        if key in seen:
            report(id_column, f"duplicate {id_column.removesuffix('_id')} {key!r}")
            continue
        seen.add(key)
        for column in required:
            if not row[column].strip():
                report(column, "must not be empty")
        yield {**row, id_column: key}, report


def check_choice(value: str, choices: tuple[str, ...], report, column: str) -> None:
    """`report(column, message)` when `value` is not one of `choices`, with the closest one."""
    if value not in choices:
        shown = ", ".join(c or "(empty)" for c in choices)
        report(column, f"{value!r} is not one of: {shown}{_closest(value, choices)}")


def _closest(value: str, choices: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.5)
    return f"; did you mean {close[0]!r}?" if close else ""


def source_lines(data_dir: Path, region: dict, cache: dict) -> list[str] | None:
    """The lines of a region's plan text (None when it cannot be read), read once per `cache`."""
    path = data_dir / region["source_file"]
    if path not in cache:
        try:
            cache[path] = csvfile.read_text(path).split("\n")
        except InputError:
            cache[path] = None
    return cache[path]


def harmonise_cell(
    raw: str, column: str, unit_in_source: str, indicator: dict | None, report
) -> tuple[Value | None, float | None, tuple[float | None, float | None]]:
    """Parse a cell and convert its number and its bounds (`Value.bounds`) into the catalog unit.

    The number is the committed bound (see `committed`) of a range, the cell's figure otherwise."""
    try:
        value = parse_cell(raw)
    except CellParseError as error:
        report(column, str(error))
        return None, None, (None, None)
    if value.number is None or indicator is None:
        return value, None, (None, None)
    try:
        factor = conversion_factor(source_unit(value, unit_in_source), indicator["unit"])
    except UnitConversionError as error:
        report(
            column,
            f"{error} (indicator {indicator['indicator_id']}): correct unit_in_source, or add "
            "the conversion to plancompare.ingest.values.UNIT_CONVERSIONS",
        )
        return value, None, (None, None)
    low, high = (None if end is None else end * factor for end in value.bounds)
    converted = committed(value.number * factor, low, high, value, indicator["direction"])
    if canonical_unit(indicator["unit"]) == "%" and not value.cumulative:
        for number in {
            value.number * factor,
            converted,
            *(e for e in (low, high) if e is not None),
        }:
            if not 0 <= number <= 100:
                report(column, f"percentage {number:g} is outside 0–100")
                break
    return value, converted, (low, high)


def committed(
    number: float, low: float | None, high: float | None, value: Value, direction: str | None
) -> float:
    """The figure a cell commits to: a range's low end for a higher-is-better (or neutral)
    indicator, its high end for a lower-is-better one; any other cell's own number."""
    if value.high is None:
        return number
    return high if direction == "lower_is_better" else low
