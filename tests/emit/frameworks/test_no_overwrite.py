"""The exported layers write only into arrays of their own (`arrays.buffers` reuses the ones a
pass made and reads no more): for every derivation with a [layer], the PyTorch and NumPy
forward and backward passes leave their inputs, the saved tensors (the NumPy cache) and the
upstream gradient unchanged, and what they return shares no memory with any of those nor
with each other.
"""

from __future__ import annotations

import importlib.util
import inspect
import itertools
from pathlib import Path

import numpy as np
import pytest
from arraycode import load
from external import python_module
from paths import DERIVATION_FILES
from reports import report_of

from symbn.emit.frameworks import emitter
from symbn.emit.numpy import emitter as npemit
from symbn.language import labels, model
from symbn.source import toml

LAYERS = [
    p for p in DERIVATION_FILES if "[layer]" in Path(p).read_text(encoding="utf-8").splitlines()
]


@pytest.fixture(scope="module", params=LAYERS, ids=lambda p: Path(p).stem)
def layer(request, tmp_path_factory):
    """(model, torch module, NumPy module) of one derivation with a [layer]."""
    m = model.build(toml.load(request.param))
    report = report_of(m)
    folder = tmp_path_factory.mktemp("overwrite")
    stem = Path(request.param).stem
    torch_mod = None
    if importlib.util.find_spec("torch") is not None:
        torch_mod = load(emitter.module(report, "torch"), folder / f"{stem}_torch.py")
    return m, torch_mod, load(npemit.render(report), folder / f"{stem}_np.py")


def arguments(m, names: list[str]) -> dict[str, np.ndarray]:
    """Random arguments at distinct sizes: labels within their range, positive inputs in
    [0.05, 0.5]."""
    sizes = {str(s): 3 + n for n, s in enumerate(m.sizes)}
    rng = np.random.default_rng(7)
    out = {}
    for name in names:
        base, shape, positive = m.inputs[name]
        dims = tuple(sizes[str(s)] for s in shape)
        if labels.is_label(base):
            out[name] = rng.integers(0, sizes[str(base.label.range)], dims)
        elif positive:
            out[name] = np.asarray(rng.uniform(0.05, 0.5, dims))
        else:
            out[name] = np.asarray(rng.standard_normal(dims))
    return out


def shared(xs: list, same) -> list[tuple[int, int]]:
    """The pairs of positions in `xs` whose arrays share memory."""
    return [(a, b) for a, b in itertools.combinations(range(len(xs)), 2) if same(xs[a], xs[b])]


def test_torch_layer_writes_only_into_its_own_arrays(layer):
    torch = python_module("torch", "pip install -e '.[torch]'")
    m, mod, _ = layer
    data = arguments(m, list(inspect.signature(mod.layer).parameters))
    args = [torch.tensor(v) for v in data.values()]
    before = [a.clone() for a in args]
    with torch.no_grad():
        out, saved = mod._forward(*args)
        kept = [s.clone() for s in saved]
        dout = torch.tensor(np.random.default_rng(8).standard_normal(tuple(out.shape)))
        dout_before = dout.clone()
        grads = [g for g in mod._backward(saved, dout) if g is not None]
    for a, b in zip([*args, *saved, dout], [*before, *kept, dout_before], strict=True):
        assert torch.equal(a, b)

    def same(a, b):
        return a.untyped_storage().data_ptr() == b.untyped_storage().data_ptr()

    theirs = [x for x in [*args, *saved, dout] if x.numel() and x is not out]
    assert not [x for x in theirs if same(out, x)]
    assert not shared([out, *grads], same)
    assert not [(g, x) for g in grads for x in theirs if same(g, x)]


def test_numpy_layer_writes_only_into_its_own_arrays(layer):
    m, _, mod = layer
    data = arguments(m, list(inspect.signature(mod.forward).parameters))
    before = {k: v.copy() for k, v in data.items()}
    out, cache = mod.forward(*data.values())
    kept = {k: np.copy(v) for k, v in cache.items()}
    dout = np.random.default_rng(8).standard_normal(np.shape(out))
    dout_before = dout.copy()
    grads = list(mod.backward(dout, cache).values())
    for k, v in data.items():
        assert np.array_equal(v, before[k]), k
    for k, v in cache.items():
        assert np.array_equal(v, kept[k]), k
    assert np.array_equal(dout, dout_before)
    theirs = [*data.values(), *(v for v in cache.values() if v is not out), dout]
    assert not [x for x in theirs if np.shares_memory(out, x)]
    assert not shared([out, *grads], np.shares_memory)
    assert not [(g, x) for g in grads for x in theirs if np.shares_memory(g, x)]
