"""Where the project's data and database are: defaults, overridable by environment variables."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[3]


def default_data_dir() -> Path:
    return Path(os.environ.get("PLANCOMPARE_DATA", PROJECT_ROOT / "data" / "raw"))


def default_db_path() -> Path:
    return Path(
        os.environ.get("PLANCOMPARE_DB", PROJECT_ROOT / "data" / "processed" / "plans.duckdb")
    )
