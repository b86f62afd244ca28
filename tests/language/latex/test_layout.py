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


@pytest.mark.parametrize("end", ["y_i = 2 x_i \\\\ ", "y_i = 2 x_i \\\\\n", "y_i = 2 x_i, \\\\ "])
def test_a_display_that_ends_with_a_row_break_has_no_empty_row(end):
    """A `\\\\` at the very end of a display (no environment) leaves no row after it (it
    was read past the last token: an internal error)."""
    from symbn.verify.document import check  # noqa: PLC0415 - the checker, end to end

    r = check(f"# t\n\n$$ {end}$$\n\n$$ \\frac{{\\partial y_i}}{{\\partial x_i}} = 2 $$\n", "d.md")
    assert [f.status for f in r.findings if f.kind != "lint"] == ["defined", "proved"]
