"""What the plans state: who issued a plan and how many targets it states, and which plan
states which indicator."""

from __future__ import annotations

import html
from collections.abc import Collection

import polars as pl
from IPython.display import HTML

from plancompare import i18n
from plancompare.i18n import (
    COLUMN_LABELS,
    COVERAGE_CELLS,
    MAX_REGIONS_DRAWN,
    display_name,
    domain_name,
    labels,
    sentence,
)
from plancompare.ingest import layout
from plancompare.tables.markup import report_href


def plan_summary(about: dict, profile: pl.DataFrame, lang: str) -> HTML:
    """Who issued the plan and when, and how many targets it states. A long issuer list (one
    plan names 22 departments) shows its first names, the full list one click away."""
    issuers = layout.issuers(about["issuer"])
    n_table = profile.filter(pl.col("kind") == "table").height
    n_prose = profile.height - n_table
    shown = html.escape("、".join(issuers[: i18n.ISSUERS_SHOWN]))
    rest = len(issuers) - i18n.ISSUERS_SHOWN
    if rest > 0:
        shown += html.escape(sentence("issuers_more", lang, total=len(issuers), rest=rest))
    date = html.escape(str(about["issued_on"] or ""))
    counts = sentence(
        "plan_counts",
        lang,
        issuers=shown,
        date=date,
        n=profile.height,
        n_table=n_table,
        n_prose=n_prose,
    )
    if rest <= 0:
        return HTML(f"<p>{counts}</p>")
    summary = sentence("all_issuers", lang)
    return HTML(
        f'<p>{counts}</p><details class="issuers"><summary>{summary}</summary>'
        f"{html.escape(about['issuer'])}</details>"
    )


def _coverage_cell(status: str | None, value: str | None, lang: str) -> str:
    """A cell coloured by status, holding the target as the plan writes it where there is one."""
    status = status or "not stated"
    text = html.escape(value) if value else COVERAGE_CELLS[lang].get(status, html.escape(status))
    return f'<td class="cov cov-{status.replace(" ", "-")}">{text}</td>'


def _shown_targets(comparison: pl.DataFrame | None) -> dict[tuple[str, str], str]:
    """(indicator, region) -> the effective target as written (or its words), for the latest
    target year a plan states it for."""
    if comparison is None:
        return {}
    latest = comparison.sort("target_year", descending=True).unique(
        ["indicator_id", "region_id"], keep="first"
    )
    return {
        (r["indicator_id"], r["region_id"]): r["target_raw"] or r["qualitative"] or ""
        for r in latest.iter_rows(named=True)
    }


def coverage_table(
    coverage: pl.DataFrame,
    lang: str,
    compared: Collection[str] = (),
    comparison: pl.DataFrame | None = None,
) -> HTML:
    """Which plan states which indicator: one small table per domain, the indicators most plans
    share first, each cell coloured by status and holding the plan's target as written (from
    `comparison`, `query.comparison()`: the effective statement of the latest target year),
    else the status in words; indicators in `compared` link to their comparison page. Past
    MAX_REGIONS_DRAWN regions, one count per indicator instead of a column per region."""
    labels(lang)
    shown = _shown_targets(comparison)
    regions = coverage.unique("region_id", maintain_order=True).sort("region_id").to_dicts()
    many = len(regions) > MAX_REGIONS_DRAWN
    counts = coverage.group_by("indicator_id").agg(
        (pl.col("status") != "not stated").sum().alias("n_regions")
    )
    rows = coverage.join(counts, on="indicator_id")
    domain_order = {d: n for n, d in enumerate(layout.DOMAINS)}
    if many:
        region_head = f"<th>{html.escape(COLUMN_LABELS[lang]['n_regions'])}</th>"
    else:
        region_head = "".join(
            f'<th class="col-region"><a href="{report_href("region_profile", r["region_id"], lang)}'
            f'">{html.escape(display_name(r, "region_", lang))}</a></th>'
            for r in regions
        )
    parts = []
    for (domain,), group in sorted(
        rows.group_by("domain"), key=lambda g: domain_order.get(g[0][0], len(domain_order))
    ):
        indicators = group.unique("indicator_id").sort(
            ["n_regions", f"name_{lang}"], descending=[True, False], nulls_last=True
        )
        status = {(r["indicator_id"], r["region_id"]): r["status"] for r in group.to_dicts()}
        body = []
        for ind in indicators.to_dicts():
            name = html.escape(ind[f"name_{lang}"] or ind["name_zh"])
            if ind["indicator_id"] in compared:
                href = report_href("indicator_compare", ind["indicator_id"], lang)
                name = f'<a href="{href}">{name}</a>'
            if many:
                cells = f"<td>{ind['n_regions']}</td>"
            else:
                cells = "".join(
                    _coverage_cell(
                        status.get((ind["indicator_id"], r["region_id"])),
                        shown.get((ind["indicator_id"], r["region_id"])),
                        lang,
                    )
                    for r in regions
                )
            body.append(f'<tr><th class="col-indicator">{name}</th>{cells}</tr>')
        title = html.escape(domain_name(domain, lang))
        parts.append(
            f"<h3>{title}</h3>"
            '<div class="table-scroll"><table class="plancompare-table coverage"><thead><tr>'
            f'<th class="col-indicator">{html.escape(COLUMN_LABELS[lang]["indicator"])}</th>'
            f"{region_head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
        )
    return HTML("".join(parts))
