"""benchmarks/causal_attention_speed.py: the hand-written causal attention it times is the
gradient of its forward (central differences), matches PyTorch's causal attention when torch
is there, and the benchmark checks the generated module against it before timing. No timing
assertions."""

from __future__ import annotations

import sys

import numpy as np
import pytest
from paths import ROOT, benchmark
from test_benchmarks import central_difference


@pytest.fixture(scope="module")
def speed():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    return benchmark("causal_attention_speed")


def test_hand_causal_backward_is_the_gradient_of_the_hand_forward(speed):
    rng = np.random.default_rng(4)
    q, k, v, do = (rng.standard_normal((5, 3)) for _ in range(4))

    def loss():
        return float(np.sum(do * speed.causal_forward_hand(q, k, v)[0]))

    _, p = speed.causal_forward_hand(q, k, v)
    assert np.all(np.triu(p, 1) == 0)
    for got, x in zip(speed.causal_backward_hand(do, p, q, k, v), (q, k, v), strict=True):
        assert np.allclose(got, central_difference(loss, x), rtol=1e-6, atol=1e-8)


def test_the_benchmark_checks_the_generated_module_first(speed, tmp_path):
    assert "gen/hand" in speed.run(16, 4, ("float64",), 0, 1)[1]
    text = speed.GENERATED.read_text(encoding="utf-8")
    wrong = text.replace("np.tri(N, N, 0, dtype=dtype)", "np.ones((N, N), dtype=dtype)")
    assert wrong != text
    (tmp_path / "attention_causal.py").write_text(wrong, encoding="utf-8")
    with pytest.raises(AssertionError, match="differs"):
        speed.run(16, 4, ("float64",), 0, 1, path=tmp_path / "attention_causal.py")
