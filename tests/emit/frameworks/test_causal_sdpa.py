"""The layer exported from derivations/attention_causal.toml, in NumPy (generated/), PyTorch
and JAX, against PyTorch's own causal attention,
`torch.nn.functional.scaled_dot_product_attention(q, k, v, is_causal=True)`, and its
autograd: the output and the gradients of Q, K and V agree to 1e-10 in float64, at a few
shapes, N = 1 included."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest
from external import python_module
from paths import ROOT
from reports import report_of

from symbn.emit.frameworks import emitter
from symbn.language import model
from symbn.source import toml

SHAPES = [(1, 1), (1, 4), (2, 3), (5, 2), (16, 8)]  # (N, E)
RTOL = 1e-10
TORCH = "pip install -e '.[torch]'"
JAX = "pip install -e '.[jax]'"


def rel_err(got, want) -> float:
    got, want = np.asarray(got, dtype=np.float64), np.asarray(want, dtype=np.float64)
    return float(np.max(np.abs(got - want), initial=0) / max(np.max(np.abs(want), initial=0), 1))


def load(source: str, path):
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """{backend: module}: NumPy from generated/, PyTorch and JAX exported here."""
    spec = importlib.util.spec_from_file_location(
        "attention_causal", ROOT / "generated" / "attention_causal.py"
    )
    numpy_module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(numpy_module)
    report = report_of(model.build(toml.load(ROOT / "derivations" / "attention_causal.toml")))
    folder = tmp_path_factory.mktemp("causal")
    out = {"numpy": numpy_module}
    for backend in ("torch", "jax"):
        out[backend] = lambda b=backend: load(emitter.module(report, b), folder / f"c_{b}.py")
    return out


def reference(n: int, e: int, seed: int):
    """(Q, K, V, dO), then PyTorch's causal attention output and gradients, in float64."""
    torch = python_module("torch", TORCH)
    rng = np.random.default_rng(seed)
    q, k, v, do = (rng.standard_normal((n, e)) for _ in range(4))
    t = [torch.tensor(x, requires_grad=True) for x in (q, k, v)]
    out = torch.nn.functional.scaled_dot_product_attention(*t, is_causal=True)
    grads = torch.autograd.grad(out, t, torch.tensor(do))
    return (q, k, v, do), out.detach().numpy(), [g.numpy() for g in grads]


@pytest.mark.parametrize(("n", "e"), SHAPES)
def test_numpy_export_matches_torch_causal_attention(exported, n, e):
    (q, k, v, do), want, grads = reference(n, e, n * 10 + e)
    out, cache = exported["numpy"].forward(q, k, v)
    got = exported["numpy"].backward(do, cache)
    assert out.dtype == np.float64
    assert rel_err(out, want) <= RTOL
    for name, g in zip("QKV", grads, strict=True):
        assert rel_err(got[name], g) <= RTOL, name


@pytest.mark.parametrize(("n", "e"), SHAPES)
def test_torch_export_matches_torch_causal_attention(exported, n, e):
    torch = python_module("torch", TORCH)
    (q, k, v, do), want, grads = reference(n, e, n * 10 + e + 1)
    layer = exported["torch"]().layer
    t = [torch.tensor(x, requires_grad=True) for x in (q, k, v)]
    out = layer(*t)
    got = torch.autograd.grad(out, t, torch.tensor(do))
    assert out.dtype == torch.float64
    assert rel_err(out.detach(), want) <= RTOL
    for name, g, w in zip("QKV", got, grads, strict=True):
        assert rel_err(g, w) <= RTOL, name


@pytest.mark.parametrize(("n", "e"), SHAPES)
def test_jax_export_matches_torch_causal_attention(exported, n, e):
    jax = python_module("jax", JAX)
    jax.config.update("jax_enable_x64", True)
    (q, k, v, do), want, grads = reference(n, e, n * 10 + e + 2)
    layer = exported["jax"]().layer
    out, vjp = jax.vjp(layer, *(jax.numpy.asarray(x) for x in (q, k, v)))
    assert out.dtype == np.float64
    assert rel_err(out, want) <= RTOL
    for name, g, w in zip("QKV", vjp(jax.numpy.asarray(do)), grads, strict=True):
        assert rel_err(g, w) <= RTOL, name
