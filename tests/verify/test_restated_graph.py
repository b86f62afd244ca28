"""A document that writes its layer again through intermediates it names later (c = x - m,
then s and z through c) and differentiates the loss along that rewritten graph
(symbn.verify.intermediate, symbn.verify.lossmodel): with no context, a derivative of the
loss by c is taken through every line that writes a name through c, a local partial that
holds s fixed is proved with staged partials when no line reads them otherwise (else left
unchecked with the reason), and a slip is never proved."""

from __future__ import annotations

from pathlib import Path

import pytest
from mutated import last_verdict, line_of, verdicts

from symbn.verify.document import check

DOC = (Path(__file__).parents[1] / "markdown" / "scaled_rows_graph.md").read_text(encoding="utf-8")


def test_the_loss_is_differentiated_along_the_rewritten_graph():
    got = verdicts(DOC)
    assert got[line_of(DOC, r"{\partial s_{p}} =")] == ["proved", "proved"]
    assert got[line_of(DOC, r"\frac{2}{H} c_{p q}")] == ["proved"]
    assert "refuted" not in {s for v in got.values() for s in v}


def test_local_partials_are_staged_when_every_line_reads_them_so():
    r = check(DOC, "doc.md")
    local = [f for f in r.findings if f.where.line == line_of(DOC, r"= s_{b} g_{h} \delta")]
    both = [f for f in r.findings if f.where.line == line_of(DOC, r"\frac{\partial s_{b}}{")]
    for f in (*local, *both):
        assert f.status == "proved"
        assert "with staged partials" in f.message


#: A chain rule through z alone: true with total derivatives (∂z/∂c then holds the path
#: through s), false with staged ones.
TOTAL = r"""
$$
\frac{\partial l}{\partial c_{p q}} =
\frac{\partial l}{\partial z_{b h}} \frac{\partial z_{b h}}{\partial c_{p q}}
$$
"""


def test_one_line_that_holds_with_total_derivatives_only_leaves_them_unchecked():
    text = DOC + TOTAL
    r = check(text, "doc.md")
    local = [f for f in r.findings if f.where.line == line_of(text, r"= s_{b} g_{h} \delta")]
    assert [f.status for f in local] == ["unchecked"]
    assert "staged partials" in local[0].message
    lines = text.split("\n")
    last = len(lines) - lines[::-1].index(r"\frac{\partial l}{\partial c_{p q}} =")
    assert verdicts(text)[last] == ["proved"]


@pytest.mark.parametrize(
    ("anchor", "old", "new"),
    [
        (r"\frac{2}{H} c_{p q}", r"\frac{2}{H}", r"\frac{1}{H}"),  # coefficient
        (r"\frac{2}{H} c_{p q}", r"+\frac{\partial l}{\partial z_{p q}}", "-"),  # sign
        (r"{\partial s_{p}} =", r"c_{p h} g_{h}", r"c_{p q} g_{h}"),  # index
        (r"{\partial s_{p}} =", r"=\frac{\partial l}{\partial z_{p h}}", r"=-\frac{\partial l}{"),
        (r"= s_{b} g_{h} \delta", r"= s_{b} g_{h}", r"= 2 s_{b} g_{h}"),  # a local partial
        # a path left out (the one through z: the one through s alone is not the derivative)
        (r"\frac{\partial s_{b}}{", r"+\frac{\partial l}{", r"+0 \frac{\partial l}{"),
    ],
)
def test_a_slip_is_not_proved(anchor: str, old: str, new: str):
    assert "proved" not in last_verdict(DOC, anchor, old, new)
