"""Each notebook runs through papermill for every region, headline indicator and language, and
shows what the data says: figures, `not stated` where a plan is silent, no errors."""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import papermill
import pytest
from plancompare import i18n
from plancompare.common import paths
from plancompare.common.names import _assigned_names
from plancompare.ingest import layout
from plancompare.site.notebooks import notebook_source_key
from plancompare.site.reports import NOTEBOOKS as NOTEBOOK_SPECS
from plancompare.site.runner import KERNEL_NAME, ipc_kernel_manager

NOTEBOOKS = paths.PROJECT_ROOT / "notebooks"
REGIONS = ("minqin", "guizhou", "wuzhong", "xianning", "dayao")
# Headline ids plus one comparable non-headline indicator.
INDICATORS = (*layout.HEADLINE_INDICATORS, "preschool_gross_enrolment")

# One indicator of each measure that is never ranked: a count and a standard.
UNRANKED = {"count": "urban_new_jobs", "standard": "township_public_central_kindergarten"}

RUNS = (
    [("01_overview", {"lang": lang}) for lang in ("zh", "en")]
    + [("02_region_profile", {"region": region, "lang": "zh"}) for region in REGIONS]
    + [("02_region_profile", {"region": "xianning", "lang": "en"})]
    + [("03_indicator_compare", {"indicator": i, "lang": "en"}) for i in INDICATORS]
    + [("03_indicator_compare", {"indicator": i, "lang": "zh"}) for i in UNRANKED.values()]
    + [("03_indicator_compare", {"indicator": "basic_pension_coverage", "lang": "zh"})]
)


def execute(stem: str, params: dict, socket_dir) -> dict:
    return papermill.execute_notebook(
        str(NOTEBOOKS / f"{stem}.ipynb"),
        None,
        parameters=params,
        kernel_name=KERNEL_NAME,
        progress_bar=False,
        cwd=str(NOTEBOOKS),
        kernel_manager_class=ipc_kernel_manager(socket_dir),
        shutdown_kernel="immediate",
    )


@pytest.fixture(scope="module")
def executed(real_db, tmp_path_factory):
    """Every run above, two kernels at a time, against the test database."""
    os.environ["PLANCOMPARE_DB"] = str(real_db)
    socket_dir = tmp_path_factory.mktemp("sockets")
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {
            (stem, json.dumps(p)): pool.submit(execute, stem, p, socket_dir) for stem, p in RUNS
        }
        return {key: future.result() for key, future in futures.items()}


def outputs(nb) -> list[dict]:
    return [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]


def text_of(nb) -> str:
    parts = []
    for output in outputs(nb):
        data = output.get("data", {})
        parts.append(
            data.get("text/html", "") + data.get("text/plain", "") + output.get("text", "")
        )
    return "\n".join(parts)


def figures(nb) -> list[dict]:
    return [
        o["data"]["application/vnd.plotly.v1+json"]
        for o in outputs(nb)
        if "application/vnd.plotly.v1+json" in o.get("data", {})
    ]


@pytest.mark.parametrize(
    ("stem", "params"), RUNS, ids=[f"{s}-{'-'.join(p.values())}" for s, p in RUNS]
)
def test_notebook_runs_with_figures_and_no_errors(executed, stem, params):
    nb = executed[(stem, json.dumps(params))]
    assert not [o for o in outputs(nb) if o["output_type"] == "error"]
    assert figures(nb), "no plotly figure in the outputs"
    for output in outputs(nb):
        if "application/vnd.plotly.v1+json" in output.get("data", {}):
            # nbconvert's HTML shows text/html: the figure must be there too, without plotly.js.
            html = output["data"]["text/html"]
            assert "Plotly.newPlot" in html and len(html) < 1_000_000


def test_overview_marks_silent_plans_as_not_stated(executed, con):
    silent = con.sql("SELECT count(*) FROM headline WHERE status = 'not stated'").fetchall()[0][0]
    assert silent > 0
    zh = text_of(executed[("01_overview", json.dumps({"lang": "zh"}))])
    en = text_of(executed[("01_overview", json.dumps({"lang": "en"}))])
    assert zh.count("<td>未说明</td>") == silent
    assert en.count("<td>not stated</td>") == silent


def test_compare_shows_every_region(executed, con):
    nb = executed[
        ("03_indicator_compare", json.dumps({"indicator": "childcare_places_per_1k", "lang": "en"}))
    ]
    text = text_of(nb)
    for name in con.sql("SELECT name_en FROM regions").fetchall():
        assert name[0] in text
    stated = con.sql("""SELECT count(DISTINCT region_id) FROM targets
                        WHERE indicator_id = 'childcare_places_per_1k'""").fetchall()[0][0]
    assert text.count("<td>not stated</td>") == 5 - stated


def test_profile_shows_quotes_and_lines(executed, con):
    nb = executed[("02_region_profile", json.dumps({"region": "dayao", "lang": "zh"}))]
    text = text_of(nb)
    quote, line = con.sql("""SELECT quote, line FROM targets WHERE region_id = 'dayao'
                             ORDER BY line LIMIT 1""").fetchall()[0]
    escaped = html.escape(quote)
    # The quote opens its line in the plan's text; the line number is shown beside it.
    assert f"<td>{line}</td>" in text
    assert f'<td><a href="../sources/dayao.html#L{line}">{escaped}</a>' in text


def test_profile_says_where_its_curator_notes_stand(executed, con):
    # Notes stand beside their statements on indicator pages; the profile counts them there.
    [(n,)] = con.sql(
        "SELECT count(*) FROM targets WHERE region_id = 'dayao' AND notes <> ''"
    ).fetchall()
    text = text_of(executed[("02_region_profile", json.dumps({"region": "dayao", "lang": "zh"}))])
    assert n > 0 and f"本规划的{n}条整理者说明（英文）列在各指标页面对应表述旁" in text


def test_pages_show_each_caveat_in_their_language(executed, con):
    caveats = {
        (r, i): (zh, en)
        for r, i, zh, en in con.sql(
            "SELECT region_id, indicator_id, caveat_zh, caveat_en FROM caveats"
        ).fetchall()
    }
    pension_zh, pension_en = caveats[("xianning", "basic_pension_coverage")]
    infant_zh, infant_en = caveats[("dayao", "infant_mortality")]
    overview = text_of(executed[("01_overview", json.dumps({"lang": "en"}))])
    # Beside the national verdict, and as a note under the spread table for a kept row.
    assert f"<td>{html.escape(pension_en)}</td>" in overview
    assert '<p class="caveat">' in overview and html.escape(infant_en) in overview
    profile = text_of(
        executed[("02_region_profile", json.dumps({"region": "xianning", "lang": "en"}))]
    )
    assert f"<td>{html.escape(pension_en)}</td>" in profile
    standing = text_of(
        executed[("02_region_profile", json.dumps({"region": "dayao", "lang": "zh"}))]
    )
    assert html.escape(infant_zh) in standing and infant_en not in standing
    compare = text_of(
        executed[
            (
                "03_indicator_compare",
                json.dumps({"indicator": "basic_pension_coverage", "lang": "zh"}),
            )
        ]
    )
    assert f"<td>{html.escape(pension_zh)}</td>" in compare


def test_compare_draws_a_conflicting_region_once_and_words_its_conflict(executed):
    nb = executed[
        ("03_indicator_compare", json.dumps({"indicator": "sports_area_per_capita", "lang": "en"}))
    ]
    chart = figures(nb)[0]
    marks = [
        y
        for trace in chart["data"]
        if trace.get("name", "").startswith("Target:")
        for y in trace["y"]
    ]
    assert [y for y in marks if y.startswith("Xianning")] == ["Xianning City ⚠"]
    text = text_of(nb)
    assert "2.5平方米 in prose, line 189; &gt;2.6 in the table, line 101" in text
    assert "National 2025 target" in text and "grade C: read on a repost" in text


@pytest.mark.parametrize("measure", UNRANKED)
def test_compare_says_why_counts_and_standards_are_not_ranked(executed, measure):
    nb = executed[
        ("03_indicator_compare", json.dumps({"indicator": UNRANKED[measure], "lang": "zh"}))
    ]
    note = {"count": "这是总量指标", "standard": "这是标准类指标"}[measure]
    assert f'<p class="measure-note">{note}' in text_of(nb)


def test_overview_ranks_rates_only_and_names_national_sources_and_grades(executed, con):
    for lang, grade in (("zh", "C级：读自转载"), ("en", "grade C: read on a repost")):
        text = text_of(executed[("01_overview", json.dumps({"lang": lang}))])
        sources = con.sql(
            """SELECT DISTINCT publisher, published_on FROM reference
               WHERE jurisdiction = 'national' AND kind = 'target' AND indicator_id IN
                     ('nursing_bed_share', 'childcare_places_per_1k', 'sports_area_per_capita')"""
        ).fetchall()
        for publisher, published_on in sources:
            assert publisher in text and published_on in text
        assert grade in text
        # Left-out reasons are given, and counts and standards are said never to be ranked.
        never = {"zh": "二者都不跨地区排序", "en": "neither is ever ranked across regions"}[lang]
        assert never in text
        vs = {"zh": ("高于", "不可比（"), "en": ("above", "not comparable (")}[lang]
        assert all(f"<td>{v}" in text for v in vs)


def test_profile_labels_changes_by_what_they_ask(executed):
    en = text_of(executed[("02_region_profile", json.dumps({"region": "xianning", "lang": "en"}))])
    assert "<td>improve</td>" in en
    assert "<td>already met (margin 3.22 ‰)</td>" in en  # infant mortality
    assert '<th class="col-vs_national">Against the national target</th>' in en
    zh = text_of(executed[("02_region_profile", json.dumps({"region": "xianning", "lang": "zh"}))])
    assert "<td>提升</td>" in zh


def test_profile_without_baselines_says_so_instead_of_an_empty_chart(executed):
    nb = executed[("02_region_profile", json.dumps({"region": "guizhou", "lang": "zh"}))]

    assert i18n.NO_CHANGES["zh"] in text_of(nb)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("stem", "params", "message"),
    [
        ("02_region_profile", {"region": "咸宁"}, "unknown region '咸宁'; did you mean xianning"),
        ("03_indicator_compare", {"indicator": "beds"}, "unknown indicator 'beds'; did you mean"),
        ("01_overview", {"lang": "fr"}, "unknown lang 'fr'; valid choices"),
    ],
)
def test_bad_parameter_stops_the_first_cell_with_choices(real_db, tmp_path, stem, params, message):
    os.environ["PLANCOMPARE_DB"] = str(real_db)
    with pytest.raises(papermill.PapermillExecutionError) as error:
        execute(stem, params, tmp_path)
    assert message in str(error.value)
    # It stops in the setup cell, before any chart or table is attempted.
    assert "import plancompare" in error.value.source


@pytest.mark.slow
@pytest.mark.parametrize(
    ("param", "value", "last_line"),
    [
        (
            "region",
            "咸宁",
            "UnknownChoiceError: unknown region '咸宁'; "
            "did you mean xianning (咸宁市, Xianning City)?",
        ),
        (
            "regoin",
            "guizhou",
            "UnknownChoiceError: unknown parameter 'regoin'; did you mean region?",
        ),
    ],
)
def test_papermill_ends_with_one_line_saying_what_was_meant(
    real_db, tmp_path, param, value, last_line
):
    """What a researcher sees after `papermill … -p region 咸宁` or a misspelt parameter: the
    last line says it all."""
    papermill_cli = Path(sys.executable).with_name("papermill")
    result = subprocess.run(
        [str(papermill_cli), "02_region_profile.ipynb", str(tmp_path / "out.ipynb")]
        + ["-p", param, value, "--no-progress-bar"],
        cwd=NOTEBOOKS,
        env={**os.environ, "PLANCOMPARE_DB": str(real_db)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert result.stderr.strip().splitlines()[-1] == last_line


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        # papermill's cell of given values follows the parameters cell
        (
            ['region = "xianning"\nlang = "zh"', '# Parameters\nregoin = "guizhou"\n'],
            "unknown parameter 'regoin'; did you mean region?",
        ),
        (  # an edited parameters cell
            ['region = "xianning"\nlang = "zh"\nlnag = "en"'],
            "unknown parameter 'lnag'; did you mean lang?",
        ),
        (['region = "xianning"\nlang = "zh"', 'region = "guizhou"\n'], None),
        # only the parameters cell (and papermill's after it) count, not what ran before
        (["regoin = 1", "print(regoin)", 'region = "xianning"\nlang = "zh"'], None),
        (["leaked = 1", 'region = "xianning"\nlang = "zh"', '# Parameters\nregion = "x"\n'], None),
    ],
)
def test_notebooks_check_their_parameters_by_name(cells, message, monkeypatch):
    from IPython.core.interactiveshell import InteractiveShell

    # IPython puts its own __main__ in place, which multiprocessing's spawn (the render's
    # worker processes, in later tests) cannot start from: put it back afterwards.
    monkeypatch.setitem(sys.modules, "__main__", sys.modules["__main__"])
    shell = InteractiveShell.instance()
    shell.run_cell("%reset -f", store_history=False)
    for cell in cells:
        shell.run_cell(cell, store_history=True).raise_error()
    result = shell.run_cell(
        'from plancompare.common.names import check_parameters\ncheck_parameters("region", "lang")',
        store_history=True,
    )
    if message is None:
        result.raise_error()
    else:
        assert str(result.error_in_exec) == message


@pytest.mark.parametrize("stem", [spec.stem for spec in NOTEBOOK_SPECS])
def test_every_notebook_checks_its_parameters_right_after_the_parameters_cell(stem):
    notebook = json.loads((NOTEBOOKS / f"{stem}.ipynb").read_text(encoding="utf-8"))
    tags = [cell.get("metadata", {}).get("tags", []) for cell in notebook["cells"]]
    at = next(n for n, t in enumerate(tags) if "parameters" in t)
    defined = _assigned_names("".join(notebook["cells"][at]["source"]))
    check = "".join(notebook["cells"][at + 1]["source"])
    assert f"check_parameters({', '.join(map(repr, defined))})".replace("'", '"') in check


# --- notebook_source_key: what the renderer keys a notebook on -------------------------------


def edited(tmp_path, change) -> Path:
    """A copy of the region profile notebook with `change` applied to its JSON."""
    notebook = json.loads((NOTEBOOKS / "02_region_profile.ipynb").read_text(encoding="utf-8"))
    change(notebook)
    path = tmp_path / f"{len(list(tmp_path.iterdir()))}.ipynb"
    path.write_text(json.dumps(notebook, indent=2), encoding="utf-8")
    return path


def with_outputs(notebook):
    notebook["metadata"]["language_info"] = {"name": "python", "version": "3.11.2"}
    for n, cell in enumerate(notebook["cells"]):
        cell["id"] = f"saved-{n}"
        cell["metadata"]["collapsed"] = True
        if cell["cell_type"] == "code":
            cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["42\n"]}]
            cell["execution_count"] = n


def test_source_key_ignores_outputs_ids_and_metadata(tmp_path):
    original = NOTEBOOKS / "02_region_profile.ipynb"
    assert notebook_source_key(edited(tmp_path, with_outputs)) == notebook_source_key(original)


@pytest.mark.parametrize(
    "change",
    [
        lambda nb: nb["cells"][2]["source"].append("\nprint('changed')"),
        lambda nb: nb["cells"][1]["metadata"].update(tags=[]),
        lambda nb: nb["cells"][0].update(cell_type="raw"),
        lambda nb: nb["cells"].reverse(),
    ],
    ids=["source", "tags", "cell type", "order"],
)
def test_source_key_changes_with_what_the_notebook_computes(tmp_path, change):
    original = NOTEBOOKS / "02_region_profile.ipynb"
    assert notebook_source_key(edited(tmp_path, change)) != notebook_source_key(original)
