"""Matrix notation against NumPy: random matrix expressions written in LaTeX, read by the
maths reader element by element, evaluated through the expression language at random
values, and compared with NumPy evaluating the same expression — so a reading that does not
mean what the LaTeX means cannot pass unseen. Derandomized, a modest number of examples."""

from __future__ import annotations

import numpy as np
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symbn.errors import Location
from symbn.language.latex.lowering import elementwise
from symbn.language.latex.printer import to_language
from symbn.language.latex.shapes import shape_of, squeeze
from symbn.language.latex.symbols import Symbols
from symbn.language.latex.texlex import tokenize
from symbn.language.latex.texmath import parse
from symbn.language.latex.tree import Letter
from symbn.language.parse import Scope
from symbn.language.parse import parse as parse_language
from symbn.source.spec import Input, Size, Text
from symbn.source.spec import Letter as Letter_

HERE = Location("fuzz.md", 1, 1, "")

SIZES = {"N": 3, "M": 2}
SYMBOLS = Symbols(
    sizes=("N", "M"),
    indices={"i": "N", "j": "N", "k": "N", "p": "N", "q": "N", "a": "M", "b": "M", "c": "M"},
    tensors={"A": ("N", "N"), "B": ("N", "M"), "C": ("N", "N"), "v": ("N",), "w": ("M",)},
)
RNG = np.random.default_rng(0)
VALUES = {
    "A": RNG.normal(size=(3, 3)),
    "B": RNG.normal(size=(3, 2)),
    "C": RNG.normal(size=(3, 3)),
    "v": RNG.normal(size=3),
    "w": RNG.normal(size=2),
}


# an expression: (latex, numpy value, shape as the reader sees it)
def leaf(name: str):
    value = VALUES[name]
    return st.just((name, value))


SQUARE = st.sampled_from(["A", "C"]).flatmap(leaf)


def _square(children):
    def transpose(x):
        return (f"({x[0]})^\\top", x[1].T)

    def product(x, y):
        return (f"({x[0]}) ({y[0]})", x[1] @ y[1])

    def hadamard(x, y):
        return (f"({x[0]}) \\odot ({y[0]})", x[1] * y[1])

    def plus(x, y):
        return (f"({x[0]}) + ({y[0]})", x[1] + y[1])

    def outer(_):
        return (r"\mathbf{1}_N v^\top", np.outer(np.ones(3), VALUES["v"]))

    def diag(_):
        return (r"\operatorname{diag}(v)", np.diag(VALUES["v"]))

    def tanh(x):
        return (f"\\tanh({x[0]})", np.tanh(x[1]))

    return st.one_of(
        children.map(transpose),
        st.tuples(children, children).map(lambda t: product(*t)),
        st.tuples(children, children).map(lambda t: hadamard(*t)),
        st.tuples(children, children).map(lambda t: plus(*t)),
        children.map(outer),
        children.map(diag),
        children.map(tanh),
        st.just(("I_N", np.eye(3))),
    )


EXPRS = st.recursive(SQUARE, _square, max_leaves=5)
WRAPS = [
    (lambda x: x, lambda y: y, ("i", "j")),
    (lambda x: f"\\mathbf{{1}}^\\top ({x})", lambda y: y.sum(axis=0), ("j",)),
    (lambda x: f"({x}) v", lambda y: y @ VALUES["v"], ("i",)),
    (lambda x: f"B^\\top ({x}) B", lambda y: VALUES["B"].T @ y @ VALUES["B"], ("a", "b")),
    (lambda x: f"\\operatorname{{tr}}({x})", np.trace, ()),
]


def _scope() -> Scope:
    scope = Scope.declared(
        [Size(n, Text(n, HERE), HERE) for n in SIZES],
        [Letter_(x, size, HERE) for x, size in SYMBOLS.indices.items()],
    )
    for name, shape in SYMBOLS.tensors.items():
        scope.declare_input(Input(name, shape, False, None, HERE))
    return scope


def _values(text: str, at: tuple[str, ...]) -> np.ndarray:
    """The index-language text at every element, by SymPy at the values above."""
    scope = _scope()
    e = parse_language(Text(text, HERE), scope)
    e = e.subs({scope.sizes[n]: v for n, v in SIZES.items()})
    letters = [scope.indices[x] for x in at]
    shape = tuple(SIZES[SYMBOLS.indices[x]] for x in at)
    out = np.zeros(shape)
    for pos in np.ndindex(*shape):
        x = e.subs({i: p + 1 for i, p in zip(letters, pos, strict=True)}).doit()
        x = x.replace(
            lambda y: isinstance(y, sp.Indexed),
            lambda y: sp.Float(VALUES[str(y.base)][tuple(int(k) - 1 for k in y.indices)]),
        )
        out[pos] = float(x.doit())
    return out


@settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(EXPRS, st.sampled_from(range(len(WRAPS))))
def test_a_matrix_expression_means_what_numpy_computes(expr, wrap):
    latex, value = expr
    outer, numpy, at = WRAPS[wrap]
    node = parse(tokenize(outer(latex)), SYMBOLS)
    assert len(squeeze(shape_of(node, SYMBOLS))) == len(at)
    lowered = elementwise(node, tuple(Letter(x) for x in at), SYMBOLS)
    text = to_language(lowered, SYMBOLS)
    expected = numpy(value)
    got = _values(text, at)
    assert np.allclose(got, expected), (outer(latex), text)
