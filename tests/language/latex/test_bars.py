"""An evaluation bar (`\\right|_{z=0}`, `\\Big|_{w=w_0}`) is not read: its row is unchecked
with that reason, never checked as the expression at every point (which would refute a true
value) and never proved."""

from mutated import verdicts

from symbn.verify.document import check

DOC = r"""# At a point

The sigmoid.

$$ y = \sigma(z) $$

$$ \left.\frac{d}{dz}\sigma(z)\right|_{z=0} = \frac{1}{4} $$

$$ \frac{\partial y}{\partial z}\Big|_{z=0} = \frac{1}{4} $$

$$ \frac{\partial y}{\partial z}\bigg|_{z = 0} = \frac{1}{2} $$

$$ \frac{\partial y}{\partial z} \vert_{z = 0} = \frac{1}{4} $$
"""


def test_a_row_with_an_evaluation_bar_is_unchecked_with_its_reason():
    got = verdicts(DOC)
    assert got[5] == ["defined"]
    for line in (7, 9, 11, 13):
        assert got[line] == ["unchecked"], line
    reasons = {f.where.line: f.message for f in check(DOC, "doc.md").findings}
    assert "evaluation bar" in reasons[7]
    assert "\\Big|" in reasons[9]


def test_a_bar_is_no_unclosed_delimiter():
    lints = [f for f in check(DOC, "doc.md").findings if f.kind == "lint"]
    assert not [f for f in lints if "closes nothing" in f.message]
