"""Tables for a terminal: as wide as asked, figures whole, names wrapped rather than lost."""

import polars as pl
from plancompare.cli.terminal import display_width, format_table, wrap

FRAME = pl.DataFrame(
    {
        "indicator_id": ["childcare_places_per_1k", "nursing_bed_share"],
        "name_zh": ["每千人口拥有3岁以下婴幼儿托位数", "养老机构护理型床位占比"],
        "target_raw": ["4.5个/千人以上", "≥55%"],
        "line": [145, 97],
    }
)


def test_chinese_characters_take_two_columns():
    assert display_width("托位ab") == 6


def test_wrap_breaks_after_underscores_and_keeps_every_character():
    lines = wrap("childcare_places_per_1k", 12)
    assert lines == ["childcare_", "places_per_", "1k"]
    chinese = wrap("每千人口拥有3岁以下婴幼儿托位数", 9)
    assert "".join(chinese) == "每千人口拥有3岁以下婴幼儿托位数"
    assert all(display_width(line) <= 9 for line in chinese)


def test_a_narrow_table_wraps_names_but_never_figures():
    table = format_table(FRAME, "Indicators", 50, figures=["target_raw"], wrap_first=["name_zh"])
    lines = table.splitlines()
    assert lines[0] == "Indicators"
    assert all(display_width(line) <= 50 for line in lines)
    assert "4.5个/千人以上" in table and "≥55%" in table and "145" in table
    # every character of every name is still there, in order, over several lines
    names = [w for line in lines[3:] for w in line.split() if "一" <= w[0] <= "龥"]
    assert "".join(names) == "每千人口拥有3岁以下婴幼儿托位数养老机构护理型床位占比"
    assert len(lines) > 3 + FRAME.height


def test_a_wide_table_is_one_line_per_row_without_dtypes():
    lines = format_table(FRAME, "Indicators", 200).splitlines()
    assert len(lines) == 3 + FRAME.height
    assert not any(dtype in "\n".join(lines) for dtype in ("str", "i64"))
