"""An evaluation bar (`\\right|_{z=0}`, `\\Big|_{w=w_0}`): a function of the language, or
its derivative, at a scalar's point is read at the point (`symbn.language.latex.bars`);
any other bar leaves its row unchecked with that reason, never checked at every point."""

from mutated import mutant_verdicts, verdicts

from symbn.verify.document import check

DOC = r"""# At a point

The sigmoid and tanh.

$$ y = \sigma(z) $$

$$ \left.\frac{d}{dz}\sigma(z)\right|_{z=0} = \frac{1}{4} $$

$$ \sigma'(z)\Big|_{z=0} = \frac{1}{4} $$

$$ \left.\frac{d}{dx}\tanh(x)\right|_{x=1} = 1 - \tanh^2(1) $$

$$ \tanh(x)\bigg|_{x = 0} = 0 $$

$$ \frac{\partial y}{\partial z}\Big|_{z=0} = \frac{1}{4} $$

$$ \left.\frac{d}{dx}\tanh(2x)\right|_{x=0} = 2 $$
"""


def test_a_function_at_a_point_is_read_there():
    got = verdicts(DOC)
    assert got[5] == ["defined"]
    for line in (7, 9, 11, 13):
        assert got[line] == ["proved"], line


def test_slips_at_the_point_are_refuted():
    assert mutant_verdicts(DOC, r"\right|_{z=0}", r"\frac{1}{4}", r"\frac{1}{2}") == ["refuted"]
    assert mutant_verdicts(DOC, r"\sigma'(z)", "z=0", "z=1") == ["refuted"]
    assert mutant_verdicts(DOC, r"_{x=1}", r"\tanh^2(1)", r"\tanh(1)") == ["refuted"]
    assert mutant_verdicts(DOC, r"_{x = 0}", "= 0 $$", "= 1 $$") == ["refuted"]


def test_any_other_bar_is_unchecked_with_its_reason():
    got = verdicts(DOC)
    assert got[15] == got[17] == ["unchecked"]
    reasons = {f.where.line: f.message for f in check(DOC, "doc.md").findings}
    assert "evaluation bar (\\Big|_{…}" in reasons[15]
    assert "evaluation bar (\\right|_{…}" in reasons[17]


def test_a_bar_is_no_unclosed_delimiter():
    lints = [f for f in check(DOC, "doc.md").findings if f.kind == "lint"]
    assert not [f for f in lints if "closes nothing" in f.message]
