"""Pages the site writes itself, rendered from the Jinja templates in templates/site/."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

from plancompare import __version__
from plancompare.site.reports import LANGS, NOTEBOOKS

TEMPLATES_DIR = Path(__file__).parents[1] / "templates" / "site"


@cache
def _environment() -> jinja2.Environment:
    # Curated names and error messages land in these pages: escape everything by default.
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )


def index_html(state: dict, info: dict[str, str], reports_dir: Path) -> str:
    """The site's front page: every report by kind and language, failures first."""
    entries = sorted(state.items())
    failed = [
        {
            "path": path,
            "title": entry["title"],
            "error": entry["error"],
            "kept": (reports_dir / path).is_file(),
        }
        for path, entry in entries
        if entry["status"] == "failed"
    ]
    sections = []
    for spec in NOTEBOOKS:
        for lang in LANGS:
            shown = [
                {"path": path, "title": entry["title"], "stale": entry["status"] == "failed"}
                for path, entry in entries
                if entry["kind"] == spec.kind
                and entry["lang"] == lang
                and (reports_dir / path).is_file()
            ]
            if shown:
                sections.append(
                    {
                        "heading": f"{spec.title[lang]} ({lang})",
                        "reports": sorted(shown, key=lambda r: r["title"]),
                    }
                )
    return (
        _environment()
        .get_template("index.html.j2")
        .render(
            built_at=info.get("built_at", ""),
            fingerprint=info.get("fingerprint", ""),
            version=__version__,
            failed=failed,
            sections=sections,
        )
    )


def render_template(name: str, **context) -> str:
    """Render one of the site's templates (escaped, strict about missing values)."""
    return _environment().get_template(name).render(**context)
