"""A chain that starts at a defined name, `Z = 3 (X - m) = 3 R`, restates the name through
what its later sides use once the name equal to each side is proved: a derivative by R of
what is computed from Z is then taken through that side. A side that does not hold restates
nothing."""

from __future__ import annotations

from pathlib import Path

from symbn.verify.document import check

DOC = (Path(__file__).parents[1] / "markdown" / "restated_chain.md").read_text(encoding="utf-8")


def verdicts(text: str) -> list[tuple[int, str]]:
    found = check(text, "doc.md").findings
    return [(f.where.line, f.status) for f in found if f.where.line > 3]


def test_a_derivative_is_taken_through_the_side_the_chain_proved():
    assert verdicts(DOC) == [(6, "defined"), (6, "proved"), (12, "proved")]


def test_a_wrong_derivative_through_the_restated_name_is_never_proved():
    wrong = DOC.replace(r"= 3 \frac{\partial J}", r"= 2 \frac{\partial J}")
    got = verdicts(wrong)
    assert got[:2] == [(6, "defined"), (6, "proved")]
    assert [s for line, s in got if line == 12] in (["refuted"], ["unchecked"])


def test_a_side_that_does_not_hold_restates_nothing():
    slipped = DOC.replace("= 3 R", "= 2 R").replace(
        r"= 3 \frac{\partial J}", r"= 2 \frac{\partial J}"
    )
    got = verdicts(slipped)
    assert (6, "refuted") in got
    assert [s for line, s in got if line == 12] == ["unchecked"]
