"""What the inference reads from notations of published derivations: a sum written from 0
counts positions from 0, a Kronecker delta with one index up in either order, prose that
says the sums are Einstein's, and a letter under a root that a row defines (a name, not a
size), and a sum with its bound alone."""

from __future__ import annotations

from symbn.language.latex import guessed
from symbn.language.latex.prose import says_einstein
from symbn.source.document.markdown import read_markdown
from symbn.verify.document import check


def context(text: str):
    return guessed.context(read_markdown(text, "doc.md"))


def test_a_sum_from_zero_counts_positions_from_zero():
    ctx = context(r"$$ \mu = \frac{1}{N}\sum \limits_{i = 0}^{N} x_i $$")
    assert dict(ctx.notation).get("positions") == "from 0"
    one = context(r"$$ \mu = \frac{1}{N}\sum_{i = 1}^{N} x_i $$")
    assert "positions" not in dict(one.notation)


def test_a_delta_written_with_its_lower_index_first_is_the_delta():
    ctx = context(r"$$ y_i = \delta_j^i x_j + \delta^i_k x_k $$")
    assert {i.name for i in ctx.indices} >= {"i", "j", "k"}
    assert "j" not in {t.name for t in (*ctx.inputs, *ctx.defines)}


def test_prose_that_says_einstein_makes_the_sums_einstein_s():
    assert says_einstein("the gradient is (using Einstein's index notation)")
    assert says_einstein("with the Einstein summation convention")
    assert not says_einstein("Einstein was a physicist")
    text = "We sum as Einstein's notation does.\n\n$$ y_i = W_{ij} x_j $$\n"
    assert dict(context(text).notation).get("sums") == "einstein"
    assert "sums" not in dict(context("$$ y_i = W_{ij} x_j $$").notation)


def test_a_letter_under_a_root_that_a_row_defines_is_a_name_not_a_size():
    rows = [r"s = \frac{1}{N}\sum_i x_i^2", r"r = \sqrt{s}", r"\frac{\partial r}{\partial x_j} = 1"]
    text = "\n\n".join(f"$$ {row} $$" for row in rows)
    assert "s" not in {s.name for s in context(text).sizes}
    assert "defined" in [f.status for f in check(text, "doc.md").findings if f.where.line == 1]
    bare = context(r"$$ y = \frac{x}{\sqrt{d}} $$")
    assert "d" in {s.name for s in bare.sizes}


def test_a_sum_with_its_bound_alone_gives_the_range():
    ctx = context(r"$$ \mu = \frac{1}{n}\sum_r^n x_r + \sum^n_k x_k $$")
    ranges = {i.name: i.size for i in ctx.indices}
    assert ranges["r"] == ranges["k"] == "n"
