"""Chinese text helpers: traditional→simplified (OpenCC) and ASCII slugs (pypinyin)."""

from __future__ import annotations

import re
from functools import cache, lru_cache

import opencc


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65_536)
def to_simplified(text: str) -> str:
    """Simplified-character form of `text` (unchanged when it is already simplified)."""
    return _t2s().convert(text) if text else text


def slugify(text: str) -> str:
    """Readable ASCII slug: pinyin for Chinese, lowercase, only [a-z0-9-]. Never empty."""
    from pypinyin import lazy_pinyin  # 0.3 s to import: only the renderer needs it

    words = lazy_pinyin(to_simplified(text))
    slug = re.sub(r"[^a-z0-9]+", "-", "-".join(words).lower()).strip("-")
    return slug or "x"
