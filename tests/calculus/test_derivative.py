"""symbn.calculus.derivative: each rule of the table, checked against an independent computation.

The reference is SymPy's own `diff` on the claim written out at concrete sizes and indices
(sums expanded, definitions substituted by hand here, not by symbn), evaluated at exact
input values; one more check compares with the concrete evaluator's central difference.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import mpmath
import pytest
import sympy as sp
from headers import header

from symbn.calculus.derivative import Calculus, evaluate, instantiate
from symbn.errors import Location
from symbn.language import indices, rules
from symbn.language import model as model_module
from symbn.source import toml
from symbn.source.spec import Text
from symbn.verify import arithmetic, concrete

TEXT = (
    header(
        "Calculus",
        """
x = { shape = ["N", "L"] }
w = { shape = ["L"] }
c = { shape = [], positive = true }
""",
    )
    + """
[[define]]
name = "m"
index = ["l"]
expr = "sum(x[p, l], p) / N"

[[define]]
name = "z"
index = ["k", "l"]
expr = "w[l] * (x[k, l] - m[l])"

[[define]]
name = "s"
index = ["l"]
expr = "sum(z[p, l]**2, p) + c"

[[define]]
name = "y"
index = ["k", "l"]
expr = "c * exp(z[k, l]) / sqrt(s[l])"

[[claim]]
name = "mean"
lhs = "diff(m[l], x[i, j])"
rhs = "Delta(j, l) / N"
"""
)

#: (rule that step() applies, expression, variable): a row for every derivative rule.
ROWS = [
    ("sum rule", "x[k, l] + w[l] * x[i, l]", "x[i, j]"),
    ("product rule", "x[k, l] * x[i, l] * w[l]", "x[i, j]"),
    ("constant factor", "w[l] * x[k, l]**2", "x[i, j]"),
    ("power rule", "x[k, l]**3", "x[i, j]"),
    ("power rule", "(c + x[k, l]**2)**(-1/2)", "x[i, j]"),
    ("chain rule", "tanh(w[l] * x[k, l])", "x[i, j]"),
    ("chain rule", "log(c + x[k, l]**2)", "x[i, j]"),
    ("derivative of a sum", "sum(x[p, l]**2 * w[l], p)", "x[i, j]"),
    ("derivative of an element", "x[k, l]", "x[i, j]"),  # Delta(i, k) Delta(j, l)
    ("derivative of an element", "x[k, l]", "x[k, l]"),  # 1
    ("constant", "x[k, l]", "w[j]"),  # another tensor: 0
    ("definition", "m[l]", "x[i, j]"),
    ("definition", "z[k, l]", "x[i, j]"),
    ("definition", "s[l]", "x[i, j]"),
    ("definition", "y[k, l]", "x[i, j]"),
    ("definition", "y[k, l]", "z[i, j]"),  # z held independent
    ("definition", "s[l]", "m[j]"),  # m held independent inside z
]

SIZES = {"N": 3, "L": 2}


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    path = tmp_path_factory.mktemp("calculus") / "calculus.toml"
    path.write_text(TEXT)
    return model_module.build(toml.load(path))


def read(model, src: str) -> sp.Expr:
    """An expression of the language in the model's scope (through a claim's parser)."""
    return model.parse(Text(src, Location("t", 1, 1, src)))


def unfold(e: sp.Expr, model) -> sp.Expr:
    """Every element of a definition in `e` replaced by its body, down to the inputs."""
    while True:
        names = [x for x in e.atoms(sp.Indexed) if model.tensor_name(x) in model.definitions]
        if not names:
            return e
        e = e.xreplace({x: instantiate(model, x, avoid=indices.bound(e)) for x in names})


def value_of(name: str, idx: tuple) -> sp.Rational:
    """Exact, distinct, deterministic input values (c > 0 as declared)."""
    if name == "c":
        return sp.Rational(7, 5)
    seed = {"x": 3, "w": 5}[name]
    n = sum((a + 1) * 7**d for d, a in enumerate(idx))
    return sp.Rational(((seed * n * 37) % 23) - 11, 8)


class Expanded:
    """The model written out by hand at concrete sizes: definitions substituted, sums done."""

    def __init__(self, model, sizes: dict, keep: str | None = None):
        self.model = model
        self.sizes = {s: sizes[str(s)] for s in model.sizes}
        self.keep = keep  # a definition left as a variable (the one differentiated by)

    def __call__(self, e: sp.Expr, env: dict) -> sp.Expr:
        e = e.xreplace(self.sizes).doit().xreplace(env)  # sums first: env holds free indices
        return e.replace(self._is_definition, self._body)

    def _is_definition(self, x) -> bool:
        name = self.model.tensor_name(x) if isinstance(x, sp.Indexed | sp.Symbol) else None
        if isinstance(x, sp.Indexed):
            name = str(x.base.label)
        return name in self.model.definitions and name != self.keep

    def _body(self, x):
        name = str(x.base.label) if isinstance(x, sp.Indexed) else x.name
        defn = self.model.definitions[name]
        idx = x.indices if isinstance(x, sp.Indexed) else ()
        return self(defn.body, dict(zip(defn.index, idx, strict=True)))

    def inputs(self) -> dict:
        out = {}
        for name, (base, shape, _) in self.model.inputs.items():
            ranges = [range(1, self.sizes[s] + 1) for s in shape]
            for idx in itertools.product(*ranges):
                el = base[idx] if idx else base
                out[el.xreplace(self.sizes)] = value_of(name, idx)
        return out


def check_against_sympy(model, e: sp.Expr, wrt: sp.Expr, ours: sp.Expr) -> int:
    """Compare `ours` (d e / d wrt) with SymPy's diff at every index assignment; count them."""
    keep = model.tensor_name(wrt) if model.tensor_name(wrt) in model.definitions else None
    ex = Expanded(model, SIZES, keep)
    values = ex.inputs()
    free = sorted(indices.free(e) | indices.free(wrt), key=str)
    checked = 0
    for combo in itertools.product(*[range(1, SIZES[str(i.size)] + 1) for i in free]):
        env = dict(zip(free, combo, strict=True))
        var = wrt.xreplace(env).xreplace(ex.sizes)
        reference = sp.diff(ex(e, env), var)
        got = ex(ours, env)
        if keep is not None:  # the held variable gets a value too (any value will do)
            held = {
                v: sp.Rational(3, 7) + n
                for n, v in enumerate(
                    sorted(
                        (
                            a
                            for a in (reference + got).atoms(sp.Indexed, sp.Symbol)
                            if model.tensor_name(a) == keep
                            or (isinstance(a, sp.Indexed) and str(a.base.label) == keep)
                        ),
                        key=sp.default_sort_key,
                    )
                )
            }
        else:
            held = {}
        diff = (reference - got).xreplace(held).xreplace(values)
        assert abs(sp.N(diff, 40)) < 1e-30, (env, reference, got)
        checked += 1
    return checked


@pytest.mark.parametrize(("rule", "src", "wrt"), ROWS, ids=[f"{r[0]}:{r[1]}/{r[2]}" for r in ROWS])
def test_rule_matches_sympy_on_the_expanded_case(model, rule, src, wrt):
    e, var = read(model, src), read(model, wrt)
    calc = Calculus(model, var)
    used, staged = calc.one_rule(e)
    assert used.name == rule
    ours = calc.derivative(e)
    assert not ours.has(sp.Derivative)
    # the staged step leaves children unevaluated; finishing them gives the same derivative
    finished = evaluate(staged, model)
    assert check_against_sympy(model, e, var, ours) > 0
    assert check_against_sympy(model, e, var, finished) > 0


def test_every_derivative_rule_has_a_row():
    assert {rule.name for rule in rules.at("derivative")} == {r[0] for r in ROWS}


def test_element_rule_gives_kronecker_deltas(model):
    x = model.bases["x"]
    i, j, k, ell = (next(s for s in model.indices if s.name == n) for n in "ijkl")
    calc = Calculus(model, x[i, j])
    assert calc.derivative(x[k, ell]) == sp.KroneckerDelta(i, k) * sp.KroneckerDelta(j, ell)
    assert calc.derivative(x[i, j]) == 1
    assert calc.derivative(model.bases["w"][ell]) == 0
    assert calc.derivative(x[1, 2]) == sp.KroneckerDelta(i, 1) * sp.KroneckerDelta(j, 2)


def test_step_children_are_unevaluated_derivatives(model):
    x = model.bases["x"]
    i, j, k, ell = (next(s for s in model.indices if s.name == n) for n in "ijkl")
    calc = Calculus(model, x[i, j])
    m, z = model.element("m", (ell,)), model.element("z", (k, ell))
    rule, out = calc.one_rule(z * m)
    assert rule.name == "product rule"
    assert out == (
        sp.Derivative(z, x[i, j], evaluate=False) * m
        + z * sp.Derivative(m, x[i, j], evaluate=False)
    )
    rule, out = calc.one_rule(z)
    assert rule.name == "definition"
    assert isinstance(out, sp.Derivative)
    assert out.variables == (x[i, j],)
    assert out.expr == model.definitions["z"].body  # z's body, at z's own indices k, l
    inputs_of_m = unfold(m, model).atoms(sp.Indexed)
    assert unfold(out.expr, model).atoms(sp.Indexed) <= {
        x[k, ell],
        model.bases["w"][ell],
        *inputs_of_m,
    }


def test_definition_is_held_independent_of_its_own_element(model):
    z = model.bases["z"]
    i, j, k, ell = (next(s for s in model.indices if s.name == n) for n in "ijkl")
    calc = Calculus(model, z[i, j])
    delta = sp.KroneckerDelta(i, k) * sp.KroneckerDelta(j, ell)
    assert calc.derivative(z[k, ell]) == delta  # not through z's body
    assert calc.derivative(model.element("m", (ell,))) == 0  # m does not use z


def test_nested_diff_is_a_second_derivative(model):
    e = read(model, "diff(diff(x[k, l]**3 * w[l], x[i, j]), x[i, j])")
    x = model.bases["x"]
    i, j, k, ell = (next(s for s in model.indices if s.name == n) for n in "ijkl")
    got = evaluate(e, model)
    assert not got.has(sp.Derivative)
    ex = Expanded(model, SIZES)
    values = ex.inputs()
    for combo in itertools.product(range(1, 4), range(1, 3), range(1, 4), range(1, 3)):
        env = dict(zip((i, j, k, ell), combo, strict=True))
        var = x[i, j].xreplace(env).xreplace(ex.sizes)
        reference = sp.diff(ex(x[k, ell] ** 3 * model.bases["w"][ell], env), var, 2)
        assert (reference - ex(got, env)).xreplace(values) == 0
    # derivative() of a Derivative evaluates the inner one first: a third derivative
    third = Calculus(model, x[i, j]).derivative(e)
    assert third == evaluate(sp.Derivative(e, x[i, j], evaluate=False), model)


def test_sum_index_that_the_variable_uses_is_renamed(model):
    x = model.bases["x"]
    i, j, p, ell = (next(s for s in model.indices if s.name == n) for n in "ijpl")
    n = model.sizes[0]
    e = sp.Sum(x[i, ell] * x[p, ell] ** 2, (p, 1, n))  # bound p, and the variable is x[p, j]
    got = Calculus(model, x[p, j]).derivative(e)
    bound = {lim[0] for s in got.atoms(sp.Sum) for lim in s.limits}
    assert bound
    assert p not in bound
    assert check_against_sympy(model, e, x[p, j], got) > 0


def test_matches_the_central_difference_of_the_concrete_evaluator(batchnorm_model):
    m = batchnorm_model
    h = m.bases["h"]
    i, j, k, ell = (next(s for s in m.indices if s.name == n) for n in "ijkl")
    e = m.element("hhat", (k, ell))
    ours = Calculus(m, h[i, j]).derivative(e)
    sizes = {s: {"N": 3, "L": 2, "D": 2}[str(s)] for s in m.sizes}
    values = {}
    for name, (_, shape, positive) in sorted(m.inputs.items()):
        cells = itertools.product(*[range(1, sizes[s] + 1) for s in shape])
        values[name] = {
            idx: Fraction(n % 5 + 1 if positive else (n * 7) % 11 - 5, 4)
            for n, idx in enumerate(cells)
        }
    point = concrete.Point(sizes, values)
    with mpmath.workdps(arithmetic.DIGITS):
        ev = concrete.Evaluator(m, point)
        for combo in itertools.product(range(1, 4), range(1, 3), range(1, 4), range(1, 3)):
            env = dict(zip((i, j, k, ell), combo, strict=True))
            numeric = ev.value(sp.Derivative(e, h[i, j], evaluate=False), env)
            assert abs(ev.value(ours, env) - numeric) < mpmath.mpf("1e-20")
