"""The curated inputs in data/raw: where they live, their columns and the closed lists of values
their cells take.

Layout of a data directory:
    regions.csv              one row per region
    catalog.csv              one row per canonical indicator
    targets/<region_id>.csv  one row per stated target of that region's plan
    sources/<region_id>.txt  the plan's full text, verbatim
"""

from __future__ import annotations

from pathlib import Path

REGION_COLUMNS = (
    "region_id",
    "name_zh",
    "name_en",
    "level",
    "parent",
    "plan_title",
    "issuer",
    "issued_on",
    "script",
    "source_file",
)
CATALOG_COLUMNS = (
    "indicator_id",
    "name_zh",
    "name_en",
    "domain",
    "unit",
    "direction",
    "measure",
    "definition",
)
TARGET_COLUMNS = (
    "indicator_id",
    "name_in_source",
    "category_in_source",
    "unit_in_source",
    "baseline_year",
    "baseline_raw",
    "baseline_period",
    "target_year",
    "target_raw",
    "period",
    "attribute",
    "kind",
    "line",
    "baseline_line",
    "quote",
    "notes",
)
# excluded/<region_id>.csv: candidate quantities of a plan that are deliberately not targets.
LEDGER_COLUMNS = ("line", "figure", "reason", "note")
EXCLUSION_REASONS = (
    "named_project",
    "construction_norm",
    "investment",
    "background_statistic",
    "restatement",
    "not_public_service",
    "other",
)
OTHER_REASON_MAX_SHARE = 0.05

LEVELS = ("province", "prefecture", "county")
SCRIPTS = ("simplified", "traditional")
DOMAINS = (
    "幼有所育",
    "学有所教",
    "劳有所得",
    "病有所医",
    "老有所养",
    "住有所居",
    "弱有所扶",
    "优军服务保障",
    "文体服务保障",
    "其他",
)
DIRECTIONS = ("higher_is_better", "lower_is_better", "neutral")
# What an indicator's value is: a rate or ratio (comparable across regions of any size), an
# absolute count (grows with population: never ranked across regions), or a provision standard
# (at least one X per county: met or not, not a level to rank).
MEASURES = ("rate", "count", "standard")
ATTRIBUTES = ("约束性", "预期性", "")
KINDS = ("table", "prose")
# What a figure measures over time: the value reached in its year, a yearly figure (每年), or a
# total over the plan period or up to a date.
PERIODS = ("level", "annual", "cumulative")
HEADLINE_INDICATORS = ("childcare_places_per_1k", "nursing_bed_share", "sports_area_per_capita")
QUOTE_MAX_CHARS = 160
MAX_CELL_CHARS = 10_000  # the longest curated note is under 1,000 characters


def issuers(issuer: str) -> list[str]:
    """The issuing bodies named in a region's verbatim `issuer` field (joined by 、 or ，)."""
    return [i for i in issuer.replace("，", "、").split("、") if i.strip()]


def ledger_file(data_dir: Path, region_id: str) -> Path:
    return data_dir / "excluded" / f"{region_id}.csv"


def target_files(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "targets").glob("*.csv"))
