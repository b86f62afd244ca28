"""How the proof of manual backprop scales with depth: k stacked layers of (affine, batch
norm, tanh), k = 1..4, each with the hand-written backward definitions and the
vector-Jacobian product of every parameter claimed; and the same with an N - 1 slip in dh1.
Each in several styles of writing the same maths: `split` (one backward definition a step,
da = dh W^T then g = da (1 - a^2)), `inlined` (g = (dh W^T) (1 - a^2), no da), `shared` (every
layer of one width D) and `letters` (every index letter another one of its range).

    python benchmarks/depth.py [--depths 1 2 3 4] [--styles split inlined shared letters]
                               [--repeats 3] [--timeout S]

Each derivation is written to a temporary folder and verified by the whole process,
`python -m symbn verify FILE`, timed around the subprocess (the median of the repeats).
Prints a table: style, k, the true derivation's time and verdict, the slip's time and verdict,
and for each style whether t(4) <= 6 t(1).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The index letters of each size: the rows, then the features of each layer.
ROWS = ("i", "k", "p")
FEATURES = (("r", "s"), ("j", "l"), ("m", "n"), ("q", "t"), ("u", "v"))
STYLES = ("split", "inlined", "shared", "letters")
#: The `letters` style: the rows' letters rotated, each layer's two letters swapped.
LETTERS = {"i": "k", "k": "p", "p": "i", **{a: b for x, y in FEATURES for a, b in ((x, y), (y, x))}}


def derivation(depth: int, slip: bool = False, style: str = "split") -> str:
    """The TOML text of `depth` layers a_t = tanh(BN(a_{t-1} W_t + b_t)), a_0 = X, with the
    loss's upstream gradient dA at a_depth; `slip`: dh1 divides by N - 1 where it divides
    by N; `style`: one of STYLES."""
    text = _derivation(depth, slip, style)
    if style != "letters":
        return text
    word = re.compile(r"\b[a-z]\b")
    out = []
    for line in text.splitlines():
        if re.match(r"(expr|lhs|rhs|index) = |[a-z] = \"", line):
            line = word.sub(lambda m: LETTERS.get(m.group(0), m.group(0)), line)  # noqa: PLW2901
        out.append(line)
    return "\n".join(out)


def _derivation(depth: int, slip: bool, style: str) -> str:
    shared = style == "shared"
    sizes = ["D" if shared else f"D{t}" for t in range(depth + 1)]
    lines = [
        f'[derivation]\ntitle = "Manual backprop through {depth} batch-norm layers"\n',
        '[sizes]\nN = "rows of the minibatch"',
    ]
    lines += (
        [f'{s} = "features {t}"' for t, s in enumerate(sizes)]
        if not shared
        else ['D = "features of every layer"']
    )
    lines.append("\n[indices]")
    lines += [f'{x} = "N"' for x in ROWS]
    lines += [f'{x} = "{s}"' for s, xs in zip(sizes, FEATURES, strict=False) for x in xs]
    lines.append(f'\n[inputs]\nX = {{ shape = ["N", "{sizes[0]}"] }}')
    for t in range(1, depth + 1):
        lines += [
            f'W{t} = {{ shape = ["{sizes[t - 1]}", "{sizes[t]}"] }}',
            *(f'{p}{t} = {{ shape = ["{sizes[t]}"] }}' for p in ("b", "gamma", "beta")),
        ]
    lines += [
        "delta = { shape = [], positive = true }",
        f'dA = {{ shape = ["N", "{sizes[depth]}"] }}',
        "",
    ]

    def define(name: str, index: str, expr: str) -> None:
        lines.append(f'[[define]]\nname = "{name}"\nindex = [{index}]\nexpr = "{expr}"\n')

    for t in range(1, depth + 1):
        (a, _), (j, el) = FEATURES[t - 1], FEATURES[t]
        before = "X" if t == 1 else f"a{t - 1}"
        define(
            f"h{t}", f'"k", "{el}"', f"sum({before}[k, {a}] * W{t}[{a}, {el}], {a}) + b{t}[{el}]"
        )
        define(f"mu{t}", f'"{el}"', f"sum(h{t}[p, {el}], p) / N")
        define(f"var{t}", f'"{el}"', f"sum((h{t}[p, {el}] - mu{t}[{el}])**2, p) / N")
        define(
            f"hhat{t}",
            f'"k", "{el}"',
            f"(h{t}[k, {el}] - mu{t}[{el}]) / sqrt(var{t}[{el}] + delta)",
        )
        define(f"y{t}", f'"k", "{el}"', f"gamma{t}[{el}] * hhat{t}[k, {el}] + beta{t}[{el}]")
        define(f"a{t}", f'"k", "{el}"', f"tanh(y{t}[k, {el}])")
        del j
    upstream = "dA[i, {j}]"
    for t in range(depth, 0, -1):
        j = FEATURES[t][0]
        define(f"g{t}", f'"i", "{j}"', f"{upstream.format(j=j)} * (1 - a{t}[i, {j}]**2)")
        n = "(N - 1)" if slip and t == 1 else "N"
        define(
            f"dh{t}",
            f'"i", "{j}"',
            f"gamma{t}[{j}] / ({n} * sqrt(var{t}[{j}] + delta)) * (N*g{t}[i, {j}] - "
            f"sum(g{t}[k, {j}], k) - hhat{t}[i, {j}] * sum(g{t}[k, {j}] * hhat{t}[k, {j}], k))",
        )
        if t > 1:
            r = FEATURES[t - 1][0]
            back = f"sum(dh{t}[i, {j}] * W{t}[{r}, {j}], {j})"
            if style == "inlined":  # g = (dh W^T) (1 - a^2), no definition between
                upstream = "(" + back.replace("{", "{{").replace("}", "}}") + ")"
            else:
                define(f"da{t - 1}", f'"i", "{r}"', back)
                upstream = f"da{t - 1}[i, {{j}}]"
    out, (_, m) = f"a{depth}", FEATURES[depth]

    def claim(name: str, wrt: str, rhs: str) -> None:
        lhs = f"sum(dA[k, {m}] * diff({out}[k, {m}], {wrt}), k, {m})"
        lines.append(f'[[claim]]\nname = "{name}"\nlhs = "{lhs}"\nrhs = "{rhs}"\n')

    for t in range(1, depth + 1):
        (r, _), (j, _) = FEATURES[t - 1], FEATURES[t]
        before = "X" if t == 1 else f"a{t - 1}"
        claim(f"dW{t}", f"W{t}[{r}, {j}]", f"sum({before}[i, {r}] * dh{t}[i, {j}], i)")
        claim(f"db{t}", f"b{t}[{j}]", f"sum(dh{t}[i, {j}], i)")
        claim(f"dgamma{t}", f"gamma{t}[{j}]", f"sum(g{t}[k, {j}] * hhat{t}[k, {j}], k)")
        claim(f"dbeta{t}", f"beta{t}[{j}]", f"sum(g{t}[k, {j}], k)")
    (r, _), (j, _) = FEATURES[0], FEATURES[1]
    claim("dX", f"X[i, {r}]", f"sum(dh1[i, {j}] * W1[{r}, {j}], {j})")
    return "\n".join(lines)


def verify(path: Path, timeout: float) -> tuple[float, str]:
    """Seconds the whole `python -m symbn verify` takes, and its summary line."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "symbn", "verify", str(path), "--timeout", str(timeout)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    seconds = time.perf_counter() - start
    lines = done.stdout.strip().splitlines()
    return seconds, verdict(lines[-1] if lines else done.stderr.strip())


def verdict(summary: str) -> str:
    """'proved' when every claim is, 'refuted' when one is and none is unknown, else the
    summary as printed."""
    counts = summary.split(":", 1)[-1].split("(", maxsplit=1)[0]
    if "refuted" not in counts and "unknown" not in counts and "proved" in counts:
        return "proved"
    if "refuted" in counts and "unknown" not in counts:
        return "refuted"
    return counts.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--depths", type=int, nargs="+", default=[1, 2, 3, 4])
    parser.add_argument("--styles", nargs="+", choices=STYLES, default=list(STYLES))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=300.0)
    args = parser.parse_args(argv)
    table: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for style in args.styles:
            rows = table.setdefault(style, {})
            for k in args.depths:
                row = []
                for slip in (False, True):
                    path = Path(tmp) / f"{style}{k}{'_slip' if slip else ''}.toml"
                    path.write_text(derivation(k, slip, style), encoding="utf-8")
                    runs = [verify(path, args.timeout) for _ in range(args.repeats)]
                    row.append((statistics.median(t for t, _ in runs), runs[0][1]))
                rows[k] = row
                print(
                    f"{style} k={k}: true {row[0][0]:.2f} s {row[0][1]}, slip "
                    f"{row[1][0]:.2f} s {row[1][1]}",
                    file=sys.stderr,
                )
    print("| style | k | true: s | true: verdict | slip: s | slip: verdict |")
    print("|---|---|---|---|---|---|")
    for style, rows in table.items():
        for k, ((t, v), (ts, vs)) in rows.items():
            print(f"| {style} | {k} | {t:.2f} | {v} | {ts:.2f} | {vs} |")
    ok = True
    print()
    for style, rows in table.items():
        ok = ok and all(r[0][1] == "proved" and r[1][1] == "refuted" for r in rows.values())
        if 1 in rows and 4 in rows:
            ratio = rows[4][0][0] / rows[1][0][0]
            print(
                f"{style}: t(4) / t(1) = {ratio:.2f} (target <= 6: "
                f"{'met' if ratio <= 6 else 'MISSED'})"
            )
            ok = ok and ratio <= 6
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
