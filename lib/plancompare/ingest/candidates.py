"""Every target-like quantity in a plan's text, so curation can show it missed none.

A candidate is
- a number written in digits (ASCII or full-width, decimals, thousands commas, a range such as
  1-2, spaces before its unit as in "2 個以上"), with or without a unit; or
- a Chinese numeral (一 二 两 三 … 十 百 千 万) directly followed by a measure word (一所, 两个,
  三張), not preceded by 每 or 第.
Its `figure` is written as in the text: brackets or *, the number, 万/亿, % or ‰, a comparator
directly after % or ‰ ("95%以上", "[1.86]", "1.58万", "两所"); `unit` is the word after the
number (人, 万人次, 平方米, 所 …, as written); `comparator` the words around it (以上 以内 以下 左右
不低于 不少于 至少 力争 控制在 不超过 超过 低于 ≥ ≤ …). Numerals, measure words and comparator
words are plancompare.ingest.lexicon's. Both scripts are read: text is folded to simplified,
half-width characters for matching only.

Ignored automatically (never candidates):
- dates and years: 2020年, 2025年底, 2022年6月16日, 6月16日, 2021-2025年, a bare 1949–2035, and
  plan periods 十三五 / 十四五 (also written “十四”五);
- numbering: page numbers after the dot leaders of a table of contents;
  一、 (一) （1） 1. 1、 at the start of a line, 第三章 第N条, 专栏1, 表1, 图1, 附件1;
  table row numbers (a small integer cell before the name cell of a pipe table, or a line holding
  only an integer after the 属性/约束性/预期性 cell of a one-cell-per-line table);
- money: any figure in 元 (元, 万元, 亿元);
- phone numbers (0xxx-xxxxxxx, mobile numbers, 12xxx hotlines) and document numbers (〔2022〕12号,
  N号);
- names with Latin letters (5G, 4A级);
- the age bracket of a group (3岁以下婴幼儿, 65岁以上老年人).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from plancompare.common.text import to_simplified
from plancompare.ingest.lexicon import (
    COMPARATORS_AFTER,
    FINDER_COMPARATORS_BEFORE,
    MEASURE_WORDS,
    NUMERAL_DIGITS,
    NUMERAL_SCALES,
    NUMERALS,
    alternation,
)

# Longest first: 万人次 before 万人 before 人.
UNITS = (
    "个百分点 百分点 万人次 人次 万人 万户 万套 万个 万张 万元 亿元 千元 元 "
    "平方公里 平方米 公里 米 ㎡ m2 个月 小时 分钟 岁 年 个 张 所 人 户 套 家 座 辆 床 项 名 "
    "支 类 批 处 条 次 种 部 台 册 "
    "件 块 场 天 倍 篇 本 亩 公顷 周 级 间 门 只 位 万 亿"
).split()

_unit = "|".join(re.escape(u) for u in UNITS)
_pre = alternation(FINDER_COMPARATORS_BEFORE)
_post = alternation(COMPARATORS_AFTER)
_FIGURE = re.compile(
    rf"(?:(?P<pre>{_pre})(?:达到|达|到|在|为)?\s*)?"
    rf"(?P<open>[\[【]\s*)?"
    rf"(?P<number>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?(?:\s*[-~～—–至]\s*\d+(?:\.\d+)?)?"
    rf"|(?<![每第{NUMERALS}])[{NUMERALS}]+(?=\s*[{MEASURE_WORDS}]))"
    rf"(?P<magnitude>\s*[万亿](?![元]))?"
    rf"(?P<sign>\s*[%‰])?"
    rf"(?P<unit>\s*(?:{_unit}))?"
    rf"(?P<post>{_post})?"
    rf"(?P<close>\s*[\]】]|\*)?"
)
_IGNORED = [
    re.compile(p)
    for p in (
        r"(?:19|20)\d{2}\s*(?:[-—–~至]\s*(?:19|20)?\d{2,4}\s*)?年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?",
        r"(?<![\d.])\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?",
        r"(?:19|20)\d{2}[-/.]\d{1,2}(?:[-/.]\d{1,2})?",
        r"十[二三四五]\s*[”\"]?\s*五|十[二三四五][”\"]五",
        r"^\s*[(（]?[一二三四五六七八九十]+[)）、.]",
        r"^\s*[(（]?\d+[)）、.](?!\d)",
        r"[(（][一二三四五六七八九十\d]+[)）]",
        rf"第[{NUMERALS}\d]+[章节条款部分篇项批]",
        r"(?:专栏|表|图|附件)\s*\d+",
        r"[〔\[【(（]\s*\d{4}\s*[〕\]】)）]\s*\d+\s*号|\d+\s*号",
        r"\d{3,4}\s*-\s*\d{7,8}|(?<!\d)1[3-9]\d{9}(?!\d)|(?<![\d.])12\d{3}(?![\d.])",
        r"\d+[a-zA-Z]",
        r"[…·.]{2,}\s*\d+\s*$",
        r"\d+\s*岁以[上下](?=[\u4e00-\u9fff])(?!的)",
    )
]
_BARE_YEAR = re.compile(r"(?:19[5-9]\d|20[0-3]\d)")
_ATTRIBUTE_CELLS = {"属性", "指标属性", "约束性", "预期性", "序号"}
_CONTEXT = 15


@dataclass(frozen=True)
class Candidate:
    line: int  # 1-based
    figure: str  # as written
    unit: str
    comparator: str
    context: str
    number: float  # the first number of the figure, for matching against curated cells


def fold(text: str) -> str:
    """Half-width, simplified text with the same length as `text`, so offsets carry over."""
    chars = [unicodedata.normalize("NFKC", c) for c in text]
    text = "".join(n if len(n) == 1 else c for n, c in zip(chars, text, strict=True))
    simplified = to_simplified(text)
    if len(simplified) == len(text):
        return simplified
    return "".join(s if len(s := to_simplified(c)) == 1 else c for c in text)


def _number(digits: str) -> float:
    """The value of a figure written in digits (`_FIGURE` makes it start with one)."""
    return float(re.match(r"\d[\d,]*(?:\.\d+)?", digits).group().replace(",", ""))


def _table_row_number(folded: str, start: int, end: int, previous: str) -> bool:
    if folded.strip().isdigit():
        return previous.strip() in _ATTRIBUTE_CELLS
    if "|" not in folded:
        return False
    cells = [c.strip() for c in folded.strip().strip("|").split("|")]
    index = folded[:start].count("|") - folded.lstrip().startswith("|")
    return (
        index <= 1
        and index + 1 < len(cells)
        and cells[index] == folded[start:end].strip()
        and cells[index].isdigit()
        and not re.match(r"[\d\[【<>≥≤.%-]", cells[index + 1] or "0")
    )


def find_in_line(text: str, number: int, previous: str = "") -> list[Candidate]:
    """Candidates on one source line (`previous` is the last non-empty line before it)."""
    folded = fold(text)
    ignored = [False] * len(folded)
    for pattern in _IGNORED:
        for match in pattern.finditer(folded):
            ignored[match.start() : match.end()] = [True] * (match.end() - match.start())
    found = []
    for match in _FIGURE.finditer(folded):
        start = match.start("open") if match.group("open") else match.start("number")
        if any(ignored[match.start("number") : match.end("number")]):
            continue
        unit = (match.group("unit") or "").strip()
        sign = (match.group("sign") or "").strip()
        magnitude = match.group("magnitude") or ""
        if unit in {"元", "万元", "亿元", "千元"}:
            continue
        digits = match.group("number")
        if not unit and not sign and not magnitude and _BARE_YEAR.fullmatch(digits):
            continue
        if _table_row_number(folded, match.start("number"), match.end("number"), previous):
            continue
        chinese = not digits[0].isdigit()
        end = match.end("magnitude") if magnitude else match.end("number")
        if sign:
            end = match.end("sign")
        if chinese and unit:
            end = match.end("unit")
        if match.group("post") and (sign or chinese):
            end = match.end("post")
        if match.group("close"):
            end = match.end("close")
        lo, hi = max(0, start - _CONTEXT), min(len(text), end + _CONTEXT)
        found.append(
            Candidate(
                line=number,
                figure=text[start:end].strip(),
                unit=sign or text[match.start("unit") : match.end("unit")].strip(),
                comparator=" ".join(
                    text[match.start(g) : match.end(g)] for g in ("pre", "post") if match.group(g)
                ),
                context=text[lo:hi].strip(),
                number=_number(digits) if not chinese else float(_chinese_value(digits)),
            )
        )
    return found


def _chinese_value(numeral: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20, 三百 → 300; good enough for the counts plans write."""
    total, current = 0, 0
    for char in numeral:
        if char in NUMERAL_SCALES:
            total += (current or 1) * NUMERAL_SCALES[char]
            current = 0
        else:
            current = NUMERAL_DIGITS.get(char, 0)
    return total + current


def find(text: str) -> list[Candidate]:
    """Every candidate in a plan's text, in reading order."""
    found: list[Candidate] = []
    previous = ""
    for number, line in enumerate(text.split("\n"), 1):
        found.extend(find_in_line(line, number, fold(previous)))
        if line.strip():
            previous = line
    return found
