"""symbn.texbreak: `width` measures LaTeX in rough letters, and `breaks` cuts a long expression at
its outermost + and - (and inside its widest bracketed factor or sum) into lines that fit the
limit, pack greedily, start with their sign, and put back together are the expression again."""

from __future__ import annotations

import itertools
import re

import pytest
import sympy as sp

from symbn import texbreak
from symbn.texprint import IndexLatexPrinter

X = sp.IndexedBase("x")
N, P, Q = sp.symbols("N p q")


def long_sum(terms: int = 29, base: sp.Expr = N, signs: str = "+") -> sp.Expr:
    """sum_k ±k x_k base^k, the sign of term k being signs[k % len(signs)]: many terms, none
    of them wide."""
    return sp.Add(*[(1 if signs[k % len(signs)] == "+" else -1) * k * X[k] * base**k
                    for k in range(1, terms + 1)])


def rejoined(lines: list[str]) -> str:
    """The lines as one line again, with the brackets that `breaks` opened across lines turned
    back into the \\left( \\right) that the printer writes around a factor."""
    return " ".join(lines).replace(r"\Bigl(", r"\left(").replace(r" \Bigr)", r"\right)")


def summed(lines: list[str], e: sp.Add, printer: IndexLatexPrinter) -> sp.Expr:
    """The terms printed in `lines`, each read back as the term of `e` printed that way and
    added with the sign in front of it."""
    terms = {printer.doprint(t): t for t in (-a if a.could_extract_minus_sign() else a
                                             for a in e.args)}
    text = " ".join(lines)
    text = text if text.startswith("- ") else "+ " + text
    found = re.findall(r"([+-]) (.+?)(?= [+-] |$)", text)
    assert found
    return sp.Add(*[(1 if sign == "+" else -1) * terms[term] for sign, term in found])


def test_breaks_cut_long_sums_into_lines_that_add_up():
    x = sp.IndexedBase("x")
    n = sp.Symbol("N")
    e = sp.Add(*[x[k] * n**k for k in range(1, 30)])
    lines = texbreak.breaks(e, IndexLatexPrinter(), 30)
    assert len(lines) > 3
    assert all(texbreak.width(line) <= 30 for line in lines)
    assert " ".join(lines).count("+") == 28


# -- width ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("tex", "want"), [
    ("abc", 3.0),
    ("a b", 2.0),  # spaces count nothing
    ("{ab}", 2.0),  # nor do braces
    ("a+b", 3.8),  # + - = are wider than a letter
    ("a=b-c", 6.6),
    (r"\alpha", 1.0),  # a command is one letter
    (r"\sum", 1.6),
    (r"\qquad", 2.0),
    (r"a\,b", 2.0),  # thin spaces count nothing
    ("x_{ij}", 2.4),  # sub- and superscripts count 0.7
    ("x^2", 1.7),
    (r"\frac{ab}{c}", 2.4),  # a fraction is as wide as its wider part
    (r"\frac{a}{bcd}", 3.4),
    (r"\mathrm{abc}", 3.0),  # an alphabet or an accent is as wide as its argument
    (r"\hat{h}", 1.0),
    (r"\left(x\right)", 2.0),  # \left( and \right) are half a letter each
    (r"\Bigl(x\Bigr)", 3.0),
    ("a & b", 2.0),  # alignment tabs count nothing
])
def test_width_in_rough_letters(tex, want):
    assert texbreak.width(tex) == pytest.approx(want)


def test_width_of_pieces_joined_by_a_space_is_their_sum():
    pieces = [r"\frac{1}{N} {x_{1}}", r"+ N^{2} {x_{2}}", r"- \sqrt{\sigma^2_{l} + \delta}"]
    assert texbreak.width(" ".join(pieces)) == pytest.approx(
        sum(texbreak.width(p) for p in pieces))


# -- breaks ---------------------------------------------------------------------------------------
def test_an_expression_that_fits_stays_as_printed():
    printer = IndexLatexPrinter()
    e = long_sum(3)
    assert texbreak.breaks(e, printer, 60) == [printer.doprint(e)]


@pytest.mark.parametrize("signs", ["+", "+-", "-"])
@pytest.mark.parametrize("limit", [20, 30, 45, 80])
def test_lines_of_a_broken_sum_fit_and_add_up_to_the_sum(signs, limit):
    printer = IndexLatexPrinter()
    e = long_sum(signs=signs)
    lines = texbreak.breaks(e, printer, limit)
    assert len(lines) > 1
    assert all(texbreak.width(line) <= limit for line in lines)
    assert sp.expand(summed(lines, e, printer) - e) == 0
    assert " ".join(lines) == printer.doprint(e)


@pytest.mark.parametrize("limit", [20, 30, 45])
def test_lines_are_packed_greedily(limit):
    lines = texbreak.breaks(long_sum(signs="+-"), IndexLatexPrinter(), limit)
    for this, following in itertools.pairwise(lines):
        assert texbreak.width(this) + texbreak.width(following) > limit, (this, following)


def test_continuation_lines_start_with_their_sign():
    lines = texbreak.breaks(long_sum(signs="+-"), IndexLatexPrinter(), 30)
    assert lines[0].startswith("- ")  # the first term is -29 N^29 x_29
    assert all(line.startswith(("+ ", "- ")) for line in lines[1:])
    assert {line[0] for line in lines[1:]} == {"+", "-"}


def test_a_single_term_that_is_too_wide_stays_whole():
    printer = IndexLatexPrinter()
    e = sp.Mul(*[X[k] for k in range(1, 40)])
    assert texbreak.width(printer.doprint(e)) > 20
    assert texbreak.breaks(e, printer, 20) == [printer.doprint(e)]


@pytest.mark.parametrize(("e", "head"), [
    (N * long_sum(), r"N \Bigl("),
    (-N * long_sum(), r"- N \Bigl("),
    (sp.Sum(long_sum(19, P), (P, 1, N)), r"\sum_{p=1}^{N} \Bigl("),
])
def test_a_wide_factor_or_sum_is_broken_inside_brackets_across_lines(e, head):
    printer = IndexLatexPrinter()
    lines = texbreak.breaks(e, printer, 50)
    assert len(lines) > 2
    assert lines[0].startswith(head)
    assert lines[-1].endswith(r" \Bigr)")
    text = "\n".join(lines)
    assert text.count(r"\Bigl(") == text.count(r"\Bigr)") == 1
    assert all(line.startswith(("+ ", "- ")) for line in lines[1:])
    assert rejoined(lines) == printer.doprint(e)
    assert all(texbreak.width(line) <= 50 for line in lines)


def test_a_wide_factor_that_fits_once_opened_keeps_plain_brackets():
    printer = IndexLatexPrinter()
    e = X[1] * X[2] * X[3] * long_sum(4)
    lines = texbreak.breaks(e, printer, 30)
    assert len(lines) == 1
    assert r"\left(" in lines[0]
    assert r"\Bigl(" not in lines[0]
    assert lines == [printer.doprint(e)]


def _opened(factors: sp.Expr, body: sp.Expr) -> str:
    """factors (body) on one line, as `breaks` writes it: the factors before the bracket."""
    printer = IndexLatexPrinter()
    return printer.doprint(factors) + r" \left(" + printer.doprint(body) + r"\right)"


@pytest.mark.parametrize(("e", "whole"), [
    (sp.Sum(long_sum(19, P) + Q, (P, 1, N), (Q, 1, N)),
     IndexLatexPrinter().doprint(sp.Sum(long_sum(19, P) + Q, (P, 1, N), (Q, 1, N)))),
    (sp.Mul(*[X[k] for k in range(30, 36)]) * long_sum(),
     _opened(sp.Mul(*[X[k] for k in range(30, 36)]), long_sum())),
], ids=["sum-limits", "wide-factors"])
def test_the_head_before_opened_brackets_counts_towards_the_limit(e, whole):
    lines = texbreak.breaks(e, IndexLatexPrinter(), 30)
    head = whole.split(r"\left(", 1)[0] + r"\Bigl("
    assert texbreak.width(head) > 8  # wider than the 4 letters breaks used to keep for it
    assert lines[0].startswith(head)
    assert lines[0] != head  # a term follows the bracket on the first line
    assert all(texbreak.width(line) <= 30 for line in lines), [texbreak.width(t) for t in lines]
    assert all(line.startswith(("+ ", "- ")) for line in lines[1:])
    assert rejoined(lines) == whole


def test_a_head_too_wide_for_a_term_after_it_stands_alone_with_its_bracket():
    printer = IndexLatexPrinter()
    factors = sp.Mul(*[X[k] for k in range(30, 40)])  # 24 letters: 30 leave no room for a term
    lines = texbreak.breaks(factors * long_sum(), printer, 30)
    assert lines[0] == printer.doprint(factors) + r" \Bigl("
    assert all(texbreak.width(line) <= 30 for line in lines), [texbreak.width(t) for t in lines]
    assert rejoined(lines).replace(r"\left( ", r"\left(") == _opened(factors, long_sum())
