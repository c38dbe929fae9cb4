"""What a notebook is, for deciding whether its reports must be rendered again."""

from __future__ import annotations

import json
from pathlib import Path

from plancompare.common.digest import values_sha256


def notebook_source_key(path: Path | str) -> str:
    """Hash of what a notebook computes: each cell's type, source and tags, in order.

    Outputs, execution counts, cell ids and metadata leave it unchanged, so a notebook that
    JupyterLab saved with outputs re-renders nothing.
    """
    notebook = json.loads(Path(path).read_text(encoding="utf-8"))
    cells = [
        {
            "cell_type": cell["cell_type"],
            "source": "".join(cell["source"]),
            "tags": sorted(cell.get("metadata", {}).get("tags", [])),
        }
        for cell in notebook["cells"]
    ]
    return values_sha256(cells)
