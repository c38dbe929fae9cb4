"""The `plancompare` plotly renderer, registered as the default when this module is imported."""

from __future__ import annotations

import plotly.io as pio
from plotly.io._base_renderers import MimetypeRenderer


class ReportRenderer(MimetypeRenderer):
    """Plotly JSON for JupyterLab plus an HTML div for nbconvert. The div expects plotly.js on
    the page, so a report carries plotly.js once instead of 4.8 MB per figure."""

    def to_mimebundle(self, fig_dict):
        config = {"displaylogo": False, "responsive": True}
        # The figure was validated when built; validating again would double the cost.
        div = pio.to_html(
            fig_dict, full_html=False, include_plotlyjs=False, config=config, validate=False
        )
        if (fig_dict.get("layout", {}).get("meta") or {}).get("long_labels"):
            # On a phone such a chart keeps room for its labels and scrolls sideways instead.
            div = f'<div class="long-labels">{div}</div>'
        return {
            "application/vnd.plotly.v1+json": {
                "data": fig_dict.get("data", []),
                "layout": fig_dict.get("layout", {}),
                "config": config,
            },
            "text/html": div,
        }


pio.renderers["plancompare"] = ReportRenderer()
pio.renderers.default = "plancompare"
