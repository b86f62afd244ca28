"""generated/conv1d.py, and the PyTorch and JAX layers of derivations/conv1d.toml, against
PyTorch: the forward is `torch.nn.functional.conv1d` with stride 2 and padding 1, the
backward torch's autograd of it, in float64 to 1e-10, at shapes that include a kernel wider
than the unpadded input and the first and last positions hanging over the padding; where
the windows do not fit (no output position) both refuse."""

from __future__ import annotations

import numpy as np
import pytest
from paths import ROOT

import symbn

TOL = 1e-10
#: (N, C, F, L, K): batch, input channels, filters, input length, kernel taps
SHAPES = [
    (2, 3, 4, 9, 3),
    (1, 1, 1, 1, 1),
    (1, 1, 1, 1, 3),  # a kernel of 3 over an input of 1: only the padding around it
    (2, 2, 3, 2, 4),  # a kernel wider than the unpadded input
    (3, 2, 2, 8, 2),  # (L + 2 - K) odd: the last input position is read by no window
    (2, 4, 3, 16, 5),
    (1, 2, 2, 7, 7),
]


@pytest.fixture(scope="module")
def conv():
    return symbn.numpy(symbn.load(ROOT / "derivations" / "conv1d.toml").verify(), module=True)


@pytest.mark.parametrize("shape", SHAPES, ids=[str(s) for s in SHAPES])
def test_forward_and_backward_match_torch(conv, shape):
    torch = pytest.importorskip("torch")
    n, c, f, length, k = shape
    rng = np.random.default_rng(sum(shape))
    x, w, b = (rng.standard_normal(s) for s in ((n, c, length), (f, c, k), (f,)))
    y, cache = conv.forward(x, w, b)
    tx, tw, tb = (torch.tensor(a, dtype=torch.float64, requires_grad=True) for a in (x, w, b))
    ty = torch.nn.functional.conv1d(tx, tw, tb, stride=2, padding=1)
    assert y.shape == tuple(ty.shape)
    np.testing.assert_allclose(y, ty.detach().numpy(), rtol=0, atol=TOL)
    g = rng.standard_normal(y.shape)
    ty.backward(torch.tensor(g))
    grads = conv.backward(g, cache)
    for name, t in (("x", tx), ("w", tw), ("b", tb)):
        np.testing.assert_allclose(grads[name], t.grad.numpy(), rtol=0, atol=TOL, err_msg=name)


def test_a_kernel_too_wide_for_the_padded_input_is_refused_as_torch_refuses(conv):
    torch = pytest.importorskip("torch")
    x, w, b = np.ones((1, 1, 2)), np.ones((1, 1, 5)), np.ones(1)
    with pytest.raises(ValueError, match="the windows do not fit: O = "):
        conv.forward(x, w, b)
    with pytest.raises(RuntimeError):
        torch.nn.functional.conv1d(*(torch.tensor(a) for a in (x, w, b)), stride=2, padding=1)


def test_the_claim_functions_take_the_output_length(conv):
    """define_y takes O: every O is the maths' (positions past the padding read zeros)."""
    x, w, b = np.ones((1, 1, 3)), np.ones((1, 1, 2)), np.zeros(1)
    y = conv.define_y(x, w, b, 4)
    assert y.tolist() == [[[1.0, 2.0, 0.0, 0.0]]]  # positions 0-1, 2-3, 4-5, 6-7 of x


# -- the PyTorch and JAX layers of the same file ------------------------------------------------
@pytest.fixture(scope="module")
def layers():
    return symbn.load(ROOT / "derivations" / "conv1d.toml").verify()


@pytest.mark.parametrize("shape", SHAPES, ids=[str(s) for s in SHAPES])
def test_the_torch_layer_matches_torch(layers, shape):
    torch = pytest.importorskip("torch")
    layer = symbn.torch(layers, module=True).layer
    n, c, f, length, k = shape
    rng = np.random.default_rng(sum(shape))
    data = [rng.standard_normal(s) for s in ((n, c, length), (f, c, k), (f,))]
    mine = [torch.tensor(a, requires_grad=True) for a in data]
    ref = [torch.tensor(a, requires_grad=True) for a in data]
    y = layer(*mine)
    ty = torch.nn.functional.conv1d(*ref, stride=2, padding=1)
    g = torch.tensor(rng.standard_normal(tuple(ty.shape)))
    y.backward(g)
    ty.backward(g)
    np.testing.assert_allclose(y.detach().numpy(), ty.detach().numpy(), rtol=0, atol=TOL)
    for a, t in zip(mine, ref, strict=True):
        np.testing.assert_allclose(a.grad.numpy(), t.grad.numpy(), rtol=0, atol=TOL)


@pytest.mark.parametrize("shape", SHAPES, ids=[str(s) for s in SHAPES])
def test_the_jax_layer_matches_torch_jitted_too(layers, shape):
    torch = pytest.importorskip("torch")
    jax = pytest.importorskip("jax")
    jax.config.update("jax_enable_x64", True)
    layer = symbn.jax(layers, module=True).layer
    n, c, f, length, k = shape
    rng = np.random.default_rng(sum(shape))
    data = [rng.standard_normal(s) for s in ((n, c, length), (f, c, k), (f,))]
    ref = [torch.tensor(a, requires_grad=True) for a in data]
    ty = torch.nn.functional.conv1d(*ref, stride=2, padding=1)
    g = rng.standard_normal(tuple(ty.shape))
    ty.backward(torch.tensor(g))
    for fn in (layer, jax.jit(layer)):
        y, pullback = jax.vjp(fn, *(jax.numpy.asarray(a) for a in data))
        np.testing.assert_allclose(np.asarray(y), ty.detach().numpy(), rtol=0, atol=TOL)
        for got, t in zip(pullback(jax.numpy.asarray(g)), ref, strict=True):
            np.testing.assert_allclose(np.asarray(got), t.grad.numpy(), rtol=0, atol=TOL)


def variant(position: str, padding: str) -> str:
    """derivations/conv1d.toml with the forward reading the input at `position` instead,
    under `padding`, its gradient claims derived (their right-hand sides are stride 2's)."""
    text = (ROOT / "derivations" / "conv1d.toml").read_text(encoding="utf-8")
    text = text.replace("2*(i - 1) + k - 1]", f"{position}]").replace(
        'padding = "zero"', f'padding = "{padding}"'
    )
    return "\n".join(x for x in text.splitlines() if not x.startswith("rhs = "))


#: (position read, padding, torch's stride and padding)
VARIANTS = [
    ("i + k - 1", "valid", 1, 0),
    ("i + k - 1", "zero", 1, 0),
    ("i + k - 3", "zero", 1, 2),
    ("3*(i - 1) + k - 2", "zero", 3, 2),
    ("2*(i - 1) + k", "valid", 2, 0),
]


@pytest.mark.parametrize(("position", "padding", "stride", "pad"), VARIANTS)
def test_the_output_length_is_torchs_for_other_strides_and_paddings(position, padding, stride, pad):
    torch = pytest.importorskip("torch")
    module = symbn.numpy(symbn.loads(variant(position, padding), "v.toml").verify(), module=True)
    rng = np.random.default_rng(stride + pad)
    for length, k in ((9, 3), (4, 4), (7, 2), (3, 5)):
        x, w, b = (rng.standard_normal(s) for s in ((2, 3, length), (4, 3, k), (4,)))
        t = [torch.tensor(a, requires_grad=True) for a in (x, w, b)]
        try:
            want = torch.nn.functional.conv1d(*t, stride=stride, padding=pad)
        except RuntimeError:
            with pytest.raises(ValueError, match="the windows do not fit"):
                module.forward(x, w, b)
            continue
        y, cache = module.forward(x, w, b)
        np.testing.assert_allclose(y, want.detach().numpy(), rtol=0, atol=TOL)
        g = rng.standard_normal(y.shape)
        want.backward(torch.tensor(g))
        grads = module.backward(g, cache)  # from symbn's closed forms (the claims derived)
        for name, a in zip("xwb", t, strict=True):
            np.testing.assert_allclose(grads[name], a.grad.numpy(), rtol=0, atol=TOL)
