"""A rendered report links the rows behind its tables as CSV files beside the page, instead of
carrying them inside the page."""

from __future__ import annotations

import csv
import io

import nbformat
import polars as pl
from plancompare import tables
from plancompare.site.downloads import move_to_files


def _notebook_with(*links: str):
    cell = nbformat.v4.new_code_cell("")
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={"text/html": link}) for link in links
    ]
    return nbformat.v4.new_notebook(cells=[cell])


def test_each_csv_moves_to_a_file_beside_the_page_and_the_link_follows(tmp_path):
    frame = pl.DataFrame({"region_id": ["xianning", "dayao"], "target_raw": ["≥55%", "60%"]})
    notebook = _notebook_with(
        tables.download(frame, "rows", "zh").data, tables.download(frame.head(1), "one", "zh").data
    )
    written = move_to_files(notebook, tmp_path, "region_profile/xianning-zh.html")

    assert written == ["region_profile/xianning-zh/rows.csv", "region_profile/xianning-zh/one.csv"]
    text = (tmp_path / written[0]).read_text(encoding="utf-8-sig")
    assert list(csv.DictReader(io.StringIO(text))) == frame.to_dicts()
    html = "".join(o["data"]["text/html"] for o in notebook.cells[0].outputs)
    assert "data:text/csv" not in html
    # The page is region_profile/xianning-zh.html: its files are one folder further down.
    assert 'download="rows.csv" href="xianning-zh/rows.csv"' in html


def test_outputs_without_a_download_are_left_alone(tmp_path):
    notebook = _notebook_with("<p>data:text/csv is only text here</p>")
    assert move_to_files(notebook, tmp_path, "overview/en.html") == []
    assert notebook.cells[0].outputs[0]["data"]["text/html"] == (
        "<p>data:text/csv is only text here</p>"
    )
