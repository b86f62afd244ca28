"""The partial derivative written as an operator with its variable as a subscript,
`\\partial_x f` (symbn.language.latex.subpartial), and `\\frac{\\partial}{x}(f)`, the
operator with its second `\\partial` left out: read as ∂/∂x of the one factor after
it; an operator before several juxtaposed factors, an index letter as the subscript and
`\\frac{d}{n}` (a quotient) are not read as derivatives."""

from __future__ import annotations

import pytest
from mutated import mutant_verdicts, verdicts

from symbn.verify.document import check

DOC = r"""$$y = w x + b$$

$$\partial_{w} \left( y^2 \right) = 2 y x$$

$$\partial_x y = w$$

$$\frac{\partial}{b}\left(y^2\right) = 2 y$$

$$\frac{\partial y}{\partial w} = {\partial \over w}(x w)$$
"""

FUNCTION = r"""With $\sigma$ the sigmoid:

$$\frac{d\sigma}{dz} = \sigma(z)(1 - \sigma(z))$$

$$a = f(z)$$

$$\frac{df}{dz} = f'(z)$$
"""

DOTTED = r"""$$a = f(z)$$

$$z = w x + b$$

$$\frac{\partial a}{\partial w} = \dot{f}(z) x$$

$$\frac{\partial a}{\partial b} = \dot f(w x + b)$$
"""


def test_each_operator_form_is_read_and_proved():
    got = verdicts(DOC)
    assert got[1] == ["defined"]
    for line in (3, 5, 7, 9):
        assert got[line] == ["proved"], line


@pytest.mark.parametrize(
    ("doc", "anchor", "old", "new"),
    [
        (DOC, "partial_{w}", "2 y x", "2 y w"),  # a variable
        (DOC, "partial_{w}", "2 y x", "y x"),  # a coefficient
        (DOC, "partial_{w}", "y^2", "y^3"),  # an exponent
        (DOC, "partial_x y", "= w", "= x"),
        (DOC, "partial_x y", "= w", "= -w"),  # a sign
        (DOC, r"\frac{\partial}{b}", "2 y", "2 w"),
        (DOC, r"\frac{\partial}{b}", "{b}", "{w}"),  # the variable
        (DOC, "over w}", "{\\partial \\over w}", "{\\partial \\over x}"),
        (FUNCTION, "frac{d\\sigma}", "(1 - \\sigma(z))", "(1 + \\sigma(z))"),  # a sign
        (FUNCTION, "frac{d\\sigma}", "(1 - \\sigma(z))", "(2 - \\sigma(z))"),  # a coefficient
        (FUNCTION, "frac{d\\sigma}", "= \\sigma(z)", "= \\sigma(z)^2"),  # an exponent
        (FUNCTION, "frac{df}", "f'(z)", "f(z)"),
        (FUNCTION, "frac{df}", "f'(z)", "2 f'(z)"),
        (DOTTED, "partial w}", "(z) x", "(z) w"),
        (DOTTED, "partial w}", "\\dot{f}(z)", "f(z)"),  # the dot dropped
        (DOTTED, "partial b}", "(w x + b)", "(w x - b)"),
    ],
)
def test_a_slip_in_an_operator_line_is_never_proved(doc, anchor, old, new):
    got = mutant_verdicts(doc, anchor, old, new)
    assert got
    assert "proved" not in got


def _one(doc: str, line: int) -> tuple[str, str]:
    (f,) = [f for f in check(doc, "doc.md").findings if f.where.line == line and f.kind != "lint"]
    return f.status, f.message


def test_an_operator_before_a_product_is_left_unchecked_naming_its_reach():
    status, message = _one("$$y = w x$$\n\n$$\\partial_x y y = 2 y w$$\n", 3)
    assert status == "unchecked"
    assert "\\partial_x before a product" in message


def test_an_index_letter_as_the_subscript_is_not_read():
    doc = "$$z = \\sum_i w_i x_i$$\n\n$$\\partial_i z = w_i$$\n"
    status, message = _one(doc, 3)
    assert status == "unchecked"
    assert "\\partial_x is read with a name" in message


def test_a_d_over_a_name_stays_a_quotient():
    doc = "$$y = w x$$\n\n$$\\frac{d}{x} y = w$$\n"
    assert "proved" not in verdicts(doc).get(3, [])


def test_a_dot_over_a_function_applied_is_its_derivative():
    got = verdicts(DOTTED)
    assert got[5] == ["proved"]
    assert got[7] == ["proved"]


def test_the_derivative_of_a_function_by_the_variable_the_row_applies_it_to():
    got = verdicts(FUNCTION)
    assert got[3] == ["proved"]
    assert got[7] == ["proved"]


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (r"\frac{df}{dw} = f'(w x) x", "never applies to z itself"),  # the chain through w?
        (r"\frac{df}{dz}(u) = f'(u)", "before a bracket"),  # a point?
    ],
)
def test_a_derivative_of_a_function_whose_variable_is_unsaid_is_not_read(row, reason):
    status, message = _one(FUNCTION + f"\n$${row}$$\n", 9)
    assert status == "unchecked"
    assert reason in message
