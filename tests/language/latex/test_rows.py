"""Rows of a display: cells, sides, relations, steps, annotations, size statements, and
the reason a row cannot be read."""

from __future__ import annotations

import pytest
from documents import rows as lines
from documents import sides

from symbn.language.latex.shapes import evaluate
from symbn.language.latex.tree import Last, Letter, Number


def codes(line):
    return [n.code for n in line.notes]


ALIGNED = r"""
$$
\begin{aligned}
\mu_l &= \frac{1}{N}\sum_p h_{pl} \\
&= \frac{1}{N}\sum_q h_{ql} & \text{renamed} \\
y_{kl} & = \gamma_l \hat{h}_{kl} + \beta_l \\
\end{aligned}
$$
"""


def test_aligned_rows_cells_and_steps(bn):
    a, b, c = lines(ALIGNED, bn)
    assert (a.env, a.row, a.kind, a.relations) == ("aligned", 0, "equation", ("=",))
    assert sides(a, bn) == ["mu[l]", "1/N*sum(h[p, l], p)"]
    assert (b.kind, b.relations, sides(b, bn)) == ("step", ("=",), ["1/N*sum(h[q, l], q)"])
    assert b.left is None
    assert b.annotation.text == "renamed"
    assert (c.kind, sides(c, bn)) == ("equation", ["y[k, l]", "gamma[l]*hhat[k, l] + beta[l]"])
    assert a.notes == b.notes == c.notes == ()


def test_rows_are_placed_in_the_file(bn):
    a, b, c = lines(ALIGNED, bn)
    assert [(x.where.line, x.where.col) for x in (a, b, c)] == [(4, 1), (5, 1), (6, 1)]


def test_a_display_without_environment_is_one_row(bn):
    (a,) = lines(r"$$ \mu_l = \mu_l = \mu_l $$", bn)
    assert (a.env, a.kind, a.relations, len(a.sides)) == ("display", "equation", ("=", "="), 3)


def test_other_relations_are_read_but_not_checked(bn):
    (a,) = lines(r"$$ \mu_l \approx \mu_l $$", bn)
    assert (a.kind, a.relations, codes(a)) == ("equation", ("\\approx",), ["relation"])


def test_annotation_with_index_values(bn):
    (a,) = lines(
        r"$$\begin{aligned} \frac{\partial u_{1,2}}{\partial h_{1,1}} &= 0 & "
        r"k=1, l=2, i=1, j=L \end{aligned}$$",
        bn,
    )
    assert a.annotation.bindings == (
        ("k", Number(1)),
        ("l", Number(2)),
        ("i", Number(1)),
        ("j", Last("L")),
    )


@pytest.mark.parametrize(
    "annotation", [r"(k=1, l=2)", r"\text{at } k=1, l=2", r"\quad \text{for } \big(k=1, l=2\big)"]
)
def test_annotations_in_words_or_parentheses(annotation, bn):
    (a,) = lines(rf"$$\begin{{aligned}} \mu_1 &= \mu_1 & {annotation} \end{{aligned}}$$", bn)
    assert a.annotation.bindings == (("k", Number(1)), ("l", Number(2)))


def test_a_relation_after_another_ampersand_continues_the_equation(bn):
    (a,) = lines(r"$$\begin{aligned} \mu_1 &= \mu_1 &= \mu_1 & l=1 \end{aligned}$$", bn)
    assert (a.kind, len(a.sides), a.relations) == ("equation", 3, ("=", "="))
    assert a.annotation.bindings == (("l", Number(1)),)


@pytest.mark.parametrize(
    ("annotation", "message"),
    [
        ("k=1, k=2", "gives k twice"),
        ("k=l", "runs over L but index k has size N"),
        ("k=i", "an annotation gives a value"),
        ("j=N", "which has size L"),
        ("k", "lists index values"),
    ],
)
def test_annotations_that_cannot_be_read_leave_the_equation_readable(annotation, message, bn):
    (a,) = lines(rf"$$\begin{{aligned}} \mu_1 &= \mu_1 & {annotation} \end{{aligned}}$$", bn)
    assert a.kind == "equation"
    assert a.annotation is None
    (n,) = a.notes
    assert n.code == "annotation"
    assert message in n.message


def test_size_annotation_and_size_statement(bn):
    (a,) = lines(
        r"$$\begin{aligned}\hat{h} &= \frac{h - \mu}{\sqrt{\sigma^2 + \delta}} "
        r"&\text{size } N \times L\end{aligned}$$",
        bn,
    )
    assert [evaluate(s) for s in a.annotation.size] == [("N", "L")]
    (b,) = lines(
        r"$$ h = XW + b, \text{ size } = N\times D \cdot D \times L + L = N \times L "
        r"$$",
        bn,
    )
    (chain,) = b.sizes
    assert [evaluate(s) for s in chain] == [("N", "L"), ("N", "L")]
    assert b.kind == "equation"
    assert b.notes == ()


def test_prose_rows(bn):
    (a,) = lines(r"$$\begin{aligned} k &\text{ - row index} \end{aligned}$$", bn)
    assert (a.kind, a.sides, a.annotation.text) == ("prose", (Letter("k"),), "- row index")
    assert codes(a) == ["prose"]
    (b,) = lines(r"$$ \text{for all rows} $$", bn)
    assert (b.kind, codes(b)) == ("prose", ["prose"])


def test_a_list_of_expressions_has_nothing_to_check(bn):
    (a,) = lines(
        r"$$ \frac{\partial \mathcal{L}}{\partial \gamma_l}, "
        r"\frac{\partial \mathcal{L}}{\partial \beta_l} $$",
        bn,
    )
    assert (a.kind, len(a.sides), codes(a)) == ("expression", 2, ["expression"])


def test_equations_separated_by_a_comma_are_two_lines(bn):
    a, b = lines(r"$$ \mu_1 = \mu_1, \mu_2 = \mu_2 $$", bn)
    assert (a.kind, sides(a, bn), a.row) == ("equation", ["mu[1]", "mu[1]"], 0)
    assert (b.kind, sides(b, bn), b.row) == ("equation", ["mu[2]", "mu[2]"], 0)
    assert (a.where.col, b.where.col) == (4, 19)


def test_an_unreadable_row_keeps_its_reason_at_its_place(bn):
    a, b = lines("$$\\begin{aligned}\n\\mu_1 &= \\nu \\\\\n\\mu_2 &= \\mu_2\n\\end{aligned}$$", bn)
    assert (a.kind, b.kind) == ("unreadable", "equation")
    (n,) = a.notes
    assert (n.where.line, n.where.col, n.severity) == (2, 10, "unchecked")
    assert "unknown symbol \\nu" in n.message


def test_a_display_that_is_not_latex_is_one_unreadable_line(bn):
    (a,) = lines(r"$$ \mu_1 = {\mu_1 $$", bn)
    assert a.kind == "unreadable"
    assert "never closed" in a.notes[0].message


def test_empty_rows_are_skipped_and_an_empty_display_is_empty(bn):
    assert [x.kind for x in lines(r"$$\begin{aligned} \mu_1 &= 1 \\ \\ \end{aligned}$$", bn)] == [
        "equation"
    ]
    assert [x.kind for x in lines("$$\n$$\n", bn)] == ["empty"]


def test_inline_maths_without_relation_is_a_silent_mention(bn):
    a, b, c = lines(r"Sizes $N \times D$, a name $H$, and $\mu_l = \mu_l$.", bn)
    assert (a.env, a.kind, a.notes) == ("inline", "expression", ())
    assert (b.kind, b.notes) == ("prose", ())
    assert (c.env, c.kind) == ("inline", "equation")


def test_a_row_keeps_its_tokens_for_the_lints(bn):
    (a,) = lines(r"$$ \mu_1 = \big[ \mu_1 $$", bn)
    assert [t.text for t in a.tokens][:3] == ["\\mu", "_", "1"]


def test_an_ampersand_after_the_relation_keeps_one_equation(bn):
    """`a = & b` then `= & c`: the & stands after the =, as some writers align."""
    a, b = lines(
        "$$\n\\begin{aligned}\n\\mu_l = & h_{1,l} \\\\\n= & h_{1,l}\n\\end{aligned}\n$$\n", bn
    )
    assert (a.kind, sides(a, bn)) == ("equation", ["mu[l]", "h[1, l]"])
    assert (b.kind, sides(b, bn)) == ("step", ["h[1, l]"])
