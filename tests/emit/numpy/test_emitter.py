"""The generated NumPy module, imported and run.

The batch-norm module is rendered once, written to a file and imported. Its gradients are
checked against finite differences in float64, its claim functions against the claims
evaluated element by element (symbn.verify.concrete, 50 digits), its layer against PyTorch's
autodiff when torch is installed, and its edge cases (N = 1, L = 1, a constant column,
data far from zero, float32, memory orders, NaN and inf, bad shapes) each against a
stated behaviour.
"""

from __future__ import annotations

import ast
import importlib.util
import inspect
import itertools
import random
import shutil
import subprocess
from fractions import Fraction
from pathlib import Path

import arraycode
import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import ROOT
from reports import report_of

from symbn.cli import main
from symbn.emit.numpy import emitter as npemit
from symbn.errors import InputError
from symbn.language import model
from symbn.source import toml
from symbn.verify import arithmetic, concrete

BATCHNORM = ROOT / "derivations" / "batchnorm.toml"
LAYERNORM = ROOT / "derivations" / "layernorm.toml"

FD_STEP = 1e-5  # relative step of the fourth-order central difference
GRAD_RTOL = 1e-7  # batch-norm gradients against finite differences (float64)
CLAIM_RTOL = 1e-10  # claim functions against the 50-digit elementwise evaluation
TORCH_RTOL = 1e-10  # float64 gradients against PyTorch autodiff
FAR_RTOL = 1e-6  # forward at h = 1e6 + noise against a 50-digit reference
F32_RTOL = 2e-3  # float32 results against float64 ones
# An exactly zero gradient (db: the mean subtraction cancels the bias) is measured against
# this fraction of the layer's largest gradient entry instead of against itself.
ZERO_FLOOR = 1e-3
GRADIENTS = ("X", "W", "b", "gamma", "beta")


def load_module(source: str, path: Path):
    path.write_text(source, encoding="utf-8")
    spec_ = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec_)
    spec_.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bn_model():
    return model.build(toml.load(BATCHNORM))


@pytest.fixture(scope="module")
def bn_results(bn_model):
    return report_of(bn_model)


@pytest.fixture(scope="module")
def bn_source(bn_results):
    return npemit.render(bn_results)


@pytest.fixture(scope="module")
def bn(bn_source, tmp_path_factory):
    return load_module(bn_source, tmp_path_factory.mktemp("gen") / "bn_generated.py")


def layer_inputs(rng, n, d, l, dtype=np.float64):  # noqa: E741 - the derivation's size L
    return {
        "X": rng.standard_normal((n, d)).astype(dtype),
        "W": rng.standard_normal((d, l)).astype(dtype),
        "b": rng.standard_normal(l).astype(dtype),
        "gamma": rng.standard_normal(l).astype(dtype),
        "beta": rng.standard_normal(l).astype(dtype),
        "delta": 0.1,
    }


def rel_err(got, want, floor: float = 1e-12) -> float:
    got, want = np.asarray(got, dtype=np.float64), np.asarray(want, dtype=np.float64)
    scale = max(np.max(np.abs(want), initial=0.0), np.max(np.abs(got), initial=0.0), floor)
    return float(np.max(np.abs(got - want), initial=0.0) / scale)


def fd_gradient(f, inputs: dict, name: str) -> np.ndarray:
    """Fourth-order central differences of the scalar f(**inputs) in every element of name."""
    x0 = inputs[name]
    grad = np.zeros_like(x0)
    for idx in np.ndindex(x0.shape):
        h = FD_STEP * max(1.0, abs(x0[idx]))
        vals = []
        for k in (2, 1, -1, -2):
            x = x0.copy()
            x[idx] += k * h
            vals.append(f(**{**inputs, name: x}))
        grad[idx] = (8 * (vals[1] - vals[2]) - (vals[0] - vals[3])) / (12 * h)
    return grad


# -- the module as text ----------------------------------------------------------------------
def test_imports_numpy_and_nothing_else(bn_source):
    tree = ast.parse(bn_source)
    imported = [
        a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names
    ]
    assert imported == ["numpy"]
    assert not any(isinstance(node, ast.ImportFrom) for node in ast.walk(tree))
    kinds = {type(node).__name__ for node in tree.body}
    assert kinds == {"Expr", "Import", "FunctionDef"}


def test_no_python_loops(bn_source):
    tree = ast.parse(bn_source)
    loops = (ast.For, ast.While, ast.ListComp, ast.GeneratorExp, ast.DictComp, ast.SetComp)
    assert not any(isinstance(node, loops) for node in ast.walk(tree))


def test_one_function_per_definition_and_claim(bn_model, bn):
    for name in bn_model.definitions:
        assert callable(getattr(bn, f"define_{name}"))
    for c in bn_model.claims:
        assert callable(getattr(bn, f"claim_{c.name}"))
    assert callable(bn.forward)
    assert callable(bn.backward)


def test_api_signatures(bn):
    assert list(inspect.signature(bn.forward).parameters) == [
        "X",
        "W",
        "b",
        "gamma",
        "beta",
        "delta",
    ]
    assert list(inspect.signature(bn.backward).parameters) == ["dout", "cache"]
    assert list(inspect.signature(bn.claim_dL_dh).parameters) == [
        "gamma",
        "delta",
        "dy",
        "var",
        "hhat",
    ]


def test_docstrings_carry_formula_and_shapes(bn):
    doc = bn.claim_dL_dh.__doc__
    assert "sum(dy[k, j]*hhat[k, j], k)" in doc
    assert "dy (N, L)" in doc
    assert "shape (N, L)" in doc
    assert "Two-pass" in bn.forward.__doc__
    assert "Two-pass" in bn.define_var.__doc__


def test_jacobians_broadcast_identities_and_gradients_do_not(bn_source):
    tree = ast.parse(bn_source)
    bodies = {
        f.name: ast.get_source_segment(bn_source, f)
        for f in tree.body
        if isinstance(f, ast.FunctionDef)
    }
    assert "np.eye" in bodies["claim_du_dh"]
    for name in ("claim_dL_dh", "claim_layer_dX", "backward", "forward"):
        assert "np.eye" not in bodies[name]


def ruff() -> str:
    exe = shutil.which("ruff")
    if exe is None:
        pytest.skip("ruff is not installed (it is in the test extra)")
    return exe


def test_ruff_clean(bn_source, tmp_path):
    exe = ruff()
    path = tmp_path / "bn_generated.py"
    path.write_text(bn_source, encoding="utf-8")
    plain = subprocess.run(
        [exe, "check", "--isolated", str(path)], capture_output=True, text=True, check=False
    )
    assert plain.returncode == 0, plain.stdout
    # the project's strict rules, except naming: X, W, N and claim_dL_dh are the
    # derivation's own names, and forward() takes one argument per input
    strict = subprocess.run(
        [
            exe,
            "check",
            "--config",
            str(ROOT / "pyproject.toml"),
            "--extend-ignore",
            "N802,N803,N806,PLR0917",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert strict.returncode == 0, strict.stdout


# -- gradients -------------------------------------------------------------------------------
def loss(bn, da):
    def f(**inputs):
        a, _ = bn.forward(**inputs)
        return float(np.sum(da * a))

    return f


@settings(derandomize=True, max_examples=12, deadline=None)
@given(n=st.integers(1, 5), d=st.integers(1, 3), l=st.integers(1, 3), seed=st.integers(0, 2**16))
def test_backward_matches_finite_differences(bn, n, d, l, seed):  # noqa: E741 - size L
    rng = np.random.default_rng(seed)
    inputs = layer_inputs(rng, n, d, l)
    da = rng.standard_normal((n, l))
    a, cache = bn.forward(**inputs)
    assert a.shape == (n, l)
    grads = bn.backward(da, cache)
    assert list(grads) == list(GRADIENTS)
    want = {name: fd_gradient(loss(bn, da), inputs, name) for name in GRADIENTS}
    floor = 1e-12 + ZERO_FLOOR * max(float(np.max(np.abs(w))) for w in want.values())
    for name in GRADIENTS:
        assert grads[name].shape == inputs[name].shape
        assert rel_err(grads[name], want[name], floor) <= GRAD_RTOL, name


@settings(derandomize=True, max_examples=10, deadline=None)
@given(n=st.integers(1, 6), l=st.integers(1, 4), seed=st.integers(0, 2**16))
def test_compact_backward_matches_finite_differences(bn, n, l, seed):  # noqa: E741 - size L
    rng = np.random.default_rng(seed)
    h = rng.standard_normal((n, l))
    gamma, beta = rng.standard_normal(l), rng.standard_normal(l)
    dy = rng.standard_normal((n, l))
    delta = 0.1

    def f(h):
        mu = bn.define_mu(h=h)
        var = bn.define_var(h=h, mu=mu)
        hhat = bn.define_hhat(delta=delta, h=h, mu=mu, var=var)
        return float(np.sum(dy * bn.define_y(gamma=gamma, beta=beta, hhat=hhat)))

    mu = bn.define_mu(h=h)
    var = bn.define_var(h=h, mu=mu)
    hhat = bn.define_hhat(delta=delta, h=h, mu=mu, var=var)
    got = bn.claim_dL_dh(gamma=gamma, delta=delta, dy=dy, var=var, hhat=hhat)
    assert rel_err(got, fd_gradient(f, {"h": h}, "h")) <= GRAD_RTOL


# -- every [layer]: forward/backward against finite differences and PyTorch ------------------
LAYERS = ["batchnorm_core", "layernorm"]  # batchnorm's whole layer is tested above


@pytest.fixture(scope="module", params=LAYERS)
def layer(request, tmp_path_factory):
    """(model, generated module) of a derivation with a [layer] table."""
    m = model.build(toml.load(ROOT / "derivations" / f"{request.param}.toml"))
    path = tmp_path_factory.mktemp("layer") / f"{request.param}_gen.py"
    return m, load_module(npemit.render(report_of(m)), path)


def forward_inputs(m, rng, sizes: dict) -> dict:
    """Random arguments of the layer's forward: every input but the upstream gradient."""
    out = {}
    for name, (_, shape, positive) in m.inputs.items():
        if name == m.spec.layer.upstream:
            continue
        dims = tuple(sizes[str(s)] for s in shape)
        out[name] = rng.uniform(0.05, 0.5, dims) if positive else rng.standard_normal(dims)
    return out


@settings(derandomize=True, max_examples=10, deadline=None)
@given(n=st.integers(1, 5), width=st.integers(1, 4), seed=st.integers(0, 2**16))
def test_layer_backward_matches_finite_differences(layer, n, width, seed):
    m, module = layer
    rng = np.random.default_rng(seed)
    inputs = forward_inputs(m, rng, {"N": n, "L": width})
    out, cache = module.forward(**inputs)
    dout = rng.standard_normal(out.shape)
    grads = module.backward(dout, cache)
    assert list(grads) == [g for g in m.inputs if g in dict(m.spec.layer.gradients)]

    def f(**x):
        return float(np.sum(dout * module.forward(**x)[0]))

    for name, grad in grads.items():
        assert grad.shape == inputs[name].shape, name
        assert rel_err(grad, fd_gradient(f, inputs, name)) <= GRAD_RTOL, name


def test_layer_matches_torch(layer):
    """batchnorm_core against torch's batch_norm, layernorm against its layer_norm, both
    training mode (biased variance, as the derivations define it)."""
    torch = pytest.importorskip("torch")
    m, module = layer
    rng = np.random.default_rng(6)
    for n, width in ((2, 1), (2, 3), (9, 4), (16, 7)):  # torch's batch_norm refuses N = 1
        inputs = forward_inputs(m, rng, {"N": n, "L": width})
        eps = float(inputs["delta"])
        out, cache = module.forward(**inputs)
        dout = rng.standard_normal(out.shape)
        grads = module.backward(dout, cache)
        t = {k: torch.tensor(inputs[k], requires_grad=True) for k in ("h", "gamma", "beta")}
        if Path(m.spec.path).stem == "batchnorm_core":
            ty = torch.nn.functional.batch_norm(
                t["h"], None, None, t["gamma"], t["beta"], training=True, eps=eps
            )
        else:
            ty = torch.nn.functional.layer_norm(t["h"], (width,), t["gamma"], t["beta"], eps=eps)
        (ty * torch.tensor(dout)).sum().backward()
        assert rel_err(out, ty.detach().numpy()) <= TORCH_RTOL
        # layer norm over one feature: dh is exactly 0, torch's carries rounding noise
        floor = 1e-12 + ZERO_FLOOR * max(float(v.grad.abs().max()) for v in t.values())
        for name in ("h", "gamma", "beta"):
            got, want = grads[name], t[name].grad.numpy()
            assert rel_err(got, want, floor) <= TORCH_RTOL, (name, n, width)


@pytest.mark.parametrize("name", ["batchnorm", *LAYERS])
def test_no_generated_function_writes_into_its_arguments(name, tmp_path):
    """Every define_*, claim_*, forward and backward leaves its arrays (and the cache) as
    they were: the in-place plans only ever update arrays the function made itself."""
    m = model.build(toml.load(ROOT / "derivations" / f"{name}.toml"))
    module = load_module(npemit.render(report_of(m)), tmp_path / f"{name}_gen.py")
    rng = random.Random(8)
    sizes = dict.fromkeys(m.sizes, 3)
    values = point_arrays(m, concrete.Point.draw(m, sizes, rng), module)
    calls = 0
    for fn_name, fn in inspect.getmembers(module, inspect.isfunction):
        params = inspect.signature(fn).parameters
        if fn_name == "backward" or not all(p in values or p in map(str, sizes) for p in params):
            continue
        args = {p: values.get(p, 3) for p in params}
        before = {k: np.copy(v) for k, v in args.items()}
        result = fn(**args)
        if fn_name == "forward":
            out, cache = result
            kept = {k: np.copy(v) for k, v in cache.items()}
            module.backward(np.ones_like(out), cache)
            assert all(np.array_equal(cache[k], v) for k, v in kept.items()), "cache"
        for k, v in args.items():
            assert np.array_equal(v, before[k]), (fn_name, k)
        calls += 1
    assert calls >= len(m.definitions) + 1


# -- claims against their elementwise evaluation ----------------------------------------------
def point_arrays(m, pt, module) -> dict:
    """Inputs of the point as arrays, and every definition computed by define_*."""
    values = arraycode.arrays(m, pt)
    for name in m.definitions:
        fn = getattr(module, f"define_{name}")
        args = {
            p: values[p] if p in values else pt_size(pt, p)
            for p in inspect.signature(fn).parameters
        }
        values[name] = np.asarray(fn(**args))
    return values


def pt_size(pt, name):
    return next(v for s, v in pt.sizes.items() if str(s) == name)


@pytest.mark.parametrize("path", [BATCHNORM, LAYERNORM], ids=["batchnorm", "layernorm"])
def test_claim_functions_match_the_claims_elementwise(path, tmp_path):
    if not path.exists():
        pytest.skip(f"{path.name} is not there")
    m = model.build(toml.load(path))
    report = report_of(m)
    module = load_module(npemit.render(report), tmp_path / f"{path.stem}_gen.py")
    rng = random.Random(7)
    sizes = dict.fromkeys(m.sizes, 3)
    pt = concrete.Point.draw(m, sizes, rng)
    values = point_arrays(m, pt, module)
    ev = concrete.Evaluator(m, pt)
    checked = 0
    for claim in m.claims:
        fn = getattr(module, f"claim_{claim.name}", None)
        if fn is None:
            continue
        args = {
            p: values[p] if p in values else pt_size(pt, p)
            for p in inspect.signature(fn).parameters
        }
        got = np.asarray(fn(**args))
        shape = tuple(sizes[i.size] for i in claim.free)
        assert got.shape == shape, claim.name
        combos = list(itertools.product(*[range(1, x + 1) for x in shape]))
        with mpmath.workdps(arithmetic.DIGITS):
            for idx in rng.sample(combos, min(6, len(combos))):
                try:
                    want = float(ev.value(claim.lhs, dict(zip(claim.free, idx, strict=True))))
                except concrete.UndefinedError:  # relu/step at their kink
                    continue
                value = float(got[tuple(i - 1 for i in idx)])
                assert abs(value - want) <= CLAIM_RTOL * max(1.0, abs(want)), (claim.name, idx)
                checked += 1
    assert checked > 0


# -- PyTorch ------------------------------------------------------------------------------------
def test_layer_matches_torch_autodiff(bn):
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(3)
    for n, d, l in ((1, 1, 1), (2, 3, 1), (7, 4, 5), (16, 8, 3)):  # noqa: E741 - size L
        inputs = layer_inputs(rng, n, d, l)
        da = rng.standard_normal((n, l))
        a, cache = bn.forward(**inputs)
        grads = bn.backward(da, cache)
        t = {
            k: torch.tensor(v, dtype=torch.float64, requires_grad=True)
            for k, v in inputs.items()
            if k != "delta"
        }
        h = t["X"] @ t["W"] + t["b"]
        mu = h.mean(0)
        var = ((h - mu) ** 2).mean(0)
        ta = torch.relu(t["gamma"] * (h - mu) / torch.sqrt(var + inputs["delta"]) + t["beta"])
        (ta * torch.tensor(da)).sum().backward()
        assert rel_err(a, ta.detach().numpy()) <= TORCH_RTOL
        floor = 1e-12 + ZERO_FLOOR * max(float(t[k].grad.abs().max()) for k in GRADIENTS)
        for name in GRADIENTS:
            assert rel_err(grads[name], t[name].grad.numpy(), floor) <= TORCH_RTOL, (name, n)


def test_compact_backward_matches_torch(bn):
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(4)
    h = rng.standard_normal((9, 4))
    gamma, beta, dy = rng.standard_normal(4), rng.standard_normal(4), rng.standard_normal((9, 4))
    th = torch.tensor(h, requires_grad=True)
    y = torch.nn.functional.batch_norm(
        th, None, None, torch.tensor(gamma), torch.tensor(beta), training=True, eps=0.1
    )
    (y * torch.tensor(dy)).sum().backward()
    mu = bn.define_mu(h=h)
    var = bn.define_var(h=h, mu=mu)
    hhat = bn.define_hhat(delta=0.1, h=h, mu=mu, var=var)
    got = bn.claim_dL_dh(gamma=gamma, delta=0.1, dy=dy, var=var, hhat=hhat)
    assert rel_err(got, th.grad.numpy()) <= TORCH_RTOL


# -- edge cases ---------------------------------------------------------------------------------
def test_far_from_zero_matches_a_50_digit_reference(bn, bn_model):
    """h = 1e6 + noise: the two-pass variance keeps hhat and the output accurate."""
    rng = np.random.default_rng(5)
    inputs = layer_inputs(rng, 12, 3, 3)
    inputs["b"] = 1e6 + rng.standard_normal(3)
    inputs["delta"] = 1e-5
    a, cache = bn.forward(**inputs)
    sizes = dict(zip(bn_model.sizes, (12, 3, 3), strict=True))
    values = {}
    for name, (_, shape, _) in bn_model.inputs.items():
        dims = [sizes[s] for s in shape]
        arr = np.atleast_1d(np.asarray(inputs.get(name, np.zeros(dims)), dtype=np.float64))
        values[name] = {
            idx: Fraction(float(arr[tuple(i - 1 for i in idx)] if shape else arr[0]))
            for idx in itertools.product(*[range(1, x + 1) for x in dims])
        }
    ev = concrete.Evaluator(bn_model, concrete.Point(sizes, values))
    with mpmath.workdps(arithmetic.DIGITS):
        want = np.array(
            [[float(ev.element("hhat", (i, j))) for j in range(1, 4)] for i in range(1, 13)]
        )
        want_a = np.array(
            [[float(ev.element("a", (i, j))) for j in range(1, 4)] for i in range(1, 13)]
        )
    assert rel_err(cache["hhat"], want) <= FAR_RTOL
    assert rel_err(a, want_a) <= FAR_RTOL


def test_one_row_and_one_column(bn):
    """N = 1: the variance is 0 and only delta keeps hhat finite (it is 0)."""
    rng = np.random.default_rng(6)
    inputs = layer_inputs(rng, 1, 2, 1)
    a, cache = bn.forward(**inputs)
    assert np.all(cache["var"] == 0)
    assert np.all(cache["hhat"] == 0)
    np.testing.assert_array_equal(a, np.maximum(inputs["beta"], 0)[None, :])
    grads = bn.backward(np.ones((1, 1)), cache)
    assert all(np.all(np.isfinite(g)) for g in grads.values())
    assert all(grads[k].shape == inputs[k].shape for k in GRADIENTS)


def test_constant_column(bn):
    """A column with variance 0 stays finite, and its gradients still match differences."""
    rng = np.random.default_rng(8)
    inputs = layer_inputs(rng, 5, 3, 2)
    inputs["W"][:, 0] = 0.0
    da = rng.standard_normal((5, 2))
    a, cache = bn.forward(**inputs)
    assert cache["var"][0] == 0
    assert np.all(np.isfinite(a))
    grads = bn.backward(da, cache)
    want = {name: fd_gradient(loss(bn, da), inputs, name) for name in GRADIENTS}
    floor = 1e-12 + ZERO_FLOOR * max(float(np.max(np.abs(w))) for w in want.values())
    for name in GRADIENTS:
        assert rel_err(grads[name], want[name], floor) <= GRAD_RTOL, name


def test_float32_in_float32_out(bn):
    rng = np.random.default_rng(9)
    inputs64 = layer_inputs(rng, 6, 3, 4)
    inputs32 = {
        k: (v.astype(np.float32) if isinstance(v, np.ndarray) else v) for k, v in inputs64.items()
    }
    da = rng.standard_normal((6, 4))
    a32, cache32 = bn.forward(**inputs32)
    g32 = bn.backward(da.astype(np.float32), cache32)
    a64, cache64 = bn.forward(**inputs64)
    g64 = bn.backward(da, cache64)
    assert a32.dtype == np.float32
    assert a64.dtype == np.float64
    assert all(g.dtype == np.float32 for g in g32.values())
    assert all(g.dtype == np.float64 for g in g64.values())
    assert rel_err(a32, a64) <= F32_RTOL
    floor = 1e-12 + ZERO_FLOOR * max(float(np.max(np.abs(g))) for g in g64.values())
    for name in GRADIENTS:
        assert rel_err(g32[name], g64[name], floor) <= F32_RTOL
    got = bn.claim_dL_dh(
        gamma=inputs32["gamma"],
        delta=np.float32(0.1),
        dy=da.astype(np.float32),
        var=cache32["var"],
        hhat=cache32["hhat"],
    )
    assert got.dtype == np.float32


def test_memory_order_does_not_matter(bn):
    rng = np.random.default_rng(10)
    inputs = layer_inputs(rng, 6, 3, 4)
    da = rng.standard_normal((6, 4))
    a, cache = bn.forward(**inputs)
    want = bn.backward(da, cache)
    wide = rng.standard_normal((12, 6))
    wide[::2, ::2] = inputs["X"]
    other = {
        **inputs,
        "X": wide[::2, ::2],
        "W": np.asfortranarray(inputs["W"]),
        "gamma": np.repeat(inputs["gamma"], 2)[::2],
    }
    assert not other["X"].flags.c_contiguous
    assert other["W"].flags.f_contiguous
    a2, cache2 = bn.forward(**other)
    got = bn.backward(np.asfortranarray(da), cache2)
    np.testing.assert_allclose(a2, a, rtol=1e-13, atol=1e-13)
    for name in GRADIENTS:
        np.testing.assert_allclose(got[name], want[name], rtol=1e-12, atol=1e-12)


def test_nan_and_inf_propagate_with_the_right_shapes(bn):
    rng = np.random.default_rng(11)
    for bad in (np.nan, np.inf):
        inputs = layer_inputs(rng, 4, 2, 3)
        inputs["X"][0, 0] = bad
        with np.errstate(all="ignore"):
            a, cache = bn.forward(**inputs)
            grads = bn.backward(np.ones((4, 3)), cache)
        assert a.shape == (4, 3)
        assert np.isnan(cache["hhat"]).all()
        assert all(grads[k].shape == inputs[k].shape for k in GRADIENTS)
    with pytest.raises(ValueError, match="delta must be positive"):
        bn.forward(**{**layer_inputs(rng, 2, 2, 2), "delta": np.nan})


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("W", np.ones((4, 2)), "W must have shape"),
        ("b", np.ones(5), "b must have shape"),
        ("gamma", np.ones((2, 2)), "gamma must have shape"),
        ("X", np.ones(3), "X must have shape"),
        ("delta", np.ones(2), "delta must be a scalar"),
        ("delta", -1.0, "delta must be positive"),
        ("X", np.ones((0, 3)), "at least 1"),
        ("X", np.ones((3, 3), dtype=complex), "floating-point"),
    ],
)
def test_bad_arguments_raise_value_error_naming_them(bn, name, value, message):
    rng = np.random.default_rng(12)
    inputs = layer_inputs(rng, 3, 3, 2)
    with pytest.raises(ValueError, match=message):
        bn.forward(**{**inputs, name: value})


def test_backward_checks_dout(bn):
    _, cache = bn.forward(**layer_inputs(np.random.default_rng(13), 3, 2, 2))
    with pytest.raises(ValueError, match="dout must have shape"):
        bn.backward(np.ones((2, 3)), cache)


def test_claim_size_arguments(bn):
    assert bn.claim_du11_dh11(N=4) == pytest.approx(0.75)
    with pytest.raises(ValueError, match="at least 2"):
        bn.claim_du22_dh12(N=1)
    assert bn.claim_dh_db(N=2, L=3).shape == (2, 3, 3)


# -- user text cannot become code -------------------------------------------------------------
INJECTION = r'''
[derivation]
title = "t\"\"\"\nimport os\nos.system('echo pwned')\n\"\"\""
description = """
evil \""" + __import__('os').getcwd() + \"""
back\\slash \\" end\\
"""

[sizes]
N = "rows \"\"\" x"

[indices]
k = "N"
p = "N"

[inputs]
x = { shape = ["N"], latex = "\\x\"\"\"\nraise SystemExit" }

[[define]]
name = "m"
index = []
expr = "sum(x[p], p) / N"
latex = "\"\"\"); raise SystemExit  # \u2028 \r"

[[claim]]
name = "c"
title = "a title \"\"\"\n    raise SystemExit\n\"\"\" \\ \u0000 \t"
lhs = "diff(m, x[k])"
'''


def test_user_text_cannot_inject_code(tmp_path):
    path = tmp_path / "evil.toml"
    path.write_text(INJECTION, encoding="utf-8")
    m = model.build(toml.load(path))
    source = npemit.render(report_of(m))
    tree = ast.parse(source)
    assert {type(node).__name__ for node in tree.body} == {"Expr", "Import", "FunctionDef"}
    assert [n.name for n in ast.walk(tree) if isinstance(n, ast.alias)] == ["numpy"]
    assert not any(
        isinstance(n, ast.Raise) and isinstance(n.exc, ast.Name) and n.exc.id == "SystemExit"
        for n in ast.walk(tree)
    )
    module = load_module(source, tmp_path / "evil_generated.py")

    def words(text):
        return " ".join(text.split())

    assert words(m.spec.title.value) in words(module.__doc__)
    assert words(m.claims[0].title) in words(module.claim_c.__doc__)
    np.testing.assert_allclose(module.claim_c(N=4), np.full(4, 0.25))


def test_reserved_names_are_refused(tmp_path):
    path = tmp_path / "np.toml"
    path.write_text(
        '[derivation]\ntitle = "t"\n[sizes]\nN = "n"\n[indices]\nk = "N"\n'
        '[inputs]\nnp = { shape = ["N"] }\n[[claim]]\nname = "c"\n'
        'lhs = "np[k]"\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="'np' is taken"):
        npemit.render(report_of(model.build(toml.load(path))))


# -- the command ----------------------------------------------------------------------------------
def test_cli_writes_the_module(tmp_path, bn_source):
    out = tmp_path / "bn.py"
    assert main(["numpy", str(BATCHNORM), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == bn_source


def test_cli_bad_input_exits_2(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text("[derivation\n", encoding="utf-8")
    assert main(["numpy", str(bad)]) == 2
    assert "error" in capsys.readouterr().err


def test_backward_with_the_wrong_cache_says_what_it_expected(layer):
    m, module = layer
    rng = np.random.default_rng(0)
    out, cache = module.forward(**forward_inputs(m, rng, {"N": 3, "L": 2}))
    dout = np.ones_like(out)
    with pytest.raises(
        TypeError,
        match=r"^cache must be the dict that forward returned, got "
        r"tuple$",
    ):
        module.backward(dout, (out, cache))
    partial = dict(list(cache.items())[1:])
    with pytest.raises(
        ValueError,
        match=r"^cache must be the dict that forward returned, with "
        rf"the keys {', '.join(cache)}; got the keys ",
    ):
        module.backward(dout, partial)


def test_the_module_says_how_to_regenerate_it(layer):
    m, module = layer
    stem = Path(m.spec.path).stem
    assert f"`symbn numpy {m.spec.path} -o {stem}.py`" in " ".join(module.__doc__.split())
