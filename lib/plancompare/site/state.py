"""Incremental rendering: what each report was last rendered from (`_state.json`), and whether
its inputs changed since."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from plancompare.common.digest import tree_sha256, values_sha256
from plancompare.common.files import write_atomic
from plancompare.common.version import __version__
from plancompare.site.notebooks import notebook_source_key
from plancompare.site.reports import NOTEBOOKS, Report
from plancompare.site.runner import Outcome

log = logging.getLogger("plancompare.render")

STATE_FILE = "_state.json"
PACKAGE_DIR = Path(__file__).parents[1]


def code_fingerprint() -> str:
    """Library version plus the hash of its sources and templates: a code change re-renders."""
    return tree_sha256(PACKAGE_DIR, {".py", ".j2", ".json", ".css"}, salt=__version__)[:16]


def notebook_keys(notebooks_dir: Path) -> dict[str, str]:
    """Each notebook's source key (cells and tags, not outputs) by stem, for the notebooks the
    folder holds: a --notebooks folder may hold only those its selection needs."""
    paths = {spec.stem: notebooks_dir / f"{spec.stem}.ipynb" for spec in NOTEBOOKS}
    return {stem: notebook_source_key(path) for stem, path in paths.items() if path.is_file()}


def input_key(report: Report, data_fingerprint: str, code: str, notebook_key: str) -> str:
    """What a report is rendered from; `notebook_key` is its notebook's (see notebook_keys).
    Outputs saved while exploring in JupyterLab are not in it: they change nothing it shows."""
    return values_sha256(
        {"data": data_fingerprint, "code": code, "params": report.params, "notebook": notebook_key}
    )


def load_state(reports_dir: Path, name: str = STATE_FILE) -> dict:
    path = reports_dir / name
    if not path.is_file():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        log.warning("ignoring unreadable %s; everything it records will be rendered", path)
        return {}


def save_state(reports_dir: Path, state: dict, name: str = STATE_FILE) -> None:
    write_atomic(reports_dir / name, json.dumps(state, ensure_ascii=False, indent=1))


def is_current(entry, key: str, files: Iterable[Path]) -> bool:
    """What a state `entry` records was made from these very inputs (`key`), successfully, and
    its `files` are all on disk."""
    entry = entry if isinstance(entry, dict) else {}
    return (
        entry.get("key") == key
        and entry.get("status", "ok") == "ok"
        and all(path.is_file() for path in files)
    )


def record(state: dict, report: Report, key: str, outcome: Outcome) -> None:
    """Note one report's outcome; a failure keeps the key and time of the last good render."""
    entry = {
        "kind": report.spec.kind,
        "title": report.title,
        "lang": report.lang,
        "params": report.params,
        "seconds": round(outcome.seconds, 2),
    }
    if outcome.status == "ok":
        entry.update(key=key, status="ok", rendered_at=_now(), error="")
    else:
        previous = state.get(report.path, {})
        entry.update(
            key=previous.get("key", ""),
            status="failed",
            error=outcome.error,
            rendered_at=previous.get("rendered_at", ""),
        )
    state[report.path] = entry


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
