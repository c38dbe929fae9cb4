"""Running reports: each notebook given papermill's parameters cell, executed by nbclient in a
reused kernel, exported to HTML by nbconvert, several at once in worker processes (a script
calling render() with more than one job needs multiprocessing's usual
`if __name__ == "__main__":` guard)."""

from __future__ import annotations

import os
import shutil
import signal
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from plancompare.common.files import write_atomic
from plancompare.site.errors import RenderError
from plancompare.site.leftovers import make_kernel_dir
from plancompare.site.reports import Report

KERNEL_NAME = "plancompare"
SETUP_TIMEOUT = 60  # seconds a kernel may take to import the notebooks' libraries
TEMPLATES_DIR = Path(__file__).parents[1] / "templates"
EXECUTED_DIR = "_executed"  # executed notebooks, written only with --keep-executed


@dataclass
class Outcome:
    path: str
    status: str  # ok | skipped | failed
    seconds: float = 0.0
    error: str = ""


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
# libraries (kernel CPU per reset measured 50 ms before, 10 ms after).
WARM_UP = """\
import gc
import IPython.display
import plancompare.charts
import plancompare.query
import plancompare.tables
gc.collect()
gc.freeze()
"""
# An empty namespace for the next report; what the last one loaded for good (lazily imported
# modules, caches) is frozen too, so each reset scans only what one report made.
RESET = "%reset -f\n__import__('gc').freeze()"


class Worker:
    """One render worker's kernel, kernel client and HTML exporter, kept across its reports.

    Kernel start-up, the imports a notebook needs (polars, duckdb, plotly) and a client's
    readiness handshake (jupyter_client waits for 0.2 s of silence) cost more than running a
    notebook, so each worker pays them once, not once per report. Every report starts from an
    empty namespace (%reset -f), and a report that fails gets its kernel replaced, so nothing
    one notebook left behind reaches the next.
    """

    def __init__(self, manager_class, notebooks_dir: Path, keep_executed: bool = False):
        from nbconvert import HTMLExporter
        from nbconvert.preprocessors import TagRemovePreprocessor
        from traitlets.config import Config

        self.manager_class, self.notebooks_dir = manager_class, notebooks_dir
        self.keep_executed = keep_executed
        self.kernel = self.client = None
        self._close_lock = threading.Lock()
        self.exporter = HTMLExporter(
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

    def _run_quietly(self, code: str) -> None:
        """Run `code` in the kernel without outputs; raise if it fails."""
        import queue

        msg_id = self.client.execute(code, silent=True, store_history=False)
        try:
            while True:
                reply = self.client.get_shell_msg(timeout=SETUP_TIMEOUT)
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

    def _clean_kernel(self) -> None:
        """A live kernel with an empty namespace and a connected client, reused if possible."""
        if self.kernel is None or not self.kernel.is_alive():
            self.close()
            self.kernel = self.manager_class(kernel_name=KERNEL_NAME)
            self.kernel.start_kernel(cwd=str(self.notebooks_dir))
            self.client = self.kernel.client()
            self.client.start_channels()
            # Once per kernel: confirms the output channel is connected before any report.
            self.client.wait_for_ready(timeout=60)
            self._run_quietly(WARM_UP)
        self._run_quietly(RESET)

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
        from nbclient import NotebookClient
        from papermill.iorw import load_notebook_node
        from papermill.parameterize import parameterize_notebook

        source = self.notebooks_dir / f"{report.spec.stem}.ipynb"
        notebook = parameterize_notebook(load_notebook_node(str(source)), report.params)
        try:
            self._clean_kernel()
            client = NotebookClient(
                notebook,
                km=self.kernel,
                timeout=600,
                resources={"metadata": {"path": str(self.notebooks_dir)}},
            )
            client.kc = self.client  # reuse this worker's connected client: no readiness wait
            return client.execute()
        except Exception:
            self.close()  # never reuse a kernel a failed notebook may have left half-set
            raise

    def render(self, report: Report, reports_dir: Path) -> None:
        """Run one notebook and write its HTML (and, if asked, its executed copy) atomically."""
        import nbformat

        executed = self.execute(report)
        executed.metadata["title"] = report.title
        if self.keep_executed:
            executed_path = reports_dir / EXECUTED_DIR / report.path.replace(".html", ".ipynb")
            write_atomic(executed_path, nbformat.writes(executed))
        from plancompare.site.downloads import move_to_files
        from plancompare.site.pages import report_chrome

        move_to_files(executed, reports_dir, report.path)
        body, _ = self.exporter.from_notebook_node(executed, resources=report_chrome(report))
        write_atomic(reports_dir / report.path, body)


_process_worker: Worker | None = None


def _start_process_worker(notebooks_dir: Path, keep_executed: bool, db_path: str | None) -> None:
    """In a worker process: one Worker (one kernel) for all the reports this process renders,
    its kernel shut down and its sockets removed when the process exits."""
    from multiprocessing.util import Finalize

    global _process_worker
    if db_path:
        os.environ["PLANCOMPARE_DB"] = db_path
    # Stopped by the render (SIGTERM): exit normally, so the finalizers below shut the kernel
    # down and remove its sockets; a worker killed outright leaves them to the next run's sweep.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    socket_dir = make_kernel_dir()
    _process_worker = Worker(ipc_kernel_manager(socket_dir), notebooks_dir, keep_executed)
    Finalize(_process_worker, _process_worker.close, exitpriority=10)
    Finalize(None, shutil.rmtree, args=(socket_dir, True), exitpriority=5)


def _render_timed(worker: Worker, report: Report, key: str, reports_dir: Path):
    started = time.perf_counter()
    try:
        worker.render(report, reports_dir)
        outcome = Outcome(report.path, "ok")
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
) -> Iterator[tuple[Report, str, Outcome]]:
    """Render each (report, input key) with `jobs` workers, each with its own kernel; yield every
    outcome as it finishes. A failed report is an outcome, not an exception: it must not stop
    the others. One worker runs in this process; more are processes: render threads share one
    GIL for messaging, nbformat and nbconvert, and on 2 cores 2 worker processes already
    finished the site about 11% sooner than 2 threads."""
    jobs = max(1, jobs or os.cpu_count() or 1)
    if jobs == 1:
        yield from _run_here(todo, reports_dir, notebooks_dir, keep_executed)
    else:
        yield from _run_in_processes(todo, reports_dir, notebooks_dir, jobs, keep_executed)


def _run_here(todo, reports_dir: Path, notebooks_dir: Path, keep_executed: bool):
    """One worker on one thread of this process. The main thread only waits for its results, so
    a signal reaches it at once, and closing the worker kills the kernel of the report in flight."""
    from concurrent.futures import ThreadPoolExecutor

    socket_dir = make_kernel_dir()
    worker = Worker(ipc_kernel_manager(socket_dir), notebooks_dir, keep_executed)
    pool = ThreadPoolExecutor(max_workers=1)
    try:
        futures = [pool.submit(_render_timed, worker, r, k, reports_dir) for r, k in todo]
        for future in futures:
            yield future.result()
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
        worker.close()
        pool.shutdown(wait=True)
        worker.close()  # the report in flight may have started a kernel while being stopped
        shutil.rmtree(socket_dir, ignore_errors=True)


def _run_in_processes(todo, reports_dir: Path, notebooks_dir: Path, jobs: int, keep_executed):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # spawn, not fork: this process may hold zmq and duckdb threads a fork would copy.
    pool = ProcessPoolExecutor(
        max_workers=min(jobs, len(todo)) or 1,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_process_worker,
        initargs=(notebooks_dir, keep_executed, os.environ.get("PLANCOMPARE_DB")),
    )
    try:
        futures = {pool.submit(_render_in_process, r, k, reports_dir): (r, k) for r, k in todo}
        for future in as_completed(futures):
            yield _process_result(future, *futures[future])
    finally:
        # Normally every report is done here; when a signal or an error stops the run, drop the
        # reports not started and stop the workers, whose exit shuts their kernels down.
        pool.shutdown(wait=False, cancel_futures=True)
        for process in list((pool._processes or {}).values()):  # no public way before 3.14
            if process.is_alive():
                process.terminate()
        pool.shutdown(wait=True)
