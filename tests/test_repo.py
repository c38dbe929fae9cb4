"""Repository hygiene: git stores notebooks without outputs; conda and pip agree on packages."""

import json
import re
import subprocess
import tomllib
from pathlib import Path

import pytest
from plancompare.common import paths

ROOT = paths.PROJECT_ROOT


def git(*args: str, cwd: Path = ROOT) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True, encoding="utf-8"
    ).stdout


def stored_code_cells(path: str, cwd: Path = ROOT) -> list[dict]:
    """The code cells of a notebook as git stores it in the index (what the next commit holds),
    whatever JupyterLab saved into the working file."""
    notebook = json.loads(git("show", f":{path}", cwd=cwd))
    return [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]


def test_notebooks_are_stored_without_outputs():
    paths = git("ls-files", "notebooks/*.ipynb").split()
    assert len(paths) == 3
    for path in paths:
        for cell in stored_code_cells(path):
            assert not cell["outputs"] and cell["execution_count"] is None, path


def test_git_sends_notebooks_through_nbstripout():
    attributes = git("check-attr", "filter", "diff", "--", "notebooks/02_region_profile.ipynb")
    assert "filter: nbstripout" in attributes and "diff: ipynb" in attributes


def save_with_outputs(path: Path) -> None:
    """What JupyterLab's autosave does to a notebook that was run."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    notebook["metadata"]["language_info"] = {"name": "python", "version": "3.11.2"}
    for n, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] == "code":
            cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["42\n"]}]
            cell["execution_count"] = n
    path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False), encoding="utf-8")


def assert_git_stores_no_outputs(clone: Path) -> None:
    """git sees no change in the notebooks; `git add` stores none, after which `git status` is
    clean. (Before it, git status may list a notebook whose file size changed: git trusts a size
    change without running the filter. `git diff` shows nothing.)"""
    git("diff", "--no-textconv", "--exit-code", "notebooks/", cwd=clone)
    git("add", "notebooks/", cwd=clone)
    assert git("status", "--porcelain", "notebooks/", cwd=clone) == ""
    for path in git("ls-files", "notebooks/*.ipynb", cwd=clone).split():
        for cell in stored_code_cells(path, cwd=clone):
            assert not cell["outputs"] and cell["execution_count"] is None, path


def test_outputs_saved_while_exploring_never_reach_git(repo_clone):
    path = repo_clone / "notebooks" / "02_region_profile.ipynb"
    save_with_outputs(path)
    assert_git_stores_no_outputs(repo_clone)
    # the analyst keeps the outputs in the working file
    assert "42" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "path",
    [
        "notebooks/.ipynb_checkpoints/02_region_profile-checkpoint.ipynb",
        "out.ipynb",
        "notebooks/profile.out.ipynb",
    ],
)
def test_scratch_notebooks_are_ignored(path):
    assert git("check-ignore", "--no-index", path).strip() == path


def _names(specs):
    return {re.split(r"[<>=!~\[ ;]", spec, maxsplit=1)[0].lower() for spec in specs}


def test_environment_yml_mirrors_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = _names(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        wanted |= _names(extra)
    conda = set()
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    for line in text.split("dependencies:", 1)[1].splitlines():
        match = re.match(r"^\s+- (?!pip:)([A-Za-z0-9_.-]+)\s*$", line)
        if match:
            conda.add(match.group(1).lower())
    conda -= {"python", "pip"}
    assert conda == wanted


def test_lock_file_pins_every_runtime_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pinned = {
        line.split("==")[0].lower().replace("_", "-")
        for line in (ROOT / "requirements.lock").read_text().splitlines()
        if "==" in line
    }
    assert {n.replace("_", "-") for n in _names(project["dependencies"])} <= pinned
