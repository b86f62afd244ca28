"""Element access written as NumPy writes it, `W[i, k]`, `W_2[k, j]` (a layer's label
before the bracket), read as the element of the named tensor, in the denominator of a
derivative too, and `Z[r, 0]` as the element r of a column vector
(`tests/markdown/bracket_elements.md`, `bracket_layers.md`, `bracket_columns.md`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from documents import slipped

from symbn.language.latex.texlex import tokenize
from symbn.verify.document import check

HERE = Path(__file__).parents[2] / "markdown"
ELEMENTS = (HERE / "bracket_elements.md").read_text(encoding="utf-8")
LAYERS = (HERE / "bracket_layers.md").read_text(encoding="utf-8")
COLUMNS = (HERE / "bracket_columns.md").read_text(encoding="utf-8")


def _proved(doc: str) -> list[str]:
    findings = check(doc, "doc.md").findings
    assert "refuted" not in [f.status for f in findings]
    return [f.message for f in findings if f.status == "proved"]


def test_elements_in_brackets_are_read_and_proved():
    proved = " ".join(_proved(ELEMENTS))
    assert "diff(y[i], W[i, k]) = x[k]" in proved
    assert "diff(L, x[k]) = sum(2*y[i]*W[i, k], i)" in proved
    assert "diff(L, b[i]) = 2*y[i]" in proved


def test_a_layer_before_the_bracket_is_a_label_of_the_name():
    proved = " ".join(_proved(LAYERS))
    assert "diff(y[k], W2[k, j]) = h[j]" in proved
    assert "diff(y[k], x[i]) = sum(W2[k, j]*W1[j, i], j)" in proved
    assert "diff(y[k], W1[j, i]) = W2[k, j]*x[i]" in proved


def test_a_column_vector_written_at_column_0_is_read_at_its_rows():
    proved = " ".join(_proved(COLUMNS))
    assert "diff(C, Z[r]) = 2*(Z[r] - T[r])" in proved
    assert "diff(C, W[r, c]) = 2*(Z[r] - T[r])*X[c]" in proved
    assert "diff(C, X[c]) = sum(2*(Z[r] - T[r])*W[r, c], r)" in proved


@pytest.mark.parametrize(
    ("doc", "old", "new"),
    [
        (ELEMENTS, "= x[k]$", "= x[i]$"),  # the wrong index
        (ELEMENTS, "2 y[i] W[i, k]", "2 y[i] W[k, i]"),  # the transpose
        (ELEMENTS, "= 2 y[i]$", "= y[i]$"),  # the factor dropped
        (LAYERS, "W_2[k, j] W_1[j, i]", "W_2[k, j] W_2[j, i]"),  # the wrong layer
        (LAYERS, "= W_2[k, j] x[i]", "= W_1[k, j] x[i]"),
        (LAYERS, "= W_2[k, j] x[i]", "= W_2[j, k] x[i]"),
        (COLUMNS, "T[r, 0]) X[c, 0]$", "T[r, 0]) X[r, 0]$"),
        (COLUMNS, "T[r, 0]) X[c, 0]$", "T[r, 0]) X[c, 1]$"),  # another column
        (COLUMNS, "0]) W[r, c]$", "0]) W[c, r]$"),
    ],
)
def test_a_slip_in_an_element_a_layer_or_an_index_is_not_proved(doc, old, new):
    got = slipped(doc, old, new)
    assert got
    assert "proved" not in got


def test_a_word_before_the_bracket_labels_the_name():
    doc = (
        "$$y[k] = \\sum_j W_{out}[k, j] h[j]$$\n\n"
        "$$\\frac{\\partial y[k]}{\\partial h[j]} = W_{out}[k, j]$$\n"
    )
    assert _proved(doc) == ["diff(y[k], h[j]) = Wout[k, j]"]
    assert "proved" not in slipped(doc, "= W_{out}[k, j]", "= W_{out}[j, k]")


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("W[i, j]", "W _ { i , j }"),
        ("x[i]^2", "x _ { i } ^ 2"),
        ("\\partial W[i, k]", "\\partial W _ { i , k }"),
        ("A_{l-1}[k, 0]", "A ^ { ( l - 1 ) } _ { k }"),  # a column vector's element k
        ("Z_l [r, 0]", "Z ^ { ( l ) } _ { r }"),  # two positions: a space changes nothing
        ("X[0, j]", "X _ { 0 , j }"),
        ("A_{out}[r, c]", "A ^ { ( o u t ) } _ { r , c }"),
        ("w_3[j, k]", "w ^ { ( 3 ) } _ { j , k }"),
        ("h[t-1, j]", "h _ { t - 1 , j }"),
    ],
)
def test_element_access_is_written_as_a_subscript(written, read):
    assert " ".join(t.text for t in tokenize(written)) == read


@pytest.mark.parametrize(
    "written",
    [
        "E[x]",  # an expectation
        "P[x]",
        "x [i]",  # one position apart from the name: a product
        "x \\in [0, 1]",  # an interval
        "W [x + b]",  # a product with a bracketed sum
        "x[i = j]",  # an Iverson bracket
        "ab[i]",  # a word's last letter
        "x_W [i]",
        "\\sigma[i]",
    ],
)
def test_other_brackets_are_left_as_they_are(written):
    assert "[" in [t.text for t in tokenize(written)]
