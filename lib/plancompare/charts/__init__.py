"""Every figure in the suite, in one visual style.

Colours mean the same thing in every report (one fixed colour per region), hover text carries the
source quote, and a target's comparator is drawn as its marker: ▶ a floor (≥), ◀ a ceiling (≤),
● a point. Importing this package registers the `plancompare` plotly renderer, which emits each
figure both as plotly JSON (JupyterLab draws it) and as an HTML div that needs plotly.js on the page
(nbconvert keeps it; the report template loads plotly.js once from reports/assets/).

style: fonts, colours, template (the words are plancompare.i18n's); dumbbells: the baseline →
target mark; overview, profile, compare, national, outcomes: each report's figures; renderer: the
plotly renderer.
"""

from plancompare.charts import renderer  # noqa: F401  (registers the renderer on import)
from plancompare.charts.compare import compare_chart
from plancompare.charts.national import national_citation, national_path_chart
from plancompare.charts.outcomes import outcomes_chart
from plancompare.charts.overview import headline_chart, mix_chart, spread_chart
from plancompare.charts.profile import profile_chart, standing_chart
from plancompare.charts.style import REGION_COLOURS, region_colour

__all__ = [
    "REGION_COLOURS",
    "compare_chart",
    "headline_chart",
    "mix_chart",
    "national_citation",
    "national_path_chart",
    "outcomes_chart",
    "profile_chart",
    "region_colour",
    "spread_chart",
    "standing_chart",
]
