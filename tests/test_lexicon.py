"""The lexicon: what its words mean, and that its hedge patterns find each word in either script."""

import re

import pytest
from plancompare.common.text import to_simplified, traditional_forms
from plancompare.ingest.lexicon import (
    COMPARATORS_AFTER,
    COMPARATORS_BEFORE,
    FINDER_COMPARATORS_BEFORE,
    HEDGE,
    HEDGES,
    NUMERAL_DIGITS,
    NUMERAL_SCALES,
    ONE_CHARACTER_COUNTS,
    alternation,
)
from plancompare.ingest.values import COMPARATORS


def test_every_comparator_word_means_a_comparator_a_value_holds():
    assert {*COMPARATORS_BEFORE.values(), *COMPARATORS_AFTER.values()} <= set(COMPARATORS)


def test_the_finder_shows_the_words_that_bound_a_figure_and_li_zheng():
    assert "不低于" in FINDER_COMPARATORS_BEFORE and "≤" in FINDER_COMPARATORS_BEFORE
    assert "达到" not in FINDER_COMPARATORS_BEFORE and "约" not in FINDER_COMPARATORS_BEFORE
    assert "力争" in FINDER_COMPARATORS_BEFORE


def test_one_character_counts_are_one_to_ten():
    assert sorted(set(ONE_CHARACTER_COUNTS.values())) == list(range(1, 11))
    assert set(ONE_CHARACTER_COUNTS) <= {*NUMERAL_DIGITS, *NUMERAL_SCALES}


@pytest.mark.parametrize("word", HEDGES)
def test_each_hedge_is_keyed_simplified_and_found_in_either_script(word):
    assert to_simplified(word) == word
    after = {"约": "95%", "基本": "实现全覆盖"}.get(word, "达到95%")
    for form in (word, *traditional_forms(word)):
        assert re.match(HEDGES[word].pattern, form + after).group(0) == form
        assert re.match(HEDGE, form + after).group(0) == form


def test_alternation_tries_the_longest_word_first():
    assert re.match(alternation(["低于", "不低于"]), "不低于5").group(0) == "不低于"
