"""Labels in the verifier: softmax cross-entropy with integer targets proved, its typical slips
refuted with a counterexample that shows the labels, and the concrete check's labels drawn as
whole numbers in 1..C, the first and the last class included."""

from __future__ import annotations

import itertools
import random
from fractions import Fraction
from pathlib import Path

import mpmath
import pytest

from symbn.language import model
from symbn.source import toml
from symbn.verify import arithmetic, concrete
from symbn.verify.verifier import Verifier

XENT = Path(__file__).resolve().parents[2] / "derivations" / "softmax_xent_labels.toml"

SLIPS = """
[[claim]]
name = "without_the_one_hot"
lhs = "diff(loss, Z[i, c])"
rhs = "P[i, c] / N - 1 / N"

[[claim]]
name = "without_the_mean"
lhs = "diff(loss, Z[i, c])"
rhs = "P[i, c] - Delta(c, y[i])"

[[claim]]
name = "the_label_of_the_first_row"
lhs = "diff(loss, Z[i, c])"
rhs = "(P[i, c] - Delta(c, y[1])) / N"

[[claim]]
name = "rows_share_no_class"
lhs = "sum(Delta(c, y[i]) * Delta(c, y[n]), c)"
rhs = "Delta(i, n)"
"""


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    path = tmp_path_factory.mktemp("labels") / "xent.toml"
    text = XENT.read_text(encoding="utf-8")
    path.write_text(text[: text.index("[layer]")] + SLIPS, encoding="utf-8")
    m = model.build(toml.load(path))
    return m, {r.name: r for r in Verifier(m).run()}


def test_the_gradient_with_the_one_hot_is_proved(results):
    _, r = results
    for name in ("dlogp_dP", "one_hot_sums_to_one", "dloss_dZ", "dloss_dZ_vjp"):
        assert r[name].status == "proved", (name, r[name].status, r[name].residual)


@pytest.mark.parametrize(
    "name",
    [
        "without_the_one_hot",
        "without_the_mean",
        "the_label_of_the_first_row",
        "rows_share_no_class",
    ],
)
def test_slips_are_refuted_at_labels_the_counterexample_shows(results, name):
    m, r = results
    got = r[name]
    assert got.status == "refuted", (name, got.status, got.reason)
    cx = got.counterexample
    labels = cx.inputs["y"]
    top = cx.sizes["C"]
    assert all(type(v) is int and 1 <= v <= top for v in labels)
    claim = next(c for c in m.claims if c.name == name)
    lhs, rhs = replay(m, cx, claim)
    assert abs(lhs - rhs) > 1e-6


def replay(m, cx, claim):
    """Both sides again at the counterexample's point, from its printed values alone."""
    sizes = {s: cx.sizes[str(s)] for s in m.sizes}
    values = {}
    for name, (_, shape, _) in m.inputs.items():
        cells = {}
        for idx in itertools.product(*[range(1, sizes[s] + 1) for s in shape]):
            v = cx.inputs.get(name, 1)
            for n in idx:
                v = v[n - 1] if name in cx.inputs else v
            cells[idx] = Fraction(v)
        values[name] = cells
    env = {i: cx.indices[str(i)] for i in claim.free}
    with mpmath.workdps(arithmetic.DIGITS):
        ev = concrete.Evaluator(m, concrete.Point(sizes, values))
        return ev.value(claim.lhs, env), ev.value(claim.rhs, env)


def test_labels_are_drawn_in_range_with_both_ends(results):
    m, _ = results
    rows, classes = (next(s for s in m.sizes if s.name == x) for x in "NC")
    seen = set()
    rng = random.Random(0)
    for _ in range(20):
        point = concrete.Point.draw(m, {rows: 4, classes: 5}, rng)
        drawn = point.values["y"]
        assert set(drawn) == {(n,) for n in range(1, 5)}
        assert all(v.denominator == 1 and 1 <= v <= 5 for v in drawn.values())
        seen |= set(drawn.values())
    assert {1, 5} <= seen
