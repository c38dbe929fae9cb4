"""Running reports: each notebook executed by papermill in a reused kernel, exported to HTML by
nbconvert, several at once."""

from __future__ import annotations

import os
import shutil
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from plancompare.site.errors import RenderError
from plancompare.site.files import write_atomic
from plancompare.site.leftovers import make_kernel_dir
from plancompare.site.reports import Report

KERNEL_NAME = "plancompare"
TEMPLATES_DIR = Path(__file__).parents[1] / "templates"


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
        # stop() may come from another thread while this worker starts or uses its kernel.
        self._kernel_lock, self._stopped = threading.Lock(), False
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
        with self._kernel_lock:
            if self._stopped:
                raise RenderError("the render was stopped")
            self.kernel = self.manager_class(kernel_name=KERNEL_NAME)
            self.kernel.start_kernel(cwd=str(self.notebooks_dir))
            return self.kernel

    def close(self) -> None:
        with self._kernel_lock:
            kernel, self.kernel = self.kernel, None
        if kernel is not None:
            kernel.close_clients()
            kernel.shutdown_kernel(now=True)

    def stop(self) -> None:
        """Start no more kernels and kill this one: its report in flight ends at once."""
        with self._kernel_lock:
            self._stopped = True
        self.close()

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
                "method_url": "../" * depth + f"method/{report.lang}.html",
                "method_label": {"zh": "数据来源与方法", "en": "Sources and method"}[report.lang],
            },
        )
        write_atomic(reports_dir / report.path, body)


def run_reports(
    todo: list[tuple[Report, str]], reports_dir: Path, notebooks_dir: Path, jobs: int | None
) -> Iterator[tuple[Report, str, Outcome]]:
    """Render each (report, input key) on `jobs` threads, one worker each; yield every outcome
    as it finishes. A failed report is an outcome, not an exception: it must not stop the others."""
    socket_dir = make_kernel_dir()
    manager_class = ipc_kernel_manager(socket_dir)
    local, workers_made = threading.local(), []
    workers_lock, stopping = threading.Lock(), threading.Event()

    def run(report: Report, key: str) -> tuple[Report, str, Outcome]:
        started = time.perf_counter()
        try:
            with workers_lock:
                if stopping.is_set():
                    raise RenderError("the render was stopped")
                if not hasattr(local, "worker"):
                    local.worker = Worker(manager_class, notebooks_dir)
                    workers_made.append(local.worker)
            local.worker.render(report, reports_dir)
            outcome = Outcome(report.path, "ok")
        except Exception as error:
            outcome = Outcome(report.path, "failed", error=_error_text(error))
        outcome.seconds = time.perf_counter() - started
        return report, key, outcome

    pool = ThreadPoolExecutor(max_workers=max(1, jobs or os.cpu_count() or 1))
    try:
        futures = [pool.submit(run, report, key) for report, key in todo]
        for future in as_completed(futures):
            yield future.result()
    finally:
        # Normally every report is done here; when a signal or an error stops the run, drop
        # the reports not started and kill the kernels of those in flight before waiting.
        pool.shutdown(wait=False, cancel_futures=True)
        with workers_lock:
            stopping.set()
        for worker in workers_made:
            worker.stop()
        pool.shutdown(wait=True)
        shutil.rmtree(socket_dir, ignore_errors=True)
