"""Rows of a matrix written as one-index names (`x_i`, the i-th row of X): read as slices,
inferred with no context, and the loss told from the prose among several candidates
(`symbn.language.latex.rowwise`, `symbn.language.latex.shapes`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from documents import defined

from symbn.language.latex.guessed import toml_of
from symbn.language.latex.shapes import shape_of
from symbn.language.latex.sides import texts
from symbn.language.latex.subscripts import bind_sums
from symbn.language.latex.texlex import tokenize
from symbn.language.latex.texmath import parse
from symbn.source.positions import TexError
from symbn.verify.document import check

DOC = (Path(__file__).parents[2] / "markdown" / "bn_rows.md").read_text(encoding="utf-8")
GRADIENTS = 5  # ∂J/∂γ, ∂J/∂β, ∂J/∂x̂ (by element and whole), ∂J/∂x_i


def _verdicts(text: str) -> list[tuple[int, str]]:
    return [(f.where.line, f.status) for f in check(text, "doc.md").findings]


def _mutated(doc: str, old: str, new: str) -> tuple[str, int]:
    """The document with `old` (written once) replaced, and the line the change is on."""
    assert doc.count(old) == 1
    text = doc.replace(old, new)
    return text, next(n for n, x in enumerate(text.split("\n"), 1) if new in x)


def _statuses(text: str, line: int | None = None) -> list[str]:
    return [s for n, s in _verdicts(text) if line is None or n == line]


def test_a_batch_written_by_rows_is_checked_with_no_context():
    statuses = _statuses(DOC)
    assert defined(check(DOC, "doc.md").findings) == (4, 2)  # x̂_i, μ, σ², y_i; two shapes
    assert statuses.count("proved") == GRADIENTS + 2  # and the two matrix restatements
    assert "refuted" not in statuses


def test_the_inferred_context_spells_each_row_by_its_matrix():
    text = toml_of(DOC, "doc.md")
    assert 'X = ["x"]' in text
    assert 'Xhat = ["\\\\hat{x}"]' in text
    assert 'Y = ["y"]' in text
    assert 'X = { shape = ["N", "D"] }' in text
    assert 'sigma2 = { shape = ["D"]' in text  # \mu, \sigma^2 \in …: σ² itself
    # two scalars are differentiated and never defined (J and the reminder's a): the
    # prose calls J the loss, and J's gradient is taken by Y
    assert 'latex = "J"\nof = "Y"' in text


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (r"\odot \hat{x}_i $$", r"\odot x_i $$"),
        (r"\partial y_{ij}} \gamma_j", r"\partial y_{ij}} \beta_j"),
        (r"\frac{1}{N \sqrt{", r"\frac{1}{(N - 1) \sqrt{"),
        (r"- \hat{x}_i \odot \sum_k", r"+ \hat{x}_i \odot \sum_k"),
        (r"&= \gamma \odot \frac{\partial J}{\partial Y}", r"&= \frac{\partial J}{\partial Y}"),
    ],
)
def test_a_slip_in_a_row_gradient_is_not_proved(old, new):
    text, line = _mutated(DOC, old, new)
    got = _statuses(text, line)
    assert got
    assert "proved" not in got
    above = [v for v in _verdicts(DOC) if v[0] < line]
    assert [v for v in _verdicts(text) if v[0] < line] == above


def test_a_name_with_fewer_indices_than_axes_is_the_slice_at_its_leading_axes(bn):
    def tree(text: str):
        return bind_sums((parse(tokenize(text), bn),))[0]

    assert shape_of(tree(r"\hat{h}_k"), bn) == ("L",)
    assert shape_of(tree(r"\sum_k \hat{h}_k"), bn) == ("L",)
    assert shape_of(tree(r"\hat{h}_{kl}"), bn) == ()


def test_a_number_that_may_be_two_indices_is_still_refused(refusal):
    message, _ = refusal(r"h_{11}")
    assert "separate indices with commas" in message


def test_a_line_that_makes_two_sizes_one_does_not_unsettle_the_others():
    # the all-ones matrix written as a vector (1 X, with 1 N × N in the prose) would make
    # N and D one; the solver reads past that line, and the rows keep their shapes
    text = DOC.replace(
        "## A reminder",
        "$$ R = X - \\frac{1}{N} \\mathbf{1} X $$\n\n## A reminder",
    )
    statuses = _statuses(text)
    assert statuses.count("proved") >= GRADIENTS + 2
    assert "refuted" not in statuses


STEPS = (Path(__file__).parents[2] / "markdown" / "centered_steps.md").read_text(encoding="utf-8")


def test_a_step_sized_by_itself_makes_its_name_a_sequence_of_rows():
    text = toml_of(STEPS, "doc.md")
    assert 'x = { shape = ["T", "D"] }' in text  # x_t \in R^D with t over T
    assert 'y = { shape = ["T", "D"] }' in text  # y_t = x_t - m: a row too
    assert 'm = { shape = ["D"] }' in text
    statuses = _statuses(STEPS)
    assert statuses.count("proved") == 2  # the gradient, and Σ_t y_t = 0 at every column
    assert "refuted" not in statuses


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (r"- \frac{1}{T} \sum_{k=1}^{T}", r"- \frac{1}{T - 1} \sum_{k=1}^{T}"),
        (r"\sum_{t=1}^{T} y_t = 0", r"\sum_{t=1}^{T} y_t = 1"),
        (r"\frac{\partial L}{\partial y_t} -", r"\frac{\partial L}{\partial y_k} -"),
    ],
)
def test_a_slip_in_a_step_is_not_proved(old, new):
    got = _statuses(*_mutated(STEPS, old, new))
    assert got
    assert "proved" not in got


def test_a_constant_side_holds_at_every_element_and_a_scalar_name_does_not(bn):
    def tree(text: str):
        return bind_sums((parse(tokenize(text), bn),))[0]

    left, right = texts(tree(r"\mu"), tree("0"), bn, None)
    assert (left, right) == ("mu[j]", "0")
    with pytest.raises(TexError, match="could stand for its axis"):
        texts(tree(r"\mu"), tree(r"\delta"), bn, None)  # a scalar tensor: a product unsaid
