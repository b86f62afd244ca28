"""An undeclared letter as a sum's upper limit (`\\sum_{i=1}^n`, `\\sum_{t=1}^{T}`) is a
size its index runs over, and a sum written later without limits (`\\sum_i`) runs over the
same; a label's values (`Z_i \\in \\{1, \\ldots, K\\}`) leave i to its sum."""

from __future__ import annotations

from mutated import statuses

from symbn.language.latex.infer import infer
from symbn.source.document.markdown import read_markdown

LIMITS_ONCE = r"""Each point $x_i$ belongs to one of the components, $Z_i \in \{1, \ldots, K\}$.

$$\ell = \frac{1}{2}\sum_{i=1}^n (x_i - m)^2 + \sum_{k=1}^K w_k^2$$

$$\frac{\partial \ell}{\partial m} = -\sum_i (x_i - m)$$

$$\frac{\partial \ell}{\partial m} = -\sum_i (x_i + m)$$

$$\frac{\partial \ell}{\partial w_k} = 2 w_k$$

$$\frac{\partial \ell}{\partial w_k} = 2 \sum_k w_k$$
"""

STEPS = r"""The return of an episode of $T$ steps, with rewards $r_t$ and weights $u_t$, is

$$G = \sum_{t=1}^{T} r_t u_t^2$$

$$\frac{\partial G}{\partial u_t} = 2 r_t u_t$$

$$\frac{\partial G}{\partial u_t} = 2 \sum_{t=1}^{T} r_t u_t$$
"""


def test_an_undeclared_upper_limit_is_a_size_and_a_bare_sum_runs_over_it():
    g = infer(read_markdown(LIMITS_ONCE, "doc.md"))
    assert (g.ranges["i"], g.ranges["k"]) == ("n", "K")
    assert {"n", "K"} <= set(g.sizes)
    found = statuses(LIMITS_ONCE)
    assert found[3] == ["defined"]
    assert found[5] == ["proved"]
    assert found[7] == ["refuted"]
    assert found[9] == ["proved"]  # the k-th term of the sum over k
    assert found[11] == ["refuted"]  # the sum kept over the k differentiated by


def test_steps_up_to_a_capital_letter_read_the_same():
    found = statuses(STEPS)
    assert found[3] == ["defined"]
    assert found[5] == ["proved"]
    assert found[7] == ["refuted"]
