"""symbn.emit.matrix.spelled: a matrix tree in LaTeX (juxtaposed products, ^{\\top}, ⊙, ⊘,
\\mathbf{1}_N) and in the NumPy-like text of the matrix language (a vector one axis, so
`ones(N) @ G` and `outer(u, v)`); parentheses only where an operand needs them."""

from __future__ import annotations

import pytest
import sympy as sp

from symbn.emit.matrix import spelled
from symbn.emit.matrix.tree import (
    Apply,
    Eye,
    Grad,
    Hadamard,
    Leaf,
    MatMul,
    Ones,
    Plus,
    Power,
    Quotient,
    Scalar,
    Scale,
    Transpose,
    Tril,
)
from symbn.errors import InternalError

N, D, C = sp.symbols("N D C", positive=True)
X, W, G, H = Leaf("X", (N, D)), Leaf("W", (D, C)), Leaf("G", (N, C)), Leaf("H", (N, C))
b, v = Leaf("b", (C, 1)), Leaf("v", (N, 1))
NAMES = {"G": r"\bar{Y}", "b": "{b_1}"}

# (tree, LaTeX, text)
ROWS = [
    (MatMul(Transpose(X), G), r"{X}^{\top} {\bar{Y}}", "X.T @ G"),
    (MatMul(Transpose(Ones(N)), G), r"\mathbf{1}_{N}^{\top} {\bar{Y}}", "ones(N) @ G"),
    (
        Plus((MatMul(X, W), MatMul(Ones(N), Transpose(b)))),
        r"{X} {W} + \mathbf{1}_{N} {b_1}^{\top}",
        "X @ W + outer(ones(N), b)",
    ),
    (
        Hadamard((G, Plus((H, Scale(Scalar(sp.Integer(-1)), G))))),
        r"{\bar{Y}} \odot \left({H} - {\bar{Y}}\right)",
        "G * (H - G)",
    ),
    (MatMul(Transpose(G), Ones(N)), r"{\bar{Y}}^{\top} \mathbf{1}_{N}", "G.T @ ones(N)"),
    (MatMul(Transpose(G), v), r"{\bar{Y}}^{\top} {v}", "G.T @ v"),
    (MatMul(Transpose(v), v), r"{v}^{\top} {v}", "v @ v"),
    (MatMul(v, Transpose(b)), r"{v} {b_1}^{\top}", "outer(v, b)"),
    (Hadamard((MatMul(X, W), H)), r"\left({X} {W}\right) \odot {H}", "(X @ W) * H"),
    (Quotient(G, H), r"{\bar{Y}} \oslash {H}", "G / H"),
    (Quotient(G, Scalar(N)), r"\frac{{\bar{Y}}}{N}", "G / N"),
    (
        Scale(Scalar(1 / N), MatMul(Transpose(X), G)),
        r"\frac{1}{N} {X}^{\top} {\bar{Y}}",
        "1/N * X.T @ G",
    ),
    (Power(G, sp.Integer(2)), r"{\bar{Y}}^{\odot 2}", "G**2"),
    (Power(Plus((G, H)), sp.Rational(1, 2)), r"\sqrt{{\bar{Y}} + {H}}", "sqrt(G + H)"),
    (Power(G, sp.Integer(-1)), r"{\bar{Y}}^{\odot -1}", "G**(-1)"),
    (Apply("tanh", (G,)), r"\tanh\left({\bar{Y}}\right)", "tanh(G)"),
    (Apply("sigmoid", (G,)), r"\sigma\left({\bar{Y}}\right)", "sigmoid(G)"),
    (Eye(N), r"I_{N}", "eye(N)"),
    (Tril(N), r"M_{N}", "tri(N)"),
    (Transpose(Tril(N)), r"M_{N}^{\top}", "tri(N).T"),
    (Transpose(Plus((G, H))), r"\left({\bar{Y}} + {H}\right)^{\top}", "(G + H).T"),
    (Transpose(Power(G, sp.Integer(2))), r"\left({\bar{Y}}^{\odot 2}\right)^{\top}", "(G**2).T"),
    (Power(Transpose(G), sp.Integer(2)), r"\left({\bar{Y}}^{\top}\right)^{\odot 2}", "G.T**2"),
    (
        Transpose(Apply("tanh", (G,))),
        r"\left(\tanh\left({\bar{Y}}\right)\right)^{\top}",
        "tanh(G).T",
    ),
    (Grad(None, "W", (D, C)), r"\frac{\partial \mathcal{L}}{\partial {W}}", "diff(loss, W)"),
    (Plus((G, Scale(Scalar(-1 / N), H))), r"{\bar{Y}} - \frac{1}{N} {H}", "G - 1/N * H"),
]


@pytest.mark.parametrize(("node", "latex", "text"), ROWS)
def test_each_node_is_spelled_in_both_notations(node, latex, text):
    assert spelled.latex(node, NAMES) == latex
    assert spelled.text(node) == text


def test_a_node_without_a_rule_raises():
    class Odd(Leaf):
        pass

    with pytest.raises(InternalError, match="no rule for Odd"):
        spelled.text(Odd("x", (N, D)))
