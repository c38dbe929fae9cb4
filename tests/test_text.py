"""Traditional→simplified conversion and report slugs."""

import pytest
from plancompare.text import slugify, to_simplified


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
