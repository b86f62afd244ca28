"""Where a display's rows are: environments unwrapped as they nest, labels and tags and
end punctuation dropped, eqnarray's `&=&`, and rows that go on with the row above."""

from __future__ import annotations

import pytest
from documents import FRONT, rows, sides
from mutated import last_verdict

MU = r"\mu_l = \frac{1}{N}\sum_p h_{pl}"
DU = r"\frac{\partial u_{kl}}{\partial h_{ij}}"
WANT = ["diff(u[k, l], h[i, j])", "Delta(i, k)*Delta(j, l) - 1/N*Delta(j, l)"]


@pytest.mark.parametrize(
    "env", ["equation", "equation*", "align", "align*", "gather", "gather*", "multline"]
)
def test_an_environment_is_read_inside_dollars_with_labels_and_tags_dropped(bn, env):
    (a,) = rows(f"$$\n\\begin{{{env}}}\n{MU} \\label{{eq:mu}} \\tag{{1}}\n\\end{{{env}}}\n$$\n", bn)
    assert (a.env, a.kind, sides(a, bn)) == (env, "equation", ["mu[l]", "1/N*sum(h[p, l], p)"])


@pytest.mark.parametrize("tag", [r"\tag{1}", r"\tag*{$\blacksquare$}", r"\tag*{(A)}"])
def test_a_tag_starred_or_not_is_dropped(bn, tag):
    (a,) = rows(f"$$ {MU} {tag} $$", bn)
    assert (a.kind, sides(a, bn)) == ("equation", ["mu[l]", "1/N*sum(h[p, l], p)"])


def test_nested_environments_are_unwrapped(bn):
    rows_ = f"{MU} \\\\\n&= \\mu_l"
    text = f"$$\n\\begin{{equation}}\\begin{{split}}\n{rows_}\n\\end{{split}}\\end{{equation}}\n$$"
    a, b = rows(text, bn)
    assert (a.env, a.kind, b.kind) == ("split", "equation", "step")


@pytest.mark.parametrize("end", [".", ",", ";", r".\nonumber", r"\notag ."])
def test_punctuation_that_ends_a_row_is_not_maths(bn, end):
    aligned = f"\\begin{{aligned}}\n{MU}{end} \\\\\n&= \\mu_l{end}\n\\end{{aligned}}"
    text = f"$${aligned}$$\n\n$$ {MU}{end} $$"
    a, b, c = rows(text, bn)
    assert (a.kind, b.kind, c.kind) == ("equation", "step", "equation")
    assert a.notes == b.notes == c.notes == ()


def test_eqnarray_rows_and_their_continuation(bn):
    text = (
        "$$\\begin{eqnarray}\n"
        f"{DU} &=& \\Delta_{{i,k}}\\Delta_{{j,l}} \\\\\n"
        "&& - \\frac{1}{N}\\Delta_{j,l} \\\\\n"
        "&=& \\Delta_{j,l}(\\Delta_{i,k} - \\frac{1}{N})\n"
        "\\end{eqnarray}$$"
    )
    a, b = rows(text, bn)
    assert (a.kind, sides(a, bn)) == ("equation", WANT)
    assert (b.kind, sides(b, bn)) == ("step", ["Delta(j, l)*(Delta(i, k) - 1/N)"])


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (r"&= \Delta_{i,k}\Delta_{j,l}", r"&\quad - \frac{1}{N}\Delta_{j,l}"),
        (r"&= \Delta_{i,k}\Delta_{j,l} -", r"& \frac{1}{N}\Delta_{j,l}"),
        (r"= \Delta_{i,k}\Delta_{j,l} -", r"\frac{1}{N}\Delta_{j,l}"),
        (r"=& \Delta_{i,k}\Delta_{j,l}", r"-& \frac{1}{N}\Delta_{j,l}"),  # the sign alone
    ],
)
def test_a_row_that_goes_on_is_read_with_the_row_above(bn, first, second):
    text = f"$$\\begin{{aligned}}\n{DU} {first} \\\\\n{second}\n\\end{{aligned}}$$"
    (a,) = rows(text, bn)
    assert (a.kind, sides(a, bn), a.where.line) == ("equation", WANT, 2)


@pytest.mark.parametrize(("sign", "verdict"), [("-", "proved"), ("+", "refuted")])
def test_a_row_whose_first_cell_is_a_sign_alone_is_checked_with_the_row_above(sign, verdict):
    text = f"{FRONT}\n$$\\begin{{aligned}}\n{DU} =& \\Delta_{{i,k}}\\Delta_{{j,l}} \\\\\n"
    text += f"{sign}& \\frac{{1}}{{N}}\\Delta_{{j,l}}\n\\end{{aligned}}$$\n"
    assert last_verdict(text, "=&", "=&", "=&") == [verdict]


def test_a_row_beginning_with_a_sign_and_no_ampersand_is_its_own(bn):
    text = "$$\\begin{gathered}\n\\mu_l = \\mu_l \\\\\n-\\mu_l = -\\mu_l\n\\end{gathered}$$"
    assert [x.kind for x in rows(text, bn)] == ["equation", "equation"]


def test_aligns_columns_are_two_equations_and_an_annotation_is_not(bn):
    text = (
        "$$\\begin{align}\n\\mu_1 &= \\mu_1 & \\mu_2 &= \\mu_2 \\\\\n"
        "\\mu_3 &= \\mu_3 & k=1\n\\end{align}$$"
    )
    a, b, c = rows(text, bn)
    assert [sides(x, bn)[0] for x in (a, b, c)] == ["mu[1]", "mu[2]", "mu[3]"]
    assert (a.annotation, b.annotation, c.annotation.bindings[0][0]) == (None, None, "k")


def test_a_row_aligned_at_its_left_edge_is_one_equation(bn):
    # `& y = a`: the first column is empty, the whole equation stands in the second
    text = f"$$\\begin{{aligned}}\n& {MU} \\\\\n& {DU} = \\frac{{1}}{{N}}\n\\end{{aligned}}$$"
    a, b = rows(text, bn)
    assert (a.kind, b.kind) == ("equation", "equation")
    assert sides(a, bn) == ["mu[l]", "1/N*sum(h[p, l], p)"]
    assert a.notes == b.notes == ()


def test_an_empty_first_column_before_a_relation_goes_on_with_the_row_above(bn):
    text = f"$$\\begin{{aligned}}\n{MU} \\\\\n& = \\mu_l\n\\end{{aligned}}$$"
    a, b = rows(text, bn)
    assert (a.kind, b.kind) == ("equation", "step")


@pytest.mark.parametrize(("coefficient", "verdict"), [("1", "proved"), ("2", "refuted")])
def test_a_row_aligned_at_its_left_edge_is_checked(coefficient: str, verdict: str):
    row = r"& \frac{\partial \mu_l}{\partial h_{ij}} = \frac{1}{N}\delta_{jl}"
    text = f"{FRONT}\n$$\\begin{{aligned}}\n{row}\n\\end{{aligned}}$$\n"
    assert last_verdict(text, row, r"\frac{1}{N}", f"\\frac{{{coefficient}}}{{N}}") == [verdict]


@pytest.mark.parametrize("end", ["y_i = 2 x_i \\\\ ", "y_i = 2 x_i \\\\\n", "y_i = 2 x_i, \\\\ "])
def test_a_display_that_ends_with_a_row_break_has_no_empty_row(end):
    """A `\\\\` at the very end of a display (no environment) leaves no row after it (it
    was read past the last token: an internal error)."""
    from symbn.verify.document import check  # noqa: PLC0415 - the checker, end to end

    r = check(f"# t\n\n$$ {end}$$\n\n$$ \\frac{{\\partial y_i}}{{\\partial x_i}} = 2 $$\n", "d.md")
    assert [f.status for f in r.findings if f.kind != "lint"] == ["defined", "proved"]
