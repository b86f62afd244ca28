"""A row cut into its equations: spacing and commas separate equations, index comparisons
after an equation are its side conditions, and narrow spacing between two relations is
not read rather than taken as one chain."""

from __future__ import annotations

import pytest
from documents import rows as lines
from documents import sides

from symbn.language.latex.printer import index_text


def conditions(line):
    return [f"{index_text(c.left)} {c.op} {index_text(c.right)}" for c in line.conditions]


D = r"\frac{\partial u_{%s}}{\partial h_{1,1}}"


@pytest.mark.parametrize(
    "space", [r"\quad", r"\qquad", r"\hspace{1em}", "~", r"\ ", r"\enspace", ",", r",\quad"]
)
def test_spacing_or_a_comma_separates_two_equations(bn, space):
    a, b = lines(f"$$ {D % '1,2'} = 1 {space} {D % '2,2'} = 0 $$", bn)
    assert (a.kind, sides(a, bn)) == ("equation", ["diff(u[1, 2], h[1, 1])", "1"])
    assert (b.kind, sides(b, bn)) == ("equation", ["diff(u[2, 2], h[1, 1])", "0"])


@pytest.mark.parametrize("space", [r"\,", r"\;", r"\:", "\n"])
def test_narrow_spacing_between_two_relations_is_not_read(bn, space):
    (a,) = lines(f"$$ {D % '1,2'} = 1 {space} {D % '2,2'} = 0 $$", bn)
    assert a.kind == "unreadable"
    assert "could separate two equations or join a product" in a.notes[0].message


def test_narrow_spacing_before_a_sum_or_a_bracket_is_a_product(bn):
    (a,) = lines(r"$$ \mu_l = \frac{1}{N}\,\sum_p \, h_{pl} = \frac{1}{N}\;(h_{1,l}) $$", bn)
    assert (a.kind, len(a.sides)) == ("equation", 3)


ROW = r"\begin{bmatrix} 1 & 2 \end{bmatrix}"
COLUMN = r"\begin{bmatrix} 3 \\ 4 \end{bmatrix}"


@pytest.mark.parametrize("factor", [COLUMN, "0.1", r"\begin{pmatrix} 3 \\ 4 \end{pmatrix}"])
def test_a_line_break_before_a_matrix_is_a_product_as_before_a_bracket(bn, factor):
    (a,) = lines(f"$$ y = {factor}\n{ROW}\n= {COLUMN} $$", bn)
    assert (a.kind, len(a.sides)) == ("equation", 3)


def test_one_relation_keeps_spacing_as_a_product(bn):
    (a,) = lines(r"$$ \mu_l = \frac{1}{N} \quad \sum_p h_{pl} $$", bn)
    assert sides(a, bn) == ["mu[l]", "1/N*sum(h[p, l], p)"]


@pytest.mark.parametrize(
    ("tail", "want"),
    [
        (r", \quad k = i", ["k == i"]),
        (r"\quad k = i", ["k == i"]),
        (r"\qquad (k = i)", ["k == i"]),
        (r"\quad \text{for } k \neq i", ["k != i"]),
        (r", \text{ if } k \ne i, l = j", ["k != i", "l == j"]),
        (r"\quad \text{when } k = i \text{ and } l \neq j", ["k == i", "l != j"]),
    ],
)
def test_index_comparisons_after_an_equation_are_its_side_conditions(bn, tail, want):
    row = r"\frac{\partial u_{kl}}{\partial h_{ij}} = 1 - \frac{1}{N} "
    (a,) = lines(f"$$ {row}{tail} $$", bn)
    assert (a.kind, conditions(a)) == ("equation", want)
    assert a.condition_span is not None


def test_a_remark_after_an_equation_is_dropped(bn):
    (a,) = lines(r"$$ \mu_l = \mu_l \qquad \text{(by definition)} $$", bn)
    assert (a.kind, a.conditions, a.notes) == ("equation", (), ())


def test_what_follows_a_condition_must_be_one(bn):
    (a,) = lines(r"$$ \mu_l = \mu_l \quad k = i, \ldots $$", bn)
    assert a.kind == "unreadable"
    assert "side condition" in a.notes[0].message


@pytest.mark.parametrize(
    "tail",
    [r", \quad l = 1, \ldots, L", r"\quad \text{for } k = 1, \dots, N", r", l = 1, \cdots, L"],
)
def test_a_range_after_an_equation_is_no_condition(bn, tail):
    (a,) = lines(f"$$ \\mu_l = \\mu_l {tail} $$", bn)
    assert (a.kind, a.conditions, a.condition_span) == ("equation", (), None)


def test_a_size_statement_stays_with_its_equation(bn):
    (a,) = lines(r"$$ h = XW + b, \text{ size } = N \times L $$", bn)
    assert (a.kind, len(a.sizes)) == ("equation", 1)


@pytest.mark.parametrize(
    "tail",
    [r"\quad \text{if } \mu_l > 0", r"\qquad \text{(not in general)}", r", \text{for small } N"],
)
def test_words_that_may_qualify_an_equation_leave_it_unread(bn, tail):
    (a,) = lines(f"$$ \\mu_l = \\mu_l {tail} $$", bn)
    assert a.kind == "unreadable"


@pytest.mark.parametrize("remark", [r"\text{(by definition)}", r"\text{by (3)}", r"\text{(2)}"])
def test_a_reason_or_a_number_after_an_equation_is_a_remark(bn, remark):
    (a,) = lines(f"$$ \\mu_l = \\mu_l \\qquad {remark} $$", bn)
    assert (a.kind, a.notes) == ("equation", ())


def test_and_between_two_equations_separates_them(bn):
    a, b = lines(r"$$ \mu_1 = \mu_1 \text{ and } \mu_2 = \mu_2 $$", bn)
    assert (sides(a, bn), sides(b, bn)) == (["mu[1]", "mu[1]"], ["mu[2]", "mu[2]"])


@pytest.mark.parametrize("word", ["where", "with"])
def test_where_before_an_equation_introduces_another(bn, word):
    row = f"u_{{kl}} = h_{{kl}} - \\mu_l, \\quad \\text{{{word} }} \\mu_l = \\mu_l"
    a, b = lines(f"$$ {row} $$", bn)
    assert (a.kind, sides(a, bn)) == ("equation", ["u[k, l]", "h[k, l] - mu[l]"])
    assert (b.kind, sides(b, bn)) == ("equation", ["mu[l]", "mu[l]"])


def test_where_before_an_index_comparison_is_still_a_condition(bn):
    (a,) = lines(r"$$ \mu_l = \mu_l \quad \text{where } k = i $$", bn)
    assert (a.kind, conditions(a)) == ("equation", ["k == i"])


@pytest.mark.parametrize(
    "row", [r"\mu_l = \sum_{p \ne k} h_{pl}", r"\mu_l = \mathbb{1}_{p \ne k} h_{pl}"]
)
def test_a_sums_restriction_or_an_indicator_states_no_case_of_the_row(bn, row):
    (a,) = lines(f"$$ {row} $$", bn)
    assert "p != k" in sides(a, bn)[1]
    assert conditions(a) == []


@pytest.mark.parametrize("word", ["Let", "let", "Define", "Set"])
def test_a_word_that_only_introduces_an_equation_is_left_out(bn, word):
    (a,) = lines(f"$$ \\text{{{word} }} \\mu_l = \\mu_l $$", bn)
    assert (a.kind, sides(a, bn)) == ("equation", ["mu[l]", "mu[l]"])


def test_more_words_before_an_equation_are_still_prose(bn):
    (a,) = lines(r"$$ \text{Let us say } \mu_l = \mu_l $$", bn)
    assert a.kind != "equation" or sides(a, bn) != ["mu[l]", "mu[l]"]


MIXED = r"""Let $x \in \mathbb{R}^{N}$ and $L = \sum_i x_i^2$.

$$\frac{\partial L}{\partial x_i} = 2 x_i \approx 2.001 x_i$$

$$\frac{\partial L}{\partial x_i} = 2 x_i \propto x_i$$

$$\frac{\partial L}{\partial x_i} = 2 x_i \le 2 x_i^2 + 1$$

$$\frac{\partial L}{\partial x_i} \neq 3 x_i$$

$$u_i \triangleq 3 x_i$$

$$v_i \stackrel{\text{def}}{=} 4 x_i$$

$$w_i \overset{def}{=} 5 x_i$$
"""


def test_the_equals_of_a_mixed_chain_are_checked_and_the_other_relations_are_not():
    from symbn.verify.document import check  # noqa: PLC0415 - the whole reader, on use

    found = check(MIXED, "doc.md").findings
    got = {(f.where.line, str(f.status)) for f in found}
    for line in (3, 5, 7):
        assert (line, "proved") in got
        assert (line, "unchecked") in got
    reasons = {f.where.line: f.message for f in found if str(f.status) == "unchecked"}
    assert "the relation \\approx is not checked" in reasons[3]
    assert "\\propto" in reasons[5]
    assert "\\le" in reasons[7]
    assert {str(f.status) for f in found if f.where.line == 9} == {"unchecked"}
    for line in (11, 13, 15):
        assert (line, "defined") in got
    slip = check(MIXED.replace("= 2 x_i \\approx", "= 3 x_i \\approx"), "doc.md").findings
    assert {str(f.status) for f in slip if f.where.line == 3} == {"refuted", "unchecked"}


@pytest.mark.parametrize(
    "bracketed", [r"(h_{1,1} \quad h_{1,2})", r"[h_{1,1} \; h_{1,2}]^T", r"(h_{1,1} ~ h_{1,2})"]
)
def test_items_spaced_apart_in_a_bracket_are_not_a_product(bn, bracketed):
    # a list or a stacked vector: read as the product, (u \quad v) = (v \quad u) was proved
    (a,) = lines(f"$$ {bracketed} = {bracketed.replace('1,1', '9').replace('1,2', '1,1')} $$", bn)
    assert a.kind == "unreadable"
    assert "between two items in a bracket makes a list or a stacked vector" in a.notes[0].message


def test_thin_spacing_or_spaced_operators_in_a_bracket_stay_a_product(bn):
    (a,) = lines(r"$$ \mu_l = (h_{1,1} \, h_{1,2}) \left( 1 \; - \; h_{1,1} \right) $$", bn)
    assert sides(a, bn) == ["mu[l]", "h[1, 1]*h[1, 2]*(1 - h[1, 1])"]
