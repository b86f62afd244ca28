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
