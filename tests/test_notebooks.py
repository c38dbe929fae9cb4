"""Each notebook runs through papermill for every region, headline indicator and language, and
shows what the data says: figures, `not stated` where a plan is silent, no errors."""

from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor

import papermill
import pytest
from plancompare import catalog
from plancompare.site.runner import KERNEL_NAME, ipc_kernel_manager

NOTEBOOKS = catalog.PROJECT_ROOT / "notebooks"
REGIONS = ("minqin", "guizhou", "wuzhong", "xianning", "dayao")
# Headline ids plus one comparable non-headline indicator.
INDICATORS = (*catalog.HEADLINE_INDICATORS, "preschool_gross_enrolment")

RUNS = (
    [("01_overview", {"lang": lang}) for lang in ("zh", "en")]
    + [("02_region_profile", {"region": region, "lang": "zh"}) for region in REGIONS]
    + [("03_indicator_compare", {"indicator": i, "lang": "en"}) for i in INDICATORS]
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
    assert (
        f'<td><a class="source-line" href="../sources/dayao.html#L{line}">{line}</a></td>' in text
    )
    assert quote.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in text


@pytest.mark.parametrize(
    ("stem", "params", "message"),
    [
        ("02_region_profile", {"region": "Atlantis"}, "unknown region 'Atlantis'"),
        ("03_indicator_compare", {"indicator": "beds"}, "unknown indicator 'beds'"),
        ("01_overview", {"lang": "fr"}, "unknown lang 'fr'"),
    ],
)
def test_bad_parameter_stops_the_first_cell_with_choices(real_db, tmp_path, stem, params, message):
    os.environ["PLANCOMPARE_DB"] = str(real_db)
    with pytest.raises(papermill.PapermillExecutionError) as error:
        execute(stem, params, tmp_path)
    assert message in str(error.value) and "valid choices" in str(error.value)
    # It stops in the setup cell, before any chart or table is attempted.
    assert "import plancompare" in error.value.source
