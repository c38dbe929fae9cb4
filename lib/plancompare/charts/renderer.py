"""The `plancompare` plotly renderer, registered as the default when this module is imported."""

from __future__ import annotations

import plotly.io as pio
from plotly.io._base_renderers import MimetypeRenderer


class ReportRenderer(MimetypeRenderer):
    """Plotly JSON for JupyterLab plus an HTML div for nbconvert. The div expects plotly.js on
    the page, so a report carries plotly.js once instead of 4.8 MB per figure."""

    def to_mimebundle(self, fig_dict):
        config = {"displaylogo": False, "responsive": True}
        return {
            "application/vnd.plotly.v1+json": {
                "data": fig_dict.get("data", []),
                "layout": fig_dict.get("layout", {}),
                "config": config,
            },
            # The figure was validated when built; validating again would double the cost.
            "text/html": pio.to_html(
                fig_dict, full_html=False, include_plotlyjs=False, config=config, validate=False
            ),
        }


pio.renderers["plancompare"] = ReportRenderer()
pio.renderers.default = "plancompare"
