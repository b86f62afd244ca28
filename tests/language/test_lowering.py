"""symbn.language.lowering: claims and definitions written whole are read at index letters,
proved by the engine as written, and their slips (a missing transpose, the ones vector on
the wrong side, a dropped 1/N) refuted with a counterexample."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp

from symbn.errors import InputError
from symbn.language.parse import parse
from symbn.verify.verifier import Verifier

ROOT = Path(__file__).resolve().parents[2]

# One size for every axis, so that a product with a transpose missing still conforms and
# only the proof can tell it from the right one.
SQUARE = """
[derivation]
title = "A tanh layer with squared error, square, in matrix form"

[sizes]
N = "rows, features and classes alike"

[indices]
i = "N"
j = "N"
k = "N"
l = "N"
n = "N"
p = "N"
q = "N"

[inputs]
X = { shape = ["N", "N"] }
W = { shape = ["N", "N"] }
b = { shape = ["N"] }
Y = { shape = ["N", "N"] }

[[define]]
name = "Z"
expr = "X @ W + b"

[[define]]
name = "R"
index = ["i", "j"]
expr = "tanh(Z)"

[[define]]
name = "loss"
expr = "sum((R - Y) ** 2) / (2 * N)"
"""

G = "((R - Y) * (1 - R ** 2) / N)"  # the gradient of the pre-activations Z
TRUE = {
    "dZ": ("diff(loss, Z)", G),
    "dW": ("diff(loss, W)", f"X.T @ {G}"),
    "db": ("diff(loss, b)", f"ones(N) @ {G}"),
    "dX": ("diff(loss, X)", f"{G} @ W.T"),
    "dW_element": ("diff(loss, W[k, l])", "(X.T @ ((R - Y) * (1 - R ** 2)))[k, l] / N"),
}
SLIPS = {
    "dW_transpose_missing": ("diff(loss, W)", f"X @ {G}"),
    "dX_transpose_missing": ("diff(loss, X)", f"{G} @ W"),
    "db_ones_on_the_wrong_side": ("diff(loss, b)", f"{G} @ ones(N)"),
    "dZ_mean_dropped": ("diff(loss, Z)", "(R - Y) * (1 - R ** 2)"),
}


def claims(rows: dict) -> str:
    return "".join(
        f'\n[[claim]]\nname = "{name}"\nlhs = "{lhs}"\nrhs = "{rhs}"\n'
        for name, (lhs, rhs) in rows.items()
    )


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    from symbn.language.model import build  # noqa: PLC0415 - beside the fixture that needs it
    from symbn.source import toml  # noqa: PLC0415

    path = tmp_path_factory.mktemp("matrix") / "square.toml"
    path.write_text(SQUARE + claims(TRUE) + claims(SLIPS), encoding="utf-8")
    m = build(toml.load(path))
    return m, {r.name: r for r in Verifier(m).run()}


@pytest.mark.parametrize("name", TRUE)
def test_true_matrix_claims_are_proved(results, name):
    _, found = results
    assert found[name].status == "proved", (found[name].status, found[name].residual)


@pytest.mark.parametrize("name", SLIPS)
def test_slips_are_refuted_with_a_counterexample(results, name):
    _, found = results
    r = found[name]
    assert r.status == "refuted", (r.status, r.residual)
    assert r.counterexample is not None


def test_claims_and_definitions_say_how_they_were_written(results):
    m, _ = results
    assert {c.name: c.notation for c in m.claims}["dW"] == "matrix"
    assert m.definitions["Z"].notation == "matrix"
    assert m.notation == "matrix"


def test_sides_are_read_at_the_same_fresh_letters(results):
    m, _ = results
    claim = next(c for c in m.claims if c.name == "dW")
    assert [str(x) for x in claim.free] == ["i", "j"]
    x = m.scope()
    expected = parse(_text("sum(X[k, i]*(R[k, j] - Y[k, j])*(1 - R[k, j]**2)/N, k)"), x)
    assert sp.simplify(claim.rhs - expected) == 0


def test_a_definition_without_index_gets_declared_letters(results):
    m, _ = results
    z = m.definitions["Z"]
    assert [str(x) for x in z.index] == ["i", "j"]
    assert z.body == parse(_text("sum(X[i, k]*W[k, j], k) + b[j]"), m.scope())


def _text(src: str):
    from symbn.errors import Location  # noqa: PLC0415
    from symbn.source.spec import Text  # noqa: PLC0415

    return Text(src, Location("t.toml", 1, 1, src))


def test_index_derivations_stay_index(batchnorm_model):
    assert batchnorm_model.notation == "index"
    assert {d.notation for d in batchnorm_model.definitions.values()} == {"index"}


BAD = [
    (
        "diff(loss, W[k, l])",
        "X.T @ (R - Y)",
        "the lhs is written with indices but the rhs is an array written whole (N×N)",
    ),
    ("diff(loss, W)", "X[k, l]", "the rhs has the free indices k, l"),
    ("diff(loss, b)", "X @ W", "the lhs is a vector over N but the rhs is N×N"),
    ("loss", "X", "the rhs is N×N"),
]


@pytest.mark.parametrize(("lhs", "rhs", "message"), BAD, ids=[r[1] for r in BAD])
def test_sides_that_do_not_line_up_are_refused_at_the_rhs(build_model, lhs, rhs, message):
    text = SQUARE + claims({"bad": (lhs, rhs)})
    with pytest.raises(InputError) as info:
        build_model(text)
    assert message in info.value.message
    line = text.split("\n").index(f'rhs = "{rhs}"') + 1
    assert (info.value.where.line, info.value.where.col) == (line, 8)


def test_a_definition_of_the_wrong_shape_is_refused(build_model):
    text = SQUARE.replace('expr = "tanh(Z)"', 'expr = "b"')
    with pytest.raises(InputError) as info:
        build_model(text + claims(TRUE))
    assert "definition 'R' is a vector over N but its index [i, j] runs over N×N" in str(info.value)


def test_the_shipped_matrix_derivation_proves_every_claim():
    from symbn.language.model import build  # noqa: PLC0415
    from symbn.source import toml  # noqa: PLC0415

    m = build(toml.load(ROOT / "derivations" / "linear_softmax_matrix.toml"))
    assert m.notation == "matrix"
    assert {r.name: r.status for r in Verifier(m).run()} == {
        "dloss_dZ": "proved",
        "dloss_dW": "proved",
        "dloss_db": "proved",
        "dloss_dX": "proved",
    }


def test_a_product_that_does_not_conform_is_refused_at_its_operator(build_model):
    text = (ROOT / "derivations" / "linear_softmax_matrix.toml").read_text()
    right = 'rhs = "X.T @ ((P - Y) / N)"'
    assert text.count(right) == 1
    text = text.replace(right, 'rhs = "X.T @ W"')
    with pytest.raises(InputError) as info:
        build_model(text)
    assert info.value.message == "X.T is D×N and W is D×C: they do not conform"
    line = text.split("\n").index('rhs = "X.T @ W"') + 1
    assert (info.value.where.line, info.value.where.col) == (line, len('rhs = "X.T ') + 1)
    assert str(info.value).splitlines()[2].strip() == "^"
