"""Readable HTML tables and headings for notebooks and reports.

Every curated string is HTML-escaped here, so a name containing `<script>` shows as text. Every
label, status and enum value is shown in the report's language; curated free text (quotes, notes,
issuers) is shown as written. Region and indicator cells can link to their own report page.

markup: headings, paragraphs, tables; frames: display columns (names, conversions, figures in
the catalog unit); summary: a plan's summary and the coverage table; downloads: CSV links;
comparison_text: the comparison model in words; comparison: its tables and notes on a page;
outcomes: what the plan period delivered (attainment) and the nation beside a region.
"""

from plancompare.tables.comparison import (
    caveat_notes,
    conflict_sentences,
    left_out_summary,
    measure_note,
    national_table,
    spread_table,
)
from plancompare.tables.comparison_text import (
    commitment_text,
    vs_national_text,
    with_comparison_text,
    with_other_statements,
)
from plancompare.tables.downloads import chart_rows, download
from plancompare.tables.frames import (
    shown_figure,
    with_conversion,
    with_display_names,
    with_shown_figures,
)
from plancompare.tables.markup import by_domain, heading, paragraph, table
from plancompare.tables.outcomes import (
    nation_beside_rows,
    nation_beside_table,
    national_outcomes,
    next_targets_table,
    outcomes_table,
    status_text,
)
from plancompare.tables.summary import coverage_table, plan_summary

__all__ = [
    "by_domain",
    "caveat_notes",
    "chart_rows",
    "commitment_text",
    "conflict_sentences",
    "coverage_table",
    "download",
    "heading",
    "left_out_summary",
    "measure_note",
    "nation_beside_rows",
    "nation_beside_table",
    "national_outcomes",
    "national_table",
    "next_targets_table",
    "outcomes_table",
    "paragraph",
    "plan_summary",
    "shown_figure",
    "spread_table",
    "status_text",
    "table",
    "vs_national_text",
    "with_comparison_text",
    "with_conversion",
    "with_display_names",
    "with_other_statements",
    "with_shown_figures",
]
