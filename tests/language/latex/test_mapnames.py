"""A last side that names the map a definition defines (`= BN_{\\gamma,\\beta}(x_i)`) is
left out of the row (`symbn.language.latex.mapnames`); any other side stays."""

from __future__ import annotations

import pytest

from symbn.language.latex.mapnames import unnamed
from symbn.language.latex.texlex import tokenize
from symbn.verify.document import check


def _kept(tex: str) -> str:
    toks = tokenize(tex)
    return tex[: unnamed(toks)[-1].end]


@pytest.mark.parametrize(
    "tex",
    [
        r"y_i = a x_i + b = BN_{a, b}(x_i)",
        r"y_i = a x_i + b = BN(x_i)",
        r"y_i = a x_i + b = \mathrm{LN}_{a}(x_i)",
        r"y_i = a x_i + b = \operatorname{BN}(x_i)",
    ],
)
def test_the_name_of_the_map_is_left_out(tex):
    assert _kept(tex) == "y_i = a x_i + b"


@pytest.mark.parametrize(
    "tex",
    [
        r"y = BN(x)",  # the only side after =: the row says what y is
        r"y = z = \mathrm{ReLU}(x)",  # a function symbn knows
        r"y = z = softmax(x)",  # a word in lower case
        r"y = z = BN(x) + 1",  # more than the map's name
        r"y = z = B N",  # not applied
    ],
)
def test_any_other_last_side_stays(tex):
    assert _kept(tex) == tex


DOC = r"""# Scaling a batch

$$
\mu = \frac{1}{n} \sum_{i=1}^{n} x_i
$$

$$
y_i = a (x_i - \mu) + b = SH_{a, b}(x_i)
$$

$$
\frac{\partial y_i}{\partial b} = 1
$$

$$
\frac{\partial y_i}{\partial a} = x_i - \mu
$$
"""


def test_the_row_defines_its_name_and_the_lines_after_it_are_checked():
    found = [(f.where.line, f.status) for f in check(DOC, "doc.md").findings]
    assert (8, "defined") in found
    assert (12, "proved") in found
    assert (16, "proved") in found
    slip = check(DOC.replace("= x_i - \\mu", "= x_i + \\mu"), "doc.md").findings
    assert (16, "refuted") in [(f.where.line, f.status) for f in slip]
