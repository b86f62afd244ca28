"""symbn.language.matrix: each construct of the matrix language lowers to the index form a
person would write, non-conforming shapes are refused at their operator, and everything
outside the whitelist is refused at its column."""

from __future__ import annotations

import pytest
import sympy as sp

from symbn.errors import InputError, Location
from symbn.language import matrix
from symbn.language.indices import Index
from symbn.language.parse import Scope, parse
from symbn.language.tensor import Letters, Tensor
from symbn.source.spec import Text

N, D, C = (sp.Symbol(n, integer=True, positive=True) for n in "NDC")
LETTERS = {"i": N, "k": N, "p": N, "d": D, "e": D, "c": C, "j": C, "q": C}
IDX = {name: Index(name, size) for name, size in LETTERS.items()}
i, k, p, d, e, c, j, q = IDX.values()
SHAPES = {"X": (N, D), "W": (D, C), "Z": (N, C), "A": (N, N), "v": (N,), "b": (C,), "s": ()}


def scope() -> Scope:
    out = Scope()
    out.sizes = {"N": N, "D": D, "C": C}
    out.indices = dict(IDX)
    for name, shape in SHAPES.items():
        base = sp.IndexedBase(name, shape=shape, real=True) if shape else sp.Symbol(name, real=True)
        out.tensors[name] = (base, shape)
    return out


def text(src: str) -> Text:
    return Text(src, Location("m.toml", 3, 8, f'lhs = "{src}"'))


def read(src: str) -> sp.Expr | Tensor:
    return matrix.read(text(src), scope(), Letters(IDX.values(), set()))


def at(src: str, *idx: Index) -> sp.Expr:
    out = read(src)
    assert isinstance(out, Tensor), src
    return out.at(idx)


LOWERED = [
    ("X @ W", (i, j), "sum(X[i, d]*W[d, j], d)"),
    ("X.T", (d, i), "X[i, d]"),
    ("X.T.T", (i, d), "X[i, d]"),
    ("v.T", (k,), "v[k]"),
    ("v @ A", (k,), "sum(v[i]*A[i, k], i)"),
    ("A @ v", (k,), "sum(A[k, i]*v[i], i)"),
    ("v @ v", (), "sum(v[i]*v[i], i)"),
    ("(X @ W) @ W.T", (i, d), "sum(sum(X[i, e]*W[e, c], e)*W[d, c], c)"),
    ("Z * Z", (i, j), "Z[i, j]*Z[i, j]"),
    ("Z + b", (i, j), "Z[i, j] + b[j]"),
    ("b - Z", (i, j), "b[j] - Z[i, j]"),
    ("Z / b", (i, j), "Z[i, j] / b[j]"),
    ("Z ** 2", (i, j), "Z[i, j]**2"),
    ("2 * s * Z + 1", (i, j), "2*s*Z[i, j] + 1"),
    ("-Z / N", (i, j), "-Z[i, j] / N"),
    ("Z * sum(b[q], q)", (i, j), "Z[i, j] * sum(b[q], q)"),
    ("ones(N) @ Z", (j,), "sum(Z[i, j], i)"),
    ("Z.T @ ones(N)", (j,), "sum(Z[i, j], i)"),
    ("eye(N)", (i, k), "Delta(i, k)"),
    ("eye(N) @ A", (i, k), "sum(Delta(i, p)*A[p, k], p)"),
    ("diag(v)", (i, k), "v[i]*Delta(i, k)"),
    ("diag(A)", (k,), "A[k, k]"),
    ("trace(A)", (), "sum(A[i, i], i)"),
    ("outer(v, b)", (i, j), "v[i]*b[j]"),
    ("Z.sum(axis=0)", (j,), "sum(Z[i, j], i)"),
    ("Z.sum(axis=1)", (i,), "sum(Z[i, c], c)"),
    ("Z.sum(axis=-1)", (i,), "sum(Z[i, c], c)"),
    ("Z.sum()", (), "sum(Z[i, c], i, c)"),
    ("sum(Z)", (), "sum(Z[i, c], i, c)"),
    ("sum(Z, axis=0)", (j,), "sum(Z[i, j], i)"),
    ("Z.mean(axis=0)", (j,), "sum(Z[i, j], i) / N"),
    ("mean(Z)", (), "sum(Z[i, c], i, c) / (N*C)"),
    ("Z.var(axis=0)", (j,), "sum((Z[i, j] - sum(Z[k, j], k) / N)**2, i) / N"),
    ("v.var()", (), "sum((v[i] - sum(v[k], k) / N)**2, i) / N"),
    ("softmax(Z, axis=1)", (i, j), "exp(Z[i, j]) / sum(exp(Z[i, c]), c)"),
    ("softmax(Z, axis=0)", (i, j), "exp(Z[i, j]) / sum(exp(Z[k, j]), k)"),
    ("softmax(v)", (k,), "exp(v[k]) / sum(exp(v[i]), i)"),
    ("tanh(Z)", (i, j), "tanh(Z[i, j])"),
    ("relu(Z) * step(Z)", (i, j), "relu(Z[i, j]) * step(Z[i, j])"),
    ("sigmoid(exp(log(Z)))", (i, j), "sigmoid(exp(log(Z[i, j])))"),
    ("sqrt(Z**2)", (i, j), "sqrt(Z[i, j]**2)"),
    ("max(0, Z)", (i, j), "max(0, Z[i, j])"),
    ("max(Z, b)", (i, j), "max(Z[i, j], b[j])"),
    ("diff(sum(Z * Z), Z)", (i, j), "diff(sum(Z[k, c]*Z[k, c], k, c), Z[i, j])"),
    ("diff(s * trace(A), A)", (i, k), "diff(s * sum(A[p, p], p), A[i, k])"),
    ("diff(sum(Z), Z[i, j])", (), "diff(sum(Z[k, c], k, c), Z[i, j])"),
    ("(X @ W)[k, q]", (), "sum(X[k, d]*W[d, q], d)"),
    ("(X @ W)[k, q] + b[q]", (), "sum(X[k, d]*W[d, q], d) + b[q]"),
]


@pytest.mark.parametrize(("src", "idx", "index_form"), LOWERED, ids=[r[0] for r in LOWERED])
def test_lowers_to_the_index_form(src, idx, index_form):
    got = at(src, *idx)
    expected = parse(text(index_form), scope())
    assert got == expected, (sp.srepr(got), sp.srepr(expected))


@pytest.mark.parametrize("src", ["X[i, d] * W[d, j]", "sum(Z[i, c], c) + v[i]", "s * 2", "N"])
def test_the_index_language_is_read_as_always(src):
    assert read(src) == parse(text(src), scope())


def test_shapes_follow_numpy():
    shapes = {
        "X @ W": (N, C),
        "W.T @ X.T": (C, N),
        "v @ A": (N,),
        "A @ v": (N,),
        "v @ v": (),
        "outer(v, b)": (N, C),
        "Z.sum(axis=0)": (C,),
        "diff(sum(Z), W)": (D, C),
        "Z + b": (N, C),
        "ones(C) + b": (C,),
    }
    for src, shape in shapes.items():
        got = read(src)
        assert isinstance(got, Tensor)
        assert got.shape == shape, src


def _element(src: str) -> None:
    """Read `src` and, when it is an array, an element of it (some errors wait for that)."""
    value = read(src)
    if isinstance(value, Tensor):
        value.at([IDX["ikpdecjq"[n]] for n in range(len(value.shape))])


def refused(src: str, message: str, at: str) -> None:
    """`src` is refused with `message`, the caret at the first `at` in it (line 3)."""
    with pytest.raises(InputError) as info:
        _element(src)
    assert message in info.value.message, info.value.message
    assert info.value.where.line == 3
    assert info.value.where.col == 8 + src.index(at), str(info.value)


BAD = [
    ("X.T @ W", "X.T is D×N and W is D×C: they do not conform", "@"),
    ("X @ W.T", "X is N×D and W.T is C×D: they do not conform", "@"),
    ("v @ W", "v is a vector over N and W is D×C: they do not conform", "@"),
    ("Z + X", "Z is N×C and X is N×D: they do not broadcast", "+"),
    ("Z * (X @ W.T)", "X is N×D and W.T is C×D", "@"),
    ("b * v", "b is a vector over C and v is a vector over N: they do not broadcast", "*"),
    ("s @ Z", "unsupported operator @ for s, a scalar", "s"),
    ("Z ** b", "an exponent is a number or a scalar, not an array", "b"),
    ("softmax(Z)", "softmax() needs the axis it normalises along", "softmax"),
    ("Z.sum(axis=2)", "axis 2 is out of range for Z, which is N×C", "Z"),
    ("Z.sum(axis=k)", "axis= takes an integer", "k"),
    ("Z.sum(keepdims=1)", "the only keyword of the matrix language is axis=", "keepdims"),
    ("Z.sum(0)", ".sum() takes only axis=", "0"),
    ("trace(Z)", "trace() takes a square matrix, but Z is N×C", "trace"),
    ("diag(X @ W)", "diag() takes a square matrix", "diag"),
    ("outer(Z, b)", "outer() takes two vectors, but Z is N×C", "outer"),
    ("ones(3)", "ones() takes the name of a size", "3"),
    ("ones(N) @ ones(C)", "ones(N) is a vector over N and ones(C) is a vector over C", "@"),
    ("ones(k) @ Z", "ones() takes the name of a size", "k"),
    ("diff(Z, W)", "diff() by the whole tensor W takes a scalar, but Z is N×C", "Z"),
    ("diff(Z[i, j], W)", "written with free indices", "Z"),
    ("diff(Z, W[d, j])", "diff() of Z, which is N×C", "Z"),
    ("diff(sum(Z), 2 * W[d, j])", "diff() differentiates with respect to a tensor", "2"),
    ("Z + Z[i, j]", "write Z[_, _] with indices, or both at matrix level", "Z "),
    ("X @ W + Z[i, j]", "write (X @ W)[_, _] with indices", "X"),
    ("(X @ W)[i]", "(X @ W) is N×C but 1 index was given", "("),
    ("(X @ W)[d, j]", "index 'd' ranges over D but axis 1 of (X @ W) has size N", "d"),
    ("tanh(Z, axis=1)", "tanh() takes no keyword arguments", "axis"),
    ("sum(Z, axis=0, axis=1)", "axis= is given twice", "axis=1"),
    ("Z + (X @ W)[i, j]", "has the free indices i, j but Z is an array written whole", "Z"),
    ("Z * diff(sum(Z), Z[i, j])", "has the free indices i, j but Z is an array", "Z "),
    ("Z.T.T.T.T.T.T.T @ Z.T", "they do not conform", "@"),
]


@pytest.mark.parametrize(("src", "message", "where"), BAD, ids=[r[0] for r in BAD])
def test_refused_at_the_operator_or_operand(src, message, where):
    refused(src, message, where)


WHITELIST = [
    ("X.__class__", "unsupported syntax: attribute access: .__class__", "X"),
    ("X.T.T.foo", "unsupported syntax: attribute access: .foo", "X"),
    ("X.shape", "attribute access: .shape", "X"),
    ("X.sum", ".sum is a method: call it", "X"),
    ("X.__class__.__bases__", "attribute access: .__bases__", "X"),
    ("(X @ W).__class__()", "unsupported call: .__class__", "("),
    ("X.T.__dict__['a']", "attribute access: .__dict__", "X"),
    ("X.dot(W)", "unsupported call: .dot", "X"),
    ("eval(X)", "unknown function 'eval'", "eval"),
    ("getattr(X, 'T')", "unknown function 'getattr'", "getattr"),
    ("[X][0] @ W", "unsupported syntax: list", "["),
    ("X @ W if s else X", "conditional expression", "X"),
    ("(lambda: X)() @ W", "unsupported call: lambda", "lambda"),
    ("X > 0", "comparison", "X"),
    ("X // 2", "unsupported operator //", "X"),
]


@pytest.mark.parametrize(("src", "message", "where"), WHITELIST, ids=[r[0] for r in WHITELIST])
def test_only_the_whitelist_is_read(src, message, where):
    refused(src, message, where)


def test_a_product_without_a_free_letter_asks_for_one():
    with pytest.raises(InputError) as info:
        at("A @ A @ A", i, k)
    assert "needs an index letter over N that is not in use there" in info.value.message
    assert "declare one more in [indices]" in info.value.message


def test_letters_written_by_the_user_are_not_reused():
    """The column sum runs over k, not over i (busy) nor p... nor a letter the expression
    writes itself (here p, bound in its own sum)."""
    got = at("Z * sum(v[p], p) + ones(N) @ Z", i, j)
    expected = parse(text("Z[i, j] * sum(v[p], p) + sum(Z[k, j], k)"), scope())
    assert got == expected
