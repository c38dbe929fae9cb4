"""Reading a curated CSV or text file as text: UTF-8 (a BOM accepted), CSV rows keyed by column
with their line numbers, and one InputError naming the file and row when it cannot be read."""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from plancompare.common.errors import PlancompareError
from plancompare.ingest.layout import MAX_CELL_CHARS


class InputError(PlancompareError, ValueError):
    """A curated file cannot be read at all (missing, empty, wrong encoding, broken CSV)."""

    def __init__(self, path: Path, message: str, row: int = 1):
        super().__init__(f"{path}:{row}:-: {message}")
        self.path, self.message, self.row = path, message, row


@dataclass
class Table:
    """A CSV read as text: header plus rows keyed by column, with their line numbers."""

    path: Path
    header: list[str]
    rows: list[dict[str, str]] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)  # 1-based CSV line of each row
    ragged: list[tuple[int, int]] = field(default_factory=list)  # (row number, field count)


def _guess_encoding(data: bytes) -> str:
    for name in ("gb18030", "big5", "utf-16"):
        try:
            data.decode(name)
        except UnicodeDecodeError:
            continue
        return {"gb18030": "GBK/GB18030", "big5": "Big5", "utf-16": "UTF-16"}[name]
    return "an unknown encoding"


def read_text(path: Path) -> str:
    """UTF-8 text of a curated file; a BOM (as Excel writes it) is accepted and dropped."""
    if not path.is_file():
        raise InputError(path, "file not found")
    data = path.read_bytes()
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(
            path, f"not UTF-8 (looks like {_guess_encoding(data)}); re-save it as UTF-8"
        ) from None


def read_table(path: Path) -> Table:
    text = read_text(path)
    if not text.strip():
        raise InputError(path, "empty file: expected a header row")
    reader = csv.reader(io.StringIO(text, newline=""))
    records = _records(path, reader)
    header = [h.strip() for h in next(records)]
    table = Table(path=path, header=header)
    for values in records:
        if not any(v.strip() for v in values):
            continue
        number = reader.line_num
        if len(values) != len(header):
            table.ragged.append((number, len(values)))
            continue
        table.rows.append(dict(zip(header, values, strict=True)))
        table.row_numbers.append(number)
    return table


def _records(path: Path, reader):
    """The reader's records; a CSV syntax error becomes an InputError at the row it started on
    (an unbalanced quote swallows the rest of the file into one field)."""
    while True:
        start = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise InputError(
                path,
                f'not valid CSV from this row on ({error}); look for an unbalanced " quote',
                row=start,
            ) from None
        # csv's own limit (131,072 characters) is process-wide and other libraries raise it;
        # a curated cell is never this long, so this check does not depend on it.
        if any(len(v) > MAX_CELL_CHARS for v in values):
            raise InputError(
                path,
                f"not valid CSV from this row on (a cell of more than {MAX_CELL_CHARS:,} "
                'characters); look for an unbalanced " quote',
                row=start,
            )
        yield values
