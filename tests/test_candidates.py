"""The candidate finder lists every target-like quantity and ignores dates, numbering and money."""

import pytest
from plancompare.common import paths
from plancompare.ingest.candidates import find, find_in_line
from plancompare.ingest.validate import validate

SOURCES = paths.PROJECT_ROOT / "data" / "raw" / "sources"


def figures(text):
    return [(c.figure, c.unit, c.comparator) for c in find_in_line(text, 1)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("建成２ 個以上示范点", [("２", "個", "以上")]),
        ("新增两所幼儿园和一所特校", [("两所", "所", ""), ("一所", "所", "")]),
        ("每个乡镇1-2所", [("1-2", "所", "")]),
        ("婴儿死亡率控制在5‰以内", [("5‰以内", "‰", "控制在 以内")]),
        ("毛入园率达到95%以上", [("95%以上", "%", "以上")]),
        ("城鎮新增就業 300 萬人左右", [("300 萬", "人", "左右")]),
        ("新增就业1.58万人以上", [("1.58万", "人", "以上")]),
        ("[1.86] | 2.5平方米", [("[1.86]", "", ""), ("2.5", "平方米", "")]),
    ],
)
def test_finds_quantities_as_written(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "到2025年底，2022年6月16日印发",
        "“十四五”时期，十三五期间",
        "一、总体要求",
        "（一）幼有所育",
        "1. 托育服务",
        "第三章 专栏1 表2",
        "投资3.5亿元，补贴2万元",
        "电话0935-1234567，12333热线",
        "甘政办发〔2022〕12号",
        "3岁以下婴幼儿",
    ],
)
def test_ignores_dates_numbering_money_phones(text):
    assert figures(text) == []


def test_known_curated_figures_are_found_and_years_are_not():
    minqin = find((SOURCES / "minqin.txt").read_text(encoding="utf-8"))
    assert "1.8" in [c.figure for c in minqin if c.line == 84]
    xianning = find((SOURCES / "xianning.txt").read_text(encoding="utf-8"))
    assert ("2.5", "平方米") in [(c.figure, c.unit) for c in xianning if c.line == 189]
    for region in ("minqin", "xianning", "dayao", "guizhou", "wuzhong"):
        found = find((SOURCES / f"{region}.txt").read_text(encoding="utf-8"))
        assert found, region
        assert not [c for c in found if c.figure in {"2020", "2025"}], region


def test_real_data_accounts_for_every_candidate():
    # Fails until curators fill data/raw/excluded/<region_id>.csv.
    result = validate(paths.PROJECT_ROOT / "data" / "raw")
    assert {r: len(c) for r, c in result.unaccounted.items() if c} == {}
