"""Which reports the site holds: the notebooks, their subjects and languages, and where each
report's HTML goes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from plancompare.common import paths
from plancompare.common.names import unknown_name
from plancompare.i18n import LANGS, REPORT_KINDS
from plancompare.site.errors import RenderError
from plancompare.sitemap import report_path

NOTEBOOKS_DIR = paths.PROJECT_ROOT / "notebooks"


@dataclass(frozen=True)
class NotebookSpec:
    stem: str  # file name without .ipynb
    kind: str  # report folder name
    parameter: str | None  # the notebook's subject parameter besides lang
    title: dict[str, str]


def _titles(kind: str) -> dict[str, str]:
    return {lang: REPORT_KINDS[lang][kind] for lang in LANGS}


NOTEBOOKS = (
    NotebookSpec("01_overview", "overview", None, _titles("overview")),
    NotebookSpec(
        "02_region_profile",
        "region_profile",
        "region",
        _titles("region_profile"),
    ),
    NotebookSpec(
        "03_indicator_compare",
        "indicator_compare",
        "indicator",
        _titles("indicator_compare"),
    ),
)


@dataclass(frozen=True)
class Report:
    spec: NotebookSpec
    params: dict[str, str]
    label: str  # human title, e.g. "咸宁市" or "人均体育场地面积"

    @property
    def lang(self) -> str:
        return self.params["lang"]

    @property
    def subject(self) -> str:
        return self.params.get(self.spec.parameter, "") if self.spec.parameter else ""

    @property
    def path(self) -> str:
        """Where the HTML goes, relative to the report folder: always inside it, ASCII only."""
        return report_path(self.spec.kind, self.subject, self.lang)

    @property
    def title(self) -> str:
        name = self.spec.title[self.lang]
        return f"{self.label} · {name}" if self.label else name


def find_notebook(name: str) -> NotebookSpec:
    """A notebook by stem, kind, number prefix or file name: "02", "region_profile", ..."""
    wanted = Path(name).name.removesuffix(".ipynb")
    for spec in NOTEBOOKS:
        if wanted in (spec.stem, spec.kind, spec.stem.split("_", 1)[0]):
            return spec
    choices = ", ".join(f"{s.stem} ({s.kind})" for s in NOTEBOOKS)
    raise RenderError(f"unknown notebook {name!r}; valid choices: {choices}")


def plan(
    con,
    notebook: str | None = None,
    params: dict[str, str] | None = None,
    langs: list[str] | None = None,
) -> list[Report]:
    """Every report the selection asks for, with its parameters resolved to ids."""
    from plancompare import query

    params = dict(params or {})
    langs = list(langs or LANGS)
    for lang in langs:
        if lang not in LANGS:
            raise RenderError(f"unknown lang {lang!r}; valid choices: {', '.join(LANGS)}")
    specs = [find_notebook(notebook)] if notebook else list(NOTEBOOKS)
    valid_keys = sorted({s.parameter for s in specs if s.parameter})
    for key in params:
        if key not in valid_keys:
            only_lang = "" if valid_keys else " (this notebook takes only --lang)"
            raise RenderError(unknown_name("parameter", key, valid_keys) + only_lang)

    regions = query.regions(con)
    region_names = {r["region_id"]: r for r in regions.to_dicts()}
    indicators = {r["indicator_id"]: r for r in query.indicators(con).to_dicts()}
    subjects: dict[str, list[str]] = {
        "region": sorted(region_names),
        "indicator": sorted(query.compared_indicators(con)),
    }
    if "region" in params:
        subjects["region"] = [query.resolve_region(params["region"], con)]
    if "indicator" in params:
        subjects["indicator"] = [query.resolve_indicator(params["indicator"], con)]

    reports = []
    for spec in specs:
        for lang in langs:
            if spec.parameter is None:
                reports.append(Report(spec, {"lang": lang}, ""))
                continue
            names = region_names if spec.parameter == "region" else indicators
            for subject in subjects[spec.parameter]:
                label = names[subject].get(f"name_{lang}") or names[subject]["name_zh"]
                reports.append(Report(spec, {spec.parameter: subject, "lang": lang}, label))
    return reports
