"""`make bench`: how fast the suite is against the plain tools, and how it scales.

Writes docs/benchmarks.md (machine, versions, date, medians). `--smoke` runs every measurement on
a tiny selection so CI keeps this script working; it asserts no timings.
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from plancompare import catalog, query  # noqa: E402
from plancompare.build import build  # noqa: E402
from plancompare.site.reports import NOTEBOOKS_DIR, plan  # noqa: E402
from plancompare.site.runner import KERNEL_NAME, ipc_kernel_manager  # noqa: E402
from synthetic import generate  # noqa: E402

BIN = Path(sys.executable).parent
CORES = os.cpu_count() or 1


def median_seconds(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def command(*args: str, env: dict | None = None):
    """An action running one command, failing loudly (a benchmark of a failure is worthless)."""

    def run():
        done = subprocess.run(
            args, capture_output=True, text=True, env={**os.environ, **(env or {})}
        )
        if done.returncode != 0:
            raise RuntimeError(f"{shlex.join(args)} failed:\n{done.stderr[-2000:]}")

    return run


def render_command(out: Path, db: Path, *extra: str):
    return command(str(BIN / "plancompare"), "render", "--out", str(out), "--db", str(db), *extra)


def plain_script(reports, out: Path) -> Path:
    """The shell loop a user would write: papermill CLI, then nbconvert CLI, per report."""
    lines = ["set -e"]
    for n, report in enumerate(reports):
        notebook = NOTEBOOKS_DIR / f"{report.spec.stem}.ipynb"
        executed = out / f"{n}.ipynb"
        params = " ".join(f"-p {k} {shlex.quote(v)}" for k, v in report.params.items())
        lines.append(
            f"{BIN}/papermill -k {KERNEL_NAME} --no-progress-bar {notebook} {executed} "
            f"{params} >/dev/null 2>&1"
        )
        lines.append(f"{BIN}/jupyter nbconvert --to html --log-level ERROR {executed}")
    script = out / "plain.sh"
    script.write_text("\n".join(lines) + "\n")
    return script


def kernel_floor(runs: int) -> tuple[float, float]:
    """Seconds to start and stop one kernel, and to execute one empty notebook."""
    import nbformat
    import papermill
    from jupyter_client.manager import KernelManager

    sockets = Path(tempfile.mkdtemp())

    def start_stop():
        # IPC, as the renderer uses: no TCP ports, no unencrypted-TCP warning.
        manager = KernelManager(kernel_name=KERNEL_NAME, transport="ipc", ip=str(sockets / "k"))
        manager.start_kernel()
        client = manager.client()
        client.start_channels()
        client.wait_for_ready(timeout=60)
        client.stop_channels()
        manager.shutdown_kernel(now=True)

    empty = Path(tempfile.mkdtemp()) / "empty.ipynb"
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")])
    notebook.metadata["kernelspec"] = {
        "name": KERNEL_NAME,
        "display_name": KERNEL_NAME,
        "language": "python",
    }
    nbformat.write(notebook, empty)
    manager_class = ipc_kernel_manager(empty.parent)

    def run_empty():
        papermill.execute_notebook(
            str(empty),
            None,
            kernel_name=KERNEL_NAME,
            progress_bar=False,
            kernel_manager_class=manager_class,
            shutdown_kernel="immediate",
        )

    return median_seconds(start_stop, runs), median_seconds(run_empty, runs)


def size(path: Path) -> int:
    return (
        sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
        if path.is_dir()
        else path.stat().st_size
    )


def fmt(seconds: float) -> str:
    return f"{seconds:.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--runs", type=int, default=3, help="repeats for the short measurements")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="tiny selection, one run each: keeps the script working in CI",
    )
    args = parser.parse_args()
    runs = 1 if args.smoke else args.runs
    work = Path(tempfile.mkdtemp(prefix="plancompare-bench-"))
    rows: list[tuple[str, str, str]] = []  # (measurement, result, note)
    log = lambda message: print(f"bench: {message}", file=sys.stderr, flush=True)  # noqa: E731

    # 1. Database build from the curated CSVs.
    db = work / "plans.duckdb"
    build_runs = 1 if args.smoke else 10
    seconds = median_seconds(lambda: build(catalog.default_data_dir(), db), build_runs)
    rows.append(
        ("validate + build, curated data (5 regions)", fmt(seconds), f"median of {build_runs}")
    )
    log(f"build {seconds:.2f}s")

    # 2. One region-profile report, cold.
    one = [
        "--notebook",
        "02",
        "--param",
        "region=xianning",
        "--lang",
        "zh",
        "--force",
        "--jobs",
        "1",
    ]
    seconds = median_seconds(render_command(work / "one", db, *one), runs)
    rows.append(
        ("one profile report: `plancompare render`", fmt(seconds), f"median of {runs}, new process")
    )
    con = query.connect(db)
    one_report = plan(con, "02", {"region": "xianning"}, ["zh"])
    plain_one = plain_script(one_report, work)
    env = {"PLANCOMPARE_DB": str(db)}
    plain_seconds = median_seconds(command("bash", str(plain_one), env=env), runs)
    rows.append(
        (
            "one profile report: papermill CLI + nbconvert CLI",
            fmt(plain_seconds),
            f"median of {runs}",
        )
    )
    log(f"one report {seconds:.2f}s vs plain {plain_seconds:.2f}s")

    # 3. The full site (smoke: the overview only), and 4. a no-op re-render.
    selection = ["--notebook", "01"] if args.smoke else []
    reports = plan(con, "01" if args.smoke else None)
    con.close()
    site = work / "site"
    jobs1 = median_seconds(render_command(site, db, *selection, "--force", "--jobs", "1"), 1)
    jobs_n = median_seconds(
        render_command(site, db, *selection, "--force", "--jobs", str(CORES)), 1
    )
    plain_dir = work / "plain"
    plain_dir.mkdir()
    plain_site = median_seconds(command("bash", str(plain_script(reports, plain_dir)), env=env), 1)
    noop = median_seconds(render_command(site, db, *selection), max(runs, 3))
    n = len(reports)
    rows += [
        (f"full site ({n} reports): `plancompare render --jobs 1`", fmt(jobs1), "one run"),
        (f"full site ({n} reports): `plancompare render --jobs {CORES}`", fmt(jobs_n), "one run"),
        (
            f"full site ({n} reports): shell loop of papermill + nbconvert CLI",
            fmt(plain_site),
            "one run",
        ),
        (
            f"speed-up of `--jobs {CORES}` over the shell loop",
            f"{plain_site / jobs_n:.1f}×",
            "",
        ),
        ("no-op re-render (nothing changed)", fmt(noop), f"median of {max(runs, 3)}, new process"),
    ]
    log(f"site jobs1 {jobs1:.1f}s jobsN {jobs_n:.1f}s plain {plain_site:.1f}s noop {noop:.2f}s")

    # 5. The floor.
    start_stop, empty = kernel_floor(max(runs, 3))
    floor = n * empty / CORES
    rows += [
        ("kernel start + stop", fmt(start_stop), f"median of {max(runs, 3)}"),
        (
            "one empty notebook executed (papermill, in process)",
            fmt(empty),
            f"median of {max(runs, 3)}",
        ),
        (
            f"full site ÷ (reports × empty notebook ÷ {CORES} cores)",
            f"{jobs_n / floor:.2f}×",
            f"floor {floor:.1f} s",
        ),
    ]

    # Sizes.
    page = site / "overview" / "zh.html"
    rows += [
        ("one report page (overview, zh)", f"{size(page) / 1e6:.2f} MB", "plus plotly.js once"),
        (
            "whole site (HTML + assets, without _executed/)",
            f"{(size(site) - size(site / '_executed')) / 1e6:.1f} MB",
            f"{n} reports",
        ),
    ]

    # 6. Scale.
    scale_rows = []
    for n_regions in (5, 20) if args.smoke else (5, 300, 3000):
        data = generate(work / f"synthetic-{n_regions}", n_regions)
        scale_db = work / f"synthetic-{n_regions}.duckdb"
        build_runs = 1 if args.smoke else 3
        build_seconds = median_seconds(lambda d=data, b=scale_db: build(d, b), build_runs)
        out = work / f"synthetic-{n_regions}-site"
        overview = median_seconds(
            render_command(
                out, scale_db, "--notebook", "01", "--lang", "zh", "--force", "--jobs", "1"
            ),
            1,
        )
        compare = median_seconds(
            render_command(
                out,
                scale_db,
                "--notebook",
                "03",
                "--param",
                "indicator=nursing_bed_share",
                "--lang",
                "zh",
                "--force",
                "--jobs",
                "1",
            ),
            1,
        )
        scale_rows.append(
            (n_regions, build_seconds, overview, compare, size(out / "overview" / "zh.html") / 1e6)
        )
        log(
            f"scale {n_regions}: build {build_seconds:.2f}s, overview {overview:.1f}s, "
            f"compare {compare:.1f}s"
        )

    lines = [
        "# Benchmarks",
        "",
        f"Generated by `make bench`{' --smoke' if args.smoke else ''} on "
        f"{datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}.",
        "",
        f"Machine: {platform.machine()}, {CORES} cores, Python {platform.python_version()}, "
        f"{platform.platform()}.",
        "Versions: "
        + ", ".join(
            f"{p} {version(p)}"
            for p in (
                "plancompare",
                "papermill",
                "nbconvert",
                "nbclient",
                "ipykernel",
                "duckdb",
                "polars",
                "plotly",
            )
        )
        + ".",
        "",
        "## Against the plain tools",
        "",
        "| measurement | result | note |",
        "|---|---|---|",
        *[f"| {m} | {r} | {note} |" for m, r, note in rows],
        "",
        "## Scale (synthetic data, 60 indicators per region, seeded)",
        "",
        "| regions | validate + build | overview report | indicator-compare report "
        "| overview page |",
        "|---|---|---|---|---|",
        *[
            f"| {n_regions:,} | {fmt(b)} | {fmt(o)} | {fmt(c)} | {mb:.2f} MB |"
            for n_regions, b, o, c, mb in scale_rows
        ],
        "",
        "The floor assumes one fresh kernel per report; `plancompare render` keeps one kernel per",
        "worker and resets its namespace between reports, which is why it can come in under it.",
        "Reports are timed as `plancompare render` in a new process (kernel start included).",
        "Past 40 regions the per-region charts aggregate (coverage by indicator, distributions)",
        "and tables stop at 300 rows, so a 3,000-region report stays readable.",
        "",
    ]
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text("\n".join(lines), encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
