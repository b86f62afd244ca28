"""A subscript of three small letters that no line uses as positions is a label, part of the
name (`a_{pre}`, `a_{out}`), not three indices, and the name's numbered layer beside it
(`a_1`) a name of its own (`tests/markdown/short_word_labels.md`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from documents import read_well, slipped

from symbn.language.latex.texlex import tokenize
from symbn.language.latex.wordnames import script_labels

DOC = (Path(__file__).parents[2] / "markdown" / "short_word_labels.md").read_text(encoding="utf-8")


def test_short_words_under_a_name_are_its_labels():
    context = read_well(DOC)
    assert 'a_pre = { shape = [], latex = "a_{pre}" }' in context
    assert "[indices]\n\n" in context  # p, r, e, o, u, t: no index letters
    assert 'a1 = { shape = [], latex = "a_{1}" }' in context


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("= a_{pre}$", "= a_{out}$"),  # the wrong label
        ("(1 - a_{out}^2) w$", "(1 - a_{pre}^2) w$"),
        ("(1 - a_{out}^2) w$", "(1 - a_{out}) w$"),
        ("= 1 - a_1^2$", "= 1 - a_{out}^2$"),  # another name's label
    ],
)
def test_a_slip_in_a_labelled_name_is_not_proved(old, new):
    got = slipped(DOC, old, new)
    assert got
    assert "proved" not in got


@pytest.mark.parametrize(
    ("rows", "labels"),
    [
        (["a_{pre} + a_{out}"], {"_pre", "_out"}),
        (["x_{ijk}", "\\sum_i x_i"], set()),  # i is an index elsewhere: positions
        (["x_{max}"], set()),  # a function's name, not a label
    ],
)
def test_three_small_letters_are_a_label_only_where_no_letter_is_a_position(rows, labels):
    assert script_labels([tokenize(r) for r in rows], ()) == labels
