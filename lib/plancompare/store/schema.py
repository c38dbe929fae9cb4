"""The database's tables and their columns."""

from __future__ import annotations

# Bump when tables, columns or views change (query.connect refuses a database of another).
SCHEMA_VERSION = 3
