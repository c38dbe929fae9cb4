"""The words plans write around a figure, each listed once with what it means: Chinese numerals,
measure words, comparator words before and after a figure, verbs between a comparator and its
figure, and hedge words. The cell parser (values), the candidate finder (candidates), the
comparison model's hedges and "keep at" words and the English pages (i18n) take these words from
here.

Words are simplified: the parser and the finder fold text to simplified first. Only the hedge
patterns match either script, because the comparison model reads quotes as written.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# Chinese numerals: the digits, and the scales that multiply what stands before them (三百 = 300).
NUMERAL_DIGITS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
NUMERAL_SCALES = {"十": 10, "百": 100, "千": 1_000, "万": 10_000}
NUMERALS = "".join([*NUMERAL_DIGITS, *NUMERAL_SCALES])
# A count a cell writes as one character (一所 … 十所). Not 百, 千 or 万 alone: in prose they are
# parts of words (千家万户, 每万人), which would read as 1,000 households or 10,000 people.
ONE_CHARACTER_COUNTS = {**NUMERAL_DIGITS, "十": NUMERAL_SCALES["十"]}

# A character numeral is a count only when a measure word follows it (一所, 两个), not in 一点二.
MEASURE_WORDS = "个张所人户套家座辆床项名支类处条次种部台册件块场间门只位"

# Words meaning "keep at" (保持100%): a point, and, to the comparison model, a target that keeps
# its own level when the plan states no baseline. Written alike in both scripts.
KEEP_AT = ("保持在", "保持")

# Comparator words and symbols written before a figure, and the comparator each means
# (不低于90% is >= 90).
COMPARATORS_BEFORE = {
    "不低于": ">=",
    "不少于": ">=",
    "至少": ">=",
    "超过": ">",
    "高于": ">",
    "大于": ">",
    "不高于": "<=",
    "不超过": "<=",
    "不多于": "<=",
    "控制在": "<=",
    "低于": "<",
    "小于": "<",
    "达到": "=",
    **dict.fromkeys(KEEP_AT, "="),
    "约": "=",
    # English-language reports (China Daily) quoted in data/raw/reference/.
    "more than": ">",
    ">=": ">=",
    "≥": ">=",
    "≧": ">=",
    ">": ">",
    "<=": "<=",
    "≤": "<=",
    "≦": "<=",
    "<": "<",
    "=": "=",
}
# Comparator words written after a figure and its unit (90%以上 is >= 90).
COMPARATORS_AFTER = {
    "及以上": ">=",
    "以上": ">=",
    "以内": "<=",
    "以下": "<=",
    "左右": "=",
}
# What the candidate finder shows as the comparator before a figure: the words that bound it
# (not 达到, 保持(在) or 约, which introduce most figures in prose without bounding them), and 力争,
# the hedge the curated plans most often write right before a figure (力争达到…).
FINDER_COMPARATORS_BEFORE = (*(w for w, c in COMPARATORS_BEFORE.items() if c != "="), "力争")
# Words that may stand between a comparator and its figure: a verb (至少建成一所).
VERBS_BEFORE_FIGURE = "建成 办好 建有 建设 配备 达到 组织 观看 设立 要建立 要办 有".split()


class Hedge(NamedTuple):
    pattern: str  # regex matching the word in either script, only where it hedges
    english: str  # its English gloss, shown beside the word on English pages


# The plans' hedge words, softening or strengthening a statement, keyed by their simplified form.
# 约 hedges only before a figure (not 约束性, 节约), 基本 only before a verb of achievement (not
# 基本公共服务, 基本养老保险).
HEDGES = {
    "力争": Hedge(r"力[争爭]", "strive to"),
    "争取": Hedge(r"(?<![力])[争爭]取", "aim to"),
    "确保": Hedge(r"[确確]保", "ensure"),
    "原则上": Hedge(r"原[则則]上", "in principle"),
    "左右": Hedge(r"左右", "about"),
    "力求": Hedge(r"力求", "strive for"),
    "约": Hedge(r"[约約](?=\s*[为為占]?\s*[\d０-９])", "about"),
    "基本": Hedge(
        r"基本(?=[实實][现現]|[达達]到|建成|[覆][盖蓋]|形成|消除|[满滿]足|完成|普及|健全|全[覆])",
        "basically",
    ),
}
# Any hedge word, as one regex.
HEDGE = "|".join(f"(?:{hedge.pattern})" for hedge in HEDGES.values())
# 左右 and 约 qualify the one figure they stand by; the other hedge words may head a clause list
# (力争到2025年，A…，B…) and govern every item of it. Those, as one regex.
FIGURE_HEDGES = ("左右", "约")
HEAD_HEDGE = "|".join(f"(?:{h.pattern})" for w, h in HEDGES.items() if w not in FIGURE_HEDGES)


def alternation(words) -> str:
    """A regex matching any of `words`, longest first so 不低于 wins over 低于."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
