"""Match what a person typed for a region or indicator against the known choices.

An exact id or name (either script, any case) resolves. Failing that, the message says which
choices come closest: a name containing what was typed, or one spelled alike in characters, English
or pinyin. Every message is one line, and a long list of choices is cut short.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from plancompare.common.errors import UsageError
from plancompare.common.text import pinyin_forms, to_simplified

SHOWN = 6  # choices listed before "… and N more"


class UnknownChoiceError(UsageError, ValueError):
    """A region or indicator name that is not in the data; the message says what was meant."""

    def _render_traceback_(self) -> list[str]:
        # IPython (a notebook, papermill) shows this instead of a traceback: the message is the
        # whole story, and it ends what papermill prints.
        return [f"{type(self).__name__}: {self}"]


def _normal(text: str) -> str:
    return to_simplified(str(text).strip()).casefold()


def _label(row: Sequence[str | None], n_names: int = 2) -> str:
    names = [x for x in dict.fromkeys(row[1 : 1 + n_names]) if x]
    return f"{row[0]} ({', '.join(names)})" if names else str(row[0])


def _listing(rows: list[Sequence[str | None]], list_command: str) -> str:
    shown = ", ".join(_label(row, n_names=1) for row in rows[:SHOWN])
    if len(rows) > SHOWN:
        shown += f" … and {len(rows) - SHOWN} more: `{list_command}`"
    return shown


def _keys(row: Sequence[str | None]) -> list[str]:
    """Every spelling a row answers to: id, names in simplified form and lowercase, and the
    pinyin of the Chinese ones."""
    keys = [_normal(x) for x in row if x]
    keys += [pinyin_forms(k)[0] for k in keys if not k.isascii()]  # imports pypinyin: only here
    return keys


def resolve(
    kind: str,
    value: str,
    rows: list[Sequence[str | None]],
    list_command: str,
    unique_substring: bool = False,
) -> str:
    """Id (first item of a row) of the row `value` names; rows may repeat an id with aliases.

    With `unique_substring`, a value found inside the names of exactly one choice resolves to it.
    Raises UnknownChoiceError saying "did you mean …" otherwise.
    """
    wanted = _normal(value)
    for row in rows:
        if wanted in {_normal(x) for x in row if x}:
            return row[0]

    by_id: dict[str, Sequence[str | None]] = {}
    keys: dict[str, list[str]] = {}
    for row in rows:
        by_id.setdefault(row[0], row)
        keys.setdefault(row[0], []).extend(_keys(row))

    containing = [i for i, ks in keys.items() if wanted and any(wanted in k for k in ks)]
    if unique_substring and len(containing) == 1:
        return containing[0]
    if not containing:
        key_ids = {k: i for i, ks in keys.items() for k in ks}
        close = difflib.get_close_matches(wanted, list(key_ids), n=SHOWN, cutoff=0.6)
        containing = list(dict.fromkeys(key_ids[k] for k in close))
    if len(containing) == 1:
        meant = _label(by_id[containing[0]])
        raise UnknownChoiceError(f"unknown {kind} {value!r}; did you mean {meant}?")
    if containing:
        meant = _listing([by_id[i] for i in containing], list_command)
        raise UnknownChoiceError(
            f"unknown {kind} {value!r}; did you mean one of these {len(containing)}: {meant}"
        )
    everything = _listing(list(by_id.values()), list_command)
    raise UnknownChoiceError(f"unknown {kind} {value!r}; valid choices: {everything}")


def unknown_name(kind: str, value: str, choices: Sequence[str]) -> str:
    """The one line for a name that is none of a few fixed `choices` (a parameter, a command):
    the closest by spelling, else all of them."""
    close = difflib.get_close_matches(value, list(choices), n=SHOWN, cutoff=0.6)
    if close:
        return f"unknown {kind} {value!r}; did you mean {' or '.join(close)}?"
    return f"unknown {kind} {value!r}; valid choices: {', '.join(choices) or 'none'}"


PAPERMILL_CELL = "# Parameters\n"  # how papermill's cell of the values it is given starts


def check_parameters(*parameters: str) -> None:
    """Stop with one line when a notebook was given a parameter it does not take (`papermill
    -p regoin guizhou`, an edited parameters cell): call it in the first cell after the cell
    tagged `parameters`, with the names that cell defines.

    papermill puts the values it is given in a cell of its own (starting `# Parameters`) right
    after the parameters cell, so the names that cell and the parameters cell before it assign
    (or the parameters cell alone, run in JupyterLab) are the parameters given; every one must
    be one of `parameters`. Outside IPython (no cells) there is nothing to check.
    """
    import sys

    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython else None
    if shell is None:
        return
    inputs = shell.user_ns.get("In", [])  # the cells run, this one last
    given: list[str] = []
    for source in reversed(inputs[:-1]):
        names = _assigned_names(source)
        if names is None:
            break
        given += names
        if not source.startswith(PAPERMILL_CELL):  # the notebook's own parameters cell
            break
    unknown = [name for name in dict.fromkeys(reversed(given)) if name not in parameters]
    if unknown:
        raise UnknownChoiceError(unknown_name("parameter", unknown[0], parameters))


def _assigned_names(source: str) -> list[str] | None:
    """The names a cell of plain assignments (`name = value`) assigns; None for any other."""
    import ast

    try:
        statements = ast.parse(source).body
    except SyntaxError:
        return None
    names = []
    for statement in statements:
        targets = (
            statement.targets
            if isinstance(statement, ast.Assign)
            else [statement.target]
            if isinstance(statement, ast.AnnAssign)
            else None
        )
        if targets is None or not all(isinstance(t, ast.Name) for t in targets):
            return None
        names += [t.id for t in targets]
    return names
