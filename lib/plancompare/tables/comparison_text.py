"""The comparison model's columns in words: what a target asks, how strongly the plan
commits, and how it stands against the national target (or why it cannot be compared)."""

from __future__ import annotations

import polars as pl

from plancompare.i18n import (
    NO_NATIONAL_TARGET_MARK,
    NOT_COMPARABLE,
    ask_text,
    enum_label,
    hedge_text,
    labels,
    sentence,
    statement_places,
)
from plancompare.tables.frames import national_figure


def commitment_text(row: dict, lang: str) -> str:
    """How strongly the plan commits: its attribute (约束性/预期性) and hedge words."""
    parts = [enum_label("attribute", row["attribute"], lang)] if row.get("attribute") else []
    if row.get("hedge"):
        parts.append(hedge_text(row["hedge"], lang))
    return sentence("list_separator", lang).join(parts)


def vs_national_text(row: dict, lang: str) -> str | None:
    """`vs_national` in the page language; `none` says why (`vs_national_reason`). None for a
    row the model does not compare (a restatement)."""
    value = row.get("vs_national")
    if value is None:
        return None
    label = enum_label("vs_national", value, lang)
    why = row.get("vs_national_reason")
    if why is None:
        return label
    if why == "no_national":
        # Most rows of a profile: a dash, which NO_NATIONAL_TARGET explains once above them.
        return NO_NATIONAL_TARGET_MARK
    reason = NOT_COMPARABLE[lang][why].format(
        # English names the measure as stored: its label carries a parenthesis of its own.
        measure=enum_label("measure", row.get("measure") or "", "zh")
        if lang == "zh"
        else row.get("measure"),
        period=enum_label("period", row.get("period") or "", lang),
        year=row.get("target_year"),
    )
    return f"{label}（{reason}）" if lang == "zh" else f"{label} ({reason})"


def with_other_statements(frame: pl.DataFrame, statements: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Add `other_statements`: each region's statements other than its effective one, with
    their places (`statements`: `query.compare(…, all_statements=True)`); None where none."""
    others: dict[str, list[dict]] = {}
    for row in statements.filter(~pl.col("effective")).to_dicts():
        others.setdefault(row["region_id"], []).append(row)
    return frame.with_columns(
        pl.Series(
            "other_statements",
            [
                statement_places(others[r], lang) if r in others else None
                for r in frame["region_id"]
            ],
            dtype=pl.String,
        )
    )


def with_comparison_text(frame: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Add display columns for the comparison model's columns the frame has: `ask_text` (with
    the margin when already met), `vs_national_text` (with why, when not comparable),
    `commitment` (attribute and hedge words), `national_target` (as written, with grade) and
    `caveat` (the curated definitional caveat in the page language)."""
    labels(lang)
    rows = frame.to_dicts()
    columns = {}
    if "ask" in frame.columns:
        columns["ask_text"] = [ask_text(r, lang) if r.get("ask") else None for r in rows]
    if "vs_national" in frame.columns:
        columns["vs_national_text"] = [
            vs_national_text(r, lang) if r.get("target_raw") or r.get("qualitative") else None
            for r in rows
        ]
    if "attribute" in frame.columns or "hedge" in frame.columns:
        columns["commitment"] = [commitment_text(r, lang) or None for r in rows]
    if "national_target_raw" in frame.columns:
        columns["national_target"] = [
            national_figure(
                r["national_target_raw"], r.get("national_target_value"), r["unit"], lang
            )
            + f" ({r['national_grade']})"
            if r.get("national_target_raw")
            else None
            for r in rows
        ]
    if f"caveat_{lang}" in frame.columns:
        columns["caveat"] = [r[f"caveat_{lang}"] for r in rows]
    return frame.with_columns(
        pl.Series(name, values, dtype=pl.String) for name, values in columns.items()
    )
