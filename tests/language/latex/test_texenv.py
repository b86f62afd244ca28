"""Environments in an equation: cases rows in each style, matrices with dots."""

from __future__ import annotations

import pytest

from symbn.language.latex.subscripts import bind_sums
from symbn.language.latex.texlex import tokenize
from symbn.language.latex.texmath import parse
from symbn.language.latex.tree import Cases, Dots, Matrix, Num, Unread
from symbn.source.positions import TexError


def tree(text, bn):
    return bind_sums((parse(tokenize(text), bn),))[0]


def test_cases_in_each_style(bn):
    c = tree(
        r"""\begin{cases}
        k == i, l == j: 1 - \frac{1}{N} \\
        k != i, l \neq j: 0 \\
        \end{cases}""",
        bn,
    )
    assert isinstance(c, Cases)
    assert [(x.left.name, x.op, x.right.name) for x in c.rows[1].conditions] == [
        ("k", "!=", "i"),
        ("l", "!=", "j"),
    ]
    d = tree(r"\begin{cases} 1, i == k \\ 0, i <> k \end{cases}", bn)
    assert [r.value for r in d.rows] == [Num("1"), Num("0")]
    assert d.rows[1].conditions[0].op == "!="
    e = tree(r"\begin{cases} 1 & \text{if } i = k \\ 0 & \text{otherwise} \end{cases}", bn)
    assert e.rows[0].conditions[0].op == "=="
    assert e.rows[1].otherwise


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (r"\begin{cases} 1 \end{cases}", "needs a condition"),
        (r"\begin{cases} 1 & k < i \end{cases}", "is not ==, =, !=, <> or \\neq"),
        (r"\begin{cases} 1 & k \end{cases}", "compares two indices"),
        (r"\begin{cases} 1 & k == i & x \end{cases}", "at most two cells"),
    ],
)
def test_cases_rows_that_cannot_be_read(text, message, bn):
    (row,) = tree(text, bn).rows
    assert isinstance(row.value, Unread)
    assert message in row.value.message


def test_matrix_cells_and_dots(bn):
    m = tree(
        r"""\begin{pmatrix}
        1 - \frac{1}{N} & 0 & \cdots & 0 \\
        \vdots & \vdots & \ddots & \vdots \\
        -\frac{1}{N} & 0 & \cdots & 0 \\
        \end{pmatrix}""",
        bn,
    )
    assert isinstance(m, Matrix)
    assert [len(r) for r in m.rows] == [4, 4, 4]
    assert all(isinstance(c, Dots) for c in m.rows[1])
    assert isinstance(m.rows[0][2], Dots)


def test_an_empty_matrix_cell_is_refused(bn):
    with pytest.raises(TexError, match="empty matrix cell"):
        tree(r"\begin{pmatrix} 1 & & 2 \end{pmatrix}", bn)
