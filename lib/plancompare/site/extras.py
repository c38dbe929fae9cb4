"""Pages and files the site writes itself beside the reports (plan texts, dataset, method page),
each rewritten only when its inputs change or its files were damaged: `.plancompare/pages.json`
holds the input key each was last written from and what its files held."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from plancompare.site import state as site_state

PAGES_STATE_FILE = "pages.json"


@dataclass(frozen=True)
class SitePage:
    name: str  # its entry in pages.json
    files: tuple[str, ...]  # what it writes, relative to the report folder
    key: str  # hash of its inputs: the same inputs, the same files
    write: Callable[[Path], None]  # writes `files` into the report folder, each atomically


def write_pages(reports_dir: Path, pages: Iterable[SitePage], force: bool = False) -> list[str]:
    """Write every page whose inputs changed (or every page, with `force`); the names written."""
    state = site_state.load_state(reports_dir, PAGES_STATE_FILE)
    written = []
    try:
        for page in pages:
            if force or not site_state.is_current(state.get(page.name), page.key, reports_dir):
                page.write(reports_dir)
                state[page.name] = {
                    "key": page.key,
                    **site_state.written_files(reports_dir, page.files),
                }
                site_state.journal(reports_dir, page.name, state[page.name], PAGES_STATE_FILE)
                written.append(page.name)
    finally:
        if written:
            site_state.save_state(reports_dir, state, PAGES_STATE_FILE)
    return written
