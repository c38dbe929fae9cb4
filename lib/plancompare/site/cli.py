"""`plancompare render` on the command line: its arguments and exit codes."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from plancompare import catalog
from plancompare.site.errors import LockedError, RenderError
from plancompare.site.reports import LANGS

EXIT_LOCKED = 75  # EX_TEMPFAIL: another run holds the lock; try again later


def parse_params(pairs: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise RenderError(f"--param {pair!r} is not key=value (e.g. --param region=咸宁市)")
        params[key.strip()] = value.strip()
    return params


def add_render_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out",
        type=Path,
        default=catalog.PROJECT_ROOT / "reports",
        help="report folder (default: %(default)s)",
    )
    parser.add_argument(
        "--notebook",
        help="only this notebook: 01_overview, 02_region_profile, "
        "03_indicator_compare (or overview, region_profile, indicator_compare)",
    )
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="only this subject, e.g. --param region=咸宁市 or "
        "--param indicator=人均体育场地面积 (repeatable)",
    )
    parser.add_argument(
        "--lang",
        action="append",
        choices=LANGS,
        help="only this language (repeatable; default: all)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="reports rendered at once (default: %(default)s, the number of cores)",
    )
    parser.add_argument(
        "--force", action="store_true", help="render even the reports whose inputs did not change"
    )
    parser.add_argument(
        "--keep-executed",
        action="store_true",
        help="also write each executed notebook into reports/_executed/ (for debugging)",
    )


def _unknown_choice_error() -> type[Exception]:
    # Evaluated only when an exception propagates: a render with nothing to do never imports
    # the query layer (duckdb, polars).
    from plancompare.query import UnknownChoiceError

    return UnknownChoiceError


def render_cli(args) -> int:
    """Exit 0 when every report rendered (or was unchanged), 1 when any failed, 2 on a bad
    selection, 75 when another render holds the lock."""
    # Imported here: the other commands should not pay for loading the renderer.
    from plancompare.site.render import render

    try:
        result = render(
            args.out,
            args.db,
            args.notebook,
            parse_params(args.param),
            args.lang,
            args.jobs,
            args.force,
            keep_executed=args.keep_executed,
        )
    except LockedError as error:
        print(f"plancompare render: {error}", file=sys.stderr)
        return EXIT_LOCKED
    except (RenderError, _unknown_choice_error()) as error:
        print(f"plancompare render: {error}", file=sys.stderr)
        return 2
    for outcome in result.failed:
        print(f"plancompare render: FAILED {outcome.path}: {outcome.error}", file=sys.stderr)
    print(f"{result.summary()}; index: {Path(args.out) / 'index.html'}")
    return 1 if result.failed else 0
