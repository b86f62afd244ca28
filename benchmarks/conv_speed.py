"""Speed of the generated 1-D convolution (generated/conv1d.py, stride 2, padding 1) against
a hand-written NumPy one (sliding_window_view and einsum), side by side: medians of
interleaved repeats, in ms, for the forward pass and the backward pass.

    python benchmarks/conv_speed.py [--n 32] [--c 16] [--f 32] [--l 256] [--k 5] [--repeats 21]

Both are checked against each other before anything is timed (float64, 1e-10).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

sys.path.insert(0, str(Path(__file__).resolve().parent))  # timing.py beside this file
from timing import Case, fmt, medians, ratio, time_cases, timing_options, verdict

GENERATED = Path(__file__).resolve().parent.parent / "generated" / "conv1d.py"
TARGET = 1.2  # generated / hand-written, at most
STRIDE, PAD = 2, 1  # as derivations/conv1d.toml writes its positions


def load(path: Path = GENERATED):
    spec = importlib.util.spec_from_file_location("conv1d_generated", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def conv_forward_hand(x, w, b, stride=STRIDE, pad=PAD):
    """y[n, f, o] = b[f] + sum_{c, k} w[f, c, k] xpad[n, c, stride*o + k] (0-based)."""
    k = w.shape[2]
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad)))
    win = sliding_window_view(xp, k, axis=2)[:, :, ::stride]  # N, C, O, K
    y = np.einsum("fck,ncok->nfo", w, win, optimize=True) + b[:, None]  # the faster order
    return y, (x, w, win)


def conv_backward_hand(g, cache, stride=STRIDE, pad=PAD):
    """dx: g spread out by the stride, padded by K - 1, correlated with the flipped kernel;
    dw: g against the forward's windows; db: the sum of g."""
    x, w, win = cache
    n, f, o = g.shape
    k = w.shape[2]
    length = x.shape[2] + 2 * pad
    gd = np.zeros((n, f, stride * (o - 1) + 1), g.dtype)
    gd[:, :, ::stride] = g
    gp = np.pad(gd, ((0, 0), (0, 0), (k - 1, length - gd.shape[2])))
    gwin = sliding_window_view(gp, k, axis=2)[:, :, :length]  # N, F, L + 2P, K
    dxp = np.einsum("nfrj,fcj->ncr", gwin, w[:, :, ::-1], optimize=True)
    dx = dxp[:, :, pad : pad + x.shape[2]]
    dw = np.einsum("nfo,ncok->fck", g, win, optimize=True)
    return {"x": dx, "w": dw, "b": g.sum(axis=(0, 2))}


def run(sizes: dict, warmup: int, repeats: int, *, path: Path = GENERATED) -> list[str]:
    """Time both forwards and both backwards at `sizes` (N, C, F, L, K) in float64; the
    lines to print (a mismatch raises AssertionError before any timing)."""
    gen = load(path)
    rng = np.random.default_rng(0)
    n, c, f, length, k = (sizes[s] for s in "NCFLK")
    x = rng.standard_normal((n, c, length))
    w = rng.standard_normal((f, c, k))
    b = rng.standard_normal(f)
    y, cache = gen.forward(x, w, b)
    hand_y, hand_cache = conv_forward_hand(x, w, b)
    assert np.allclose(y, hand_y, rtol=0, atol=1e-10), "generated forward differs"
    g = rng.standard_normal(y.shape)
    grads, hand = gen.backward(g, cache), conv_backward_hand(g, hand_cache)
    for name in "xwb":
        assert np.allclose(grads[name], hand[name], rtol=0, atol=1e-10), f"grad {name} differs"
    med = medians(
        time_cases(
            [
                Case("fwd gen", lambda: gen.forward(x, w, b)),
                Case("fwd hand", lambda: conv_forward_hand(x, w, b)),
                Case("bwd gen", lambda: gen.backward(g, cache)),
                Case("bwd hand", lambda: conv_backward_hand(g, hand_cache)),
            ],
            warmup,
            repeats,
        )
    )
    shape = ", ".join(f"{s}={v}" for s, v in sizes.items())
    lines = [f"conv1d stride {STRIDE} padding {PAD}, {shape}, float64 (medians of {repeats}, ms)"]
    for part in ("fwd", "bwd"):
        r = ratio(med[f"{part} gen"], med[f"{part} hand"])
        lines.append(
            f"  {part}: gen {med[f'{part} gen']:.2f}, hand {med[f'{part} hand']:.2f}, "
            f"gen/hand {fmt(r)}{verdict(r, TARGET, True)}"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    for name, default in (("n", 32), ("c", 16), ("f", 32), ("l", 256), ("k", 5)):
        parser.add_argument(f"--{name}", type=int, default=default, help=f"size {name.upper()}")
    timing_options(parser)
    args = parser.parse_args(argv)
    sizes = {s: getattr(args, s.lower()) for s in "NCFLK"}
    print("\n".join(run(sizes, args.warmup, args.repeats)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
