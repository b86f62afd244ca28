"""The matrix forms of the derivations in derivations/: every definition, claim side and
closed form that raises holds its index expression at every element (NumPy, random sizes),
and which claims raise is recorded here, so that a change in the raising is seen."""

from __future__ import annotations

import pytest
from matrices import Values, compare
from paths import ROOT

import symbn
from symbn.emit.matrix import tree
from symbn.emit.matrix.raised import matrix_form

FILES = sorted((ROOT / "derivations").glob("*.toml"))
FILES = [p for p in FILES if not p.name.endswith(".context.toml")]

#: the claims whose sides both raise, by file (of 76 claims, 41; every one of the 49
#: definitions raises). A Jacobian of two tensors (four indices) has no matrix form, and a
#: vector-Jacobian product is the loss's gradient only with the [layer]'s own upstream.
#: A convolution (three-axis tensors, moved positions) has none at all.
WHOLE = {
    "conv1d": [],
    "attention": ["dL_dV", "dL_dP", "dL_dA", "dL_dQ", "dL_dK"],
    "attention_causal": ["dL_dV", "dL_dP", "dL_dA", "dL_dQ", "dL_dK", "rows_sum_to_one"],
    "batchnorm": [
        "layer_dh",
        "layer_dX",
        "layer_dW",
        "layer_db",
        "layer_dgamma",
        "layer_dbeta",
    ],
    "batchnorm_core": ["dL_dh", "dL_dgamma", "dL_dbeta"],
    "layernorm": ["row_sums_vanish", "dL_dh", "dL_dgamma", "dL_dbeta"],
    "linear_softmax_matrix": ["dloss_dZ", "dloss_dW", "dloss_db", "dloss_dX"],
    "softmax_xent_labels": [],  # a label picks an element: P[n, y[n]] has no matrix form
    "mlp2": [
        "grad_y2",
        "grad_h2",
        "grad_a1",
        "grad_h1",
        "dW2",
        "db2",
        "dgamma2",
        "dbeta2",
        "dW1",
        "db1",
        "dgamma1",
        "dbeta1",
        "dX",
    ],
    "rnn_bptt": ["dU", "db", "dx"],
}


@pytest.fixture(scope="module", params=FILES, ids=lambda p: p.stem)
def verified(request):
    return symbn.load(request.param).verify().verified


def _stem(v) -> str:
    return v.model.spec.path.rpartition("/")[2].removesuffix(".toml")


def forms(v):
    """(what, index expression, axes, matrix form) of every expression of `v`."""
    m = v.model
    for name, d in m.definitions.items():
        yield f"definition {name}", d.body, d.index, matrix_form(d.body, d.index, m)
    for c, r in zip(m.claims, v.results, strict=True):
        for side, e in (("lhs", c.lhs), ("rhs", c.rhs), ("closed form", r.closed_form)):
            if e is not None:
                yield f"{c.name} {side}", e, c.free, matrix_form(e, c.free, m)


def test_every_raised_form_holds(verified):
    checked = 0
    for _what, e, axes, node in forms(verified):
        if node is None or any(isinstance(n, tree.Grad) for n in walk(node)):
            continue
        for seed in range(2):
            compare(e, tuple(axes), node, Values(verified.model, seed))
        checked += 1
    assert checked or not WHOLE[_stem(verified)], "nothing raised"


def test_which_claims_raise_whole(verified):
    raised = {what for what, _, _, node in forms(verified) if node is not None}
    m = verified.model
    whole = [
        c.name
        for c in m.claims
        if all(
            f"{c.name} {side}" in raised
            for side, e in (("lhs", c.lhs), ("rhs", c.rhs))
            if e is not None
        )
    ]
    assert whole == WHOLE[_stem(verified)]


def walk(n: tree.Node):
    yield n
    for c in tree.children(n):
        yield from walk(c)
