"""The plan texts in the site: reports/sources/<region_id>.html, every line numbered and an
anchor (#L101) that a report's quote links to; the line arrived at is highlighted."""

from __future__ import annotations

import functools
from pathlib import Path

from plancompare import query
from plancompare.common.digest import values_sha256
from plancompare.ingest import checksums, layout
from plancompare.site.errors import RenderError
from plancompare.site.extras import SitePage
from plancompare.site.output import write_changed
from plancompare.site.pages import render_template
from plancompare.sitemap import source_path

FOLDER = "sources"


def data_dir_of(info: dict[str, str]) -> Path:
    """The curated data the database was built from (its plan texts are not in the database)."""
    data_dir = Path(info.get("data_dir", ""))
    if not (data_dir / "sources").is_dir():
        raise RenderError(
            f"the plan texts the database was built from are not in {data_dir}/sources: "
            "rebuild the database from the data folder that holds them (plancompare build)"
        )
    return data_dir


def pages(con, info: dict[str, str], code: str) -> list[SitePage]:
    """One page per region, current while its text, its regions row and the code are unchanged."""
    data_dir = data_dir_of(info)
    sums = checksums.read_sums(data_dir / checksums.SUMS_FILE)
    found = []
    for region in query.regions(con).to_dicts():
        text = (data_dir / region["source_file"]).read_bytes()
        recorded = sums.get(region["source_file"], (0, ""))[1]
        found.append(
            SitePage(
                name=source_path(region["region_id"]),
                files=(source_path(region["region_id"]),),
                key=values_sha256(code, region, recorded, text),
                write=functools.partial(_write, region, text, recorded),
            )
        )
    return found


def source_html(region: dict, text: bytes, sha256: str) -> str:
    # Split as validation does (plancompare.ingest.validate): line N here is line N of every quote.
    lines = text.decode("utf-8-sig").split("\n")
    wrapper = {
        n
        for first, last in layout.line_ranges(region["wrapper_lines"] or "")
        for n in range(first, last + 1)
    }
    return render_template(
        "source.html.j2", region=region, lines=lines, sha256=sha256, wrapper=wrapper
    )


def _write(region: dict, text: bytes, sha256: str, reports_dir: Path) -> None:
    write_changed(reports_dir / source_path(region["region_id"]), source_html(region, text, sha256))
