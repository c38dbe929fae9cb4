"""The offline HTML report site that `plancompare render` writes into reports/.

reports: which reports exist and the URL scheme; state: what each was last rendered from; files:
atomic writes and the lock; runner: executing notebooks into HTML; progress: what a run prints;
assets: plotly.js and the stylesheet, shipped once; pages: the landing page and the values of each
report's top bar; render: one run; cli: the command line;
extras: which of the site's own pages are current (_pages.json); sources: the plan texts, lines
anchored; dataset: the tables as CSV and Parquet with datapackage.json; method: sources and method.
"""
