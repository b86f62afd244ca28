"""symbn.language.latex.aliases: two sizes that bound sums along one axis are one size,
the second a spelling of the first (`tests/markdown/two_bounds.md`), unless shapes name
both."""

from __future__ import annotations

from pathlib import Path

from documents import slipped

from symbn.language.latex.guessed import toml_of
from symbn.verify.document import check

DOC = (Path(__file__).parents[2] / "markdown" / "two_bounds.md").read_text(encoding="utf-8")


def test_a_second_bound_along_one_axis_is_a_spelling_of_the_first():
    context = toml_of(DOC, "doc.md")
    assert '[spellings]\nC = ["M"]' in context
    assert 'M = "from the document"' not in context
    findings = check(DOC, "doc.md").findings
    assert [f.status for f in findings].count("proved") == 1
    assert [f.status for f in findings].count("defined") == 2


def test_a_slip_through_the_second_bound_is_not_proved():
    got = slipped(
        DOC, r"\frac{\partial A}{\partial s_c} = p_c", r"\frac{\partial A}{\partial s_c} = 2 p_c"
    )
    assert got
    assert "proved" not in got


def test_sizes_that_shapes_name_apart_stay_apart():
    text = DOC.replace("over $M$ terms", r"over $q \in \mathbb{R}^{M}$, $s \in \mathbb{R}^{C}$")
    assert 'C = ["M"]' not in toml_of(text, "doc.md")
