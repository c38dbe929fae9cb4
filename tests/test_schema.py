"""Table declarations: rows with exactly the declared columns, frames with the declared types."""

import datetime as dt

import polars as pl
import pytest
from plancompare.common.schema import Column, Table

PLACES = Table(
    "places",
    (
        Column("place_id"),
        Column("kind", choices=("town", "village")),
        Column("founded", "date"),
        Column("people", "integer"),
        Column("area", "number"),
        Column("coastal", "boolean"),
    ),
)
ROW = {
    "place_id": "a",
    "kind": "town",
    "founded": dt.date(1900, 1, 2),
    "people": 7,
    "area": 1.5,
    "coastal": True,
}


def test_a_row_with_exactly_the_declared_columns_passes_whatever_their_order():
    row = dict(reversed(ROW.items()))
    assert PLACES.row(row) is row


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({k: v for k, v in ROW.items() if k != "people"}, "places row: missing column(s) people"),
        ({**ROW, "peeple": 7}, "places row: unknown column(s) peeple"),
        (
            {**{k: v for k, v in ROW.items() if k not in ("area", "coastal")}, "aera": 1.5},
            "places row: missing column(s) area, coastal; unknown column(s) aera",
        ),
    ],
)
def test_a_missing_or_unknown_column_is_an_error_naming_table_and_columns(row, message):
    with pytest.raises(ValueError) as raised:
        PLACES.row(row)
    assert str(raised.value) == message


def test_a_frame_has_the_declared_columns_in_order_with_their_types():
    frame = PLACES.frame([dict(reversed(ROW.items())), {**ROW, "people": None}])
    assert frame.schema == pl.Schema(
        {
            "place_id": pl.String,
            "kind": pl.String,
            "founded": pl.Date,
            "people": pl.Int32,
            "area": pl.Float64,
            "coastal": pl.Boolean,
        }
    )
    assert frame["people"].to_list() == [7, None]
    assert PLACES.frame([]).schema == frame.schema


def test_a_frame_is_never_filled_or_trimmed_silently():
    with pytest.raises(ValueError, match="places row: missing column.s. coastal"):
        PLACES.frame([ROW, {k: v for k, v in ROW.items() if k != "coastal"}])


def test_a_column_type_is_a_frictionless_type():
    with pytest.raises(ValueError, match="'int' is not one of"):
        Column("people", "int")
