"""A `[layer]` is never exported wrong: a gradient claim must be the vector-Jacobian product of
the layer's output (bad input at its place in [layer] otherwise), and a layer whose gradient
claim is refuted or unknown is not exported (exit 1, naming the claim); another claim that
fails is exported with a warning saying what its function evaluates."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest
from headers import header
from reports import report_of
from test_cli_process import symbn

from symbn.emit.numpy import emitter as npemit
from symbn.errors import InputError
from symbn.language import model
from symbn.source import toml

LAYER = (
    header(
        "Scaled rows",
        """
    x = { shape = ["N", "L"] }
    w = { shape = ["L"] }
    c = { shape = [] }
    dz = { shape = ["N", "L"] }
""",
    )
    + """
[[define]]
name = "z"
index = ["k", "l"]
expr = "w[l] * x[k, l]"

[[claim]]
name = "dL_dx"
lhs = "sum(dz[k, l] * diff(z[k, l], x[i, j]), k, l)"
rhs = "{dx}"

[[claim]]
name = "dL_dw"
lhs = "{dw_lhs}"
rhs = "{dw_rhs}"

[[claim]]
name = "other"
lhs = "diff(z[k, l], w[j])"
rhs = "{other}"

[layer]
output = "z"
upstream = "dz"
gradients = { x = "dL_dx", w = "dL_dw" }
"""
)

GOOD = {
    "dx": "dz[i, j] * w[j]",
    "dw_lhs": "sum(dz[k, l] * diff(z[k, l], w[j]), k, l)",
    "dw_rhs": "sum(dz[k, j] * x[k, j], k)",
    "other": "x[k, j] * Delta(j, l)",
}


def layer(**change: str) -> str:
    text = LAYER
    for key, value in {**GOOD, **change}.items():
        text = text.replace("{" + key + "}", value)
    return text


def test_the_good_layer_builds_and_exports(write_derivation, tmp_path):
    path = write_derivation(layer())
    target = tmp_path / "layer.py"
    done = symbn("numpy", str(path), "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert "def backward(dout, cache):" in target.read_text()


@pytest.mark.parametrize(
    ("dw_lhs", "problem"),
    [
        ("diff(z[k, l], w[j])", "does not multiply the diff() by the upstream gradient 'dz'"),
        ("sum(diff(z[k, l], w[j]), k, l)", "does not multiply the diff() by the upstream"),
        ("sum(dz[k, l] * x[k, l], k, l)", "not the upstream gradient times one diff()"),
        (
            "sum(x[k, l] * diff(z[k, l], w[j]), k, l)",
            "does not multiply the diff() by the upstream",
        ),
        (
            "sum(dz[k, l] * diff(z[k, l], x[i, j]), k, l)",
            "with respect to x[i, j], not an element of",
        ),
        ("sum(dz[k, l] * diff(z[k, l], w[l]), k)", "does not run over exactly the output's"),
        (
            "sum(dz[k, l] * diff(z[k, l], w[j]), k)",
            "does not run over exactly the output's indices",
        ),
        ("sum(dz[l, k] * diff(z[k, l], w[j]), k, l)", "do not share one distinct index per axis"),
        ("sum(dz[k, l] * diff(z[k, l], w[2]), k, l)", "not one distinct index per axis of 'w'"),
        # twice the gradient: reverse mode reads it (symbn.language.vjp), a layer refuses it
        ("2 * sum(dz[k, l] * diff(z[k, l], w[j]), k, l)", "vector-Jacobian product by 2"),
        ("sum(2 * dz[k, l] * diff(z[k, l], w[j]), k, l)", "vector-Jacobian product by 2"),
    ],
)
def test_a_gradient_claim_that_is_not_a_vjp_is_bad_input_at_its_place(
    dw_lhs, problem, write_derivation
):
    text = layer(dw_lhs=dw_lhs, dw_rhs="0")  # the form is checked, not the truth
    if "dz[l, k]" in dw_lhs:  # a transposed upstream element needs a square layer
        text = text.replace('L = "columns"', 'L = "rows too"').replace('l = "L"', 'l = "N"')
        text = text.replace('j = "L"', 'j = "N"').replace('["L"]', '["N"]')
        text = text.replace('["N", "L"]', '["N", "N"]')
    path = write_derivation(text)
    with pytest.raises(InputError) as info:
        model.build(toml.load(path))
    err = info.value
    assert problem in err.message
    assert "claim 'dL_dw' is not the gradient of 'w'" in err.message
    assert err.where is not None
    assert err.where.source.startswith("gradients = ")
    assert err.where.source[err.where.col - 1 :].startswith('"dL_dw"')
    done = symbn("numpy", str(path))
    assert done.returncode == 2
    assert done.stdout == ""


def test_the_claim_of_another_input_is_bad_input(write_derivation):
    path = write_derivation(layer().replace('w = "dL_dw"', 'w = "dL_dx"'))
    with pytest.raises(InputError, match="claim 'dL_dx' is not the gradient of 'w'"):
        model.build(toml.load(path))


@pytest.mark.parametrize("command", ["numpy", "generate"])
def test_a_refuted_gradient_claim_is_not_exported(command, write_derivation, tmp_path):
    path = write_derivation(layer(dx="dz[i, j]"), "scaled.toml")
    out = tmp_path / "out"
    args = ["-o", str(out / "scaled.py")] if command == "numpy" else ["--out", str(out)]
    out.mkdir()
    done = symbn(command, str(path), *args)
    assert done.returncode == 1
    assert (
        "cannot export the layer: the gradient of 'x' is claim dL_dx, which is refuted"
        in done.stderr
    )
    assert not (out / "scaled.py").exists()
    if command == "generate":  # the documents are written all the same
        assert (out / "scaled.tex").exists()


def test_another_refuted_claim_is_exported_with_a_warning(write_derivation, tmp_path):
    path = write_derivation(layer(other="x[k, j]"))
    target = tmp_path / "scaled.py"
    done = symbn("numpy", str(path), "-o", str(target))
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "symbn: warning: claim other is refuted: claim_other evaluates symbn's closed form of "
        "the left-hand side (the claim's right-hand side was refuted), Delta(j, l)*x[k, j]"
    ]
    assert "def claim_other(" in target.read_text()


def test_latex_says_which_claims_failed(write_derivation, tmp_path):
    path = write_derivation(layer(other="x[k, j]"))
    target = tmp_path / "doc.tex"
    done = symbn("latex", str(path), "-o", str(target))
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "symbn: warning: claim other is refuted; the document shows it so"
    ]
    assert "refuted" in target.read_text()


def test_descriptions_reach_the_generated_docstrings(build_model):
    text = (
        layer()
        .replace(
            'x = { shape = ["N", "L"] }',
            'x = { shape = ["N", "L"], description = "the rows to scale" }',
        )
        .replace('name = "z"\n', 'name = "z"\ndescription = "each column scaled by w"\n')
        .replace('name = "dL_dx"\n', 'name = "dL_dx"\ndescription = "by the product rule"\n')
    )
    source = npemit.render(report_of(build_model(text)))
    assert "x (N, L): the rows to scale" in source
    assert "    each column scaled by w\n" in source
    assert "    by the product rule\n" in source


def test_the_two_layer_backward_is_the_gradient_of_its_forward(repo_root):
    """generated/mlp2.py, two stacked layers proved in reverse mode: its backward agrees
    with central differences of its forward, for every parameter."""
    spec = importlib.util.spec_from_file_location("mlp2", repo_root / "generated" / "mlp2.py")
    mlp2 = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mlp2)
    rng = np.random.default_rng(0)
    n, d, hidden, m = 5, 3, 4, 2
    shapes = {
        "X": (n, d),
        "W1": (d, hidden),
        "b1": (hidden,),
        "gamma1": (hidden,),
        "beta1": (hidden,),
        "W2": (hidden, m),
        "b2": (m,),
        "gamma2": (m,),
        "beta2": (m,),
    }
    args = {name: rng.normal(size=shape) for name, shape in shapes.items()}
    args["delta"] = 0.1
    upstream = rng.normal(size=(n, m))
    grads = mlp2.backward(upstream, mlp2.forward(**args)[1])

    def loss() -> float:
        return float(np.sum(upstream * mlp2.forward(**args)[0]))

    for name, shape in shapes.items():
        x, numeric = args[name], np.zeros(shape)
        for idx in np.ndindex(x.shape):
            keep = x[idx]
            x[idx] = keep + 1e-6
            up = loss()
            x[idx] = keep - 1e-6
            numeric[idx] = (up - loss()) / 2e-6
            x[idx] = keep
        np.testing.assert_allclose(grads[name], numeric, rtol=1e-5, atol=1e-7, err_msg=name)
