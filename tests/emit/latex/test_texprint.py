"""The LaTeX printer of index expressions, in the seed's notation (`symbn.emit.latex.texprint`)."""

from __future__ import annotations

import pytest
import sympy as sp

from symbn.emit.latex.texprint import (
    IndexLatexPrinter,
    tex,
)
from symbn.errors import InternalError
from symbn.language import functions
from symbn.language.functions import maximum, minimum, softplus

N = sp.Symbol("N", integer=True, positive=True)
i, k, p = (sp.Symbol(s, integer=True) for s in "ikp")
h, hhat, a, b = (sp.IndexedBase(s) for s in ("h", "hhat", "a", "b"))


def test_elements_use_the_declared_names_and_the_seed_notation():
    e = hhat[k, p] * sp.KroneckerDelta(i, k)
    out = tex(e, {"hhat": r"\hat{h}"})
    assert r"{\hat{h}_{k,p}}" in out
    assert r"\Delta_{i,k}" in out


def test_sum_parenthesises_a_sum_body_but_not_a_product():
    assert tex(sp.Sum(a[p] * b[p], (p, 1, N))) == r"\sum_{p=1}^{N} {a_{p}} {b_{p}}"
    assert r"\left({a_{p}} + {b_{p}}\right)" in tex(sp.Sum(a[p] + b[p], (p, 1, N)))
    assert r"\left(- " in tex(sp.Sum(-a[p] * b[p], (p, 1, N)))


def test_a_sum_that_is_not_the_last_factor_is_parenthesised():
    q = sp.Symbol("q", integer=True)
    out = tex(sp.Sum(a[p], (p, 1, N)) * sp.Sum(b[q], (q, 1, N)))
    assert out == r"\left(\sum_{p=1}^{N} {a_{p}}\right) \sum_{q=1}^{N} {b_{q}}"


def test_the_functions_of_two_arguments_constants_and_last_positions():
    assert tex(maximum(a[p], b[p])) == r"\max\left({a_{p}}, {b_{p}}\right)"
    assert tex(minimum(a[p], 0)) == r"\min\left(0, {a_{p}}\right)"
    assert tex(sp.erf(a[p]) * sp.pi) == r"\pi \operatorname{erf}\left({a_{p}}\right)"
    assert tex(softplus(a[p])) == r"\operatorname{softplus}\left({a_{p}}\right)"
    assert tex(h[N, 1] * sp.KroneckerDelta(i, N)) == r"\Delta_{N,i} {h_{N,1}}"


def test_derivative_prints_as_a_partial_fraction():
    out = tex(sp.Derivative(hhat[k, p], h[i, p], evaluate=False), {"hhat": r"\hat{h}"})
    assert out == r"\frac{\partial {\hat{h}_{k,p}}}{\partial {h_{i,p}}}"


# -- strict: a rule for every node of the language, an error for any other -----------------
X = sp.Symbol("x")
SPELLED = {
    "sqrt": r"\sqrt{x}",
    "exp": "e^{x}",
    "log": r"\log{\left(x \right)}",
    "tanh": r"\tanh{\left(x \right)}",
    "cosh": r"\cosh\left(x\right)",
    "sinh": r"\sinh\left(x\right)",
    "sech": r"\operatorname{sech}\left(x\right)",
    "sigmoid": r"\sigma\left(x\right)",
    "relu": r"\operatorname{ReLU}\left(x\right)",
    "step": r"\operatorname{step}\left(x\right)",
    "abs": r"\left|{x}\right|",
    "sign": r"\operatorname{sign}\left(x\right)",
    "softplus": r"\operatorname{softplus}\left(x\right)",
    "erf": r"\operatorname{erf}\left(x\right)",
    "max": r"\max\left(x, y\right)",
    "min": r"\min\left(x, y\right)",
    "act": r"\operatorname{act}\left(x\right)",
    "act1": r"\operatorname{act}'\left(x\right)",
    "act2": r"\operatorname{act}''\left(x\right)",
    "actb": r"\operatorname{act}_b\left(x\right)",
    "actb1": r"\operatorname{act}_b'\left(x\right)",
    "actb2": r"\operatorname{act}_b''\left(x\right)",
    **{  # the further functions left unsaid
        f"act{c}{n}": rf"\operatorname{{act}}_{c}{primes}\left(x\right)"
        for c in "cdef"
        for n, primes in (("", ""), ("1", "'"), ("2", "''"))
    },
}


def test_every_function_of_the_table_prints():
    assert set(SPELLED) == set(functions.TABLE)
    for name, f in functions.TABLE.items():
        assert tex(f.make(X) if f.arity == 1 else f.make(X, sp.Symbol("y"))) == SPELLED[name]
    assert tex(functions.relu(X) ** 2) == r"\operatorname{ReLU}\left(x\right)^{2}"


@pytest.mark.parametrize(
    ("e", "want"),
    [
        (sp.Rational(-2, 3) * X + sp.Float(0.5), r"0.5 - \frac{2}{3} x"),
        (1 / sp.sqrt(X + 1), r"\frac{1}{\sqrt{x + 1}}"),
        (X ** sp.Rational(3, 2), r"x^{\frac{3}{2}}"),
        (sp.Integer(-1), "-1"),
    ],
)
def test_numbers_sums_products_and_powers_print_as_sympy_prints_them(e, want):
    assert tex(e) == want


@pytest.mark.parametrize(
    "node",
    [
        sp.Function("Foo")(X),  # an undefined function: LatexPrinter spells \operatorname{Foo}
        sp.sin(X),  # a SymPy function the language has not
        sp.Max(X, 2),
        sp.Piecewise((X, X > 0), (0, True)),
        sp.Integral(X, X),
        sp.E,
        sp.Tuple(X, 1),
        sp.Basic(),  # LatexPrinter's catch-all _print_Basic would take it
    ],
)
def test_a_node_the_printer_does_not_know_raises(node):
    with pytest.raises(InternalError, match=r"the LaTeX printer has no rule for "):
        tex(node)
    with pytest.raises(InternalError):  # inside an expression too
        tex(a[p] + (node if isinstance(node, sp.Expr) else sp.Function("Foo")(p)))


def test_a_subclass_adds_a_rule_and_keeps_the_others():
    class WithSin(IndexLatexPrinter):
        def _print_sin(self, expr):
            return rf"\sin\left({self._print(expr.args[0])}\right)"

    assert WithSin().doprint(sp.sin(a[p]) + 1) == r"\sin\left({a_{p}}\right) + 1"
    with pytest.raises(InternalError):
        WithSin().doprint(sp.cos(X))


def test_a_name_with_a_subscript_takes_its_indices_after_braces():
    # W_1_{k,p} is a double subscript, which TeX refuses; {W_1}_{k,p} is not
    assert r"{{W_1}_{k,p}}" in tex(h[k, p], {"h": "W_1"})
    assert r"{{W_1}_{k,p}}" in tex(h[k, p], {"h": "{W_1}"})
    assert r"{\sigma^2_{k,p}}" in tex(h[k, p], {"h": r"\sigma^2"})
