"""The PyTorch and JAX layers exported from every derivation with a [layer], imported and
run: their gradients against torch.autograd.gradcheck and jax.test_util.check_grads, and
against the framework's own autodiff of the same forward pass (torch's autograd through the
forward written without in-place updates, jax.vjp of the forward), to 1e-10 in float64 at
sizes drawn by hypothesis (1 included), and in float32; jit and vmap; what
is not proved (a second derivative, the gradient of delta) refused or NaN, never a number.
"""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

import numpy as np
import pytest
from external import python_module
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import ROOT
from reports import report_of

from symbn.emit.frameworks import emitter
from symbn.language import model
from symbn.source import toml

LAYERS = ["attention", "attention_causal", "batchnorm", "batchnorm_core", "layernorm", "mlp2"]
RTOL = 1e-10  # float64 gradients against the framework's autodiff
F32_RTOL = 2e-3  # float32 gradients against float64 ones
TORCH = "pip install -e '.[torch]'"
JAX = "pip install -e '.[jax]'"


def load(source: str, path: Path):
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module", params=LAYERS)
def exported(request, tmp_path_factory):
    """(model, {name: module}) of one derivation: torch, torch without in-place updates
    (`plain`, whose _forward torch's autograd can differentiate) and jax."""
    m = model.build(toml.load(ROOT / "derivations" / f"{request.param}.toml"))
    report = report_of(m)
    folder = tmp_path_factory.mktemp("frameworks")
    sources = {
        "torch": emitter.module(report, "torch"),
        "plain": emitter.module(report, "torch", inplace=False),
        "jax": emitter.module(report, "jax"),
    }
    return m, sources, folder


def modules(exported, *names):
    m, sources, folder = exported
    out = [load(sources[n], folder / f"{Path(m.spec.path).stem}_{n}.py") for n in names]
    return m, out


def inputs_of(m, signature: list[str], sizes: dict, seed: int) -> dict:
    """Random arguments of the layer (positive inputs in [0.05, 0.5])."""
    rng = np.random.default_rng(seed)
    out = {}
    for name in signature:
        _, shape, positive = m.inputs[name]
        dims = tuple(sizes[str(s)] for s in shape)
        out[name] = rng.uniform(0.05, 0.5, dims) if positive else rng.standard_normal(dims)
    return out


def signature(module) -> list[str]:
    import inspect  # noqa: PLC0415

    return list(inspect.signature(module.layer).parameters)


def rel_err(got, want) -> float:
    got, want = np.asarray(got, dtype=np.float64), np.asarray(want, dtype=np.float64)
    return float(np.max(np.abs(got - want), initial=0) / max(np.max(np.abs(want), initial=0), 1))


def test_each_module_imports_only_its_framework(exported):
    _, sources, _ = exported
    for backend, allowed in (("torch", {"torch", "math"}), ("jax", {"jax", "jax.numpy"})):
        tree = ast.parse(sources[backend])
        names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        assert not [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        assert names <= allowed, backend


# -- PyTorch -----------------------------------------------------------------------------------
@settings(derandomize=True, max_examples=6, deadline=None)
@given(size=st.lists(st.integers(1, 4), min_size=4, max_size=4), seed=st.integers(0, 2**16))
def test_torch_backward_matches_torch_autograd_of_the_forward(exported, size, seed):
    torch = python_module("torch", TORCH)
    m, (mod, plain) = modules(exported, "torch", "plain")
    names = signature(mod)
    sizes = {str(s): n for s, n in zip(m.sizes, size, strict=False)}
    data = inputs_of(m, names, sizes, seed)
    graded = [n for n in names if n in dict(m.spec.layer.gradients)]

    def run(f):
        t = {k: torch.tensor(v, requires_grad=k in graded) for k, v in data.items()}
        out = f(*t.values())
        dout = torch.tensor(np.random.default_rng(seed + 1).standard_normal(tuple(out.shape)))
        grads = torch.autograd.grad(out, [t[k] for k in graded], dout, allow_unused=True)
        return out.detach(), [
            torch.zeros_like(t[k]) if g is None else g for k, g in zip(graded, grads, strict=True)
        ]

    out, got = run(mod.layer)
    ref_out, want = run(lambda *x: plain._forward(*x)[0])
    assert rel_err(out, ref_out) <= RTOL
    for name, g, w in zip(graded, got, want, strict=True):
        assert g.dtype == torch.float64, name
        assert g.shape == w.shape, name
        assert rel_err(g, w) <= RTOL, name


def test_torch_gradcheck_and_no_second_derivative(exported):
    torch = python_module("torch", TORCH)
    m, (mod,) = modules(exported, "torch")
    names = signature(mod)
    data = inputs_of(m, names, dict.fromkeys(map(str, m.sizes), 3), 0)
    graded = dict(m.spec.layer.gradients)
    t = tuple(torch.tensor(v, requires_grad=k in graded) for k, v in data.items())
    assert torch.autograd.gradcheck(mod.layer, t)
    # the claim covers first derivatives only: the backward is once_differentiable
    with pytest.raises(RuntimeError):
        torch.autograd.gradgradcheck(mod.layer, t)
    missing = [n for n in names if n not in graded]
    for n in missing:  # a gradient that is not proved cannot be asked for
        t2 = tuple(torch.tensor(v, requires_grad=True) for v in data.values())
        with pytest.raises(RuntimeError, match=f"proved no gradient for {n}"):
            mod.layer(*t2).sum().backward()


def test_torch_float32_and_mixed_dtypes(exported):
    torch = python_module("torch", TORCH)
    m, (mod,) = modules(exported, "torch")
    names = signature(mod)
    data = inputs_of(m, names, dict.fromkeys(map(str, m.sizes), 5), 1)
    graded = [n for n in names if n in dict(m.spec.layer.gradients)]
    results = []
    for dtype in (torch.float64, torch.float32):
        t = {k: torch.tensor(v, dtype=dtype, requires_grad=k in graded) for k, v in data.items()}
        out = mod.layer(*t.values())
        grads = torch.autograd.grad(out.sum(), [t[k] for k in graded])
        assert out.dtype == dtype
        assert all(g.dtype == dtype for g in grads)
        results.append([out.detach(), *grads])
    for a, b in zip(*results, strict=True):
        assert rel_err(b, a) <= F32_RTOL
    with pytest.raises(ValueError, match=r"has dtype torch\.float32, not torch\.float64"):
        mod.layer(
            *(
                torch.tensor(v, dtype=torch.float64 if n == names[0] else torch.float32)
                for n, v in data.items()
            )
        )


# -- JAX -----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def jax():
    jax = python_module("jax", JAX)
    jax.config.update("jax_enable_x64", True)
    return jax


@settings(derandomize=True, max_examples=4, deadline=None)
@given(size=st.lists(st.integers(1, 4), min_size=4, max_size=4), seed=st.integers(0, 2**16))
def test_jax_backward_matches_jax_vjp_of_the_forward(jax, exported, size, seed):
    m, (mod,) = modules(exported, "jax")
    names = signature(mod)
    sizes = {str(s): n for s, n in zip(m.sizes, size, strict=False)}
    data = [jax.numpy.asarray(v) for v in inputs_of(m, names, sizes, seed).values()]
    out, vjp = jax.vjp(mod.layer, *data)
    ref, ref_vjp = jax.vjp(lambda *x: mod._forward(*x)[0], *data)
    dout = jax.numpy.asarray(np.random.default_rng(seed + 1).standard_normal(out.shape))
    assert rel_err(out, ref) <= RTOL
    graded = dict(m.spec.layer.gradients)
    for name, g, w in zip(names, vjp(dout), ref_vjp(dout), strict=True):
        if name in graded:
            assert g.dtype == np.float64, name
            assert rel_err(g, w) <= RTOL, name
        else:  # not proved: NaN, never a number that looks right
            assert np.all(np.isnan(np.asarray(g))), name


def test_jax_check_grads_vmap_and_float32(jax, exported):
    from jax.test_util import check_grads  # noqa: PLC0415

    m, (mod,) = modules(exported, "jax")
    names = signature(mod)
    data = inputs_of(m, names, dict.fromkeys(map(str, m.sizes), 3), 2)
    graded = [n for n in names if n in dict(m.spec.layer.gradients)]
    fixed = {k: v for k, v in data.items() if k not in graded}

    def f(*xs):
        return mod.layer(**dict(zip(graded, xs, strict=True)), **fixed)

    args = [jax.numpy.asarray(data[k]) for k in graded]
    check_grads(f, args, order=1, modes=["rev"])
    check_grads(jax.jit(f), args, order=1, modes=["rev"])
    batched = [jax.numpy.stack([a, 2 * a]) for a in args]
    grads = jax.vmap(jax.grad(lambda *xs: f(*xs).sum(), argnums=0))(*batched)
    one = jax.grad(lambda *xs: f(*xs).sum(), argnums=0)(*[b[1] for b in batched])
    assert rel_err(grads[1], one) <= RTOL
    f32 = [a.astype(np.float32) for a in args]
    fixed = {k: np.float32(v) for k, v in fixed.items()}
    g32 = jax.grad(lambda *xs: f(*xs).sum(), argnums=tuple(range(len(f32))))(*f32)
    g64 = jax.grad(lambda *xs: f(*xs).sum(), argnums=tuple(range(len(args))))(*args)
    for a, b in zip(g32, g64, strict=True):
        assert a.dtype == np.float32
        assert rel_err(a, b) <= F32_RTOL
