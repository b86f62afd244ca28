"""Shapes inferred from what a name is written beside (symbn.language.latex.solve): a
target used only in a difference or an elementwise product with a matrix (`A - Y`) has the
matrix's shape, which covers any shape it could have, since no derivative is taken by it;
a bias added to a product (`XW + b`) is a vector along its columns; a name differentiated
whole with nabla (`\\nabla_W E`) is one the lines differentiate by."""

from __future__ import annotations

from mutated import verdicts

from symbn.language.latex.guessed import solved
from symbn.source.document.markdown import read_markdown

MLP = r"""Forward: $Z = XW + b$, $A = \text{ReLU}(Z)$, and the loss $L = \frac{1}{2}\|A - Y\|^2$.

$$\frac{\partial L}{\partial A} = A - Y$$

$$\frac{\partial L}{\partial Z} = \frac{\partial L}{\partial A} \odot \mathbb{1}[Z > 0]$$

$$\frac{\partial L}{\partial W} = X^T \frac{\partial L}{\partial Z}$$

$$\frac{\partial L}{\partial b} = \sum_i \left(\frac{\partial L}{\partial Z}\right)_i$$
"""

#: Another notation: a target T in an elementwise product, a bias c, gradients by nabla.
HADAMARD = r"""$$H = XU + c$$

$$E = \frac{1}{2}\|H \odot T\|^2$$

$$\nabla_U E = X^\top (H \odot T \odot T)$$

$$\nabla_c E = \mathbf{1}^\top (H \odot T \odot T)$$
"""


def shapes(text: str) -> dict[str, tuple[str, ...]]:
    return dict(solved(read_markdown(text, "doc.md")).shapes)


def test_a_target_beside_a_matrix_has_its_shape_and_a_bias_is_a_row():
    got = shapes(MLP)
    assert got["Y"] == got["A"] == got["Z"]
    assert got["b"] == got["Z"][1:]
    got = shapes(HADAMARD)
    assert got["T"] == got["H"]
    assert got["c"] == got["H"][1:]


def test_the_documents_are_checked_line_by_line():
    for text in (MLP, HADAMARD):
        got = verdicts(text)
        claims = [s for line in got.values() for s in line if s != "defined"]
        assert len(claims) >= 2
        assert set(claims) == {"proved"}, got


def test_a_slip_in_a_gradient_is_never_proved():
    text = MLP.replace(r"\sum_i \left(", r"\left(").replace(r"\right)_i", r"\right)_i \cdot 2")
    got = verdicts(text)
    assert "proved" not in got[max(got)]
    text = HADAMARD.replace(r"\mathbf{1}^\top (H \odot T \odot T)", r"\mathbf{1}^\top (H \odot T)")
    got = verdicts(text)
    assert "proved" not in got[max(got)]
    text = HADAMARD.replace(r"X^\top (H \odot T \odot T)", r"X^\top (H \odot T)")
    got = verdicts(text)
    assert "proved" not in got[max(got) - 2]
