"""Each lint fires where its slip is written, and not on the same maths written well."""

from __future__ import annotations

import dataclasses

import pytest

from symbn.language.latex.lints import lint
from symbn.language.latex.rows import read_display
from symbn.language.latex.symbols import Symbols
from symbn.source.document.markdown import read_markdown


def warnings(text, bn, *codes):
    """(code, line, col, message) of each lint, of the given codes (all when none)."""
    doc = read_markdown(text, "doc.md")
    lines = [line for d in doc.displays for line in read_display(d, bn)]
    return [
        (n.code, n.where.line, n.where.col, n.message)
        for n in lint(lines, bn)
        if not codes or n.code in codes
    ]


@pytest.mark.parametrize(
    ("slip", "message", "col"),
    [
        (
            r"$$ \sigma^2_1 = \frac{2}{N} \big[ h_{1,1} + h_{2,1} $$",
            "\\big[ is never closed in this row",
            29,
        ),
        (r"$$ \mu_1 = \mu_1 \big) $$", "\\big) closes nothing in this row", 18),
        (r"$$ \mu_1 = \big( \mu_1 \Big) $$", "\\big( is closed by \\Big)", 24),
        (r"$$ \mu_1 = \left( \mu_1 ) $$", "\\left( is closed by )", 25),
        (r"$$ \mu_1 = ( \mu_1 ] $$", "( is closed by ]", 20),
    ],
)
def test_delimiters_that_do_not_pair(slip, message, col, bn):
    assert warnings(slip, bn, "delimiter") == [("delimiter", 1, col, message)]


def test_delimiters_are_checked_row_by_row(bn):
    text = "$$\n\\begin{aligned}\na &= \\big[ \\mu_1 \\\\\n&= \\mu_1 \\big]\n\\end{aligned}\n$$"
    assert [(code, line) for code, line, _, _ in warnings(text, bn, "delimiter")] == [
        ("delimiter", 3),
        ("delimiter", 4),
    ]


def test_well_paired_delimiters_are_quiet(bn):
    assert (
        warnings(
            r"$$ \mu_1 = \big( \mu_1 \big) + \left[ \mu_1 \right] + (\mu_1) $$", bn, "delimiter"
        )
        == []
    )


def test_d_and_partial_mixed_in_one_derivative(bn):
    found = warnings(
        r"$$ \frac{\partial \mathcal{L}}{\partial h_{ij}} = \sum_{k,l} "
        r"\frac{\partial\mathcal{L}}{d y_{kl}} \frac{d y_{kl}}{d h_{ij}} $$",
        bn,
        "mixed-derivative",
    )
    assert [(c, col) for c, _, col, _ in found] == [("mixed-derivative", 62)]


def test_a_list_of_mixed_derivatives_is_linted_too(bn):
    found = warnings(
        r"$$ \frac{\partial \mathcal{L}}{d \gamma}, \frac{\partial\mathcal{L}}"
        r"{d \beta} $$",
        bn,
    )
    assert [c for c, _, _, _ in found] == ["mixed-derivative", "mixed-derivative"]


@pytest.mark.parametrize(
    ("row", "col", "message"),
    [
        (
            r"$$ \mu_j = \frac{1}{N} \sum_{i=1}^{N} h_{kj} $$",
            24,
            "this sum is over i, which its summand never writes (it writes k, j): "
            "is an index letter wrong?",
        ),
        (
            r"$$ y_{ij} = \frac{e^{h_{ij}}}{\sum_{m} e^{h_{ij}}} $$",
            31,
            "this sum is over m, which its summand never writes (it writes i, j): "
            "is an index letter wrong?",
        ),
        (
            r"$$ \mu_j = \sum_{i,k} h_{ij} $$",
            12,
            "this sum is over k, which its summand never writes (it writes i, j): "
            "is an index letter wrong?",
        ),
    ],
)
def test_a_sum_whose_summand_never_writes_its_index(row, col, message, bn):
    assert warnings(row, bn, "sum-index") == [("sum-index", 1, col, message)]


@pytest.mark.parametrize(
    "row",
    [
        r"$$ \mu_j = \frac{1}{N} \sum_{i=1}^{N} h_{ij} $$",
        r"$$ N = \sum_{i=1}^{N} 1 $$",  # a count: the summand writes no index at all
        r"$$ \mu_j = \sum_{i} \sum_{k} h_{ij} \delta_{ik} $$",
        r"$$ \mu_j = \sum_{i} h_{i,j} $$",
    ],
)
def test_a_sum_that_writes_its_index_is_quiet(row, bn):
    assert warnings(row, bn, "sum-index") == []


def test_matrix_rows_of_different_lengths(bn):
    text = r"""$$
\frac{\partial u}{\partial h_{1,2}} = \begin{pmatrix}
0 & 1 - \frac{1}{N} & 0 & \cdots & 0 \\
\vdots & \vdots & \ddots & \vdots \\
0 & -\frac{1}{N} & 0 & \cdots & 0
\end{pmatrix}
$$"""
    assert [(c, line, m) for c, line, _, m in warnings(text, bn, "matrix-rows", "matrix-last")] == [
        ("matrix-rows", 4, "this row has 4 cells and the others 5")
    ]


def test_an_index_letter_where_the_last_position_belongs(bn):
    text = r"""$$
u = \begin{pmatrix}
h_{1,1} - \mu_1 & \cdots & h_{1,l} - \mu_l \\
\vdots & \ddots & \vdots \\
h_{N,1} - \mu_1 & \cdots & h_{N,L} - \mu_L
\end{pmatrix}
$$"""
    found = warnings(text, bn, "matrix-last", "matrix-rows")
    assert [(c, line, col) for c, line, col, _ in found] == [("matrix-last", 3, 33)]
    assert found[0][3] == (
        "this cell is in the last column (column L), but its subscript has "
        "the index l; the last column is written L"
    )


def test_the_last_position_written_as_the_size_is_quiet(bn):
    text = (
        r"$$ u = \begin{pmatrix} \sum_p h_{p,1} & \cdots & h_{1,L} \\ \vdots \\ h_{N,1} "
        r"& \cdots & h_{N,L} \end{pmatrix} $$"
    )
    assert [c for c, _, _, _ in warnings(text, bn, "matrix-last", "matrix-rows")] == ["matrix-rows"]


def test_a_tensor_used_before_its_definition(bn):
    text = r"""$$ \hat{h}_{kl} = \frac{h_{kl} - \mu_l}{\sqrt{\sigma^2_l + \delta}} $$

$$ \mu_l = \frac{1}{N}\sum_p h_{pl} $$
"""
    found = [(c, line, m) for c, line, _, m in warnings(text, bn, "use-before-definition")]
    assert ("use-before-definition", 1, "mu is used here before the line that defines it") in found
    assert ("use-before-definition", 1, "var is not an input and no line defines it") in found
    assert ("use-before-definition", 1, "h is not an input and no line defines it") in found
    assert len(found) == 3


def test_uses_after_the_definition_and_of_inputs_are_quiet(bn):
    text = r"""$$ h = XW + b $$

$$ \mu_l = \frac{1}{N}\sum_p h_{pl} $$

$$ y_{kl} = \gamma_l (h_{kl} - \mu_l) + \beta_l $$
"""
    assert warnings(text, bn, "use-before-definition") == []


def test_a_definition_in_a_sentence_counts_and_a_sentence_is_not_linted(bn):
    text = r"""The mean is $\mu_l = \frac{1}{N}\sum_p h_{pl}$, so that $u_{kl} = a_{kl}$.

$$ y_{kl} = \gamma_l (h_{kl} - \mu_l) + \beta_l $$
"""
    found = warnings(text, bn, "use-before-definition")
    assert [m for *_, m in found] == ["h is not an input and no line defines it"]


def test_without_inputs_in_the_context_nothing_is_said_of_definitions(bn):
    fields = {f.name: getattr(bn, f.name) for f in dataclasses.fields(bn) if f.init}
    fields["inputs"] = None
    quiet = Symbols(**fields)
    assert warnings(r"$$ \mu_l = \sigma^2_l $$", quiet) == []


def test_an_ellipsis_without_its_operator(bn):
    slip = r"$$ \mu_1 = \frac{1}{N}(h_{1,1} + h_{2,1} \cdots + h_{N,1}) $$"
    assert warnings(slip, bn, "ellipsis-operator") == [
        (
            "ellipsis-operator",
            1,
            42,
            "a + or - is missing before \\cdots; the terms around an ellipsis need their operators",
        )
    ]
    well = r"$$ \mu_1 = \frac{1}{N}(h_{1,1} + h_{2,1} + \cdots + h_{N,1}) $$"
    assert warnings(well, bn, "ellipsis-operator") == []


def test_an_empty_matrix_has_no_row_to_compare(bn):
    # found by hypothesis: the row-length lint took the commonest length of no rows
    assert warnings(r"$$ u = \begin{pmatrix}\end{pmatrix} $$", bn, "matrix-rows") == []
