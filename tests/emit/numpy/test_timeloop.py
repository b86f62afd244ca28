"""The time loop of a recurrence in the NumPy module (symbn.emit.numpy.timeloop and bptt): the
generated Elman RNN's forward and backward against PyTorch's nn.RNN and its autograd in
float64, and what cannot be exported refused with exit status 2, naming it."""

from __future__ import annotations

import ast
import importlib.util

import numpy as np
import pytest
from paths import ROOT

from symbn.cli import main

RNN = ROOT / "derivations" / "rnn_bptt.toml"
GENERATED = ROOT / "generated" / "rnn_bptt.py"


@pytest.fixture(scope="module")
def rnn():
    spec = importlib.util.spec_from_file_location("rnn_bptt_generated", GENERATED)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def torch_reference(steps: int, features: int, units: int, seed: int):
    """An nn.RNN in float64 (batch of one, batch_first), its output and the gradients of
    sum(output * dy)."""
    torch = pytest.importorskip("torch")
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    net = torch.nn.RNN(features, units, nonlinearity="tanh", batch_first=True, dtype=torch.float64)
    x = torch.tensor(rng.standard_normal((1, steps, features)), requires_grad=True)
    h0 = torch.tensor(rng.standard_normal((1, 1, units)), requires_grad=True)
    dy = rng.standard_normal((steps, units))
    out, _ = net(x, h0)
    (out[0] * torch.tensor(dy)).sum().backward()
    args = {
        "x": x.detach().numpy()[0],
        "h0": h0.detach().numpy()[0, 0],
        "W": net.weight_hh_l0.detach().numpy(),
        "U": net.weight_ih_l0.detach().numpy(),
        "b": (net.bias_ih_l0 + net.bias_hh_l0).detach().numpy(),
    }
    grads = {
        "x": x.grad.numpy()[0],
        "h0": h0.grad.numpy()[0, 0],
        "W": net.weight_hh_l0.grad.numpy(),
        "U": net.weight_ih_l0.grad.numpy(),
        "b": net.bias_ih_l0.grad.numpy(),
    }
    return args, out.detach().numpy()[0], dy, grads


@pytest.mark.parametrize("sizes", [(1, 1, 1), (2, 3, 4), (9, 5, 3), (16, 8, 8)])
def test_forward_and_backward_match_torch(rnn, sizes):
    args, out, dy, grads = torch_reference(*sizes, seed=sum(sizes))
    h, cache = rnn.forward(**args)
    np.testing.assert_allclose(h, out, rtol=0, atol=1e-10)
    np.testing.assert_array_equal(rnn.define_h(**args), h)
    got = rnn.backward(dy, cache)
    assert sorted(got) == sorted(grads)
    for name, want in grads.items():
        np.testing.assert_allclose(got[name], want, rtol=0, atol=1e-10, err_msg=name)


def test_the_module_loops_over_time_and_vectorises_the_step():
    tree = ast.parse(GENERATED.read_text(encoding="utf-8"))
    loops = {
        fn.name: [ast.unparse(n.iter) for n in ast.walk(fn) if isinstance(n, ast.For)]
        for fn in tree.body
        if isinstance(fn, ast.FunctionDef)
    }
    # the first step written out on its own: the step before it is off the axis
    assert loops["define_h"] == ["range(2, T + 1)"]
    assert loops["forward"] == ["range(2, T + 1)"]
    assert loops["backward"] == ["range(T - 1, 0, -1)"]
    assert not any(v for k, v in loops.items() if k not in {"define_h", "forward", "backward"})


def test_forward_refuses_a_wrong_shape(rnn):
    with pytest.raises(ValueError, match="W must have shape"):
        rnn.forward(np.zeros((3, 2)), np.zeros(2), np.zeros((3, 3)), np.zeros((2, 2)), np.zeros(2))


STEP = (
    'expr = "tanh(sum(W[j, m] * (h[t - 1, m] + If(t == 1) * h0[m]), m) '
    '+ sum(U[j, e] * x[t, e], e) + b[j])"'
)


@pytest.mark.parametrize(
    ("new", "message"),
    [
        (
            'expr = "tanh(sum(W[j, m] * h[t - 1, m], m) + x[2*t - 1, 1])"',
            "its position 2*t - 1 is not t plus a number",
        ),
    ],
)
def test_what_has_no_time_loop_is_refused_with_exit_2(tmp_path, capsys, new, message):
    text = RNN.read_text(encoding="utf-8")
    assert STEP in text
    path = tmp_path / "r.toml"
    path.write_text(text.replace(STEP, new), encoding="utf-8")
    assert main(["numpy", str(path), "-o", str(tmp_path / "r.py")]) == 2
    assert message in capsys.readouterr().err


def test_no_backward_from_a_refuted_recursion(tmp_path, capsys):
    text = RNN.read_text(encoding="utf-8")
    old = "(1 - h[t + 1, j]**2), j)"
    assert old in text
    path = tmp_path / "r.toml"
    path.write_text(text.replace(old, "(1 - h[t, j]**2), j)"), encoding="utf-8")
    out = tmp_path / "r.py"
    assert main(["numpy", str(path), "-o", str(out)]) == 1
    assert "def backward" not in out.read_text(encoding="utf-8")
    assert "no forward/backward: the recursion dh_recursion is refuted" in capsys.readouterr().err


LAG_TWO = """[derivation]
title = "two steps back"
[sizes]
T = "steps"
H = "units"
[indices]
t = "T"
j = "H"
m = "H"
[inputs]
x = { shape = ["T", "H"] }
W = { shape = ["H", "H"] }
V = { shape = ["H", "H"] }
[[define]]
name = "h"
index = ["t", "j"]
expr = "tanh(sum(W[j, m] * h[t - 1, m] + V[j, m] * h[t - 2, m], m) + x[t, j] + x[t + 1, j])"
[[claim]]
name = "c"
lhs = "diff(x[1, 1], x[1, 1])"
rhs = "1"
"""


@pytest.mark.parametrize("steps", [1, 2, 3, 6])
def test_a_recurrence_two_steps_back_loops_with_its_rows_off_the_axis_zero(tmp_path, steps):
    path = tmp_path / "lag.toml"
    path.write_text(LAG_TWO, encoding="utf-8")
    out = tmp_path / "lag.py"
    assert main(["numpy", str(path), "-o", str(out)]) == 0
    spec = importlib.util.spec_from_file_location("lag_two", out)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rng = np.random.default_rng(steps)
    x, w, v = (
        rng.standard_normal((steps, 3)),
        rng.standard_normal((3, 3)),
        rng.standard_normal((3, 3)),
    )
    want = np.zeros((steps, 3))
    for t in range(steps):
        before = want[t - 1] if t >= 1 else np.zeros(3)
        two = want[t - 2] if t >= 2 else np.zeros(3)
        after = x[t + 1] if t + 1 < steps else np.zeros(3)
        want[t] = np.tanh(w @ before + v @ two + x[t] + after)
    np.testing.assert_allclose(module.define_h(x, w, v), want, rtol=0, atol=1e-12)


BATCHED = ROOT / "tests" / "derivations" / "rnn_bptt_batched.toml"


@pytest.mark.parametrize("sizes", [(1, 1, 1, 1), (3, 5, 4, 6)])
def test_a_batch_of_sequences_matches_torch(tmp_path, sizes):
    torch = pytest.importorskip("torch")
    out = tmp_path / "batched.py"
    assert main(["numpy", str(BATCHED), "-o", str(out)]) == 0
    spec = importlib.util.spec_from_file_location("rnn_batched", out)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    batch, steps, features, units = sizes
    torch.manual_seed(batch)
    rng = np.random.default_rng(batch)
    net = torch.nn.RNN(features, units, nonlinearity="tanh", batch_first=True, dtype=torch.float64)
    x = torch.tensor(rng.standard_normal((batch, steps, features)), requires_grad=True)
    h0 = torch.tensor(rng.standard_normal((1, batch, units)), requires_grad=True)
    dy = rng.standard_normal((batch, steps, units))
    got_out, _ = net(x, h0)
    (got_out * torch.tensor(dy)).sum().backward()
    weights = (net.weight_hh_l0, net.weight_ih_l0)
    h, cache = module.forward(
        x.detach().numpy(),
        h0.detach().numpy()[0],
        *(w.detach().numpy() for w in weights),
        (net.bias_ih_l0 + net.bias_hh_l0).detach().numpy(),
    )
    np.testing.assert_allclose(h, got_out.detach().numpy(), rtol=0, atol=1e-10)
    grads = module.backward(dy, cache)
    want = {
        "W": net.weight_hh_l0.grad,
        "U": net.weight_ih_l0.grad,
        "b": net.bias_ih_l0.grad,
        "x": x.grad,
        "h0": h0.grad[0],
    }
    for name, value in want.items():
        np.testing.assert_allclose(grads[name], value.numpy(), rtol=0, atol=1e-10, err_msg=name)
