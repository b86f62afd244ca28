"""A chain whose middle side is not read still claims its first side against its last
(`symbn.language.latex.bridge`), and reports the middle side's reason at its place: here a
gradient times a transposed Jacobian, which is no chain rule as written."""

from __future__ import annotations

from symbn.verify.document import check

CONTEXT = """+++
[notation]
star = "elementwise"
[sizes]
n = "units"
[indices]
p = "n"
q = "n"
[inputs]
u = { shape = ["n"] }
g = { shape = ["n"] }
[defines]
v = { shape = ["n"] }
[loss]
name = "L"
latex = "L"
of = "v"
upstream = "g"
+++
$$v = \\tanh(u)$$

"""


def statuses(line: str) -> list[str]:
    doc = CONTEXT + line + "\n"
    last = doc.count("\n")
    return sorted(f.status for f in check(doc, "doc.md").findings if f.where.line == last)


def test_the_sides_around_an_unread_jacobian_are_claimed_against_each_other():
    line = (
        r"$$\frac{\partial L}{\partial u} = \frac{\partial L}{\partial v}"
        r" (\frac{\partial v}{\partial u})^T = \frac{\partial L}{\partial v} * (1 - v^2)$$"
    )
    assert statuses(line) == ["proved", "unchecked"]


def test_a_slip_after_an_unread_jacobian_is_refuted():
    line = (
        r"$$\frac{\partial L}{\partial u} = \frac{\partial L}{\partial v}"
        r" (\frac{\partial v}{\partial u})^T = \frac{\partial L}{\partial v} * (1 + v^2)$$"
    )
    assert statuses(line) == ["refuted", "unchecked"]


def test_an_unread_last_side_claims_nothing_more():
    line = r"$$\frac{\partial L}{\partial u} = \frac{\partial L}{\partial v}"
    line += r" (\frac{\partial v}{\partial u})^T$$"
    assert statuses(line) == ["unchecked"]
