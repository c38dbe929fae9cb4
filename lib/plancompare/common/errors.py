"""The one root of every error a person can cause or fix, each kind with the exit code the
command line returns for it, and the table of those codes that `--help` prints."""

from __future__ import annotations

import signal

# sysexits.h codes where one fits, so cron and systemd can tell a problem to fix from one to
# retry; 128 + a signal's number, as a shell reports a process that signal ended.
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_NO_INPUT = 66  # EX_NOINPUT
EXIT_CANT_CREATE = 73  # EX_CANTCREAT
EXIT_TEMPFAIL = 75  # EX_TEMPFAIL
EXIT_SIGINT = 128 + signal.SIGINT
EXIT_SIGTERM = 128 + signal.SIGTERM

EXIT_CODES = {
    0: "success (render: every report rendered or unchanged)",
    EXIT_PROBLEMS: "the curated data has problems (validate, build), or a report failed or ran "
    "past --timeout (render: its previous page is kept and marked stale)",
    EXIT_USAGE: "bad usage: unknown command, option, region, indicator, notebook, parameter or "
    "value, a --notebooks folder without the notebook's file, or the plan texts the database was "
    "built from are gone",
    EXIT_NO_INPUT: "the database is missing, damaged or from an older schema: rebuild it with "
    "`plancompare build` (or `make data`)",
    EXIT_CANT_CREATE: "the output folder cannot be created or written (build: the previous "
    "database is unchanged)",
    EXIT_TEMPFAIL: "busy: another render holds <out>/.render.lock, or the database is in use; "
    "try again later",
    EXIT_SIGINT: "stopped by SIGINT (Ctrl-C), or",
    EXIT_SIGTERM: "by SIGTERM, within seconds: kernels and workers ended, finished reports "
    "kept, temporary files and the lock removed",
}


def exit_codes_help(width: int = 96) -> str:
    """EXIT_CODES as the `exit codes:` section of `--help`."""
    import textwrap

    lines = ["exit codes:"]
    for code, meaning in EXIT_CODES.items():
        wrapped = textwrap.wrap(meaning, width - 7)
        lines.append(f"  {code:<4} {wrapped[0]}")
        lines += [f"       {line}" for line in wrapped[1:]]
    return "\n".join(lines)


class PlancompareError(Exception):
    """Something a person can fix or retry; the message says what and how, in one line."""

    exit_code = EXIT_PROBLEMS


class UsageError(PlancompareError):
    """A name or choice the suite does not know."""

    exit_code = EXIT_USAGE


class OutputNotWritableError(PlancompareError):
    """An output folder (the database's or the reports') cannot be created or written."""

    exit_code = EXIT_CANT_CREATE


class BusyError(PlancompareError):
    """Another process holds what this one needs; try again later."""

    exit_code = EXIT_TEMPFAIL
