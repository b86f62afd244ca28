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
