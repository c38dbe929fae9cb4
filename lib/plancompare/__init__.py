"""plancompare: compare 十四五 (2021–2025) public-service plan targets across regions.

Notebooks and scripts use the query API re-exported here; see plancompare.query.
"""

__version__ = "0.1.0"

from plancompare.query import (  # noqa: E402
    UnknownChoiceError,
    build_info,
    comparable,
    compare,
    comparison,
    connect,
    coverage,
    headline,
    indicators,
    left_out,
    national,
    national_path,
    profile,
    regions,
    resolve_indicator,
    resolve_region,
    standing,
    statements,
    targets,
)

__all__ = [
    "UnknownChoiceError",
    "build_info",
    "comparable",
    "compare",
    "comparison",
    "connect",
    "coverage",
    "headline",
    "indicators",
    "left_out",
    "national",
    "national_path",
    "profile",
    "regions",
    "resolve_indicator",
    "resolve_region",
    "standing",
    "statements",
    "targets",
]
