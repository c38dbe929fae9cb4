"""Chinese text helpers: traditional→simplified (OpenCC) and ASCII slugs (pypinyin)."""

from __future__ import annotations

import re
from functools import cache, lru_cache

import opencc


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def traditional_forms(text: str) -> list[str]:
    """`text` in traditional characters as OpenCC's standard and as Taiwan writes it (they
    differ: 牀/床), for matching what a reader types."""
    return list(dict.fromkeys(_converter(c).convert(text) for c in ("s2t", "s2tw"))) if text else []


def pinyin_forms(text: str) -> list[str]:
    """Ways a reader types `text` in pinyin: "xianningshi" and its initials "xns"."""
    from pypinyin import lazy_pinyin  # 0.3 s to import: only when a page needs it

    words = [w for w in lazy_pinyin(to_simplified(text)) if w.strip()]
    return ["".join(words).lower(), "".join(w[0] for w in words).lower()]


@lru_cache(maxsize=65_536)
def to_simplified(text: str) -> str:
    """Simplified-character form of `text` (unchanged when it is already simplified)."""
    return _converter("t2s").convert(text) if text else text


def slugify(text: str) -> str:
    """Readable ASCII slug: pinyin for Chinese, lowercase, only [a-z0-9-]. Never empty."""
    if text.isascii():  # ids are ASCII already: no need to pay for pypinyin
        words = [text]
    else:
        from pypinyin import lazy_pinyin  # 0.3 s to import: only the renderer needs it

        words = lazy_pinyin(to_simplified(text))
    slug = re.sub(r"[^a-z0-9]+", "-", "-".join(words).lower()).strip("-")
    return slug or "x"
