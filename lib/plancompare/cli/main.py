"""`plancompare` command line: a thin layer over the library functions."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from plancompare.cli.render import add_render_arguments, render_cli
from plancompare.common import paths
from plancompare.common.errors import EXIT_PROBLEMS, EXIT_USAGE, PlancompareError, exit_codes_help
from plancompare.common.names import unknown_name
from plancompare.ingest import csvfile

if TYPE_CHECKING:
    import polars as pl

DESCRIPTION = """\
Compare the 2020 baselines and 2025 targets of China's 14th Five-Year (十四五) public-service
plans across regions.

Typical use:
  plancompare validate          check the curated CSVs in data/raw (all problems at once)
  plancompare build             validate, then (re)build data/processed/plans.duckdb
  plancompare regions           list the regions
  plancompare indicators        list the indicators in the catalog
  plancompare compare 人均体育场地面积   one indicator across all regions
  plancompare render            render the HTML reports into reports/
"""

# --format choices of the table commands (plancompare.cli.terminal writes them; it imports polars).
FORMATS = ("table", "csv", "json")

EPILOG = exit_codes_help()


def _print_frame(args, frame: pl.DataFrame, title: str, figures: tuple[str, ...] = ()) -> None:
    from plancompare.cli import terminal

    names = [c for c in frame.columns if c.startswith("name_") or c == "parent"]
    terminal.write_frame(frame, args.format, title, figures, wrap_first=names)


def _print_problems(problems) -> None:
    from plancompare.ingest.validate import capped

    for line in capped(problems):
        print(line, file=sys.stderr)


def cmd_validate(args) -> int:
    from plancompare.ingest.validate import validate

    paths = [Path(p) for p in args.paths] or None
    result = validate(args.data, target_paths=paths, draft=args.draft)
    _print_problems(result.problems)
    if not result.ok:
        print(f"{len(result.problems)} problem(s) found", file=sys.stderr)
        return EXIT_PROBLEMS
    print(result.summary())
    return 0


def cmd_build(args) -> int:
    from plancompare.store.build import BuildError, build

    try:
        result = build(args.data, args.db, draft=args.draft)
    except BuildError as error:
        _print_problems(error.problems)
        print(
            f"build failed: {len(error.problems)} problem(s); the previous database is unchanged",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    print(
        f"built {result.db_path}: {result.n_targets} targets, {result.n_regions} regions "
        f"(data fingerprint {result.fingerprint})"
    )
    return 0


def _source_of(region: str, data_dir: Path) -> tuple[str, Path]:
    """(region id, source text) for a path, or a region id or name (either script, Chinese or
    English) as every command takes it: an unknown one raises UnknownChoiceError saying which
    region was meant."""
    from plancompare.common import names

    if Path(region).is_file():
        return Path(region).stem, Path(region)
    table = csvfile.read_table(data_dir / "regions.csv")
    rows = [(r["region_id"], r["name_zh"], r["name_en"]) for r in table.rows]
    region_id = names.resolve("region", region, rows, "plancompare regions")
    source = next(r["source_file"] for r in table.rows if r["region_id"] == region_id)
    return region_id, data_dir / source


# A candidate as `candidates` prints it: where it is, its identity (line and occurrence: the
# how-manieth of its number on the line) and what it says.
CANDIDATE_COLUMNS = ("line", "occurrence", "figure", "unit", "comparator", "context")


def _candidate_frame(found, region_id: str | None = None) -> pl.DataFrame:
    import polars as pl

    columns = CANDIDATE_COLUMNS if region_id is None else ("region_id", *CANDIDATE_COLUMNS)
    integers = {"line": pl.Int64, "occurrence": pl.Int64}
    return pl.DataFrame(
        [[region_id if n == "region_id" else getattr(c, n) for n in columns] for c in found],
        schema={name: integers.get(name, pl.String) for name in columns},
        orient="row",
    )


def cmd_candidates(args) -> int:
    from plancompare.ingest.candidates import find
    from plancompare.ingest.validate import validate

    if args.csv:
        args.format = "csv"
    region = _source_of(args.region, args.data) if args.region is not None else None
    if args.unaccounted:
        result = validate(args.data, draft=True)
        sources = {r["region_id"]: args.data / r["source_file"] for r in result.regions}
        wanted = [r for r in result.unaccounted if region is None or r == region[0]]
        for region_id in wanted:
            left, total = result.unaccounted[region_id], result.candidates[region_id]
            print(f"{region_id}: {len(left)} unaccounted of {total} candidates", file=sys.stderr)
        left = [(r, c) for r in wanted for c in result.unaccounted[r]]
        if args.format == "table":
            for region_id, c in left:
                print(f"{sources[region_id]}:{c.line}: {c.figure} — {c.context}")
        else:
            import polars as pl

            frame = pl.concat(
                [_candidate_frame([c], r) for r, c in left] or [_candidate_frame([], "")]
            )
            _print_frame(args, frame, "Unaccounted candidates", ("figure",))
        return EXIT_PROBLEMS if left else 0
    if region is None:
        print("plancompare candidates: give a region id or a source path", file=sys.stderr)
        return EXIT_USAGE
    frame = _candidate_frame(find(csvfile.read_text(region[1])))
    _print_frame(
        args, frame, f"Candidate quantities in {region[1].name} ({frame.height})", ("figure",)
    )
    return 0


def cmd_regions(args) -> int:
    from plancompare import query

    con = query.connect(args.db)
    frame = query.regions(con).select("region_id", "name_zh", "name_en", "level", "parent")
    _print_frame(args, frame, f"Regions ({frame.height})")
    return 0


def cmd_indicators(args) -> int:
    from plancompare import query

    con = query.connect(args.db)
    frame = query.indicators(con).select("indicator_id", "name_zh", "unit", "domain", "direction")
    _print_frame(args, frame, f"Indicators ({frame.height}), by domain")
    return 0


# What a terminal shows of pc.compare: its leading columns, who and what each plan states, the
# quote wrapping to fit; csv and json give every column, as pc.compare returns them.
COMPARE_TABLE = ("region_id", "status", "baseline_raw", "target_raw", "comparator", "unit", "line")


def cmd_compare(args) -> int:
    from plancompare import query

    con = query.connect(args.db)
    frame = query.compare(args.indicator, con, all_statements=args.all_statements)
    about = frame.row(0, named=True)
    title = f"{about['indicator_id']} · {about['name_zh']} ({about['unit']}) across regions"
    if args.format == "table":
        shown = [*COMPARE_TABLE, "effective"] if args.all_statements else list(COMPARE_TABLE)
        frame = frame.select(*shown, "quote")
    _print_frame(args, frame, title, COMPARE_TABLE[1:])
    return 0


def cmd_render(args) -> int:
    return render_cli(args)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="plancompare",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name, func, help_text, data=False, db=False, table=False, aliases=()):
        command = sub.add_parser(
            name,
            aliases=list(aliases),
            help=help_text,
            description=help_text,
            epilog=EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        command.set_defaults(func=func)
        if table:
            command.add_argument(
                "--format",
                choices=FORMATS,
                default="table",
                help="a table as wide as the terminal ($COLUMNS), or csv or json for scripts "
                "(default: %(default)s)",
            )
        if data:
            command.add_argument(
                "--data",
                type=Path,
                default=paths.default_data_dir(),
                help="curated data directory (default: %(default)s)",
            )
        if db:
            command.add_argument(
                "--db",
                type=Path,
                default=paths.default_db_path(),
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
    draft_help = "a plan still being curated: unaccounted candidate quantities are not problems"
    validate.add_argument("--draft", action="store_true", help=draft_help)
    candidates = add(
        "candidates",
        cmd_candidates,
        "list every target-like quantity in a plan's text (rules: plancompare.ingest.candidates); "
        "with --unaccounted, those no target or excluded/ row accounts for (exit 1 if any)",
        data=True,
        table=True,
    )
    candidates.add_argument(
        "region",
        nargs="?",
        help="region id or name, or the path of a source text (--unaccounted: default every "
        "region)",
    )
    candidates.add_argument(
        "--csv",
        action="store_true",
        help=f"CSV: {','.join(CANDIDATE_COLUMNS)} (= --format csv; --unaccounted: region_id "
        "first); the header is printed even when no row follows",
    )
    candidates.add_argument(
        "--unaccounted",
        action="store_true",
        help="only what is not curated or excluded (a summary per region on stderr: "
        "'minqin: 0 unaccounted of N candidates'; nothing on stdout when all is accounted)",
    )
    build = add(
        "build",
        cmd_build,
        "validate, then write the database, targets.parquet and targets.csv "
        "atomically (a failed build keeps the previous database)",
        data=True,
        db=True,
    )
    build.add_argument("--draft", action="store_true", help=draft_help)
    add("regions", cmd_regions, "list the regions in the database", db=True, table=True)
    add("indicators", cmd_indicators, "list the indicators in the catalog", db=True, table=True)
    compare = add(
        "compare",
        cmd_compare,
        "one indicator across every region, as pc.compare gives it: each region's effective "
        "statement, or `not stated`",
        db=True,
        table=True,
        aliases=["show"],
    )
    compare.add_argument(
        "indicator",
        help="indicator id, Chinese or English name, or a part of a name only one indicator has, "
        "e.g. sports_area_per_capita, 托位",
    )
    compare.add_argument(
        "--all-statements",
        action="store_true",
        help="every statement of each region, `effective` marking the one compared",
    )
    render = add(
        "render",
        cmd_render,
        "render the HTML report site into reports/: parallel, "
        "incremental (unchanged reports are skipped), offline",
        db=True,
    )
    add_render_arguments(render)
    return top


def main(argv: list[str] | None = None) -> int:
    """Run one command; an expected failure prints one line and returns its documented exit
    code (EPILOG), a bug shows its traceback."""
    top = parser()
    argv = sys.argv[1:] if argv is None else argv
    typed = next((arg for arg in argv if not arg.startswith("-")), None)
    commands = top._subparsers._group_actions[0].choices  # argparse names no public way
    if typed is not None and typed not in commands:
        print(f"plancompare: {unknown_name('command', typed, list(commands))}", file=sys.stderr)
        return EXIT_USAGE
    args = top.parse_args(argv)
    try:
        return args.func(args)
    except PlancompareError as error:
        print(f"plancompare {args.command}: {error}", file=sys.stderr)
        return error.exit_code
