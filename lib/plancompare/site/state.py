"""Incremental rendering: what each report was last rendered from and what the files it wrote
held (`.plancompare/state.json` under the report folder), and whether its inputs changed since
or its files were damaged. The render's own files all live in that one dot-folder, apart from
the published pages."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from plancompare.common.digest import file_sha256, tree_sha256, values_sha256
from plancompare.common.files import write_atomic
from plancompare.common.version import __version__
from plancompare.site.notebooks import notebook_source_key
from plancompare.site.outcome import Outcome
from plancompare.site.reports import NOTEBOOKS, Report

log = logging.getLogger("plancompare.render")

STATE_DIR = ".plancompare"  # the render's own files, inside the report folder
STATE_FILE = "state.json"  # the reports
LANDING_STATE_FILE = "landing.json"  # the landing page (site.pages)
# Where these files lived beside the pages before STATE_DIR, by their name there.
_LEGACY_NAMES = {
    "_state.json": STATE_FILE,
    "_pages.json": "pages.json",
    "_selections.json": "selections.json",
    "_index.key": None,
}
PACKAGE_DIR = Path(__file__).parents[1]


def state_path(reports_dir: Path, name: str) -> Path:
    return reports_dir / STATE_DIR / name


def move_legacy_files(reports_dir: Path) -> None:
    """Move the state files an older version kept beside the pages into STATE_DIR (dropping
    those this version no longer reads)."""
    for old, new in _LEGACY_NAMES.items():
        path = reports_dir / old
        if not path.is_file():
            continue
        if new is None or state_path(reports_dir, new).exists():
            path.unlink()
        else:
            state_path(reports_dir, new).parent.mkdir(exist_ok=True)
            os.replace(path, state_path(reports_dir, new))


def code_fingerprint() -> str:
    """Library version plus the hash of its sources and templates: a code change re-renders."""
    return tree_sha256(PACKAGE_DIR, {".py", ".j2", ".json", ".css"}, salt=__version__)[:16]


def notebook_keys(notebooks_dir: Path) -> dict[str, str]:
    """Each notebook's source key (cells and tags, not outputs) by stem, for the notebooks the
    folder holds: a --notebooks folder may hold only those its selection needs."""
    paths = {spec.stem: notebooks_dir / f"{spec.stem}.ipynb" for spec in NOTEBOOKS}
    return {stem: notebook_source_key(path) for stem, path in paths.items() if path.is_file()}


def source_key(report: Report, code: str, notebook_key: str) -> str:
    """What a report is made from besides the data: the code, its parameters and its notebook
    (`notebook_key`, see notebook_keys). Outputs saved while exploring in JupyterLab are not in
    it: they change nothing it shows."""
    return values_sha256({"code": code, "params": report.params, "notebook": notebook_key})


def input_key(source: str, data_fingerprint: str) -> str:
    """Everything a report is rendered from: its source_key and the data."""
    return values_sha256({"data": data_fingerprint, "source": source})


def shows_the_same(entry, source: str, reports_dir: Path, replay) -> bool:
    """A report whose data changed but nothing else, whose page is as written, and whose
    recorded reads of the data `replay(reads)` finds unchanged (see site.reads): its page
    would be the same."""
    entry = entry if isinstance(entry, dict) else {}
    return (
        entry.get("source") == source
        and entry.get("status") == "ok"
        and isinstance(entry.get("reads"), list)
        and files_intact(entry, reports_dir)
        and replay(entry["reads"])
    )


def load_state(reports_dir: Path, name: str = STATE_FILE) -> dict:
    """A state file, with the entries its journal holds (a run that was stopped before it
    saved them) applied over it."""
    path = state_path(reports_dir, name)
    state = {}
    if path.is_file():
        try:
            state = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            log.warning("ignoring unreadable %s; everything it records will be rendered", path)
    for line in _journal_lines(reports_dir, name):
        try:
            key, entry = json.loads(line)
        except (json.JSONDecodeError, ValueError):  # a line cut short by a kill
            continue
        state[key] = entry
    return state


def save_state(reports_dir: Path, state: dict, name: str = STATE_FILE) -> None:
    """Write the whole state file; its journal is then folded in."""
    write_atomic(state_path(reports_dir, name), json.dumps(state, ensure_ascii=False, indent=1))
    _journal_path(reports_dir, name).unlink(missing_ok=True)


def journal(reports_dir: Path, key: str, entry: dict, name: str = STATE_FILE) -> None:
    """Record one entry now, as one line appended to the state file's journal: a run that is
    killed keeps what it finished, and the cost of recording stays the same however many
    entries the state holds (rewriting the whole file after each report grew with the site:
    6,000 times 2-10 MB at 3,000 regions). save_state folds the journal in at the end."""
    path = _journal_path(reports_dir, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as f:
        f.write(json.dumps([key, entry], ensure_ascii=False) + "\n")


def _journal_path(reports_dir: Path, name: str) -> Path:
    return state_path(reports_dir, f"{Path(name).stem}.journal")


def _journal_lines(reports_dir: Path, name: str) -> list[str]:
    try:
        text = _journal_path(reports_dir, name).read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    return [line for line in text.split("\n") if line]


def file_digests(reports_dir: Path, names: Iterable[str]) -> dict[str, str]:
    """What each file (relative to `reports_dir`) holds now: the sha256 of its bytes."""
    return {name: file_sha256(reports_dir / name) for name in names}


def file_stats(reports_dir: Path, names: Iterable[str]) -> dict[str, list[int]]:
    """Each file's size and modification time (ns), recorded beside its digest: a file that
    still has both is taken as written without reading it (as git's index and make do)."""
    return {name: _stat(reports_dir / name) for name in names}


def written_files(reports_dir: Path, names: Iterable[str]) -> dict:
    """What a state entry records of the files it just wrote: digests and stats."""
    names = list(names)
    return {"files": file_digests(reports_dir, names), "stats": file_stats(reports_dir, names)}


def _stat(path: Path) -> list[int]:
    found = path.stat()
    return [found.st_size, found.st_mtime_ns]


def files_intact(entry, reports_dir: Path) -> bool:
    """Every file a state `entry` records is on disk and holds the bytes written: a page cut
    short, replaced or removed since is not current, whatever its inputs. A file whose size or
    time changed is read and compared by its digest (touched, it is still intact)."""
    files = entry.get("files") if isinstance(entry, dict) else None
    if not files:
        return False
    stats = entry.get("stats") if isinstance(entry.get("stats"), dict) else {}
    try:
        return all(
            stats.get(name) == _stat(reports_dir / name)
            or file_sha256(reports_dir / name) == digest
            for name, digest in files.items()
        )
    except OSError:
        return False


def is_current(entry, key: str, reports_dir: Path) -> bool:
    """What a state `entry` records was made from these very inputs (`key`), successfully, and
    its files are as written."""
    entry = entry if isinstance(entry, dict) else {}
    return (
        entry.get("key") == key
        and entry.get("status", "ok") == "ok"
        and files_intact(entry, reports_dir)
    )


def record(
    state: dict, report: Report, key: str, source: str, outcome: Outcome, reports_dir: Path
) -> None:
    """Note one report's outcome; a failure keeps the key and time of the last good render."""
    entry = {
        "kind": report.spec.kind,
        "title": report.title,
        "lang": report.lang,
        "params": report.params,
        "seconds": round(outcome.seconds, 2),
    }
    if outcome.status == "ok":
        entry.update(
            key=key,
            source=source,
            status="ok",
            rendered_at=_now(),
            error="",
            files=outcome.files,
            stats=file_stats(reports_dir, outcome.files),
            reads=outcome.reads,
        )
    else:
        previous = state.get(report.path, {})
        entry.update(
            key=previous.get("key", ""),
            status="failed",
            error=outcome.error,
            rendered_at=previous.get("rendered_at", ""),
            failed_at=_now(),
            files=previous.get("files", {}),
            stats=previous.get("stats", {}),
        )  # no source or reads: a failed report renders again
    state[report.path] = entry


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
