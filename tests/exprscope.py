"""The scope that the tests of the expression language parse in: sizes N and L, indices
i, k, p over N and j, l over L, inputs h (N × L), b (L), scalars c and g, and a definition m
(L); `read` parses one expression as the lhs on line 3 of a file d.toml."""

from __future__ import annotations

import pytest
import sympy as sp

from symbn.errors import InputError, Location
from symbn.language.indices import Index
from symbn.language.parse import Scope, parse
from symbn.source.spec import Text

N = sp.Symbol("N", integer=True, positive=True)
L = sp.Symbol("L", integer=True, positive=True)
i, k, p = (Index(n, N) for n in "ikp")
j, ell = (Index(n, L) for n in "jl")
h = sp.IndexedBase("h", shape=(N, L), real=True)
b = sp.IndexedBase("b", shape=(L,), real=True)
c = sp.Symbol("c", real=True)
g = sp.Symbol("g", real=True)
m = sp.IndexedBase("m", shape=(L,))  # a definition: not declared real, as model.build has it


def scope() -> Scope:
    s = Scope()
    s.sizes = {"N": N, "L": L}
    s.indices = {"i": i, "k": k, "p": p, "j": j, "l": ell}
    s.tensors = {"h": (h, (N, L)), "b": (b, (L,)), "c": (c, ()), "g": (g, ()), "m": (m, (L,))}
    return s


def text(src: str, col: int = 8) -> Text:
    line = f'lhs = "{src}"'
    return Text(src, Location("d.toml", 3, col, line))


def read(src: str, s: Scope | None = None) -> sp.Expr:
    return parse(text(src), s or scope())


def built(src: str, expected: sp.Expr) -> None:
    """Assert that `src` builds exactly `expected`: equal, and the same tree of SymPy objects."""
    got = read(src)
    assert got == expected, sp.srepr(got)
    assert sp.srepr(got) == sp.srepr(expected)


def refused(src: str, message: str, col: int) -> None:
    """Assert that `src` is refused with `message` at column `col` of line 3, the line shown."""
    with pytest.raises(InputError) as info:
        read(src)
    assert message in info.value.message
    assert info.value.where.line == 3
    assert info.value.where.col == col
    shown = str(info.value)
    assert shown.startswith(f"d.toml:3:{col}: error: ")
    assert shown.splitlines()[1].strip() == f'lhs = "{src}"'
