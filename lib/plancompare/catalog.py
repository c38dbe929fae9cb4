"""The curated inputs in data/raw: where they live, their columns, and reading them as text.

Layout of a data directory:
    regions.csv              one row per region
    catalog.csv              one row per canonical indicator
    targets/<region_id>.csv  one row per stated target of that region's plan
    sources/<region_id>.txt  the plan's full text, verbatim
"""

from __future__ import annotations

import codecs
import csv
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def default_data_dir() -> Path:
    return Path(os.environ.get("PLANCOMPARE_DATA", PROJECT_ROOT / "data" / "raw"))


def default_db_path() -> Path:
    return Path(
        os.environ.get("PLANCOMPARE_DB", PROJECT_ROOT / "data" / "processed" / "plans.duckdb")
    )


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
# English names of the domains, for English reports (the plans' own words are the Chinese ones).
DOMAIN_NAMES_EN = {
    "幼有所育": "Childcare",
    "学有所教": "Education",
    "劳有所得": "Employment and income",
    "病有所医": "Health care",
    "老有所养": "Elderly care",
    "住有所居": "Housing",
    "弱有所扶": "Support for the vulnerable",
    "优军服务保障": "Services for veterans and service members",
    "文体服务保障": "Culture and sports",
    "其他": "Other",
}
# English names of the catalog's units; a unit not listed shows as written.
UNIT_NAMES_EN = {
    "1/10万": "per 100,000",
    "万个": "10,000 units",
    "万人": "10,000 people",
    "万人次": "10,000 person-times",
    "个": "units",
    "个/千人": "per 1,000 people",
    "人": "people",
    "人/千人": "per 1,000 people",
    "人次": "person-times",
    "分钟": "minutes",
    "名": "people",
    "套": "housing units",
    "家": "institutions",
    "岁": "years",
    "平方米/万人": "m² per 10,000 people",
    "平方米/人": "m² per person",
    "年": "years",
    "张": "beds",
    "张/千人": "beds per 1,000 people",
    "户": "households",
    "所": "institutions",
    "次": "times",
    "次/万人": "times per 10,000 people",
    "种": "kinds",
}
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
LANGS = ("zh", "en")  # report languages: Chinese names and titles, or English
HEADLINE_INDICATORS = ("childcare_places_per_1k", "nursing_bed_share", "sports_area_per_capita")
QUOTE_MAX_CHARS = 160
# The database's: bump when tables, columns or views change (query.connect refuses others).
SCHEMA_VERSION = 3
ISSUERS_SHOWN = 2  # a long issuer list (one plan names 22 departments) shows its first names
MAX_CELL_CHARS = 10_000  # the longest curated note is under 1,000 characters


class InputError(ValueError):
    """A curated file cannot be read at all (missing, empty, wrong encoding, broken CSV)."""

    def __init__(self, path: Path, message: str, row: int = 1):
        super().__init__(f"{path}:{row}:-: {message}")
        self.path, self.message, self.row = path, message, row


@dataclass
class Table:
    """A CSV read as text: header plus rows keyed by column, with their line numbers."""

    path: Path
    header: list[str]
    rows: list[dict[str, str]] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)  # 1-based CSV line of each row
    ragged: list[tuple[int, int]] = field(default_factory=list)  # (row number, field count)


def _guess_encoding(data: bytes) -> str:
    for name in ("gb18030", "big5", "utf-16"):
        try:
            data.decode(name)
        except UnicodeDecodeError:
            continue
        return {"gb18030": "GBK/GB18030", "big5": "Big5", "utf-16": "UTF-16"}[name]
    return "an unknown encoding"


def read_text(path: Path) -> str:
    """UTF-8 text of a curated file; a BOM (as Excel writes it) is accepted and dropped."""
    if not path.is_file():
        raise InputError(path, "file not found")
    data = path.read_bytes()
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(
            path, f"not UTF-8 (looks like {_guess_encoding(data)}); re-save it as UTF-8"
        ) from None


def read_table(path: Path) -> Table:
    text = read_text(path)
    if not text.strip():
        raise InputError(path, "empty file: expected a header row")
    reader = csv.reader(io.StringIO(text, newline=""))
    records = _records(path, reader)
    header = [h.strip() for h in next(records)]
    table = Table(path=path, header=header)
    for values in records:
        if not any(v.strip() for v in values):
            continue
        number = reader.line_num
        if len(values) != len(header):
            table.ragged.append((number, len(values)))
            continue
        table.rows.append(dict(zip(header, values, strict=True)))
        table.row_numbers.append(number)
    return table


def issuers(issuer: str) -> list[str]:
    """The issuing bodies named in a region's verbatim `issuer` field (joined by 、 or ，)."""
    return [i for i in issuer.replace("，", "、").split("、") if i.strip()]


def ledger_file(data_dir: Path, region_id: str) -> Path:
    return data_dir / "excluded" / f"{region_id}.csv"


def _records(path: Path, reader):
    """The reader's records; a CSV syntax error becomes an InputError at the row it started on
    (an unbalanced quote swallows the rest of the file into one field)."""
    while True:
        start = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise InputError(
                path,
                f'not valid CSV from this row on ({error}); look for an unbalanced " quote',
                row=start,
            ) from None
        # csv's own limit (131,072 characters) is process-wide and other libraries raise it;
        # a curated cell is never this long, so this check does not depend on it.
        if any(len(v) > MAX_CELL_CHARS for v in values):
            raise InputError(
                path,
                f"not valid CSV from this row on (a cell of more than {MAX_CELL_CHARS:,} "
                'characters); look for an unbalanced " quote',
                row=start,
            )
        yield values


def target_files(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "targets").glob("*.csv"))
