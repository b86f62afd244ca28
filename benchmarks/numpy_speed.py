"""Speed of symbn's generated NumPy batch-norm code against hand-written baselines.

For each (N, L) and dtype this times, in one process and interleaved (every round runs every
implementation once, in a rotating order, so drift and noise hit all of them alike):

  BN forward   h -> (y, hhat, mu, var)
      generated   define_mu -> define_var -> define_hhat -> define_y (keyword calls)
      hand (b)    the fewest whole-array passes, in place where possible
      torch (c)   torch.ops.aten.native_batch_norm, training mode (y, mean, invstd)
  BN backward  (dy, cache) -> (dh, dgamma, dbeta), backward only
      generated   claim_dL_dh + claim_dL_dgamma + claim_dL_dbeta
      staged (a)  the node-by-node computational-graph backward (xmu, var, sqrtvar, ivar, ...)
      hand (b)    the compact closed form, in place, fewest whole-array passes
      torch (c)   torch.ops.aten.native_batch_norm_backward (the fused C++ kernel)
  floor        one pass reading two N x L arrays and writing a third, into a preallocated
               output: np.add(dy, hhat, out=dh).  This is the memory-bandwidth floor of the
               backward (read dy and hhat, write dh once) and of the forward (read h, write
               hhat and y once: the same three arrays of traffic).  A copy-derived figure
               (1.5 x np.copyto time) is printed beside it for information.

and, for information, the whole layer a = ReLU(BN(XW + b)) with D input features: generated
forward/backward against a hand-written layer.

Every implementation is checked against the others (np.allclose, and against a float64
reference for float32) before anything is timed.  Medians are printed, with ratios and a
Markdown summary table.

    python benchmarks/numpy_speed.py            # full run (a few minutes on 2 cores)
    python benchmarks/numpy_speed.py --quick    # small sizes, few repeats: a smoke run
    python benchmarks/numpy_speed.py --generated /tmp/bn.py

The generated module defaults to generated/batchnorm.py; when that file is missing the script
tries `python -m symbn numpy derivations/batchnorm.toml -o <tmp>/batchnorm.py`, and without a
generated module it still times the baselines.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import inspect
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import numpy as np

try:
    import torch
except ImportError:  # the torch columns are skipped
    torch = None

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GENERATED = ROOT / "generated" / "batchnorm.py"
DERIVATION = ROOT / "derivations" / "batchnorm.toml"
DELTA = 1e-5
MS = 1e3


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
        tdy, th, tgamma, None, None, save_mean, save_invstd, True, delta, [True, True, True])


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
    g = np.where(y > 0, da, 0)
    dh, dgamma, dbeta = bn_backward_hand(g, hhat, var, gamma, delta)
    return {"X": dh @ w.T, "W": x.T @ dh, "b": dh.sum(axis=0), "gamma": dgamma, "beta": dbeta}


# --- the generated module -----------------------------------------------------------------

def call_with(fn: Callable, pool: dict[str, object]):
    """fn(**{name: pool[name]}) for the parameters fn declares (generated argument order is
    declaration order; keywords make the call independent of it)."""
    params = inspect.signature(fn).parameters
    missing = [p for p in params if p not in pool]
    if missing:
        raise TypeError(f"{fn.__name__} wants {missing}, not among {sorted(pool)}")
    return fn(**{p: pool[p] for p in params})


class Generated:
    """The generated module behind the same calls as the hand-written code."""

    def __init__(self, module: ModuleType, path: Path):
        self.module = module
        self.path = path
        need = ["define_mu", "define_var", "define_hhat", "define_y",
                "claim_dL_dh", "claim_dL_dgamma", "claim_dL_dbeta"]
        absent = [name for name in need if not hasattr(module, name)]
        if absent:
            raise AttributeError(f"{path} lacks {absent}")
        self.has_layer = hasattr(module, "forward") and hasattr(module, "backward")

    def bn_forward(self, h, gamma, beta, delta):
        m = self.module
        pool = {"h": h, "gamma": gamma, "beta": beta, "delta": delta}
        pool["mu"] = call_with(m.define_mu, pool)
        pool["var"] = call_with(m.define_var, pool)
        pool["hhat"] = call_with(m.define_hhat, pool)
        y = call_with(m.define_y, pool)
        return y, pool["hhat"], pool["mu"], pool["var"]

    def bn_backward(self, dy, hhat, var, gamma, delta):
        m = self.module
        pool = {"dy": dy, "hhat": hhat, "var": var, "gamma": gamma, "delta": delta}
        return (call_with(m.claim_dL_dh, pool), call_with(m.claim_dL_dgamma, pool),
                call_with(m.claim_dL_dbeta, pool))

    def bn_backward_call(self, dy, hhat, var, gamma, delta) -> Callable[[], object]:
        """A zero-argument closure doing exactly the three claim calls (no signature lookup)."""
        m = self.module
        pool = {"dy": dy, "hhat": hhat, "var": var, "gamma": gamma, "delta": delta}
        kw = [{p: pool[p] for p in inspect.signature(f).parameters}
              for f in (m.claim_dL_dh, m.claim_dL_dgamma, m.claim_dL_dbeta)]
        f_dh, f_dgamma, f_dbeta = m.claim_dL_dh, m.claim_dL_dgamma, m.claim_dL_dbeta
        return lambda: (f_dh(**kw[0]), f_dgamma(**kw[1]), f_dbeta(**kw[2]))

    def bn_forward_call(self, h, gamma, beta, delta) -> Callable[[], object]:
        """A zero-argument closure doing the four define calls with keyword arguments."""
        m = self.module
        names = [list(inspect.signature(f).parameters)
                 for f in (m.define_mu, m.define_var, m.define_hhat, m.define_y)]
        f_mu, f_var, f_hhat, f_y = m.define_mu, m.define_var, m.define_hhat, m.define_y

        def run():
            pool = {"h": h, "gamma": gamma, "beta": beta, "delta": delta}
            pool["mu"] = f_mu(**{p: pool[p] for p in names[0]})
            pool["var"] = f_var(**{p: pool[p] for p in names[1]})
            pool["hhat"] = f_hhat(**{p: pool[p] for p in names[2]})
            return f_y(**{p: pool[p] for p in names[3]}), pool["hhat"]
        return run

    def layer_forward(self, inputs: dict[str, object]):
        """forward(X=..., W=..., b=..., gamma=..., beta=..., delta=...) -> (a, cache)."""
        return call_with(self.module.forward, inputs)

    def layer_backward(self, da, cache):
        return self.module.backward(da, cache)


def import_path(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"symbn_generated_{path.stem}", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # as an import would (dataclasses look it up there)
    spec.loader.exec_module(module)
    return module


def load_generated(path: Path | None, emit_dir: Path | None = None) -> tuple[Generated | None, str]:
    """(Generated or None, a note saying where it came from or why it is missing)."""
    if path is None:
        path = DEFAULT_GENERATED
        if not path.exists() and emit_dir is not None:
            out = emit_dir / "batchnorm.py"
            proc = subprocess.run(
                [sys.executable, "-m", "symbn", "numpy", str(DERIVATION), "-o", str(out)],
                capture_output=True, text=True, cwd=ROOT, check=False)
            if proc.returncode != 0 or not out.exists():
                why = (proc.stderr.strip().splitlines() or ["no output"])[-1]
                where = DEFAULT_GENERATED.relative_to(ROOT)
                return None, f"no {where}; `symbn numpy` failed: {why}"
            path = out
    if not path.exists():
        return None, f"no generated module at {path}"
    try:
        return Generated(import_path(path), path), f"generated module: {path}"
    except (ImportError, AttributeError, SyntaxError) as exc:
        return None, f"generated module {path} unusable: {exc}"


# --- agreement ----------------------------------------------------------------------------

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


def check(label: str, outputs: dict[str, tuple], names: tuple[str, ...], ref: tuple,
          rtol: float) -> list[str]:
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
                failures.append(f"{label}: {impl} {name} differs from the reference "
                                f"(max dev {max_rel_dev(g, r, scale):.2e} of the largest entry,"
                                f" rtol {rtol:.0e})")
    return failures


def bn_outputs(data: dict, gen: Generated | None) -> tuple[dict, dict, tuple, tuple]:
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
    bwd = {"hand": bn_backward_hand(dy, hhat, var, gamma, delta),
           "staged": bn_backward_staged(dy, cache)}
    if gen is not None:
        fwd["generated"] = gen.bn_forward(h, gamma, beta, delta)
        bwd["generated"] = gen.bn_backward(dy, hhat, var, gamma, delta)
    if torch is not None:
        th, tg, tb, tdy = (torch.from_numpy(a) for a in (h, gamma, beta, dy))
        ty, tmean, tinv = bn_forward_torch(th, tg, tb, delta)
        fwd["torch"] = (ty, None, tmean, None)
        bwd["torch"] = bn_backward_torch(tdy, th, tg, tmean, tinv, delta=delta)
    return fwd, bwd, ref_fwd, ref_bwd


def check_bn(data: dict, gen: Generated | None) -> list[str]:
    fwd, bwd, ref_fwd, ref_bwd = bn_outputs(data, gen)
    dtype = data["h"].dtype
    rtol = tolerance(dtype)
    fnames, bnames = ("y", "hhat", "mu", "var"), ("dh", "dgamma", "dbeta")
    return (check("BN forward", fwd, fnames, ref_fwd, rtol)
            + check("BN backward", bwd, bnames, ref_bwd, rtol)
            + dtype_failures("BN forward", fwd, fnames, dtype)
            + dtype_failures("BN backward", bwd, bnames, dtype))


def layer_inputs(data: dict) -> dict[str, object]:
    """The keyword arguments of the layer's forward."""
    return {k: data[k] for k in ("X", "W", "b", "gamma", "beta", "delta")}


def hand_layer_forward_call(inputs: dict[str, object]):
    """layer_forward_hand on the layer's keyword arguments."""
    return layer_forward_hand(inputs["X"], inputs["W"], inputs["b"], gamma=inputs["gamma"],
                              beta=inputs["beta"], delta=inputs["delta"])


def check_layer(data: dict, gen: Generated) -> list[str]:
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
    failures = (check("layer forward", {"generated": (a,)}, ("a",), (a_ref,), rtol)
                + check("layer backward", {"generated": tuple(grads[k] for k in names)}, names,
                        tuple(grads_ref[k] for k in names), rtol))
    if data["X"].dtype != np.float64:
        a, gcache = gen.layer_forward(layer_inputs(data))
        grads = gen.layer_backward(data["da"], gcache)
        failures += dtype_failures("layer", {"generated": (a, *(grads[k] for k in names))},
                                   ("a", *names), data["X"].dtype)
    return failures


def dtype_failures(label: str, outputs: dict[str, tuple], names: tuple[str, ...],
                   dtype) -> list[str]:
    """Messages for outputs whose dtype is not the inputs' dtype."""
    return [f"{label}: {impl} {name} is {as_array(g).dtype}, not {np.dtype(dtype)}"
            for impl, got in outputs.items()
            for name, g in zip(names, got, strict=True)
            if g is not None and as_array(g).dtype != dtype]


# --- timing -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Case:
    """One timed thing: `run` takes no arguments; its result is dropped after the clock stops."""

    label: str
    run: Callable[[], object]


def time_cases(cases: list[Case], warmup: int, repeats: int) -> dict[str, list[float]]:
    """Seconds per call, `repeats` samples per case, interleaved round by round with the start
    rotating each round; the garbage collector is off while timing."""
    for _ in range(warmup):
        for case in cases:
            case.run()
    samples: dict[str, list[float]] = {case.label: [] for case in cases}
    enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        for r in range(repeats):
            k = r % len(cases)
            for case in cases[k:] + cases[:k]:
                start = time.perf_counter()
                result = case.run()
                stop = time.perf_counter()
                del result
                samples[case.label].append(stop - start)
    finally:
        if enabled:
            gc.enable()
    return samples


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
        cases.insert(1, Case("fwd generated", gen.bn_forward_call(h, gamma, beta, delta)))
        cases.insert(3, Case("bwd generated", gen.bn_backward_call(dy, hhat, var, gamma, delta)))
    if torch is not None:
        th, tg, tb, tdy = (torch.from_numpy(a) for a in (h, gamma, beta, dy))
        _, tmean, tinv = bn_forward_torch(th, tg, tb, delta)
        for suffix, threads in (("", torch_threads), (" 1t", 1)):
            cases.append(Case(f"fwd torch{suffix}", threaded(
                threads, lambda: bn_forward_torch(th, tg, tb, delta))))
            cases.append(Case(f"bwd torch{suffix}", threaded(
                threads, lambda: bn_backward_torch(tdy, th, tg, tmean, tinv, delta=delta))))
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

def ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or b == 0 else a / b


def fmt(x: float | None, spec: str = ".2f") -> str:
    """x formatted, or n/a right-aligned to the same width."""
    width = int(spec.split(".", 1)[0] or 0)
    return f"{'n/a':>{width}}" if x is None else format(x, spec)


def verdict(x: float | None, limit: float, at_most: bool) -> str:
    if x is None:
        return ""
    ok = x <= limit if at_most else x >= limit
    return f"  [target {'<=' if at_most else '>='} {limit:g}: {'met' if ok else 'MISSED'}]"


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
    ("fwd gen", "fwd generated"), ("fwd hand (b)", "fwd hand"), ("fwd torch (c)", "fwd torch"),
    ("fwd torch 1t", "fwd torch 1t"), ("bwd gen", "bwd generated"),
    ("bwd staged (a)", "bwd staged"), ("bwd hand (b)", "bwd hand"),
    ("bwd torch (c)", "bwd torch"), ("bwd torch 1t", "bwd torch 1t"), ("floor", "floor add"))


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


TARGETS = {"fwd gen/hand": (1.1, True), "bwd gen/hand": (1.1, True),
           "staged/bwd gen": (5.0, False)}


def print_config(row: Row, nbytes: int, repeats: int) -> None:
    g = row.get
    print(f"\n{row.dtype}  N={row.n}  L={row.width}  (medians of {repeats}, ms;"
          " ± = interquartile range / median)")
    for title, label in MEDIAN_COLUMNS[:-1]:
        spread = row.spread.get(label)
        print(f"  {title:<18}{fmt(g(label), '9.2f')}"
              + ("" if spread is None else f"   ±{100 * spread:.0f}%"))
    floor, copy = g("floor add"), g("floor copy")
    print(f"  {'floor':<18}{fmt(floor, '9.2f')}   np.add(dy, hhat, out=dh): "
          f"3 x {nbytes / 2**20:.0f} MiB, {3 * nbytes / (floor / MS) / 1e9:.1f} GB/s"
          f"  (copy-derived: 1.5 x copyto = {1.5 * copy:.2f} ms)")
    for name, value in ratios(row):
        target = TARGETS.get(name)
        print(f"  {name:<18}{fmt(value, '9.2f')}"
              + (verdict(value, target[0], at_most=target[1]) if target else ""))


def markdown(rows: list[Row]) -> str:
    """Two Markdown tables: medians (ms) and ratios, one row per dtype and shape."""
    def table(head: list[str], body: list[list[str]]) -> list[str]:
        return ["| " + " | ".join(head) + " |", "|" + "---|" * len(head),
                *("| " + " | ".join(cells) + " |" for cells in body)]
    key = [[r.dtype, f"{r.n} × {r.width}"] for r in rows]
    meds = table(["dtype", "N × L"] + [t for t, _ in MEDIAN_COLUMNS],
                 [k + [fmt(r.get(label)) for _, label in MEDIAN_COLUMNS]
                  for k, r in zip(key, rows, strict=True)])
    names = [name for name, _ in ratios(rows[0])] if rows else []
    rats = table(["dtype", "N × L", *names],
                 [k + [fmt(v) for _, v in ratios(r)] for k, r in zip(key, rows, strict=True)])
    return "\n".join([*meds, "", *rats])


def medians(samples: dict[str, list[float]]) -> dict[str, float]:
    return {k: statistics.median(v) * MS for k, v in samples.items()}


def spreads(samples: dict[str, list[float]]) -> dict[str, float]:
    """Interquartile range over median, per case (a noise gauge; 0 with under 2 samples)."""
    out = {}
    for k, v in samples.items():
        if len(v) < 2:
            out[k] = 0.0
            continue
        q1, _, q3 = statistics.quantiles(v, n=4)
        out[k] = (q3 - q1) / statistics.median(v)
    return out


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
    parser.add_argument("--generated", type=Path, default=None,
                        help=f"the generated module (default {DEFAULT_GENERATED.relative_to(ROOT)},"
                             " else emitted with `symbn numpy` into a temporary folder)")
    parser.add_argument("--repeats", type=int, default=None, help="timed calls per case")
    parser.add_argument("--warmup", type=int, default=None, help="untimed calls per case first")
    parser.add_argument("--no-layer", action="store_true", help="skip the whole-layer timing")
    parser.add_argument("--torch-threads", type=int, default=None,
                        help="intra-op threads of the 'torch' columns (default: torch's own"
                             " choice); the 'torch 1t' columns always use one")
    return parser.parse_args(argv)


def machine_note() -> str:
    torch_note = "torch absent"
    if torch is not None:
        torch_note = (f"torch {torch.__version__} (default {torch.get_num_threads()} threads;"
                      " 'torch 1t' = one thread)")
    return (f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}, NumPy {np.__version__}, {torch_note}, "
            f"{load_note()}")


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
        print("floor = measured np.add(dy, hhat, out=dh) into a preallocated buffer "
              "(read two N x L arrays, write one)")
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
            print(f"\nwhole layer a = ReLU(BN(XW + b)), D={plan.layer_d} "
                  f"(medians of {plan.layer_repeats}, ms; for information)")
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
                    print(f"  {dtype} N={n} L={width}: " + ", ".join(
                        f"{k.removeprefix('layer ')} {v:.1f}" for k, v in med.items())
                        + f"; fwd gen/hand {fmt(fwd)}, bwd gen/hand {fmt(bwd)}")
                    del data
                    gc.collect()
        elif gen is not None and not gen.has_layer:
            print("\n(the generated module has no forward/backward: whole layer not timed)")
    print("\nsummary (medians in ms)\n")
    print(markdown(rows))
    print(f"\ntotal {time.perf_counter() - began:.0f} s, {load_note()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
