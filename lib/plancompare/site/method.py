"""The "sources and method" page, one per language (reports/method/<lang>.html): the plans, how
values were curated, parsed, converted and compared, the national sources and their grades, how
to cite the dataset and what the suite does not show."""

from __future__ import annotations

import functools
from pathlib import Path

import polars as pl

from plancompare import i18n, query
from plancompare.common.digest import values_sha256
from plancompare.common.version import __version__
from plancompare.ingest import layout
from plancompare.ingest.values import UNIT_CONVERSIONS
from plancompare.model import attainment
from plancompare.site import dataset
from plancompare.site.extras import SitePage
from plancompare.site.output import write_changed
from plancompare.site.pages import render_template

FOLDER = "method"
TEMPLATE = "method_{lang}.html.j2"


def method_path(lang: str) -> str:
    return f"{FOLDER}/{lang}.html"


def national_sources(con) -> list[dict]:
    """Each national source once, with its grade and how many figures the suite reads from it."""
    return (
        con.sql(
            "SELECT publisher, title, published_on, read_at, grade, count(*) AS n_figures "
            # read_at and title complete the order: one publication read at two addresses
            # is two rows, and a page must come out the same on every run.
            "FROM reference GROUP BY ALL "
            "ORDER BY grade, publisher, published_on NULLS LAST, title, read_at"
        )
        .pl()
        .to_dicts()
    )


def context(con, info: dict[str, str]) -> dict:
    """Everything the page shows from the data; its input key is a hash of this."""
    return {
        "regions": [
            {**r, "issuers": layout.issuers(r["issuer"])} for r in query.regions(con).to_dicts()
        ],
        "issuers_shown": i18n.ISSUERS_SHOWN,
        "national": national_sources(con),
        # The indicators whose bare figures read as a bound (data/raw/readings.csv).
        "readings": query.indicators(con)
        .filter(pl.col("reading").is_not_null())
        .select("indicator_id", "name_zh", "name_en", "reading")
        .to_dicts(),
        "conversions": [
            {"source": source, "catalog": target, "factor": factor}
            for (source, target), factor in UNIT_CONVERSIONS.items()
        ],
        "attainment": {
            "plan_years": attainment.PLAN_YEARS,
            "on_track": attainment.ON_TRACK,
            "acceleration_needed": attainment.ACCELERATION_NEEDED,
        },
        "citation": dataset.citation(info),
        "licence_url": i18n.LICENCE_URL,
        "version": __version__,
        "fingerprint": info.get("fingerprint", ""),
        "built_on": info.get("built_at", "")[:10],
        "dataset_files": [name.removeprefix(f"{dataset.FOLDER}/") for name in dataset.files()],
        "n_exclusions": dataset.exclusions(dataset.data_dir_of(info)).height,
    }


def pages(con, info: dict[str, str], code: str) -> list[SitePage]:
    found = context(con, info)
    return [
        SitePage(
            name=method_path(lang),
            files=(method_path(lang),),
            key=values_sha256(code, lang, found),
            write=functools.partial(_write, lang, found),
        )
        for lang in i18n.LANGS
    ]


def method_html(lang: str, found: dict) -> str:
    return render_template(TEMPLATE.format(lang=lang), lang=lang, **found)


def _write(lang: str, found: dict, reports_dir: Path) -> None:
    write_changed(reports_dir / method_path(lang), method_html(lang, found))
