"""The functions a document leaves unsaid: a loss written as a word at its arguments
(`\\text{loss}(a, y)`) is no second activation, so f of `a = f(z)` beside `f'(z)` is the
document's one unsaid function."""

from __future__ import annotations

from symbn.verify.document import check

DOC = r"""
$$z = w x + b, \quad a = f(z), \quad L = \text{loss}(a, y)$$

$$\frac{\partial a}{\partial w} = f'(z) x$$

$$\frac{\partial a}{\partial b} = f'(z) x$$
"""


def test_a_word_loss_at_its_arguments_leaves_f_the_one_unsaid_function():
    found = {f.where.line: f for f in check(DOC, "doc.md").findings if f.where.col < 30}
    assert found[2].status == "defined"
    assert found[4].status == "proved"
    assert "act1(z)" in found[4].message
    assert found[6].status == "unchecked"  # b has no x: refuted for a function left unsaid
    assert "unsaid" in found[6].message


#: σ defined by a row as a normalisation (a softmax), in a text that also says "sigmoid".
SOFTMAX_ROW = r"""The softmax function of the logits is

$$ \sigma(A_{ic}) = \frac{e^{A_{ic}}}{\sum_{j=1}^{C} e^{A_{ij}}} $$

and its derivative looks like the sigmoid derivative.
"""

#: σ defined twice as the sigmoid, in two spellings, named so in words.
SIGMOID_ROWS = r"""The sigmoid is

$$ \sigma(x) = \frac{1}{1 + e^{-x}} $$

$$ \sigma(x) = (1 + e^{-x})^{-1} $$

$$ \frac{d}{dx} \sigma(x) = \sigma(x) (1 - \sigma(x)) $$

$$ \frac{d}{dx} \sigma(x) = \sigma(x) (1 + \sigma(x)) $$
"""


def test_a_letter_a_row_defines_with_a_sum_is_not_the_sigmoid_the_prose_names():
    statuses = [f.status for f in check(SOFTMAX_ROW, "doc.md", None).findings]
    assert "refuted" not in statuses


def test_a_sigmoid_defined_in_two_spellings_stays_the_sigmoid_the_prose_names():
    found = {f.where.line: f.status for f in check(SIGMOID_ROWS, "doc.md", None).findings}
    assert found[7] == "proved"
    assert found[9] == "refuted"
