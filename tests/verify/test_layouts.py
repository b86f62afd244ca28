"""symbn.verify.layouts: a document whose lines hold in two layouts of the Jacobian has a
slip in one of them; each line proved only in the layout read is then unchecked too."""

from __future__ import annotations

from pathlib import Path

from symbn.verify.document import check

DOC = (Path(__file__).parents[1] / "markdown" / "vector_jacobians.md").read_text(encoding="utf-8")
CHAIN = r"\right)^\top \frac{\partial L}{\partial \mathbf{y}}" + "\n"


def verdicts(text: str) -> dict[int, tuple[str, str]]:
    found = check(text, "doc.md").findings
    return {f.where.line: (f.status, f.message) for f in found if f.kind == "claim"}


def test_lines_that_agree_on_the_layout_are_proved():
    got = verdicts(DOC)
    assert [got[n][0] for n in (11, 17, 21, 35)] == ["proved"] * 4


def test_a_dropped_transpose_leaves_the_lines_of_either_layout_unchecked():
    got = verdicts(DOC.replace(CHAIN, CHAIN.replace(r"\right)^\top", r"\right)")))
    assert got[17][0] == "unchecked"
    assert "true in the other" in got[17][1]
    for line in (11, 21):  # proved in numerator layout only: the slip may be theirs
        status, message = got[line]
        assert status == "unchecked"
        assert "in numerator layout only, and line 17 holds only in the other" in message
    assert got[35][0] == "proved"  # a symmetric Jacobian: the same in either layout


def test_a_layout_said_is_the_authors():
    text = '+++\n[notation]\nlayout = "numerator"\n+++\n' + DOC
    text = text.replace(CHAIN, CHAIN.replace(r"\right)^\top", r"\right)"))
    got = verdicts(text)
    assert got[15][0] == got[25][0] == "proved"  # ∂y/∂x = A and Aᵀ, four lines down
    # the dropped transpose is false in the layout said (held back only for the guessed shapes)
    assert got[21][0] == "unchecked"
    assert "refuted only under the inferred context" in got[21][1]
