"""Render the notebooks into a browsable, offline HTML report site (`plancompare render`).

One run: plan the reports (overview; a profile per region; a comparison per comparable or headline
indicator; each language), skip those whose inputs did not change, execute the rest in parallel
with papermill and nbconvert in this process, write each HTML atomically, then the index. A report
that fails keeps its previous HTML, is marked stale in the index, and makes the run exit non-zero.
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import html
import importlib.util
import json
import logging
import os
import shutil
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from plancompare import __version__, catalog, query
from plancompare.text import slugify

log = logging.getLogger("plancompare.render")

NOTEBOOKS_DIR = catalog.PROJECT_ROOT / "notebooks"
TEMPLATES_DIR = Path(__file__).with_name("templates")
KERNEL_NAME = "plancompare"
LANGS = catalog.LANGS
STATE_FILE = "_state.json"
LOCK_FILE = ".render.lock"
EXIT_LOCKED = 75  # EX_TEMPFAIL: another run holds the lock; try again later


@dataclass(frozen=True)
class NotebookSpec:
    stem: str  # file name without .ipynb
    kind: str  # report folder name
    parameter: str | None  # the notebook's subject parameter besides lang
    title: dict[str, str]


NOTEBOOKS = (
    NotebookSpec(
        "01_overview", "overview", None, {"zh": "跨地区总览", "en": "Cross-region overview"}
    ),
    NotebookSpec(
        "02_region_profile",
        "region_profile",
        "region",
        {"zh": "地区规划画像", "en": "Region profiles"},
    ),
    NotebookSpec(
        "03_indicator_compare",
        "indicator_compare",
        "indicator",
        {"zh": "单项指标比较", "en": "Indicator comparisons"},
    ),
)


class RenderError(Exception):
    """A selection that names no notebook, parameter or value the suite knows."""


class LockedError(RenderError):
    """Another render holds the lock."""


@dataclass(frozen=True)
class Report:
    spec: NotebookSpec
    params: dict[str, str]
    label: str  # human title, e.g. "咸宁市" or "人均体育场地面积"

    @property
    def lang(self) -> str:
        return self.params["lang"]

    @property
    def path(self) -> str:
        """Where the HTML goes, relative to the report folder: always inside it, ASCII only."""
        subject = self.params.get(self.spec.parameter, "") if self.spec.parameter else ""
        slug = "-".join(s for s in (slugify(subject) if subject else "", self.lang) if s)
        return f"{self.spec.kind}/{slug}.html"

    @property
    def title(self) -> str:
        name = self.spec.title[self.lang]
        return f"{self.label} · {name}" if self.label else name


@dataclass
class Outcome:
    path: str
    status: str  # ok | skipped | failed
    seconds: float = 0.0
    error: str = ""


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


# --- planning ----------------------------------------------------------------------------------


def find_notebook(name: str) -> NotebookSpec:
    """A notebook by stem, kind, number prefix or file name: "02", "region_profile", ..."""
    wanted = Path(name).name.removesuffix(".ipynb")
    for spec in NOTEBOOKS:
        if wanted in (spec.stem, spec.kind, spec.stem.split("_", 1)[0]):
            return spec
    choices = ", ".join(f"{s.stem} ({s.kind})" for s in NOTEBOOKS)
    raise RenderError(f"unknown notebook {name!r}; valid choices: {choices}")


def parse_params(pairs: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise RenderError(f"--param {pair!r} is not key=value (e.g. --param region=咸宁市)")
        params[key.strip()] = value.strip()
    return params


def plan(
    con,
    notebook: str | None = None,
    params: dict[str, str] | None = None,
    langs: list[str] | None = None,
) -> list[Report]:
    """Every report the selection asks for, with its parameters resolved to ids."""
    params = dict(params or {})
    langs = list(langs or LANGS)
    for lang in langs:
        if lang not in LANGS:
            raise RenderError(f"unknown lang {lang!r}; valid choices: {', '.join(LANGS)}")
    specs = [find_notebook(notebook)] if notebook else list(NOTEBOOKS)
    valid_keys = {s.parameter for s in specs if s.parameter}
    for key in params:
        if key not in valid_keys:
            choices = ", ".join(sorted(valid_keys)) or "none (this notebook takes only --lang)"
            raise RenderError(f"unknown parameter {key!r} for this selection; valid: {choices}")

    regions = query.regions(con)
    region_names = {r["region_id"]: r for r in regions.to_dicts()}
    indicators = {r["indicator_id"]: r for r in query.indicators(con).to_dicts()}
    subjects: dict[str, list[str]] = {
        "region": sorted(region_names),
        "indicator": sorted(
            set(query.comparable(con)["indicator_id"])
            | (set(catalog.HEADLINE_INDICATORS) & set(indicators))
        ),
    }
    if "region" in params:
        subjects["region"] = [query.resolve_region(params["region"], con)]
    if "indicator" in params:
        subjects["indicator"] = [query.resolve_indicator(params["indicator"], con)]

    reports = []
    for spec in specs:
        for lang in langs:
            if spec.parameter is None:
                reports.append(Report(spec, {"lang": lang}, ""))
                continue
            names = region_names if spec.parameter == "region" else indicators
            for subject in subjects[spec.parameter]:
                label = names[subject].get(f"name_{lang}") or names[subject]["name_zh"]
                reports.append(Report(spec, {spec.parameter: subject, "lang": lang}, label))
    return reports


# --- inputs and state --------------------------------------------------------------------------


def code_fingerprint() -> str:
    """Library version plus the hash of its sources and templates: a code change re-renders."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".j2", ".json", ".css"}:
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def input_key(report: Report, data_fingerprint: str, code: str, notebooks_dir: Path) -> str:
    notebook = (notebooks_dir / f"{report.spec.stem}.ipynb").read_bytes()
    payload = json.dumps(
        {
            "data": data_fingerprint,
            "code": code,
            "params": report.params,
            "notebook": hashlib.sha256(notebook).hexdigest(),
        },
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write to a temporary file beside `path`, then rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; reports are served to readers
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def load_state(reports_dir: Path) -> dict:
    path = reports_dir / STATE_FILE
    if not path.is_file():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        log.warning("ignoring unreadable %s; every report will be rendered", path)
        return {}


@contextmanager
def exclusive_lock(reports_dir: Path):
    reports_dir.mkdir(parents=True, exist_ok=True)
    path = reports_dir / LOCK_FILE
    with path.open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise LockedError(
                f"another render is running (pid {holder}, lock {path}); try again when it finishes"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ship_plotly_js(reports_dir: Path) -> None:
    """plotly.js once per site, from the installed plotly package (no CDN)."""
    # Located without importing plotly: a no-op render should not pay for it.
    package = Path(importlib.util.find_spec("plotly").submodule_search_locations[0])
    source = package / "package_data" / "plotly.min.js"
    target = reports_dir / "assets" / "plotly.min.js"
    if not target.is_file() or target.stat().st_size != source.stat().st_size:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


# --- execution ---------------------------------------------------------------------------------


def _error_text(error: Exception) -> str:
    name = getattr(error, "ename", type(error).__name__)
    value = getattr(error, "evalue", str(error))
    return f"{name}: {value}".strip().splitlines()[0][:500]


def check_kernel() -> None:
    """One clear error, before any report runs, when the project's kernel is not installed."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    except NoSuchKernel:
        raise RenderError(
            f"Jupyter kernel {KERNEL_NAME!r} is not installed: run `make setup`, or "
            f"`python -m ipykernel install --sys-prefix --name {KERNEL_NAME}` in this environment"
        ) from None


def ipc_kernel_manager(socket_dir: Path):
    """A kernel manager class whose kernels talk over unix sockets in `socket_dir`: parallel
    kernels cannot collide on TCP ports, and nothing listens on the network."""
    from jupyter_client.manager import KernelManager
    from traitlets import default

    class IPCKernelManager(KernelManager):
        transport = "ipc"

        @default("ip")
        def _ip_default(self):
            return str(socket_dir / f"kernel-{uuid.uuid4().hex[:12]}")

        def client(self, **kwargs):
            # nbclient leaves open the client of a kernel it does not own; remember every
            # client so a reused kernel's sockets can be closed after each report.
            made = super().client(**kwargs)
            self.__dict__.setdefault("_clients", []).append(made)
            return made

        def close_clients(self) -> None:
            for made in self.__dict__.pop("_clients", []):
                made.stop_channels()

    return IPCKernelManager


class Worker:
    """One render thread's kernel and HTML exporter, kept across its reports.

    Kernel start-up and the imports a notebook needs (polars, duckdb, plotly) cost more than
    running the notebook, so each worker pays them once, not once per report. Every report
    starts from an empty namespace (%reset -f), and a report that fails gets its kernel replaced,
    so nothing one notebook left behind reaches the next.
    """

    def __init__(self, manager_class, notebooks_dir: Path):
        from nbconvert import HTMLExporter
        from nbconvert.preprocessors import TagRemovePreprocessor

        self.manager_class, self.notebooks_dir = manager_class, notebooks_dir
        self.kernel = None
        self.exporter = HTMLExporter(
            # The notebook's how-to-run note is for analysts in JupyterLab, not report readers.
            preprocessors=[TagRemovePreprocessor(remove_cell_tags={"notebook-only"})],
            extra_template_basedirs=[str(TEMPLATES_DIR)],
            template_name="report",
            exclude_input=True,
            exclude_input_prompt=True,
            exclude_output_prompt=True,
        )

    def _clean_kernel(self):
        if self.kernel is not None and self.kernel.is_alive():
            client = self.kernel.client()
            client.start_channels(iopub=False, stdin=False, hb=False, control=False)
            try:
                msg_id = client.execute("%reset -f", silent=True, store_history=False)
                while client.get_shell_msg(timeout=60)["parent_header"].get("msg_id") != msg_id:
                    pass
            finally:
                client.stop_channels()
            return self.kernel
        self.close()
        self.kernel = self.manager_class(kernel_name=KERNEL_NAME)
        self.kernel.start_kernel(cwd=str(self.notebooks_dir))
        return self.kernel

    def close(self) -> None:
        if self.kernel is not None:
            self.kernel.close_clients()
            self.kernel.shutdown_kernel(now=True)
            self.kernel = None

    def render(self, report: Report, reports_dir: Path) -> None:
        """Run one notebook and write its executed copy and its HTML, each atomically."""
        import nbformat
        import papermill

        source = self.notebooks_dir / f"{report.spec.stem}.ipynb"
        try:
            executed = papermill.execute_notebook(
                str(source),
                None,
                parameters=report.params,
                progress_bar=False,
                log_output=False,
                km=self._clean_kernel(),
            )
        except Exception:
            self.close()  # never reuse a kernel a failed notebook may have left half-set
            raise
        finally:
            if self.kernel is not None:
                self.kernel.close_clients()
        executed.metadata["title"] = report.title
        executed_path = reports_dir / "_executed" / report.path.replace(".html", ".ipynb")
        write_atomic(executed_path, nbformat.writes(executed))
        depth = report.path.count("/")
        body, _ = self.exporter.from_notebook_node(
            executed,
            resources={
                "plotly_js_url": "../" * depth + "assets/plotly.min.js",
                "index_label": {"zh": "全部报告", "en": "All reports"}[report.lang],
                "language_code": "zh-CN" if report.lang == "zh" else "en",
            },
        )
        write_atomic(reports_dir / report.path, body)


class _Progress:
    """A bar on a terminal; one plain line per report otherwise (cron logs)."""

    def __init__(self, total: int):
        self.total, self.done = total, 0
        self.bar = None
        if sys.stderr.isatty() and total:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="report", file=sys.stderr)

    def update(self, outcome: Outcome) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.set_postfix_str(outcome.path)
            self.bar.update()
        else:
            detail = f" ({outcome.error})" if outcome.error else ""
            print(
                f"render [{self.done}/{self.total}] {outcome.path}: {outcome.status} "
                f"{outcome.seconds:.1f}s{detail}",
                file=sys.stderr,
                flush=True,
            )

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


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
    finally:
        con.close()
    # Kernels inherit the environment: they read the same database as this run.
    os.environ["PLANCOMPARE_DB"] = str(db_path.resolve())
    result = RenderResult()
    with exclusive_lock(reports_dir):
        ship_plotly_js(reports_dir)
        state = load_state(reports_dir)
        code = code_fingerprint()
        todo = []
        for report in reports:
            key = input_key(report, info["fingerprint"], code, notebooks_dir)
            previous = state.get(report.path, {})
            unchanged = (
                previous.get("key") == key
                and previous.get("status") == "ok"
                and (reports_dir / report.path).is_file()
            )
            if unchanged and not force:
                result.outcomes.append(Outcome(report.path, "skipped"))
            else:
                todo.append((report, key))
        if todo:
            check_kernel()
        progress = _Progress(len(todo))

        socket_dir = Path(tempfile.mkdtemp(prefix="plancompare-kernels-"))
        manager_class = ipc_kernel_manager(socket_dir)
        local, workers_made = threading.local(), []

        def run(report: Report, key: str) -> tuple[Report, str, Outcome]:
            started = time.perf_counter()
            try:
                if not hasattr(local, "worker"):
                    local.worker = Worker(manager_class, notebooks_dir)
                    workers_made.append(local.worker)
                local.worker.render(report, reports_dir)
                outcome = Outcome(report.path, "ok")
            except Exception as error:  # one failed report must not stop the others
                outcome = Outcome(report.path, "failed", error=_error_text(error))
            outcome.seconds = time.perf_counter() - started
            return report, key, outcome

        workers = max(1, jobs or os.cpu_count() or 1)
        with ThreadPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(run, report, key) for report, key in todo]
            for future in as_completed(futures):
                report, key, outcome = future.result()
                result.outcomes.append(outcome)
                progress.update(outcome)
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
        progress.close()
        for worker in workers_made:
            worker.close()
        shutil.rmtree(socket_dir, ignore_errors=True)
        write_atomic(reports_dir / STATE_FILE, json.dumps(state, ensure_ascii=False, indent=1))
        write_atomic(reports_dir / "index.html", index_html(state, info, reports_dir))
    return result


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def index_html(state: dict, info: dict[str, str], reports_dir: Path) -> str:
    """The site's front page: every report by kind and language, failures first."""
    esc = html.escape
    failed = [(p, e) for p, e in sorted(state.items()) if e["status"] == "failed"]
    parts = [
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
        "<title>十四五公共服务规划比较 · plancompare reports</title>",
        '<link rel="icon" href="data:,">',
        "<style>body{font-family:'Noto Sans CJK SC','Source Han Sans SC','PingFang SC',"
        "'Microsoft YaHei',sans-serif;max-width:1000px;margin:2em auto;padding:0 1em}"
        ".failed{color:#b2182b}.stale{color:#b2182b;font-size:.85em}ul{columns:2}</style>",
        "</head><body>",
        "<h1>十四五公共服务规划比较 · 14th Five-Year public-service plans compared</h1>",
        f"<p>Data built {esc(info.get('built_at', ''))} · data fingerprint "
        f"<code>{esc(info.get('fingerprint', ''))}</code> · plancompare {esc(__version__)}</p>",
    ]
    if failed:
        parts.append('<h2 class="failed">Failed reports · 渲染失败</h2><ul class="failed">')
        for path, entry in failed:
            kept = (
                " (previous version kept, stale)"
                if (reports_dir / path).is_file()
                else " (no previous version)"
            )
            parts.append(
                f"<li>{esc(entry['title'])} <code>{esc(path)}</code>: "
                f"{esc(entry['error'])}{kept}</li>"
            )
        parts.append("</ul>")
    for spec in NOTEBOOKS:
        for lang in LANGS:
            entries = [
                (p, e)
                for p, e in sorted(state.items())
                if e["kind"] == spec.kind and e["lang"] == lang and (reports_dir / p).is_file()
            ]
            if not entries:
                continue
            parts.append(f"<h2>{esc(spec.title[lang])} ({lang})</h2><ul>")
            for path, entry in sorted(entries, key=lambda pe: pe[1]["title"]):
                stale = ' <span class="stale">stale</span>' if entry["status"] == "failed" else ""
                parts.append(f'<li><a href="{esc(path)}">{esc(entry["title"])}</a>{stale}</li>')
            parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts)


# --- command line ------------------------------------------------------------------------------


def add_render_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out",
        type=Path,
        default=catalog.PROJECT_ROOT / "reports",
        help="report folder (default: %(default)s)",
    )
    parser.add_argument(
        "--notebook",
        help="only this notebook: 01_overview, 02_region_profile, "
        "03_indicator_compare (or overview, region_profile, indicator_compare)",
    )
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="only this subject, e.g. --param region=咸宁市 or "
        "--param indicator=人均体育场地面积 (repeatable)",
    )
    parser.add_argument(
        "--lang",
        action="append",
        choices=LANGS,
        help="only this language (repeatable; default: all)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="reports rendered at once (default: %(default)s, the number of cores)",
    )
    parser.add_argument(
        "--force", action="store_true", help="render even the reports whose inputs did not change"
    )


def render_cli(args) -> int:
    """Exit 0 when every report rendered (or was unchanged), 1 when any failed, 2 on a bad
    selection, 75 when another render holds the lock."""
    try:
        result = render(
            args.out,
            args.db,
            args.notebook,
            parse_params(args.param),
            args.lang,
            args.jobs,
            args.force,
        )
    except LockedError as error:
        print(f"plancompare render: {error}", file=sys.stderr)
        return EXIT_LOCKED
    except (RenderError, query.UnknownChoiceError) as error:
        print(f"plancompare render: {error}", file=sys.stderr)
        return 2
    for outcome in result.failed:
        print(f"plancompare render: FAILED {outcome.path}: {outcome.error}", file=sys.stderr)
    print(f"{result.summary()}; index: {Path(args.out) / 'index.html'}")
    return 1 if result.failed else 0
