# plancompare: `make reports` renders every report, `make test` runs the whole suite.
# Both create .venv on first use (python3 -m venv) and install pinned dependencies once.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LAB_VENV := .venv-lab
LAB_STAMP := $(LAB_VENV)/.installed
PIP_FLAGS := --quiet --disable-pip-version-check

.PHONY: help setup git-filter data reports test test-fast lint lab lab-setup bench clean

help:
	@echo "make reports  set up, build the database, render every report into reports/"
	@echo "make test     set up, run the whole test suite"
	@echo "make test-fast  the suite without browser, lab and slow tests (under a minute)"
	@echo "make data     build data/processed/plans.duckdb only"
	@echo "make lab      JupyterLab on notebooks/ with the project's kernel (LAB_ARGS=... for more)"
	@echo "make lab-setup  build .venv-lab only (make lab and, in CI, make test do it too)"
	@echo "make bench    benchmarks, written to docs/benchmarks.md"
	@echo "make lint     ruff lint and format check, and the library's import layers"
	@echo "make clean    remove built data, reports and virtual environments"

setup: $(STAMP) git-filter

# Reinstalls only when the dependency pins or the project metadata change.
$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install $(PIP_FLAGS) -c requirements.lock -e '.[dev]'
	$(BIN)/python -m ipykernel install --sys-prefix --name plancompare \
		--display-name "Python (plancompare)" >/dev/null
	@touch $(STAMP)
	@echo "set up $(VENV) with the plancompare kernel"

# Outputs saved while exploring never reach git: .gitattributes sends every notebook through
# nbstripout on `git add` (and `git status`, `git diff`). The command is relative because git runs
# filters at the top of the worktree, so each clone or worktree uses its own .venv. Cell ids stay
# as committed; JupyterLab's language_info is dropped like the outputs.
NBSTRIPOUT := $(BIN)/python -m nbstripout --keep-id --extra-keys metadata.language_info

git-filter:
	@if git rev-parse --git-dir >/dev/null 2>&1; then \
		git config filter.nbstripout.clean '$(NBSTRIPOUT)' && \
		git config filter.nbstripout.smudge cat && \
		git config filter.nbstripout.required true && \
		git config diff.ipynb.textconv '$(NBSTRIPOUT) -t'; \
	fi

DB := data/processed/plans.duckdb
RAW_DATA := $(shell find data/raw -type f \( -name '*.csv' -o -name '*.txt' \))
# Every module of the library, in every subpackage: a change anywhere rebuilds the database (and
# the render, which keys each report on the code, re-renders what it touches).
LIBRARY := $(shell find lib/plancompare -type f -name '*.py')

# Rebuilt only when the curated data or any module of the library changed; a failed build keeps the old file
# (and its old timestamp), so the next run tries again.
$(DB): $(STAMP) $(RAW_DATA) $(LIBRARY)
	$(BIN)/plancompare build

data: $(DB)

# When a step fails make exits 2, whatever the step's own code (its last line names that code:
# "Error 75"): schedulers call .venv/bin/plancompare build, then render, to see the real codes.
reports: data
	$(BIN)/plancompare render

# CI also builds .venv-lab, so the JupyterLab smoke test (marker `lab`) never skips there.
test: setup $(if $(filter true,$(CI)),$(LAB_STAMP))
	$(BIN)/pytest

# While editing: no chromium, JupyterLab, kernels rendering reports, papermill or git clones.
test-fast: setup
	$(BIN)/pytest -m "not browser and not lab and not slow"

# ruff, then the library's layers (import-linter contracts in pyproject.toml).
lint: setup
	$(BIN)/ruff check lib tests bench
	$(BIN)/ruff format --check lib tests bench
	$(BIN)/lint-imports

# JupyterLab lives in its own venv: installed beside the kernel it makes every kernel start
# (and every report) about a second slower. It finds the project's kernel through JUPYTER_PATH.
$(LAB_STAMP): requirements.lock requirements-lab.lock
	@test -x $(LAB_VENV)/bin/python || $(PYTHON) -m venv $(LAB_VENV)
	$(LAB_VENV)/bin/pip install $(PIP_FLAGS) -c requirements.lock -c requirements-lab.lock jupyterlab
	@touch $(LAB_STAMP)

lab-setup: $(LAB_STAMP)

# Jupyter refuses to run as root without --allow-root (a container, a CI box): given only then.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)
LAB_ARGS ?=

lab: data git-filter $(LAB_STAMP)
	@echo "JupyterLab on notebooks/: open the http://127.0.0.1:PORT/lab?token=... URL printed below."
	@echo "Headless: make lab LAB_ARGS=\"--no-browser --port 8899\", then ssh -L 8899:localhost:8899 HOST."
	JUPYTER_PATH=$(CURDIR)/$(VENV)/share/jupyter $(LAB_VENV)/bin/jupyter lab notebooks/ \
		$(ALLOW_ROOT) $(LAB_ARGS)

bench: data
	$(BIN)/python bench/run.py

clean:
	rm -rf data/processed/*.duckdb data/processed/*.build.json data/processed/*.parquet \
		data/processed/*.csv
	find reports -mindepth 1 ! -name README.md -exec rm -rf {} +
	rm -rf $(VENV) $(LAB_VENV)
