"""symbn.language.recurrence: a definition may refer to itself at an earlier step of one axis,
and nothing else of itself; what is refused is named at its column."""

from __future__ import annotations

import pytest

from symbn.errors import InputError

HEAD = """[derivation]
title = "r"
[sizes]
T = "steps"
H = "units"
[indices]
t = "T"
s = "T"
j = "H"
m = "H"
[inputs]
W = { shape = ["H", "H"] }
x = { shape = ["T", "H"] }
"""


CLAIM = '[[claim]]\nname = "c"\nlhs = "diff(x[1, 1], x[1, 1])"\nrhs = "1"\n'


def defined(expr: str, index: str = '["t", "j"]') -> str:
    return HEAD + f'[[define]]\nname = "h"\nindex = {index}\nexpr = "{expr}"\n' + CLAIM


@pytest.mark.parametrize(
    ("expr", "lags"),
    [
        ("tanh(sum(W[j, m] * h[t - 1, m], m) + x[t, j])", (1,)),
        ("h[t - 1, j] + h[t - 2, j] + x[t, j]", (1, 2)),
        ("x[t, j] + h[t - 1, 1]", (1,)),
    ],
)
def test_a_self_reference_at_earlier_steps_is_a_recurrence(build_model, expr, lags):
    h = build_model(defined(expr)).definitions["h"]
    assert h.recurrence is not None
    assert h.recurrence.axis == 0
    assert h.recurrence.lags == lags


def test_the_time_axis_may_be_any_axis(build_model):
    h = build_model(defined("x[t, j] + h[j, t - 1]", '["j", "t"]')).definitions["h"]
    assert h.recurrence.axis == 1
    assert h.recurrence.lags == (1,)


REFUSED = [
    ("h[t, j] + x[t, j]", "uses itself at h[t, j]"),
    ("h[t + 1, j] + x[t, j]", "uses itself at h[t + 1, j]"),
    ("sum(h[s - 1, j], s) + x[t, j]", "uses itself at h[s - 1, j]"),
    ("h[t - 1, j - 1] + x[t, j]", "uses itself at h[t - 1, j - 1]"),
    ("h[t - 1, j] + h[t, j - 1] + x[t, j]", "more than one axis"),
]


@pytest.mark.parametrize(("expr", "message"), REFUSED, ids=[r[0] for r in REFUSED])
def test_any_other_self_reference_is_refused_at_its_use(build_model, expr, message):
    with pytest.raises(InputError) as info:
        build_model(defined(expr))
    assert message in info.value.message
    line = defined(expr).splitlines()[info.value.where.line - 1]
    assert line[info.value.where.col - 1 :].startswith("h[")  # the first use of itself


def test_a_scalar_may_not_use_itself(build_model):
    text = HEAD + '[[define]]\nname = "a"\nexpr = "a + 1"\n' + CLAIM
    with pytest.raises(InputError, match="a definition may refer to itself only"):
        build_model(text)


def test_a_later_definition_is_still_refused(build_model):
    text = defined("g[t, j]").replace(
        "[[claim]]", '[[define]]\nname = "g"\nindex = ["t", "j"]\nexpr = "x[t, j]"\n[[claim]]'
    )
    with pytest.raises(InputError, match="which is defined later"):
        build_model(text)
