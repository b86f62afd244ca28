"""An index's range written as its values (`symbn.language.latex.counted`): `i = 1,
\\dots, K` says i runs over 1..K and sets no name, so rows that use i free are read."""

from __future__ import annotations

from symbn.language.latex.counted import counted, counts
from symbn.language.latex.texlex import tokenize
from symbn.verify.document import check


def at_equals(tex: str):
    toks = tokenize(tex)
    return toks, next(k for k, t in enumerate(toks) if t.text == "=")


def test_a_range_written_as_its_values():
    assert counted(*at_equals(r"i=1,\dots,K")) == ("i", "K")
    assert counted(*at_equals(r"i = 1, 2, \ldots, m")) == ("i", "m")
    assert counted(*at_equals(r"l = 1,...,L")) == ("l", "L")
    assert counted(*at_equals(r"\text{for } n = 1, \cdots, N, \quad x = 2")) == ("n", "N")


def test_other_equations_are_no_range():
    assert counted(*at_equals(r"i = 1, 2")) is None  # no dots: two values
    assert counted(*at_equals(r"i = 0, \dots, K")) is None  # from 0
    assert counted(*at_equals(r"i = 1, \dots, K-1")) is None
    assert counted(*at_equals(r"i = 1, \dots, N_l")) is None
    assert counted(*at_equals(r"y_i = 1, \dots, K")) is None  # a name's element
    assert counted(*at_equals(r"y = 1")) is None


def test_a_row_that_starts_with_a_range_names_nothing():
    assert counts(tokenize(r"i=1,\dots,K, \mathbf{z} \in \mathbb{R}^K"))
    assert not counts(tokenize(r"y_i = f(x_i), i = 1, \dots, n"))  # defines y


#: Softmax of scores z; the prose says where i runs, no sum does.
SOFTMAX = r"""The outputs:

$$
s_i = \frac{e^{z_i}}{\sum_{k=1}^{K} e^{z_k}}
$$

where $i = 1, \dots, K$ and $\mathbf{z} \in \mathbb{R}^K$.

$$
\frac{\partial s_i}{\partial z_j} = s_i (\delta_{ij} - s_j)
$$
"""


def _verdicts(text: str, written: str) -> list[str]:
    line = next(n for n, row in enumerate(text.split("\n"), 1) if written in row)
    return [f.status for f in check(text, "doc.md").findings if f.where.line == line]


def test_rows_with_the_index_free_are_read_and_a_slip_is_not_proved():
    assert _verdicts(SOFTMAX, r"\frac{\partial s_i}") == ["proved"]
    assert _verdicts(SOFTMAX, "s_i = ") == ["defined"]
    for slip in (r"s_j (\delta_{ij} - s_j)", r"s_i (\delta_{ij} - s_i)", r"s_i \delta_{ij}"):
        text = SOFTMAX.replace(r"s_i (\delta_{ij} - s_j)", slip)
        assert "proved" not in _verdicts(text, r"\frac{\partial s_i}"), slip
