"""The no-op fast path: decide that a selection has nothing to render without opening the
database or importing the data and notebook stack.

After a run in which every report of a selection rendered (or was already current), the run
remembers that selection's reports and their input keys in `.plancompare/selections.json`,
under a key made of everything the plan depends on: the data fingerprint (read from the build
stamp, see plancompare.store.stamp), the code fingerprint, the notebooks and the selection as
typed. The next run with the same key needs only the state files, and the digests of the files
they record, to know that every report and page is current. Anything it cannot confirm cheaply
sends it down the ordinary path.
"""

from __future__ import annotations

import json
from pathlib import Path

from plancompare.common.digest import values_sha256
from plancompare.common.files import write_atomic
from plancompare.site import state as site_state
from plancompare.site.extras import PAGES_STATE_FILE
from plancompare.site.state import LANDING_STATE_FILE
from plancompare.store.stamp import read_fingerprint

SELECTIONS_FILE = "selections.json"


def selection_key(
    data_fingerprint: str,
    code: str,
    notebooks: dict[str, str],
    notebook: str | None,
    params: dict[str, str] | None,
    langs: list[str] | None,
) -> str:
    """`code` is state.code_fingerprint(), `notebooks` state.notebook_keys(…)."""
    return values_sha256(
        [data_fingerprint, code, notebooks, notebook, params or {}, sorted(langs or [])]
    )


def _load(reports_dir: Path) -> dict:
    try:
        return json.loads(site_state.state_path(reports_dir, SELECTIONS_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}


def current_reports(reports_dir: Path, db_path: Path, key_of) -> list[str] | None:
    """The report paths of the selection when every one is current, else None. `key_of(fp)`
    gives the selection key for a data fingerprint."""
    fingerprint = read_fingerprint(db_path)
    pages = (reports_dir / "index.html", reports_dir / "assets" / "plotly.min.js")
    if fingerprint is None or not all(page.is_file() for page in pages):
        return None
    remembered = _load(reports_dir).get(key_of(fingerprint))
    if not remembered:
        return None
    state = site_state.load_state(reports_dir)
    if not all(site_state.is_current(state.get(p), k, reports_dir) for p, k in remembered.items()):
        return None
    # The site's own pages too: one damaged since is written again by the ordinary path.
    for name in (PAGES_STATE_FILE, LANDING_STATE_FILE):
        if not all(
            site_state.files_intact(entry, reports_dir)
            for entry in site_state.load_state(reports_dir, name).values()
        ):
            return None
    return list(remembered)


def remember(reports_dir: Path, selection: str, keys: dict[str, str]) -> None:
    """Note that `selection` means exactly these reports with these input keys. Entries of older
    data or code can never match again and are dropped."""
    known = _load(reports_dir)
    known = {k: v for k, v in known.items() if all(v.get(p) == keys.get(p, v.get(p)) for p in v)}
    known[selection] = keys
    write_atomic(site_state.state_path(reports_dir, SELECTIONS_FILE), json.dumps(known))
