"""What a report reads, so that new data re-renders only the reports it changes.

In a render's kernel every function of the query API (`plancompare.query`, which `import
plancompare as pc` re-exports) records each call a notebook makes — its name, its arguments and
a digest of what it returned. The render keeps that list with the report. When the data change
and nothing else did (notebook, parameters, code), the render makes the same calls against the
new database: the same answers mean the same page, which is then current without running the
notebook. A report that opened a connection of its own, or read something the digest cannot
take, has no list, and renders again whenever the data change.
"""

from __future__ import annotations

import functools
import json

from plancompare.common.digest import values_sha256

RECORDED: list | None = []  # in a kernel: this report's calls; None when they cannot be replayed


def digest(result) -> str:
    """What a query function returned, as a digest: a frame by its columns, types and rows in
    order; anything else as JSON-able values (sets sorted)."""
    import polars as pl

    if isinstance(result, pl.DataFrame):
        rows = result.hash_rows(seed=0).to_list()
        return values_sha256(result.columns, [str(t) for t in result.dtypes], rows)
    if isinstance(result, set | frozenset):
        result = sorted(result, key=str)
    return values_sha256(result)


def record_queries() -> None:
    """In a kernel, once: make every query function record its calls into RECORDED."""
    from plancompare import query

    for name in _query_functions():
        setattr(query, name, _recording(name, getattr(query, name)))


def _query_functions() -> list[str]:
    import plancompare
    from plancompare import query

    return [
        name
        for name in plancompare.__all__
        if callable(getattr(query, name, None)) and not isinstance(getattr(query, name), type)
    ]


def _recording(name: str, function):
    @functools.wraps(function)
    def call(*args, **kwargs):
        global RECORDED
        if _calling:  # a query function calling another: the outer call is what counts
            return function(*args, **kwargs)
        _calling.append(name)
        try:
            result = function(*args, **kwargs)
        finally:
            _calling.pop()
        if RECORDED is not None:
            given = {k: v for k, v in kwargs.items() if not (k == "con" and v is None)}
            if name == "connect" or "con" in given or not _plain((args, given)):
                RECORDED = None  # reads the database its own way: not replayable
            else:
                try:
                    RECORDED.append([name, list(args), given, digest(result)])
                except Exception:  # a result the digest cannot take
                    RECORDED = None
        return result

    return call


_calling: list[str] = []


def _plain(values) -> bool:
    try:
        return json.loads(json.dumps(values)) == json.loads(json.dumps(values, default=str))
    except (TypeError, ValueError):
        return False


def recorded_json() -> str:
    """This report's calls, for the render to fetch from the kernel; then a fresh list."""
    global RECORDED
    text, RECORDED = json.dumps(RECORDED, ensure_ascii=False), []
    return text


def replays_the_same(reads: list, con, cache: dict) -> bool:
    """Whether every recorded call answers the same against `con`'s database now. `cache`
    (call → digest) is shared by the reports of one run: many make the same calls."""
    from plancompare import query

    for name, args, kwargs, recorded in reads:
        call = json.dumps([name, args, kwargs], sort_keys=True, ensure_ascii=False)
        if call not in cache:
            try:
                cache[call] = digest(getattr(query, name)(*args, con=con, **kwargs))
            except Exception:  # the call fails on the new data: the notebook must run
                cache[call] = None
        if cache[call] != recorded:
            return False
    return True
