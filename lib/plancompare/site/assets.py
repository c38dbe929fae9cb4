"""Files the site ships beside its pages."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path


def ship_plotly_js(reports_dir: Path) -> None:
    """plotly.js once per site, from the installed plotly package (no CDN)."""
    # Located without importing plotly: a no-op render should not pay for it.
    package = Path(importlib.util.find_spec("plotly").submodule_search_locations[0])
    source = package / "package_data" / "plotly.min.js"
    target = reports_dir / "assets" / "plotly.min.js"
    if not target.is_file() or target.stat().st_size != source.stat().st_size:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
