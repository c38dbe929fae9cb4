"""plancompare: compare 十四五 (2021–2025) public-service plan targets across regions.

Notebooks and scripts use the query API re-exported here; see plancompare.query.
"""

from plancompare.common.version import __version__ as __version__

__all__ = [
    "COMPARISON_YEAR",
    "UnknownChoiceError",
    "attainment",
    "build_info",
    "caveats",
    "comparable",
    "compared_indicators",
    "compare",
    "comparison",
    "connect",
    "coverage",
    "headline",
    "indicators",
    "indicators_with_page",
    "left_out",
    "nation_beside",
    "national",
    "national_path",
    "profile",
    "regions",
    "resolve_indicator",
    "resolve_jurisdiction",
    "resolve_region",
    "standing",
    "statements",
    "targets",
]


def __getattr__(name: str):
    # PEP 562: the query API (and with it duckdb and polars) loads on first use, so commands
    # that never query, such as a render with nothing to do, start in milliseconds.
    if name in __all__:
        from plancompare import query

        return getattr(query, name)
    raise AttributeError(f"module 'plancompare' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
