"""A recurrence read from a Markdown document: h^{(t)}, h^{(t-1)}, h^{(t+1)} and h_{t-1,j} are
steps on the time axis; the backward pass through time is proved by induction, whichever way
the steps are written, and its slips are refuted with a counterexample."""

from __future__ import annotations

import pytest
from paths import ROOT

import symbn
from symbn.verify.status import Status

DOC = ROOT / "tests" / "markdown" / "elman_steps.md"
NEXT_SQUARED = r"(h^{(t+1)}_j)^2"


def statuses(tmp_path, text: str) -> list[tuple[Status, str]]:
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    return [(f.status, f.message) for f in symbn.check(path, timeout=60).findings]


def by_subscripts(text: str) -> str:
    """The same document with every step written as a subscript, h_{t-1,m}."""
    for step, letter in (("t-1", "m"), ("t+1", "j"), ("t", "j"), ("t", "m")):
        text = text.replace(f"h^{{({step})}}_{letter}", f"h_{{{step},{letter}}}")
    return text


@pytest.mark.parametrize("style", ["superscripts", "subscripts"])
def test_the_backward_pass_through_time_is_proved(tmp_path, style):
    text = DOC.read_text(encoding="utf-8")
    if style == "subscripts":
        text = by_subscripts(text)
        assert "h^{(t" not in text
    got = statuses(tmp_path, text)
    assert [s for s, _ in got] == [Status.DEFINED, Status.DEFINED, Status.PROVED, Status.PROVED]


SLIPS = [
    (NEXT_SQUARED, r"(h^{(t)}_m)^2"),  # 1 - h^2 at the step itself
    (r"\sum_j W_{j,m} \frac", r"\sum_j W_{m,j} \frac"),  # W instead of its transpose
    (r"= g_{t,m} + \sum_j", r"= \sum_j"),  # the direct term dropped
]


@pytest.mark.parametrize(("old", "new"), SLIPS)
def test_a_slip_in_the_recursion_is_refuted(tmp_path, old, new):
    text = DOC.read_text(encoding="utf-8")
    assert text.count(old) == 1
    got = statuses(tmp_path, text.replace(old, new))
    assert [s for s, _ in got] == [Status.DEFINED, Status.DEFINED, Status.REFUTED, Status.PROVED]
    assert "diff(L, h[t, m])" in got[2][1]


TWO_LINES = ROOT / "tests" / "markdown" / "two_line_recurrence.md"


def test_a_recurrence_written_over_two_lines_is_read_with_no_context(tmp_path):
    got = statuses(tmp_path, TWO_LINES.read_text(encoding="utf-8"))
    kinds = [s for s, _ in got if s != Status.WARNING]
    assert kinds == [
        *[Status.DEFINED] * 5,
        Status.PROVED,  # the read-out weight
        Status.PROVED,  # through the recurrence, going forward: one step of the chain rule
        Status.PROVED,  # by the state at the step the read-out reads
        Status.UNCHECKED,  # by a state that later steps read: never its direct part alone
        Status.PROVED,  # the state's tangent, going forward
    ]
    assert "s and z make one recurrence over two lines" in got[-2][1]


def test_a_slip_through_a_two_line_recurrence_is_refuted(tmp_path):
    text = TWO_LINES.read_text(encoding="utf-8")
    old = r"\frac{\partial s^{t-1}}{\partial c} + 1$$"
    assert text.count(old) == 1
    got = statuses(tmp_path, text.replace(old, old[:-3] + "2$$"))
    assert [s for s, m in got if "diff(z[t], c)" in m] == [Status.REFUTED]


def test_a_derivative_by_the_state_before_is_not_taken_with_the_state_held(tmp_path):
    """o^t reads s^{t-1} through z^t: with s held it would be 0, and the true line refuted;
    taken through z^t, the link the line writes, it is proved, and 0 is not."""
    line = r"$$\frac{\partial o^t}{\partial s^{t-1}} = r (1 - (s^t)^2) p$$"
    got = statuses(tmp_path, TWO_LINES.read_text(encoding="utf-8") + "\n" + line + "\n")
    assert got[-1][0] == Status.PROVED
    zero = r"$$\frac{\partial o^t}{\partial s^{t-1}} = 0$$"
    got = statuses(tmp_path, TWO_LINES.read_text(encoding="utf-8") + "\n" + zero + "\n")
    assert got[-1][0] != Status.PROVED


FROM_ZERO = ROOT / "tests" / "markdown" / "steps_from_zero.md"


def test_steps_counted_from_zero_are_read_as_the_first_positions(tmp_path):
    got = statuses(tmp_path, FROM_ZERO.read_text(encoding="utf-8"))
    kinds = [s for s, _ in got if s != Status.WARNING]
    # z^0 = q x^0: the recurrence at its first step (h before it is zero), proved
    assert kinds == [Status.DEFINED, Status.PROVED, *[Status.DEFINED] * 2, *[Status.PROVED] * 2]
    assert "z[1] = q*x[1]" in got[3][1]


def test_a_slip_at_step_zero_is_refuted(tmp_path):
    text = FROM_ZERO.read_text(encoding="utf-8")
    assert text.count("(1 - (s^0)^2) x^0") == 1
    got = statuses(tmp_path, text.replace("(1 - (s^0)^2) x^0", "(1 - s^0) x^0"))
    assert [s for s, m in got if "diff(s[1], q)" in m] == [Status.REFUTED]


def test_a_state_at_step_zero_alone_is_not_a_sequence_from_zero(tmp_path):
    """h_0 = 0 is the state before the first step: positions still start at 1."""
    text = "$$h_t = \\tanh(w h_{t-1} + x_t)$$\n\n$$h_0 = 0$$\n\n$$J = \\sum_{t=1}^{T} h_t$$\n"
    got = statuses(tmp_path, text)
    assert any("indices start at 1" in m for _, m in got)


def test_a_size_written_as_a_value_is_not_refuted_when_steps_count_from_zero(tmp_path):
    """Steps 0..T are positions 1..T: the size T then counts T + 1 of the document's steps,
    so a line that writes T as a number is not refuted on that reading."""
    line = r"$$\sum_{t=0}^{T} 1 = T + 1$$"
    got = statuses(tmp_path, FROM_ZERO.read_text(encoding="utf-8") + "\n" + line + "\n")
    assert got[-1][0] == Status.UNCHECKED
    assert "positions counted from 0" in got[-1][1]


def test_a_slip_going_forward_is_refuted(tmp_path):
    """1 - s^2 taken at the step before in the tangent's recurrence."""
    text = TWO_LINES.read_text(encoding="utf-8")
    old = r"(1 - (s^t)^2)\left"
    assert text.count(old) == 1
    got = statuses(tmp_path, text.replace(old, r"(1 - (s^{t-1})^2)\left"))
    assert [s for s, m in got if "diff(s[t], c)" in m] == [Status.REFUTED]


@pytest.mark.parametrize(
    ("line", "want"),
    [
        # by the recurrence at the step the state reads it: the partial, proved
        (
            r"\frac{\partial s^t}{\partial c} = \frac{\partial s^t}{\partial z^t}"
            r"\frac{\partial z^t}{\partial c}",
            Status.PROVED,
        ),
        # by the step before: the later step recomputed, so not the partial alone
        (r"\frac{\partial s^{t+1}}{\partial z^t} = 1 - (s^{t+1})^2", Status.REFUTED),
    ],
)
def test_a_derivative_by_the_recurrence_at_its_own_step_is_the_partial(tmp_path, line, want):
    text = TWO_LINES.read_text(encoding="utf-8") + "\n$$" + line + "$$\n"
    assert statuses(tmp_path, text)[-1][0] == want


CHAIN = ROOT / "tests" / "markdown" / "rnn_chain_rule.md"


def test_a_gradient_times_the_state_jacobian_is_proved_through_the_recurrence(tmp_path):
    """∂J/∂z_t = ∂J/∂s_t ∂s_t/∂z_t: the chain rule's link taken at the step (a delta), the
    total derivative by s left to the induction."""
    got = statuses(tmp_path, CHAIN.read_text(encoding="utf-8"))
    claims = [s for s, _ in got if s not in {Status.DEFINED, Status.WARNING}]
    assert claims[:2] == [Status.PROVED, Status.PROVED]
    assert Status.REFUTED not in claims


def test_a_chain_through_the_wrong_step_is_not_proved(tmp_path):
    text = CHAIN.read_text(encoding="utf-8")
    old = r"= \frac{\partial J}{\partial s_t} \frac{\partial s_t}{\partial z_t}$$"
    assert text.count(old) == 1
    new = r"= \frac{\partial J}{\partial s_{t+1}} \frac{\partial s_{t+1}}{\partial z_t}$$"
    got = statuses(tmp_path, text.replace(old, new))
    claims = [s for s, _ in got if s not in {Status.DEFINED, Status.WARNING}]
    assert claims[0] != Status.PROVED
