"""symbn.texbreak: `width` measures LaTeX in rough letters, and `breaks` cuts a long expression at
its outermost + and - (and inside its widest bracketed factor or sum) into lines that fit the
limit, pack greedily, start with their sign, and put back together are the expression again."""

from __future__ import annotations

import itertools
import re

import pytest
import sympy as sp

from symbn.emit.latex import texbreak
from symbn.emit.latex.texprint import IndexLatexPrinter

X = sp.IndexedBase("x")
N, P, Q = sp.symbols("N p q")


def long_sum(terms: int = 29, base: sp.Expr = N, signs: str = "+") -> sp.Expr:
    """sum_k ±k x_k base^k, the sign of term k being signs[k % len(signs)]: many terms, none
    of them wide."""
    return sp.Add(
        *[
            (1 if signs[k % len(signs)] == "+" else -1) * k * X[k] * base**k
            for k in range(1, terms + 1)
        ]
    )


def rejoined(lines: list[str]) -> str:
    """The lines as one line again, with the brackets that `breaks` opened across lines turned
    back into the \\left( \\right) that the printer writes around a factor."""
    return " ".join(lines).replace(r"\Bigl(", r"\left(").replace(r" \Bigr)", r"\right)")


def summed(lines: list[str], e: sp.Add, printer: IndexLatexPrinter) -> sp.Expr:
    """The terms printed in `lines`, each read back as the term of `e` printed that way and
    added with the sign in front of it."""
    terms = {
        printer.doprint(t): t for t in (-a if a.could_extract_minus_sign() else a for a in e.args)
    }
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
@pytest.mark.parametrize(
    ("tex", "want"),
    [
        ("abc", 3.0),
        ("a b", 2.0),  # spaces count nothing
        ("{ab}", 2.0),  # nor do braces
        ("N", 1.4),  # capitals are wider
        ("a+b", 4.4),  # + and - count the medium spaces around them
        ("a=b-c", 8.0),  # and = its thick ones
        (r"\alpha", 1.0),  # a command is one letter
        (r"\sum", 2.9),  # a displayed sum is wider, with the thin space after it
        (r"\sum_{k=1}^{N}", 3.52),  # or as wide as its limits when they are wider
        (r"\sum_{p}", 2.9),
        (r"\qquad", 4.0),
        (r"a\,b", 2.3),  # a thin space
        ("x_{ij}", 2.4),  # sub- and superscripts count 0.7
        ("x^2", 1.7),
        (r"\frac{ab}{c}", 2.4),  # a fraction is as wide as its wider part
        (r"\frac{a}{bcd}", 3.4),
        (r"\overset{(12)}{=}", 2.6),  # a label over an equals sign is not wider than it
        (r"\mathrm{abc}", 3.0),  # an alphabet or an accent is as wide as its argument
        (r"\hat{h}", 1.0),
        ("(x)", 2.6),  # brackets are narrower than a letter
        (r"\left(x\right)", 3.2),  # sized ones wider
        (r"\Bigl(x\Bigr)", 3.2),
        (r"\left.x\right)", 2.1),  # a null delimiter is nothing
        (r"\{x\}", 2.6),
        (r"\sqrt{x}", 2.8),
        (r"\begin{bmatrix} a \end{bmatrix}", 1.0),  # environment names are not printed
        ("a & b", 2.0),  # alignment tabs count nothing
        (r"a \\ b", 2.0),  # nor do row ends
    ],
)
def test_width_in_rough_letters(tex, want):
    assert texbreak.width(tex) == pytest.approx(want)


def test_width_of_pieces_joined_by_a_space_is_their_sum():
    pieces = [r"\frac{1}{N} {x_{1}}", r"+ N^{2} {x_{2}}", r"- \sqrt{\sigma^2_{l} + \delta}"]
    assert texbreak.width(" ".join(pieces)) == pytest.approx(sum(texbreak.width(p) for p in pieces))


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


@pytest.mark.parametrize(
    ("e", "head"),
    [
        (N * long_sum(), r"N \Bigl("),
        (-N * long_sum(), r"- N \Bigl("),
        (sp.Sum(long_sum(19, P), (P, 1, N)), r"\sum_{p=1}^{N} \Bigl("),
    ],
)
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


def test_a_wide_factor_is_opened_even_when_only_its_closing_bracket_sticks_out():
    printer = IndexLatexPrinter()
    e = X[1] * X[2] * X[3] * long_sum(4)
    limit = texbreak.width(printer.doprint(e)) - 0.5
    lines = texbreak.breaks(e, printer, limit)
    assert len(lines) == 2
    assert lines[0].startswith(r"{x_{1}} {x_{2}} {x_{3}} \Bigl(")
    assert all(texbreak.width(line) <= limit for line in lines)
    assert rejoined(lines) == _opened(X[1] * X[2] * X[3], long_sum(4))


def test_a_wide_factor_that_fits_keeps_plain_brackets():
    printer = IndexLatexPrinter()
    e = X[1] * X[2] * X[3] * long_sum(4)
    limit = texbreak.width(printer.doprint(e))
    assert texbreak.breaks(e, printer, limit) == [printer.doprint(e)]
    assert r"\left(" in printer.doprint(e)


def _opened(factors: sp.Expr, body: sp.Expr) -> str:
    """factors (body) on one line, as `breaks` writes it: the factors before the bracket."""
    printer = IndexLatexPrinter()
    return printer.doprint(factors) + r" \left(" + printer.doprint(body) + r"\right)"


@pytest.mark.parametrize(
    ("e", "whole"),
    [
        (
            sp.Sum(long_sum(19, P) + Q, (P, 1, N), (Q, 1, N)),
            IndexLatexPrinter().doprint(sp.Sum(long_sum(19, P) + Q, (P, 1, N), (Q, 1, N))),
        ),
        (
            sp.Mul(*[X[k] for k in range(30, 36)]) * long_sum(),
            _opened(sp.Mul(*[X[k] for k in range(30, 36)]), long_sum()),
        ),
    ],
    ids=["sum-limits", "wide-factors"],
)
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


# -- arrays of numbers ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "tex"),
    [
        (3, "3"),
        (-2, "-2"),
        (0.5, "0.5"),
        (-2.4375, "-2.4375"),
        (2.0, "2"),
        (1e-07, r"1 \times 10^{-7}"),
        (1.5e20, r"1.5 \times 10^{20}"),
    ],
)
def test_numbers_print_exactly(value, tex):
    assert texbreak.number(value) == tex


def test_small_arrays_are_one_row_each():
    assert texbreak.values(r"\delta", 1.9375, 50) == [(r"\delta", "1.9375")]
    assert texbreak.values(r"\gamma", [0.25, 3], 50) == [
        (r"\gamma", r"\begin{bmatrix} 0.25 & 3 \end{bmatrix}")
    ]
    assert texbreak.values("h", [[1, 2], [3, -4]], 50) == [
        ("h", r"\begin{bmatrix} 1 & 2 \\ 3 & -4 \end{bmatrix}")
    ]


def matrix_cells(tex: str) -> list[list[str]]:
    body = tex.removeprefix(r"\begin{bmatrix} ").removesuffix(r" \end{bmatrix}")
    return [row.split(" & ") for row in body.split(r" \\ ")]


@pytest.mark.parametrize(
    ("rows", "columns", "limit"), [(2, 30, 40), (13, 9, 40), (25, 3, 80), (1, 1, 5)]
)
def test_a_large_matrix_is_cut_into_named_blocks_that_fit(rows, columns, limit):
    value = [[(r * columns + c) / 16 - 2 for c in range(columns)] for r in range(rows)]
    blocks = texbreak.values("h", value, limit)
    seen = {}
    for lhs, tex in blocks:
        cells = matrix_cells(tex)
        assert len(cells) <= texbreak.MAX_ROWS
        assert len({len(row) for row in cells}) == 1
        # the block's lhs names where it stands: h_{rows,columns}, a dot for a whole axis
        found = re.fullmatch(r"\{h_\{(.+),(.+)\}\}", lhs) if len(blocks) > 1 else None
        assert (found is None) == (len(blocks) == 1)
        first = (
            [1, 1]
            if found is None
            else [1 if axis == r"\cdot" else int(axis.split(" ")[0]) for axis in found.groups()]
        )
        for r, row in enumerate(cells):
            for c, cell in enumerate(row):
                seen[first[0] + r, first[1] + c] = cell
        columns_width = (
            len(cells[0]) * (max(texbreak.width(c) for row in cells for c in row) + 1.8) + 2.2
        )
        assert columns_width <= limit or len(cells[0]) == 1
    assert seen == {
        (r + 1, c + 1): texbreak.number(value[r][c]) for r in range(rows) for c in range(columns)
    }


def test_an_array_of_three_axes_is_shown_slice_by_slice():
    blocks = texbreak.values("T", [[[1, 2], [3, 4]], [[5, 6], [7, 8]]], 50)
    assert blocks == [
        (r"{T_{1,\cdot,\cdot}}", r"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}"),
        (r"{T_{2,\cdot,\cdot}}", r"\begin{bmatrix} 5 & 6 \\ 7 & 8 \end{bmatrix}"),
    ]


def test_a_long_vector_is_cut_into_ranges():
    blocks = texbreak.values("g", list(range(30)), 30)
    assert len(blocks) > 2
    assert blocks[0][0].startswith(r"{g_{1 \ldots ")
    assert [c for _, tex in blocks for c in matrix_cells(tex)[0]] == [str(n) for n in range(30)]


def test_a_summed_product_is_broken_after_its_sums():
    printer = IndexLatexPrinter()
    e = sp.Sum(X[P] * long_sum(), (P, 1, N))
    lines = texbreak.breaks(e, printer, 40)
    assert len(lines) > 2
    assert lines[0].startswith(r"\sum_{p=1}^{N} {x_{p}} \Bigl(")
    assert all(texbreak.width(line) <= 40 for line in lines)
    assert rejoined(lines) == r"\sum_{p=1}^{N} " + _opened(X[P], long_sum())
