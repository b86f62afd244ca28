"""The printer: trees to the expression language, with parentheses where Python needs them,
and text that symbn.language.parse's whitelist parser accepts with the meaning of the tree."""

from __future__ import annotations

import pytest
import sympy as sp

from symbn.errors import Location
from symbn.language import parse
from symbn.language.indices import Index
from symbn.language.latex.printer import to_language
from symbn.language.latex.symbols import Symbols
from symbn.language.latex.tree import (
    Add,
    Call,
    Cases,
    Delta,
    Diff,
    Div,
    Dots,
    Letter,
    Matrix,
    Mul,
    Neg,
    Num,
    Number,
    Pow,
    Prime,
    Ref,
    Series,
    Sum,
)
from symbn.source.positions import TexError
from symbn.source.spec import Text as LangText

K, L_, P = Letter("k"), Letter("l"), Letter("p")
H = Ref("h", "tensor", (K, L_))
MU = Ref("mu", "tensor", (L_,))
N = Ref("N", "size")
TWO = Num("2")


def lang_scope(s: Symbols) -> parse.Scope:
    """A symbn.language.parse scope with the table's sizes, indices and tensors (all as inputs)."""
    scope = parse.Scope()
    for size in s.sizes:
        scope.sizes[size] = sp.Symbol(size, integer=True, positive=True)
    for letter, size in s.indices.items():
        scope.indices[letter] = Index(letter, scope.sizes[size])
    for name, shape in [*s.tensors.items(), (s.loss, ())]:
        dims = tuple(scope.sizes[d] for d in shape)
        base = sp.IndexedBase(name, shape=dims, real=True) if dims else sp.Symbol(name, real=True)
        scope.tensors[name] = (base, dims)
    return scope


def in_lang(text: str, s: Symbols) -> sp.Expr:
    return parse.parse(LangText(text, Location("claim", 1, 1, text)), lang_scope(s))


PRINTS = [
    (Add(((1, H), (-1, MU))), "h[k, l] - mu[l]"),
    (Add(((1, H), (-1, Add(((1, MU), (1, TWO)))))), "h[k, l] - (mu[l] + 2)"),
    (Add(((-1, Add(((1, MU), (1, TWO)))), (1, H))), "-(mu[l] + 2) + h[k, l]"),
    (Mul((Add(((1, MU), (1, TWO))), H), ("",)), "(mu[l] + 2)*h[k, l]"),
    (Mul((MU, Neg(H)), ("",)), "mu[l]*(-h[k, l])"),
    (Neg(Mul((MU, H), ("",))), "-mu[l]*h[k, l]"),
    (Div(Num("1"), N), "1/N"),
    (Div(MU, Mul((N, TWO), ("",))), "mu[l]/(N*2)"),
    (Div(Div(MU, N), TWO), "mu[l]/N/2"),
    (Div(MU, Div(N, TWO)), "mu[l]/(N/2)"),
    (Div(MU, Pow(N, TWO)), "mu[l]/N**2"),
    (Pow(Add(((1, MU), (1, TWO))), Neg(Div(Num("1"), TWO))), "(mu[l] + 2)**(-1/2)"),
    (Pow(Neg(MU), TWO), "(-mu[l])**2"),
    (Neg(Pow(MU, TWO)), "-mu[l]**2"),
    (Pow(Pow(MU, TWO), TWO), "(mu[l]**2)**2"),
    (Call("sqrt", Add(((1, MU), (1, TWO)))), "sqrt(mu[l] + 2)"),
    (Sum(Ref("h", "tensor", (P, L_)), ("p",)), "sum(h[p, l], p)"),
    (Diff(H, Ref("h", "tensor", (Letter("i"), Letter("j"))), "partial"), "diff(h[k, l], h[i, j])"),
    (Mul((Delta(Letter("i"), K), Delta(Letter("j"), L_)), ("",)), "Delta(i, k)*Delta(j, l)"),
    (Ref("h", "tensor", (Number(1), Number(2))), "h[1, 2]"),
    (Ref("loss", "loss"), "loss"),
]


@pytest.mark.parametrize(("node", "text"), PRINTS)
def test_trees_print_with_the_parentheses_python_needs(node, text, bn):
    assert to_language(node, bn) == text


@pytest.mark.parametrize("text", [t for _, t in PRINTS])
def test_printed_text_is_read_by_the_expression_language(text, bn):
    assert isinstance(in_lang(text, bn), sp.Expr)


def test_the_meaning_survives_printing(bn):
    # (mu_l + 2)^(-1/2) - mu_l/(N*2): the SymPy value of the printed text is the tree's
    tree = Add(
        (
            (1, Pow(Add(((1, MU), (1, TWO))), Neg(Div(Num("1"), TWO)))),
            (-1, Div(MU, Mul((N, TWO), ("",)))),
        )
    )
    got = in_lang(to_language(tree, bn), bn)
    assert sp.simplify(got - in_lang("1/sqrt(mu[l] + 2) - mu[l]/(2*N)", bn)) == 0
    assert sp.simplify(got - in_lang("1/sqrt(mu[l] + 2) - mu[l]/N*2", bn)) != 0


def test_a_prime_differentiates_by_the_variable_given(bn):
    wrt = Ref("h", "tensor", (Letter("i"), Letter("j")))
    assert to_language(Prime(H), bn, wrt=wrt) == "diff(h[k, l], h[i, j])"
    with pytest.raises(TexError, match="names none"):
        to_language(Prime(H), bn)


@pytest.mark.parametrize(
    ("node", "message"),
    [
        (Ref("h", "tensor"), "h is N × L; at index level write its indices"),
        (K, "the index k stands alone"),
        (Sum(H, None), "names no index"),
        (Diff(H, Ref("h", "tensor"), "partial"), "with respect to all of h"),
        (Diff(H, N, "partial"), "an element of a tensor"),
        (Series(((1, H), (1, Dots("\\cdots")))), "ellipsis here is not read"),
        (Dots("\\vdots"), "an ellipsis stands here"),
        (Cases(()), "row by row"),
        (Matrix("pmatrix", ()), "cell by cell"),
    ],
)
def test_what_the_language_cannot_say_is_refused(node, message, bn):
    with pytest.raises(TexError, match=message):
        to_language(node, bn)
