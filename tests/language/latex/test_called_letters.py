"""Functions a document leaves unsaid whatever their letter (symbn.language.latex.upper.
only_called): a Latin letter written with a prime before a bracket (`h'(u)`) and written
nowhere but before a bracket is a function, as f and g are, so `y = h(w x + b)` and
`u = s(x)`, `v = r(u)` are read through `act` and `actb`; a letter also used as a value
(`y(1 - y)` beside `y = …`) stays a product."""

from __future__ import annotations

import pytest
from mutated import mutant_verdicts, verdicts

from symbn.language.latex.guessed import toml_of
from symbn.language.latex.texlex import tokenize
from symbn.language.latex.upper import only_called

ONE = r"""$$y = h(w x + b)$$

$$\frac{\partial y}{\partial w} = h'(w x + b) x$$
"""

TWO = r"""$$u = s(x)$$

$$v = r(u)$$

$$\frac{\partial v}{\partial x} = r'(u) s'(x)$$
"""


def test_a_primed_letter_only_ever_applied_is_an_unsaid_function():
    assert 'act = ["h"]' in toml_of(ONE, "doc.md")
    assert verdicts(ONE)[3] == ["proved"]
    assert verdicts(TWO)[5] == ["proved"]


@pytest.mark.parametrize(
    ("doc", "anchor", "old", "new"),
    [
        (ONE, "partial w}", "b) x", "b) w"),  # a variable
        (ONE, "partial w}", "b) x", "b) 2 x"),  # a coefficient
        (ONE, "partial w}", "h'(w x + b)", "h(w x + b)"),  # the prime dropped
        (TWO, "partial x}", "r'(u) s'(x)", "r'(x) s'(u)"),  # the arguments swapped
        (TWO, "partial x}", "r'(u) s'(x)", "s'(u) r'(x)"),  # one function for the other
    ],
)
def test_a_slip_is_never_proved(doc, anchor, old, new):
    got = mutant_verdicts(doc, anchor, old, new)
    assert got
    assert "proved" not in got


@pytest.mark.parametrize(
    ("row", "called"),
    [
        (r"y = h(x) + h'(x)", {"h"}),
        (r"y = h(x) + h'(x) + h_1", set()),  # h_1: a value
        (r"y = h(x) + h'(x) h", set()),  # h alone: a value
        (r"y = e'(x) + d'(x) + d(x)", set()),  # Euler's e, the differential d
    ],
)
def test_which_primed_letters_are_only_called(row, called):
    toks = tokenize(row)
    assert only_called([toks], frozenset({"h", "d", "e"})) == called


def test_a_letter_used_as_a_value_stays_a_product():
    doc = r"""With $\sigma$ the sigmoid:

$$y = \sigma(z)$$

$$\frac{\partial y}{\partial z} = y(1 - y)$$

$$\frac{\partial y}{\partial z} = y'(z)$$
"""
    assert verdicts(doc)[5] == ["proved"]
    assert "act" not in toml_of(doc, "doc.md")
