"""A scripted name written at its input vector, `y_k(\\mathbf{x})`, is the name alone
(`symbn.language.latex.perexample`); any other bracket after a name stays as written."""

from __future__ import annotations

import pytest

from symbn.language.latex.perexample import valued
from symbn.language.latex.texlex import tokenize
from symbn.verify.document import check


def _read(tex: str) -> str:
    toks = tokenize(tex)
    kept = valued(toks)
    return "".join(tex[t.start : t.end] for t in kept)


@pytest.mark.parametrize(
    ("tex", "read"),
    [
        (r"y_l(\boldsymbol{x}) - d_l", "y_l-d_l"),
        (r"y_{k}(\mathbf{x})", "y_{k}"),
        (r"y^{(3)}_k(\mathbf{x}_n)", "y^{(3)}_k"),
        (r"y_k(\bm{x}_{n})", "y_k"),
        (r"(y_j(\boldsymbol{x})-d_j)z_i", "(y_j-d_j)z_i"),
    ],
)
def test_the_input_bracket_is_dropped(tex, read):
    assert _read(tex) == read


@pytest.mark.parametrize(
    "tex",
    [
        r"W_1(\mathbf{x} + b)",  # more than the input in the bracket
        r"y_k (\mathbf{x})",  # written apart from the name
        r"c(\mathbf{R})",  # no script: a word's call (see calls)
        r"y_k(x)",  # not a bold vector
        r"y_k(\mathbf{x}^2)",  # a power of it
        r"y_k(\mathbf{x}_{n+1})",  # a position of it
    ],
)
def test_any_other_bracket_stays(tex):
    assert valued(tokenize(tex)) == tokenize(tex)


DOC = r"""# Output weights

The error of one example is

$$
E = \frac{1}{2} \sum_{l} (y_l(\boldsymbol{x}) - d_l)^2
$$

with the output units

$$
y_k = \sum_{i} w_{ki} z_i
$$

$$
\frac{\partial E}{\partial w_{ji}} = (y_j(\boldsymbol{x}) - d_j) z_i
$$
"""


def _found(doc: str) -> list[tuple[int, str]]:
    return [(f.where.line, f.status) for f in check(doc, "doc.md").findings]


def test_the_value_at_the_input_is_the_output_unit():
    found = _found(DOC)
    assert (6, "defined") in found
    assert (16, "proved") in found


def test_a_slip_at_the_input_is_refuted_never_proved():
    slips = [
        DOC.replace(r"(y_j(\boldsymbol{x}) - d_j) z_i", r"(y_j(\boldsymbol{x}) + d_j) z_i"),
        DOC.replace(r"(y_j(\boldsymbol{x}) - d_j) z_i", r"(y_i(\boldsymbol{x}) - d_i) z_j"),
    ]
    for slip in slips:
        found = _found(slip)
        assert (16, "refuted") in found
        assert (16, "proved") not in found
