"""Shapes: matrix-level trees by NumPy's broadcasting and matrix products, read element by
element; size statements parsed and evaluated."""

from __future__ import annotations

import pytest

from symbn.language.latex.lowering import elementwise
from symbn.language.latex.printer import to_language
from symbn.language.latex.shapes import evaluate, parse_shape, shape_of
from symbn.language.latex.symbols import Symbols
from symbn.language.latex.texlex import tokenize
from symbn.language.latex.texmath import parse
from symbn.language.latex.tree import Letter, Number
from symbn.source.positions import TexError


def tree(text, bn):
    return parse(tokenize(text), bn)


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        ("h", ("N", "L")),
        (r"h - \mu", ("N", "L")),
        (r"\gamma \hat{h} + \beta", ("N", "L")),
        ("XW + b", ("N", "L")),
        (r"\frac{h - \mu}{\sqrt{\sigma^2 + \delta}}", ("N", "L")),
        (r"\mu^2", ("L",)),
        (r"h_{kl} + \delta", ()),
        (r"\frac{\partial u}{\partial h_{1,1}}", ("N", "L")),
    ],
)
def test_shapes_of_matrix_level_trees(text, shape, bn):
    assert shape_of(tree(text, bn), bn) == shape


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("WX", "W is D × L and X is N × D: they do not conform"),
        ("X + h", "does not broadcast"),
        (r"h^{\mu}", "an exponent is a number"),
    ],
)
def test_shapes_that_do_not_fit(text, message, bn):
    with pytest.raises(TexError, match=message):
        shape_of(tree(text, bn), bn)


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        (r"h - \mu", ("i", "j"), "h[i, j] - mu[j]"),
        ("XW + b", ("i", "j"), "sum(X[i, d]*W[d, j], d) + b[j]"),
        (r"\gamma \hat{h} + \beta", ("k", "l"), "gamma[l]*hhat[k, l] + beta[l]"),
        (r"\frac{\partial u}{\partial h_{1,1}}", ("k", "l"), "diff(u[k, l], h[1, 1])"),
        (
            r"\frac{h - \mu}{\sqrt{\sigma^2 + \delta}}",
            ("i", "j"),
            "(h[i, j] - mu[j])/sqrt(var[j] + delta)",
        ),
    ],
)
def test_elementwise_reads_the_tree_at_an_element(text, at, expected, bn):
    out = elementwise(tree(text, bn), tuple(Letter(x) for x in at), bn)
    assert to_language(out, bn) == expected


def test_elementwise_at_concrete_positions(bn):
    out = elementwise(tree(r"h - \mu", bn), (Number(1), Number(2)), bn)
    assert to_language(out, bn) == "h[1, 2] - mu[2]"


def test_a_product_needs_a_free_index_letter(bn):
    with pytest.raises(TexError, match="needs an index letter over D"):
        elementwise(tree("XW", bn), (Letter("i"), Letter("j")), bn, frozenset({"d"}))


def test_three_matrices_are_multiplied_from_the_left():
    s = Symbols(("N",), {"i": "N", "j": "N", "p": "N", "q": "N"}, {"A": ("N", "N")})
    assert shape_of(tree("AAA", s), s) == ("N", "N")
    at = elementwise(tree("AAA", s), (Letter("i"), Letter("j")), s)
    assert to_language(at, s) == "sum(sum(A[i, q]*A[q, p], q)*A[p, j], p)"


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        (r"N \times L", ("N", "L")),
        ("L", ("L",)),
        (r"N\times D \cdot D \times L + L", ("N", "L")),
        (r"N \times L + L", ("N", "L")),
    ],
)
def test_size_statements(text, shape, bn):
    toks = tokenize(text)
    assert evaluate(parse_shape(toks, bn, 0, len(toks))) == shape


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (r"N \times D \cdot L \times L", "do not conform"),
        (r"N \times L + D", "does not broadcast"),
    ],
)
def test_size_statements_that_do_not_fit(text, message, bn):
    toks = tokenize(text)
    with pytest.raises(TexError, match=message):
        evaluate(parse_shape(toks, bn, 0, len(toks)))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (r"N \times", "sizes joined by"),
        (r"N \times M", "'M' is not a size"),
    ],
)
def test_size_statements_that_cannot_be_read(text, message, bn):
    toks = tokenize(text)
    with pytest.raises(TexError, match=message):
        parse_shape(toks, bn, 0, len(toks))
