"""One render run: plan the reports, skip those whose inputs did not change, run the rest, then
write the state and the index. A report that fails keeps its previous HTML, is marked stale in
the index, and shows in the result as failed."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from pathlib import Path

from plancompare import catalog
from plancompare.site import state as site_state
from plancompare.site import unchanged
from plancompare.site.assets import ship_plotly_js
from plancompare.site.files import exclusive_lock, write_atomic
from plancompare.site.reports import NOTEBOOKS_DIR, plan
from plancompare.site.runner import Outcome, check_kernel, run_reports


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


def _result_if_unchanged(reports_dir: Path, db_path: Path, selection) -> RenderResult | None:
    """Every selected report skipped, decided from small files only (see site.unchanged)."""
    with exclusive_lock(reports_dir):
        current = unchanged.current_reports(reports_dir, db_path, selection)
    return None if current is None else RenderResult([Outcome(p, "skipped") for p in current])


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
) -> RenderResult:
    """Render the selected reports into `reports_dir` and rewrite its index."""
    reports_dir = Path(reports_dir or catalog.PROJECT_ROOT / "reports")
    db_path = Path(db_path or catalog.default_db_path())
    selection = functools.partial(
        unchanged.selection_key,
        notebooks_dir=notebooks_dir,
        notebook=notebook,
        params=params,
        langs=langs,
    )
    if not force and (result := _result_if_unchanged(reports_dir, db_path, selection)):
        return result
    # duckdb, polars, jinja2: only when there may be work
    from plancompare import query
    from plancompare.site.pages import index_html
    from plancompare.site.progress import Progress

    con = query.connect(db_path)
    try:
        reports = plan(con, notebook, params, langs)
        info = query.build_info(con)
    finally:
        con.close()
    # Kernels inherit the environment: they read the same database as this run.
    os.environ["PLANCOMPARE_DB"] = str(db_path.resolve())
    result = RenderResult()
    with exclusive_lock(reports_dir):
        ship_plotly_js(reports_dir)
        state = site_state.load_state(reports_dir)
        code = site_state.code_fingerprint()
        todo, keys = [], {}
        for report in reports:
            key = keys[report.path] = site_state.input_key(
                report, info["fingerprint"], code, notebooks_dir
            )
            if site_state.is_current(state, report, key, reports_dir) and not force:
                result.outcomes.append(Outcome(report.path, "skipped"))
            else:
                todo.append((report, key))
        if todo:
            check_kernel()
        progress = Progress(len(todo))
        for report, key, outcome in run_reports(
            todo, reports_dir, notebooks_dir, jobs, keep_executed
        ):
            result.outcomes.append(outcome)
            progress.update(outcome)
            site_state.record(state, report, key, outcome)
        progress.close()
        site_state.save_state(reports_dir, state)
        write_atomic(reports_dir / "index.html", index_html(state, info, reports_dir))
        if not result.failed:
            unchanged.remember(reports_dir, selection(info["fingerprint"]), keys)
    return result
