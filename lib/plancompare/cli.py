"""`plancompare` command line: a thin layer over the library functions."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from plancompare import catalog
from plancompare.site.cli import add_render_arguments, render_cli

DESCRIPTION = """\
Compare the 2020 baselines and 2025 targets of China's 14th Five-Year (十四五) public-service
plans across regions.

Typical use:
  plancompare validate          check the curated CSVs in data/raw (all problems at once)
  plancompare build             validate, then (re)build data/processed/plans.duckdb
  plancompare regions           list the regions
  plancompare indicators        list the indicators in the catalog
  plancompare show 人均体育场地面积   one indicator across all regions
  plancompare render            render the HTML reports into reports/
"""


def _print_frame(frame) -> None:
    import polars as pl

    with pl.Config(
        tbl_rows=-1,
        tbl_cols=-1,
        fmt_str_lengths=60,
        tbl_width_chars=200,
        tbl_hide_dataframe_shape=True,
    ):
        print(frame)


def cmd_validate(args) -> int:
    from plancompare.validate import validate

    paths = [Path(p) for p in args.paths] or None
    result = validate(args.data, target_paths=paths)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if not result.ok:
        print(f"{len(result.problems)} problem(s) found", file=sys.stderr)
        return 1
    print(result.summary())
    return 0


def cmd_build(args) -> int:
    from plancompare.build import BuildError, build

    try:
        result = build(args.data, args.db)
    except BuildError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(
            f"build failed: {len(error.problems)} problem(s); the previous database is unchanged",
            file=sys.stderr,
        )
        return 1
    print(
        f"built {result.db_path}: {result.n_targets} targets, {result.n_regions} regions "
        f"(data fingerprint {result.fingerprint})"
    )
    return 0


def cmd_regions(args) -> int:
    from plancompare import query

    con = query.connect(args.db)
    _print_frame(query.regions(con).select("region_id", "name_zh", "name_en", "level", "parent"))
    return 0


def cmd_indicators(args) -> int:
    from plancompare import query

    con = query.connect(args.db)
    _print_frame(
        query.indicators(con).select("indicator_id", "name_zh", "unit", "domain", "direction")
    )
    return 0


def cmd_show(args) -> int:
    from plancompare import query

    con = query.connect(args.db)
    frame = query.compare(args.indicator, con)
    _print_frame(
        frame.select(
            "region_id",
            "status",
            "baseline_year",
            "baseline_raw",
            "target_year",
            "target_raw",
            "target_value",
            "unit",
            "line",
        )
    )
    return 0


def cmd_render(args) -> int:
    return render_cli(args)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="plancompare",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name, func, help_text, data=False, db=False):
        command = sub.add_parser(name, help=help_text, description=help_text)
        command.set_defaults(func=func)
        if data:
            command.add_argument(
                "--data",
                type=Path,
                default=catalog.default_data_dir(),
                help="curated data directory (default: %(default)s)",
            )
        if db:
            command.add_argument(
                "--db",
                type=Path,
                default=catalog.default_db_path(),
                help="DuckDB database (default: %(default)s)",
            )
        return command

    validate = add(
        "validate",
        cmd_validate,
        "check the curated CSVs; print every problem as "
        "file:row:column: message and exit 1 if there is any",
        data=True,
    )
    validate.add_argument("paths", nargs="*", help="only these targets/<region_id>.csv files")
    add(
        "build",
        cmd_build,
        "validate, then write the database, targets.parquet and targets.csv "
        "atomically (a failed build keeps the previous database)",
        data=True,
        db=True,
    )
    add("regions", cmd_regions, "list the regions in the database", db=True)
    add("indicators", cmd_indicators, "list the indicators in the catalog", db=True)
    show = add("show", cmd_show, "one indicator across every region", db=True)
    show.add_argument("indicator", help="indicator id or Chinese name, e.g. sports_area_per_capita")
    render = add(
        "render",
        cmd_render,
        "render the HTML report site into reports/: parallel, "
        "incremental (unchanged reports are skipped), offline",
        db=True,
    )
    add_render_arguments(render)
    return top


def _query_errors() -> tuple[type[Exception], ...]:
    # Evaluated only when an exception propagates: commands that never query (a render with
    # nothing to do) do not import duckdb and polars.
    from plancompare import query

    return (query.UnknownChoiceError, query.DatabaseMissingError)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except _query_errors() as error:
        print(f"plancompare {args.command}: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
