"""The cell parser and unit conversions."""

import csv

import pytest
from plancompare.common import paths
from plancompare.ingest import layout
from plancompare.ingest.values import (
    CellParseError,
    UnitConversionError,
    conversion_factor,
    parse_cell,
)


@pytest.mark.parametrize(
    ("raw", "number", "comparator", "cumulative", "unit"),
    [
        ("95.03%", 95.03, "=", False, "%"),
        ("≥55%", 55, ">=", False, "%"),
        (">95%", 95, ">", False, "%"),
        ("[1.86]", 1.86, "=", True, None),
        ("[≤4.2]", 4.2, "<=", True, None),
        ("[ 1.58 ]", 1.58, "=", True, None),
        ("1*", 1, "=", True, None),
        ("2.2*", 2.2, "=", True, None),
        ("0.4万户", 0.4, "=", False, "万户"),
        ("85%以上", 85, ">=", False, "%"),
        ("不少于0.1平方米", 0.1, ">=", False, "平方米"),
        ("至少1名", 1, ">=", False, "名"),
        ("<15", 15, "<", False, None),
        ("控制在4.5%以内", 4.5, "<=", False, "%"),
        ("4.2%以內", 4.2, "<=", False, "%"),  # traditional 內
        ("不低於50%", 50, ">=", False, "%"),  # traditional 於
        ("５５％", 55, "=", False, "%"),  # full-width digits and sign
        ("1450张以上", 1450, ">=", False, "张"),
        ("至少建成一所", 1, ">=", False, "所"),
        ("至少有1家", 1, ">=", False, "家"),  # xianning per-township standards (line 147)
        ("至少要建立1所", 1, ">=", False, "所"),
        ("至少设立1个", 1, ">=", False, "个"),
        ("至少建设1处", 1, ">=", False, "处"),
        ("不超过全县适龄幼儿的10%", 10, "<=", False, "%"),
        ("12.5 萬套(戶)", 12.5, "=", False, "万套(户)"),
        ("300萬人左右", 300, "=", False, "万人"),
        ("约1000万张", 1000, "=", False, "万张"),
        ("大于90%", 90, ">", False, "%"),
        ("more than 4.7", 4.7, ">", False, None),
        ("原則上至少辦好一所", 1, ">=", False, "所"),  # a hedge before the figure
        ("至少观看2次", 2, ">=", False, "次"),  # a verb between 至少 and the figure
        ("力争达到2.0平方米", 2.0, "=", False, "平方米"),
        ("確保不低於90%", 90, ">=", False, "%"),  # any hedge word of the lexicon
        ("基本达到95%", 95, "=", False, "%"),
        ("至少建成两座", 2, ">=", False, "座"),  # any measure word the candidate finder knows
    ],
)
def test_number_forms(raw, number, comparator, cumulative, unit):
    value = parse_cell(raw)
    assert value.number == pytest.approx(number)
    assert (value.comparator, value.cumulative, value.unit) == (comparator, cumulative, unit)
    assert value.raw == raw


@pytest.mark.parametrize(
    ("raw", "low", "high", "unit", "cumulative"),
    [
        ("1-2所", 1, 2, "所", False),
        ("2至3所", 2, 3, "所", False),
        ("3—4个", 3, 4, "个", False),
        ("1～2", 1, 2, None, False),  # full-width tilde
        ("1~2", 1, 2, None, False),
        ("1－2所", 1, 2, "所", False),  # full-width hyphen
        ("1–2个", 1, 2, "个", False),  # en dash
        ("两到三所", 2, 3, "所", False),
        ("二至三个", 2, 3, "个", False),
        ("兩到三個", 2, 3, "个", False),  # traditional script
        ("1%-2%", 1, 2, "%", False),  # the unit on both ends
        ("[1-2]", 1, 2, None, True),
        ("原则上办好1-2所", 1, 2, "所", False),  # a hedge and a verb before it
        ("1-2所左右", 1, 2, "所", False),
        ("0.5-1.5万人", 0.5, 1.5, "万人", False),
    ],
)
def test_range_forms_give_both_bounds(raw, low, high, unit, cumulative):
    value = parse_cell(raw)
    assert (value.number, value.high, value.bounds) == (low, high, (low, high))
    assert (value.comparator, value.unit, value.cumulative) == ("between", unit, cumulative)


@pytest.mark.parametrize(
    ("raw", "bounds"),
    [
        ("95%", (95, 95)),
        ("≥95%", (95, None)),
        (">95%", (95, None)),
        ("控制在5%以内", (None, 5)),
        ("应保尽保", (None, None)),
    ],
)
def test_bounds_of_a_single_figure_follow_its_comparator(raw, bounds):
    assert parse_cell(raw).bounds == bounds


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("3-2所", "not below its high end"),
        ("2-2所", "not below its high end"),
        ("1个-2所", "different units"),
        ("≥1-2所", "cannot also be a bound"),
        ("1-2所以上", "cannot also be a bound"),
    ],
)
def test_a_bad_range_says_what_is_wrong(raw, why):
    with pytest.raises(CellParseError, match=why):
        parse_cell(raw)


@pytest.mark.parametrize("raw", ["—", "-", "--", "——"])
def test_dashes_mean_no_figure(raw):
    value = parse_cell(raw)
    assert value.not_applicable and value.number is None and value.qualitative is None


@pytest.mark.parametrize(
    ("raw", "label"),
    [
        ("应保尽保", "应保尽保"),
        ("應保盡保", "应保尽保"),
        ("全覆蓋", "全覆盖"),
        ("动态清零", "动态清零"),
    ],
)
def test_qualitative_labels_are_simplified(raw, label):
    value = parse_cell(raw)
    assert value.qualitative == label and value.number is None


def test_empty_cell_is_not_stated():
    value = parse_cell("")
    assert value.number is None and value.qualitative is None and not value.not_applicable


@pytest.mark.parametrize(
    "raw", ["abc", "9..5%", "[应保尽保]", "≥>5", "55%以上以下", "≥5以下", "万余人"]
)
def test_unreadable_cells_raise(raw):
    with pytest.raises(CellParseError, match="cannot read|contradictory"):
        parse_cell(raw)


def test_every_curated_cell_parses():
    for path in layout.target_files(paths.PROJECT_ROOT / "data" / "raw"):
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                for column in ("baseline_raw", "target_raw"):
                    parse_cell(row[column])  # raises on anything unreadable


@pytest.mark.parametrize(
    ("source", "target", "factor"),
    [
        ("张/万人", "张/千人", 0.1),
        ("人/万人", "人/千人", 0.1),
        ("‰", "%", 0.1),
        ("%", "‰", 10),
        ("万户", "户", 10_000),
        ("万人", "人", 10_000),
        ("", "%", 1),
        ("张", "张/千人", 1),
        ("(%)", "%", 1),
        ("㎡", "平方米", 1),
        ("萬套(戶)", "套", 10_000),
        ("万张", "张", 10_000),
        ("万次", "次/万人", 10_000),
    ],
)
def test_conversion_factors(source, target, factor):
    assert conversion_factor(source, target) == pytest.approx(factor)


# People (人) and person-times (人次) are different counts: neither converts into the other.
@pytest.mark.parametrize(
    ("source", "target"),
    [("万人次", "万人"), ("人", "万人次"), ("人", "人次"), ("户", "%"), ("张/千人", "张")],
)
def test_unknown_conversions_raise(source, target):
    with pytest.raises(UnitConversionError, match="no conversion"):
        conversion_factor(source, target)


@pytest.mark.parametrize(
    ("raw", "bare"),
    [
        ("5.5", True),
        ("[2.7]", True),
        ("95%", True),
        ("17万人", True),
        ("2.6平方米", True),
        ("1*", True),
        ("≤4.2", False),
        ("[≤4.2]", False),
        ("95%以上", False),
        ("達到95%", False),
        ("控制在4.2%以内", False),
        ("力争2.0平方米", False),
    ],
)
def test_a_bare_figure_has_no_word_before_or_after_it(raw, bare):
    assert parse_cell(raw).bare is bare


def test_a_fraction_is_a_share_read_as_a_percentage():
    value = parse_cell("不少于1/3")  # dayao l.1589: 国产新片比例不少于1/3
    assert (value.comparator, value.unit) == (">=", "%")
    assert value.number == pytest.approx(100 / 3)
    assert parse_cell("1/4").number == 25
    assert parse_cell("4.5个/千人").number == 4.5  # a unit with a slash is not a fraction


@pytest.mark.parametrize("raw", ["1/3人", "1/0"])
def test_a_fraction_with_a_unit_or_over_zero_is_refused(raw):
    with pytest.raises(CellParseError):
        parse_cell(raw)
