"""Speed of the generated causal self-attention (generated/attention_causal.py), forward and
backward, against a hand-written NumPy one, side by side: medians of interleaved repeats, in
ms, and their ratio.

    python benchmarks/causal_attention_speed.py [--n 1024] [--e 64] [--repeats 21]

The hand-written forward masks the scores with -inf above the diagonal and shifts each row by
its maximum before the exponential, as causal attention is usually written; its backward is
the unmasked one, the mask being carried by P. Both are checked against each other before
anything is timed.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the modules beside this file
from agreement import agree, tolerance
from baselines import make_attention_inputs
from timing import fmt, side_by_side, timing_options, verdict

GENERATED = Path(__file__).resolve().parent.parent / "generated" / "attention_causal.py"
TARGET = 1.2  # generated forward + backward / hand-written forward + backward, at most


def load(path: Path = GENERATED):
    spec = importlib.util.spec_from_file_location("attention_causal_generated", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def causal_forward_hand(Q, K, V):  # noqa: N803 - the names of the maths
    """O = softmax(mask(Q K^T / sqrt(E))) V, -inf above the diagonal, rows shifted by their
    maximum; returns (O, P)."""
    n = Q.shape[0]
    a = Q @ K.T
    a *= 1 / np.sqrt(Q.shape[1])
    np.putmask(a, ~np.tri(n, dtype=bool), -np.inf)
    a -= a.max(axis=1, keepdims=True)
    np.exp(a, out=a)
    a /= a.sum(axis=1, keepdims=True)
    return a @ V, a


def causal_backward_hand(dO, P, Q, K, V):  # noqa: N803 - the names of the maths
    """(dQ, dK, dV) from the masked P (zero above the diagonal): dV = P^T dO, dA = P o (dP -
    rowsum(P o dP)) with dP = dO V^T, dQ = dA K / sqrt(E), dK = dA^T Q / sqrt(E)."""
    dv = P.T @ dO
    da = dO @ V.T
    da -= np.einsum("ij,ij->i", P, da)[:, None]
    da *= P
    da *= 1 / np.sqrt(Q.shape[1])
    return da @ K, da.T @ Q, dv


def generated_step(gen, q, k, v, do):
    out, cache = gen.forward(q, k, v)
    return out, gen.backward(do, cache)


def hand_step(q, k, v, do):
    out, p = causal_forward_hand(q, k, v)
    return out, causal_backward_hand(do, p, q, k, v)


def run(
    n: int, e: int, dtypes: tuple[str, ...], warmup: int, repeats: int, *, path: Path = GENERATED
) -> list[str]:
    """Time both forward + backward passes at N = n, E = e for each dtype; the lines to print
    (a mismatch raises AssertionError before any timing)."""
    gen = load(path)
    lines = [f"causal attention forward + backward, N={n} E={e} (medians of {repeats}, ms)"]
    for dtype in dtypes:
        data = make_attention_inputs(n, e, dtype)
        q, k, v, do = data["Q"], data["K"], data["V"], data["dO"]
        out, grads = generated_step(gen, q, k, v, do)
        hand_out, hand_grads = hand_step(q, k, v, do)
        rtol = tolerance(np.dtype(dtype))
        assert agree(out, hand_out, rtol, 1.0), "generated forward differs from the hand one"
        for name, ref in zip("QKV", hand_grads, strict=True):
            assert agree(grads[name], ref, rtol, 1.0), f"generated grad {name} differs"
        g, h, r = side_by_side(
            lambda x=(q, k, v, do): generated_step(gen, *x),
            lambda x=(q, k, v, do): hand_step(*x),
            warmup,
            repeats,
        )
        lines.append(
            f"  {dtype}: gen {g:.2f}, hand {h:.2f}, gen/hand {fmt(r)}{verdict(r, TARGET, True)}"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1024, help="sequence positions")
    parser.add_argument("--e", type=int, default=64, help="features")
    timing_options(parser)
    args = parser.parse_args(argv)
    print("\n".join(run(args.n, args.e, ("float64", "float32"), args.warmup, args.repeats)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
