"""`plancompare render` names what is wrong with a selection and exits 2."""

from __future__ import annotations

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
    code, err = render_cli("--param", "region")
    assert code == 2 and "is not key=value" in err
