"""The site's URL scheme, which report pages, their tables and the site's own pages share: where
each report and each line of a plan text lives, relative to the report folder."""

from __future__ import annotations

SOURCES_FOLDER = "sources"


def report_path(kind: str, subject: str, lang: str) -> str:
    """`<kind>/<slug>-<lang>.html`, or `<kind>/<lang>.html` for a report without a subject (the
    overview): always inside the report folder, ASCII only."""
    from plancompare.common.text import slugify

    slug = "-".join(s for s in (slugify(subject) if subject else "", lang) if s)
    return f"{kind}/{slug}.html"


def source_path(region_id: str) -> str:
    """A plan's text, every line an anchor (#L101)."""
    return f"{SOURCES_FOLDER}/{region_id}.html"
