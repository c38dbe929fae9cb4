"""Every label and sentence exists in each report language; numbers read plainly."""

from __future__ import annotations

import re

import polars as pl
import pytest
from plancompare import i18n
from plancompare.common.names import UnknownChoiceError
from plancompare.i18n import plain_number


def test_unknown_language_lists_choices():
    with pytest.raises(UnknownChoiceError, match="unknown lang 'fr'; valid choices: zh, en"):
        i18n.labels("fr")


def test_every_report_language_has_labels():
    assert set(i18n.LABELS) == set(i18n.LANGS)


def test_every_comparison_enum_value_has_a_label_in_both_languages(con):
    frame = con.sql("SELECT ask, vs_national, measure, period FROM comparison").pl()
    # Every reason left_out_for can give, whether or not the curated data gives it today.
    macro = con.sql(
        "SELECT macro_definition FROM duckdb_functions() WHERE function_name = 'left_out_for'"
    ).fetchall()[0][0]
    reasons = pl.DataFrame({"reason": sorted(set(re.findall(r"THEN \(?'([^']+)'", macro)))})
    assert reasons.height >= 8
    for lang in ("zh", "en"):
        for column in frame.columns:
            for value in frame[column].unique():
                assert value in i18n.ENUM_LABELS[lang][column], (lang, column, value)
        for reason in reasons["reason"]:
            assert reason in i18n.ENUM_LABELS[lang]["reason"], (lang, reason)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (125000.0, "125,000"),
        (1.8, "1.8"),
        (0.1 + 0.2, "0.3"),
        (-0.0, "0"),
        (1e-7, "0.0000001"),
        (12345678.5, "12,345,678.5"),
    ],
)
def test_plain_number_is_never_scientific(value, text):
    assert plain_number(value) == text
