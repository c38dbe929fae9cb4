"""Incremental rendering: a report whose inputs did not change is not rendered again."""

from __future__ import annotations

import json
import shutil

from plancompare.site.render import render
from plancompare.site.reports import NOTEBOOKS, NOTEBOOKS_DIR, Report
from plancompare.site.state import notebook_keys, source_key


def test_second_run_is_a_no_op(site, site_pages, real_db):
    before = {p: p.stat().st_mtime_ns for p in site_pages if p.name != "index.html"}
    result = render(
        site, real_db, jobs=2, notebook="02", params={"region": "xianning"}, langs=["zh"]
    )
    assert [o.status for o in result.outcomes] == ["skipped"]
    assert before == {p: p.stat().st_mtime_ns for p in before}


def test_outputs_saved_in_a_notebook_do_not_change_its_reports_key(tmp_path):
    spec = NOTEBOOKS[0]
    shutil.copy(NOTEBOOKS_DIR / f"{spec.stem}.ipynb", tmp_path)
    report = Report(spec, {"lang": "zh"}, "")

    def key() -> str:
        return source_key(report, "code", notebook_keys(tmp_path)[spec.stem])

    before = key()

    path = tmp_path / f"{spec.stem}.ipynb"
    notebook = json.loads(path.read_text(encoding="utf-8"))
    code = next(c for c in notebook["cells"] if c["cell_type"] == "code")
    code["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "explored\n"}]
    code["execution_count"] = 7
    path.write_text(json.dumps(notebook), encoding="utf-8")
    assert key() == before

    code["source"] = "lang = 'en'"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    assert key() != before
    assert notebook_keys(tmp_path).keys() == {spec.stem}  # only the notebooks the folder holds
