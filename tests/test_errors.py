"""Every error a person can cause has one root and its documented exit code."""

from __future__ import annotations

import pytest
from plancompare.cli.main import EPILOG
from plancompare.common.errors import EXIT_CODES, PlancompareError
from plancompare.common.names import UnknownChoiceError
from plancompare.ingest.csvfile import InputError
from plancompare.ingest.values import CellParseError, UnitConversionError
from plancompare.site.errors import LockedError, RenderError
from plancompare.store.build import BuildError
from plancompare.store.database import (
    DatabaseDamagedError,
    DatabaseLockedError,
    DatabaseMissingError,
    DatabaseOutdatedError,
)


@pytest.mark.parametrize(
    "kind, code",
    [
        (UnknownChoiceError, 2),
        (RenderError, 2),
        (InputError, 1),
        (CellParseError, 1),
        (UnitConversionError, 1),
        (BuildError, 1),
        (DatabaseMissingError, 66),
        (DatabaseDamagedError, 66),
        (DatabaseOutdatedError, 66),
        (DatabaseLockedError, 75),
        (LockedError, 75),
    ],
)
def test_each_error_has_one_root_and_a_documented_exit_code(kind, code):
    assert issubclass(kind, PlancompareError)
    assert kind.exit_code == code
    assert code in EXIT_CODES


def test_help_lists_every_exit_code_once():
    listed = [line.split()[0] for line in EPILOG.splitlines()[1:] if line[:6].strip().isdigit()]
    assert listed == [str(code) for code in EXIT_CODES]
