"""benchmarks/rnn_speed.py: the hand-written BPTT it times against is right (central
differences), and the generated module is checked against it before anything is timed."""

from __future__ import annotations

import numpy as np
import pytest
from paths import benchmark


@pytest.fixture(scope="module")
def speed():
    return benchmark("rnn_speed")


def test_the_hand_written_bptt_is_the_gradient(speed):
    d = speed.inputs(4, 3, 2, "float64", seed=3)
    args = {k: d[k] for k in ("x", "h0", "W", "U", "b")}
    got = speed.backward_hand(d["dy"], args, speed.forward_hand(args))
    step = 1e-6
    for name, grad in got.items():
        want = np.zeros_like(args[name])
        for at in np.ndindex(want.shape):
            plus, minus = dict(args), dict(args)
            plus[name], minus[name] = args[name].copy(), args[name].copy()
            plus[name][at] += step
            minus[name][at] -= step
            up = np.sum(d["dy"] * speed.forward_hand(plus))
            down = np.sum(d["dy"] * speed.forward_hand(minus))
            want[at] = (up - down) / (2 * step)
        np.testing.assert_allclose(grad, want, rtol=1e-6, atol=1e-8, err_msg=name)


def test_the_generated_module_is_checked_first(speed, repo_root, tmp_path):
    assert "gen/hand" in speed.run(5, 2, 3, 0, 1)[1]
    wrong = (repo_root / "generated" / "rnn_bptt.py").read_text().replace("g1 @ x", "2 * (g1 @ x)")
    assert wrong.count("2 * (g1 @ x)") == 1
    (tmp_path / "rnn_bptt.py").write_text(wrong)
    with pytest.raises(AssertionError, match="grad U differs"):
        speed.run(5, 2, 3, 0, 1, path=tmp_path / "rnn_bptt.py")
