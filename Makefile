# plancompare: `make reports` renders every report, `make test` runs the whole suite.
# Both create .venv on first use (python3 -m venv) and install pinned dependencies once.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LAB_VENV := .venv-lab
LAB_STAMP := $(LAB_VENV)/.installed
PIP_FLAGS := --quiet --disable-pip-version-check

.PHONY: help setup data reports test lint lab bench clean

help:
	@echo "make reports  set up, build the database, render every report into reports/"
	@echo "make test     set up, run the whole test suite"
	@echo "make data     build data/processed/plans.duckdb only"
	@echo "make lab      JupyterLab on notebooks/ with the project's kernel"
	@echo "make bench    benchmarks, written to docs/benchmarks.md"
	@echo "make lint     ruff lint and format check"
	@echo "make clean    remove built data, reports and virtual environments"

setup: $(STAMP)

# Reinstalls only when the dependency pins or the project metadata change.
$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install $(PIP_FLAGS) -c requirements.lock -e '.[dev]'
	$(BIN)/python -m ipykernel install --sys-prefix --name plancompare \
		--display-name "Python (plancompare)" >/dev/null
	@touch $(STAMP)
	@echo "set up $(VENV) with the plancompare kernel"

DB := data/processed/plans.duckdb
RAW_DATA := $(shell find data/raw -type f \( -name '*.csv' -o -name '*.txt' \))

# Rebuilt only when the curated data or the library changed; a failed build keeps the old file
# (and its old timestamp), so the next run tries again.
$(DB): $(STAMP) $(RAW_DATA) $(wildcard lib/plancompare/*.py)
	$(BIN)/plancompare build

data: $(DB)

reports: data
	$(BIN)/plancompare render

test: setup
	$(BIN)/pytest

lint: setup
	$(BIN)/ruff check lib tests bench
	$(BIN)/ruff format --check lib tests bench

# JupyterLab lives in its own venv: installed beside the kernel it makes every kernel start
# (and every report) about a second slower. It finds the project's kernel through JUPYTER_PATH.
$(LAB_STAMP): requirements.lock requirements-lab.lock
	@test -x $(LAB_VENV)/bin/python || $(PYTHON) -m venv $(LAB_VENV)
	$(LAB_VENV)/bin/pip install $(PIP_FLAGS) -c requirements.lock -c requirements-lab.lock jupyterlab
	@touch $(LAB_STAMP)

lab: data $(LAB_STAMP)
	JUPYTER_PATH=$(CURDIR)/$(VENV)/share/jupyter $(LAB_VENV)/bin/jupyter lab notebooks/

bench: data
	$(BIN)/python bench/run.py

clean:
	rm -rf data/processed/*.duckdb data/processed/*.build.json data/processed/*.parquet \
		data/processed/*.csv
	find reports -mindepth 1 ! -name README.md -exec rm -rf {} +
	rm -rf $(VENV) $(LAB_VENV)
