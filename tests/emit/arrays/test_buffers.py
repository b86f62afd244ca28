"""Arrays written into again (`arrays.buffers`): which new arrays can be computed into an
existing one with `out=`, which code may be a view of another array, which dead array is
chosen, and the exported layers that use them (a product only summed written into an array,
the value computed later taking that array)."""

from __future__ import annotations

import ast

import pytest
import sympy as sp
from paths import ROOT
from reports import report_of

from symbn.emit.arrays import buffers
from symbn.emit.arrays.buffers import Buffers
from symbn.emit.arrays.statements import Assign, Into, Update
from symbn.emit.frameworks import emitter
from symbn.language import model
from symbn.language.indices import Index
from symbn.source import toml

ARRAY = buffers.is_array(frozenset({"N", "L"}))


def spell(name: str) -> str:
    return f"torch.{name}"


@pytest.mark.parametrize(
    ("code", "want"),
    [
        ("h - mu[:, None]", ("torch.subtract", ("h", "mu[:, None]"))),
        ("gamma * (dy + 1)", ("torch.multiply", ("gamma", "dy + 1"))),
        ("(a + b) / c", ("torch.divide", ("a + b", "c"))),
        ("torch.addcmul(beta, hhat, gamma)", ("torch.addcmul", ("beta", "hhat", "gamma"))),
        ("torch.add(x, y, alpha=2)", ("torch.add", ("x", "y", "alpha=2"))),
        ("L * g", None),  # a size first: torch.multiply takes a tensor first
        ("2 - x", None),
        ("math.sqrt(L) * x", None),
        ("torch.addcmul(beta, hhat, gamma, out=y)", None),  # has its own out=
        ("torch.einsum('ij->i', x)", None),  # no out= taken
        ("np.multiply(a, b)", None),  # another module's function
        ("x @ w", None),
        ("-x", None),
        ("x", None),
    ],
)
def test_a_new_array_is_computed_into_an_existing_one_where_out_can_take_it(code, want):
    assert buffers.into(code, spell, ARRAY) == want


@pytest.mark.parametrize(
    ("code", "view"),
    [
        ("x", True),
        ("x.T", True),
        ("x[:, 0]", True),
        ("np.einsum('ij->ji', x)", True),
        ("np.broadcast_to(x, (N, L))", True),
        ("x * y", False),
        ("-x", False),
        ("x.sum(1) / L", False),
        ("x.sum(1)", False),
        ("torch.addcmul(b, x, g)", False),
        ("np.exp(x)", False),
    ],
)
def test_code_that_may_share_an_arrays_memory_is_told_apart(code, view):
    assert buffers.may_view(code) is view


def test_taking_writes_the_first_statement_into_the_dead_array():
    lines = [Assign("y", "gamma * hhat"), Update("y", "+", "beta")]
    got = buffers.taking(lines, "y", "t1", lambda code: buffers.into(code, spell, ARRAY))
    assert got == [
        Assign("y", "t1"),
        Into("y", "torch.multiply", ("gamma", "hhat")),
        Update("y", "+", "beta"),
    ]
    # statements reading the dead array itself cannot have it as their destination
    reading = [Assign("y", "gamma * hhat"), Update("y", "+", "t1.sum(0)")]
    assert buffers.taking(reading, "y", "t1", lambda c: buffers.into(c, spell, ARRAY)) is None


def test_a_returned_or_pinned_array_is_never_dead_and_an_empty_one_comes_first():
    n, size_l = sp.Symbol("N", integer=True, positive=True), sp.Symbol("L", integer=True)
    axes = (Index("i", n), Index("j", size_l))
    shape = buffers.sizes_of(axes)
    b = Buffers(kept=frozenset({"y"}), rank=2)
    for name in ("y", "g", "t0", "t1"):
        b.made(name, sp.Symbol(name), axes)
    b.outputs |= {"y", "g"}
    b.pin("t0.T")
    assert [x for x in ("y", "g", "t0", "t1") if b.reusable(x)] == ["g", "t1"]
    assert b.dead(shape, lambda name: not b.reusable(name)) == "g"
    b.made("t2", None, axes)  # made empty for a value still to come
    assert b.dead(shape, lambda name: not b.reusable(name)) == "t2"
    assert b.dead(shape, lambda name: name != "t1") == "t1"
    assert b.dead((n,), lambda _: False) is None
    assert Buffers(rank=2).reusable("anything")
    assert not Buffers(kept=None, outputs={"g"}).reusable("g")  # every output returned


def test_the_torch_layer_norm_writes_its_products_into_arrays_it_takes_later():
    m = model.build(toml.load(ROOT / "derivations" / "layernorm.toml"))
    source = emitter.module(report_of(m), "torch")
    assert "(hhat * hhat).sum" not in source
    assert "torch.mul(hhat, hhat, out=buf0).sum(1)" in source
    assert "torch.addcmul(beta, hhat, gamma, out=y)" in source
    assert "torch.mul(hhat, dy, out=g).sum(0)" in source
    tree = ast.parse(source)
    empties = [n for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr == "empty"]
    assert len(empties) == 2  # one each way, and each taken by the pass's full-size result
    assert "jnp.empty" not in emitter.module(report_of(m), "jax")
