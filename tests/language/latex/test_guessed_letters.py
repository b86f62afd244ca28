"""Inferred contexts that always load: a letter that is both a sum's bound and an index, or
both a size and a subscript, gets one meaning (`symbn.language.latex.infer`)."""

from __future__ import annotations

from symbn.language.latex import guessed
from symbn.source.context import read_context
from symbn.verify.document import check


def context_of(text: str):
    return read_context("doc.md", guessed.toml_of(text, "doc.md").encode())


def test_a_letter_summed_over_elsewhere_bounds_a_partial_sum_and_stays_an_index():
    text = (
        "$$\nh_t = \\sum_{i=1}^{t} a_i\n$$\n\n"  # i runs up to t: t is no size
        "$$\nL = \\sum_{t=1}^{T} h_t\n$$\n"
    )
    ctx = context_of(text)
    assert "t" not in {s.name for s in ctx.sizes}
    assert {i.name: i.size for i in ctx.indices}["t"] == "T"
    assert check(text, "doc.md").findings[0].status == "warning"  # read, not refused


def test_a_size_written_as_a_subscript_is_the_last_position_not_an_index():
    text = "$$\ns = \\sum_{i=1}^{n} e_i\n$$\n\n$$\nr = e_n + p_i\n$$\n"
    ctx = context_of(text)
    assert [s.name for s in ctx.sizes] == ["n"]
    assert {i.name: i.size for i in ctx.indices} == {"i": "n"}
    assert {t.name: t.shape for t in ctx.inputs}["e"] == ("n",)
