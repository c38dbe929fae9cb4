"""`plancompare render` says in one line what is wrong, with a documented exit code: 2 for a bad
selection, 66 for a missing or damaged database, 73 for a report folder it cannot write."""

from __future__ import annotations

import duckdb
import pytest
from plancompare import cli


def test_cli_exit_codes(real_db, tmp_path, capsys):
    def render_cli(*args):
        code = cli.main(["render", "--db", str(real_db), "--out", str(tmp_path), *args])
        return code, capsys.readouterr().err

    code, err = render_cli("--notebook", "04_nothing")
    assert code == 2 and "valid choices: 01_overview" in err
    code, err = render_cli("--notebook", "02", "--param", "region=Atlantis")
    assert code == 2 and "unknown region 'Atlantis'" in err
    code, err = render_cli("--notebook", "01", "--param", "region=xianning")
    assert code == 2 and "unknown parameter 'region'" in err
    code, err = render_cli("--notebook", "02", "--param", "regoin=guizhou")
    assert code == 2 and "unknown parameter 'regoin'; did you mean region?" in err
    code, err = render_cli("--param", "region")
    assert code == 2 and "is not key=value" in err
    code, err = render_cli("--notebooks", str(tmp_path / "mine"), "--notebook", "02")
    assert code == 2 and "has no 02_region_profile.ipynb" in err


def test_unusable_database_says_how_to_rebuild(real_db, tmp_path, capsys):
    truncated = tmp_path / "truncated.duckdb"
    truncated.write_bytes(real_db.read_bytes()[:5000])
    not_duckdb = tmp_path / "notes.duckdb"
    not_duckdb.write_text("not a database")
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()  # a DuckDB file without the suite's tables
    for db in (truncated, not_duckdb, empty, tmp_path / "missing.duckdb"):
        out = tmp_path / f"out-{db.stem}"
        code = cli.main(["render", "--db", str(db), "--out", str(out), "--notebook", "01"])
        err = capsys.readouterr().err
        assert code == 66, err
        assert str(db) in err and "plancompare build" in err and len(err.splitlines()) == 1
        assert not out.exists()  # stopped before taking the lock or starting a kernel


def test_unwritable_report_folder_is_one_line(real_db, tmp_path, capsys):
    # As root permissions are not enforced: a regular file where a folder must go fails for all.
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder")
    for out in (blocker / "reports", blocker):
        code = cli.main(["render", "--db", str(real_db), "--out", str(out), "--notebook", "01"])
        err = capsys.readouterr().err
        assert code == 73, err
        assert f"cannot write the report folder {out}" in err and len(err.splitlines()) == 1


def test_an_unwritable_file_inside_the_report_folder_is_one_line(real_db, tmp_path, capsys):
    out = tmp_path / "reports"
    out.mkdir()
    (out / "assets").write_text("a file where the assets folder goes")
    code = cli.main(["render", "--db", str(real_db), "--out", str(out), "--notebook", "01"])
    err = capsys.readouterr().err
    assert code == 73, err
    assert f"cannot write {out / 'assets'}" in err and len(err.splitlines()) == 1
    # The lock was released: the next run fails the same way, not with "busy" (75).
    assert cli.main(["render", "--db", str(real_db), "--out", str(out), "--notebook", "01"]) == 73


def test_help_lists_every_exit_code(capsys):
    with pytest.raises(SystemExit):
        cli.main(["render", "--help"])
    listed = capsys.readouterr().out.split("exit codes:")[1]
    codes = [line.split()[0] for line in listed.splitlines() if line[:6].strip().isdigit()]
    assert codes == ["0", "1", "2", "66", "73", "75", "130", "143"]
