"""Declared tables: each table's columns, their types and closed lists of values, written once.

A declaration checks the rows a stage assembles (`Table.row`), makes the polars frame, and so the
DuckDB table, with the declared types (`Table.frame`), and gives the published data package its
field types and `enum` constraints. Types are Frictionless names: string, integer, number,
boolean, date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl

TYPES = ("string", "integer", "number", "boolean", "date")


@dataclass(frozen=True)
class Column:
    name: str
    type: str = "string"
    choices: tuple[str, ...] = ()  # the closed list of values, when there is one

    def __post_init__(self):
        if self.type not in TYPES:
            raise ValueError(f"column {self.name!r}: type {self.type!r} is not one of {TYPES}")


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]

    @cached_property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @cached_property
    def _name_set(self) -> frozenset[str]:
        return frozenset(self.names)

    def row(self, values: dict) -> dict:
        """`values`, once checked to hold exactly the declared columns (ValueError if not)."""
        if values.keys() != self._name_set:
            missing = [c for c in self.names if c not in values]
            unknown = [c for c in values if c not in self._name_set]
            problems = (
                f"{what} column(s) {', '.join(names)}"
                for what, names in (("missing", missing), ("unknown", unknown))
                if names
            )
            raise ValueError(f"{self.name} row: {'; '.join(problems)}")
        return values

    def frame(self, rows: Iterable[dict]) -> pl.DataFrame:
        """A polars frame of checked `rows` (see `row`), its columns in declared order and
        declared types."""
        import polars as pl  # here, not at the top: validation declares tables, never frames

        dtypes = {
            "string": pl.String,
            "integer": pl.Int32,
            "number": pl.Float64,
            "boolean": pl.Boolean,
            "date": pl.Date,
        }
        schema = {c.name: dtypes[c.type] for c in self.columns}
        return pl.DataFrame([self.row(r) for r in rows], schema=schema, orient="row")
