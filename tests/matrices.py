"""Independent NumPy evaluators, to check a matrix form against the index expression it
was raised from: `indexed` evaluates the index expression element by element, with loops;
`evaluated` evaluates the matrix tree with NumPy's matrix operations, `from_text` runs its
text (the matrix language) as NumPy. `same` draws random sizes and values and compares them
at every element.
"""

from __future__ import annotations

import math

import numpy as np
import sympy as sp

from symbn.emit.matrix import spelled, tree
from symbn.emit.matrix.raised import matrix_form
from symbn.language.indices import Index
from symbn.language.model import Model
from symbn.language.relations import Iverson

ELEMENTWISE = {
    "exp": np.exp,
    "log": np.log,
    "tanh": np.tanh,
    "sqrt": np.sqrt,
    "sigmoid": lambda x: 1 / (1 + np.exp(-x)),
    "relu": lambda x: np.maximum(x, 0),
    "step": lambda x: np.heaviside(x, 0),
    "abs": np.abs,
    "sign": np.sign,
    "softplus": lambda x: np.logaddexp(0, x),
    "erf": np.vectorize(math.erf),
    "max": np.maximum,
    "min": np.minimum,
}
CLASSES = {
    sp.exp: "exp",
    sp.log: "log",
    sp.tanh: "tanh",
    sp.Abs: "abs",
    sp.sign: "sign",
    sp.erf: "erf",
}


def function_name(e: sp.Expr) -> str:
    from symbn.language import functions  # noqa: PLC0415 - only what this helper needs

    entry = functions.of(e)
    assert entry is not None, e
    return entry.name


class Values:
    """Random sizes (2 to 4) and values (0.5 to 2, so that every log and root is defined)."""

    def __init__(self, model: Model, seed: int):
        rng = np.random.default_rng(seed)
        self.sizes = {s: int(rng.integers(2, 5)) for s in model.sizes}
        self.arrays: dict[str, np.ndarray] = {}
        self.scalars: dict[sp.Symbol, float] = dict(self.sizes)
        shapes = {name: shape for name, (_, shape, _) in model.inputs.items()}
        shapes |= {name: tuple(i.size for i in d.index) for name, d in model.definitions.items()}
        for name, shape in shapes.items():
            if shape:
                dims = tuple(self.sizes[s] for s in shape)
                self.arrays[name] = rng.uniform(0.5, 2.0, dims)
            else:
                self.scalars[model.bases[name]] = float(rng.uniform(0.5, 2.0))


def indexed(e: sp.Expr, at: dict, v: Values) -> float:
    """The index expression `e` at the index values `at` (from 0)."""

    def value(i) -> int:
        return at[i] if isinstance(i, Index) else int(i) - 1

    if e.is_Number:
        return float(e)
    if isinstance(e, sp.Symbol):
        return v.scalars[e]
    if isinstance(e, sp.Indexed):
        return v.arrays[e.base.label.name][tuple(value(i) for i in e.indices)]
    if isinstance(e, sp.KroneckerDelta):
        return float(value(e.args[0]) == value(e.args[1]))
    if isinstance(e, Iverson):  # [form >= 0], the indices counted from 1
        ones = {i: value(i) + 1 for i in e.args[0].free_symbols if isinstance(i, Index)}
        return 1.0 if e.args[0].xreplace({**v.scalars, **ones}) >= 0 else 0.0
    if isinstance(e, sp.Add):
        return sum(indexed(a, at, v) for a in e.args)
    if isinstance(e, sp.Mul):
        return math.prod(indexed(a, at, v) for a in e.args)
    if isinstance(e, sp.Pow):
        return indexed(e.base, at, v) ** float(e.exp)
    if isinstance(e, sp.Sum):
        ((p, _, hi), *rest) = e.limits
        inner = sp.Sum(e.function, *rest) if rest else e.function
        return sum(indexed(inner, {**at, p: n}, v) for n in range(v.sizes[hi]))
    if e.is_constant():
        return float(e)
    args = [indexed(a, at, v) for a in e.args]
    return float(ELEMENTWISE[function_name(e)](*args))


def evaluated(n: tree.Node, v: Values) -> np.ndarray:
    """The matrix tree `n` as a 2-D array (a vector input a column)."""

    def size(s) -> int:
        return 1 if s == 1 else v.sizes[s]

    match n:
        case tree.Leaf(name, _):
            a = v.arrays[name]
            return a.reshape(-1, 1) if a.ndim == 1 else a
        case tree.Scalar(value):
            return np.array([[float(value.xreplace(v.scalars))]])
        case tree.Ones(s):
            return np.ones((size(s), 1))
        case tree.Eye(s):
            return np.eye(size(s))
        case tree.Tril(s):
            return np.tri(size(s))
        case tree.Transpose(a):
            return evaluated(a, v).T
        case tree.MatMul(a, b):
            return evaluated(a, v) @ evaluated(b, v)
        case tree.Scale(c, a):
            return evaluated(c, v)[0, 0] * evaluated(a, v)
        case tree.Plus(terms):
            return sum(evaluated(t, v) for t in terms)
        case tree.Hadamard(factors):
            return math.prod(evaluated(f, v) for f in factors)
        case tree.Quotient(a, b):
            den = evaluated(b, v)
            return evaluated(a, v) / (den[0, 0] if b.scalar else den)
        case tree.Power(a, exp):
            return evaluated(a, v) ** float(exp)
        case tree.Apply(f, args):
            return ELEMENTWISE[f](*(evaluated(a, v) for a in args))
    raise AssertionError(f"no value for {n}")


def from_text(n: tree.Node, v: Values) -> np.ndarray:
    """The matrix language's text of `n` run as NumPy, a vector a 1-D array (neither a row
    nor a column), so that the text is checked with NumPy's own semantics."""
    names: dict[str, object] = {str(k): x for k, x in v.scalars.items()}
    names |= v.arrays | ELEMENTWISE | {"ones": np.ones, "eye": np.eye, "outer": np.outer}
    names["tri"] = np.tri
    return np.asarray(eval(spelled.text(n), {"__builtins__": {}}, names))


def compare(e: sp.Expr, axes: tuple, n: tree.Node, v: Values) -> None:
    """Assert that `n` holds `e` at every element of `axes`, evaluated as a tree and run as
    its text (whose shape is exactly the axes' sizes: a vector 1-D, a scalar 0-D)."""
    got = evaluated(n, v)
    dims = [v.sizes[a.size] for a in axes]
    assert got.size == math.prod(dims), (got.shape, dims)
    flat = got.reshape(dims) if axes else got.reshape(())
    run = from_text(n, v)
    assert run.shape == tuple(dims), (spelled.text(n), run.shape, dims)
    for point in np.ndindex(*dims):
        want = indexed(e, dict(zip(axes, point, strict=True)), v)
        assert np.isclose(flat[point], want, rtol=1e-9, atol=1e-12), (point, flat[point], want)
        assert np.isclose(run[point], want, rtol=1e-9, atol=1e-12), (point, run[point], want)


def same(e: sp.Expr, axes: tuple, model: Model, seeds=range(3)) -> tree.Node:
    """The matrix form of `e`, checked against `e` at random sizes and values."""
    n = matrix_form(e, axes, model)
    assert n is not None, f"{e} at {axes} does not raise"
    rows, cols = n.shape
    assert rows == (axes[0].size if axes else 1)
    assert cols == (axes[1].size if len(axes) == 2 else 1)
    for seed in seeds:
        compare(e, axes, n, Values(model, seed))
    return n
