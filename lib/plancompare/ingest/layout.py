"""The curated inputs in data/raw: where they live, their columns, the closed lists of values
their cells take, and the tables validation makes of them.

Layout of a data directory:
    regions.csv              one row per region
    catalog.csv              one row per canonical indicator
    targets/<region_id>.csv  one row per stated target of that region's plan
    sources/<region_id>.txt  the plan's full text, verbatim
    caveats.csv              one row per (region, indicator) whose plan measures something else
    readings.csv             one row per indicator whose bare figures read as a bound
"""

from __future__ import annotations

from pathlib import Path

from plancompare.common.schema import Column, Table

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
# reference/<jurisdiction>.csv: a jurisdiction's plan target or actual value, and its source's
# grade: A official site; B mainstream outlet; C a repost of an A/B text on a third-party site.
# The jurisdiction is the nation or a region id.
NATIONAL = "national"
REFERENCE_KINDS = ("target", "actual")
GRADES = ("A", "B", "C")
# Why a candidate is not a target (data/raw/README.md says what each covers). general_aim: a
# dated aim with no checkable end state (体系更加完善, 水平明显提高); deadline_of_figures: the
# deadline of a sentence whose commitments are all figures, each curated as its own row.
EXCLUSION_REASONS = (
    "named_project",
    "construction_norm",
    "investment",
    "background_statistic",
    "restatement",
    "not_public_service",
    "general_aim",
    "deadline_of_figures",
    "other",
)
OTHER_REASON_MAX_SHARE = 0.05
# caveats.csv: what the ranking does with a (region, indicator) whose plan measures something
# other than the catalog's definition: rank it with its caveat beside, or leave it out.
CAVEAT_RANKINGS = ("keep", "leave_out")
# readings.csv: how a bare figure of an indicator (no word before or after it: a table cell "5.5")
# is read when the plans frame that indicator as a bound (控制在…以内: a cap; 不低于: a floor).
READINGS = ("cap", "floor")
# The direction each reading needs: a cap bounds what should stay low, a floor what should rise.
READING_DIRECTIONS = {"cap": "lower_is_better", "floor": "higher_is_better"}

# regions.csv, one row per region, and the rows validation makes of it.
REGIONS = Table(
    "regions",
    (
        Column("region_id"),
        Column("name_zh"),
        Column("name_en"),
        Column("level", choices=LEVELS),
        Column("parent"),
        Column("plan_title"),
        Column("issuer"),
        Column("issued_on", "date"),
        # As the copy's header states them (文号, 索引号, the portal's 发布日期); empty where the
        # copy states none.
        Column("document_number"),
        Column("index_number"),
        Column("published_on", "date"),
        # Lines of a third-party copy that are its host page's (an encyclopedia's 基本介紹,
        # 相關詞條), not the plan's: "1-15,41-43"; empty for a copy of the issuer's page.
        Column("wrapper_lines"),
        Column("script", choices=SCRIPTS),
        Column("source_file"),
    ),
)
REGION_COLUMNS = REGIONS.names
# catalog.csv, one row per canonical indicator, and the rows validation makes of it.
CATALOG = Table(
    "catalog",
    (
        Column("indicator_id"),
        Column("name_zh"),
        Column("name_en"),
        Column("domain", choices=DOMAINS),
        Column("unit"),
        Column("direction", choices=DIRECTIONS),
        Column("measure", choices=MEASURES),
        Column("definition"),
    ),
)
CATALOG_COLUMNS = CATALOG.names
# targets/<region_id>.csv, one row per stated target.
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
# A target row as validation harmonises it: cells parsed, figures in the catalog's unit.
TARGETS = Table(
    "targets",
    (
        Column("region_id"),
        Column("indicator_id"),
        Column("name_in_source"),
        Column("name_in_source_simplified"),
        Column("name_zh"),
        Column("category_in_source"),
        Column("unit_in_source"),
        Column("unit"),
        Column("baseline_year", "integer"),
        Column("baseline_raw"),
        Column("baseline_value_in_source", "number"),
        Column("baseline_value", "number"),
        Column("baseline_comparator"),
        Column("baseline_qualitative"),
        Column("target_year", "integer"),
        Column("target_raw"),
        Column("target_value_in_source", "number"),
        # The committed bound: a range's low end (its high end for a lower-is-better indicator).
        Column("target_value", "number"),
        # The closed bounds of what the target allows (plancompare.ingest.values.Value.bounds):
        # a point both, a floor low only, a cap high only, a range both; NULL where open.
        Column("target_low", "number"),
        Column("target_high", "number"),
        Column("comparator"),
        Column("period", choices=PERIODS),
        Column("baseline_period", choices=PERIODS),
        Column("cumulative", "boolean"),
        Column("qualitative"),
        Column("attribute"),
        Column("kind", choices=KINDS),
        Column("line", "integer"),
        Column("baseline_line", "integer"),
        Column("quote"),
        Column("notes"),
        Column("source_file"),
        Column("csv_row", "integer"),
    ),
)
# A reference row as validation harmonises it.
REFERENCE = Table(
    "reference",
    (
        Column("jurisdiction"),
        Column("indicator_id"),
        Column("unit"),
        Column("year", "integer"),
        # The date an actual value describes when it is not the end of `year` (托位 as of
        # October): ISO, YYYY-MM or YYYY-MM-DD; NULL for a year-end or whole-year figure.
        Column("as_of"),
        Column("kind", choices=REFERENCE_KINDS),
        Column("period", choices=PERIODS),
        Column("value_raw"),
        Column("value_in_source", "number"),
        Column("value", "number"),
        Column("comparator"),
        Column("qualitative"),
        Column("unit_in_source"),
        Column("publisher"),
        Column("title"),
        Column("published_on"),  # ISO, at reduced precision (YYYY-MM) where the source has no day
        Column("read_at"),
        Column("grade", choices=GRADES),
        Column("notes"),
        Column("source_file"),
        Column("csv_row", "integer"),
    ),
)
# excluded/<region_id>.csv: candidate quantities of a plan that are deliberately not targets;
# every ledger row with its region and CSV row.
EXCLUSIONS = Table(
    "exclusions",
    (
        Column("region_id"),
        Column("csv_row", "integer"),
        Column("line", "integer"),
        Column("figure"),
        Column("reason", choices=EXCLUSION_REASONS),
        Column("note"),
    ),
)
LEDGER_COLUMNS = EXCLUSIONS.names[2:]  # the ledger file's own, without region_id and csv_row
# caveats.csv, one row per (region, indicator) whose plan measures something other than the
# catalog's definition: the plan line it rests on, the ranking's choice and the caveat's words.
CAVEATS = Table(
    "caveats",
    (
        Column("region_id"),
        Column("indicator_id"),
        Column("line", "integer"),
        Column("ranking", choices=CAVEAT_RANKINGS),
        Column("caveat_zh"),
        Column("caveat_en"),
    ),
)
CAVEAT_COLUMNS = CAVEATS.names
# readings.csv, one row per indicator whose bare figures read as a bound, with the plans'
# framing that justifies it.
READING_RULES = Table(
    "readings",
    (
        Column("indicator_id"),
        Column("reading", choices=READINGS),
        Column("note"),
    ),
)
READING_COLUMNS = READING_RULES.names
HEADLINE_INDICATORS = ("childcare_places_per_1k", "nursing_bed_share", "sports_area_per_capita")
QUOTE_MAX_CHARS = 160
MAX_CELL_CHARS = 10_000  # the longest curated note is under 1,000 characters


def issuers(issuer: str) -> list[str]:
    """The issuing bodies named in a region's verbatim `issuer` field (joined by 、 or ，)."""
    return [i for i in issuer.replace("，", "、").split("、") if i.strip()]


def line_ranges(written: str) -> list[tuple[int, int]]:
    """The (first, last) line pairs of a `wrapper_lines` cell ("1-15,41-43", "7"); ValueError
    when a part is not a line or a rising range of lines."""
    ranges = []
    for part in (p.strip() for p in written.split(",") if p.strip()):
        first, _, last = part.partition("-")
        if not (first.isdigit() and (not last or last.isdigit())):
            raise ValueError(f"{part!r} is not a line or a range of lines like 1-15")
        ranges.append((int(first), int(last or first)))
        if not 1 <= ranges[-1][0] <= ranges[-1][1]:
            raise ValueError(f"{part!r} does not run from a first to a later line")
    return ranges


def ledger_file(data_dir: Path, region_id: str) -> Path:
    return data_dir / "excluded" / f"{region_id}.csv"


def caveats_file(data_dir: Path) -> Path:
    return data_dir / "caveats.csv"


def readings_file(data_dir: Path) -> Path:
    return data_dir / "readings.csv"


def target_files(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "targets").glob("*.csv"))
