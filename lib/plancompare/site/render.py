"""One render run: plan the reports, skip those whose inputs did not change, run the rest, then
write the state and, when what it shows changed, the landing page. A report that fails keeps its
previous HTML, is marked stale on the landing page, and shows in the result as failed. The state
records every report as it finishes (a line in its journal), so a run that is killed loses only
the reports in flight; the next run removes what a killed run left behind."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from plancompare.common import paths
from plancompare.site import state as site_state
from plancompare.site import unchanged
from plancompare.site.assets import ship_assets
from plancompare.site.errors import RenderError
from plancompare.site.leftovers import remove_dead_leftovers
from plancompare.site.outcome import Outcome
from plancompare.site.output import exclusive_lock, writing_into
from plancompare.site.reports import NOTEBOOKS_DIR, NotebookSpec, plan
from plancompare.site.runner import DEFAULT_TIMEOUT, check_kernel, run_reports
from plancompare.site.stale import write_stale_script


@dataclass
class RenderResult:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    def summary(self) -> str:
        counts = {s: sum(o.status == s for o in self.outcomes) for s in ("ok", "skipped", "failed")}
        return (
            f"rendered {counts['ok']}, unchanged {counts['skipped']}, "
            f"failed {counts['failed']} of {len(self.outcomes)} reports"
        )


def read_database(db_path: Path, notebook, params, langs) -> tuple[list, dict[str, str], dict]:
    """The reports to render, the database's build info and the landing page's inputs; a
    query.DatabaseError (saying how to rebuild) when the database is missing or unreadable."""
    # duckdb, polars, jinja2: only when there may be work.
    import duckdb

    from plancompare import query
    from plancompare.site.pages import landing_inputs

    # connect() checks the file; a database with none of the suite's tables fails on first read.
    try:
        con = query.connect(db_path)
        try:
            return plan(con, notebook, params, langs), query.build_info(con), landing_inputs(con)
        finally:
            con.close()
    except duckdb.Error as error:
        raise query.DatabaseDamagedError(
            f"cannot read the database {db_path} ({str(error).splitlines()[0]}); {query.REBUILD}"
        ) from None


def check_notebooks(notebooks_dir: Path, specs: Iterable[NotebookSpec]) -> None:
    missing = sorted({f"{spec.stem}.ipynb" for spec in specs} - _files_in(notebooks_dir))
    if missing:
        raise RenderError(
            f"notebook folder {notebooks_dir} has no {', '.join(missing)} "
            "(it needs the same file names as notebooks/)"
        )


def _files_in(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if p.is_file()} if folder.is_dir() else set()


def _result_if_unchanged(reports_dir: Path, db_path: Path, selection) -> RenderResult | None:
    """Every selected report skipped, decided from small files only (see site.unchanged)."""
    if not (reports_dir / "index.html").is_file():
        return None  # nothing rendered yet: never create the folder before the database is read
    with exclusive_lock(reports_dir):
        remove_dead_leftovers(reports_dir)
        current = unchanged.current_reports(reports_dir, db_path, selection)
    return None if current is None else RenderResult([Outcome(p, "skipped") for p in current])


def write_site_pages(
    reports_dir: Path, db_path: Path, info: dict[str, str], code: str, force: bool = False
) -> list[str]:
    """The plan texts, the dataset, the method page, the pages of indicators one plan states
    and the values grid, each only if its inputs changed."""
    from plancompare import query
    from plancompare.site import dataset, indicators, method, sources, values
    from plancompare.site.extras import write_pages

    con = query.connect(db_path)
    try:
        pages = [
            *sources.pages(con, info, code),
            *dataset.pages(con, info, code),
            *method.pages(con, info, code),
            *indicators.pages(con, info, code),
            *values.pages(con, info, code),
        ]
        return write_pages(reports_dir, pages, force)
    finally:
        con.close()


class _Replayer:
    """replay(reads): whether a report's recorded reads answer the same against `db_path`
    now (site.reads), on one connection opened at the first call, answers shared."""

    def __init__(self, db_path: Path):
        self.db_path, self.con, self.answers = db_path, None, {}

    def __call__(self, reads: list) -> bool:
        from plancompare import query
        from plancompare.site.reads import replays_the_same

        self.con = self.con or query.connect(self.db_path)
        return replays_the_same(reads, self.con, self.answers)

    def close(self) -> None:
        if self.con is not None:
            self.con.close()


def render(
    reports_dir: Path | None = None,
    db_path: Path | None = None,
    notebook: str | None = None,
    params: dict[str, str] | None = None,
    langs: list[str] | None = None,
    jobs: int | None = None,
    force: bool = False,
    notebooks_dir: Path = NOTEBOOKS_DIR,
    keep_executed: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
) -> RenderResult:
    """Render the selected reports into `reports_dir` and rewrite its index; a report running
    longer than `timeout` seconds fails like any other."""
    reports_dir = Path(reports_dir or paths.PROJECT_ROOT / "reports")
    db_path = Path(db_path or paths.default_db_path())
    code = site_state.code_fingerprint()
    notebook_keys = site_state.notebook_keys(notebooks_dir)
    selection = functools.partial(
        unchanged.selection_key,
        code=code,
        notebooks=notebook_keys,
        notebook=notebook,
        params=params,
        langs=langs,
    )
    if not force and (result := _result_if_unchanged(reports_dir, db_path, selection)):
        return result
    reports, info, landing = read_database(db_path, notebook, params, langs)
    check_notebooks(notebooks_dir, [report.spec for report in reports])
    # Kernels inherit the environment: they read the same database as this run.
    os.environ["PLANCOMPARE_DB"] = str(db_path.resolve())
    result = RenderResult()
    with exclusive_lock(reports_dir), writing_into(reports_dir):
        remove_dead_leftovers(reports_dir)
        site_state.move_legacy_files(reports_dir)
        ship_assets(reports_dir)
        state = site_state.load_state(reports_dir)
        write_site_pages(reports_dir, db_path, info, code, force)
        todo, keys, sources = [], {}, {}
        replay = _Replayer(db_path)
        for report in reports:
            source = sources[report.path] = site_state.source_key(
                report, code, notebook_keys[report.spec.stem]
            )
            key = keys[report.path] = site_state.input_key(source, info["fingerprint"])
            entry = state.get(report.path)
            if not force and site_state.is_current(entry, key, reports_dir):
                result.outcomes.append(Outcome(report.path, "skipped"))
            elif not force and site_state.shows_the_same(entry, source, reports_dir, replay):
                entry["key"] = key  # current for the new data too
                result.outcomes.append(Outcome(report.path, "skipped"))
            else:
                todo.append((report, key))
        replay.close()
        site_state.save_state(reports_dir, state)
        if todo:
            check_kernel()
        from plancompare.site.pages import write_index
        from plancompare.site.progress import Progress

        progress = Progress(len(todo))
        try:
            for report, key, outcome in run_reports(
                todo, reports_dir, notebooks_dir, jobs, keep_executed, timeout
            ):
                result.outcomes.append(outcome)
                progress.update(outcome)
                site_state.record(state, report, key, sources[report.path], outcome, reports_dir)
                site_state.journal(reports_dir, report.path, state[report.path])
        finally:
            progress.close()
            site_state.save_state(reports_dir, state)
        write_stale_script(reports_dir, state)
        write_index(reports_dir, state, info, landing, code)
        if not result.failed:
            unchanged.remember(reports_dir, selection(info["fingerprint"]), keys)
    return result
