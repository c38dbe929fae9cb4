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
        ("引进2至3所", [("2至3", "所", "")]),
        ("新建两到三所幼儿园", [("两到三所", "所", "")]),
        ("建設二至三個中心", [("二至三個", "個", "")]),
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


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("到 2025 年底, 全面消除現有義務教育階段大班額。", "到 2025 年底"),
        ("2025 年縣級綜合醫院全部達到二級甲等及以上水平", "2025 年"),
        ("到2022年,县级特困供养服务机构全部达到国家三级养老机构标准", "到2022年"),
        ("到2025年,县以上公益性公墓实现全覆盖", "到2025年"),
        ("到2025年底,基本完成老年人家庭适老化改造", "到2025年底"),
        ("2025年底前全面建成", "2025年底前"),
    ],
)
def test_a_deadline_that_sets_an_end_state_in_words_is_a_candidate(text, figure):
    [found] = find_in_line(text, 1)
    assert (found.figure, found.number, found.deadline) == (
        figure,
        int(figure.strip("到年底前 ")),
        True,
    )


@pytest.mark.parametrize(
    "text",
    [
        "到2025年,公共服务水平明显提高。全面推进改革",  # the end-state word is in the next sentence
        "2020年,全市实现全覆盖",  # a 十三五 result, not a deadline
        "（2021-2025年）全面实施",  # a span of years
        "到2025年,人均体育场地面积达到2.6平方米",  # a figure: its own candidate, no deadline
    ],
)
def test_other_years_are_no_commitment_in_words(text):
    assert not [c for c in find_in_line(text, 1) if c.deadline]


def test_known_curated_figures_are_found_and_years_are_not():
    minqin = find((SOURCES / "minqin.txt").read_text(encoding="utf-8"))
    assert "1.8" in [c.figure for c in minqin if c.line == 84]
    xianning = find((SOURCES / "xianning.txt").read_text(encoding="utf-8"))
    assert ("2.5", "平方米") in [(c.figure, c.unit) for c in xianning if c.line == 189]
    for region in ("minqin", "xianning", "dayao", "guizhou", "wuzhong"):
        found = find((SOURCES / f"{region}.txt").read_text(encoding="utf-8"))
        assert found, region
        assert not [c for c in found if c.figure in {"2020", "2025"}], region
        assert all(c.deadline for c in found if c.number in {2025, 2022}), region


def test_real_data_accounts_for_every_candidate():
    # Fails until curators fill data/raw/excluded/<region_id>.csv.
    result = validate(paths.PROJECT_ROOT / "data" / "raw")
    assert {r: len(c) for r, c in result.unaccounted.items() if c} == {}
