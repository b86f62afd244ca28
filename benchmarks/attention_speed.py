"""Speed of the generated attention backward (generated/attention.py) against a hand-written
NumPy one (benchmarks/baselines.py), side by side: medians of interleaved repeats, in ms.

    python benchmarks/attention_speed.py [--n 1024] [--e 64] [--repeats 21]

numpy_speed.py runs it after the batch-norm tables. Both backwards are checked against each
other (and the generated forward against the hand one) before anything is timed.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))  # baselines.py beside this file
from agreement import agree, tolerance
from baselines import attention_backward_hand, attention_forward_hand, make_attention_inputs
from timing import fmt, side_by_side, timing_options, verdict

GENERATED = Path(__file__).resolve().parent.parent / "generated" / "attention.py"
TARGET = 1.2  # generated backward / hand-written backward, at most


def load(path: Path = GENERATED):
    spec = importlib.util.spec_from_file_location("attention_generated", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(
    n: int, e: int, dtypes: tuple[str, ...], warmup: int, repeats: int, *, path: Path = GENERATED
) -> list[str]:
    """Time both backwards at N = n, E = e for each dtype; the lines to print (a mismatch
    raises AssertionError before any timing)."""
    gen = load(path)
    lines = [f"attention backward, N={n} E={e} (medians of {repeats}, ms)"]
    for dtype in dtypes:
        data = make_attention_inputs(n, e, dtype)
        q, k, v, do = data["Q"], data["K"], data["V"], data["dO"]
        out, cache = gen.forward(q, k, v)
        hand_out, p = attention_forward_hand(q, k, v)
        rtol = tolerance(np.dtype(dtype))
        assert agree(out, hand_out, rtol, 1.0), "generated forward differs from the hand one"
        grads = gen.backward(do, cache)
        for name, ref in zip("QKV", attention_backward_hand(do, p, q, k, v), strict=True):
            assert agree(grads[name], ref, rtol, 1.0), f"generated grad {name} differs"
        g, h, r = side_by_side(
            lambda do=do, cache=cache: gen.backward(do, cache),
            lambda do=do, p=p, q=q, k=k, v=v: attention_backward_hand(do, p, q, k, v),
            warmup,
            repeats,
        )
        lines.append(
            f"  {dtype}: bwd gen {g:.2f}, bwd hand {h:.2f}, "
            f"gen/hand {fmt(r)}{verdict(r, TARGET, True)}"
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
