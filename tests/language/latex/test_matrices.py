"""Where the cells of a matrix written with dots stand."""

from __future__ import annotations

from symbn.language.latex.matrices import cells, dots_rows, minimums, positions
from symbn.language.latex.texlex import tokenize
from symbn.language.latex.texmath import parse
from symbn.language.latex.tree import Last, Number


def matrix(body, bn):
    return parse(tokenize(rf"\begin{{pmatrix}} {body} \end{{pmatrix}}"), bn)


def named(p):
    if p is None:
        return None
    return tuple(str(i.value) if isinstance(i, Number) else i.size for i in p)


def test_rows_before_the_dots_count_up_and_the_last_row_is_the_size(bn):
    m = matrix(
        r"1 & 2 & \cdots & 3 \\ 4 & 5 & \cdots & 6 \\ \vdots & \vdots & \ddots & \vdots"
        r" \\ 7 & 8 & \cdots & 9",
        bn,
    )
    assert dots_rows(m) == [2]
    assert [[named(p) for p in row] for row in positions(m, ("N", "L"))] == [
        [("1", "1"), ("1", "2"), None, ("1", "L")],
        [("2", "1"), ("2", "2"), None, ("2", "L")],
        [None, None, None, None],
        [("N", "1"), ("N", "2"), None, ("N", "L")],
    ]


def test_a_second_to_last_row_has_no_name(bn):
    m = matrix(r"1 \\ \vdots \\ 2 \\ 3", bn)
    assert [named(p) for row in positions(m, ("N", "L")) for p in row] == [
        ("1", "1"),
        None,
        None,
        ("N", "1"),
    ]


def test_a_matrix_without_dots_is_counted_out(bn):
    m = matrix(r"1 & 2 \\ 3 & 4", bn)
    assert [named(p) for row in positions(m, ("N", "L")) for p in row] == [
        ("1", "1"),
        ("1", "2"),
        ("2", "1"),
        ("2", "2"),
    ]


def test_vectors_as_a_column_or_a_row(bn):
    col = matrix(r"1 \\ \vdots \\ 2", bn)
    assert [named(p) for row in positions(col, ("N",)) for p in row] == [("1",), None, ("N",)]
    row = matrix(r"1 & \cdots & 2", bn)
    assert [named(p) for r in positions(row, ("L",)) for p in r] == [("1",), None, ("L",)]


def test_cells_leave_out_the_dots(bn):
    m = matrix(r"1 & \cdots & 2", bn)
    assert [(c.text, p) for c, p in cells(m, ("N", "L"))] == [
        ("1", (Number(1), Number(1))),
        ("2", (Number(1), Last("L"))),
    ]


def test_the_positions_shown_are_distinct_so_the_sizes_are_at_least_their_count(bn):
    m = matrix(
        r"1 & 2 & \cdots & 3 \\ 4 & 5 & \cdots & 6 \\ \vdots & \vdots & \ddots & \vdots"
        r" \\ 7 & 8 & \cdots & 9",
        bn,
    )
    assert minimums(m, ("N", "L")) == {"N": 3, "L": 3}
    wide = matrix(
        r"1 & 2 & 3 & \cdots & 4 \\ \vdots & \vdots & \ddots & \vdots \\"
        r" 5 & 6 & 7 & \cdots & 8",
        bn,
    )
    assert minimums(wide, ("N", "L")) == {"N": 2, "L": 4}
    # a second-to-last row is a position of its own: 1, …, N-1, N
    assert minimums(matrix(r"1 \\ \vdots \\ 2 \\ 3", bn), ("N", "L")) == {"N": 3}
    assert minimums(matrix(r"1 & 2 \\ 3 & 4", bn), ("N", "L")) == {"N": 2, "L": 2}
    assert minimums(matrix(r"1 \\ \vdots", bn), ("N", "L")) == {"N": 2}
    assert minimums(matrix(r"1 & 2", bn), ("N", "L")) == {"L": 2}


def test_a_vector_implies_the_size_of_its_one_axis(bn):
    assert minimums(matrix(r"1 \\ 2 \\ \vdots \\ 3", bn), ("N",)) == {"N": 3}
    assert minimums(matrix(r"1 & \cdots & 2", bn), ("L",)) == {"L": 2}
    assert minimums(matrix(r"1", bn), ("L",)) == {}
