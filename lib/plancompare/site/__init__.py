"""The offline HTML report site that `plancompare render` writes into reports/.

reports: which reports exist (the URL scheme itself is plancompare.sitemap); state: what each
was last rendered from; notebooks: what a notebook computes, for its reports' keys; output: the
report folder's lock, and failed writes named; runner: executing notebooks into HTML; progress:
what a run prints; assets: plotly.js, the stylesheet and the script, shipped once; pages: the
landing pages (index.html, index-en.html) and the values of each report's top bar; indicators:
the pages of indicators one plan states, from a template; values: the values grid; render: one
run; outcome: what it says of each report; leftovers: what a killed run left; unchanged: the
no-op fast path; downloads: the CSV files beside a page; extras: which of the site's own pages
are current; sources: the plan texts, lines anchored; dataset: the tables as CSV and Parquet
with datapackage.json; method: sources and method; reads: what each report read of the data,
replayed when only the data changed; stale: the banner on a page whose last render failed;
errors: what stops a render. The render's own files (state, keys) live in the report folder's
`.plancompare/`.
"""
