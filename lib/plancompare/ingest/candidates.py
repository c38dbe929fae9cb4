"""Every target-like quantity in a plan's text, so curation can show it missed none.

A candidate is
- a number written in digits (ASCII or full-width, decimals, thousands commas, a range such as
  1-2, spaces before its unit as in "2 個以上"), with or without a unit; or
- a Chinese numeral (一 二 两 三 … 十 百 千 万) directly followed by a measure word (一所, 两个,
  三張), not preceded by 每 or 第, or a range of two (两到三所, 二至三个); or
- a commitment in words: a deadline (到2025年, 到2025年底, 2025年 or 2025年底前, a year from
  2021 on, not inside a span of years) followed in its sentence (up to 。；;) by a word that sets
  an end state: 基本完成, 全面, 全覆盖, 实现, 全部达到, or 达到…标准. Its `figure` is the deadline
  phrase as written ("到 2025 年底") and its number the year, so a ledger row can name it.
A candidate's identity is (line, number, occurrence): `occurrence` counts the candidates holding
the same number on that line (1 the first), so two statements of one number on one line are two
candidates. Its `figure` is written as in the text: brackets or *, the number, 万/亿, % or ‰, a
comparator directly after % or ‰ ("95%以上", "[1.86]", "1.58万", "两所"); `unit` is the
word after the number (人, 万人次, 平方米, 所 …, as written); `comparator` the words around it
(以上 以内 以下 左右 不低于 不少于 至少 力争 控制在 不超过 超过 低于 ≥ ≤ …). Numerals,
measure words and comparator words are plancompare.ingest.lexicon's. Both scripts are read:
text is folded to simplified, half-width characters for matching only.

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
from dataclasses import dataclass, replace

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
    rf"|(?<![每第{NUMERALS}])[{NUMERALS}]+(?:\s*[-~—–至到]\s*[{NUMERALS}]+)?"
    rf"(?=\s*[{MEASURE_WORDS}]))"
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
# Commitments in words (matched on folded text): the deadline, and an end-state word after it in
# the same sentence.
_DEADLINE = re.compile(
    r"(?<![\d\-—–~至到])(?:[到至]\s*)?(?P<year>20(?:2[1-9]|3\d))\s*年\s*(?:[底末]\s*)?(?:前)?"
)
_END_STATE = re.compile(r"基本完成|全面|全覆盖|实现|全部达到|达到[^，。；,;]{0,30}标准")
_SENTENCE_END = re.compile(r"[。；;]")
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
    number: float  # the first number of the figure (a deadline's year), to match curated cells
    start: int = 0  # 0-based position of the figure on its line
    occurrence: int = 1  # among the candidates of the same number on the line, 1 the first
    deadline: bool = False  # a commitment in words, named by its deadline phrase

    @property
    def identity(self) -> tuple[int, float, int]:
        return self.line, self.number, self.occurrence

    @property
    def end(self) -> int:
        return self.start + len(self.figure)


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
                start=start,
            )
        )
    found += _commitments_in_words(text, folded, number)
    found.sort(key=lambda c: c.start)
    seen: dict[float, int] = {}
    for i, candidate in enumerate(found):
        seen[candidate.number] = seen.get(candidate.number, 0) + 1
        found[i] = replace(candidate, occurrence=seen[candidate.number])
    return found


def _commitments_in_words(text: str, folded: str, number: int) -> list[Candidate]:
    """The deadlines on a line whose sentence goes on to set an end state in words."""
    found = []
    for match in _DEADLINE.finditer(folded):
        sentence_end = _SENTENCE_END.search(folded, match.end())
        rest = folded[match.end() : sentence_end.start() if sentence_end else len(folded)]
        if not _END_STATE.search(rest):
            continue
        start, figure = match.start(), text[match.start() : match.end()].rstrip()
        end = start + len(figure)
        found.append(
            Candidate(
                line=number,
                figure=figure,
                unit="",
                comparator="",
                context=text[max(0, start - _CONTEXT) : min(len(text), end + 2 * _CONTEXT)].strip(),
                number=float(match.group("year")),
                start=start,
                deadline=True,
            )
        )
    return found


def deadline_year(figure: str) -> int | None:
    """The year of a deadline phrase written alone ("到 2025 年底"), or None."""
    match = _DEADLINE.fullmatch(fold(figure).strip())
    return int(match.group("year")) if match else None


def _chinese_value(numeral: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20, 三百 → 300, 两到三 → 2 (a range's low end); good enough for
    the counts plans write."""
    numeral = re.split(r"\s*[-~—–至到]", numeral)[0]
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
