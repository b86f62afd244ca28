"""symbn.verify.adjoint: vector-Jacobian products proved in reverse mode, one definition at a time;
a slip in a backward definition refuted with a counterexample."""

from __future__ import annotations

import pytest
import sympy as sp

from symbn.calculus.derivative import evaluate
from symbn.canonical.engine import Canon
from symbn.errors import InternalError
from symbn.language.model import build
from symbn.source.spec import Location, Text
from symbn.source.toml import load
from symbn.verify import adjoint
from symbn.verify.verifier import Options, Verifier

SLIP = (
    "gamma1[j] / (N * sqrt(var1[j] + delta)) * (N*g1[i, j]",
    "gamma1[j] / ((N - 1) * sqrt(var1[j] + delta)) * (N*g1[i, j]",
)


@pytest.fixture(scope="module")
def mlp2(repo_root):
    return build(load(repo_root / "derivations" / "mlp2.toml"))


def claim(m, name):
    return next(c for c in m.claims if c.name == name)


def test_a_vjp_is_read_from_the_lhs(mlp2):
    vjp = adjoint.vjp_form(mlp2, claim(mlp2, "dW1").lhs)
    assert vjp is not None
    assert vjp.output == "a2"
    assert str(vjp.upstream) == "dA[k, n]"
    assert str(vjp.wrt) == "W1[r, j]"
    nodes = adjoint.path(mlp2, vjp)
    assert nodes[0] == "a2"
    assert nodes[-1] == "h1"
    assert "g1" not in nodes
    assert "mu1" in nodes


@pytest.mark.parametrize(
    "lhs",
    [
        "diff(a2[k, n], W1[r, j])",  # a Jacobian, no upstream
        "sum(dA[k, n] * diff(a2[k, n], W1[r, j]), k)",  # n is free
        "sum(dA[k, n] * diff(a2[k, n], W1[r, j])**2, k, n)",
    ],
)
def test_what_is_not_a_vjp_is_left_to_the_direct_way(mlp2, lhs):
    assert adjoint.vjp_form(mlp2, mlp2.parse(Text(lhs, Location("t", 1, 1, lhs)))) is None


def test_a_constant_factor_joins_the_upstream(mlp2):
    text = "-(1 + 1/N**2) * sum(dA[k, n] * diff(a2[k, n], W1[r, j]), k, n)"
    vjp = adjoint.vjp_form(mlp2, mlp2.parse(Text(text, Location("t", 1, 1, text))))
    assert vjp is not None
    n = mlp2.sizes[0]
    assert vjp.upstream == mlp2.bases["dA"][vjp.idx]
    assert sp.simplify(vjp.scale + (1 + 1 / n**2)) == 0


def test_the_partial_holds_the_other_definitions_fixed(mlp2):
    h1 = mlp2.bases["h1"]
    k, ell, i, j = (next(x for x in mlp2.indices if x.name == n) for n in "klij")
    body = mlp2.definitions["hhat1"].body
    partial = adjoint.Partial(mlp2, h1[i, j]).derivative(body)
    assert not partial.has(mlp2.bases["X"])  # mu1 and var1 are not differentiated through
    assert (
        Canon()(
            partial
            - sp.KroneckerDelta(i, k)
            * sp.KroneckerDelta(j, ell)
            / sp.sqrt(mlp2.element("var1", (ell,)) + mlp2.element("delta"))
        )
        == 0
    )


def test_each_adjoint_is_recognised_as_the_users_backward_definition(mlp2):
    verifier = Verifier(mlp2)
    reverse = verifier.reverse(claim(mlp2, "dW1"))
    assert reverse is not None
    got = reverse.run()
    carried = {s.name: mlp2.tensor_name(s.adjoint(mlp2)[1]) for s in reverse.steps}
    # recognised as a backward definition, or folded into one as a sum (da1 = sum dh2 W2)
    assert carried == {
        "y2": "g2",
        "h2": "dh2",
        "a1": "da1",
        "y1": "g1",
        "h1": "dh1",
        **dict.fromkeys(("hhat2", "var2", "mu2", "hhat1", "var1", "mu1", "W1")),
    }
    assert {s.name for s in reverse.steps if s.named} == {"y2", "h2", "y1", "h1"}
    assert verifier.canon(got - evaluate(claim(mlp2, "dW1").rhs, mlp2)) == 0


def test_every_parameter_of_two_layers_is_proved(mlp2):
    verifier = Verifier(mlp2, Options(timeout=60))
    for c in mlp2.claims:
        # through one definition (a2 = tanh(y2)) the direct way is as short
        assert (verifier.reverse(c) is None) == (c.name == "grad_y2"), c.name
        r = verifier.claim(c)
        assert r.status == "proved", (c.name, r.status, r.reason, r.residual)


@pytest.fixture(scope="module")
def slipped(repo_root, tmp_path_factory):
    text = (repo_root / "derivations" / "mlp2.toml").read_text(encoding="utf-8")
    assert text.count(SLIP[0]) == 1
    path = tmp_path_factory.mktemp("slip") / "slip.toml"
    path.write_text(text.replace(*SLIP), encoding="utf-8")
    return build(load(path))


def test_an_n_minus_one_slip_in_dh1_is_refuted_with_a_counterexample(slipped):
    verifier = Verifier(slipped, Options(timeout=60))
    results = {c.name: verifier.claim(c) for c in slipped.claims}
    for name in ("dW1", "dX", "grad_h1"):
        r = results[name]
        assert r.status == "refuted", (name, r.status, r.reason)
        cx = r.counterexample
        assert cx.sizes["N"] >= 2
        assert float(cx.lhs) != pytest.approx(float(cx.rhs), rel=1e-6)
        assert r.residual is not None
        assert r.residual.has(slipped.sizes[0] - 1)
    # the second layer does not use dh1, and dh1's column sums are zero all the same
    for name in (
        "dW2",
        "db2",
        "dgamma2",
        "dbeta2",
        "db1",
        "dgamma1",
        "dbeta1",
        "grad_h2",
        "grad_a1",
    ):
        assert results[name].status == "proved", name


def test_the_counterexample_comes_first_when_the_budget_is_short(slipped):
    """The concrete check runs before the proof: even with a budget too short for the
    rules, the slip gets its counterexample."""
    r = Verifier(slipped, Options(timeout=3)).claim(claim(slipped, "dX"))
    assert r.status == "refuted", (r.status, r.reason)
    assert r.counterexample is not None


def test_a_wrong_adjoint_is_caught_by_the_concrete_check(slipped, monkeypatch):
    """Were reverse mode to reach the rhs of a false claim, the concrete check (run before
    the proof) contradicts it: an internal error, never a pass."""
    c = claim(slipped, "dW1")
    monkeypatch.setattr(adjoint.Reverse, "run", lambda _self: c.rhs)
    with pytest.raises(
        InternalError, match="the rewrite rules prove it, but the concrete check disagrees"
    ):
        Verifier(slipped, Options(timeout=60)).claim(c)
