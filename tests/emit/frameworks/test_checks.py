"""The checks at the top of an exported torch layer: a positive input checked in eager mode,
and left out of the graph under torch.compile, which then compiles the layer, forward and
proved backward, as one graph (fullgraph=True) that agrees with the eager layer.
"""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest
from external import python_module
from paths import ROOT
from reports import report_of

from symbn.emit.frameworks import emitter
from symbn.language import model
from symbn.source import toml

TORCH = "pip install -e '.[torch]'"


@pytest.fixture(scope="module")
def batchnorm(tmp_path_factory):
    """The exported torch module of batchnorm_core.toml, imported."""
    m = model.build(toml.load(ROOT / "derivations" / "batchnorm_core.toml"))
    path = tmp_path_factory.mktemp("compile") / "batchnorm_core_torch.py"
    path.write_text(emitter.module(report_of(m), "torch"), encoding="utf-8")
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(torch, layer, seed: int):
    """y and the gradients of h, gamma, beta, float64, at N = 5, L = 3."""
    rng = np.random.default_rng(seed)
    data = [rng.standard_normal((5, 3)), rng.uniform(0.5, 1.5, 3), rng.standard_normal(3)]
    t = [torch.tensor(a, requires_grad=True) for a in data]
    y = layer(*t, 1e-5)
    y.backward(torch.tensor(rng.standard_normal((5, 3))))
    return [y.detach(), *(x.grad for x in t)]


def test_a_positive_input_is_checked_in_eager_mode(batchnorm):
    torch = python_module("torch", TORCH)
    h = torch.ones((2, 2), dtype=torch.float64)
    with pytest.raises(ValueError, match="delta must be positive"):
        batchnorm.layer(h, h[0], h[0], 0.0)


@pytest.mark.slow
def test_torch_compile_traces_the_layer_as_one_graph_and_agrees(batchnorm):
    torch = python_module("torch", TORCH)
    compiled = torch.compile(batchnorm.layer, fullgraph=True)  # a graph break would raise
    for seed in (0, 1):
        want = run(torch, batchnorm.layer, seed)
        got = run(torch, compiled, seed)
        for g, w in zip(got, want, strict=True):
            assert g.dtype == torch.float64
            assert float((g - w).abs().max()) <= 1e-10 * max(float(w.abs().max()), 1.0)
