"""The database's tables and their columns: the tables ingest makes, plus the columns the build
adds (a target's hedge words, an indicator's headline rank)."""

from __future__ import annotations

from plancompare.common.schema import Column, Table
from plancompare.ingest import layout

# Bump when tables, columns or views change (query.connect refuses a database of another).
SCHEMA_VERSION = 3

REGIONS = layout.REGIONS
INDICATORS = Table(
    "indicators",
    (
        *layout.CATALOG.columns,
        Column("headline", "boolean"),
        Column("headline_rank", "integer"),  # 1, 2, 3 in layout.HEADLINE_INDICATORS' order
    ),
)
TARGETS = Table("targets", (*layout.TARGETS.columns, Column("hedge")))
REFERENCE = layout.REFERENCE
