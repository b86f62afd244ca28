"""Mutants of a document of our own: each changes one display line (a coefficient, a sign,
an index, an exponent, a side condition), and the changed line must lose a proof — it is
refuted or unchecked, never proved — while no line above it changes its verdict."""

from __future__ import annotations

from pathlib import Path

import pytest

from symbn.verify.document import check

DOC = (Path(__file__).parents[1] / "markdown" / "column_statistics.md").read_text(encoding="utf-8")

#: (a line of DOC, what in it changes, into what): each mutant makes the line false. (Not
#: every change does: (h_{pl} + \mu_l) for (h_{pl} - \mu_l) in the variance's sum leaves it
#: true, as the sum of h_{pl} - \mu_l over p is zero; symbn proves that mutant.)
MUTANTS = [
    # coefficients
    (r"= \frac{1}{N}\Delta_{j,l} $$", r"\frac{1}{N}", r"\frac{2}{N}"),
    (r"&= \frac{2}{N}\sum_p", r"\frac{2}{N}", r"\frac{3}{N}"),
    (r"&= \frac{2}{N}(h_{il}", r"\frac{2}{N}", r"\frac{1}{N}"),
    (r"&= \frac{1}{N} & l=1", r"\frac{1}{N}", r"\frac{1}{2N}"),
    (r"\text{for } l \neq j", "= 0", "= 1"),
    (r"\qquad", r"{\partial h_{2,2}} = \frac{1}{N}", r"{\partial h_{2,2}} = \frac{2}{N}"),
    (r"\frac{\partial v_l}{\partial h_{ij}}", r"-\frac{1}{2}", r"-\frac{1}{4}"),
    (r"&=& \frac{1}{N}", r"\frac{1}{N}", "N"),
    # signs
    (r"= \frac{1}{N}\Delta_{j,l} $$", r"= \frac{1}{N}", r"= -\frac{1}{N}"),
    (r"&= \frac{2}{N}\sum_p", r"&= \frac{2}{N}", r"&= -\frac{2}{N}"),
    (r"&= \frac{2}{N}(h_{il}", r"(h_{il} - \mu_l)", r"(h_{il} + \mu_l)"),
    (r"\frac{\partial v_l}{\partial h_{ij}}", r"= -\frac{1}{2}", r"= \frac{1}{2}"),
    (r"&=& -\frac{1}{2}", r"&=& -\frac{1}{2}", r"&=& \frac{1}{2}"),
    # indices
    (r"= \frac{1}{N}\Delta_{j,l} $$", r"\Delta_{j,l}", r"\Delta_{i,l}"),
    (r"&= \frac{1}{N} & l=1", r"h_{1,1}} &=", r"h_{1,2}} &="),
    (r"&= 0 & l=2", r"\mu_2}", r"\mu_1}"),
    (r"\text{for } l \neq j", r"l \neq j", r"l = j"),
    (
        r"\qquad",
        r"\frac{\partial \mu_1}{\partial h_{1,1}}",
        r"\frac{\partial \mu_1}{\partial h_{1,2}}",
    ),
    (r"&=& \frac{1}{N}", r"h_{il}", r"h_{ij}"),
    # exponents
    (r"\frac{\partial v_l}{\partial h_{ij}}", "^{-3/2}", "^{-1/2}"),
    (r"&=& -\frac{1}{2}", "^{-3/2}", "^{3/2}"),
    (r"&= \frac{2}{N}(h_{il}", r"\frac{2}{N}", r"\frac{2}{N^2}"),
]


def verdicts(text: str) -> dict[int, list[tuple[int, str]]]:
    out: dict[int, list[tuple[int, str]]] = {}
    for f in check(text, "doc.md").findings:
        out.setdefault(f.where.line, []).append((f.where.col, f.status))
    return out


@pytest.fixture(scope="module")
def original():
    return verdicts(DOC)


def test_the_document_is_proved(original):
    statuses = {s for line in original.values() for _, s in line}
    assert statuses <= {"proved", "defined"}, original
    assert sum(s == "proved" for line in original.values() for _, s in line) >= 13


@pytest.mark.parametrize(("where", "old", "new"), MUTANTS)
def test_a_mutated_line_loses_its_proof_and_the_lines_above_keep_theirs(original, where, old, new):
    lines = DOC.split("\n")
    (n,) = [k for k, x in enumerate(lines) if where in x]
    assert lines[n].count(old) == 1, (where, old)
    lines[n] = lines[n].replace(old, new)
    got = verdicts("\n".join(lines))
    line = n + 1
    before = [s for _, s in original.get(line, [])]
    after = [s for _, s in got.get(line, [])]
    assert set(after) & {"refuted", "unchecked"}, (lines[n], after)
    assert after.count("proved") < before.count("proved"), (lines[n], after)
    assert {k: v for k, v in got.items() if k < line} == {
        k: v for k, v in original.items() if k < line
    }
