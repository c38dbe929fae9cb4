"""Name matching: exact names resolve, near misses say what was meant, in one short line."""

import pytest
from plancompare.common.names import SHOWN, UnknownChoiceError, resolve

REGIONS = [
    ("xianning", "咸宁市", "Xianning City"),
    ("guizhou", "贵州省", "Guizhou Province"),
    ("dayao", "大姚县", "Dayao County"),
]
INDICATORS = [
    ("childcare_places_per_1k", "每千人口拥有3岁以下婴幼儿托位数", "Childcare places per 1,000"),
    ("nursing_bed_share", "养老机构护理型床位占比", "Share of nursing-type beds"),
    ("hospital_beds_per_1k", "每千人口医疗卫生机构床位数", "Hospital beds per 1,000"),
    ("nursing_bed_share", "养老机构护理型床位占比", "Share of nursing-type beds", "护理型床位比例"),
]


def region(value):
    return resolve("region", value, REGIONS, "plancompare regions")


def indicator(value):
    return resolve("indicator", value, INDICATORS, "plancompare indicators", unique_substring=True)


@pytest.mark.parametrize("value", ["xianning", "咸宁市", "鹹寧市", " XIANNING city "])
def test_exact_names_resolve(value):
    assert region(value) == "xianning"


def test_an_alias_resolves_to_its_indicator():
    assert indicator("護理型床位比例") == "nursing_bed_share"


@pytest.mark.parametrize("value", ["托位", "托位數", "tuowei", "childcare"])
def test_a_part_of_one_indicator_name_resolves_to_it(value):
    assert indicator(value) == "childcare_places_per_1k"


@pytest.mark.parametrize("value", ["咸宁", "鹹寧", "xianningshi", "Xianning Cty", "xiannig"])
def test_a_near_miss_region_says_did_you_mean(value):
    with pytest.raises(UnknownChoiceError) as error:
        region(value)
    assert str(error.value) == (
        f"unknown region {value!r}; did you mean xianning (咸宁市, Xianning City)?"
    )


def test_a_part_of_several_indicator_names_lists_them():
    with pytest.raises(UnknownChoiceError) as error:
        indicator("床位")
    message = str(error.value)
    assert message.startswith("unknown indicator '床位'; did you mean one of these 2: ")
    assert "nursing_bed_share (养老机构护理型床位占比)" in message
    assert "hospital_beds_per_1k (每千人口医疗卫生机构床位数)" in message
    assert "childcare" not in message and "\n" not in message


def test_nothing_close_lists_the_choices():
    with pytest.raises(UnknownChoiceError, match=r"^unknown region 'Atlantis'; valid choices: "):
        region("Atlantis")


def test_a_long_list_of_choices_is_cut_short():
    rows = [(f"indicator_{i:03}", f"指标{i}", None) for i in range(SHOWN + 30)]
    with pytest.raises(UnknownChoiceError) as error:
        resolve("indicator", "Atlantis", rows, "plancompare indicators")
    message = str(error.value)
    assert f"indicator_{SHOWN - 1:03}" in message and f"indicator_{SHOWN:03}" not in message
    assert message.endswith("… and 30 more: `plancompare indicators`")


def test_ipython_shows_the_message_instead_of_a_traceback():
    error = UnknownChoiceError("unknown region 'x'; valid choices: a")
    assert error._render_traceback_() == [
        "UnknownChoiceError: unknown region 'x'; valid choices: a"
    ]
