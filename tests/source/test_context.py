"""The context of a document: the tables of matrix notation, [gradients] and [notation]."""

from __future__ import annotations

import pytest

from symbn.errors import InputError
from symbn.source.context import SPARES, read_context, with_spares

BASE = (
    '[sizes]\nN = "rows"\nC = "classes"\n[indices]\nn = "N"\n[inputs]\nZ = { shape = ["N", "C"] }\n'
)


def test_gradients_and_notation_are_read():
    ctx = read_context(
        "c.toml",
        (
            BASE + '[defines]\nell = { shape = [] }\n[gradients]\nell = ["d", "G_"]\n'
            '[notation]\nstar = "elementwise"\nsoftmax = "columns"\n'
        ).encode(),
    )
    assert ctx.gradients == (("d", "ell"), ("G_", "ell"))
    assert ctx.notation == (("star", "elementwise"), ("softmax", "columns"))


@pytest.mark.parametrize(
    ("extra", "message", "line"),
    [
        ('[notation]\nstars = "elementwise"\n', "unknown key 'stars' in \\[notation\\]", 9),
        ('[notation]\nprime = "derivatives"\n', 'prime is "derivative" or "transpose"', 9),
        ('[gradients]\nZ = ["d"]\n', "'Z', which is not a scalar", 9),
    ],
)
def test_bad_tables_are_bad_input_at_their_line(extra, message, line):
    with pytest.raises(InputError, match=message) as err:
        read_context("c.toml", (BASE + extra).encode())
    assert err.value.where is not None
    assert err.value.where.line == line


def test_spare_letters_are_dealt_to_each_size_and_avoid_the_document():
    ctx = read_context("c.toml", BASE.encode())
    spared = with_spares(ctx, "$$ p = q_n $$")
    letters = {i.name: i.size for i in spared.indices}
    assert sum(1 for s in letters.values() if s == "N") == SPARES
    assert sum(1 for s in letters.values() if s == "C") >= SPARES - 1  # the pool runs out
    assert "p" not in letters  # written alone in the document
    assert "q" not in letters  # q_n is the symbol q


def test_spare_letters_go_to_a_tensors_axes_before_a_size_no_tensor_has():
    ctx = read_context("c.toml", (BASE + '[sizes.F]\ndescription = "unused"\n').encode())
    spared = with_spares(ctx, "$$ p = q_n $$")
    over = [i.size for i in spared.indices]
    assert over.count("N") == SPARES
    assert over.count("F") < SPARES  # what is left of the pool
