"""Derivatives by an intermediate named after the line that writes it out
(symbn.verify.intermediate.written_through): ŷ = σ(wᵀx + b), then "let z = wᵀx + b", then
∂ŷ/∂z — ŷ's definition holds z's, so ŷ is σ(z) and the line is judged; a slip is refuted,
and a name that cannot be written through the intermediate is unchecked, never refuted."""

from __future__ import annotations

import pytest
from mutated import line_of, verdicts

SCALAR = r"""
For one example, $\hat{y} = \sigma(w^T x + b)$ where $\sigma(z) = \frac{1}{1 + e^{-z}}$ is
the sigmoid, and the loss is

$$\mathcal{L} = -\left(y \log \hat{y} + (1 - y)\log(1 - \hat{y})\right)$$

Let $u = w^T x + b$. Then

$$\frac{\partial \hat{y}}{\partial u} = \hat{y}(1 - \hat{y})$$

$$\frac{\partial \mathcal{L}}{\partial u} = \hat{y} - y$$

$$\frac{\partial \mathcal{L}}{\partial w_j} = (\hat{y} - y) x_j$$
"""

INDEXED = r"""
A layer computes $a_i = \tanh\left(\sum_j W_{ij} x_j + b_i\right)$ for each unit, and the
loss is $L = \frac{1}{2}\sum_i (a_i - t_i)^2$.

Write $z_k = \sum_m W_{km} x_m + b_k$ for the pre-activation. Then

$$\frac{\partial a_i}{\partial z_i} = 1 - a_i^2$$

$$\frac{\partial L}{\partial z_i} = (a_i - t_i)(1 - a_i^2)$$
"""


@pytest.mark.parametrize(
    ("doc", "anchors"),
    [
        (SCALAR, [r"\partial u} = \hat{y}(1", r"\partial u} = \hat{y} - y"]),
        (INDEXED, [r"\partial z_i} = 1 - a_i^2", r"\partial z_i} = (a_i"]),
    ],
)
def test_a_derivative_by_a_name_written_out_in_a_definition_is_proved(doc, anchors):
    got = verdicts(doc)
    for anchor in anchors:
        assert got[line_of(doc, anchor)] == ["proved"], anchor


@pytest.mark.parametrize(
    ("doc", "old", "new"),
    [
        (SCALAR, r"\hat{y}(1 - \hat{y})", r"\hat{y}(1 + \hat{y})"),
        (SCALAR, r"= \hat{y} - y", r"= y - \hat{y}"),
        (INDEXED, r"= 1 - a_i^2", r"= 1 - a_i"),
        (INDEXED, r"(a_i - t_i)(1 - a_i^2)$$", r"(a_i - t_i)(1 + a_i^2)$$"),
    ],
)
def test_a_slip_through_the_intermediate_is_refuted(doc, old, new):
    assert doc.count(old) == 1
    slipped = doc.replace(old, new)
    assert verdicts(slipped)[line_of(slipped, new)] == ["refuted"]


def test_a_name_that_holds_no_part_of_the_intermediate_is_not_judged():
    # z's definition is not written out in a's (a different weight), so ∂L/∂z has no reading
    doc = INDEXED.replace(r"\sum_m W_{km} x_m", r"\sum_m V_{km} x_m")
    got = verdicts(doc)
    assert got[line_of(doc, r"\partial z_i} = (a_i")] == ["unchecked"]
    assert "refuted" not in {s for v in got.values() for s in v}
