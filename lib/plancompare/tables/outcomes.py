"""What the plan period delivered, on report pages: each national target with its outcome and
status (`query.attainment`), and the nation's outcome beside a region's targets
(`query.nation_beside`), in words of the page language."""

from __future__ import annotations

from collections.abc import Collection

import polars as pl
from IPython.display import HTML

from plancompare.i18n import display_name, enum_label, labels, sentence
from plancompare.tables.markup import paragraph, table


def actual_text(row: dict, lang: str, prefix: str = "actual_") -> str | None:
    """An actual figure as written, with its as-of date when it is not the year's end."""
    raw = row.get(f"{prefix}raw")
    if raw is None:
        return None
    as_of = row.get(f"{prefix}as_of")
    return sentence("as_of", lang, value=raw, date=as_of) if as_of else raw


def status_text(status: str | None, reason: str | None, lang: str) -> str | None:
    """A status in words, and for `unknown` why."""
    if status is None:
        return None
    words = enum_label("outcome_status", status, lang)
    if reason is None:
        return words
    why = enum_label("outcome_reason", reason, lang)
    return sentence("reason_joined", lang, status=words, reason=why)


def _with_outcome_text(frame: pl.DataFrame, lang: str) -> pl.DataFrame:
    rows = frame.to_dicts()
    return frame.with_columns(
        pl.Series("indicator", [display_name(r, "", lang) for r in rows], dtype=pl.String),
        pl.Series("outcome_actual", [actual_text(r, lang) for r in rows], dtype=pl.String),
        pl.Series(
            "outcome_status_text",
            [status_text(r["status"], r["reason"], lang) for r in rows],
            dtype=pl.String,
        ),
    )


def national_outcomes(national: pl.DataFrame, attainment: pl.DataFrame, year: int) -> pl.DataFrame:
    """Every national target of `year` (`query.national()` rows of kind target) with its
    attainment row beside it, where the country has an actual value; without one its outcome
    columns are empty."""
    targets = national.filter((pl.col("kind") == "target") & (pl.col("year") == year)).select(
        "indicator_id",
        "name_zh",
        "name_en",
        "domain",
        pl.col("year").alias("target_year"),
        pl.col("value_raw").alias("target_raw"),
        pl.col("grade").alias("target_grade"),
        pl.concat_str("publisher", "published_on", separator=", ", ignore_nulls=True).alias(
            "target_source"
        ),
    )
    found = attainment.filter(
        (pl.col("jurisdiction") == "national") & (pl.col("target_year") == year)
    ).drop(
        "target_year",
        "target_raw",
        "target_grade",
        "target_source",
        "name_zh",
        "name_en",
        "domain",
        strict=False,
    )
    return targets.join(found, on="indicator_id", how="left")


# What every table of national targets and their outcomes shows first; each adds whose figure
# it cites (the outcome's source, or the later target's).
_OUTCOME_COLUMNS = {
    "indicator": "indicator",
    "target_raw": "outcome_target",
    "outcome_actual": "outcome_actual",
    "actual_year": "outcome_year",
    "outcome_status_text": "outcome_status",
}


def outcomes_table(
    outcomes: pl.DataFrame, lang: str, compared: Collection[str] = ()
) -> tuple[HTML, HTML | None]:
    """The table of `national_outcomes` (those with an outcome), and a sentence naming the
    targets without one (None when every target has one)."""
    labels(lang)
    with_actual = _with_outcome_text(outcomes.filter(pl.col("actual_raw").is_not_null()), lang)
    shown = table(
        with_actual,
        {**_OUTCOME_COLUMNS, "actual_grade": "outcome_grade", "actual_source": "outcome_source"},
        lang,
        link=("indicator",),
        compared=compared,
    )
    missing = outcomes.filter(pl.col("actual_raw").is_null()).to_dicts()
    if not missing:
        return shown, None
    names = sentence("list_separator", lang).join(
        f"{display_name(r, '', lang)} {r['target_raw']}" for r in missing
    )
    return shown, paragraph(sentence("outcomes_missing", lang, n=len(missing), names=names))


def next_targets_table(asked: pl.DataFrame, lang: str, compared: Collection[str] = ()) -> HTML:
    """The nation's targets of a later year (`national_outcomes` for 十五五's 2030), each with
    its source and the latest national actual and status where there is one."""
    labels(lang)
    return table(
        _with_outcome_text(asked, lang),
        {**_OUTCOME_COLUMNS, "target_grade": "target_grade", "target_source": "target_source"},
        lang,
        link=("indicator",),
        compared=compared,
    )


def _with_year(value: str | None, year: int | None, lang: str) -> str | None:
    if value is None:
        return None
    return sentence("year_value", lang, value=value, year=year) if year else value


def nation_beside_table(
    beside: pl.DataFrame, lang: str, compared: Collection[str] = (), by_region: bool = True
) -> HTML:
    """Regions' targets (`query.nation_beside`) with the nation's target, actual (both with
    their years), the national target's status and the next national target: no colour, no
    verdict on a region. `by_region` False leaves the region column out (one region's page)."""
    labels(lang)
    rows = beside.to_dicts()
    columns = {
        "indicator": [display_name(r, "", lang) for r in rows],
        "region": [display_name(r, "region_", lang) for r in rows],
        "region_target": [_with_year(r["target_raw"], r["target_year"], lang) for r in rows],
        "nation_target": [
            _with_year(r["national_target_raw"], r["target_year"], lang) for r in rows
        ],
        "nation_actual": [
            _with_year(actual_text(r, lang, "national_actual_"), r["national_actual_year"], lang)
            for r in rows
        ],
        "nation_status": [
            status_text(r["national_status"], r["national_reason"], lang) for r in rows
        ],
        "nation_next": [
            _with_year(r["national_next_raw"], r["national_next_year"], lang) for r in rows
        ],
    }
    frame = beside.with_columns(
        pl.Series(name, values, dtype=pl.String) for name, values in columns.items()
    )
    shown = {"indicator": "indicator", "region": "region"}
    if not by_region:
        del shown["region"]
    return table(
        frame,
        {
            **shown,
            "region_target": "region_target",
            "nation_target": "nation_target",
            "nation_actual": "nation_actual",
            "nation_status": "nation_status",
            "nation_next": "nation_next",
        },
        lang,
        link=("indicator", "region"),
        compared=compared,
    )


# What `nation_beside_table` shows, by id: the rows behind it as a download, without the names
# and sources that would make a region's page heavy (they are in the dataset's tables).
NATION_BESIDE_COLUMNS = (
    "region_id",
    "indicator_id",
    "target_year",
    "target_raw",
    "national_target_raw",
    "national_actual_year",
    "national_actual_as_of",
    "national_actual_raw",
    "national_actual_grade",
    "national_status",
    "national_reason",
    "national_next_year",
    "national_next_raw",
)


def nation_beside_rows(beside: pl.DataFrame) -> pl.DataFrame:
    return beside.select(NATION_BESIDE_COLUMNS)
