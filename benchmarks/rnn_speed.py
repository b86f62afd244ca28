"""Speed of the generated Elman RNN (generated/rnn_bptt.py: forward and backward, a Python loop
over t, vectorised inside a step) against a hand-written NumPy backpropagation through time,
side by side: medians of interleaved repeats, in ms.

    python benchmarks/rnn_speed.py [--t 200] [--e 32] [--h 64] [--repeats 21]

The hand version precomputes the input projection for every step at once and keeps the
scaled adjoint g[t] = dh[t] * (1 - h[t]**2), as BPTT is usually written. Both are checked
against each other before anything is timed.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))  # timing.py beside this file
from timing import fmt, side_by_side, timing_options, verdict

GENERATED = Path(__file__).resolve().parent.parent / "generated" / "rnn_bptt.py"
TARGET = 1.2  # generated / hand-written, at most


def load(path: Path = GENERATED):
    spec = importlib.util.spec_from_file_location("rnn_bptt_generated", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def forward_hand(a: dict) -> np.ndarray:
    """h[t] = tanh(W h[t - 1] + U x[t] + b), h[0] = h0; the input projection at once."""
    x, h0, w = a["x"], a["h0"], a["W"]
    xu = x @ a["U"].T + a["b"]
    h = np.empty((x.shape[0], h0.shape[0]), dtype=x.dtype)
    prev = h0
    for t in range(x.shape[0]):
        prev = np.tanh(xu[t] + w @ prev)
        h[t] = prev
    return h


def backward_hand(dy: np.ndarray, a: dict, h: np.ndarray) -> dict:
    """The gradients of sum(dy * h) by backpropagation through time."""
    x, h0, w, u = a["x"], a["h0"], a["W"], a["U"]
    g = np.empty_like(h)
    carry = np.zeros_like(h0)
    for t in range(h.shape[0] - 1, -1, -1):
        g[t] = (dy[t] + carry) * (1 - h[t] * h[t])
        carry = g[t] @ w
    previous = np.vstack([h0[None, :], h[:-1]])
    return {"W": g.T @ previous, "U": g.T @ x, "b": g.sum(axis=0), "x": g @ u, "h0": carry}


def inputs(steps: int, features: int, units: int, dtype: str, seed: int = 0) -> dict:
    rng = np.random.default_rng(seed)
    scale = 1 / np.sqrt(units)
    return {
        "x": rng.standard_normal((steps, features)).astype(dtype),
        "h0": rng.standard_normal(units).astype(dtype),
        "W": (scale * rng.standard_normal((units, units))).astype(dtype),
        "U": (scale * rng.standard_normal((units, features))).astype(dtype),
        "b": rng.standard_normal(units).astype(dtype),
        "dy": rng.standard_normal((steps, units)).astype(dtype),
    }


def run(
    steps: int, features: int, units: int, warmup: int, repeats: int, *, path: Path = GENERATED
) -> list[str]:
    """Time forward + backward of both at these sizes in float64; the lines to print (a
    mismatch raises AssertionError before any timing)."""
    gen = load(path)
    d = inputs(steps, features, units, "float64")
    args = {k: d[k] for k in ("x", "h0", "W", "U", "b")}
    h, cache = gen.forward(**args)
    hand_h = forward_hand(args)
    assert np.allclose(h, hand_h, rtol=1e-12, atol=1e-12), "generated forward differs"
    grads = gen.backward(d["dy"], cache)
    hand = backward_hand(d["dy"], args, hand_h)
    for name, ref in hand.items():
        assert np.allclose(grads[name], ref, rtol=1e-10, atol=1e-10), f"grad {name} differs"

    def generated():
        _, c = gen.forward(**args)
        return gen.backward(d["dy"], c)

    def written():
        return backward_hand(d["dy"], args, forward_hand(args))

    g, h, r = side_by_side(generated, written, warmup, repeats)
    return [
        f"Elman RNN forward + backward, T={steps} E={features} H={units}, float64 "
        f"(medians of {repeats}, ms)",
        f"  gen {g:.2f}, hand {h:.2f}, gen/hand {fmt(r)}{verdict(r, TARGET, True)}",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--t", type=int, default=200, help="time steps")
    parser.add_argument("--e", type=int, default=32, help="input features")
    parser.add_argument("--h", type=int, default=64, help="hidden units")
    timing_options(parser)
    args = parser.parse_args(argv)
    print("\n".join(run(args.t, args.e, args.h, args.warmup, args.repeats)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
