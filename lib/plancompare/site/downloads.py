"""The rows behind a report's charts and tables, as CSV files beside its page.

In a notebook, plancompare.tables.download() carries a frame's CSV inside its link (a data: URI),
so the link works in JupyterLab and in a page opened on its own. A rendered page would then carry
its data twice and weigh several times more, so the renderer moves each CSV into a file of its
own, `<kind>/<slug>-<lang>/<name>.csv` next to the page, and points the link there.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

from plancompare.site.output import write_changed

_DATA_LINK = re.compile(
    r'download="(?P<name>[A-Za-z0-9._-]+\.csv)" '
    r'href="data:text/csv;charset=utf-8;base64,(?P<data>[A-Za-z0-9+/=]+)"'
)


def move_to_files(notebook, reports_dir: Path, page: str) -> list[str]:
    """Write every CSV carried by a download link in `notebook`'s outputs to a file beside
    `page` (a path relative to `reports_dir`) and link the file instead; the files' paths."""
    folder = page.removesuffix(".html")
    written = []

    def to_file(match: re.Match) -> str:
        name = match["name"]
        write_changed(reports_dir / folder / name, base64.b64decode(match["data"]))
        written.append(f"{folder}/{name}")
        return f'download="{name}" href="{Path(folder).name}/{name}"'

    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text/html" in data:
                text = data["text/html"]
                text = "".join(text) if isinstance(text, list) else text
                data["text/html"] = _DATA_LINK.sub(to_file, text)
    return written
