"""Class labels written inside another name's subscript (`P_{n, y_n}`), inferred with no
context as whole numbers that stand as an index (`range`), and the cross-entropy of such
labels checked (`symbn.language.latex.rowfacts`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from documents import defined
from mutated import mutant_verdicts

from symbn.language.latex.guessed import toml_of
from symbn.language.latex.rowfacts import labels_under
from symbn.language.latex.texlex import tokenize
from symbn.verify.document import check

DOC = (Path(__file__).parents[2] / "markdown" / "class_labels.md").read_text(encoding="utf-8")


def test_a_name_with_an_index_inside_a_subscript_is_a_label():
    toks = tuple(tokenize(r"\log P_{i,y_i} + P_{n, y_{n}} + h_{k,l} + x_{i_1}"))
    assert labels_under(toks) == [("y", "i", "P", 1), ("y", "n", "P", 1)]


def test_labels_are_inferred_and_their_cross_entropy_is_checked_with_no_context():
    text = toml_of(DOC, "doc.md")
    assert 'y = { shape = ["N"], range = "C" }' in text
    assert "delta" not in text  # \delta_{c, y_i}: the Kronecker delta, no input
    findings = check(DOC, "doc.md").findings
    statuses = [f.status for f in findings]
    assert defined(findings) == (2, 1)  # P and ℓ; one shape read
    assert statuses.count("proved") == 1
    assert "refuted" not in statuses


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (r"\frac{1}{N} \left(", r"\frac{1}{C} \left("),
        (r"P_{ic} - \delta_{c, y_i}", r"\delta_{c, y_i} - P_{ic}"),
        (r"\delta_{c, y_i}", r"\delta_{c, y_1}"),
    ],
)
def test_a_slip_in_the_gradient_of_labels_is_not_proved(old, new):
    got = mutant_verdicts(DOC, old, old, new)
    assert got
    assert "proved" not in got
