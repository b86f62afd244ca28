"""symbn.language.latex.picked: a subscript on a bracket or a derivative written whole,
`(\\frac{\\partial L}{\\partial Z})_i`, `(\\nabla_H E)_{ij}`, `[\\cdot]_n`, picks its element
or row; the letters there are indices, sized by the axes they stand at. A slip (the sum over the
other axis, a wrong factor) is refuted with a context and never proved without one."""

from __future__ import annotations

import pytest
from mutated import display_verdicts, line_of, mutant_verdicts, verdicts

from symbn.verify.document import check

#: A linear layer as tutorials write it, with no context: the rows of a gradient summed.
LINEAR = r"""Forward: $Z = XW + b$, and the loss $L = \frac{1}{2}\|Z - Y\|^2$.

$$\frac{\partial L}{\partial Z} = Z - Y$$

$$\frac{\partial L}{\partial b} = \sum_i \left(\frac{\partial L}{\partial Z}\right)_i$$

$$\left(\frac{\partial L}{\partial W}\right)_{dk}
= \sum_i X_{id} \left(\frac{\partial L}{\partial Z}\right)_{ik}$$
"""

#: The same with gradients written with nabla, one in square brackets.
NABLA = r"""$$H = XW + c$$

$$E = \frac{1}{2}\sum_{i}\sum_{j} (H_{ij} - T_{ij})^2$$

$$(\nabla_H E)_{ij} = H_{ij} - T_{ij}$$

$$(\nabla_W E)_{kj} = \sum_i X_{ik} (\nabla_H E)_{ij}$$

$$\nabla_c E = \sum_i [\nabla_H E]_i$$
"""

CONTEXT = r"""+++
[sizes]
M = "examples"
C = "classes"
[indices]
m = "M"
c = "C"
[inputs]
P = { shape = ["M", "C"] }
T = { shape = ["M", "C"] }
[defines]
J = { shape = [] }
+++
$$J = \frac{1}{2}\lVert P - T \rVert_F^2$$

$$\left(\frac{\partial J}{\partial P}\right)_{m} = P_m - T_m$$

$$\sum_m \left(\frac{\partial J}{\partial P}\right)_{mc} = \sum_m (P_{mc} - T_{mc})$$

$$\left[ P - T \right]_{m,c} = P_{mc} - T_{mc}$$
"""


@pytest.mark.parametrize("text", [LINEAR, NABLA])
def test_an_element_of_a_gradient_is_read(text: str):
    got = verdicts(text)
    claims = [s for line in got.values() for s in line if s != "defined"]
    assert claims
    assert set(claims) == {"proved"}, got


@pytest.mark.parametrize(
    ("anchor", "old", "new"),
    [
        (r"\partial L}{\partial b}", r"\right)_i", r"\right)_i^2"),
        (r"= \sum_i X_{id}", r"X_{id}", r"2 X_{id}"),
        (r"\nabla_c E", r"\sum_i", r"-\sum_i"),
        (r"(\nabla_W E)_{kj}", "X_{ik}", "X_{ik} X_{ik}"),
    ],
)
def test_a_slip_with_no_context_is_never_proved(anchor: str, old: str, new: str):
    text = LINEAR if anchor in LINEAR else NABLA
    got = display_verdicts(text, anchor, old, new)
    assert got
    assert "proved" not in got, got


def test_rows_and_elements_are_checked_with_a_context():
    got = verdicts(CONTEXT)
    for row in (r"\right)_{m} =", r"\right)_{mc} =", r"\right]_{m,c}"):
        assert got[line_of(CONTEXT, row)] == ["proved"], row


@pytest.mark.parametrize(
    ("anchor", "old", "new"),
    [
        (r"\right)_{m} =", "P_m - T_m", "T_m - P_m"),
        (r"\right)_{mc} =", r"\sum_m (P_{mc}", r"\sum_m (2 P_{mc}"),
        (r"\right]_{m,c}", "P_{mc} - T_{mc}", "P_{mc} + T_{mc}"),
    ],
)
def test_a_slip_with_a_context_is_refuted(anchor: str, old: str, new: str):
    assert mutant_verdicts(CONTEXT, anchor, old, new) == ["refuted"]


def test_a_subscript_on_a_scalar_or_too_many_indices_is_unchecked_with_the_reason():
    text = CONTEXT.replace(r"\left[ P - T \right]_{m,c}", r"\left[ P_{mc} - T_{mc} \right]_{m}")
    (f,) = [f for f in check(text, "doc.md").findings if f.where.line == line_of(text, "[ P_{mc}")]
    assert f.status == "unchecked"
    assert "only names, and vectors or matrices in brackets" in f.message
    text = CONTEXT.replace(r"\right]_{m,c}", r"\right]_{m,c,c}")
    (f,) = [f for f in check(text, "doc.md").findings if f.where.line == line_of(text, "_{m,c,c}")]
    assert f.status == "unchecked"
    assert "2 axes but the subscript gives 3" in f.message
