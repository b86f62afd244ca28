"""Helpers for the tests of generated array code: a kernel wrapped in a function and
imported from a file, random inputs drawn as exact rationals, and the comparison with
`symbn.verify.concrete.Evaluator`, which loops over every sum explicitly in 50-digit arithmetic."""

from __future__ import annotations

import importlib.util
import itertools
import random

import mpmath
import numpy as np

from symbn.emit.arrays import statements
from symbn.emit.arrays.kernel import Kernel, Output
from symbn.emit.arrays.vectorize import Vectorizer
from symbn.language import model
from symbn.source import toml
from symbn.verify import arithmetic, concrete

RTOL = 1e-12  # float64 array code against 50-digit loops
SIZES = {"N": 3, "L": 2, "D": 4}


def cases_model(folder, header: str, cases: dict[str, str]):
    """The model of a derivation holding `header` and one claim per case, its lhs the case's
    expression (so that its free indices are the claim's), written to `folder`."""
    text = header + "".join(f'\n[[claim]]\nname = "{n}"\nlhs = "{e}"\n' for n, e in cases.items())
    path = folder / "cases.toml"
    path.write_text(text, encoding="utf-8")
    return model.build(toml.load(path))


def vectorizer(m) -> Vectorizer:
    sizes = [str(s) for s in m.sizes]
    return Vectorizer(sorted(m.indices, key=lambda i: sizes.index(str(i.size))))


def kernel_source(m, outputs: list[Output], name: str = "case") -> str:
    """A function of every input and size returning the outputs' arrays (a tuple when
    there are several), computed by the kernel's lines."""
    sizes = [str(s) for s in m.sizes]
    lines = statements.lines(Kernel(vectorizer(m), set(m.inputs) | set(sizes)).emit(outputs))
    args = ", ".join([*m.inputs, *sizes])
    body = "\n".join(f"    {x}" for x in lines)
    returns = ", ".join(o.name for o in outputs)
    return (
        f"import numpy as np\n\n\ndef {name}({args}):\n    dtype = np.dtype(np.float64)\n"
        f"{body}\n    return {returns}\n"
    )


def load(source: str, path):
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def point(m, seed: int):
    sizes = {s: SIZES[str(s)] for s in m.sizes}
    return concrete.Point.draw(m, sizes, random.Random(seed))


def arrays(m, pt) -> dict:
    out = {}
    for name, (_, shape, _) in m.inputs.items():
        dims = [pt.sizes[s] for s in shape]
        a = np.empty(dims)
        for idx in itertools.product(*[range(1, d + 1) for d in dims]):
            v = pt.values[name][idx]
            a[tuple(i - 1 for i in idx)] = v.numerator / v.denominator
        out[name] = a if shape else float(a)
    return out


def check_against_loops(m, fn, outputs: list[Output], seeds: int = 2) -> None:
    """fn(**inputs, **sizes) agrees with the loop evaluation of every output at random
    points, and leaves its array arguments as they were."""
    for seed in range(seeds):
        pt = point(m, seed)
        args = arrays(m, pt)
        before = {k: np.copy(v) for k, v in args.items()}
        got = fn(**args, **{str(s): v for s, v in pt.sizes.items()})
        got = got if len(outputs) > 1 else (got,)
        for k, v in args.items():
            assert np.array_equal(v, before[k]), f"{k} was modified"
        ev = concrete.Evaluator(m, pt)
        for out, raw in zip(outputs, got, strict=True):
            value = np.asarray(raw)
            shape = tuple(pt.sizes[i.size] for i in out.axes)
            assert value.shape == shape, out.name
            with mpmath.workdps(arithmetic.DIGITS):
                for idx in itertools.product(*[range(1, n + 1) for n in shape]):
                    try:
                        want = float(ev.value(out.expr, dict(zip(out.axes, idx, strict=True))))
                    except concrete.UndefinedError:  # relu/step at their kink
                        continue
                    x = value[tuple(i - 1 for i in idx)]
                    assert abs(x - want) <= RTOL * max(1.0, abs(want)), (out.name, idx)
