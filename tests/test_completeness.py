"""Completeness keyed by statement: each candidate is (line, number, occurrence), and a target or
ledger row accounts for exactly the one it is written as, so one curated row can no longer hide
a second statement of the same number on its line."""

import csv

from conftest import append_to_source, write_csv
from plancompare.ingest import layout
from plancompare.ingest.candidates import find_in_line
from plancompare.ingest.completeness import unaccounted
from plancompare.ingest.validate import validate

# Line 4 of plan a once this is appended: two statements of 95%, one of them a 十三五 result.
TWO_STATEMENTS = "十三五期间入园率达到95%,到2025年,普惠率达到95%。\n"


def _target(**cells) -> dict:
    row = dict.fromkeys(layout.TARGET_COLUMNS, "")
    row.update({"baseline_line": None, "target_year": "2025", **cells})
    return row


def _left(text: str, targets: list[dict], ledger: list[dict]) -> list[tuple]:
    candidates = find_in_line(text, 1)
    return [(c.figure, c.occurrence) for c in unaccounted(candidates, targets, ledger, [text])]


def test_two_statements_of_one_number_on_a_line_are_two_candidates():
    found = find_in_line(TWO_STATEMENTS, 4)
    assert [(c.figure, c.identity) for c in found] == [("95%", (4, 95, 1)), ("95%", (4, 95, 2))]


def test_a_target_row_accounts_only_for_the_statement_in_its_quote():
    text = TWO_STATEMENTS.strip()
    target = _target(line=1, target_raw="95%", quote="普惠率达到95%")
    assert _left(text, [target], []) == [("95%", 1)]


def test_a_ledger_row_accounts_for_one_statement_and_a_second_row_for_the_next():
    text = TWO_STATEMENTS.strip()
    row = {"line": 1, "figure": "95%", "reason": "background_statistic", "note": "十三五"}
    assert _left(text, [], [row]) == [("95%", 2)]
    assert _left(text, [], [row, {**row, "reason": "restatement"}]) == []


def test_a_ledger_figure_written_with_its_words_names_its_statement():
    text = TWO_STATEMENTS.strip()
    row = {"line": 1, "figure": "普惠率达到95%", "reason": "restatement", "note": "x"}
    assert _left(text, [], [row]) == [("95%", 1)]


def test_a_target_and_its_baseline_on_one_line_account_for_two_statements():
    text = "| 入学率(%) | 100 | 100 | 约束性 |"
    target = _target(line=1, baseline_raw="100", target_raw="100", quote=text)
    assert _left(text, [target], []) == []
    assert len(_left(text, [_target(line=1, target_raw="100", quote=text)], [])) == 1


def test_a_target_in_words_accounts_for_its_deadline():
    text = "到2022年,县级机构全部达到国家三级养老机构标准。"
    [deadline] = find_in_line(text, 1)
    assert (deadline.figure, deadline.number, deadline.deadline) == ("到2022年", 2022, True)
    target = _target(
        line=1, target_raw="全部达到国家三级养老机构标准", target_year="2022", quote=text
    )
    assert _left(text, [target], []) == []
    # A target of another year is another commitment: the deadline stays unaccounted.
    assert _left(text, [{**target, "target_year": "2025"}], []) == [("到2022年", 1)]


def test_a_figure_row_does_not_account_for_a_deadline_in_words():
    text = "到2025年,实现持证率达到100%,全面消除大班额。"
    target = _target(line=1, target_raw="100%", quote=text)
    assert _left(text, [target], []) == [("到2025年", 1)]


def test_strict_validation_finds_the_second_statement_a_curated_row_hid(mini_data):
    source = append_to_source(mini_data, "a.txt", TWO_STATEMENTS)
    path = mini_data / "targets" / "a.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    rows[1].update(line="4", target_raw="95%", quote="普惠率达到95%")
    write_csv(path, layout.TARGET_COLUMNS, [[r[c] for c in layout.TARGET_COLUMNS] for r in rows])
    # The 55%以上 of line 3 is no longer curated; ledger it, and line 4's first 95% is left.
    (mini_data / "excluded").mkdir()
    ledger = mini_data / "excluded" / "a.csv"
    write_csv(ledger, layout.LEDGER_COLUMNS, [["3", "55%以上", "restatement", "moved"]])
    result = validate(mini_data)
    assert [(c.line, c.figure, c.occurrence) for c in result.unaccounted["a"]] == [(4, "95%", 1)]
    assert any(f"{source}:4:-: unaccounted candidate '95%'" in str(p) for p in result.problems)
    write_csv(
        ledger,
        layout.LEDGER_COLUMNS,
        [["3", "55%以上", "restatement", "moved"], ["4", "95%", "background_statistic", "十三五"]],
    )
    assert validate(mini_data).ok
