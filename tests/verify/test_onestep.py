"""Derivatives within one step of a recurrence (`symbn.verify.onestep`): by an element at
step t, with the earlier steps held; never by a weight every step shares, nor where a
definition reads a later step, nor across steps."""

from __future__ import annotations

import pytest

from symbn.verify.document import check

DOC = r"""+++
[sizes]
T = "steps"
[indices]
t = "T"
[inputs]
x = { shape = ["T"] }
v = { shape = [] }
[defines]
h = { shape = ["T"] }
+++

$$ h_t = \tanh(v h_{t-1} + x_{t}) $$

$$ \frac{dh_t}{dx_{t}} = 1 - h_t^2 $$
"""


def statuses(doc: str, row: str) -> list[str]:
    """The statuses of the last line of `doc` with `row` put after it."""
    text = f"{doc}\n$$ {row} $$\n"
    return [f.status for f in check(text, "doc.md").findings if f.where.line == text.count("\n")]


def test_a_derivative_at_the_step_is_proved_with_the_earlier_steps_held():
    assert statuses(DOC, r"\frac{dh_t}{dx_{t}} = 1 - \tanh^2(v h_{t-1} + x_t)") == ["proved"]


@pytest.mark.parametrize(
    "row",
    [
        r"\frac{dh_t}{dx_{t}} = 1 - h_{t-1}^2",
        r"\frac{dh_t}{dx_{t-1}} = 0",  # h_t reaches x_{t-1} through h_{t-1}
        r"\frac{dh_t}{dv} = 1 - h_t^2",  # v is every step's
        r"\frac{dh_{t+1}}{dx_{t}} = 0",
    ],
)
def test_a_slip_or_a_derivative_across_steps_is_not_proved(row):
    got = statuses(DOC, row)
    assert got
    assert "proved" not in got


def test_a_definition_that_reads_a_later_step_is_not_taken_within_one():
    doc = DOC.replace("x_{t}) $$", "x_{t+1}) $$", 1)
    assert "proved" not in statuses(doc, r"\frac{dh_t}{dx_{t}} = 0")


def test_a_total_over_the_steps_read_at_each_step_is_not_taken_within_one():
    doc = DOC.replace("v = { shape = [] }", "v = { shape = [] }\n[defines.S]\nshape = []")
    doc = doc.replace("$$ h_t = ", "$$ S = \\sum_t x_t $$\n\n$$ h_t = S + ").replace(
        "= \\tanh(v h_{t-1} + x_{t})", "\\tanh(v h_{t-1} + x_{t})"
    )
    assert "proved" not in statuses(doc, r"\frac{dh_t}{dx_{t}} = 1 - (h_t - S)^2")


#: The recurrence of DOC, with u an input of every step that no line defines.
UNSAID = DOC.replace("v = { shape = [] }", 'v = { shape = [] }\nu = { shape = ["T"] }')


@pytest.mark.parametrize("sign", ["+", "-"])
def test_a_derivative_of_an_input_by_another_is_not_taken_as_zero(sign):
    # ∂u_t/∂x_t, u never defined: how u depends on x is not known, so neither sign is
    # proved by reading it as 0 (the "-" is false wherever it is not)
    du = r"\frac{du_t}{dx_t}"
    row = rf"x_t + \frac{{dh_t}}{{dx_t}} {du} = x_t {sign} (1 - h_t^2) {du}"
    assert statuses(UNSAID, row) == ["unchecked"]
