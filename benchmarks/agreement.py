"""Agreement checks of the NumPy speed benchmark: every implementation it times computes
the same outputs (within a tolerance stated per dtype) in the inputs' dtype, before any
timing starts.  `gen` is numpy_speed's adapter of the generated modules, or None."""

from __future__ import annotations

import numpy as np
from baselines import (
    bn_backward_hand,
    bn_backward_staged,
    bn_backward_torch,
    bn_forward_hand,
    bn_forward_staged,
    bn_forward_torch,
    hand_layer_forward_call,
    layer_backward_hand,
    layer_inputs,
    torch,
)


def tolerance(dtype) -> float:
    """rtol of the agreement checks: float32 reductions over N = 65536 rows (NumPy sums axis 0
    row by row) stay near 1e-5 of each output's largest entry."""
    return 1e-9 if np.dtype(dtype) == np.float64 else 1e-4


def as_array(x) -> np.ndarray:
    if torch is not None and isinstance(x, torch.Tensor):
        return x.detach().numpy()
    return np.asarray(x)


def max_abs(x) -> float:
    x = as_array(x)
    return float(np.max(np.abs(x))) if x.size else 0.0


def max_rel_dev(got, ref, scale: float) -> float:
    """max |got - ref| / scale (in float64)."""
    got = as_array(got).astype(np.float64)
    ref = as_array(ref).astype(np.float64)
    if got.shape != ref.shape:
        return float("inf")
    return float(np.max(np.abs(got - ref)) / max(scale, np.finfo(float).tiny))


def agree(got, ref, rtol: float, scale: float) -> bool:
    """np.allclose with the absolute tolerance rtol * scale."""
    got = as_array(got).astype(np.float64)
    ref = as_array(ref).astype(np.float64)
    return got.shape == ref.shape and bool(np.allclose(got, ref, rtol=rtol, atol=rtol * scale))


def check(
    label: str, outputs: dict[str, tuple], names: tuple[str, ...], ref: tuple, rtol: float
) -> list[str]:
    """Compare each implementation's outputs with the reference; return failure messages.
    Each output is judged on its own scale (the absolute tolerance is rtol times its largest
    reference entry), floored at 1e-3 of the group's largest, so an output that is zero in
    exact arithmetic (the layer's db = sum_i dh_ij) is not judged on its own rounding noise."""
    floor = 1e-3 * max(max_abs(r) for r in ref)
    failures = []
    for impl, got in outputs.items():
        for name, g, r in zip(names, got, ref, strict=True):
            if g is None:
                continue
            scale = max(max_abs(r), floor)
            if not agree(g, r, rtol, scale):
                failures.append(
                    f"{label}: {impl} {name} differs from the reference "
                    f"(max dev {max_rel_dev(g, r, scale):.2e} of the largest entry,"
                    f" rtol {rtol:.0e})"
                )
    return failures


def bn_outputs(data: dict, gen) -> tuple[dict, dict, tuple, tuple]:
    """(forward outputs by implementation, backward outputs by implementation, forward
    reference, backward reference).  The references are the hand-written code in float64."""
    h, gamma, beta, dy, delta = (data[k] for k in ("h", "gamma", "beta", "dy", "delta"))
    f64 = {k: (v.astype(np.float64) if isinstance(v, np.ndarray) else v) for k, v in data.items()}
    ref_fwd = bn_forward_hand(f64["h"], f64["gamma"], f64["beta"], delta)
    ref_bwd = bn_backward_hand(f64["dy"], ref_fwd[1], ref_fwd[3], f64["gamma"], delta)

    y, hhat, mu, var = bn_forward_hand(h, gamma, beta, delta)
    fwd = {"hand": (y, hhat, mu, var)}
    y_s, cache = bn_forward_staged(h, gamma, beta, delta)
    fwd["staged"] = (y_s, cache[0], None, cache[5])
    bwd = {
        "hand": bn_backward_hand(dy, hhat, var, gamma, delta),
        "staged": bn_backward_staged(dy, cache),
    }
    if gen is not None:
        fwd["generated"] = gen.bn_forward(h, gamma, beta, delta)
        _, cache = gen.module.forward(h, gamma, beta, delta)
        bwd["generated"] = gen.bn_backward(dy, cache)
    if torch is not None:
        th, tg, tb, tdy = (torch.from_numpy(a) for a in (h, gamma, beta, dy))
        ty, tmean, tinv = bn_forward_torch(th, tg, tb, delta)
        fwd["torch"] = (ty, None, tmean, None)
        bwd["torch"] = bn_backward_torch(tdy, th, tg, tmean, tinv, delta=delta)
    return fwd, bwd, ref_fwd, ref_bwd


def check_bn(data: dict, gen) -> list[str]:
    fwd, bwd, ref_fwd, ref_bwd = bn_outputs(data, gen)
    dtype = data["h"].dtype
    rtol = tolerance(dtype)
    fnames, bnames = ("y", "hhat", "mu", "var"), ("dh", "dgamma", "dbeta")
    return (
        check("BN forward", fwd, fnames, ref_fwd, rtol)
        + check("BN backward", bwd, bnames, ref_bwd, rtol)
        + dtype_failures("BN forward", fwd, fnames, dtype)
        + dtype_failures("BN backward", bwd, bnames, dtype)
    )


def check_layer(data: dict, gen) -> list[str]:
    """The generated layer against the hand-written one, both in float64 whatever the timed
    dtype: in float32 a rounding-level change of y flips step(y) at entries near the ReLU kink
    and moves whole rows of dX, so float32 layers cannot be compared entry by entry (the
    batch-norm parts, which have no kink, are compared in float32 by check_bn).  In the timed
    dtype only the output dtypes are checked (an upcast would distort the timing)."""
    f64 = {k: (v.astype(np.float64) if isinstance(v, np.ndarray) else v) for k, v in data.items()}
    a_ref, cache = hand_layer_forward_call(layer_inputs(f64))
    grads_ref = layer_backward_hand(f64["da"], cache)
    a, gcache = gen.layer_forward(layer_inputs(f64))
    grads = gen.layer_backward(f64["da"], gcache)
    names = ("X", "W", "b", "gamma", "beta")
    rtol = tolerance(np.float64)
    failures = check("layer forward", {"generated": (a,)}, ("a",), (a_ref,), rtol) + check(
        "layer backward",
        {"generated": tuple(grads[k] for k in names)},
        names,
        tuple(grads_ref[k] for k in names),
        rtol,
    )
    if data["X"].dtype != np.float64:
        a, gcache = gen.layer_forward(layer_inputs(data))
        grads = gen.layer_backward(data["da"], gcache)
        failures += dtype_failures(
            "layer", {"generated": (a, *(grads[k] for k in names))}, ("a", *names), data["X"].dtype
        )
    return failures


def dtype_failures(
    label: str, outputs: dict[str, tuple], names: tuple[str, ...], dtype
) -> list[str]:
    """Messages for outputs whose dtype is not the inputs' dtype."""
    return [
        f"{label}: {impl} {name} is {as_array(g).dtype}, not {np.dtype(dtype)}"
        for impl, got in outputs.items()
        for name, g in zip(names, got, strict=True)
        if g is not None and as_array(g).dtype != dtype
    ]
