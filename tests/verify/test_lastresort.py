"""symbn.verify.lastresort: a difference that still holds a user's name beside what it stands
for is zero once every definition is unfolded down to the inputs; a difference that is not
zero stays so."""

from __future__ import annotations

import pytest
import sympy as sp
from headers import claim_tables, define_tables, header

from symbn.canonical.engine import Canon
from symbn.verify import lastresort

INPUTS = 'x = { shape = ["L"] }\ndelta = { shape = [], positive = true }'
TEXT = (
    header("named sub-expressions", INPUTS)
    + define_tables(
        [
            ("var", "l", "x[l]**2"),
            ("std", "l", "sqrt(var[l] + delta)"),
            ("istd", "l", "1 / std[l]"),
            ("g", "l", "exp(-x[l]) * istd[l]"),
        ]
    )
    + claim_tables([("c", "istd[l]", "1 / std[l]")])
)


@pytest.fixture
def model(build_model):
    return build_model(TEXT)


def at(model, name):
    (ell,) = (i for i in model.indices if i.name == "l")
    return model.element(name, (ell,))


def exp_canon():
    return Canon(exp_form=True)


def test_a_name_beside_what_it_stands_for_is_unfolded_to_zero(model):
    var, std, istd, g, x = (at(model, n) for n in ("var", "std", "istd", "g", "x"))
    delta = model.element("delta")
    assert lastresort.zero(model, Canon(), sp.sqrt(var + delta) - std, exp_canon)
    assert lastresort.zero(model, Canon(), std * istd - 1, exp_canon)
    assert lastresort.zero(model, Canon(), g * sp.exp(x) * std - 1, exp_canon)  # exp(-x) exp(x)


def test_a_difference_that_is_not_zero_is_not(model):
    var, std, istd, g = (at(model, n) for n in ("var", "std", "istd", "g"))
    delta = model.element("delta")
    assert not lastresort.zero(model, Canon(), sp.sqrt(var + 2 * delta) - std, exp_canon)
    assert not lastresort.zero(model, Canon(), std * istd - 2, exp_canon)
    assert not lastresort.zero(model, Canon(), g * std - 1, exp_canon)


def test_inputs_only_leaves_no_definition_and_gives_up_past_its_limit(model):
    istd = at(model, "istd")
    flat = lastresort.inputs_only(model, Canon(), istd)
    assert flat is not None
    assert not {"var", "std", "istd", "g"} & {str(b) for b in flat.atoms(sp.IndexedBase)}
    assert lastresort.inputs_only(model, Canon(), istd, limit=1) is None
