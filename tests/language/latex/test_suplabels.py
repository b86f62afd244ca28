"""Labels in a superscript that are part of a name, read with no context: an example's
`(i)`, a step's `<t>` (a recurrent network's lecture notation, here as a Jekyll blog writes
it, between escaped `\\\\[ … \\\\]`), both with a layer's `[L]`; a step a sum runs over is an
index, not a label."""

from __future__ import annotations

import pytest
from documents import slipped

from symbn.language.latex.namesat import name_at
from symbn.language.latex.texlex import tokenize
from symbn.verify.document import check

SOFTMAX = r"""
The output of the i-th example:

$$ a^{(i)[L]}_j = \frac{e^{z^{(i)[L]}_j}}{\sum_k e^{z^{(i)[L]}_k}} $$

$$ \frac{\partial a^{(i)[L]}_j}{\partial z^{(i)[L]}_j} = a^{(i)[L]}_j (1 - a^{(i)[L]}_j) $$
"""

STEP = r"""
The state of step t:

\\[ a^{\<t\>} = \tanh(p^{\<t\>}) \\]

\\[ \frac{\partial a^{\<t\>}}{\partial p^{\<t\>}} = 1 - (a^{\<t\>})^2 \\]
"""

SUMMED = r"""
$$ L = \sum_t \ell^{(t)} $$

$$ \frac{\partial L}{\partial \ell^{(t)}} = 1 $$
"""


@pytest.mark.parametrize(
    ("tex", "base", "spelling", "letters"),
    [
        (r"x^{(i)}", "xi", "x^{(i)}", []),
        (r"a^{<t-1>}", "atm1", "a^{<t-1>}", []),
        (r"z^{(i)[L]}_j", "ziL", "z^{(i)[L]}", ["j"]),
        (r"Z^{[l](i)}", "Zli", "Z^{[l](i)}", []),
        (r"\hat{y}^{(n)}", "yhatn", r"\hat{y}^{(n)}", []),
    ],
)
def test_a_bracketed_label_is_part_of_the_name(tex, base, spelling, letters):
    name = name_at(tuple(tokenize(tex)), 0)
    assert name is not None
    assert (name.base, name.spelling, name.letters) == (base, spelling, letters)


def test_a_summed_step_is_an_index_not_a_label():
    name = name_at(tuple(tokenize(r"\ell^{(t)}")), 0, uppers=frozenset({"t"}))
    assert name is not None
    assert (name.base, name.letters) == ("ell", ["t"])
    statuses = [f.status for f in check(SUMMED, "doc.md").findings]
    assert statuses.count("proved") == 1


@pytest.mark.parametrize("doc", [SOFTMAX, STEP])
def test_labelled_examples_and_steps_are_checked_with_no_context(doc):
    statuses = [f.status for f in check(doc, "doc.md").findings]
    assert "proved" in statuses
    assert "refuted" not in statuses


@pytest.mark.parametrize(
    ("doc", "old", "new"),
    [
        (SOFTMAX, r"(1 - a^{(i)[L]}_j)", r"(1 + a^{(i)[L]}_j)"),
        (STEP, r"= 1 - (a^{\<t\>})^2", r"= 1 - a^{\<t\>}"),
        (STEP, r"= 1 - (a^{\<t\>})^2", r"= 1 + (a^{\<t\>})^2"),
        (SUMMED, "= 1 $$", "= 2 $$"),
    ],
)
def test_a_slip_beside_a_bracketed_label_is_not_proved(doc, old, new):
    got = slipped(doc, old, new)
    assert got
    assert "proved" not in got


def test_an_example_a_sum_runs_over_makes_no_label_beside_a_layer():
    name = name_at(tuple(tokenize(r"z^{(i)[L]}_j")), 0, uppers=frozenset({"i", "j"}))
    assert name is not None
    assert name.base == "z"
