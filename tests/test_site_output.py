"""Writing into the report folder: one run at a time."""

from __future__ import annotations

import fcntl

import pytest
from plancompare import cli
from plancompare.site.errors import LockedError
from plancompare.site.output import LOCK_FILE
from plancompare.site.render import render


def test_one_run_at_a_time(real_db, tmp_path, capsys):
    with (tmp_path / LOCK_FILE).open("a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(LockedError, match="another render is running"):
            render(tmp_path, real_db, notebook="01", langs=["zh"])
        code = cli.main(
            ["render", "--db", str(real_db), "--out", str(tmp_path), "--notebook", "01"]
        )
        assert code == 75 and "try again" in capsys.readouterr().err
