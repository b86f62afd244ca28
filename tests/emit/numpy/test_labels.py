"""The NumPy export of a derivation with labels (generated/softmax_xent_labels.py): labels
taken 0-based, as NumPy and PyTorch number classes, and the loss and its gradient equal to
PyTorch's cross_entropy with integer targets in float64."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

GENERATED = Path(__file__).resolve().parents[3] / "generated" / "softmax_xent_labels.py"


@pytest.fixture(scope="module")
def xent():
    spec = importlib.util.spec_from_file_location("softmax_xent_labels", GENERATED)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def by_hand(z, y):
    """The loss and its gradient in plain NumPy, labels 0-based."""
    n = len(y)
    shifted = z - z.max(axis=1, keepdims=True)
    p = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
    g = p.copy()
    g[np.arange(n), y] -= 1
    return -np.log(p[np.arange(n), y]).mean(), g / n


@pytest.mark.parametrize(("n", "c"), [(1, 1), (1, 4), (5, 1), (7, 3), (64, 10)])
def test_forward_and_backward_match_a_hand_written_version(xent, n, c):
    rng = np.random.default_rng(n * 100 + c)
    z = rng.standard_normal((n, c))
    y = rng.integers(0, c, size=n)
    y[0] = c - 1  # the last class, 0-based
    loss, cache = xent.forward(z, y)
    want_loss, want_grad = by_hand(z, y)
    assert abs(loss - want_loss) <= 1e-12 * max(1, abs(want_loss))
    grad = xent.backward(1.0, cache)["Z"]
    np.testing.assert_allclose(grad, want_grad, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(xent.backward(2.5, cache)["Z"], 2.5 * want_grad, rtol=1e-12)


def test_matches_torch_cross_entropy_with_integer_targets(xent):
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(21)
    for n, c in ((1, 2), (3, 5), (32, 10), (128, 100)):
        z = rng.standard_normal((n, c)) * 3
        y = rng.integers(0, c, size=n)
        loss, cache = xent.forward(z, y)
        grad = xent.backward(1.0, cache)["Z"]
        tz = torch.tensor(z, dtype=torch.float64, requires_grad=True)
        tl = torch.nn.functional.cross_entropy(tz, torch.tensor(y))
        tl.backward()
        assert abs(loss - tl.item()) <= 1e-10
        assert np.max(np.abs(grad - tz.grad.numpy())) <= 1e-10


def test_the_claims_one_hot_is_at_the_label(xent):
    y = np.array([2, 0, 1])
    p = np.full((3, 3), 0.25)
    got = xent.claim_dloss_dZ(y, p)
    np.testing.assert_array_equal(got, (p - np.eye(3)[y]) / 3)


@pytest.mark.parametrize(
    ("y", "message"),
    [
        ([0.0, 1.0], "y must hold whole-number labels, got float64"),
        ([0, 3], r"y must hold labels in 0\.\.2 \(counted from 0\), got values from 0 to 3"),
        ([-1, 0], "got values from -1 to 0"),
        ([0, 1, 2], r"y must have shape \(N,\) with N = 2"),
    ],
)
def test_labels_are_checked(xent, y, message):
    with pytest.raises(ValueError, match=message):
        xent.forward(np.zeros((2, 3)), y)


def test_labels_keep_their_dtype_and_the_logits_theirs(xent):
    loss, cache = xent.forward(np.zeros((2, 3), dtype=np.float32), np.array([0, 2], np.int8))
    assert cache["y"].dtype == np.int8
    assert cache["P"].dtype == np.float32
    assert xent.backward(1.0, cache)["Z"].dtype == np.float32
    assert loss.dtype == np.float32
