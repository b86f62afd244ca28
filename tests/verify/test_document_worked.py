"""Worked examples: an annotated row is checked against the general line above it, and a
general line that does not hold refutes no example."""

from __future__ import annotations

from documents import FRONT

from symbn.verify.document import check

GOOD = r"\Delta_{i,k}\Delta_{j,l} - \frac{1}{N}\Delta_{j,l}"
SLIP = r"\Delta_{i,k}\Delta_{j,l} - \frac{1}{N^2}\Delta_{j,l}"
RULE = "\n$$ \\frac{\\partial u_{k,l}}{\\partial h_{i,j}} = %s $$\n"
EXAMPLES = r"""
$$
\begin{aligned}
\frac{\partial u_{1,1}}{\partial h_{1,1}} &= 1 - \frac{1}{N} & k=1, l=1, i=1, j=1 \\
\frac{\partial u_{2,1}}{\partial h_{1,1}} &= -\frac{1}{N} & k=2, l=1, i=1, j=1
\end{aligned}
$$
"""


def annotations(text: str) -> list[str]:
    return [f.status for f in check(FRONT + text, "doc.md").findings if f.kind == "annotation"]


def test_examples_are_checked_against_the_rule_above_them():
    assert annotations(RULE % GOOD + EXAMPLES + RULE % SLIP) == ["proved", "proved"]


def test_a_rule_below_that_holds_still_checks_the_examples():
    assert annotations(EXAMPLES + RULE % GOOD) == ["proved", "proved"]


def test_a_rule_that_does_not_hold_refutes_no_example():
    r = check(FRONT + EXAMPLES + RULE % SLIP, "doc.md")
    got = [(f.kind, f.status) for f in r.findings if f.kind in ("annotation", "claim")]
    assert got == [
        ("claim", "proved"),
        ("annotation", "unchecked"),
        ("claim", "proved"),
        ("annotation", "unchecked"),
        ("claim", "refuted"),
    ]
    assert all("is not proved" in f.message for f in r.findings if f.kind == "annotation")


def test_a_wrong_example_under_a_rule_that_holds_is_refuted():
    wrong = EXAMPLES.replace(r"&= -\frac{1}{N}", r"&= \frac{1}{N}")
    assert annotations(RULE % GOOD + wrong) == ["proved", "refuted"]


SET = (
    "$$ y = w x + b $$\n\nAny bias below zero works, so a value such as $b = %s$ would do.\n\n"
    "The parameters we pick are\n\n$$ w = 2, \\quad b = %s $$\n\n"
    "$$ \\frac{\\partial y}{\\partial w} = %s $$\n"
)


def statuses(text: str) -> list[tuple[int, str, str]]:
    return [(f.where.line, f.status, f.message) for f in check(text, "doc.md").findings]


def test_a_name_set_to_one_number_then_another_is_set_again_not_refuted():
    got = statuses(SET % ("-2.5", "-3", "x"))
    (again,) = [(s, m) for line, s, m in got if line == 7 and "b = -3" in m]
    assert again[0] == "unchecked"
    assert "line 3 sets this name to another number" in again[1]
    assert (9, "proved", "diff(y, w) = x") in {
        (ln, s, m[: len("diff(y, w) = x")]) for ln, s, m in got
    }


def test_a_derivative_slip_beside_values_set_twice_is_still_refuted():
    got = statuses(SET % ("-2.5", "-3", "2 x"))
    assert [s for line, s, _ in got if line == 9] == ["refuted"]


def test_a_name_restated_by_a_formula_of_names_is_judged():
    """`b = 1 - 4` sets a value as `b = -3` does; `b = y - w x` is a claim about b."""
    assert [s for line, s, m in statuses(SET % ("-2.5", "1 - 4", "x")) if line == 7][-1] == (
        "unchecked"
    )
    got = statuses(SET % ("-2.5", "y - w x - 1", "x"))
    assert [s for line, s, m in got if line == 7 and m.startswith("b = ")] == ["refuted"]
