"""A total derivative by the state of a recurrence written over two lines is read through
the next pre-activation (`symbn.verify.twoline`): a true line is proved by induction, a slip
refuted, and a line true only with the later steps held is unchecked, never refuted."""

from __future__ import annotations

from paths import ROOT

from symbn.verify.document import check

VECTORS = (ROOT / "tests" / "markdown" / "rnn_two_line_vectors.md").read_text(encoding="utf-8")


def found(text: str) -> list[tuple[int, str, str]]:
    return [(f.where.line, f.status, f.message) for f in check(text, "doc.md").findings]


def at(text: str, line: str) -> list[tuple[str, str]]:
    (n,) = [k + 1 for k, x in enumerate(text.split("\n")) if x == line]
    return [(s, m) for k, s, m in found(text) if k == n]


def test_the_state_gradients_of_a_vector_recurrence_are_proved():
    got = [(s, m) for _, s, m in found(VECTORS) if s not in {"defined", "warning"}]
    assert [s for s, _ in got] == ["proved", "proved", "proved", "proved"]  # the chain rule too


def test_the_state_gradient_without_the_next_step_is_refuted():
    line = r"$$\frac{\partial E}{\partial z_{ti}} = g_{ti} \sigma'(z_{ti})$$"
    got = at(VECTORS + "\n" + line + "\n", line)
    assert [s for s, _ in got] == ["refuted"]


def test_a_line_true_with_the_later_steps_held_is_unchecked():
    """∂E/∂s_t written as its direct part: false as a total derivative, true as the author
    may mean it; said, not refuted."""
    line = r"$$\frac{\partial E}{\partial s_{ti}} = g_{ti}$$"
    ((status, message),) = at(VECTORS + "\n" + line + "\n", line)
    assert status == "unchecked"
    assert "direct parts (the later steps held)" in message


CHAIN = (ROOT / "tests" / "markdown" / "rnn_chain_rule.md").read_text(encoding="utf-8")
REPEATED = (
    r"$$\frac{\partial J}{\partial s_t} = \frac{\partial J}{\partial s_t} + "
    r"\frac{\partial J}{\partial s_{t+1}} \frac{\partial s_{t+1}}{\partial s_t}$$"
)


def test_one_symbol_for_the_total_and_its_direct_part_is_read_so():
    """∂J/∂s_t = ∂J/∂s_t + ∂J/∂s_{t+1} ∂s_{t+1}/∂s_t: the total on the left, the direct part
    on the right; proved so, and the finding says how it was read."""
    ((status, message),) = at(CHAIN, REPEATED)
    assert status == "proved"
    assert "the total and the same one on the right its direct part" in message


def test_a_slip_in_a_repeated_derivative_is_unchecked_not_proved():
    for old, new in (
        (r"+ \frac{\partial J}{\partial s_{t+1}}", r"- \frac{\partial J}{\partial s_{t+1}}"),
        (r"{\partial s_t}$$", r"{\partial s_{t-1}}$$"),
    ):
        line = REPEATED.replace(old, new)
        ((status, message),) = at(CHAIN.replace(REPEATED, line), line)
        assert status == "unchecked"
        assert "the same derivative stands on both sides" in message


def test_a_repeated_derivative_outside_a_two_line_recurrence_is_unchecked():
    mlp = (ROOT / "tests" / "markdown" / "mlp_chain_rule.md").read_text(encoding="utf-8")
    line = (
        r"$$\frac{\partial L}{\partial h} = \frac{\partial L}{\partial h} + "
        r"\frac{\partial L}{\partial y} \frac{\partial y}{\partial h}$$"
    )
    ((status, message),) = at(mlp + "\n" + line + "\n", line)
    assert status == "unchecked"
    assert "only for the state of a recurrence written over two lines" in message
