"""Incremental rendering: what each report was last rendered from (`_state.json`), and whether
its inputs changed since."""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import UTC, datetime
from pathlib import Path

from plancompare import __version__
from plancompare.site.files import write_atomic
from plancompare.site.notebooks import notebook_source_key
from plancompare.site.reports import NOTEBOOKS, Report
from plancompare.site.runner import Outcome

log = logging.getLogger("plancompare.render")

STATE_FILE = "_state.json"
PACKAGE_DIR = Path(__file__).parents[1]


def code_fingerprint() -> str:
    """Library version plus the hash of its sources and templates: a code change re-renders."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".j2", ".json", ".css"}:
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def notebook_keys(notebooks_dir: Path) -> dict[str, str]:
    """Each notebook's source key (cells and tags, not outputs) by stem, for the notebooks the
    folder holds: a --notebooks folder may hold only those its selection needs."""
    paths = {spec.stem: notebooks_dir / f"{spec.stem}.ipynb" for spec in NOTEBOOKS}
    return {stem: notebook_source_key(path) for stem, path in paths.items() if path.is_file()}


def input_key(report: Report, data_fingerprint: str, code: str, notebook_key: str) -> str:
    """What a report is rendered from; `notebook_key` is its notebook's (see notebook_keys)."""
    payload = json.dumps(
        {
            "data": data_fingerprint,
            "code": code,
            "params": report.params,
            # Outputs saved while exploring in JupyterLab change nothing a report shows.
            "notebook": notebook_key,
        },
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


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


def is_current(state: dict, path: str, key: str, reports_dir: Path) -> bool:
    """The report at `path` was rendered from these very inputs, successfully, and is on disk."""
    previous = state.get(path, {})
    return (
        previous.get("key") == key
        and previous.get("status") == "ok"
        and (reports_dir / path).is_file()
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
