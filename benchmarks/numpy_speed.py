"""Speed of symbn's generated NumPy batch-norm code against hand-written baselines.

For each (N, L) and dtype this times, in one process and interleaved (every round runs every
implementation once, in a rotating order, so drift and noise hit all of them alike):

  BN forward   h -> y (and the cache the backward needs)
      generated   forward(h, gamma, beta, delta) of generated/batchnorm_core.py
      hand (b)    the fewest whole-array passes, in place where possible
      torch (c)   torch.ops.aten.native_batch_norm, training mode (y, mean, invstd)
  BN backward  (dy, cache) -> (dh, dgamma, dbeta), backward only
      generated   backward(dy, cache) of generated/batchnorm_core.py
      staged (a)  the node-by-node computational-graph backward (xmu, var, sqrtvar, ivar, ...)
      hand (b)    the compact closed form, in place, fewest whole-array passes
      torch (c)   torch.ops.aten.native_batch_norm_backward (the fused C++ kernel)
  floor        one pass reading two N x L arrays and writing a third, into a preallocated
               output: np.add(dy, hhat, out=dh).  This is the memory-bandwidth floor of the
               backward (read dy and hhat, write dh once) and of the forward (read h, write
               hhat and y once: the same three arrays of traffic).  A copy-derived figure
               (1.5 x np.copyto time) is printed beside it for information.

and, for information, the whole layer a = ReLU(BN(XW + b)) with D input features: the
forward/backward of generated/batchnorm.py against a hand-written layer; then the backward of
scaled dot-product attention (generated/attention.py) against a hand-written one, N = 1024,
E = 64 (benchmarks/attention_speed.py), and softmax cross-entropy with integer labels
(generated/softmax_xent_labels.py) at N = 4096, C = 1000 (benchmarks/xent_speed.py).  The
baselines are in benchmarks/baselines.py.

Every implementation is checked against the others (np.allclose, and against a float64
reference for float32) before anything is timed.  Medians are printed, with ratios and a
Markdown summary table.

    python benchmarks/numpy_speed.py            # full run (a few minutes on 2 cores)
    python benchmarks/numpy_speed.py --quick    # small sizes, few repeats: a smoke run
    python benchmarks/numpy_speed.py --generated /tmp/bn_core.py

A generated module that is missing is emitted with `python -m symbn numpy` into a temporary
folder; without one the script still times the baselines.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))  # baselines.py beside this file
import attention_speed
import xent_speed
from agreement import check_bn, check_layer
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
    make_bn_inputs,
    make_layer_inputs,
    torch,
)
from timing import MS, Case, fmt, medians, ratio, spreads, time_cases, verdict

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GENERATED = ROOT / "generated" / "batchnorm_core.py"
LAYER_GENERATED = ROOT / "generated" / "batchnorm.py"


# --- the generated module -----------------------------------------------------------------


class Generated:
    """The generated modules behind the calls the baselines make: `forward`/`backward` of
    generated/batchnorm_core.py (the normalization alone) and, when given, of
    generated/batchnorm.py (the whole layer)."""

    def __init__(self, module: ModuleType, path: Path, layer: ModuleType | None = None):
        self.module = module
        self.path = path
        absent = [name for name in ("forward", "backward") if not hasattr(module, name)]
        if absent:
            raise AttributeError(f"{path} lacks {absent}")
        self.layer = layer if layer is not None and hasattr(layer, "backward") else None
        self.has_layer = self.layer is not None

    def bn_forward(self, h, gamma, beta, delta):
        """(y, hhat, mu, var) as the hand forward returns them; mu is not cached (None)."""
        y, cache = self.module.forward(h, gamma, beta, delta)
        return y, cache["hhat"], None, cache["var"]

    def bn_backward(self, dy, cache):
        grads = self.module.backward(dy, cache)
        return grads["h"], grads["gamma"], grads["beta"]

    def layer_forward(self, inputs: dict[str, object]):
        """forward(X=..., W=..., b=..., gamma=..., beta=..., delta=...) -> (a, cache)."""
        return self.layer.forward(**inputs)

    def layer_backward(self, da, cache):
        return self.layer.backward(da, cache)


def import_path(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"symbn_generated_{path.stem}", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # as an import would (dataclasses look it up there)
    spec.loader.exec_module(module)
    return module


def module_at(path: Path, emit_dir: Path | None) -> ModuleType:
    """The module at `path`, emitted from derivations/<stem>.toml into `emit_dir` first when
    `path` is missing and `emit_dir` is given."""
    if not path.exists() and emit_dir is not None:
        derivation = ROOT / "derivations" / f"{path.stem}.toml"
        out = emit_dir / path.name
        proc = subprocess.run(
            [sys.executable, "-m", "symbn", "numpy", str(derivation), "-o", str(out)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        )
        if proc.returncode != 0 or not out.exists():
            why = (proc.stderr.strip().splitlines() or ["no output"])[-1]
            raise ImportError(f"no {path}; `symbn numpy` failed: {why}")
        path = out
    if not path.exists():
        raise ImportError(f"no generated module at {path}")
    return import_path(path)


def load_generated(path: Path | None, emit_dir: Path | None = None) -> tuple[Generated | None, str]:
    """(Generated or None, a note saying where it came from or why it is missing).  `path`
    None means generated/batchnorm_core.py, with the whole layer from generated/batchnorm.py."""
    where = path or DEFAULT_GENERATED
    try:
        module = module_at(where, emit_dir if path is None else None)
        layer = module_at(LAYER_GENERATED, emit_dir) if path is None else None
        return Generated(module, where, layer), f"generated module: {where}"
    except (ImportError, AttributeError, SyntaxError) as exc:
        return None, f"generated module {where} unusable: {exc}" if where.exists() else str(exc)


# --- the timed cases ----------------------------------------------------------------------


def bn_cases(data: dict, gen: Generated | None, torch_threads: int = 1) -> list[Case]:
    """Forward, backward and floor cases on one set of inputs (outputs freshly allocated by
    each implementation, as a caller would see them; the floor writes into a kept buffer).
    torch runs twice: with `torch_threads` intra-op threads and with one (NumPy's count)."""
    h, gamma, beta, dy, delta = (data[k] for k in ("h", "gamma", "beta", "dy", "delta"))
    _, hhat, _, var = bn_forward_hand(h, gamma, beta, delta)
    _, staged_cache = bn_forward_staged(h, gamma, beta, delta)
    out = np.empty_like(dy)
    copy_out = np.empty_like(dy)
    cases = [
        Case("fwd hand", lambda: bn_forward_hand(h, gamma, beta, delta)),
        Case("bwd staged", lambda: bn_backward_staged(dy, staged_cache)),
        Case("bwd hand", lambda: bn_backward_hand(dy, hhat, var, gamma, delta)),
        Case("floor add", lambda: np.add(dy, hhat, out=out)),
        Case("floor copy", lambda: np.copyto(copy_out, dy)),
    ]
    if gen is not None:
        forward, backward = gen.module.forward, gen.module.backward
        _, gen_cache = forward(h, gamma, beta, delta)
        cases.insert(1, Case("fwd generated", lambda: forward(h, gamma, beta, delta)))
        cases.insert(3, Case("bwd generated", lambda: backward(dy, gen_cache)))
    if torch is not None:
        th, tg, tb, tdy = (torch.from_numpy(a) for a in (h, gamma, beta, dy))
        _, tmean, tinv = bn_forward_torch(th, tg, tb, delta)
        for suffix, threads in (("", torch_threads), (" 1t", 1)):
            cases.append(
                Case(
                    f"fwd torch{suffix}",
                    threaded(threads, lambda: bn_forward_torch(th, tg, tb, delta)),
                )
            )
            cases.append(
                Case(
                    f"bwd torch{suffix}",
                    threaded(
                        threads, lambda: bn_backward_torch(tdy, th, tg, tmean, tinv, delta=delta)
                    ),
                )
            )
    return cases


def threaded(threads: int, run: Callable[[], object]) -> Callable[[], object]:
    """run() with torch's intra-op thread count set first (a sub-microsecond call)."""

    def call():
        torch.set_num_threads(threads)
        return run()

    return call


def layer_cases(data: dict, gen: Generated) -> list[Case]:
    inputs = layer_inputs(data)
    da = data["da"]
    _, hand_cache = hand_layer_forward_call(inputs)
    _, gen_cache = gen.layer_forward(inputs)
    return [
        Case("layer fwd generated", lambda: gen.layer_forward(inputs)),
        Case("layer fwd hand", lambda: hand_layer_forward_call(inputs)),
        Case("layer bwd generated", lambda: gen.layer_backward(da, gen_cache)),
        Case("layer bwd hand", lambda: layer_backward_hand(da, hand_cache)),
    ]


# --- reporting ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """Medians (ms) for one (dtype, N, L); None where an implementation is absent."""

    dtype: str
    n: int
    width: int
    med: dict[str, float]
    spread: dict[str, float]

    def get(self, label: str) -> float | None:
        return self.med.get(label)


MEDIAN_COLUMNS = (
    ("fwd gen", "fwd generated"),
    ("fwd hand (b)", "fwd hand"),
    ("fwd torch (c)", "fwd torch"),
    ("fwd torch 1t", "fwd torch 1t"),
    ("bwd gen", "bwd generated"),
    ("bwd staged (a)", "bwd staged"),
    ("bwd hand (b)", "bwd hand"),
    ("bwd torch (c)", "bwd torch"),
    ("bwd torch 1t", "bwd torch 1t"),
    ("floor", "floor add"),
)


def ratios(row: Row) -> list[tuple[str, float | None]]:
    """The ratios the issue asks for, generated first; hand-written ones for context."""
    g = row.get
    fg, bg, fl = g("fwd generated"), g("bwd generated"), g("floor add")
    return [
        ("fwd gen/hand", ratio(fg, g("fwd hand"))),
        ("bwd gen/hand", ratio(bg, g("bwd hand"))),
        ("staged/bwd gen", ratio(g("bwd staged"), bg)),
        ("staged/bwd hand", ratio(g("bwd staged"), g("bwd hand"))),
        ("fwd gen/torch", ratio(fg, g("fwd torch"))),
        ("fwd gen/torch 1t", ratio(fg, g("fwd torch 1t"))),
        ("bwd gen/torch", ratio(bg, g("bwd torch"))),
        ("bwd gen/torch 1t", ratio(bg, g("bwd torch 1t"))),
        ("bwd hand/torch", ratio(g("bwd hand"), g("bwd torch"))),
        ("fwd gen/floor", ratio(fg, fl)),
        ("bwd gen/floor", ratio(bg, fl)),
        ("bwd hand/floor", ratio(g("bwd hand"), fl)),
    ]


TARGETS = {"fwd gen/hand": (1.1, True), "bwd gen/hand": (1.1, True), "staged/bwd gen": (5.0, False)}


def print_config(row: Row, nbytes: int, repeats: int) -> None:
    g = row.get
    print(
        f"\n{row.dtype}  N={row.n}  L={row.width}  (medians of {repeats}, ms;"
        " ± = interquartile range / median)"
    )
    for title, label in MEDIAN_COLUMNS[:-1]:
        spread = row.spread.get(label)
        print(
            f"  {title:<18}{fmt(g(label), '9.2f')}"
            + ("" if spread is None else f"   ±{100 * spread:.0f}%")
        )
    floor, copy = g("floor add"), g("floor copy")
    print(
        f"  {'floor':<18}{fmt(floor, '9.2f')}   np.add(dy, hhat, out=dh): "
        f"3 x {nbytes / 2**20:.0f} MiB, {3 * nbytes / (floor / MS) / 1e9:.1f} GB/s"
        f"  (copy-derived: 1.5 x copyto = {1.5 * copy:.2f} ms)"
    )
    for name, value in ratios(row):
        target = TARGETS.get(name)
        print(
            f"  {name:<18}{fmt(value, '9.2f')}"
            + (verdict(value, target[0], at_most=target[1]) if target else "")
        )


def markdown(rows: list[Row]) -> str:
    """Two Markdown tables: medians (ms) and ratios, one row per dtype and shape."""

    def table(head: list[str], body: list[list[str]]) -> list[str]:
        return [
            "| " + " | ".join(head) + " |",
            "|" + "---|" * len(head),
            *("| " + " | ".join(cells) + " |" for cells in body),
        ]

    key = [[r.dtype, f"{r.n} × {r.width}"] for r in rows]
    meds = table(
        ["dtype", "N × L"] + [t for t, _ in MEDIAN_COLUMNS],
        [
            k + [fmt(r.get(label)) for _, label in MEDIAN_COLUMNS]
            for k, r in zip(key, rows, strict=True)
        ],
    )
    names = [name for name, _ in ratios(rows[0])] if rows else []
    rats = table(
        ["dtype", "N × L", *names],
        [k + [fmt(v) for _, v in ratios(r)] for k, r in zip(key, rows, strict=True)],
    )
    return "\n".join([*meds, "", *rats])


# --- main ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    """What to run.  shapes: (N, L) pairs; dtypes: NumPy dtype names; warmup/repeats: calls
    per case before/while timing; layer_d: input features of the whole-layer run (0 skips it);
    layer_repeats: samples per whole-layer case."""

    shapes: tuple[tuple[int, int], ...]
    dtypes: tuple[str, ...]
    warmup: int
    repeats: int
    layer_d: int
    layer_repeats: int


FULL = Plan(((4096, 1024), (65536, 256)), ("float64", "float32"), 3, 21, 256, 5)
QUICK = Plan(((256, 64), (2048, 32)), ("float64", "float32"), 1, 5, 16, 3)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, few repeats")
    parser.add_argument(
        "--generated",
        type=Path,
        default=None,
        help=f"the generated module (default {DEFAULT_GENERATED.relative_to(ROOT)},"
        " else emitted with `symbn numpy` into a temporary folder)",
    )
    parser.add_argument("--repeats", type=int, default=None, help="timed calls per case")
    parser.add_argument("--warmup", type=int, default=None, help="untimed calls per case first")
    parser.add_argument("--no-layer", action="store_true", help="skip the whole-layer timing")
    parser.add_argument("--no-attention", action="store_true", help="skip attention's backward")
    parser.add_argument(
        "--torch-threads",
        type=int,
        default=None,
        help="intra-op threads of the 'torch' columns (default: torch's own"
        " choice); the 'torch 1t' columns always use one",
    )
    return parser.parse_args(argv)


def machine_note() -> str:
    torch_note = "torch absent"
    if torch is not None:
        torch_note = (
            f"torch {torch.__version__} (default {torch.get_num_threads()} threads;"
            " 'torch 1t' = one thread)"
        )
    return (
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, NumPy {np.__version__}, {torch_note}, "
        f"{load_note()}"
    )


def load_note() -> str:
    """The 1-minute load average (other processes share this machine's cores)."""
    return f"load average {os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else ""


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    plan = QUICK if args.quick else FULL
    warmup = plan.warmup if args.warmup is None else args.warmup
    repeats = plan.repeats if args.repeats is None else args.repeats
    torch_threads = 1
    if torch is not None:
        torch_threads = args.torch_threads or torch.get_num_threads()
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="symbn-bench-") as tmp:
        gen, note = load_generated(args.generated, Path(tmp))
        print(f"symbn NumPy speed benchmark: {machine_note()}")
        print(note)
        print(
            "floor = measured np.add(dy, hhat, out=dh) into a preallocated buffer "
            "(read two N x L arrays, write one)"
        )
        rows = []
        for dtype in plan.dtypes:
            for n, width in plan.shapes:
                data = make_bn_inputs(n, width, dtype)
                failures = check_bn(data, gen)
                if failures:
                    print("\n".join(failures), file=sys.stderr)
                    return 1
                samples = time_cases(bn_cases(data, gen, torch_threads), warmup, repeats)
                row = Row(dtype, n, width, medians(samples), spreads(samples))
                rows.append(row)
                print_config(row, data["h"].nbytes, repeats)
                del data, samples
                gc.collect()
        if gen is not None and gen.has_layer and plan.layer_d and not args.no_layer:
            print(
                f"\nwhole layer a = ReLU(BN(XW + b)), D={plan.layer_d} "
                f"(medians of {plan.layer_repeats}, ms; for information)"
            )
            for dtype in plan.dtypes:
                for n, width in plan.shapes:
                    data = make_layer_inputs(n, plan.layer_d, width, dtype)
                    failures = check_layer(data, gen)
                    if failures:
                        print("\n".join(failures), file=sys.stderr)
                        return 1
                    med = medians(time_cases(layer_cases(data, gen), 1, plan.layer_repeats))
                    fwd = ratio(med["layer fwd generated"], med["layer fwd hand"])
                    bwd = ratio(med["layer bwd generated"], med["layer bwd hand"])
                    print(
                        f"  {dtype} N={n} L={width}: "
                        + ", ".join(f"{k.removeprefix('layer ')} {v:.1f}" for k, v in med.items())
                        + f"; fwd gen/hand {fmt(fwd)}, bwd gen/hand {fmt(bwd)}"
                    )
                    del data
                    gc.collect()
        elif gen is not None and not gen.has_layer:
            print("\n(the generated module has no forward/backward: whole layer not timed)")
    if not args.no_attention:  # generated/attention.py against benchmarks/baselines.py
        n, e = (128, 16) if args.quick else (1024, 64)
        print("\n" + "\n".join(attention_speed.run(n, e, plan.dtypes, warmup, repeats)))
        n, c = (256, 32) if args.quick else (4096, 1000)  # generated/softmax_xent_labels.py
        print("\n" + "\n".join(xent_speed.run(n, c, plan.dtypes, warmup, repeats)))
    print("\nsummary (medians in ms)\n")
    print(markdown(rows))
    print(f"\ntotal {time.perf_counter() - began:.0f} s, {load_note()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
