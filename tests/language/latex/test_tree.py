"""Syntax trees: equality without spans, walking, free indices, substitution."""

from __future__ import annotations

from symbn.language.latex.tree import (
    Add,
    Letter,
    Mul,
    Num,
    Number,
    Ref,
    Sum,
    children,
    free_indices,
    rebuild,
    substitute,
    walk,
)
from symbn.source.positions import Span


def h(a, b, at=0):
    return Ref("h", "tensor", (a, b), span=Span(at, at + 6))


def test_nodes_are_equal_wherever_they_are_written():
    assert h(Letter("k"), Number(1), at=0) == h(Letter("k"), Number(1), at=40)
    assert h(Letter("k"), Number(1)) != h(Letter("k"), Number(2))
    assert hash(Letter("k", span=Span(1, 2))) == hash(Letter("k"))


def test_children_and_walk_in_written_order():
    e = Add(((1, h(Letter("k"), Letter("l"))), (-1, Num("2"))))
    assert children(e) == (h(Letter("k"), Letter("l")), Num("2"))
    assert [type(n).__name__ for n in walk(e)] == ["Add", "Ref", "Letter", "Letter", "Num"]


def test_free_indices_in_order_of_first_use_without_bound_ones():
    body = Mul((h(Letter("p"), Letter("l")), Ref("mu", "tensor", (Letter("l"),))), ("",))
    e = Add(((1, Sum(body, ("p",))), (1, h(Letter("k"), Letter("l")))))
    assert free_indices(e) == ("l", "k")


def test_substitute_leaves_bound_indices_alone():
    e = Add(((1, Sum(h(Letter("p"), Letter("l")), ("p",))), (1, h(Letter("p"), Letter("l")))))
    out = substitute(e, {"p": Number(1), "l": Number(2)})
    assert out == Add(((1, Sum(h(Letter("p"), Number(2)), ("p",))), (1, h(Number(1), Number(2)))))


def test_rebuild_keeps_spans():
    e = Add(((1, Num("1", span=Span(3, 4))),), span=Span(0, 9))
    out = rebuild(e, lambda c: Num("2", span=c.span))
    assert out.span == Span(0, 9)
    assert out.terms[0][1].span == Span(3, 4)
    assert out.terms[0][1].text == "2"
