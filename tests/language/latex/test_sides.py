"""symbn.language.latex.sides: both sides of a line at index level; a vector's derivative
by a vector set equal to a vector claims the whole Jacobian, diagonal."""

from __future__ import annotations

from symbn.verify.document import check

DOC = r"""# Activations

For $\mathbf{z} \in \mathbb{R}^n$:

$$
\mathbf{s} = \frac{1}{1 + \exp(-\mathbf{z})}
$$

$$
\frac{d\mathbf{s}}{d\mathbf{z}} = \mathbf{s} \odot (1 - \mathbf{s})
$$

$$
\frac{d\mathbf{s}}{d\mathbf{z}} = \mathbf{s} \odot (1 + \mathbf{s})
$$

$$
\mathbf{p} = \operatorname{softmax}(\mathbf{z})
$$

$$
\frac{d\mathbf{p}}{d\mathbf{z}} = \mathbf{p} \odot (1 - \mathbf{p})
$$
"""


def test_an_elementwise_derivative_claims_the_diagonal_jacobian():
    found = [f for f in check(DOC, "doc.md").findings if f.kind == "claim" and f.where.line > 3]
    got = [(f.where.line, f.status) for f in found]
    assert got == [(10, "proved"), (14, "refuted"), (22, "refuted")]
    assert found[0].claim == "diff(s[q], z[r]) = Delta(q, r)*s[q]*(1 - s[q])"
    # the softmax's diagonal is p(1 - p): the last line is refuted by the entries off it
