"""A recurrence written over two lines is folded into its first line: h's body put in place
of h at the step before, without capturing a letter, and never when it is not such a pair."""

from __future__ import annotations

from symbn.errors import Location
from symbn.language.folding import fold
from symbn.source.spec import Define, Text

HERE = Location("doc.md", 1, 1)


def define(name: str, index: tuple[str, ...], expr: str) -> Define:
    return Define(name, index, Text(expr, HERE), None, HERE)


def test_the_pre_activation_becomes_the_recurrence():
    """h before the first step is zero, but sigmoid(a) there is not: the body is put in only
    where the step before is on the axis."""
    a = define("a", ("t",), "w*x[t] + v*h[t - 1] + b")
    h = define("h", ("t",), "sigmoid(a[t])")
    out, folded = fold([a, h])
    assert out[0].expr.value == "w * x[t] + v * (If(t - 1 >= 1) * sigmoid(a[t - 1])) + b"
    assert out[1] == h
    assert folded == (("h", "a"),)


def test_vectors_are_folded_at_the_positions_of_the_use():
    a = define("a", ("t", "j"), "sum(W[j, m] * h[t - 1, m], m) + b[j]")
    h = define("h", ("t", "j"), "act(a[t, j])")
    out, _ = fold([a, h])
    assert out[0].expr.value == "sum(W[j, m] * (If(t - 1 >= 1) * act(a[t - 1, m])), m) + b[j]"


def test_a_letter_the_body_sums_over_is_not_captured():
    a = define("a", ("t", "j"), "sum(W[j, m] * h[t - 1, m], m)")
    h = define("h", ("t", "m"), "sum(U[m, j] * a[t, j], j)")  # j: bound in h, free in a
    out, folded = fold([a, h])
    assert out[0] == a
    assert folded == ()


def test_a_cycle_at_the_same_step_is_left_as_it_is():
    a = define("a", ("t",), "h[t] + 1")
    h = define("h", ("t",), "a[t] * 2")
    out, folded = fold([a, h])
    assert out == [a, h]
    assert folded == ()
