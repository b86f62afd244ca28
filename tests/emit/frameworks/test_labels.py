"""The PyTorch and JAX layers of softmax cross-entropy with integer labels
(derivations/softmax_xent_labels.toml): labels 0-based, the loss and its proved gradient equal
to torch's cross_entropy with integer targets in float64."""

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

CASES = [(1, 1), (1, 3), (6, 4), (64, 10)]


@pytest.fixture(scope="module")
def sources():
    m = model.build(toml.load(ROOT / "derivations" / "softmax_xent_labels.toml"))
    report = report_of(m)
    return {backend: emitter.module(report, backend) for backend in ("torch", "jax")}


def load(source: str, path):
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_torch_layer_matches_cross_entropy(sources, tmp_path):
    torch = python_module("torch", "pip install -e '.[torch]'")
    xent = load(sources["torch"], tmp_path / "xent_torch.py")
    rng = np.random.default_rng(5)
    for n, c in CASES:
        z = rng.standard_normal((n, c)) * 3
        y = torch.tensor(rng.integers(0, c, size=n))
        mine = torch.tensor(z, requires_grad=True)
        theirs = torch.tensor(z, requires_grad=True)
        loss = xent.layer(mine, y)
        want = torch.nn.functional.cross_entropy(theirs, y)
        (loss * 1.5).backward()
        (want * 1.5).backward()
        assert abs(loss.item() - want.item()) <= 1e-10
        assert (mine.grad - theirs.grad).abs().max().item() <= 1e-10
    with pytest.raises(ValueError, match=r"y must hold labels in 0\.\.2"):
        xent.layer(torch.zeros(2, 3, dtype=torch.float64), torch.tensor([0, 3]))
    with pytest.raises(ValueError, match="whole-number labels"):
        xent.layer(torch.zeros(2, 3, dtype=torch.float64), torch.tensor([0.0, 1.0]))


def test_jax_layer_matches_cross_entropy(sources, tmp_path):
    torch = python_module("torch", "pip install -e '.[torch]'")
    jax = python_module("jax", "pip install -e '.[jax]'")
    jnp = python_module("jax.numpy", "pip install -e '.[jax]'")
    jax.config.update("jax_enable_x64", True)  # as tests/emit/frameworks/test_emitter.py
    xent = load(sources["jax"], tmp_path / "xent_jax.py")
    rng = np.random.default_rng(6)
    for n, c in CASES:
        z = rng.standard_normal((n, c)) * 3
        y = rng.integers(0, c, size=n)
        loss, grad = jax.value_and_grad(lambda zz, y=y: xent.layer(zz, jnp.asarray(y)))(
            jnp.asarray(z)
        )
        theirs = torch.tensor(z, requires_grad=True)
        want = torch.nn.functional.cross_entropy(theirs, torch.tensor(y))
        want.backward()
        assert abs(float(loss) - want.item()) <= 1e-10
        assert np.max(np.abs(np.asarray(grad) - theirs.grad.numpy())) <= 1e-10
