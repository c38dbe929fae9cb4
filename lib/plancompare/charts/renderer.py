"""The `plancompare` plotly renderer, registered as the default when this module is imported."""

from __future__ import annotations

import html

import plotly.io as pio
from plotly.io._base_renderers import MimetypeRenderer

from plancompare.i18n import LICENCE_URL, sentence

# Nothing leaves the reader's machine: no "Share chart…" upload to Plotly Cloud, no link to
# plotly.com. The toolbar's own image button is replaced by the figure's PNG/SVG buttons, whose
# image carries the title, the sources and the licence (assets/plancompare.js).
CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "showSendToCloud": False,
    "modeBarButtonsToRemove": [
        "sendDataToCloud",
        "sendChartToCloud",
        "toImage",
        "lasso2d",
        "select2d",
    ],
}


def figure_html(div: str, chart: dict) -> str:
    """A figure a reader can take away: an anchor to itself, its sources and licence, and
    buttons that download it as PNG or SVG (with title, sources and licence drawn in)."""
    lang, anchor = chart["lang"], f"chart-{html.escape(chart['id'])}"
    sources, licence = html.escape(chart["sources"]), html.escape(chart["licence"])
    buttons = "".join(
        f'<button type="button" data-image="{kind}">{kind.upper()}</button>'
        for kind in ("png", "svg")
    )
    return (
        f'<figure class="chart" id="{anchor}">'
        f"{div}<figcaption>"
        f'<span class="chart-sources">{sources}</span> · '
        f'<a class="chart-licence" rel="license" href="{LICENCE_URL}">{licence}</a>'
        f'<span class="chart-tools"><a class="chart-anchor" href="#{anchor}">'
        f"{html.escape(sentence('chart_link', lang))}</a>"
        f'<span class="chart-download">{html.escape(sentence("chart_download", lang))}: '
        f"{buttons}</span></span></figcaption></figure>"
    )


class ReportRenderer(MimetypeRenderer):
    """Plotly JSON for JupyterLab plus an HTML div for nbconvert. The div expects plotly.js on
    the page, so a report carries plotly.js once instead of 4.8 MB per figure."""

    def to_mimebundle(self, fig_dict):
        # What a figure says about taking it away becomes its HTML: plotly.js needs none of it.
        meta = fig_dict.get("layout", {}).get("meta") or {}
        if "chart" in meta:
            rest = {k: v for k, v in meta.items() if k != "chart"}
            layout = {k: v for k, v in fig_dict["layout"].items() if k != "meta"}
            fig_dict = {**fig_dict, "layout": {**layout, **({"meta": rest} if rest else {})}}
        # The figure was validated when built; validating again would double the cost.
        div = pio.to_html(
            fig_dict, full_html=False, include_plotlyjs=False, config=CONFIG, validate=False
        )
        if meta.get("chart"):
            div = figure_html(div, meta["chart"])
        return {
            "application/vnd.plotly.v1+json": {
                "data": fig_dict.get("data", []),
                "layout": fig_dict.get("layout", {}),
                "config": CONFIG,
            },
            "text/html": div,
        }


pio.renderers["plancompare"] = ReportRenderer()
pio.renderers.default = "plancompare"
