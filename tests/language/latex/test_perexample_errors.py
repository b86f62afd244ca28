"""A scalar of one example named by a subscript its maths uses nowhere else, `E_n = …`
(`symbn.language.latex.perexample`): one name, defined by its row and differentiated; a
letter that a sum runs over or another name carries stays an index."""

from __future__ import annotations

import pytest
from documents import slipped

from symbn.verify.document import check

DOC = r"""# Squared error of one example

The error of example $n$ is

$$E_n = \frac{1}{2} \sum_k (y_k - d_k)^2$$

with the outputs

$$y_k = \sum_j w_{kj} z_j$$

$$\frac{\partial E_n}{\partial w_{kj}} = (y_k - d_k) z_j$$

$$\frac{\partial E_{n}}{\partial z_j} = \sum_k (y_k - d_k) w_{kj}$$
"""


def _pairs(doc: str) -> set[tuple[int, str]]:
    return {(f.where.line, f.status) for f in check(doc, "doc.md").findings}


def test_the_error_of_one_example_is_defined_and_differentiated():
    assert {(5, "defined"), (11, "proved"), (13, "proved")} <= _pairs(DOC)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("(y_k - d_k) z_j", "(y_k + d_k) z_j"),
        ("(y_k - d_k) z_j", "2 (y_k - d_k) z_j"),
        (r"(y_k - d_k) w_{kj}", r"(y_k - d_k) w_{jk}"),
    ],
)
def test_a_slip_is_refuted_never_proved(old, new):
    got = slipped(DOC, old, new)
    assert "proved" not in got
    assert "refuted" in got


@pytest.mark.parametrize(
    "extra",
    [
        r"$$E = \sum_n E_n$$",  # a sum runs over n: E_n is an element of E
        r"$$x_{n} = d_n$$",  # another name carries n
    ],
)
def test_a_letter_used_elsewhere_stays_an_index(extra):
    assert (5, "defined") not in _pairs(DOC + "\n" + extra + "\n")
