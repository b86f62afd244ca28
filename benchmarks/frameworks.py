"""The exported PyTorch and JAX layers (`symbn torch`, `symbn jax`) against the frameworks'
own kernels and autodiff, forward + backward, side by side: medians of interleaved repeats
in one run, in ms, on one thread.

    python benchmarks/frameworks.py [--repeats 11] [--scale 1.0] [--compile]

For batch norm and layer norm at 4096 x 1024 and attention at N = 1024, E = 64, in float64
and float32: *export* is the exported layer; *native* torch's fused kernel
(`batch_norm`, `layer_norm`, `scaled_dot_product_attention`); *eager* torch's autograd of the
primitive forward (mean, variance, normalise; softmax of QK^T/sqrt(E) times V); *jax vjp*
`jax.jit` of `jax.vjp` of the same primitive forward; *jax export* `jax.jit` of `jax.vjp` of
the exported layer. With --compile, also *compiled*, `torch.compile(layer, fullgraph=True)`
of the exported layer, and *native compiled*, `torch.compile` of the native kernel's call
(each compiled before timing; the compilation is not timed). Every implementation's gradients
are checked against the export's before anything is timed. torch runs on CUDA and JAX on its
default device when there is one.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault(  # one thread for XLA, set before jax loads
    "XLA_FLAGS", "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1"
)

import jax
import numpy as np
import torch

import symbn

jax.config.update("jax_enable_x64", True)
sys.path.insert(0, str(Path(__file__).resolve().parent))  # timing.py beside this file
from timing import Case, fmt, medians, ratio, time_cases, verdict  # noqa: E402

jnp = jax.numpy
ROOT = Path(__file__).resolve().parent.parent
DELTA = 1e-5
GOALS = {"native": 1.3, "eager": 0.3, "jax": 0.6, "compiled": 1.3}  # export / other, at most


def modules(name: str):
    report = symbn.load(ROOT / "derivations" / f"{name}.toml").verify()
    return symbn.torch(report, module=True), symbn.jax(report, module=True)


# the primitive forwards, each in both frameworks' numpy-like API
def bn(x, h, gamma, beta, axis):
    mu = x.mean(h, axis, keepdims=True)
    var = x.mean((h - mu) ** 2, axis, keepdims=True)
    return gamma * (h - mu) / x.sqrt(var + DELTA) + beta


class TorchOps:
    mean = staticmethod(lambda a, axis, keepdims: a.mean(axis, keepdim=keepdims))
    sqrt = staticmethod(torch.sqrt)


def attention(q, k, v, softmax):
    return softmax(q @ k.T / q.shape[1] ** 0.5) @ v  # a Python float: no promotion


def problems(scale: float):
    n, width = max(2, int(4096 * scale)), max(2, int(1024 * scale))
    m, e = max(2, int(1024 * scale)), max(2, int(64 * scale))
    rng = np.random.default_rng(0)
    norm = [
        rng.standard_normal((n, width)),
        rng.uniform(0.5, 1.5, width),
        rng.standard_normal(width),
    ]
    att = [rng.standard_normal((m, e)) for _ in range(3)]
    return [
        ("batch norm", f"{n} x {width}", "batchnorm_core", norm, 0, (n, width)),
        ("layer norm", f"{n} x {width}", "layernorm", norm, 1, (n, width)),
        ("attention", f"N={m} E={e}", "attention", att, None, (m, e)),
    ]


def cases(problem, dtype, device, compiled=False):
    """The timed calls of one problem in one dtype, checked against each other first; with
    `compiled`, torch.compile of the export and of the native call as well."""
    title, _, key, data, axis, out_shape = problem
    tmod, jmod = modules(key)
    tdt = getattr(torch, dtype)
    rng = np.random.default_rng(1)
    dout = rng.standard_normal(out_shape)
    t = [torch.tensor(a, dtype=tdt, device=device, requires_grad=True) for a in data]
    tdout = torch.tensor(dout, dtype=tdt, device=device)
    j = [jnp.asarray(a, dtype=dtype) for a in data]
    jdout = jnp.asarray(dout, dtype=dtype)
    extra = () if axis is None else (DELTA,)

    def torch_fb(f):
        def run():
            for x in t:
                x.grad = None
            f(*t).backward(tdout)
            if device == "cuda":
                torch.cuda.synchronize()
            return [x.grad for x in t]

        return run

    if axis is None:
        primitive = lambda q, k, v: attention(q, k, v, lambda a: torch.softmax(a, -1))  # noqa: E731
        native = torch.nn.functional.scaled_dot_product_attention
        jprim = lambda q, k, v: attention(q, k, v, lambda a: jax.nn.softmax(a, -1))  # noqa: E731
    else:
        primitive = lambda h, g, b: bn(TorchOps, h, g, b, axis)  # noqa: E731
        jprim = lambda h, g, b: bn(jnp, h, g, b, axis)  # noqa: E731
        if axis == 0:
            native = lambda h, g, b: torch.nn.functional.batch_norm(  # noqa: E731
                h, None, None, g, b, training=True, eps=DELTA
            )
        else:
            native = lambda h, g, b: torch.nn.functional.layer_norm(  # noqa: E731
                h, (h.shape[1],), g, b, eps=DELTA
            )

    def jax_fb(f):
        step = jax.jit(lambda *xs: jax.vjp(f, *xs)[1](jdout))
        return lambda: jax.block_until_ready(step(*j))

    def jexport(*xs):
        return jmod.layer(*xs, *extra)

    timed = [
        Case("export", torch_fb(lambda *xs: tmod.layer(*xs, *extra))),
        Case("native", torch_fb(native)),
        Case("eager", torch_fb(primitive)),
        Case("jax export", jax_fb(jexport)),
        Case("jax vjp", jax_fb(jprim)),
    ]
    if compiled:
        export = torch.compile(tmod.layer, fullgraph=True)
        timed += [
            Case("compiled", torch_fb(lambda *xs: export(*xs, *extra))),
            Case("native compiled", torch_fb(torch.compile(native))),
        ]
    want = [g.cpu().numpy() for g in timed[0].run()]
    rtol = 1e-9 if dtype == "float64" else 2e-3
    for case in timed[1:]:
        for g, w in zip(case.run(), want, strict=True):
            got = np.asarray(g.cpu() if isinstance(g, torch.Tensor) else g, dtype=np.float64)
            scale = max(float(np.max(np.abs(w))), 1.0)
            assert np.max(np.abs(got - w)) <= rtol * scale, f"{title} {dtype}: {case.label}"
    return timed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=11, help="timed calls per case")
    parser.add_argument("--warmup", type=int, default=2, help="untimed calls per case first")
    parser.add_argument("--scale", type=float, default=1.0, help="shrink every size by this")
    parser.add_argument(
        "--compile", action="store_true", help="also time torch.compile of export and native"
    )
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    print(
        f"torch {torch.__version__} on {device}, jax {jax.__version__} on "
        f"{jax.default_backend()}; one thread; medians of {args.repeats}, ms"
    )
    labels = ["export", "native", "eager", "jax export", "jax vjp"]
    ratios = {
        "native": ("export", "native"),
        "eager": ("export", "eager"),
        "jax": ("jax export", "jax vjp"),
    }
    heads = ["export/native", "export/eager", "jax export/vjp"]
    if args.compile:
        labels += ["compiled", "native compiled"]
        ratios |= {"compiled": ("compiled", "native"), "gain": ("compiled", "export")}
        heads += ["compiled/native", "compiled/export"]
    columns = ["layer", "size", "dtype", *labels, *heads]
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    notes = []
    for problem in problems(args.scale):
        title, size = problem[:2]
        for dtype in ("float64", "float32"):
            timed = cases(problem, dtype, device, args.compile)
            med = medians(time_cases(timed, args.warmup, args.repeats))
            r = {k: ratio(med[a], med[b]) for k, (a, b) in ratios.items()}
            print(
                f"| {title} | {size} | {dtype} | "
                + " | ".join(f"{med[c.label]:.2f}" for c in timed)
                + " | "
                + " | ".join(fmt(x) for x in r.values())
                + " |"
            )
            notes += [
                f"{title} {dtype} {k}:{verdict(r[k], GOALS[k], True)}" for k in r if k in GOALS
            ]
    print("\n".join(notes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
