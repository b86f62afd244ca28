"""Networks written whole, with a cost the document never defines: the backprop book's
vector form (`\\delta^L = \\nabla_a C \\odot \\sigma'(z^L)`, `((w^{l+1})^T \\delta^{l+1})`, its
forward pass and the error's definition inline in the prose), where `\\nabla_a C` is the
gradient by the output layer a^L; and a matrix-level MLP whose loss L is any function of
its output. A slip (a wrong transpose, a missing derivative of the activation, a wrong
layer) is never proved."""

from __future__ import annotations

import pytest
from mutated import mutant_verdicts, verdicts

NIELSEN = r"""Each layer computes $z^l = w^l a^{l-1} + b^l$, then $a^l = \sigma(z^l)$.
A neuron's error is $\delta^l_j \equiv \frac{\partial C}{\partial z^l_j}$.

$$\delta^L = \nabla_a C \odot \sigma'(z^L)$$

$$\delta^l = ((w^{l+1})^T \delta^{l+1}) \odot \sigma'(z^l)$$

$$\frac{\partial C}{\partial b^l_j} = \delta^l_j$$

$$\frac{\partial C}{\partial w^l_{jk}} = a^{l-1}_k \delta^l_j$$
"""

TANH = r"""The network computes $z^l = w^l a^{l-1} + b^l$ and $a^l = \tanh(z^l)$, with a cost $J$.

Let $\delta^l_k \equiv \frac{\partial J}{\partial z^l_k}$.

$$\delta^L = \nabla_a J \odot (1 - \tanh^2(z^L))$$

$$\delta^l = ((w^{l+1})^T \delta^{l+1}) \odot (1 - \tanh^2(z^l))$$

$$\frac{\partial J}{\partial w^l_{km}} = a^{l-1}_m \delta^l_k$$
"""

MLP = r"""Forward: $Z = XW + b$ and $A = \text{ReLU}(Z)$; the loss $L$ is any function of $A$.

$$\frac{\partial L}{\partial Z} = \frac{\partial L}{\partial A} \odot \mathbb{1}[Z > 0]$$

$$\frac{\partial L}{\partial W} = X^T \frac{\partial L}{\partial Z}$$

$$\frac{\partial L}{\partial b} = \sum_i \left(\frac{\partial L}{\partial Z}\right)_i$$
"""


@pytest.mark.parametrize("text", [NIELSEN, TANH, MLP])
def test_every_equation_is_proved_with_a_cost_left_unsaid(text: str):
    got = verdicts(text)
    rows = [n for n, row in enumerate(text.split("\n"), 1) if row.startswith("$$")]
    claims = [s for n in rows for s in got[n]]
    assert len(claims) >= 3
    assert set(claims) == {"proved"}, got


@pytest.mark.parametrize(
    ("text", "anchor", "old", "new"),
    [
        (NIELSEN, r"\delta^L =", r" \odot \sigma'(z^L)", ""),
        (NIELSEN, r"\delta^L =", r"\sigma'(z^L)", r"\sigma(z^L)"),
        (NIELSEN, r"\delta^l =", r"(w^{l+1})^T", r"w^{l+1}"),
        (NIELSEN, r"\delta^l =", r"\sigma'(z^l)", r"\sigma'(z^{l+1})"),
        (NIELSEN, r"\delta^l =", r"\delta^{l+1})", r"\delta^{l})"),
        (NIELSEN, r"w^l_{jk}} =", "a^{l-1}_k", "a^{l}_k"),
        (TANH, r"\delta^L =", r"(1 - \tanh^2(z^L))", r"\tanh(z^L)"),
        (TANH, r"\delta^l =", r"(w^{l+1})^T", r"w^{l}"),
        (TANH, r"w^l_{km}} =", r"a^{l-1}_m \delta^l_k", r"a^{l-1}_k \delta^l_m"),
        (MLP, r"\partial Z} =", r"\mathbb{1}[Z > 0]", r"\mathbb{1}[Z > 1]"),
        (MLP, r"\partial W} =", r"X^T \frac", r"X \frac"),
        (MLP, r"\partial b} =", r"\right)_i", r"\right)_i^2"),
    ],
)
def test_a_slip_is_never_proved(text: str, anchor: str, old: str, new: str):
    got = mutant_verdicts(text, anchor, old, new)
    assert got
    assert "proved" not in got, got
