"""`\\Delta x`, a change of x, read as a name of its own (`symbn.language.latex.increments`):
difference quotients and weight updates are checked, and the Kronecker delta keeps its
spelling with two indices."""

from __future__ import annotations

from documents import FRONT

from symbn.language.latex.increments import increment
from symbn.language.latex.texlex import tokenize
from symbn.verify.document import check

QUOTIENT = """$$
f(x) = x^2 + 1
$$

$$
\\Delta y = f(x + \\Delta x) - f(x) = 2x \\Delta x + %s
$$

$$
\\frac{\\Delta y}{\\Delta x} = %s
$$
"""


def statuses(text: str) -> list[tuple[int, str]]:
    found = check(text, "doc.md").findings
    return [(f.where.line, f.status) for f in found if f.kind == "claim" and f.where.line > 2]


def test_a_difference_quotient_is_proved():
    assert statuses(QUOTIENT % ("(\\Delta x)^2", "2x + \\Delta x")) == [
        (6, "proved"),
        (10, "proved"),
    ]


def test_a_difference_quotient_with_a_slip_is_refuted():
    """The quotient is 2x + Δx, not its limit 2x; and (Δx)² is not 2(Δx)²."""
    assert statuses(QUOTIENT % ("2(\\Delta x)^2", "2x")) == [(6, "refuted"), (10, "refuted")]


def test_a_weight_update_with_indices():
    text = (
        "$$ z_j = \\sum_{i=1}^{n} w_{ij} x_i $$\n\n"
        "$$ \\Delta w_{ij} = -\\eta \\frac{\\partial E}{\\partial w_{ij}} $$\n\n"
        "$$ \\frac{\\partial z_j}{\\partial w_{ij}} = %s $$\n"
    )
    assert statuses(text % "x_i") == [(5, "proved")]
    assert statuses(text % "x_j") != [(5, "proved")]


def test_which_deltas_are_changes():
    toks = tokenize(r"\Delta x + \Delta \theta + \Delta_{i,j} + \Delta^{(l)}_{ij} + \Delta \pi")
    at = [n for n, t in enumerate(toks) if t.text == "\\Delta"]
    assert [increment(toks, n) for n in at] == [True, True, False, False, False]


def test_a_change_a_given_context_does_not_declare_is_named():
    found = check(FRONT + "$$ u_{kl} = h_{kl} \\Delta h $$\n", "doc.md").findings
    (why,) = [f.message for f in found if f.status == "unchecked"]
    assert why.startswith("\\Delta h, a change of h, is not a declared name; declare it")


def test_the_change_of_a_defined_name_is_no_input():
    """Δy of y = x² + 1, which no row defines, would be refuted as a free value (any Δy):
    the line is unchecked, naming it."""
    text = "$$ y = x^2 + 1 $$\n\n$$ \\frac{\\Delta y}{\\Delta x} = 2x + \\Delta x $$\n"
    found = check(text, "doc.md").findings
    (why,) = [f for f in found if f.where.line == 3 and f.status != "warning"]
    assert why.status == "unchecked"
    assert why.message.startswith("\\Delta y, a change of y, is not a declared name")
