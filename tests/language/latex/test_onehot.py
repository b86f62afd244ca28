"""symbn.language.latex.onehot: one-hot targets that the prose ties to class labels are
their one-hot rows in the inferred context (`tests/markdown/onehot_targets.md`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from documents import slipped

from symbn.language.latex.guessed import toml_of
from symbn.verify.document import check

DOC = (Path(__file__).parents[2] / "markdown" / "onehot_targets.md").read_text(encoding="utf-8")


def test_one_hot_targets_beside_labels_are_the_labels_one_hot_rows():
    context = toml_of(DOC, "doc.md")
    assert '[[define]]\nname = "T"\nindex = ["b", "k"]\nexpr = "Delta(k, t[b])"' in context
    assert "simplex" not in context
    statuses = [f.status for f in check(DOC, "doc.md").findings]
    assert statuses.count("proved") == 2
    assert "refuted" not in statuses


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (r"\frac{1}{B} (Q - T) $$", r"(Q - T) $$"),
        (r"\frac{1}{B} (Q - T) $$", r"\frac{1}{B} (T - Q) $$"),
        (r"\frac{1}{B} X^\top (Q - T)", r"\frac{1}{B} X^\top (Q - T) Q^\top Q"),
    ],
)
def test_a_slip_with_the_one_hot_targets_is_not_proved(old, new):
    got = slipped(DOC, old, new)
    assert got
    assert "proved" not in got


def test_targets_the_prose_does_not_call_one_hot_are_no_labels_rows():
    text = DOC.replace("the one-hot rows of", "the smoothed rows of")
    assert "[[define]]" not in toml_of(text, "doc.md")
    assert "proved" not in [f.status for f in check(text, "doc.md").findings]


def test_one_hot_targets_of_other_rows_than_the_labels_are_no_encoding():
    text = DOC.replace(r"$T \in \mathbb{R}^{B \times K}$", r"$T \in \mathbb{R}^{D \times K}$")
    assert "[[define]]" not in toml_of(text, "doc.md")


#: A softmax whose targets the prose says sum to one, with an equation of its own.
SUMMED = r"""
The scores are $p_i = \frac{e^{z_i}}{\sum_j e^{z_j}}$, the loss $L = -\sum_i t_i \log p_i$,
and the targets are a distribution: $\sum_{k=1}^{K} t_k = 1$.

$$\frac{\partial L}{\partial z_j} = p_j - t_j$$
"""


def test_a_row_that_says_a_name_sums_to_one_declares_it_so():
    assert 'simplex = "' in toml_of(SUMMED, "doc.md")
    statuses = [f.status for f in check(SUMMED, "doc.md").findings if f.where.line == 5]
    assert statuses == ["proved"]


def test_without_that_row_the_step_is_not_judged_and_a_slip_is_refuted():
    text = SUMMED.replace(r": $\sum_{k=1}^{K} t_k = 1$", ".")
    assert "simplex" not in toml_of(text, "doc.md")
    assert [f.status for f in check(text, "doc.md").findings if f.where.line == 5] == ["unchecked"]
    assert slipped(SUMMED, "= p_j - t_j", "= t_j - p_j") == ["refuted"]
