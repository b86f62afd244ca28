"""Whole-process time of `symbn verify derivations/batchnorm.toml` against brute force.

Brute force is what one does without symbn: build explicit symbolic N x L matrices with
SymPy, differentiate every entry and `simplify` the difference to the hand-written form,
one fixed size at a time (here 4 x 2 and 6 x 3), for the seed's main claims (the centred
input, the variance, the normalised input, the compact backward). symbn proves every claim
of the file for all N and L at once. The floor is the bare import of SymPy and NumPy
(`python -c "import sympy, numpy"`), which every symbn run pays; its runs alternate with
symbn's, so the ratio of the two medians holds on a noisy machine.

    python benchmarks/verify.py [--runs 7] [--brute-runs 1]

Prints medians of whole-process wall time (import included) and their ratios.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

import sympy as sp

ROOT = Path(__file__).resolve().parent.parent


def brute_force(n: int, cols: int) -> int:
    """Check the seed's claims entry by entry for one size; returns the entries checked."""
    h = sp.Matrix(n, cols, lambda k, c: sp.Symbol(f"h_{k}_{c}", real=True))
    dy = sp.Matrix(n, cols, lambda k, c: sp.Symbol(f"dy_{k}_{c}", real=True))
    gamma = [sp.Symbol(f"gamma_{c}", real=True) for c in range(cols)]
    delta = sp.Symbol("delta", positive=True)
    mu = [sum(h[p, c] for p in range(n)) / n for c in range(cols)]
    var = [sum((h[p, c] - mu[c]) ** 2 for p in range(n)) / n for c in range(cols)]
    hhat = sp.Matrix(n, cols, lambda k, c: (h[k, c] - mu[c]) / sp.sqrt(var[c] + delta))

    def kd(a, b):
        return 1 if a == b else 0

    checked = 0
    for k in range(n):
        for c in range(cols):
            for i in range(n):
                for j in range(cols):
                    du = sp.diff(h[k, c] - mu[c], h[i, j])
                    assert sp.simplify(du - (kd(i, k) * kd(j, c) - sp.Rational(kd(j, c), n))) == 0
                    dhh = sp.diff(hhat[k, c], h[i, j])
                    want = (
                        kd(j, c)
                        * (n * kd(i, k) - 1 - hhat[k, c] * hhat[i, c])
                        / (n * sp.sqrt(var[c] + delta))
                    )
                    assert sp.simplify(dhh - want) == 0
                    checked += 2
    for i in range(n):
        for j in range(cols):
            dvar = sp.diff(var[j], h[i, j])
            assert sp.simplify(dvar - sp.Rational(2, n) * (h[i, j] - mu[j])) == 0
            lhs = sum(
                dy[k, c] * gamma[c] * sp.diff(hhat[k, c], h[i, j])
                for k in range(n)
                for c in range(cols)
            )
            sdy = sum(dy[k, j] for k in range(n))
            sdyh = sum(dy[k, j] * hhat[k, j] for k in range(n))
            scale = gamma[j] / (n * sp.sqrt(var[j] + delta))
            rhs = scale * (n * dy[i, j] - sdy - hhat[i, j] * sdyh)
            assert sp.simplify(lhs - rhs) == 0
            checked += 2
    return checked


def timed(cmd: list[str], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7, help="runs of symbn verify")
    ap.add_argument("--brute-runs", type=int, default=1, help="runs of each brute-force size")
    ap.add_argument("--brute", nargs=2, type=int, metavar=("N", "L"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.brute:
        print(brute_force(*args.brute))
        return
    symbn = [sys.executable, "-m", "symbn", "verify", "derivations/batchnorm.toml"]
    imports = [sys.executable, "-c", "import sympy, numpy"]
    timed(symbn, 1)  # warm the file cache
    pairs = [(timed(symbn, 1)[0], timed(imports, 1)[0]) for _ in range(args.runs)]
    median = statistics.median(a for a, _ in pairs)
    rows = [
        ("symbn verify batchnorm.toml (all N, L)", median),
        ('python -c "import sympy, numpy"', statistics.median(b for _, b in pairs)),
    ]
    for n, l_ in ((4, 2), (6, 3)):
        cmd = [sys.executable, __file__, "--brute", str(n), str(l_)]
        median = statistics.median(timed(cmd, args.brute_runs))
        rows.append((f"brute force, {n} x {l_} only", median))
    base = rows[0][1]
    print(f"{'what':<42} {'median s':>9} {'ratio':>8}")
    for what, seconds in rows:
        print(f"{what:<42} {seconds:9.2f} {seconds / base:7.2f}x")
    print(f"symbn verify / bare import: {rows[0][1] / rows[1][1]:.2f}x")


if __name__ == "__main__":
    main()
