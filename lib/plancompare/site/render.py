"""One render run: plan the reports, skip those whose inputs did not change, run the rest, then
write the state and, when what it shows changed, the landing page. A report that fails keeps its
previous HTML, is marked stale on the landing page, and shows in the result as failed."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from plancompare import catalog, query
from plancompare.site import state as site_state
from plancompare.site.assets import ship_assets
from plancompare.site.files import exclusive_lock
from plancompare.site.pages import landing_inputs, write_index
from plancompare.site.progress import Progress
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


def render(
    reports_dir: Path | None = None,
    db_path: Path | None = None,
    notebook: str | None = None,
    params: dict[str, str] | None = None,
    langs: list[str] | None = None,
    jobs: int | None = None,
    force: bool = False,
    notebooks_dir: Path = NOTEBOOKS_DIR,
) -> RenderResult:
    """Render the selected reports into `reports_dir` and rewrite its index."""
    reports_dir = Path(reports_dir or catalog.PROJECT_ROOT / "reports")
    db_path = Path(db_path or catalog.default_db_path())
    con = query.connect(db_path)
    try:
        reports = plan(con, notebook, params, langs)
        info = query.build_info(con)
        landing = landing_inputs(con)
    finally:
        con.close()
    # Kernels inherit the environment: they read the same database as this run.
    os.environ["PLANCOMPARE_DB"] = str(db_path.resolve())
    result = RenderResult()
    with exclusive_lock(reports_dir):
        ship_assets(reports_dir)
        state = site_state.load_state(reports_dir)
        code = site_state.code_fingerprint()
        todo = []
        for report in reports:
            key = site_state.input_key(report, info["fingerprint"], code, notebooks_dir)
            if site_state.is_current(state, report, key, reports_dir) and not force:
                result.outcomes.append(Outcome(report.path, "skipped"))
            else:
                todo.append((report, key))
        if todo:
            check_kernel()
        progress = Progress(len(todo))
        for report, key, outcome in run_reports(todo, reports_dir, notebooks_dir, jobs):
            result.outcomes.append(outcome)
            progress.update(outcome)
            site_state.record(state, report, key, outcome)
        progress.close()
        site_state.save_state(reports_dir, state)
        write_index(reports_dir, state, info, landing, code)
    return result
