"""symbn check on a document whose definition cancels to 0 for every input (a variance with
its square left out): a warning at the definition, and a line that holds with the definition
meant is held back, never refuted; a document whose definitions are sound gets neither."""

from __future__ import annotations

from symbn.verify.document import check

FORWARD = r"""
$$ \mu = \frac{1}{N}\sum_{i=1}^N x_i $$

$$ \sigma^2 = \frac{1}{N}\sum_{i=1}^N (x_i - \mu)%s $$

$$ \hat{x}_i = \frac{x_i - \mu}{\sqrt{\sigma^2 + \epsilon}} $$

$$ \frac{\partial \sigma^2}{\partial \mu} = -\frac{2}{N} \sum_{i=1}^N (x_i - \mu) $$
"""


def findings(power: str) -> dict[int, list[tuple[str, str]]]:
    out: dict[int, list[tuple[str, str]]] = {}
    for f in check(FORWARD % power, "doc.md").findings:
        out.setdefault(f.where.line, []).append((f.status, f.message))
    return out


def test_a_definition_that_cancels_is_warned_of_and_the_lines_on_it_held_back():
    got = findings("")
    assert ("warning", "this definition is 0") in [(s, m[:20]) for s, m in got[4]]
    ((status, message),) = got[8]
    assert status == "unchecked"
    assert "0 for every input" in message


def test_sound_definitions_get_no_warning_and_their_lines_are_judged():
    got = findings("^2")
    assert [s for s, _ in got[4]] == ["defined"]
    assert [s for s, _ in got[8]] == ["proved"]
