"""The plain-Python floor of a report: the notebook's own code cells, with papermill's
parameters, run one report after another in this one process by IPython (no kernel, no
messaging, no nbconvert). Everything a report does beyond this is the suite's overhead.

The floor follows the notebooks: it reads their code cells each time.
"""

from __future__ import annotations

import time
from pathlib import Path


def _cells(notebook_path: Path, params: dict[str, str]) -> list[str]:
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    notebook = parameterize_notebook(load_notebook_node(str(notebook_path)), params)
    return [cell.source for cell in notebook.cells if cell.cell_type == "code"]


def floor_seconds(reports, notebooks_dir: Path, rounds: int = 2) -> tuple[float, float]:
    """Median (wall, CPU) seconds per report of running its code cells in one warm IPython
    shell, every display computed (HTML included, as in the kernel) and captured."""
    import statistics

    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    shell = InteractiveShell.instance()
    # HTML and the other rich formats, as a kernel computes them, not only text/plain.
    shell.display_formatter.active_types = list(shell.display_formatter.formatters)
    sources = [_cells(notebooks_dir / f"{r.spec.stem}.ipynb", r.params) for r in reports]

    def run(cells: list[str]) -> None:
        with capture_output():
            for code in cells:
                result = shell.run_cell(code, store_history=False)
                result.raise_error()

    run(sources[0])  # warm: imports and caches, as a worker's kernel is warm
    walls, cpus = [], []
    for _ in range(rounds):
        for cells in sources:
            started, cpu_started = time.perf_counter(), time.process_time()
            run(cells)
            walls.append(time.perf_counter() - started)
            cpus.append(time.process_time() - cpu_started)
    return statistics.median(walls), statistics.median(cpus)
