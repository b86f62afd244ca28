"""symbn.language.parse: subscripts, indices and calls build exactly these SymPy objects."""

from __future__ import annotations

import pytest
import sympy as sp
from exprscope import L, N, b, built, c, ell, h, i, j, k, m, p, read, refused, scope

from symbn.errors import InputError
from symbn.language import model
from symbn.language.functions import maximum, minimum, relu, softplus, step
from symbn.source import toml

VALID = [
    ("h[k, l] * b[l]", h[k, ell] * b[ell]),
    ("h[1, 2]", h[1, 2]),
    ("sum(h[p, l], p)", sp.Sum(h[p, ell], (p, 1, N))),
    ("sum(h[p, l], p, l)", sp.Sum(sp.Sum(h[p, ell], (ell, 1, L)), (p, 1, N))),
    ("diff(h[k, l]**2, h[i, j])", sp.Derivative(h[k, ell] ** 2, h[i, j], evaluate=False)),
    ("diff(c * b[l], c)", sp.Derivative(c * b[ell], c, evaluate=False)),
    ("Delta(i, k)", sp.KroneckerDelta(i, k)),
    ("Delta(1, k)", sp.KroneckerDelta(1, k)),
    ("sqrt(c)", sp.sqrt(c)),
    ("exp(c)", sp.exp(c)),
    ("log(c)", sp.log(c)),
    ("tanh(c)", sp.tanh(c)),
    ("relu(c)", relu(c)),
    ("step(c)", step(c)),
    ("relu(-2) + step(3)", sp.Integer(1)),
    ("softplus(c)", softplus(c)),
    ("erf(c / sqrt(2))", sp.erf(c / sp.sqrt(2))),
    ("max(c, b[l])", maximum(c, b[ell])),
    ("max(b[l], c)", maximum(c, b[ell])),  # max is symmetric: one order for both
    ("min(c, 2) + max(1, 3)", minimum(c, 2) + 3),
    ("max(c, c)", c),
    ("mean(h[p, l], p)", sp.Sum(h[p, ell], (p, 1, N)) / N),
    ("mean(h[p, l], p, l)", sp.Sum(sp.Sum(h[p, ell], (ell, 1, L)), (p, 1, N)) / (N * L)),
    ("sqrt(h[k, l]**2)", sp.Abs(h[k, ell])),
    ("sqrt(m[l]**2)", sp.Abs(m[ell])),  # a definition is real too, though SymPy cannot tell
    ("h[N, 1] + b[L]", h[N, 1] + b[L]),
    ("Delta(i, N) + Delta(N, 1)", sp.KroneckerDelta(i, N) + sp.KroneckerDelta(N, 1)),
]


@pytest.mark.parametrize(("src", "expected"), VALID, ids=[v[0] for v in VALID])
def test_builds_exact_sympy_objects(src, expected):
    built(src, expected)


def test_diff_is_left_unevaluated():
    got = read("diff(h[k, l], h[i, j])")
    assert isinstance(got, sp.Derivative)
    assert got.expr == h[k, ell]
    assert got.variables == (h[i, j],)


def test_sum_with_several_indices_nests_over_full_ranges():
    got = read("sum(h[p, l] * b[l], p, l)")
    assert isinstance(got, sp.Sum)
    assert set(got.limits) == {(p, 1, N), (ell, 1, L)}
    assert got.function == h[p, ell] * b[ell]


def test_concrete_indices_record_the_minimum_size():
    s = scope()
    read("h[1, 3] + h[2, 1] + Delta(4, k) + b[2]", s)
    assert s.concrete == {N: 4, L: 3}


def test_symbolic_indices_record_no_minimum():
    s = scope()
    read("h[k, l] + Delta(i, k)", s)
    assert s.concrete == {}


REFUSED = [
    ("h[j, l]", "index 'j' ranges over L but axis 1 of 'h' has size N", 10),
    ("foo(c)", "unknown function 'foo'", 8),
    ("h[0, 1]", "concrete index 0 is out of range", 10),
    (
        "h[L, 1]",
        "the size L stands for the last position along an axis of size L, but "
        "axis 1 of 'h' has size N",
        10,
    ),
    ("Delta(i, L)", "mixes an index over N with one over L", 8),
    ("max(c)", "max() takes 2 arguments, 1 given", 8),
    ("erf(c, c)", "erf() takes one argument, 2 given", 8),
    ("mean(c)", "mean() takes an expression and at least one index", 8),
    ("mean(h[p, l], c)", "mean() runs over declared index names", 22),
    ("pi(c)", "unknown function 'pi'", 8),
    ("diff(N, c)", "diff() of 'N', a size, which is no function", 13),
]


@pytest.mark.parametrize(("src", "message", "col"), REFUSED, ids=[r[0] for r in REFUSED])
def test_refusals_name_the_column(src, message, col):
    refused(src, message, col)


@pytest.mark.parametrize(
    ("value", "want"),
    [
        ('"""\nsum(x[k], k) + \\\n  x[i] * foo(x[i])\n"""', (3, 10, 3)),  # after a line-ending \
        ('"x[i] + \\"a\\" "', (1, 15, 5)),  # an escaped string: the caret spans \"a\"
        ("'x[i] + foo(1)'", (1, 15, 3)),  # a literal string has no escapes
    ],
)
def test_refusals_point_into_the_file_through_toml_escapes(write_derivation, value, want):
    """Columns of expression errors follow the TOML string as written, not as parsed."""
    head = (
        '[derivation]\ntitle = "t"\n[sizes]\nN = "rows"\n[indices]\ni = "N"\nk = "N"\n'
        '[inputs]\nx = { shape = ["N"] }\n[[claim]]\nname = "c"\n'
    )
    path = write_derivation(head + f"lhs = {value}\n")
    with pytest.raises(InputError) as info:
        model.build(toml.load(path))
    err = info.value  # the claim's lhs is on line 12 of the file
    assert (err.where.line - 11, err.where.col, err.width) == want
