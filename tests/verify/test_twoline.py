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
