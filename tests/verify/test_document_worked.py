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
