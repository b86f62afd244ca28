"""Cases rows as claims with substitutions and Delta factors, and their coverage."""

from __future__ import annotations

import pytest

from symbn.language.latex.cases import condition_text, coverage, restrict
from symbn.language.latex.printer import to_language
from symbn.language.latex.texlex import tokenize
from symbn.language.latex.texmath import parse
from symbn.source.positions import TexError

LEFT = r"\frac{\partial u_{k,l}}{\partial h_{i,j}}"


def cases(body, bn):
    return parse(tokenize(rf"\begin{{cases}} {body} \end{{cases}}"), bn)


def claims(body, bn):
    left = parse(tokenize(LEFT), bn)
    c = cases(body, bn)
    out = []
    for row in c.rows:
        sides = restrict(left, row, c, bn)
        out.append(
            None if sides is None else (condition_text(row), *(to_language(s, bn) for s in sides))
        )
    return out


def test_equalities_substitute_and_inequalities_multiply(bn):
    assert claims(
        r"k == i, l == j: 1 - \frac{1}{N} \\ k != i, l == j: - \frac{1}{N} \\ "
        r"k == i, l \neq j: 0 \\ k <> i, l != j: 0",
        bn,
    ) == [
        ("k == i, l == j", "diff(u[i, j], h[i, j])", "1 - 1/N"),
        ("k != i, l == j", "diff(u[k, j], h[i, j])*(1 - Delta(k, i))", "-1/N*(1 - Delta(k, i))"),
        ("k == i, l != j", "diff(u[i, l], h[i, j])*(1 - Delta(l, j))", "0*(1 - Delta(l, j))"),
        (
            "k != i, l != j",
            "diff(u[k, l], h[i, j])*(1 - Delta(k, i))*(1 - Delta(l, j))",
            "0*(1 - Delta(k, i))*(1 - Delta(l, j))",
        ),
    ]


def test_otherwise_is_one_minus_the_other_rows(bn):
    (_, (cond, lhs, rhs)) = claims(r"1 & k = i \\ 0 & \text{otherwise}", bn)
    assert cond == "otherwise"
    assert lhs == "diff(u[k, l], h[i, j])*(1 - Delta(k, i))"
    assert rhs == "0*(1 - Delta(k, i))"


def test_equal_numbers_and_different_numbers(bn):
    rows = claims(r"1 & k = 1 \\ 0 & 1 = 2", bn)
    assert rows[0][1] == "diff(u[1, l], h[i, j])"
    assert rows[1] is None  # never holds


def test_a_condition_across_ranges_is_refused(bn):
    left = parse(tokenize(LEFT), bn)
    c = cases(r"1 & k == l", bn)
    with pytest.raises(TexError, match="over N with one over L"):
        restrict(left, c.rows[0], c, bn)


def test_rows_covering_every_case_once_have_no_gaps_or_overlaps(bn):
    c = cases(
        r"1 & k == i, l == j \\ 2 & k != i, l == j \\ 3 & k == i, l != j \\ "
        r"4 & k != i, l != j",
        bn,
    )
    assert coverage(c) == []
    assert coverage(cases(r"1 & k == i \\ 0 & \text{otherwise}", bn)) == []


def test_a_gap_and_an_overlap_are_reported(bn):
    gap = coverage(cases(r"1 & k == i, l == j \\ 0 & k != i", bn))
    assert [m for _, m in gap] == ["no row of these cases covers k == i, l != j"]
    overlap = coverage(cases(r"1 & k == i \\ 0 & l == j", bn))
    assert [m for _, m in overlap] == [
        "rows 1 and 2 of these cases both cover k == i, l == j",
        "no row of these cases covers k != i, l != j",
    ]


def test_impossible_assignments_are_not_gaps(bn):
    # k == i and i == p force k == p: no row needs to cover k != p there
    c = cases(r"1 & k == i, i == p, k == p \\ 0 & k != i \\ 2 & k == i, i != p", bn)
    assert coverage(c) == []
    assert coverage(cases(r"1 & k == 1 \\ 2 & k == 2 \\ 0 & k != 1, k != 2", bn)) == []


def test_an_index_unequal_to_itself_never_holds(bn):
    """`k \\neq k`, or `k \\neq i` with k = i: the row would hold whatever its value."""
    rows = claims(r"1 & k = i \\ 0 & k \neq k \\ 2 & k = i, k \neq i \\ 0 & l != l", bn)
    assert rows[0] is not None
    assert rows[1] is None
    assert rows[2] is None
    assert rows[3] is None
    assert claims(r"0 & k \neq i", bn)[0] is not None
