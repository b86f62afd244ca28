"""A derivative set to zero is a condition to solve, not an identity: its refutation is held
back; a wrong step before it, or a `= 0` stated as a fact, is still refuted."""

from __future__ import annotations

from symbn.verify.document import check
from symbn.verify.stationary import REASON

DOC = r"""Fit $w$ to the $n$ pairs by least squares,
$L = \frac{1}{2} \sum_{i=1}^{n} (w x_i - y_i)^2$.

$$
\frac{\partial L}{\partial w} = \sum_{i=1}^{n} (w x_i - y_i) x_i = 0
$$

$$
\frac{\partial L}{\partial w} = \sum_{i=1}^{n} (w x_i - y_i) = 0
$$

The minimum is where the derivative vanishes:

$$
\frac{\partial L}{\partial w} = 0
$$

$$
\frac{\partial}{\partial w} \sum_{i=1}^{n} y_i^2 = 0
$$

A fact about the loss:

$$
\frac{\partial L}{\partial w} = 0
$$
"""


def statuses() -> dict[int, list[tuple[str, str]]]:
    out: dict[int, list[tuple[str, str]]] = {}
    for f in check(DOC, "doc.md", None).findings:
        out.setdefault(f.where.line, []).append((f.status, f.message))
    return out


def test_the_zero_ending_a_chain_of_a_derivative_is_not_judged():
    row = statuses()[5]
    assert ("proved", "diff(L, w) = sum((w*x[i] - y[i])*x[i], i)") in row
    assert [m for s, m in row if s == "unchecked" and REASON in m]


def test_a_wrong_step_before_the_zero_is_still_refuted():
    assert "refuted" in [s for s, _ in statuses()[9]]


def test_words_that_set_it_to_zero_hold_a_lone_equation_back():
    ((status, message),) = statuses()[15]
    assert status == "unchecked"
    assert REASON in message


def test_a_zero_that_holds_for_every_input_is_proved():
    assert [s for s, _ in statuses()[19]] == ["proved"]


def test_a_zero_stated_as_a_fact_is_refuted():
    assert [s for s, _ in statuses()[25]] == ["refuted"]


RESTATING = r"""Fit $w$ and $b$ to the $n$ pairs with weights $a_i$,
$L = \frac{1}{2} \sum_{i=1}^{n} a_i (w x_i + b - y_i)^2$.

$$
\frac{\partial L}{\partial b} = \sum_{i=1}^{n} a_i (w x_i + b - y_i) = 0
$$

Hence the condition, numbered for later:

$$ -\sum_{i=1}^{n} a_i (w x_i + b - y_i) = 0 $$ \(3\)

$$ 2 \sum_{i=1}^{n} a_i (w x_i + b - y_i) = 0 $$

$$ \sum_{i=1}^{n} a_i (w x_i - b - y_i) = 0 $$

$$ \sum_{i=1}^{n} a_i (w x_i + b - y_i) - \sum_{i=1}^{n} a_i (w x_i + b - y_i) = 0 $$
"""


def test_a_later_row_restating_the_condition_is_not_judged_and_another_is():
    got: dict[int, list[tuple[str, str]]] = {}
    for f in check(RESTATING, "doc.md", None).findings:
        got.setdefault(f.where.line, []).append((f.status, f.message))
    for line in (10, 12):  # the condition of line 5, its sign or a factor changed
        ((status, message),) = got[line]
        assert status == "unchecked"
        assert "restates the condition line 5 sets to zero" in message
    assert [s for s, _ in got[14]] == ["refuted"]  # another expression: a slip
    assert [s for s, _ in got[16]] == ["proved"]  # an identity is still proved
