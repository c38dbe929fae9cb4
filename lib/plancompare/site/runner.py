"""Running reports: each notebook given papermill's parameters cell, executed by nbclient in a
reused kernel, exported to HTML by nbconvert, several at once in worker processes (a script
calling render() with more than one job needs multiprocessing's usual
`if __name__ == "__main__":` guard)."""

from __future__ import annotations

import functools
import math
import os
import re
import shutil
import signal
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from plancompare.common.files import write_atomic
from plancompare.site import state as site_state
from plancompare.site.errors import RenderError
from plancompare.site.leftovers import make_kernel_dir
from plancompare.site.outcome import Outcome
from plancompare.site.output import write_changed
from plancompare.site.reports import Report

KERNEL_NAME = "plancompare"
SETUP_TIMEOUT = 60  # seconds a kernel may take to import the notebooks' libraries
# Seconds one report may run (`render --timeout`). The slowest report measured, the overview at
# 3,000 synthetic regions (docs/benchmarks.md), takes about 7 s warm: this leaves room for a
# machine many times slower or busier, and still frees a scheduler's slot from a stuck cell.
DEFAULT_TIMEOUT = 120
# Seconds an interrupted cell gets to run its `finally` blocks before its kernel is killed.
STOP_GRACE = 0.5
SIGNAL_CHECK = 0.2  # seconds between the main thread's looks for a signal while reports run
TEMPLATES_DIR = Path(__file__).parents[1] / "templates"
EXECUTED_DIR = "_executed"  # executed notebooks, written only with --keep-executed
# How a render starts its kernels. A report's cells need no input history on disk: IPython's
# history thread wrote each cell to SQLite (about 10 ms CPU a profile report). They never await
# at top level: without autoawait a cell is not compiled a second time to find out. And one polars
# thread, like DuckDB's one (query.THREADS): the render already runs a worker per core, and a
# small frame's work split over threads only adds their hand-offs.
KERNEL_ARGUMENTS = ["--HistoryManager.enabled=False", "--InteractiveShell.autoawait=False"]
KERNEL_ENVIRONMENT = {"POLARS_MAX_THREADS": "1"}


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
        # nbclient's time limit needs an asynchronous client: with a blocking one it waits for
        # a silent cell's output without end, and never gets to check the limit.
        client_class = "jupyter_client.asynchronous.AsyncKernelClient"
        # Sockets and connection file both in socket_dir (by default jupyter_client puts the
        # connection file loose in the temp directory): one folder to remove after a crash.

        @default("ip")
        def _ip_default(self):
            return str(socket_dir / f"kernel-{uuid.uuid4().hex[:12]}")

        @default("connection_file")
        def _connection_file_default(self):
            return f"{self.ip}.json"

    return IPCKernelManager


# The long-lived imports every notebook makes, done once per kernel, then frozen: the garbage
# collections of each report's `%reset -f` then scan only what that report made, not the
# libraries (kernel CPU per reset measured 50 ms before, 10 ms after). A library's deprecation
# warning is for whoever keeps the notebook (JupyterLab shows it), not for a report's reader; in
# a page it also named the kernel's pid, so the same report never gave the same bytes.
WARM_UP = """\
import gc
import warnings
warnings.filterwarnings("ignore", category=DeprecationWarning)
import IPython.display
import plancompare.charts
import plancompare.query
plancompare.query.THREADS = 1
import plancompare.tables
import plancompare.site.reads
import plancompare.site.streams
plancompare.site.reads.record_queries()
plancompare.site.streams.flush_only_written()
gc.collect()
gc.freeze()
"""
# An empty namespace for the next report, made as each report ends (and after the warm-up); what
# the last one loaded for good (lazily imported modules, caches) is frozen too, so each reset
# scans only what one report made.
RESET = "%reset -f\n__import__('gc').freeze()"
# This report's calls of the query API (see site.reads), fetched after it ran; a fresh list.
READS = "__import__('plancompare.site.reads').site.reads.recorded_json()"


@functools.cache
def _report_exporter_class():
    """nbconvert's HTMLExporter without the steps that cost most of the export and change
    nothing in a report page: its last, which parses the finished page with BeautifulSoup and
    writes it out again to give <img> tags alt text and the cells inside `.jp-Notebook` a
    tabindex (report pages have neither: charts are plotly divs, and the report template has no
    `.jp-Notebook`), and the copies and validations of the notebook around its thirteen
    preprocessors (nbconvert's own and a tag filter, on a notebook nbclient just executed)."""
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class ReportExporter(HTMLExporter):
        def from_notebook_node(self, nb, resources=None, **kw):
            # HTMLExporter.from_notebook_node (nbconvert 7.17) up to the parse: the filters
            # the templates use, then the template.
            resources = self._init_resources(resources)
            self.register_filter("highlight_code", Highlight2HTML(parent=self))
            self.register_filter(
                "filter_data_type",
                WidgetsDataTypeFilter(
                    notebook_metadata=self._nb_metadata, parent=self, resources=resources
                ),
            )
            return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

        def _init_resources(self, resources):
            # nbconvert sets every page's language to the exporter's (en; it takes ISO 639-1
            # codes only): a report keeps its own (report_chrome's zh-CN or en).
            language = (resources or {}).get("language_code")
            resources = super()._init_resources(resources)
            resources["language_code"] = language or resources["language_code"]
            return resources

        def _preprocess(self, nb, resources):
            # nbconvert's copies the notebook twice (and normalizes it) before running its
            # preprocessors, and validates it after each: the worker's executed notebook is its
            # own, from_notebook_node has already copied it, and nbclient has just written it.
            for preprocessor in self._preprocessors:
                nb, resources = preprocessor(nb, resources)
            return nb, resources

    return ReportExporter


@functools.cache
def _notebook_client_class():
    """nbclient's NotebookClient for a kernel and client the worker owns and keeps."""
    from contextlib import asynccontextmanager

    from nbclient import NotebookClient
    from nbformat.v4 import nbbase

    class ReusedKernelClient(NotebookClient):
        @asynccontextmanager
        async def async_setup_kernel(self, **kwargs):
            # Nothing to start or clean up. nbclient's own would also take over SIGINT and
            # SIGTERM while a notebook runs (swallowing the render's stop) and reset them to
            # their defaults afterwards (dropping the worker's handler).
            yield

        def output(self, outs, msg, display_id, cell_index):
            # nbformat checks each output against the notebook schema as it makes it (with
            # jsonschema: a fifth of the renderer's CPU per report). These come from the
            # worker's own kernel, and an executed notebook kept with --keep-executed is
            # checked whole when nbformat writes it.
            nbbase.validate, validate = _not_checked, nbbase.validate
            try:
                return super().output(outs, msg, display_id, cell_index)
            finally:
                nbbase.validate = validate

    return ReusedKernelClient


def _not_checked(node, ref=None) -> None:
    return None


def _awaited(result):
    """What a call of the asynchronous kernel client gives, waited for on the loop nbclient
    runs on in this thread (jupyter_core's run_sync: a loop of the thread's own, or a runner
    thread's when a loop already runs here)."""
    import inspect

    from jupyter_core.utils import run_sync

    if not inspect.isawaitable(result):
        return result

    async def wait():
        return await result

    return run_sync(wait)()


class ReportTimeout(Exception):
    """A report ran past its time limit; its kernel is killed, like any failed report's."""


class Worker:
    """One render worker's kernel, kernel client and HTML exporter, kept across its reports.

    Kernel start-up, the imports a notebook needs (polars, duckdb, plotly) and a client's
    readiness handshake (jupyter_client waits for 0.2 s of silence) cost more than running a
    notebook, so each worker pays them once, not once per report. Every report starts from an
    empty namespace (%reset -f), and a report that fails gets its kernel replaced, so nothing
    one notebook left behind reaches the next.
    """

    def __init__(
        self,
        manager_class,
        notebooks_dir: Path,
        keep_executed: bool = False,
        timeout: float = DEFAULT_TIMEOUT,
    ):
        from nbconvert.preprocessors import TagRemovePreprocessor
        from traitlets.config import Config

        self.manager_class, self.notebooks_dir = manager_class, notebooks_dir
        self.keep_executed, self.timeout = keep_executed, timeout
        self.kernel = self.client = None
        self._namespace_used = False  # a notebook ran since the kernel's namespace was emptied
        self._close_lock = threading.Lock()
        self.exporter = _report_exporter_class()(
            # The notebook's how-to-run note is for analysts in JupyterLab, not report readers.
            preprocessors=[TagRemovePreprocessor(remove_cell_tags={"notebook-only"})],
            extra_template_basedirs=[str(TEMPLATES_DIR)],
            template_name="report",
            exclude_input=True,
            exclude_input_prompt=True,
            exclude_output_prompt=True,
            # Pygments CSS is for code cells, which reports do not show; the site's stylesheet
            # (assets/plancompare.css) is linked instead of inlined.
            config=Config({"CSSHTMLHeaderPreprocessor": {"enabled": False}}),
        )

    def _run_quietly(self, code: str, value: str | None = None):
        """Run `code` in the kernel without outputs, and return the Python literal `value`
        (an expression) evaluates to after it; raise if it fails."""
        import ast
        import queue

        expressions = {"value": value} if value else {}
        msg_id = self.client.execute(
            code, silent=True, store_history=False, user_expressions=expressions
        )
        try:
            while True:
                reply = _awaited(self.client.get_shell_msg(timeout=SETUP_TIMEOUT))
                if reply["parent_header"].get("msg_id") == msg_id:
                    break
        except queue.Empty:
            raise RuntimeError(
                f"the {KERNEL_NAME!r} kernel did not answer within {SETUP_TIMEOUT} s while "
                f"setting up ({code.splitlines()[0]}); check that it starts: make setup"
            ) from None
        if reply["content"]["status"] != "ok":
            raise RuntimeError(
                f"the {KERNEL_NAME!r} kernel could not set up "
                f"({reply['content'].get('ename', '')}: {reply['content'].get('evalue', '')}); "
                "reinstall the environment: make setup"
            )
        if value:
            result = reply["content"]["user_expressions"]["value"]
            if result["status"] != "ok":
                raise RuntimeError(f"{value}: {result.get('ename')}: {result.get('evalue')}")
            return ast.literal_eval(result["data"]["text/plain"])
        return None

    def _clean_kernel(self) -> None:
        """A live kernel with an empty namespace and a connected client, reused if possible (a
        rendered report empties it as it ends: `_reads_then_reset`)."""
        if self.kernel is None or not self.kernel.is_alive():
            self.close()
            self.kernel = self.manager_class(kernel_name=KERNEL_NAME)
            self.kernel.start_kernel(
                cwd=str(self.notebooks_dir),
                extra_arguments=KERNEL_ARGUMENTS,
                env={**os.environ, **KERNEL_ENVIRONMENT},
            )
            self.client = self.kernel.client()
            self.client.start_channels()
            # Once per kernel: confirms the output channel is connected before any report.
            _awaited(self.client.wait_for_ready(timeout=60))
            self._run_quietly(WARM_UP + RESET)
        elif self._namespace_used:
            self._run_quietly(RESET)
        self._namespace_used = False

    def _reads_then_reset(self) -> list:
        """The report's calls of the query API, then an empty namespace for the next report: one
        request to the kernel, not two (each costs the kernel and the renderer some 5 ms of
        CPU). A kernel that fails it is not used again."""
        import json

        try:
            reads = json.loads(self._run_quietly(RESET, READS))
            self._namespace_used = False
            return reads
        except Exception:
            self.stop()
            self.close()
            raise

    def stop(self) -> None:
        """End the kernel now, whatever its cell is doing: interrupt it (the cell's `finally`
        blocks run), then kill its process group. Only signals, no messaging: safe from a
        signal handler and from another thread while a report runs."""
        import subprocess

        process = getattr(getattr(self.kernel, "provisioner", None), "process", None)
        if process is None or process.poll() is not None:
            return
        # jupyter_client starts each kernel in a session of its own: its group is its pid.
        for signum in (signal.SIGINT, signal.SIGKILL):
            try:
                os.killpg(process.pid, signum)
            except ProcessLookupError:
                return
            try:
                process.wait(STOP_GRACE)
                return
            except subprocess.TimeoutExpired:
                pass

    def close(self) -> None:
        # Also called from the thread that waits for this worker, when a signal stops the run.
        with self._close_lock:
            client, kernel, self.client, self.kernel = self.client, self.kernel, None, None
        if client is not None:
            client.stop_channels()
        if kernel is not None:
            kernel.shutdown_kernel(now=True)

    def execute(self, report: Report):
        """The report's notebook with papermill's parameters cell, executed in this worker's
        kernel."""
        from nbclient.exceptions import CellTimeoutError
        from papermill.iorw import load_notebook_node
        from papermill.parameterize import parameterize_notebook

        source = self.notebooks_dir / f"{report.spec.stem}.ipynb"
        notebook = parameterize_notebook(load_notebook_node(str(source)), report.params)
        for cell in notebook.cells:  # papermill's cell gets a random id, which the page shows
            if "injected-parameters" in cell.metadata.get("tags", []):
                cell.id = "injected-parameters"
        try:
            self._clean_kernel()
            self._namespace_used = True
            # nbclient's limit is per cell; each cell gets what is left of the report's.
            deadline = time.monotonic() + self.timeout
            running = {}
            client = _notebook_client_class()(
                notebook,
                km=self.kernel,
                timeout_func=lambda cell: max(1, math.ceil(deadline - time.monotonic())),
                on_cell_execute=lambda cell, cell_index: running.update(cell=cell_index),
                resources={"metadata": {"path": str(self.notebooks_dir)}},
            )
            client.kc = self.client  # reuse this worker's connected client: no readiness wait
            try:
                return client.execute()
            except CellTimeoutError:
                index = running.get("cell", 0)
                first_line = (notebook.cells[index].source.strip().splitlines() or [""])[0]
                raise ReportTimeout(
                    f"stopped at the time limit of {self.timeout:g} s (render --timeout) in "
                    f"cell {index} ({first_line[:60]})"
                ) from None
        except Exception:
            self.stop()  # never reuse a kernel a failed notebook may have left half-set
            self.close()
            raise

    def render(self, report: Report, reports_dir: Path) -> tuple[dict[str, str], list | None]:
        """Run one notebook and write its HTML and CSV files (and, if asked, its executed copy)
        atomically, each only if its bytes changed. Returns the sha256 of each page and CSV
        file, and the notebook's calls of the query API (see site.reads)."""
        import nbformat

        executed = self.execute(report)
        reads = self._reads_then_reset()
        executed.metadata["title"] = report.title
        if self.keep_executed:
            executed_path = reports_dir / EXECUTED_DIR / report.path.replace(".html", ".ipynb")
            write_atomic(executed_path, nbformat.writes(executed))
        from plancompare.site.downloads import move_to_files
        from plancompare.site.pages import report_chrome

        stable_chart_ids(executed)
        files = move_to_files(executed, reports_dir, report.path)
        body, _ = self.exporter.from_notebook_node(executed, resources=report_chrome(report))
        write_changed(reports_dir / report.path, body)
        return site_state.file_digests(reports_dir, [report.path, *files]), reads


_UUID = r"[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}"
# plotly writes the chart's div with its id first or its class first, by version and path.
_PLOTLY_DIV = re.compile(
    rf'<div (?:id="({_UUID})" class="plotly-graph-div"|class="plotly-graph-div" id="({_UUID})")'
)


def stable_chart_ids(notebook) -> None:
    """Name each plotly chart by its place in the page (`chart-1`, …) instead of the random id
    plotly draws for it: the same report rendered again gives the same bytes, so its file is
    not rewritten (see output.write_changed)."""
    count = 0
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text/html" not in data:
                continue
            html = data["text/html"]
            html = "".join(html) if isinstance(html, list) else html
            found = (first or second for first, second in _PLOTLY_DIV.findall(html))
            for random_id in dict.fromkeys(found):
                count += 1
                html = html.replace(random_id, f"chart-{count}")
            data["text/html"] = html


_process_worker: Worker | None = None


def _start_process_worker(
    notebooks_dir: Path, keep_executed: bool, timeout: float, db_path: str | None
) -> None:
    """In a worker process: one Worker (one kernel) for all the reports this process renders,
    its kernel shut down and its sockets removed when the process exits."""
    from multiprocessing.util import Finalize

    global _process_worker
    if db_path:
        os.environ["PLANCOMPARE_DB"] = db_path
    socket_dir = make_kernel_dir()
    _process_worker = Worker(ipc_kernel_manager(socket_dir), notebooks_dir, keep_executed, timeout)

    def stop(signum, frame):
        # Stopped by the render: end the kernel and its sockets here and now. An exception
        # would not do: the pool's worker loop catches every one, and nbclient may be waiting.
        _process_worker.stop()
        shutil.rmtree(socket_dir, ignore_errors=True)
        os._exit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    # Ctrl-C reaches the whole terminal's process group: the render decides what stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    Finalize(_process_worker, _process_worker.close, exitpriority=10)
    Finalize(None, shutil.rmtree, args=(socket_dir, True), exitpriority=5)


def _render_timed(worker: Worker, report: Report, key: str, reports_dir: Path):
    started = time.perf_counter()
    try:
        files, reads = worker.render(report, reports_dir)
        outcome = Outcome(report.path, "ok", files=files, reads=reads)
    except Exception as error:
        outcome = Outcome(report.path, "failed", error=_error_text(error))
    outcome.seconds = time.perf_counter() - started
    return report, key, outcome


def _render_in_process(report: Report, key: str, reports_dir: Path):
    return _render_timed(_process_worker, report, key, reports_dir)


def _process_result(future, report: Report, key: str):
    """A worker process that died (killed, out of memory) fails its reports, not the run."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        return future.result()
    except BrokenProcessPool as error:
        return report, key, Outcome(report.path, "failed", error=_error_text(error))


def run_reports(
    todo: list[tuple[Report, str]],
    reports_dir: Path,
    notebooks_dir: Path,
    jobs: int | None,
    keep_executed: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
) -> Iterator[tuple[Report, str, Outcome]]:
    """Render each (report, input key) with `jobs` workers, each with its own kernel; yield every
    outcome as it finishes. A failed report is an outcome, not an exception: it must not stop
    the others. One worker runs in this process; more are processes: render threads share one
    GIL for messaging, nbformat and nbconvert, and on 2 cores 2 worker processes already
    finished the site about 11% sooner than 2 threads. Stopping the iteration early (a signal,
    an error) ends every kernel and worker before it returns."""
    jobs = max(1, jobs or os.cpu_count() or 1)
    if jobs == 1:
        yield from _run_here(todo, reports_dir, notebooks_dir, keep_executed, timeout)
    else:
        yield from _run_in_processes(todo, reports_dir, notebooks_dir, jobs, keep_executed, timeout)


def _run_here(todo, reports_dir: Path, notebooks_dir: Path, keep_executed: bool, timeout):
    """One worker on one thread of this process. The main thread only waits for its results, so
    a signal reaches it at once, and stopping the worker kills the kernel of the report in
    flight; its thread then sees the dead kernel and returns."""
    from concurrent.futures import ThreadPoolExecutor

    socket_dir = make_kernel_dir()
    worker = Worker(ipc_kernel_manager(socket_dir), notebooks_dir, keep_executed, timeout)
    pool = ThreadPoolExecutor(max_workers=1)
    try:
        futures = [pool.submit(_render_timed, worker, r, k, reports_dir) for r, k in todo]
        for future in _as_completed(futures):
            yield future.result()
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
        worker.stop()
        pool.shutdown(wait=True)
        worker.stop()  # the report in flight may have started a kernel while being stopped
        worker.close()
        shutil.rmtree(socket_dir, ignore_errors=True)


def _run_in_processes(
    todo, reports_dir: Path, notebooks_dir: Path, jobs: int, keep_executed, timeout
):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawn, not fork: this process may hold zmq and duckdb threads a fork would copy.
    pool = ProcessPoolExecutor(
        max_workers=min(jobs, len(todo)) or 1,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_process_worker,
        initargs=(notebooks_dir, keep_executed, timeout, os.environ.get("PLANCOMPARE_DB")),
    )
    finished, futures = False, {}
    try:
        futures = {pool.submit(_render_in_process, r, k, reports_dir): (r, k) for r, k in todo}
        for future in _as_completed(futures):
            yield _process_result(future, *futures[future])
        finished = True
    finally:
        if finished:
            pool.shutdown(wait=True)  # idle workers exit, shutting their kernels down
            del pool, futures
            _end_resource_tracker()
        else:
            # Stopped: the resource tracker ends by itself a moment after this process (ended
            # here, it would find semaphores of killed workers still registered).
            _stop_processes(pool)


def _end_resource_tracker() -> None:
    """End the process multiprocessing starts beside a pool to track its semaphores: it ends by
    itself only once it sees this process gone, so a scheduler (a systemd unit, a cron
    wrapper) would find it alive just after the render. The pool (shut down, its manager
    thread joined) is collected first: each of its semaphores unregisters itself with the
    tracker, which afterwards would start a new one."""
    import gc
    from multiprocessing import resource_tracker

    gc.collect()
    stop = getattr(resource_tracker._resource_tracker, "_stop", None)  # CPython 3.8+
    if stop is not None:
        stop()


def _as_completed(futures) -> Iterator:
    """Each future as it finishes, the waiting thread waking every SIGNAL_CHECK seconds: a
    signal may be delivered to any thread of the process, and Python runs its handler only in
    the main thread, when that thread runs; a main thread blocked for good never would. Each
    future puts itself on a queue when done: waiting on every pending future at each wake-up
    (concurrent.futures.wait) locked all of them each time, which at 6,000 reports took the
    render's own process 19 ms of CPU a report."""
    import queue

    finished: queue.SimpleQueue = queue.SimpleQueue()
    futures = list(futures)
    for future in futures:
        future.add_done_callback(finished.put)
    for _ in futures:
        done = None
        while done is None:
            try:
                done = finished.get(timeout=SIGNAL_CHECK)
            except queue.Empty:
                pass
        yield done


def _stop_processes(pool) -> None:
    """A signal or an error stops the run: drop the reports not started and end every worker
    (its SIGTERM handler kills its kernel), killing any that does not end promptly."""
    # Read before shutdown(), which forgets them; no public way before Python 3.14.
    processes = [p for p in (pool._processes or {}).values() if p.is_alive()]
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    deadline = time.monotonic() + 4 * STOP_GRACE + 2
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join()
