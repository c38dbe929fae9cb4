"""Check every curated file at once and harmonise the target and reference rows on the way;
`validate` runs the rules of each file kind in turn and never raises on bad data.

problems: Problem, Validation, capped display; checks: the checks every file kind shares; regions,
catalog (with readings), targets, ledger (with completeness), reference, caveats: the rules of
each file kind.
"""

from __future__ import annotations

from pathlib import Path

from plancompare.common import paths
from plancompare.common.text import to_simplified
from plancompare.ingest import layout
from plancompare.ingest.validate.catalog import validate_catalog
from plancompare.ingest.validate.caveats import validate_caveats
from plancompare.ingest.validate.ledger import check_completeness
from plancompare.ingest.validate.problems import Problem, Validation, capped
from plancompare.ingest.validate.readings import validate_readings
from plancompare.ingest.validate.reference import validate_reference
from plancompare.ingest.validate.regions import check_checksums, validate_regions
from plancompare.ingest.validate.targets import validate_targets

__all__ = ["Problem", "Validation", "capped", "validate"]


def validate(
    data_dir: Path | None = None, target_paths: list[Path] | None = None, draft: bool = False
) -> Validation:
    """Validate a data directory (or only some target files in it); never raises on bad data.

    Unaccounted candidate quantities are problems unless `draft` (a plan still being curated);
    they are listed in `Validation.unaccounted` either way."""
    data_dir = Path(data_dir or paths.default_data_dir())
    result = Validation(data_dir=data_dir)
    regions = validate_regions(data_dir, result)
    check_checksums(data_dir, regions, result)
    indicators = validate_catalog(data_dir, result)
    readings = validate_readings(data_dir, indicators, result)
    files = target_paths if target_paths is not None else layout.target_files(data_dir)
    if target_paths is None and not files:
        result.problems.append(
            Problem(data_dir / "targets", 1, "-", "no target files (targets/<region_id>.csv)")
        )
    text_cache: dict = {}
    for path in files:
        located = validate_targets(Path(path), regions, indicators, result, text_cache)
        region = regions.get(Path(path).stem)
        if region is not None:
            check_completeness(region, located, result, text_cache, draft)
    result.reference = validate_reference(data_dir, indicators, regions, result)
    result.caveats = validate_caveats(data_dir, regions, indicators, result, text_cache)
    result.regions = list(regions.values())
    result.indicators = [
        {
            **row,
            "name_zh": to_simplified(row["name_zh"]),
            "reading": readings.get(row["indicator_id"]),
        }
        for row in indicators.values()
    ]
    return result
