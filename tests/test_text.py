"""Traditional→simplified conversion and report slugs."""

import pytest
from plancompare.common.text import pinyin_forms, slugify, to_simplified, traditional_forms


def test_to_simplified():
    assert to_simplified("貴州省「十四五」公共服務規劃") == "贵州省「十四五」公共服务规划"
    assert to_simplified("咸宁市") == "咸宁市"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("咸宁市", "xian-ning-shi"),
        ("貴州省", "gui-zhou-sheng"),
        ("nursing_bed_share", "nursing-bed-share"),
        ("../../etc/passwd", "etc-passwd"),
        ("<script>", "script"),
        ("", "x"),
    ],
)
def test_slugify_is_ascii_and_path_safe(text, slug):
    assert slugify(text) == slug


def test_traditional_forms_include_the_taiwan_spelling():
    forms = traditional_forms("护理型床位")
    assert "護理型床位" in forms and "護理型牀位" in forms
    assert traditional_forms("") == []


def test_pinyin_forms_full_and_initials():
    assert pinyin_forms("咸宁市") == ["xianningshi", "xns"]
    assert pinyin_forms("貴州省") == ["guizhousheng", "gzs"]
