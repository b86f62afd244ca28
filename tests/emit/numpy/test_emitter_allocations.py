"""No generated function allocates a temporary with more axes than the largest of its
arguments and its results, for every derivation in derivations/ (the folder is read, so a
new derivation is covered when it is added).

Each function of each generated module runs under tracemalloc with sizes that differ (N, L,
D, ... = s, s + 2, s + 4, ...) and are large enough, for the number of axes r of its largest
array, that one array with r + 1 axes (at least s**(r + 1) elements) outweighs everything a
correct function holds at once: its arguments' copies, its result and its temporaries of at
most r axes. Its peak allocation must stay below that one array. The check is itself tested
on two hand-written functions that do build such a temporary.
"""

from __future__ import annotations

import inspect
import tracemalloc

import arraycode
import numpy as np
import pytest
from paths import DERIVATION_FILES
from reports import report_of

from symbn.emit.numpy import emitter as npemit
from symbn.language import model
from symbn.source import toml

DERIVATIONS = DERIVATION_FILES
#: The smallest size s for a function whose largest array has r axes: an (r + 1)-axis array
#: outweighs a correct function's peak (measured at most a fifth of it, for r = 4).
SMALLEST = {0: 600, 1: 600, 2: 64, 3: 24, 4: 16}
#: Sizes held small: a kernel's taps are few. A contraction of windows (a convolution, as
#: the hand-written one) copies the windows once for the matrix product, K times the input:
#: with K as large as the other sizes, that copy would weigh as much as one more axis.
SMALL = {"conv1d": {"K": 3}}


def arrays_in(x) -> list[np.ndarray]:
    if isinstance(x, np.ndarray | np.generic):  # a scalar result is a numpy scalar
        return [np.asarray(x)]
    if isinstance(x, tuple | list):
        return [a for v in x for a in arrays_in(v)]
    if isinstance(x, dict):
        return [a for v in x.values() for a in arrays_in(v)]
    return []


class Caller:
    """Arguments for each function of a generated module, at given sizes."""

    def __init__(self, module, m):
        self.module = module
        self.shapes = {n: tuple(str(s) for s in shape) for n, (_, shape, _) in m.inputs.items()}
        self.shapes |= {n: tuple(str(i.size) for i in d.index) for n, d in m.definitions.items()}
        self.sizes = [str(s) for s in m.sizes]
        #: integer labels: an input declared range = "C" holds classes 0..C-1
        self.labels = {i.name: i.range for i in m.spec.inputs if i.range is not None}
        self.output = m.spec.layer.output if m.spec.layer is not None else None
        self.small = SMALL.get(m.spec.path.rsplit("/", 1)[-1].removesuffix(".toml"), {})

    def sized(self, smallest: int) -> dict[str, int]:
        return {s: self.small.get(s, smallest + 2 * n) for n, s in enumerate(self.sizes)}

    def arguments(self, name: str, sizes: dict[str, int]) -> dict:
        """Positive values (every function is defined there), laid out as declared."""
        rng = np.random.default_rng(0)
        fn = getattr(self.module, name)
        if name == "backward":
            y, cache = self.module.forward(**self.arguments("forward", sizes))
            return {"dout": rng.uniform(0.5, 1.5, y.shape), "cache": cache}
        return {
            p: sizes[p]
            if p in sizes
            else rng.integers(0, sizes[self.labels[p]], tuple(sizes[s] for s in self.shapes[p]))
            if p in self.labels
            else rng.uniform(0.5, 1.5, tuple(sizes[s] for s in self.shapes[p]))
            for p in inspect.signature(fn).parameters
        }


def peak(fn, args: dict) -> tuple[int, object]:
    tracemalloc.start()
    try:
        out = fn(**args)
        return tracemalloc.get_traced_memory()[1], out
    finally:
        tracemalloc.stop()


def excess(fn, arguments) -> str | None:
    """What is wrong when `fn(**arguments(s))` builds an array with more axes than its
    largest argument or result, None when it does not."""
    args = arguments(5)
    axes = max((a.ndim for a in arrays_in([args, fn(**args)])), default=0)
    smallest = SMALLEST[axes]
    top, out = peak(fn, arguments(smallest))
    bound = 8 * smallest ** (axes + 1)  # one float64 array of axes + 1 axes, every size s
    if top >= bound:
        largest = max((a.nbytes for a in arrays_in([args, out])), default=0)
        return (
            f"peak {top} bytes at sizes from {smallest}: at least one array with "
            f"{axes + 1} axes ({bound} bytes), the largest argument or result being "
            f"{largest} bytes with {axes}"
        )
    return None


def modules():
    for path in DERIVATIONS:
        m = model.build(toml.load(path))
        yield path.stem, m


# The module fixture generates every module: one worker under xdist computes it once.
pytestmark = pytest.mark.xdist_group("allocations")


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("alloc")
    out = {}
    for stem, m in modules():
        module = arraycode.load(npemit.render(report_of(m)), folder / f"{stem}.py")
        out[stem] = Caller(module, m)
    return out


def test_every_derivation_is_read():
    assert len(DERIVATIONS) >= 3
    assert {p.stem for p in DERIVATIONS} >= {"batchnorm", "batchnorm_core", "layernorm"}


@pytest.mark.parametrize("stem", [p.stem for p in DERIVATIONS])
def test_no_function_allocates_more_axes_than_its_arrays(generated, stem):
    caller = generated[stem]
    names = [
        n for n, _ in inspect.getmembers(caller.module, inspect.isfunction) if n[0] != "_"
    ]  # not the helpers
    assert names  # definitions and claims at least
    found = {}
    for name in names:
        fn = getattr(caller.module, name)
        problem = excess(fn, lambda s, name=name: caller.arguments(name, caller.sized(s)))
        if problem is not None:
            found[name] = problem
    assert found == {}


def test_the_check_finds_a_temporary_with_one_axis_too_many():
    def outer_then_sum(a):  # the (N, L, L) products of a's rows, summed: a 3-axis temporary
        return (a[:, :, None] * a[:, None, :]).sum(axis=2)

    def by_rows(a, c):  # the same value, no temporary beyond (N, L)
        return a * (a @ c)[:, None]

    def args(s, c=False):
        rng = np.random.default_rng(0)
        a = {"a": rng.uniform(0.5, 1.5, (s, s + 2))}
        return {**a, "c": np.ones(s + 2)} if c else a

    assert "at least one array with 3 axes" in excess(outer_then_sum, args)
    assert excess(by_rows, lambda s: args(s, c=True)) is None


def test_the_check_finds_a_jacobian_built_from_a_bigger_one():
    def via_five_axes(a):  # a 4-axis array summed out of a 5-axis one
        big = np.einsum("ij,kl,p->ijklp", a, a, np.ones(a.shape[0]))
        return big.sum(axis=4)

    def args(s):
        return {"a": np.random.default_rng(0).uniform(0.5, 1.5, (s, s + 2))}

    assert "at least one array with 5 axes" in excess(via_five_axes, args)
