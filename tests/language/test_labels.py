"""symbn.language.labels: an input declared `range = "C"` holds whole numbers in 1..C, whose
elements stand as indices (P[n, y[n]], Delta(c, y[n])) and nowhere else."""

from __future__ import annotations

import pytest
import sympy as sp

from symbn.errors import InputError
from symbn.language import labels

HEAD = """[derivation]
title = "labels"
[sizes]
N = "rows"
C = "classes"
[indices]
n = "N"
i = "N"
c = "C"
[inputs]
Z = { shape = ["N", "C"] }
y = { shape = ["N"], range = "C" }
t = { shape = ["N"], range = "N" }
[[claim]]
name = "x"
"""
AT = len(HEAD.splitlines()) + 1  # the line of the claim's lhs


def test_a_label_element_is_an_index_over_its_range(build_model):
    m = build_model(HEAD + 'lhs = "Z[n, y[n]] * Delta(c, y[n]) + Z[t[i], y[t[i]]]"\n')
    e = m.claims[0].lhs
    (y_n,) = (x for x in e.atoms(sp.Indexed) if str(x) == "y[n]")
    assert labels.range_of(y_n).name == "C"
    assert y_n.is_integer
    assert y_n.is_positive
    assert sorted(map(str, labels.elements(e))) == ["t[i]", "y[n]", "y[t[i]]"]


REFUSED = [
    ('"Z[y[n], c]"', "label 'y' takes values in 1..C but axis 1 of 'Z' has size N", 10),
    ('"Z[n, t[n]]"', "label 't' takes values in 1..N but axis 2 of 'Z' has size C", 13),
    ('"Delta(n, y[n])"', "mixes an index over N with one over C", 8),
    ('"Z[n, c] * y[n]"', "'y' is a label (whole numbers in 1..C)", 18),
    ('"y[n] + 1"', "its elements stand only as indices", 8),
    ('"diff(Z[n, y[n]], y[i])"', "diff() with respect to 'y', a label", 25),
    ('"y"', "'y' is a label: its elements stand only as indices", 8),
    ('"Z[n, y[c]]"', "index 'c' ranges over C but axis 1 of 'y' has size N", 15),
]


@pytest.mark.parametrize(("lhs", "message", "col"), REFUSED, ids=[r[0] for r in REFUSED])
def test_a_label_anywhere_else_is_refused_at_its_column(build_model, lhs, message, col):
    with pytest.raises(InputError) as info:
        build_model(HEAD + f"lhs = {lhs}\n")
    assert message in str(info.value)
    assert (info.value.where.line, info.value.where.col) == (AT, col)


def test_the_matrix_language_refuses_a_whole_label(build_model):
    with pytest.raises(InputError, match="'y' is a label"):
        build_model(HEAD + 'lhs = "diff((Z * 2).sum(), Z)"\nrhs = "Z + y"\n')


@pytest.mark.parametrize(
    "body",
    [
        '{ shape = ["N"], range = "K" }',  # not a size
        '{ shape = ["N"], range = 3 }',
        '{ shape = [], range = "C" }',  # a label has an axis
        '{ shape = ["N"], range = "C", positive = true }',
        '{ shape = ["N", "C"], range = "C", simplex = "C" }',
    ],
)
def test_a_range_that_is_not_a_size_is_an_error_at_its_value(build_model, body):
    text = HEAD.replace('t = { shape = ["N"], range = "N" }', f"t = {body}")
    with pytest.raises(InputError, match="'range' of input 't' makes it a label") as info:
        build_model(text + 'lhs = "Z[n, c]"\n')
    assert info.value.where.line == 13
