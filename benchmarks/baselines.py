"""Batch-norm implementations the NumPy speed benchmark times the generated code against,
and the inputs they run on.

  hand (b)    the compact closed form, in place, fewest whole-array passes
  staged (a)  the node-by-node computational-graph backward of the CS231n assignment
  torch (c)   PyTorch's training-mode batch norm (aten.native_batch_norm and its backward)

and a hand-written whole layer a = ReLU(BN(XW + b)). Each is checked against the others by
numpy_speed.py before it is timed, and by tests/test_benchmarks.py against finite
differences.
"""

from __future__ import annotations

import numpy as np

try:
    import torch
except ImportError:  # the torch baselines are skipped
    torch = None

DELTA = 1e-5


# --- inputs -----------------------------------------------------------------------------


def make_bn_inputs(n: int, width: int, dtype, seed: int = 0) -> dict[str, object]:
    """Random batch-norm inputs: h (n x width, shifted and scaled columns), gamma, beta, dy."""
    rng = np.random.default_rng(seed)
    h = rng.standard_normal((n, width)) * rng.uniform(0.5, 3.0, width) + rng.uniform(-2, 2, width)
    return {
        "h": h.astype(dtype),
        "gamma": rng.uniform(0.5, 1.5, width).astype(dtype),
        "beta": rng.standard_normal(width).astype(dtype),
        "dy": rng.standard_normal((n, width)).astype(dtype),
        "delta": DELTA,
    }


def make_layer_inputs(n: int, d: int, width: int, dtype, seed: int = 1) -> dict[str, object]:
    """Random whole-layer inputs: X (n x d), W (d x width), b, gamma, beta, da."""
    rng = np.random.default_rng(seed)
    return {
        "X": rng.standard_normal((n, d)).astype(dtype),
        "W": (rng.standard_normal((d, width)) / np.sqrt(d)).astype(dtype),
        "b": rng.standard_normal(width).astype(dtype),
        "gamma": rng.uniform(0.5, 1.5, width).astype(dtype),
        "beta": rng.standard_normal(width).astype(dtype),
        "da": rng.standard_normal((n, width)).astype(dtype),
        "delta": DELTA,
    }


# --- (b) hand-written, fewest whole-array passes ------------------------------------------


def bn_forward_hand(h, gamma, beta, delta):
    """y = gamma * hhat + beta; returns (y, hhat, mu, var).  Six whole-array passes: sum h
    (einsum, measured at least as fast as h.sum(axis=0) here); h - mu into the hhat buffer;
    sum of squares (einsum, no temporary); scale hhat in place; y = hhat * gamma; y += beta.
    Two arrays allocated (hhat, y): the outputs."""
    n = h.shape[0]
    mu = np.einsum("ij->j", h)
    mu /= n
    hhat = np.subtract(h, mu)
    var = np.einsum("ij,ij->j", hhat, hhat)
    var /= n
    hhat *= 1.0 / np.sqrt(var + delta)
    y = np.multiply(hhat, gamma)
    y += beta
    return y, hhat, mu, var


def bn_backward_hand(dy, hhat, var, gamma, delta):
    """The compact backward dh = gamma/(N sqrt(var+delta)) (N dy - sum dy - hhat sum(dy hhat)),
    written as dh = s * (dy - (hhat * dgamma + dbeta) / N) with s = gamma/sqrt(var+delta).
    Two reductions (dbeta: reads dy; dgamma: einsum reads dy and hhat, no temporary) and four
    elementwise passes into the one output buffer; dgamma and dbeta are shared with dh.
    One array allocated: dh."""
    n = dy.shape[0]
    dbeta = np.einsum("ij->j", dy)
    dgamma = np.einsum("ij,ij->j", dy, hhat)
    dh = np.multiply(hhat, dgamma / n)
    dh += dbeta / n
    np.subtract(dy, dh, out=dh)
    dh *= gamma / np.sqrt(var + delta)
    return dh, dgamma, dbeta


# --- (a) staged: the node-by-node computational-graph backward ---------------------------


def bn_forward_staged(h, gamma, beta, delta):
    """The forward as a graph of small nodes; returns (y, cache) with every node cached."""
    n = h.shape[0]
    mu = 1.0 / n * np.sum(h, axis=0)
    xmu = h - mu
    sq = xmu**2
    var = 1.0 / n * np.sum(sq, axis=0)
    sqrtvar = np.sqrt(var + delta)
    ivar = 1.0 / sqrtvar
    xhat = xmu * ivar
    gammax = gamma * xhat
    y = gammax + beta
    return y, (xhat, gamma, xmu, ivar, sqrtvar, var, delta)


def bn_backward_staged(dy, cache):
    """Back through the same nodes in reverse, one local derivative each; (dh, dgamma, dbeta)."""
    xhat, gamma, xmu, ivar, sqrtvar, var, delta = cache
    n, width = dy.shape
    dbeta = np.sum(dy, axis=0)
    dgammax = dy
    dgamma = np.sum(dgammax * xhat, axis=0)
    dxhat = dgammax * gamma
    divar = np.sum(dxhat * xmu, axis=0)
    dxmu1 = dxhat * ivar
    dsqrtvar = -1.0 / (sqrtvar**2) * divar
    dvar = 0.5 * 1.0 / np.sqrt(var + delta) * dsqrtvar
    dsq = 1.0 / n * np.ones((n, width), dtype=dy.dtype) * dvar
    dxmu2 = 2 * xmu * dsq
    dx1 = dxmu1 + dxmu2
    dmu = -1 * np.sum(dxmu1 + dxmu2, axis=0)
    dx2 = 1.0 / n * np.ones((n, width), dtype=dy.dtype) * dmu
    dx = dx1 + dx2
    return dx, dgamma, dbeta


# --- (c) torch CPU ------------------------------------------------------------------------


def bn_forward_torch(th, tgamma, tbeta, delta):
    """Training-mode batch norm; returns (y, save_mean, save_invstd) as tensors."""
    return torch.ops.aten.native_batch_norm(th, tgamma, tbeta, None, None, True, 0.0, delta)


def bn_backward_torch(tdy, th, tgamma, save_mean, save_invstd, *, delta):
    """The fused backward kernel; returns (dh, dgamma, dbeta) as tensors."""
    return torch.ops.aten.native_batch_norm_backward(
        tdy, th, tgamma, None, None, save_mean, save_invstd, True, delta, [True, True, True]
    )


# --- the whole layer, hand-written --------------------------------------------------------


def layer_forward_hand(x, w, b, *, gamma, beta, delta):
    """a = ReLU(gamma * hhat + beta), h = xw + b; returns (a, cache)."""
    h = x @ w
    h += b
    y, hhat, _, var = bn_forward_hand(h, gamma, beta, delta)
    a = np.maximum(y, 0)
    return a, (x, w, gamma, delta, hhat, var, y)


def layer_backward_hand(da, cache):
    """Gradients {"X", "W", "b", "gamma", "beta"} of sum(da * a)."""
    x, w, gamma, delta, hhat, var, y = cache
    g = np.multiply(da, y > 0)  # measured faster than np.where(y > 0, da, 0)
    dh, dgamma, dbeta = bn_backward_hand(g, hhat, var, gamma, delta)
    return {"X": dh @ w.T, "W": x.T @ dh, "b": dh.sum(axis=0), "gamma": dgamma, "beta": dbeta}


def layer_inputs(data: dict) -> dict[str, object]:
    """The keyword arguments of the layer's forward."""
    return {k: data[k] for k in ("X", "W", "b", "gamma", "beta", "delta")}


def hand_layer_forward_call(inputs: dict[str, object]):
    """layer_forward_hand on the layer's keyword arguments."""
    return layer_forward_hand(
        inputs["X"],
        inputs["W"],
        inputs["b"],
        gamma=inputs["gamma"],
        beta=inputs["beta"],
        delta=inputs["delta"],
    )


# --- scaled dot-product attention ---------------------------------------------------------


def make_attention_inputs(n: int, e: int, dtype, seed: int = 2) -> dict[str, object]:
    """Random attention inputs: Q, K, V and the upstream gradient dO, each n x e."""
    rng = np.random.default_rng(seed)
    return {name: rng.standard_normal((n, e)).astype(dtype) for name in ("Q", "K", "V", "dO")}


def attention_forward_hand(Q, K, V):  # noqa: N803 - the names of the maths
    """O = softmax(Q K^T / sqrt(E)) V, rows shifted by their maximum; returns (O, P)."""
    a = Q @ K.T
    a *= 1 / np.sqrt(Q.shape[1])
    a -= a.max(axis=1, keepdims=True)
    np.exp(a, out=a)
    a /= a.sum(axis=1, keepdims=True)
    return a @ V, a


def attention_backward_hand(dO, P, Q, K, V):  # noqa: N803 - the names of the maths
    """(dQ, dK, dV) from P: dV = P^T dO, dA = P o (dP - rowsum(P o dP)) with dP = dO V^T,
    dQ = dA K / sqrt(E), dK = dA^T Q / sqrt(E). One N x N array allocated (dP, made dA in
    place) besides the gradients."""
    dv = P.T @ dO
    da = dO @ V.T
    da -= np.einsum("ij,ij->i", P, da)[:, None]
    da *= P
    da *= 1 / np.sqrt(Q.shape[1])
    return da @ K, da.T @ Q, dv
