"""readings.csv, one row per indicator whose bare figures (a table cell "5.5", with no word
before or after it) read as a bound because the plans frame that indicator so (控制在…以内: a
cap; 不低于…: a floor): the indicator in the catalog, the reading one of the choices and fitting
its direction, one row per indicator, the plans' framing in the note. No file: no readings."""

from __future__ import annotations

import functools
from pathlib import Path

from plancompare.ingest import layout
from plancompare.ingest.validate.checks import check_choice, read_csv
from plancompare.ingest.validate.problems import Validation, reporter


def validate_readings(data_dir: Path, indicators: dict, result: Validation) -> dict[str, str]:
    """The reading of each indicator that has one (indicator_id -> 'cap' or 'floor'); problems
    go into `result`."""
    path = layout.readings_file(data_dir)
    if not path.is_file():
        return {}
    table = read_csv(path, layout.READING_COLUMNS, result)
    if table is None:
        return {}
    file_report = reporter(result, path)
    readings: dict[str, str] = {}
    for row, number in zip(table.rows, table.row_numbers, strict=True):
        report = functools.partial(file_report, number)
        indicator_id, reading = row["indicator_id"].strip(), row["reading"].strip()
        indicator = indicators.get(indicator_id)
        if indicator is None:
            report("indicator_id", f"unknown indicator {indicator_id!r}: add it to catalog.csv")
        if indicator_id in readings:
            report("indicator_id", f"duplicate reading for {indicator_id!r}")
        check_choice(reading, layout.READINGS, report, "reading")
        needed = layout.READING_DIRECTIONS.get(reading)
        if indicator is not None and needed and indicator["direction"] != needed:
            report(
                "reading",
                f"a {reading} needs direction {needed}; {indicator_id} is {indicator['direction']}",
            )
        if not row["note"].strip():
            report("note", "must not be empty: quote the plans' framing (region, line, words)")
        readings.setdefault(indicator_id, reading)
    return readings
