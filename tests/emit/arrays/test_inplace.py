"""In-place evaluation of full-size values (`arrays.inplace`, through `arrays.kernel`).

Every plan must compute what the expression means (checked against 50-digit loops and, for
random expressions drawn by hypothesis, against the plain one-line array expression), must
never write into an argument, and must not allocate full-size temporaries (counted with
tracemalloc, which sees NumPy's data buffers).
"""

from __future__ import annotations

import tracemalloc

import arraycode
import numpy as np
import pytest
import sympy as sp
from headers import header
from hypothesis import given, settings
from hypothesis import strategies as st
from reports import report_of

from symbn.emit.arrays import statements
from symbn.emit.arrays.inplace import builds_array
from symbn.emit.arrays.kernel import Kernel, Output
from symbn.emit.arrays.vectorize import Term, Vectorizer
from symbn.emit.numpy import emitter as npemit
from symbn.language import functions, model
from symbn.language.indices import Index
from symbn.source import toml

HEADER = header(
    "in-place cases",
    """
A = { shape = ["N", "L"] }
B = { shape = ["N", "L"] }
c = { shape = ["L"] }
d = { shape = ["L"] }
s = { shape = [], positive = true }
""",
)

CASES = {
    "compact_backward": "c[l] / (N * sqrt(s + d[l]**2)) * (N*A[k, l] - sum(A[p, l], p) "
    "- B[k, l] * sum(A[p, l] * B[p, l], p))",
    "negated_sum": "-(A[k, l] + c[l] * B[k, l])",
    "negated_pivot_and_rest": "-A[k, l] - c[l] * B[k, l] - d[l]",
    "subtract_then_scale": "(A[k, l] - c[l]) / sqrt(s + d[l]**2)",
    "accumulate": "c[l] * A[k, l] + d[l] * B[k, l] + c[l]",
    "size_pivot": "N * A[k, l] - c[l] * B[k, l]",
    "three_full_terms": "A[k, l] - 2 * B[k, l] + c[l] * A[k, l] * B[k, l]",
    "product_of_full_arrays": "A[k, l] * B[k, l] * c[l]",
    "step_times_array": "step(A[k, l]) * B[k, l] * d[l]",
    "small_terms_make_it_full": "c[l] * sum(A[p, l], p) + A[k, l] * s",
    "outer_product": "c[l] * sum(A[k, j], j)",
    "transposed_output": "A[k, l] * c[l] + B[k, l]",
    "plain_array": "A[k, l]",
}
TRANSPOSED = {"transposed_output"}  # laid out (l, k)


@pytest.fixture(scope="module")
def cases_model(tmp_path_factory):
    return arraycode.cases_model(tmp_path_factory.mktemp("inplace"), HEADER, CASES)


def index(m, name: str) -> sp.Symbol:
    return next(s for s in m.indices if str(s) == name)


def output(m, name: str) -> Output:
    claim = next(c for c in m.claims if c.name == name)
    axes = tuple(index(m, x) for x in ("k", "l") if index(m, x) in claim.free)
    return Output("out", claim.lhs, axes[::-1] if name in TRANSPOSED else axes)


@pytest.mark.parametrize("name", sorted(CASES))
def test_case_matches_the_loop_evaluation(cases_model, name, tmp_path):
    out = output(cases_model, name)
    module = arraycode.load(arraycode.kernel_source(cases_model, [out]), tmp_path / f"{name}.py")
    arraycode.check_against_loops(cases_model, module.case, [out])


def lines_of(m, name: str) -> list[str]:
    sizes = [str(s) for s in m.sizes]
    kernel = Kernel(arraycode.vectorizer(m), set(m.inputs) | set(sizes))
    return statements.lines(kernel.emit([output(m, name)]))


def test_the_compact_backward_is_four_passes_into_one_array(cases_model):
    lines = lines_of(cases_model, "compact_backward")
    assert lines[-3:-1] == ['out += np.einsum("pl->l", A) / N', "np.subtract(A, out, out=out)"]
    assert lines[-1].startswith("out *= ")
    assert lines[0].startswith("out = ")
    assert lines[0].endswith("* B")
    assert len(lines) == 4


def test_a_centred_value_is_subtracted_then_scaled(cases_model):
    assert lines_of(cases_model, "subtract_then_scale") == [
        "out = A - c",
        "out /= np.sqrt(s + d ** 2)",
    ]


def test_a_name_is_never_updated_in_place(cases_model):
    """The plain array A is copied, never aliased: an in-place step would write into A."""
    assert lines_of(cases_model, "plain_array") == ["out = A"]  # no in-place step follows
    lines = lines_of(cases_model, "accumulate")
    assert not any(x.startswith(("A ", "B ", "c ", "d ")) for x in lines)


def test_step_keeps_nan_and_infinities_as_heaviside_does(cases_model, tmp_path):
    """step(x) is planned as max(sign(x), 0) in place: the same values as np.heaviside(x, 0)
    at NaN, +-inf and +-0."""
    out = output(cases_model, "step_times_array")
    module = arraycode.load(arraycode.kernel_source(cases_model, [out]), tmp_path / "step.py")
    assert "heaviside" not in (tmp_path / "step.py").read_text()
    a = np.array([[np.nan, np.inf], [-np.inf, 0.0], [-0.0, 2.0]])
    b = np.full((3, 2), 3.0)
    d = np.array([1.0, 2.0])
    got = module.case(A=a, B=b, c=d, d=d, s=1.0, N=3, L=2)
    np.testing.assert_array_equal(got, np.heaviside(a, 0) * b * d)


def two_outputs(m):
    """A variance-like sum over h - mu written with p, and h - mu written with k: one
    array, read twice by the einsum, then taken over by the second output."""
    a, c, d = (sp.IndexedBase(n) for n in ("A", "c", "d"))
    k, p, col = (index(m, x) for x in ("k", "p", "l"))
    n = next(s for s in m.sizes if str(s) == "N")
    var = sp.Sum((a[p, col] - c[col]) ** 2, (p, 1, n)) / n
    hhat = (a[k, col] - c[col]) * d[col]
    return [Output("v", var, (col,)), Output("w", hhat, (k, col))]


def test_shared_array_under_other_index_names_is_computed_once_and_taken_over(
    cases_model, tmp_path
):
    outs = two_outputs(cases_model)
    source = arraycode.kernel_source(cases_model, outs)
    assert source.count("A - c") == 1
    assert 'np.einsum("pl,pl->l", w, w)' in source
    assert "w *= d" in source
    assert " t0" not in source
    module = arraycode.load(source, tmp_path / "two.py")
    arraycode.check_against_loops(cases_model, module.case, outs)


def test_a_temporary_still_needed_is_not_taken_over(cases_model, tmp_path):
    """When a later output still reads h - mu, the one before may not overwrite it: the
    array goes to the last output that is h - mu itself, and w is computed beside it."""
    outs = two_outputs(cases_model)
    a, c = sp.IndexedBase("A"), sp.IndexedBase("c")
    k, col = outs[1].axes
    outs.append(Output("z", a[k, col] - c[col], (k, col)))
    source = arraycode.kernel_source(cases_model, outs)
    assert source.count("A - c") == 1
    assert "w = d * z" in source
    assert "w *=" not in source
    module = arraycode.load(source, tmp_path / "three.py")
    arraycode.check_against_loops(cases_model, module.case, outs)


def test_fresh_tells_new_arrays_from_names_and_views():
    """Printed names, views and einsums are not new arrays; arithmetic and calls are."""
    n = sp.Symbol("N", integer=True, positive=True)
    ki, li = Index("k", n), Index("l", n)
    vec = Vectorizer([ki, li])
    a, c = sp.IndexedBase("A"), sp.IndexedBase("c")
    views = [a[ki, li], a[li, ki], a[1, li], a[ki, ki], sp.Sum(a[ki, li], (ki, 1, n))]
    for e in views:
        assert not builds_array(vec.term(e)), vec.term(e).code
    assert not builds_array(vec.align(vec.term(c[li]), (ki, li)))  # c[None, :]... a view
    assert not builds_array(Term("t0", (ki,)))  # a temporary, by its name
    made = [
        sp.sqrt(a[ki, li]),
        functions.step(a[ki, li]),
        a[ki, li] + c[li],
        sp.KroneckerDelta(ki, li),
        -a[ki, li],
        a[ki, li] ** 2,
    ]
    for e in made:
        assert builds_array(vec.term(e)), vec.term(e).code


# -- random expressions: the plan against the one-line expression ----------------------------
N, LL = sp.symbols("N L", integer=True, positive=True)
K, L_ = Index("k", N), Index("l", LL)
A, B, C, D = (sp.IndexedBase(n) for n in "ABcd")
S = sp.Symbol("s", positive=True)
FULL = [A[K, L_], B[K, L_], A[K, L_] * B[K, L_], A[K, L_] + C[L_], sp.sqrt(S + A[K, L_] ** 2)]
SMALL = [
    C[L_],
    D[L_],
    N,
    sp.Integer(2),
    sp.Rational(-1, 3),
    1 / N,
    1 / sp.sqrt(S + D[L_] ** 2),
    sp.Integer(-1),
    sp.Sum(A[K, L_], (K, 1, N)),
]


@st.composite
def full_size(draw):
    """c0 * (sum of coefficient * full-size factor + a small term)."""
    terms = [
        draw(st.sampled_from(SMALL)) * draw(st.sampled_from(FULL))
        for _ in range(draw(st.integers(1, 4)))
    ]
    if draw(st.booleans()):
        terms.append(draw(st.sampled_from(SMALL)))
    total = sp.Add(*terms)
    return draw(st.sampled_from(SMALL)) * total if draw(st.booleans()) else total


def evaluate(lines: list[str], env: dict):
    """Run lines of array code symbn generated from the test's own expressions."""
    scope = {"np": np, "dtype": np.dtype(np.float64), **env}
    exec("\n".join(lines), scope)  # code symbn generated here, from test expressions
    return scope["out"]


@settings(max_examples=150, deadline=None, derandomize=True)
@given(full_size())
def test_random_plans_agree_with_the_plain_expression(e):
    if e.free_symbols & {K, L_} != {K, L_}:
        return  # not full-size (the draw cancelled a factor)
    lines = statements.lines(
        Kernel(Vectorizer([K, L_]), {"A", "B", "c", "d", "s", "N", "L"}).emit(
            [Output("out", e, (K, L_))]
        )
    )
    plain = Vectorizer([K, L_]).term(e)
    rng = np.random.default_rng(0)
    env = {
        "A": rng.standard_normal((5, 3)),
        "B": rng.standard_normal((5, 3)),
        "c": rng.standard_normal(3),
        "d": rng.standard_normal(3),
        "s": 0.7,
        "N": 5,
        "L": 3,
    }
    before = {k: np.copy(v) for k, v in env.items()}
    got = evaluate(lines, dict(env))
    want = np.broadcast_to(evaluate([f"out = {plain.code}"], dict(env)), (5, 3))
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)
    for k, v in env.items():
        assert np.array_equal(v, before[k]), f"{k} was written into"


# -- the generated batch-norm layer allocates what it returns and no more ---------------------
def peak_allocation(fn, *args) -> int:
    tracemalloc.start()
    try:
        fn(*args)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_generated_batchnorm_allocates_only_its_outputs(repo_root, tmp_path):
    m = model.build(toml.load(repo_root / "derivations" / "batchnorm_core.toml"))
    module = arraycode.load(npemit.render(report_of(m)), tmp_path / "bn_core.py")
    rng = np.random.default_rng(0)
    n, width = 1024, 256
    h, dy = rng.standard_normal((n, width)), rng.standard_normal((n, width))
    gamma, beta = rng.uniform(0.5, 1.5, width), rng.standard_normal(width)
    _, cache = module.forward(h, gamma, beta, 1e-5)
    full = h.nbytes
    slack = 0.1 * full  # the column vectors and Python objects
    assert peak_allocation(module.forward, h, gamma, beta, 1e-5) <= 2 * full + slack  # hhat, y
    assert peak_allocation(module.backward, dy, cache) <= 1 * full + slack  # dh


# -- the generated attention: no temporary wider than the arrays a function takes and returns --
def test_generated_attention_allocates_no_temporary_with_more_axes(repo_root, tmp_path):
    """At N = 24, E = 12 an (N, N, E) temporary is 12 times the largest argument or result;
    every function of generated/attention.py peaks below 6 times it."""
    module = arraycode.load(
        (repo_root / "generated" / "attention.py").read_text(), tmp_path / "attention.py"
    )
    rng = np.random.default_rng(0)
    n, e = 24, 12
    q, k, v, do = (rng.standard_normal((n, e)) for _ in range(4))
    a = module.define_A(Q=q, K=k)
    p = module.define_P(A=a)
    dp = module.define_dP(V=v, dO=do)
    values = {
        "Q": q,
        "K": k,
        "V": v,
        "dO": do,
        "A": a,
        "P": p,
        "dP": dp,
        "O": module.define_O(V=v, P=p),
        "dA": module.define_dA(P=p, dP=dp),
    }
    functions = [name for name in dir(module) if name.startswith(("define_", "claim_"))]
    assert len(functions) == 11
    for name in functions:
        fn = getattr(module, name)
        args = {x: values[x] for x in fn.__code__.co_varnames[: fn.__code__.co_argcount]}
        result = fn(**args)
        widest = max(x.nbytes for x in [*args.values(), np.asarray(result)])
        assert peak_allocation(lambda fn=fn, args=args: fn(**args)) <= 6 * widest, name
    _, cache = module.forward(q, k, v)
    widest = max(p.nbytes, q.nbytes)
    assert peak_allocation(module.forward, q, k, v) <= 6 * widest
    assert peak_allocation(module.backward, do, cache) <= 6 * widest
