"""symbn.verify.verifier: true claims are proved, subtly wrong ones refuted with a real
counterexample."""

from __future__ import annotations

import itertools
import time
from fractions import Fraction
from pathlib import Path

import mpmath
import pytest
import sympy as sp
from headers import claim_tables, header

from symbn.language import model as model_module
from symbn.source import toml
from symbn.verify import arithmetic, concrete
from symbn.verify.verifier import Options, Verifier, algebraic_zero


@pytest.fixture(scope="module")
def batchnorm_results(batchnorm_model):
    return {r.name: r for r in Verifier(batchnorm_model).run()}


def test_every_batchnorm_claim_is_proved(batchnorm_model, batchnorm_results):
    assert list(batchnorm_results) == [c.name for c in batchnorm_model.claims]
    derived = {
        name
        for name, c in zip(batchnorm_results, batchnorm_model.claims, strict=True)
        if c.rhs is None
    }
    assert derived == {"dhhat_dh_closed"}
    for name, r in batchnorm_results.items():
        assert r.status == ("derived" if name in derived else "proved"), (name, r.reason)
        assert r.counterexample is None
        assert (r.closed_form is not None) == (name in derived)  # the others: when asked
        assert r.seconds >= 0


def test_the_closed_form_of_a_proved_claim_is_found_when_asked(batchnorm_model):
    verifier = Verifier(batchnorm_model)
    claim = next(c for c in batchnorm_model.claims if c.name == "dL_dh")
    shown = verifier.closed_form(claim)
    assert shown is not None
    assert shown.has(batchnorm_model.bases["hhat"])
    assert verifier.is_zero(shown - claim.rhs)


def with_claims(repo_root, *claims: tuple[str, str, str]) -> str:
    """batchnorm.toml with more claims (name, lhs, rhs) appended."""
    text = (repo_root / "derivations" / "batchnorm.toml").read_text()
    for name, lhs, rhs in claims:
        text += f'\n[[claim]]\nname = "{name}"\nlhs = "{lhs}"\nrhs = "{rhs}"\n'
    return text


#: Subtly wrong versions of claims of the seed derivation: (name, lhs, wrong rhs).
WRONG = [
    ("var_bessel", "diff(var[l], h[i, j])", "2/(N - 1) * (h[i, l] - mu[l]) * Delta(j, l)"),
    ("flipped_sign", "diff(u[k, l], h[i, j])", "Delta(j, l)/N - Delta(i, k)*Delta(j, l)"),
    (
        "dropped_term",
        "diff(hhat[k, l], h[i, j])",
        "(Delta(i, k)*Delta(j, l) - Delta(j, l)/N) * (var[l] + delta)**(-1/2)",
    ),
    (
        "j_for_l",
        "sum(dy[k, l] * diff(y[k, l], gamma[j]), k, l)",
        "sum(dy[k, j] * hhat[k, l], k, l)",
    ),
    ("delta_ik_only", "diff(u[k, l], h[i, j])", "Delta(i, k) - Delta(j, l)/N"),
]


@pytest.fixture(scope="module")
def wrong(tmp_path_factory, repo_root):
    path = tmp_path_factory.mktemp("wrong") / "wrong.toml"
    path.write_text(with_claims(repo_root, *WRONG))
    m = model_module.build(toml.load(path))
    verifier = Verifier(m)
    names = {w[0] for w in WRONG}
    return m, {c.name: verifier.claim(c) for c in m.claims if c.name in names}


def replay(m, cx, claim):
    """Evaluate both sides again at the counterexample's own point."""
    sizes = {s: cx.sizes[str(s)] for s in m.sizes}
    values = {}
    for name, (_, shape, _) in m.inputs.items():
        cells = {}
        for idx in itertools.product(*[range(1, sizes[s] + 1) for s in shape]):
            v = cx.inputs.get(name, 1)  # an input the claim does not use: any value will do
            for n in idx:
                v = v[n - 1] if name in cx.inputs else v
            cells[idx] = Fraction(v)
        values[name] = cells
    env = {i: cx.indices[str(i)] for i in claim.free}
    with mpmath.workdps(arithmetic.DIGITS):
        ev = concrete.Evaluator(m, concrete.Point(sizes, values))
        return ev.value(claim.lhs, env), ev.value(claim.rhs, env)


@pytest.mark.parametrize("name", [w[0] for w in WRONG])
def test_wrong_claims_are_refuted_with_a_counterexample(wrong, name):
    m, results = wrong
    r = results[name]
    assert r.status == "refuted", (r.status, r.reason)
    assert r.residual is not None
    assert r.residual != 0
    cx = r.counterexample
    assert cx is not None
    assert float(cx.lhs) != pytest.approx(float(cx.rhs), rel=1e-6, abs=1e-9)
    claim = next(c for c in m.claims if c.name == name)
    assert set(cx.indices) == {str(i) for i in claim.free}
    lhs, rhs = replay(m, cx, claim)
    assert float(lhs) == pytest.approx(float(cx.lhs), rel=1e-9, abs=1e-12)
    assert float(rhs) == pytest.approx(float(cx.rhs), rel=1e-9, abs=1e-12)
    assert abs(lhs - rhs) > 1e-6


def test_bessel_counterexample_avoids_n_equal_one(wrong):
    _, results = wrong
    assert results["var_bessel"].counterexample.sizes["N"] >= 2  # 2/(N - 1) is undefined at 1


def test_claims_true_only_after_unfolding_are_proved(build_model, repo_root):
    m = build_model(
        with_claims(
            repo_root,
            ("sum_dh", "sum(dh[i, j], i)", "0"),
            ("sum_hhat", "sum(hhat[k, l], k)", "0"),
            ("sum_hhat_sq", "sum(hhat[k, l]**2, k)", "N * var[l] / (var[l] + delta)"),
        )
    )
    verifier = Verifier(m)
    for c in m.claims[-3:]:
        r = verifier.claim(c)
        assert r.status == "proved", (c.name, r.status, r.residual)


def test_claim_without_rhs_is_derived_and_checked(build_model, repo_root):
    text = (repo_root / "derivations" / "batchnorm.toml").read_text()
    m = build_model(text + '\n[[claim]]\nname = "free"\nlhs = "diff(var[l], h[i, j])"\n')
    r = Verifier(m).claim(m.claims[-1])
    assert r.status == "derived"
    two_over_n = 2 / m.sizes[0]
    i, j, ell = (next(s for s in m.indices if s.name == n) for n in "ijl")
    expected = (
        two_over_n
        * (m.element("h", (i, ell)) - m.element("mu", (ell,)))
        * sp.KroneckerDelta(j, ell)
    )
    assert Verifier(m).is_zero(r.closed_form - expected)


N = sp.Symbol("N", integer=True, positive=True)
a, b = sp.symbols("a b", real=True)


@pytest.mark.parametrize(
    "e",
    [
        sp.Pow(sp.sqrt(a + b), 2, evaluate=False) - (a + b),
        (sp.sqrt(a + b) + 1) * (sp.sqrt(a + b) - 1) - (a + b - 1),
        (a + b) ** sp.Rational(-1, 2) - sp.sqrt(a + b) / (a + b),
        (a + b) ** sp.Rational(3, 2) - (a + b) * sp.sqrt(a + b),
        1 / (N * (N - 1)) - (1 / (N - 1) - 1 / N),
    ],
    ids=[
        "square_of_root",
        "difference_of_squares",
        "inverse_root",
        "three_halves",
        "partial_fractions",
    ],
)
def test_algebraic_zero(e):
    assert algebraic_zero(e)


@pytest.mark.parametrize(
    "e",
    [
        sp.sqrt(a + b) - (a + b),
        1 / (N * (N - 1)) - (1 / (N - 1) + 1 / N),
        (a + b) ** sp.Rational(1, 3) - sp.sqrt(a + b),
    ],
    ids=["root_is_not_base", "sign", "cube_root"],
)
def test_algebraic_nonzero(e):
    assert not algebraic_zero(e)


HUGE = """\
[derivation]
title = "Huge"

[sizes]
N = "rows"

[indices]
i = "N"
k = "N"
p = "N"

[inputs]
x = { shape = ["N"] }
c = { shape = [] }
d = { shape = [] }

[[claim]]
name = "huge"
lhs = "diff((x[k] + sum(x[p], p) + c + d)**24, x[i])"
rhs = "0"
"""


def test_timeout_gives_unknown_with_a_reason(build_model):
    m = build_model(HUGE)
    start = time.process_time()  # the budget is CPU time: a busy machine may take longer
    r = Verifier(m, Options(timeout=0.3)).claim(m.claims[0])
    assert r.status == "unknown"
    assert "time budget of 0.3 s" in r.reason
    assert time.process_time() - start < 5
    assert r.counterexample is None


def test_options_are_frozen():
    options = Options(timeout=2.0, seed=3)
    with pytest.raises(AttributeError):
        options.timeout = 1.0  # type: ignore[misc]
    assert Options().timeout > 0


# --- the language's assumptions: simplex inputs, sizes with a minimum, sizes as indices,
# scalar exponents; each proves a true claim and refutes a false one ------------------------

SOFTMAX = Path(__file__).resolve().parents[1] / "derivations" / "softmax_cross_entropy.toml"


def verdicts(m) -> dict:
    return {r.name: r for r in Verifier(m).run()}


def check_refuted(m, r) -> None:
    """Refuted with a counterexample at which both sides, evaluated again, differ."""
    assert r.status == "refuted", (r.name, r.status, r.reason)
    claim = next(c for c in m.claims if c.name == r.name)
    lhs, rhs = replay(m, r.counterexample, claim)
    assert abs(lhs - rhs) > 1e-6


def test_softmax_cross_entropy_gradient_is_proved_for_simplex_targets(build_model):
    m = build_model(SOFTMAX.read_text())
    results = verdicts(m)
    assert results["dloss_dZ"].status == "proved", results["dloss_dZ"].residual
    check_refuted(m, results["dloss_dZ_without_the_mean"])


def test_without_simplex_the_softmax_gradient_is_refuted(build_model):
    text = SOFTMAX.read_text()
    assert 'simplex = "C", ' in text
    m = build_model(text.replace('simplex = "C", ', ""))
    r = verdicts(m)["dloss_dZ"]
    check_refuted(m, r)
    n = r.counterexample.indices["i"]  # the target's row at the counterexample
    assert sum(Fraction(v) for v in r.counterexample.inputs["Y"][n - 1]) != 1


FOCAL = (
    header(
        "A scalar exponent",
        """
    p = { shape = ["N"], positive = true }
    gam = { shape = [], positive = true }
    c = { shape = [], positive = true }
""",
        sizes={"N": "rows"},
        indices={"i": "N", "k": "N"},
    )
    + """
[[define]]
name = "g2"
expr = "2 * gam"

[[define]]
name = "focal"
index = ["k"]
expr = "-(1 - p[k])**gam * log(p[k])"
"""
)

POWERS = [
    (
        "dfocal_dp",
        "diff(focal[k], p[i])",
        "Delta(i, k) * (gam * (1 - p[i])**(gam - 1) * log(p[i]) - (1 - p[i])**gam / p[i])",
        "proved",
    ),
    (
        "dfocal_dp_no_gam",
        "diff(focal[k], p[i])",
        "Delta(i, k) * ((1 - p[i])**(gam - 1) * log(p[i]) - (1 - p[i])**gam / p[i])",
        "refuted",
    ),
    ("dpower_dexponent", "diff(c**gam, gam)", "c**gam * log(c)", "proved"),
    ("dpower_dexponent_as_base", "diff(c**gam, gam)", "gam * c**(gam - 1)", "refuted"),
    ("through_a_scalar_definition", "diff(c**g2, gam)", "2 * c**g2 * log(c)", "proved"),
    ("through_a_scalar_definition_wrong", "diff(c**g2, gam)", "c**g2 * log(c)", "refuted"),
]


def test_scalar_exponents(build_model):
    m = build_model(FOCAL + claim_tables(row[:3] for row in POWERS))
    results = verdicts(m)
    for name, *_, status in POWERS:
        if status == "refuted":
            check_refuted(m, results[name])
        else:
            assert results[name].status == status, (name, results[name].residual)


def last(size: str) -> str:
    """A derivation with a size N written as `size`: a description, or a table with a min."""
    return (
        header(
            "Sizes as indices and sizes with a minimum",
            'h = { shape = ["N", "L"] }',
            sizes={"N": size, "L": "columns"},
        )
        + LAST
    )


LAST = """
[[define]]
name = "g"
index = ["l"]
expr = "h[N, l] * h[1, l]"

[[define]]
name = "s"
index = ["l"]
expr = "sum((h[k, l] - mean(h[p, l], p))**2, k) / (N - 1)"

[[claim]]
name = "dg"
lhs = "diff(g[l], h[i, j])"
rhs = "Delta(j, l) * (Delta(i, N) * h[1, l] + Delta(i, 1) * h[N, l])"

[[claim]]
name = "dg_one_term"
lhs = "diff(g[l], h[i, j])"
rhs = "Delta(j, l) * Delta(i, N) * h[1, l]"

[[claim]]
name = "last_is_not_first"
lhs = "diff(h[N, 1], h[1, 1])"
rhs = "0"

[[claim]]
name = "ds"
lhs = "diff(s[l], h[i, j])"
rhs = "2 * Delta(j, l) * (h[i, l] - mean(h[p, l], p)) / (N - 1)"

[[claim]]
name = "ds_biased"
lhs = "diff(s[l], h[i, j])"
rhs = "2 * Delta(j, l) * (h[i, l] - mean(h[p, l], p)) / N"
"""


def test_a_size_as_the_last_index_and_a_size_with_a_minimum(build_model):
    m = build_model(last('{ description = "rows", min = 2 }'))
    assert m.sizes[0].minimum == 2
    results = verdicts(m)
    for name in ("dg", "last_is_not_first", "ds"):
        assert results[name].status == "proved", (name, results[name].residual)
    for name in ("dg_one_term", "ds_biased"):
        check_refuted(m, results[name])
        assert results[name].counterexample.sizes["N"] >= 2


def test_without_a_minimum_the_last_row_may_be_the_first(build_model):
    m = build_model(last("rows"))
    results = verdicts(m)
    assert results["dg"].status == "proved"
    r = results["last_is_not_first"]
    check_refuted(m, r)
    assert r.counterexample.sizes["N"] == 1
    assert results["ds"].status == "proved"  # 1/(N - 1): N = 1 is not sampled
