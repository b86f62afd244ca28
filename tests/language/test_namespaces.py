"""Tensors and functions live in separate namespaces: a name written with `[...]` (or bare,
for a scalar) is a tensor and with `(...)` a function, so a derivation may name an input or
a definition after a function of the language, and adding a function to the language breaks
no file that already uses its name."""

from __future__ import annotations

import pytest
from headers import claim_tables, define_tables, header

from symbn.errors import InputError
from symbn.language import functions
from symbn.verify import verifier

TEXT = (
    header(
        "tensors named after functions",
        'x = { shape = ["N"] }\nsoftplus = { shape = ["N"] }\nexp = { shape = [] }',
    )
    + define_tables(
        [
            ("tanh", "k", "softplus(x[k]) + softplus[k] * exp + tanh(x[k])"),
            ("sigmoid", "", "sum(tanh[k], k)"),
        ]
    )
    + claim_tables(
        [
            (
                "through_the_functions",
                "diff(tanh[k], x[i])",
                "(sigmoid(x[k]) + 1 - tanh(x[k])**2) * Delta(i, k)",
            ),
            ("through_the_tensors", "diff(sigmoid, softplus[i])", "exp"),
            ("a_slip", "diff(sigmoid, softplus[i])", "exp * softplus[i]"),
        ]
    )
)


def test_a_tensor_may_take_the_name_of_a_function(build_model):
    got = {r.name: r.status for r in verifier.Verifier(build_model(TEXT)).run()}
    assert got == {
        "through_the_functions": "proved",
        "through_the_tensors": "proved",
        "a_slip": "refuted",
    }


SMALL = (
    header("an input named after a function", 'x = { shape = ["N"] }\nNAME = { shape = ["N"] }')
    + define_tables([("y", "k", "NAME[k] * x[k] + tanh(x[k])")])
    + claim_tables(
        [
            ("right", "diff(y[k], NAME[i])", "x[k] * Delta(i, k)"),
            ("wrong", "diff(y[k], NAME[i])", "NAME[k] * Delta(i, k)"),
        ]
    )
)


@pytest.mark.parametrize("name", sorted(functions.TABLE))
def test_every_function_name_is_free_for_a_tensor(build_model, name):
    got = {
        r.name: r.status for r in verifier.Verifier(build_model(SMALL.replace("NAME", name))).run()
    }
    assert got == {"right": "proved", "wrong": "refuted"}


@pytest.mark.parametrize("name", sorted(functions.TENSOR_RESERVED))
def test_the_syntax_of_the_language_stays_reserved(build_model, name):
    with pytest.raises(InputError, match="reserved"):
        build_model(TEXT.replace("exp = {", f"{name} = {{").replace("* exp", f"* {name}"))


def test_a_function_called_by_a_tensors_name_is_still_the_function(build_model):
    m = build_model(TEXT)
    assert "softplus" in m.inputs
    assert m.definitions["tanh"].body.has(functions.softplus)
