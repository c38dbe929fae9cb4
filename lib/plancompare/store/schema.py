"""The database's tables and their columns: the tables ingest and the model make, plus the
columns the build adds (a target's hedge words, an indicator's headline rank)."""

from __future__ import annotations

from plancompare.common.schema import Column, Table
from plancompare.ingest import layout
from plancompare.model import attainment, comparison

# Bump when tables, columns, views or the comparison rules change (query.connect refuses a
# database of another).
SCHEMA_VERSION = 8

REGIONS = layout.REGIONS
INDICATORS = Table(
    "indicators",
    (
        *layout.CATALOG.columns,
        # How a bare figure reads (readings.csv): 'cap', 'floor', or NULL (as a point).
        Column("reading", choices=layout.READINGS),
        Column("headline", "boolean"),
        Column("headline_rank", "integer"),  # 1, 2, 3 in layout.HEADLINE_INDICATORS' order
    ),
)
TARGETS = Table("targets", (*layout.TARGETS.columns, Column("hedge")))
COMPARISON = comparison.COMPARISON
REFERENCE = layout.REFERENCE
NATIONAL_YARDSTICK = comparison.NATIONAL_YARDSTICK
CAVEATS = layout.CAVEATS
ATTAINMENT = attainment.ATTAINMENT
BUILD_INFO = Table("build_info", (Column("key"), Column("value")))
TABLES = (
    REGIONS,
    INDICATORS,
    TARGETS,
    COMPARISON,
    REFERENCE,
    NATIONAL_YARDSTICK,
    CAVEATS,
    ATTAINMENT,
    BUILD_INFO,
)
