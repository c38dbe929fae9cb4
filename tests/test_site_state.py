"""Incremental rendering: a report whose inputs did not change is not rendered again."""

from __future__ import annotations

import json
import shutil

from plancompare.site.render import render
from plancompare.site.reports import NOTEBOOKS, NOTEBOOKS_DIR, Report
from plancompare.site.state import journal, load_state, notebook_keys, save_state, source_key


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


def test_entries_recorded_one_by_one_survive_a_run_that_never_saved(tmp_path):
    # A run killed with -9 after two reports: state.json still holds the run before, the
    # journal holds the two, the second cut short mid-line by the kill.
    save_state(tmp_path, {"a.html": {"key": "old"}, "b.html": {"key": "old"}})
    journal(tmp_path, "a.html", {"key": "new"})
    journal(tmp_path, "c.html", {"key": "new"})
    path = tmp_path / ".plancompare" / "state.journal"
    path.write_text(path.read_text(encoding="utf-8") + '["b.html", {"ke', encoding="utf-8")
    assert load_state(tmp_path) == {
        "a.html": {"key": "new"},
        "b.html": {"key": "old"},
        "c.html": {"key": "new"},
    }
    # Saving folds the journal in; the pages' state keeps a journal of its own.
    journal(tmp_path, "x.html", {"key": "page"}, "pages.json")
    save_state(tmp_path, load_state(tmp_path))
    assert not path.exists() and load_state(tmp_path)["c.html"] == {"key": "new"}
    assert load_state(tmp_path, "pages.json") == {"x.html": {"key": "page"}}
