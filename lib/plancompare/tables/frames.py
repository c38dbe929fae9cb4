"""Display columns added to a frame before it is shown: names and statuses in the page
language, figures in the catalog unit, and how each target's unit was converted."""

from __future__ import annotations

import polars as pl

from plancompare.i18n import (
    NATIONAL_WORDS_EN,
    STATUS_LABELS,
    labels,
    plain_number,
    sentence,
    unit_label,
)
from plancompare.ingest.values import (
    conversion_factor,
    describe_conversion,
    parse_cell,
    source_unit,
)


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
    build applied) into the catalog unit; empty where the number did not change (a count the
    indicator's name already puts per 1,000 people, 个 → 个/千人 ×1, tells a reader nothing)."""
    conversions = []
    for raw, unit_in_source, unit in frame.select(
        "target_raw", "unit_in_source", "unit"
    ).iter_rows():
        source = source_unit(parse_cell(raw), unit_in_source)
        described = describe_conversion(source, unit)
        conversions.append(described if described and conversion_factor(source, unit) != 1 else "")
    return frame.with_columns(pl.Series("conversion", conversions, dtype=pl.String))


_SIGNS = {">=": "≥", ">": ">", "<=": "≤", "<": "<"}


def shown_figure(
    raw: str | None, value: float | None, unit: str, unit_in_source: str | None, lang: str
) -> str | None:
    """A figure in the catalog unit with its unit ("≥2.2 人/千人"), and the plan's own figure
    and unit beside it where converting changed the number ("…（原文 22 人/万人）"; not for a
    count the indicator's name puts per 1,000, 1.8 个 → 1.8 个/千人). A range shows both ends
    ("1–2 所"). A cell without a number shows as written."""
    if raw is None or value is None:
        return raw
    cell = parse_cell(raw)
    catalog = unit_label(unit, lang)
    written_in = source_unit(cell, unit_in_source)
    if cell.high is not None:
        factor = conversion_factor(written_in, unit)
        ends = (plain_number(cell.number * factor), plain_number(cell.high * factor))
        shown = sentence("range_figure", lang, low=ends[0], high=ends[1])
    else:
        shown = _SIGNS.get(cell.comparator, "") + plain_number(value)
    # "55%"; "2.2 人/千人"; "1.58 × 10,000 people" where the English unit opens with a number.
    shown += catalog if unit in ("%", "‰") else f" {'× ' * catalog[:1].isdigit()}{catalog}"
    if cell.cumulative:
        shown = f"[{shown}]"  # a five-year total, bracketed as the plans bracket it
    if conversion_factor(written_in, unit) == 1:
        return shown
    plan = raw if cell.unit else f"{raw} {unit_label(written_in, lang)}"
    return sentence("plan_figure", lang, value=shown, raw=plan)


def national_figure(raw: str | None, value: float | None, unit: str, lang: str) -> str | None:
    """A national figure as `shown_figure` shows a plan's ("大于92%" → ">92%"); on an English
    page its words translated and the original beside it ("≈10,000,000 beds (约1000万张)",
    "everyone eligible covered (应保尽保)")."""
    if raw is None:
        return None
    if value is None:
        shown = NATIONAL_WORDS_EN.get(raw, raw) if lang == "en" else raw
    else:
        shown = shown_figure(raw, value, unit, None, lang)
    if lang == "en" and shown != raw and not raw.isascii() and raw not in shown:
        return f"{shown} ({raw})"
    return shown


def with_shown_figures(frame: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Add `target_shown` and, where the frame has baselines, `baseline_shown`: each figure by
    `shown_figure`; a target from conflicting statements carries ⚠."""
    labels(lang)
    rows = frame.to_dicts()
    columns = {}
    for kind in ("target", "baseline"):
        if f"{kind}_raw" not in frame.columns:
            continue
        values = [
            shown_figure(r[f"{kind}_raw"], r[f"{kind}_value"], r["unit"], r["unit_in_source"], lang)
            for r in rows
        ]
        if kind == "target":
            values = [
                f"{v} ⚠" if v is not None and r.get("conflict") else v
                for v, r in zip(values, rows, strict=True)
            ]
        columns[f"{kind}_shown"] = values
    return frame.with_columns(
        pl.Series(name, values, dtype=pl.String) for name, values in columns.items()
    )
