"""`make bench`: what a report costs against its plain-Python floor, the site against the plain
tools, the no-op run, page weights and a 3,000-region extrapolation, from one run.

Writes docs/benchmarks.md and the headline figures as docs/benchmarks.json. `--smoke` runs every
measurement on a tiny selection so CI keeps this script working; it asserts no timings.
"""

from __future__ import annotations

import argparse
import json
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

from floor import floor_seconds  # noqa: E402
from plancompare import query  # noqa: E402
from plancompare.common import paths  # noqa: E402
from plancompare.site.reports import NOTEBOOKS_DIR, plan  # noqa: E402
from plancompare.site.runner import KERNEL_NAME, Worker, ipc_kernel_manager  # noqa: E402
from plancompare.store.build import build  # noqa: E402
from synthetic import generate  # noqa: E402

BIN = Path(sys.executable).parent
CORES = os.cpu_count() or 1
SCALE_WORKERS = (2, 16)


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
        lines.append(f"{BIN}/jupyter nbconvert --to html --no-input --log-level ERROR {executed}")
    script = out / "plain.sh"
    script.write_text("\n".join(lines) + "\n")
    return script


def warm_seconds(reports, db: Path, out: Path, rounds: int) -> dict[str, tuple[float, float]]:
    """Median (wall seconds, CPU seconds) per report of each kind in one warm worker (kernel
    started, imports done): what each report costs inside a long render. CPU counts this
    process and the kernel: what a worker needs of its core, however busy the machine is."""
    import psutil

    os.environ["PLANCOMPARE_DB"] = str(db)
    sockets = Path(tempfile.mkdtemp(prefix="plancompare-bench-"))
    worker = Worker(ipc_kernel_manager(sockets), NOTEBOOKS_DIR)

    def cpu() -> float:
        kernel = psutil.Process(worker.kernel.provisioner.process.pid).cpu_times()
        return time.process_time() + kernel.user + kernel.system

    times: dict[str, list[tuple[float, float]]] = {}
    try:
        worker.render(reports[0], out)  # warm-up, not counted
        for _ in range(rounds):
            for report in reports:
                started, cpu_before = time.perf_counter(), cpu()
                worker.render(report, out)
                times.setdefault(report.spec.kind, []).append(
                    (time.perf_counter() - started, cpu() - cpu_before)
                )
    finally:
        worker.close()
        shutil.rmtree(sockets, ignore_errors=True)
    return {
        kind: (statistics.median(w for w, _ in ts), statistics.median(c for _, c in ts))
        for kind, ts in times.items()
    }


def children_cpu_seconds(action, runs: int) -> float:
    """Median CPU seconds (user + system) of the child processes one `action` runs: unlike wall
    time, it does not grow when other work shares the machine."""
    import resource

    times = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        action()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(times)


def one_note_changed(site: Path, db: Path, raw: Path, selection) -> tuple[int, int, int]:
    """Change one curator note (a copy of the data), rebuild, render without --force: the
    reports rendered again, and the site's files (pages, CSV, assets) written, of all."""
    import csv

    shutil.copytree(paths.default_data_dir(), raw)
    targets = raw / "targets" / "xianning.csv"
    with targets.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    row = next(r for r in rows if r["indicator_id"] == "childcare_places_per_1k")
    row["notes"] += " (bench: one changed note)"
    with targets.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)

    def snapshot() -> dict[Path, int]:
        return {
            p: p.stat().st_mtime_ns
            for p in site.rglob("*")
            if p.is_file() and ".plancompare" not in p.parts and p.name != ".render.lock"
        }

    render_command(site, db, *selection)()  # current, to start from
    before = snapshot()
    build(raw, db)
    done = subprocess.run(
        [str(BIN / "plancompare"), "render", "--out", str(site), "--db", str(db), *selection],
        capture_output=True,
        text=True,
        check=True,
    )
    rendered = int(done.stdout.split("rendered ", 1)[1].split(",", 1)[0])
    after = snapshot()
    rewritten = sum(before.get(path) != mtime for path, mtime in after.items())
    build(paths.default_data_dir(), db)  # back to the curated data for what follows
    render_command(site, db, *selection)()
    return rendered, rewritten, len(after)


def render_rate(db: Path, out: Path, kind: str, window: float) -> tuple[float, float]:
    """Start the whole site's render at 2 workers against `db`, as a scheduler would; once it
    renders `kind` reports, time those that finish over `window` seconds, then stop it
    (SIGTERM). Returns (seconds until the first of them finished, reports per second): every
    process of the render is at work, its own and its workers' included."""
    import threading

    process = subprocess.Popen(
        [str(BIN / "plancompare"), "render", "--out", str(out), "--db", str(db), "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    started, finished = time.monotonic(), []

    def read() -> None:  # off a terminal the render logs a line per report
        for line in process.stderr:
            if f" {kind}/" in line and ": ok " in line:
                finished.append(time.monotonic())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        while process.poll() is None and not (finished and finished[-1] - finished[0] >= window):
            time.sleep(0.2)
    finally:
        process.terminate()
        process.wait(60)
        reader.join(10)
    if len(finished) < 2:
        raise RuntimeError(f"the render at scale finished fewer than 2 {kind} reports")
    return finished[0] - started, (len(finished) - 1) / (finished[-1] - finished[0])


def size(path: Path) -> int:
    return (
        sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
        if path.is_dir()
        else path.stat().st_size
    )


def fmt(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds < 120 else f"{seconds / 60:.1f} min"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--runs", type=int, default=5, help="repeats for the short measurements")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="tiny selection, one run each: keeps the script working in CI",
    )
    args = parser.parse_args()
    smoke = args.smoke
    runs = 1 if smoke else args.runs
    work = Path(tempfile.mkdtemp(prefix="plancompare-bench-"))
    load_before = os.getloadavg()[0]
    rows: list[tuple[str, str, str]] = []  # (measurement, result, note)
    figures: dict[str, float] = {}
    log = lambda message: print(f"bench: {message}", file=sys.stderr, flush=True)  # noqa: E731

    # 1. Database build from the curated CSVs.
    db = work / "plans.duckdb"
    seconds = median_seconds(lambda: build(paths.default_data_dir(), db), runs)
    rows.append(("validate + build, curated data (5 regions)", fmt(seconds), f"median of {runs}"))
    log(f"build {seconds:.2f}s")

    # 2. One warm report against its plain-Python floor (same reports, same code cells).
    con = query.connect(db)
    profiles = plan(con, "02", langs=None if not smoke else ["zh"])
    reports = plan(con, "01" if smoke else None)
    con.close()
    os.environ["PLANCOMPARE_DB"] = str(db)
    warm, warm_cpu = warm_seconds(profiles, db, work / "warm", rounds=1 if smoke else 2)[
        "region_profile"
    ]
    floor, floor_cpu = floor_seconds(profiles, NOTEBOOKS_DIR, rounds=1 if smoke else 2)
    figures["warm_report_seconds"] = round(warm, 4)
    figures["floor_report_seconds"] = round(floor, 4)
    figures["warm_report_vs_floor"] = round(warm / floor, 2)
    figures["warm_report_vs_floor_cpu"] = round(warm_cpu / floor_cpu, 2)
    rows += [
        (
            f"one region profile in a warm worker ({len(profiles)} profiles)",
            f"{warm * 1000:.0f} ms",
            f"median per report: reset, execute, export, write; CPU {warm_cpu * 1000:.0f} ms "
            "(renderer + kernel)",
        ),
        (
            "the same code cells as plain Python in one process (the floor)",
            f"{floor * 1000:.0f} ms",
            f"IPython shell, every display computed; read from the notebooks; CPU "
            f"{floor_cpu * 1000:.0f} ms",
        ),
        ("warm report ÷ floor", f"{warm / floor:.2f}×", f"CPU: {warm_cpu / floor_cpu:.2f}×"),
    ]
    log(f"warm {warm * 1000:.0f} ms, floor {floor * 1000:.0f} ms")

    # 3. The full site (smoke: the overview only) against the papermill + nbconvert CLI loop.
    selection = ["--notebook", "01"] if smoke else []
    site = work / "site"
    n = len(reports)
    site_seconds = median_seconds(
        render_command(site, db, *selection, "--force", "--jobs", str(CORES)), 1
    )
    site_one = median_seconds(render_command(site, db, *selection, "--force", "--jobs", "1"), 1)
    sample = reports[:: max(1, n // (1 if smoke else 3))][: 1 if smoke else 3]
    plain_dir = work / "plain"
    plain_dir.mkdir()
    env = {"PLANCOMPARE_DB": str(db)}
    loop_sample = median_seconds(command("bash", str(plain_script(sample, plain_dir)), env=env), 1)
    loop_site = loop_sample / len(sample) * n
    figures["site_seconds"] = round(site_seconds, 2)
    # Every report page however it is rendered: notebooks, and the template-written pages of
    # indicators one plan states and of the values grid.
    figures["site_reports"] = sum(
        1
        for kind in ("overview", "region_profile", "indicator_compare", "values")
        for _ in (site / kind).glob("*.html")
    )
    figures["site_seconds_jobs_1"] = round(site_one, 2)
    figures["cli_loop_seconds_extrapolated"] = round(loop_site, 1)
    figures["site_vs_cli_loop"] = round(loop_site / site_seconds, 1)
    figures["site_jobs_1_vs_cli_loop"] = round(loop_site / site_one, 1)
    figures["site_vs_cli_loop_on_all_cores"] = round(loop_site / CORES / site_seconds, 1)
    rows += [
        (
            f"full site ({n} reports): `plancompare render --force --jobs {CORES}`",
            fmt(site_seconds),
            f"one run, new process; {figures['site_reports']} report pages in all, "
            f"{figures['site_reports'] - n} of them written from templates",
        ),
        (
            f"full site ({n} reports): `plancompare render --force --jobs 1`",
            fmt(site_one),
            "one run, new process",
        ),
        (
            f"full site ({n} reports): shell loop of papermill CLI + nbconvert CLI",
            fmt(loop_site),
            f"extrapolated: a sample of {len(sample)} reports run in the loop took "
            f"{fmt(loop_sample)}; × {n} ÷ {len(sample)}",
        ),
        (
            f"speed-up of `--jobs {CORES}` over the shell loop",
            f"{loop_site / site_seconds:.1f}×",
            f"`--jobs 1`: {loop_site / site_one:.1f}×; against the loop split over {CORES} "
            f"cores (xargs -P {CORES}): {loop_site / CORES / site_seconds:.1f}×",
        ),
    ]
    log(f"site {site_seconds:.1f}s (jobs 1: {site_one:.1f}s), CLI loop ~{loop_site:.0f}s")

    # 4. The no-op run against starting Python.
    noop_runs = max(runs, 3)
    noop = median_seconds(render_command(site, db, *selection), noop_runs)
    noop_cpu = children_cpu_seconds(render_command(site, db, *selection), noop_runs)
    python = median_seconds(command(sys.executable, "-c", "pass"), noop_runs)
    python_cpu = children_cpu_seconds(command(sys.executable, "-c", "pass"), noop_runs)
    figures["noop_seconds"] = round(noop, 3)
    figures["noop_cpu_seconds"] = round(noop_cpu, 3)
    figures["python_startup_seconds"] = round(python, 3)
    rows += [
        (
            "no-op re-render (nothing changed)",
            fmt(noop),
            f"median of {noop_runs}, new process; CPU {noop_cpu:.2f} s",
        ),
        ("`python -c pass`", fmt(python), f"median of {noop_runs}; CPU {python_cpu:.2f} s"),
    ]
    log(f"noop {noop:.3f}s, python {python:.3f}s")

    # 4b. One curator note changed: what the next plain render rewrites.
    rendered, rewritten, files = one_note_changed(site, db, work / "raw", selection)
    figures["one_note_reports_rendered"] = rendered
    figures["one_note_files_rewritten"] = rewritten
    rows.append(
        (
            "one curator note changed (xianning's childcare row), `plancompare build` + `render`",
            f"{rewritten} of {files} files rewritten",
            f"{rendered} of {n} reports rendered again; the other files keep their bytes and time",
        )
    )
    log(f"one note: {rendered} reports rendered, {rewritten} of {files} files rewritten")

    # 5. Page and site weights. The 150 KB budget is for a profile or a comparison page; the
    # overview (every region at once) and the plan-text pages are listed on their own.
    def pages_of(*kinds: str) -> list[Path]:
        return [p for kind in kinds for p in (site / kind).glob("*.html")]

    reports = pages_of("region_profile", "indicator_compare", "overview")
    # (the smoke run renders only the overview)
    largest = max(pages_of("region_profile", "indicator_compare") or reports, key=size)
    overview = max(pages_of("overview"), key=size)
    figures["max_report_page_kb"] = round(size(largest) / 1024, 1)
    figures["max_overview_page_kb"] = round(size(overview) / 1024, 1)
    figures["median_report_page_kb"] = round(statistics.median(map(size, reports)) / 1024, 1)
    figures["site_mb"] = round(size(site) / 1e6, 2)
    rows += [
        (
            "largest profile or comparison page",
            f"{size(largest) / 1024:.0f} KB",
            f"{largest.relative_to(site)}; plotly.js and the stylesheet are shipped once",
        ),
        (
            "largest overview page",
            f"{size(overview) / 1024:.0f} KB",
            str(overview.relative_to(site)),
        ),
        (
            "median report page",
            f"{figures['median_report_page_kb']:.0f} KB",
            f"{len(reports)} pages",
        ),
        ("whole site (HTML, assets, data)", f"{figures['site_mb']:.1f} MB", f"{n} reports"),
    ]

    # 6. Scale: a sample of reports at 3,000 regions, the full site extrapolated.
    n_regions = 20 if smoke else 3000
    data = generate(work / "synthetic", n_regions)
    scale_db = work / "synthetic.duckdb"
    build_seconds = median_seconds(lambda: build(data, scale_db), 1)
    con = query.connect(scale_db)
    scale_reports = plan(con)
    regions = sorted({r.params["region"] for r in scale_reports if "region" in r.params})
    indicators = sorted({r.params["indicator"] for r in scale_reports if "indicator" in r.params})
    # Profiles are nearly all the reports: four regions spread over the list, both languages,
    # so that one region's size or one language does not stand for all 6,000.
    spread = regions[:: max(1, len(regions) // 4)][:4]
    scale_sample = (
        plan(con, "01", langs=["zh"])
        + [r for region in spread for r in plan(con, "02", {"region": region})]
        + plan(con, "03", {"indicator": indicators[0]})
    )
    con.close()
    per_kind = warm_seconds(scale_sample, scale_db, work / "scale", rounds=1 if smoke else 2)
    counts = {kind: sum(r.spec.kind == kind for r in scale_reports) for kind in per_kind}
    serial_cpu = sum(per_kind[kind][1] * counts[kind] for kind in per_kind)
    serial_wall = sum(per_kind[kind][0] * counts[kind] for kind in per_kind)
    scale_rows = [
        (
            f"{kind} reports",
            f"{counts[kind]:,}",
            f"each, warm: {wall * 1000:.0f} ms wall, {cpu * 1000:.0f} ms CPU",
        )
        for kind, (wall, cpu) in per_kind.items()
    ]
    # Measured: the real render, all its processes at work on this machine's 2 cores, timed
    # over a window of profiles; the comparison pages that come after them at their warm time.
    first, rate = render_rate(scale_db, work / "scale-site", "region_profile", 5 if smoke else 90)
    compare = "indicator_compare"
    rest = per_kind[compare][0] * counts[compare] / 2 if compare in per_kind else 0.0
    measured = (first + counts["region_profile"] / rate + rest) / 60
    figures[f"scale_{n_regions}_minutes_2_workers"] = round(measured, 3)
    scale_rows.append(
        (
            f"full site, {len(scale_reports):,} reports, `render --jobs 2`",
            f"{measured:.1f} min",
            f"measured: the real render reached its first profile in {fmt(first)} (site pages, "
            f"overviews) and then rendered {rate * 60:.0f} profiles a minute over "
            f"{5 if smoke else 90} s; the {counts.get(compare, 0)} comparison pages at their warm "
            "wall time on 2 workers",
        )
    )
    for workers in SCALE_WORKERS:
        minutes = serial_cpu / workers / 60
        figures[f"scale_{n_regions}_minutes_{workers}_workers_from_one_worker"] = round(minutes, 3)
        scale_rows.append(
            (
                f"full site, {len(scale_reports):,} reports, {workers} workers",
                f"{minutes:.1f} min",
                f"extrapolated from one warm worker: Σ reports × CPU seconds ÷ {workers}, a core "
                "per worker, the render's own process not counted; from wall times on this "
                f"machine as loaded: {serial_wall / workers / 60:.1f} min",
            )
        )
    scale_rows.insert(0, ("validate + build", fmt(build_seconds), "one run"))
    log(f"scale {n_regions}: {len(scale_reports)} reports, {serial_cpu / 60:.1f} CPU min")

    versions = ", ".join(
        f"{p} {version(p)}"
        for p in ("plancompare", "papermill", "nbconvert", "nbclient", "ipykernel", "duckdb")
        + ("polars", "plotly")
    )
    lines = [
        "# Benchmarks",
        "",
        f"Generated by `make bench`{' --smoke' if smoke else ''} on "
        f"{datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}; the headline figures are also in "
        "`benchmarks.json`.",
        "",
        f"Machine: {platform.machine()}, {CORES} cores, Python {platform.python_version()}, "
        f"{platform.platform()}. Versions: {versions}.",
        "",
        f"Load average (1 min) {load_before:.1f} at the start and {os.getloadavg()[0]:.1f} at the "
        f"end on {CORES} cores: above {CORES} other work shared the machine and every wall time "
        "is longer than on an idle one; CPU times are given where they say more.",
        "",
        "## Against the floor and the plain tools",
        "",
        "| measurement | result | note |",
        "|---|---|---|",
        *[f"| {m} | {r} | {note} |" for m, r, note in rows],
        "",
        f"## Scale: {n_regions:,} synthetic regions (60 indicators each, seeded)",
        "",
        "| measurement | result | note |",
        "|---|---|---|",
        *[f"| {m} | {r} | {note} |" for m, r, note in scale_rows],
        "",
        "The measured scale figure runs the real render of the whole site at 2 workers on this "
        "machine and times its profiles (all its processes at work, its own included) over a "
        "window. The others render a sample of each kind of report against the "
        f"{n_regions:,}-region database in one warm worker and multiply their CPU seconds (the "
        "renderer's and the kernel's) by the number of reports of that kind: a worker with a "
        "core of its own, which wall times on a machine shared with other work overstate. "
        "`plancompare render --jobs N` runs N worker processes, each with its own kernel (no "
        "GIL shared between them), so the 16-worker figure assumes 16 cores and is not measured "
        "here.",
        "",
        "Quarto was considered as a peer: its PyPI package (`quarto-cli`) downloads the Quarto "
        "binary from the internet when it is installed, which this machine cannot do, so it is "
        "not measured.",
        "",
    ]
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text("\n".join(lines), encoding="utf-8")
    args.output.with_suffix(".json").write_text(
        json.dumps(figures, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    shutil.rmtree(work, ignore_errors=True)
    print(f"wrote {args.output} and {args.output.with_suffix('.json').name}")


if __name__ == "__main__":
    main()
