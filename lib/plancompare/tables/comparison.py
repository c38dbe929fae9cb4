"""The comparison on report pages: regions against the national target, the range of the
targets regions share and who it leaves out, conflicting statements, and why some measures are
never ranked."""

from __future__ import annotations

import html
from collections.abc import Collection

import polars as pl
from IPython.display import HTML

from plancompare.i18n import (
    NEVER_RANKED,
    display_name,
    enum_label,
    labels,
    sentence,
    statement_place,
    statement_places,
)
from plancompare.tables.comparison_text import with_comparison_text
from plancompare.tables.frames import with_display_names, with_shown_figures
from plancompare.tables.markup import table


def national_table(comparison: pl.DataFrame, lang: str, compared: Collection[str] = ()) -> HTML:
    """Every region's 2025 target (in the catalog unit) against the national 2025 target, for
    each indicator the national plan sets one for (`query.comparison(target_year=2025)`);
    indicators in `compared` link to their comparison page."""
    rows = comparison.filter(pl.col("national_target_raw").is_not_null())
    rows = with_shown_figures(with_comparison_text(with_display_names(rows, lang), lang), lang)
    return table(
        rows,
        {
            "indicator": "indicator",
            "region": "region",
            "target_shown": "target_shown",
            "national_target": "national_target",
            "vs_national_text": "vs_national",
            "caveat": "caveat",
            "line": "line",
        },
        lang,
        link=("indicator", "region"),
        compared=compared,
    )


def left_out_summary(left_out: pl.DataFrame, indicators: pl.DataFrame, lang: str) -> HTML:
    """Which regions the spread ranking leaves out, and why (`query.left_out`), one list per
    reason; silent plans only counted. Regions kept despite conflicting statements are named."""
    labels(lang)
    names = {r["indicator_id"]: display_name(r, "", lang) for r in indicators.to_dicts()}
    parts = [f"<p>{html.escape(NEVER_RANKED[lang])}</p>"]
    items = []
    # By size, then by name: group_by gives groups in no set order, and a page must not change.
    groups = sorted(left_out.group_by("reason"), key=lambda g: (-g[1].height, g[0][0]))
    for (reason,), group in groups:
        label = html.escape(enum_label("reason", reason, lang))
        if reason == "not stated":
            n = sentence("pairs", lang, n=group.height)
            items.append(f"<li>{label}: {n}</li>")
            continue
        by_indicator = group.group_by("indicator_id", maintain_order=True).agg(
            pl.col("region_id").sort()
        )
        entries = "; ".join(
            f"{html.escape(names.get(i, i))} ({', '.join(map(html.escape, regions))})"
            for i, regions in by_indicator.sort("indicator_id").iter_rows()
        )
        items.append(
            f"<li><details><summary>{label}: {group.height}</summary>{entries}</details></li>"
        )
    heading_text = sentence("left_out_heading", lang)
    parts.append(f'<p>{html.escape(heading_text)}</p><ul class="left-out">{"".join(items)}</ul>')
    return HTML("".join(parts))


def conflict_sentences(statements: pl.DataFrame, lang: str) -> HTML | None:
    """One sentence per region whose plan states the indicator in conflicting ways, every
    statement with its place, and which one is compared
    (`query.compare(…, all_statements=True)`)."""
    labels(lang)
    rows = statements.filter(pl.col("conflict").fill_null(False)).to_dicts()
    sentences = []
    for region_id in dict.fromkeys(r["region_id"] for r in rows):
        mine = sorted(
            (r for r in rows if r["region_id"] == region_id), key=lambda r: not r["effective"]
        )
        name = display_name(mine[0], "region_", lang)
        used = statement_place(mine[0], lang)
        others = statement_places(mine[1:], lang)
        sentences.append(sentence("conflict", lang, name=name, others=others, used=used))
    if not sentences:
        return None
    return HTML("".join(f'<p class="conflict">{html.escape(s)}</p>' for s in sentences))


def caveat_notes(rows: pl.DataFrame, lang: str) -> HTML | None:
    """One note per row with a caveat (`caveat_zh`/`caveat_en`), under a chart or table of
    ranked rows: the region (where the rows name one) and indicator, then the caveat."""
    rows = with_display_names(rows, lang).filter(pl.col(f"caveat_{lang}").is_not_null())
    notes = []
    for row in rows.to_dicts():
        name = " · ".join(row[c] for c in ("region", "indicator") if row.get(c))
        notes.append(sentence("caveat_note", lang, name=name, caveat=row[f"caveat_{lang}"]))
    if not notes:
        return None
    return HTML("".join(f'<p class="caveat">{html.escape(n)}</p>' for n in notes))


def measure_note(measure: str | None, lang: str) -> HTML | None:
    """Why a count or standard indicator is shown region by region and never ranked."""
    if measure not in ("count", "standard"):
        return None
    note = sentence(f"{measure}_note", lang)
    return HTML(f'<p class="measure-note">{html.escape(note)}</p>')


def spread_table(comparable: pl.DataFrame, lang: str, compared: Collection[str] = ()) -> HTML:
    """The shared rate indicators' table (`query.comparable`): lowest and highest target, their
    range, the relative range as a percentage rounded for reading (the chart's hover and the
    database keep it exact) and whether the regions' ranges overlap; indicators in `compared`
    link to their comparison page."""
    text = labels(lang)
    rows = with_display_names(comparable, lang).with_columns(
        pl.col("relative_range")
        .map_elements(lambda v: f"{v:.1%}", return_dtype=pl.String)
        .alias("relative_range_text"),
        pl.when(pl.col("ranges_overlap"))
        .then(pl.lit(text["yes"]))
        .otherwise(pl.lit(text["no"]))
        .alias("ranges_overlap_text"),
    )
    return table(
        rows,
        {
            "indicator": "indicator",
            "unit": "unit",
            "n_regions": "n_regions",
            "target_min": "target_min",
            "target_max": "target_max",
            "target_range": "target_range",
            "relative_range_text": "relative_range",
            "ranges_overlap_text": "ranges_overlap",
            "n_conflicting": "n_conflicting",
        },
        lang,
        link=("indicator",),
        compared=compared,
    )
