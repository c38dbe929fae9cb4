"""Files the site ships once beside its pages: plotly.js, the site's stylesheet and script."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

STYLESHEET = Path(__file__).parents[1] / "templates" / "assets" / "plancompare.css"
SCRIPT = STYLESHEET.with_name("plancompare.js")


def _ship(source: Path, target: Path) -> None:
    if not target.is_file() or target.read_bytes() != source.read_bytes():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


def ship_assets(reports_dir: Path) -> None:
    """plotly.js (from the installed plotly package, no CDN), the stylesheet and the script,
    once per site."""
    # Located without importing plotly: a no-op render should not pay for it.
    package = Path(importlib.util.find_spec("plotly").submodule_search_locations[0])
    plotly_js = reports_dir / "assets" / "plotly.min.js"
    source = package / "package_data" / "plotly.min.js"
    # 4.8 MB: compared by size, not content, on every run.
    if not plotly_js.is_file() or plotly_js.stat().st_size != source.stat().st_size:
        plotly_js.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, plotly_js)
    for shipped in (STYLESHEET, SCRIPT):
        _ship(shipped, reports_dir / "assets" / shipped.name)
