"""Display columns added to a frame before it is shown: names and statuses in the page
language, and how each target's unit was converted."""

from __future__ import annotations

import polars as pl

from plancompare.i18n import STATUS_LABELS, labels
from plancompare.ingest.values import describe_conversion, parse_cell, source_unit


def with_display_names(frame: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Add `region` and `indicator` display columns and translate `status`."""
    labels(lang)
    out = frame
    if "region_name_zh" in frame.columns:
        out = out.with_columns(pl.col(f"region_name_{lang}").alias("region"))
    name = "indicator_name" if "indicator_name_zh" in frame.columns else "name"
    if f"{name}_{lang}" in frame.columns:
        out = out.with_columns(pl.col(f"{name}_{lang}").alias("indicator"))
    if "status" in frame.columns:
        out = out.with_columns(pl.col("status").replace(STATUS_LABELS[lang]))
    return out


def with_conversion(frame: pl.DataFrame) -> pl.DataFrame:
    """Add `conversion`: how the target went from the unit it was read in (the same rule the
    build applied) into the catalog unit."""
    conversions = [
        describe_conversion(source_unit(parse_cell(raw), unit_in_source), unit)
        for raw, unit_in_source, unit in frame.select(
            "target_raw", "unit_in_source", "unit"
        ).iter_rows()
    ]
    return frame.with_columns(pl.Series("conversion", conversions, dtype=pl.String))
