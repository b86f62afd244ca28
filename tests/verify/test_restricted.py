"""A display that the sentence before it restricts to some indices (`for each $i \\neq j$:`)
is not refuted where it fails only outside that case (`symbn.verify.restricted`)."""

from __future__ import annotations

from symbn.source.document.markdown import read_markdown
from symbn.verify.document import check
from symbn.verify.restricted import restrictions

DOC = r"""# Softmax

$$ y_i = \frac{e^{z_i}}{\sum_k e^{z_k}} $$

Off the diagonal, for each $i \neq j$, the derivative is:

$$ \frac{\partial y_i}{\partial z_j} = -y_i y_j $$

On it:

$$ \frac{\partial y_i}{\partial z_i} = y_i (1 - y_i) $$
"""


def _statuses(text: str, line: int) -> list[str]:
    return [f.status for f in check(text, "doc.md").findings if f.where.line == line]


def test_the_sentence_restricts_the_display_after_it():
    assert restrictions(read_markdown(DOC, "doc.md")) == [(7, 7, r"$i \neq j$")]
    said = "when $k = i$ we get"
    assert restrictions(read_markdown(DOC.replace("for each $i \\neq j$,", said), "d.md"))
    for prose in ("with $N = 3$ rows,", "for each row $x_i$,", "for $i \\neq j$. Then"):
        assert not restrictions(read_markdown(DOC.replace("for each $i \\neq j$,", prose), "d"))


def test_a_line_true_in_the_case_said_is_not_refuted():
    assert _statuses(DOC, 7) == ["unchecked"]
    assert "restricts it to $i \\neq j$" in next(
        f.message for f in check(DOC, "doc.md").findings if f.where.line == 7
    )
    assert _statuses(DOC, 11) == ["proved"]


def test_without_the_sentence_the_line_is_refuted():
    unsaid = DOC.replace("Off the diagonal, for each $i \\neq j$, the derivative is:", "Then:")
    assert _statuses(unsaid, 7) == ["refuted"]
