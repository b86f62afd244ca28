"""Speed of the generated softmax cross-entropy with integer labels
(generated/softmax_xent_labels.py) against a hand-written NumPy one, side by side: medians
of interleaved repeats, in ms.

    python benchmarks/xent_speed.py [--n 4096] [--c 1000] [--repeats 21]

The hand-written version is the usual one: the row softmax shifted by the row maximum, the
loss from the gathered log-probabilities, the gradient as P with 1 subtracted at each row's
label, over N. The generated module takes the same 0-based labels. Both are checked against
each other before anything is timed. numpy_speed.py runs it after the attention table.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))  # timing.py beside this file
from timing import Case, fmt, medians, ratio, time_cases, timing_options, verdict

GENERATED = Path(__file__).resolve().parent.parent / "generated" / "softmax_xent_labels.py"
TARGET = 1.2  # generated / hand-written, at most


def load(path: Path = GENERATED):
    spec = importlib.util.spec_from_file_location("xent_generated", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def forward_hand(z: np.ndarray, y: np.ndarray):
    """The mean cross-entropy of labels `y` (0-based) under the row softmax of `z`."""
    rows = np.arange(len(y))
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    return -np.log(p[rows, y]).mean(), p


def backward_hand(dloss, p: np.ndarray, y: np.ndarray) -> np.ndarray:
    """d loss / d z: (p - onehot(y)) / N, times the upstream gradient."""
    g = p.copy()
    g[np.arange(len(y)), y] -= 1
    g *= dloss / len(y)
    return g


def run(
    n: int, c: int, dtypes: tuple[str, ...], warmup: int, repeats: int, *, path: Path = GENERATED
) -> list[str]:
    """Time forward, backward and both at N = n, C = c for each dtype; the lines to print (a
    mismatch raises AssertionError before any timing)."""
    gen = load(path)
    lines = [f"softmax cross-entropy with labels, N={n} C={c} (medians of {repeats}, ms)"]
    rng = np.random.default_rng(0)
    for dtype in dtypes:
        z = rng.standard_normal((n, c)).astype(dtype)
        y = rng.integers(0, c, size=n)
        loss, cache = gen.forward(z, y)
        hand_loss, p = forward_hand(z, y)
        rtol = 1e-10 if dtype == "float64" else 1e-4
        assert abs(loss - hand_loss) <= rtol * max(1, abs(hand_loss)), "loss differs"
        grad = gen.backward(1.0, cache)["Z"]
        assert np.allclose(grad, backward_hand(1.0, p, y), rtol=rtol, atol=rtol / n), "grad"

        def both_gen(z=z, y=y):
            return gen.backward(1.0, gen.forward(z, y)[1])

        def both_hand(z=z, y=y):
            return backward_hand(1.0, forward_hand(z, y)[1], y)

        cases = [
            Case("fwd gen", lambda z=z, y=y: gen.forward(z, y)),
            Case("fwd hand", lambda z=z, y=y: forward_hand(z, y)),
            Case("bwd gen", lambda cache=cache: gen.backward(1.0, cache)),
            Case("bwd hand", lambda p=p, y=y: backward_hand(1.0, p, y)),
            Case("both gen", both_gen),
            Case("both hand", both_hand),
        ]
        med = medians(time_cases(cases, warmup, repeats))
        parts = []
        for what in ("fwd", "bwd", "both"):
            r = ratio(med[f"{what} gen"], med[f"{what} hand"])
            parts.append(
                f"{what} gen {med[f'{what} gen']:.2f} hand {med[f'{what} hand']:.2f} "
                f"gen/hand {fmt(r)}{verdict(r, TARGET, True)}"
            )
        lines.append(f"  {dtype}: " + "; ".join(parts))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=4096, help="rows")
    parser.add_argument("--c", type=int, default=1000, help="classes")
    timing_options(parser)
    args = parser.parse_args(argv)
    print("\n".join(run(args.n, args.c, ("float64", "float32"), args.warmup, args.repeats)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
