"""Functions a document applies and never defines (`h(x)`, `p(q(x))`), read as any
function: a line true of every function is proved, one that is not is never proved."""

from __future__ import annotations

import pytest

from symbn.language.latex.guessed import toml_of
from symbn.source.context import read_any, read_context
from symbn.verify.document import check

CHAIN = r"""# Two functions, one inside the other

Let $p$ and $q$ be differentiable.

$$\frac{d}{dx} p(q(x)) = p'(q(x)) \, q'(x)$$
"""

SUMMED = r"""# A sum of a function of each element

$$L = \sum_i h(x_i)$$

$$\frac{\partial L}{\partial x_j} = h'(x_j)$$

$$\frac{\partial h(x_i)}{\partial x_j} = h'(x_i) \delta_{ij}$$
"""


def _rows(text: str) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for f in check(text, "doc.md").findings:
        if f.kind != "lint" and f.status != "warning":
            out.setdefault(f.where.line, []).append(f.status)
    return out


def _row(text: str, piece: str) -> list[str]:
    line = next(k for k, x in enumerate(text.split("\n"), 1) if piece in x)
    return _rows(text).get(line, [])


def test_the_chain_rule_through_two_unsaid_functions_is_proved():
    assert _row(CHAIN, "p'(q(x))") == ["proved"]
    context = toml_of(CHAIN, "doc.md")
    assert 'act = ["p"]' in context
    assert 'actb = ["q"]' in context


@pytest.mark.parametrize(
    "slip",
    [
        r"p'(q(x))",  # the inner derivative left out
        r"p'(x) \, q'(x)",  # the outer one at the wrong argument
        r"q'(q(x)) \, q'(x)",  # one function taken for the other
        r"p'(q(x)) \, q(x)",  # the inner function for its derivative
    ],
)
def test_a_slip_in_the_chain_rule_is_never_proved(slip):
    text = CHAIN.replace(r"p'(q(x)) \, q'(x)", slip)
    got = _row(text, "\\frac{d}{dx}")
    assert got
    assert "proved" not in got


def test_three_unsaid_functions_are_three_functions():
    text = r"""# Three functions

$$\frac{d}{dx} \left( h(x) p(x) \right) = h'(x) p(x) + h(x) p'(x)$$

$$\frac{d}{dx} \log q(x) = \frac{q'(x)}{q(x)}$$

$$\frac{d}{dx} \left( h(x) p(x) \right) = h'(x) p'(x)$$
"""
    context = toml_of(text, "doc.md")
    assert all(f'{a} = ["{x}"]' in context for a, x in (("act", "h"), ("actb", "p"), ("actc", "q")))
    assert _row(text, "h'(x) p(x) +") == ["proved"]
    assert _row(text, "\\log q(x)") == ["proved"]
    assert "proved" not in _row(text, "= h'(x) p'(x)")


def test_a_function_of_each_element_differentiates_with_a_kronecker_delta():
    assert _row(SUMMED, "= h'(x_j)") == ["proved"]
    assert _row(SUMMED, "\\delta_{ij}") == ["proved"]


@pytest.mark.parametrize(
    ("old", "new", "row"),
    [
        ("= h'(x_j)$$", r"= \sum_i h'(x_i)$$", "L}"),  # every element's slope
        ("= h'(x_j)$$", "= h(x_j)$$", "L}"),  # the function for its slope
        (r"= h'(x_i) \delta_{ij}", "= h'(x_j)", "h(x_i)}"),  # the delta left out
        (r"h'(x_i) \delta_{ij}", r"h'(x_j) \delta_{ij} + h'(x_i)", "h(x_i)}"),  # a term too many
    ],
)
def test_a_slip_in_a_sum_of_a_function_is_never_proved(old, new, row):
    text = SUMMED.replace(old, new)
    assert text != SUMMED
    got = _row(text, row)
    assert got
    assert "proved" not in got


def test_a_letter_also_written_alone_is_no_function():
    text = r"""# A letter applied and alone

$$y = f(x)$$

$$\frac{d y}{d x} = f'(x)$$

$$z = f x$$
"""
    rows = _rows(text)
    assert all(got == ["unchecked"] for got in rows.values())
    assert all("f" in f.message for f in check(text, "doc.md").findings if f.kind != "lint")
    assert "act = " not in toml_of(text, "doc.md")


def test_a_function_of_two_arguments_is_not_proved():
    text = r"""# Two arguments

$$\frac{\partial}{\partial x} h(x, y) = h'(x, y)$$

$$u = g(a) + g(a, b)$$
"""
    assert all("proved" not in got for got in _rows(text).values())
    assert "act" not in toml_of(text, "doc.md")  # neither is read as a function of one


def test_a_scalar_written_before_a_bracket_is_still_a_product():
    text = r"""# A scale

$$y = h(x + b)$$

$$\frac{\partial y}{\partial x} = h$$

$$\frac{\partial y}{\partial b} = h + 1$$
"""
    assert _row(text, "= h$$") == ["proved"]
    assert "proved" not in _row(text, "= h + 1$$")


def test_with_a_context_a_slip_is_refuted_for_a_function_it_names():
    text = CHAIN.replace(r"p'(q(x)) \, q'(x)", r"p'(x) \, q'(x)")
    context = read_context("doc.md", toml_of(CHAIN, "doc.md").encode())
    got = [f for f in check(text, "doc.md", context).findings if f.where.line == 5]
    assert [f.status for f in got] == ["refuted"]
    assert any("actb(x) = tanh(2x)/2 + x/3" in d for d in got[0].details)
    assert [f.status for f in check(CHAIN, "doc.md", context).findings if f.where.line == 5] == [
        "proved"
    ]


SCORED = r"""# A score inside a likelihood

Here $\sigma$ is the sigmoid.

$$L = \sum_i \left( y_i \log \sigma(f(x_i)) + (1 - y_i) \log(1 - \sigma(f(x_i))) \right)$$

$$\frac{\partial L}{\partial x_j} = (y_j - \sigma(f(x_j))) f'(x_j)$$
"""


@pytest.mark.parametrize(
    ("claim", "proved"),
    [
        (r"(y_j - \sigma(f(x_j))) f'(x_j)", True),
        (r"(y_j - \sigma(f(x_j)))", False),  # the score's slope left out
        (r"(y_j - \sigma(f(x_j))) f'(y_j)", False),  # at the label, not the input
    ],
)
def test_an_unsaid_score_inside_a_named_function(claim, proved):
    text = SCORED.replace(r"(y_j - \sigma(f(x_j))) f'(x_j)", claim)
    got = _row(text, "\\partial L}")
    assert got
    assert (got == ["proved"]) is proved
    assert "sigmoid" in toml_of(text, "doc.md")


def test_a_derivative_written_of_the_bare_letter_leaves_it_a_function():
    text = r"""# Named derivative

$$y = h(u)$$

$$\frac{\partial y}{\partial u} = h'(u)$$

$$\frac{\partial y}{\partial u} = {\partial h \over \partial u}$$
"""
    assert 'act = ["h"]' in toml_of(text, "doc.md")
    assert _row(text, "= h'(u)") == ["proved"]
    assert "refuted" not in _row(text, "\\over")


def test_the_derivative_of_the_letter_alone_is_read_where_the_row_applies_it():
    text = r"""# Named

$$y = h(x)$$

$$\frac{d h}{d x} = h'(x)$$

$$\frac{d h}{d x} = h(x)$$

$$\frac{d y}{d x} = \frac{d h}{d x}$$
"""
    assert _row(text, "= h'(x)") == ["proved"]
    assert "proved" not in _row(text, "= h(x)$$")
    assert _row(text, "{d y}") == ["unchecked"]  # which variable h is of: not read here


def test_a_letter_a_partial_context_declares_a_tensor_is_no_function():
    text = r"""# A scale the context declares

$$y = h(x + b)$$

$$\frac{\partial y}{\partial b} = h'(x + b)$$
"""
    assert _row(text, "h'(x + b)") == ["proved"]  # with no context: h is any function
    partial = read_any("doc.toml", b"[inputs]\nh = { shape = [] }\n")
    got = [f for f in check(text, "doc.md", partial).findings if f.where.line == 5]
    assert got
    assert "proved" not in [f.status for f in got]  # h is a scalar: h(x + b) a product


THROUGH = r"""# A function left unsaid

$$
y = f(x) + 1
$$

$$
y - 1 = \sqrt{x}
$$
"""


def test_a_refutation_through_a_definition_that_uses_an_unsaid_function_is_held_back():
    """y = f(x) + 1 with f left unsaid (any function): a line about y that is refuted only
    by that reading is held back with the reason, as a line that writes f itself is."""
    found = check(THROUGH, "doc.md").findings
    (last,) = [f for f in found if f.where.line == 8 and f.kind == "claim"]
    assert last.status == "unchecked"
    assert "leaves unsaid is read as any function (in the definition of y)" in last.message
