"""`plancompare render` on the command line: its arguments, and the signals that stop it."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from contextlib import contextmanager
from pathlib import Path

from plancompare.common import paths
from plancompare.common.errors import EXIT_PROBLEMS, EXIT_SIGINT, EXIT_SIGTERM
from plancompare.i18n import LANGS
from plancompare.site.errors import Interrupted, RenderError
from plancompare.site.reports import NOTEBOOKS_DIR
from plancompare.site.runner import DEFAULT_TIMEOUT


def parse_params(pairs: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise RenderError(f"--param {pair!r} is not key=value (e.g. --param region=咸宁市)")
        params[key.strip()] = value.strip()
    return params


def _seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0
    if not seconds > 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds above 0")
    return seconds


def add_render_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out",
        type=Path,
        default=paths.PROJECT_ROOT / "reports",
        help="report folder (default: %(default)s)",
    )
    parser.add_argument(
        "--notebooks",
        type=Path,
        default=NOTEBOOKS_DIR,
        metavar="DIR",
        help="render the notebooks in this folder instead (same file names and parameters as "
        "notebooks/; default: %(default)s)",
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
        "--timeout",
        type=_seconds,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help="a report still running after this long is stopped and fails like any failed "
        "report: its previous page is kept and marked stale, the others go on "
        "(default: %(default)s)",
    )
    parser.add_argument(
        "--force", action="store_true", help="render even the reports whose inputs did not change"
    )
    parser.add_argument(
        "--keep-executed",
        action="store_true",
        help="also write each executed notebook into reports/_executed/ (for debugging)",
    )


@contextmanager
def stopped_by_signals():
    """SIGTERM raises Interrupted (SIGINT raises KeyboardInterrupt), so that the run's cleanup
    runs; a second signal during that cleanup is ignored rather than cutting it short."""

    def stop(signum, frame):
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise KeyboardInterrupt if signum == signal.SIGINT else Interrupted(signum)

    previous = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def render_cli(args) -> int:
    """Run one render: 0, or 1 when a report failed; a signal stops it with 130 or 143. Other
    failures are PlancompareErrors, which `cli.main` turns into their exit codes."""
    # Imported here: the other commands should not pay for loading the renderer.
    from plancompare.site.render import render

    def fail(error: BaseException, code: int) -> int:
        print(f"plancompare render: {error}", file=sys.stderr)
        return code

    try:
        with stopped_by_signals():
            result = render(
                args.out,
                args.db,
                args.notebook,
                parse_params(args.param),
                args.lang,
                args.jobs,
                args.force,
                args.notebooks,
                keep_executed=args.keep_executed,
                timeout=args.timeout,
            )
    except KeyboardInterrupt:
        return fail("stopped by SIGINT; finished reports are kept", EXIT_SIGINT)
    except Interrupted as error:
        return fail(f"{error}; finished reports are kept", EXIT_SIGTERM)
    for outcome in result.failed:
        print(f"plancompare render: FAILED {outcome.path}: {outcome.error}", file=sys.stderr)
    print(f"{result.summary()}; index: {Path(args.out) / 'index.html'}")
    return EXIT_PROBLEMS if result.failed else 0
