"""A document of scalars only (symbn.language.latex.guess.all_scalar): no name carries an
index letter, no size, sum or shape is written. Its bare lower-case letters, alone or
numbered (`b`, `h_1`, `w_{11}`), that no line sizes are scalars, so `z = w x + b` and a
small network written weight by weight (`h_1 = g(x_1 w_{11} + x_2 w_{21})`) are read; a
letter also written numbered (t of `t^*_1` beside `t_1`) is not, nor are the letters of a
document that writes an index."""

from __future__ import annotations

import pytest
from mutated import display_verdicts, mutant_verdicts, verdicts

from symbn.language.latex.guess import all_scalar, scalar_letter
from symbn.language.latex.guessed import solved, toml_of
from symbn.source.document.formats import read_document

LINEAR = r"""$$z = w x + b$$

$$\frac{\partial z}{\partial w} = x$$

$$\frac{\partial z}{\partial b} = 1$$
"""

NETWORK = r"""$h_1 = g(x_1 w_{11} + x_2 w_{21})$

$h_2 = g(x_1 w_{12} + x_2 w_{22})$

$o_1 = f(h_1 u_{11} + h_2 u_{21})$

$E = \frac{1}{2} (o_1 - t_1)^2$

$$\frac{\partial E}{\partial u_{11}} = (o_1 - t_1) f'(h_1 u_{11} + h_2 u_{21}) h_1$$

$$\frac{\partial E}{\partial w_{11}} = (o_1 - t_1) f'(h_1 u_{11} + h_2 u_{21}) u_{11}
g'(x_1 w_{11} + x_2 w_{21}) x_1$$
"""


def test_the_bare_letters_of_a_scalar_document_are_scalars_and_its_lines_proved():
    got = verdicts(LINEAR)
    assert got[1] == ["defined"]
    assert got[3] == ["proved"]
    assert got[5] == ["proved"]
    assert "b = { shape = [] }" in toml_of(LINEAR, "doc.md")


@pytest.mark.parametrize(("old", "new"), [("= x", "= w"), ("= x", "= 2 x"), ("= x", "= -x")])
def test_a_slip_in_a_scalar_document_is_never_proved(old, new):
    got = mutant_verdicts(LINEAR, r"\partial w} = x", old, new)
    assert got
    assert "proved" not in got


def test_a_network_written_weight_by_weight_is_read_with_its_two_unsaid_functions():
    context = toml_of(NETWORK, "doc.md")
    for name in ("x1", "w21", "u21", "t1"):  # t_1: in E's definition, no loss
        assert f"{name} = {{ shape = []" in context
    assert 'act = ["f"]' in context
    assert 'actb = ["g"]' in context
    got = verdicts(NETWORK)
    assert got[9] == ["proved"]
    assert got[11] == ["proved"]


@pytest.mark.parametrize(
    ("anchor", "old", "new"),
    [
        ("u_{11}} = (o_1", "h_1$$", "h_2$$"),  # an index
        ("u_{11}} = (o_1", "(o_1 - t_1)", "(o_1 + t_1)"),  # a sign
        ("w_{11}} = (o_1", "u_{21}) u_{11}", "u_{21}) u_{21}"),  # an index
        ("g'(x_1", "g'(x_1", "f'(x_1"),  # one function for the other
        ("g'(x_1", "x_1$$", "x_2$$"),
    ],
)
def test_a_slip_in_the_network_is_never_proved(anchor, old, new):
    got = display_verdicts(NETWORK, anchor, old, new)
    assert got
    assert "proved" not in got


def test_a_product_that_looks_like_an_application_stays_a_product():
    doc = r"""With $\sigma$ the sigmoid:

$$a = \sigma(z)$$

$$\frac{\partial a}{\partial z} = a(1 - a)$$
"""
    assert verdicts(doc)[5] == ["proved"]
    assert "proved" not in verdicts(doc.replace("a(1 - a)", "a(1 + a)"))[5]


@pytest.mark.parametrize(
    "written", [r"\lVert y - t \rVert^2", r"\| y - t \|^2", "(y - t)^T (y - t)", r"y \odot t"]
)
def test_a_document_that_writes_a_norm_or_a_transpose_keeps_its_letters_unsaid(written):
    derivative = r"$$\frac{\partial L}{\partial w} = 2 (y - t) x$$"
    doc = f"$$L = {written}$$\n\n$$y = w x$$\n\n{derivative}\n"
    assert "proved" not in verdicts(doc).get(5, [])
    assert "t = { shape = [] }" not in toml_of(doc, "doc.md")


def test_a_document_that_writes_an_index_or_a_bold_name_is_no_scalar_document():
    scalar = solved(read_document(LINEAR, "doc.md"))
    assert all_scalar(scalar)
    for doc in (r"$$z = \sum_i w_i x_i + b$$", r"$$\mathbf{z} = W \mathbf{x} + b$$"):
        assert not all_scalar(solved(read_document(doc, "doc.md")))


@pytest.mark.parametrize(
    ("name", "names", "scalar"),
    [
        ("b", ["b", "w"], True),
        ("h1", ["h1"], True),
        ("t", ["t", "t1"], False),
        ("e", ["e"], False),
        ("W", ["W"], False),
        ("x_i", ["x_i"], False),
    ],
)
def test_which_letters_are_scalars(name, names, scalar):
    assert scalar_letter(name, names) == scalar
