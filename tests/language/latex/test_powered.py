"""A whole power on a function's name before its argument (`\\tanh^2(z)`, `tanh^2(z)`) is
the power of the value; an inverse, a bare argument after a power, or a slip is never
proved."""

from __future__ import annotations

import pytest
from documents import slipped

from symbn.verify.document import check

DOC = r"""
The derivative of the hyperbolic tangent:

$$ \frac{\partial \tanh(z)}{\partial z} = 1 - \tanh^2(z) $$

and written in plain letters:

$$ \frac{\partial tanh(z)}{\partial z} = 1 - tanh^{2}(z) $$
"""


def test_a_power_on_a_function_name_is_the_power_of_its_value():
    statuses = [f.status for f in check(DOC, "doc.md").findings]
    assert statuses.count("proved") == 2


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (r"1 - \tanh^2(z)", r"1 - \tanh^3(z)"),
        (r"1 - \tanh^2(z)", r"1 + \tanh^2(z)"),
        (r"1 - tanh^{2}(z)", r"1 - tanh(z^2)"),
    ],
)
def test_a_slip_in_a_powered_function_is_refuted(old, new):
    got = slipped(DOC, old, new)
    assert got
    assert "proved" not in got
    assert "refuted" in got


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (r"1 - \tanh^2(z)", r"1 - \tanh^{-1}(z)"),
        (r"1 - \tanh^2(z)", r"1 - \tanh^2 z"),
    ],
)
def test_an_inverse_or_a_bare_argument_is_not_read(old, new):
    got = slipped(DOC, old, new)
    assert "proved" not in got
    assert "refuted" not in got


#: A power after a function's argument in parentheses held in braces, as SymPy prints
#: (log u)³: `\log{\left(u \right)}^{3}` shows as `\log(u)^3`, and is read so.
BRACED = r"""Let $x$ be a scalar.

$$\frac{d}{dx} \log{\left(x^{2}+1 \right)}^{3} = \frac{6x \log{\left(x^{2}+1 \right)}^{2}}{x^2+1}$$

$$ \frac{d}{dx} \tanh{(x)}^{2} = 2 \tanh(x) (1 - \tanh^2(x)) $$
"""


def test_a_power_after_braced_parentheses_is_the_power_of_the_value():
    statuses = [f.status for f in check(BRACED, "doc.md").findings]
    assert statuses.count("proved") == 2


@pytest.mark.parametrize(
    ("old", "new"),
    [  # each the derivative of the argument raised, which was proved
        (r"\frac{6x \log{\left(x^{2}+1 \right)}^{2}}{x^2+1}", r"\frac{6x}{x^2+1}"),
        (r"2 \tanh(x) (1 - \tanh^2(x))", r"2 x (1 - \tanh^2(x^2))"),
    ],
)
def test_the_power_of_the_argument_is_not_proved_for_braced_parentheses(old, new):
    got = slipped(BRACED, old, new)
    assert got
    assert "proved" not in got
    assert "refuted" in got


def test_braces_holding_more_than_the_parentheses_are_the_argument():
    doc = BRACED.replace(r"\tanh{(x)}^{2}", r"\log{(x) + 1}^{2}")
    found = [(f.where.line, f.status) for f in check(doc, "doc.md").findings]
    assert (5, "proved") not in found
