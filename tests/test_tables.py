"""Report tables: unit conversions stated as the build applied them, text escaped."""

import polars as pl
import pytest
from plancompare import tables


def test_conversion_names_the_unit_the_number_was_read_in():
    frame = pl.DataFrame(
        {
            "target_raw": ["0.4万户", "22", "95%", None],
            "unit_in_source": ["户", "人/万人", "%", None],
            "unit": ["户", "人/千人", "%", "%"],
        }
    )
    assert tables.with_conversion(frame)["conversion"].to_list() == [
        "万户 → 户 ×10000",
        "人/万人 → 人/千人 ×0.1",
        "",
        "",
    ]


def test_conversion_matches_the_built_values(con):
    frame = tables.with_conversion(
        con.sql(
            "SELECT target_raw, unit_in_source, unit, target_value_in_source, target_value "
            "FROM targets WHERE target_value IS NOT NULL AND target_value_in_source <> 0"
        ).pl()
    )
    stated = frame.filter(pl.col("conversion") != "")
    assert stated.height > 0
    for row in stated.iter_rows(named=True):
        factor = float(row["conversion"].rsplit("×", 1)[1])
        assert row["target_value"] == pytest.approx(row["target_value_in_source"] * factor), row
    for row in frame.filter(pl.col("conversion") == "").iter_rows(named=True):
        assert row["target_value"] == row["target_value_in_source"], row


def test_table_escapes_curated_text_and_stops_at_max_rows():
    frame = pl.DataFrame({"quote": ["<script>x</script>"] * 3})
    page = tables.table(frame, {"quote": "quote"}, "en", max_rows=2).data
    assert "<script>x" not in page and "&lt;script&gt;x&lt;/script&gt;" in page
    assert page.count("<tr>") == 1 + 2 + 1 and "1 more rows not shown" in page
