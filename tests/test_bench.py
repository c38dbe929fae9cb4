"""The benchmark script runs end to end on a tiny selection (CI keeps it from rotting).
It asserts what the report contains, never how fast anything was."""

import json
import subprocess
import sys

import pytest
from plancompare.common import paths

ROOT = paths.PROJECT_ROOT


@pytest.mark.slow
def test_bench_smoke_writes_every_section(tmp_path):
    output = tmp_path / "benchmarks.md"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--smoke", "--output", str(output)],
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    )
    text = output.read_text(encoding="utf-8")
    for expected in (
        "## Against the floor and the plain tools",
        "validate + build",
        "one region profile in a warm worker",
        "the same code cells as plain Python",
        "shell loop of papermill CLI + nbconvert CLI",
        "no-op re-render",
        "`python -c pass`",
        "largest profile or comparison page",
        "largest overview page",
        "whole site",
        "## Scale: 20 synthetic regions",
        "`render --jobs 2`",
        "Quarto",
        "Versions: plancompare",
    ):
        assert expected in text, expected
    figures = json.loads(output.with_suffix(".json").read_text(encoding="utf-8"))
    for name in (
        "warm_report_vs_floor",
        "site_vs_cli_loop",
        "noop_seconds",
        "max_report_page_kb",
        "max_overview_page_kb",
        "scale_20_minutes_2_workers",
        "scale_20_minutes_2_workers_from_one_worker",
        "scale_20_minutes_16_workers_from_one_worker",
    ):
        assert figures[name] > 0, name


def test_synthetic_data_validates(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    from plancompare.ingest.validate import validate
    from synthetic import generate

    first = generate(tmp_path / "a", 12, 10, seed=7)
    second = generate(tmp_path / "b", 12, 10, seed=7)
    result = validate(first)
    assert result.ok, result.problems[:5]
    assert {t["region_id"] for t in result.targets} == {f"r{n:04d}" for n in range(12)}
    assert (first / "targets" / "r0003.csv").read_bytes() == (
        second / "targets" / "r0003.csv"
    ).read_bytes()
