"""`plancompare render` on the command line: its arguments and exit codes."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from contextlib import contextmanager
from pathlib import Path

from plancompare.common import paths
from plancompare.i18n import LANGS
from plancompare.site.errors import Interrupted, LockedError, OutputNotWritableError, RenderError
from plancompare.site.reports import NOTEBOOKS_DIR

EXIT_FAILED = 1  # some report failed; its previous page is kept, marked stale
EXIT_SELECTION = 2  # unknown notebook, parameter or value
EXIT_NO_DATABASE = 66  # EX_NOINPUT: the database is missing or damaged
EXIT_CANT_WRITE = 73  # EX_CANTCREAT: the report folder cannot be written
EXIT_LOCKED = 75  # EX_TEMPFAIL: another run holds the lock; try again later
# 128 plus the signal's number, as a shell reports a process the signal killed.
EXIT_SIGINT, EXIT_SIGTERM = 128 + signal.SIGINT, 128 + signal.SIGTERM

EXIT_CODES = f"""exit codes:
  0    every report rendered or unchanged
  {EXIT_FAILED}    some report failed (its previous page is kept and marked stale in index.html)
  {EXIT_SELECTION}    a bad selection: unknown notebook, parameter or value, a notebook folder
       without the notebook's file, or the plan texts the database was built from are gone
  {EXIT_NO_DATABASE}   the database is missing or damaged: rebuild it with `plancompare build`
  {EXIT_CANT_WRITE}   the report folder cannot be created or written
  {EXIT_LOCKED}   another render holds <out>/.render.lock (try again later)
  {EXIT_SIGINT}  stopped by SIGINT (Ctrl-C), or
  {EXIT_SIGTERM}  by SIGTERM: kernels shut down, finished reports kept, temporary files removed"""


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
    """Run one render; its exit codes are EXIT_CODES."""
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
            )
    except LockedError as error:
        return fail(error, EXIT_LOCKED)
    except RenderError as error:
        return fail(error, EXIT_SELECTION)
    except OutputNotWritableError as error:
        return fail(error, EXIT_CANT_WRITE)
    except KeyboardInterrupt:
        return fail("stopped by SIGINT; finished reports are kept", EXIT_SIGINT)
    except Interrupted as error:
        return fail(f"{error}; finished reports are kept", EXIT_SIGTERM)
    for outcome in result.failed:
        print(f"plancompare render: FAILED {outcome.path}: {outcome.error}", file=sys.stderr)
    print(f"{result.summary()}; index: {Path(args.out) / 'index.html'}")
    return EXIT_FAILED if result.failed else 0
