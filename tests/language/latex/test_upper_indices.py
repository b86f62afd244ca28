"""Index notation written with superscripts and Einstein summation (`S^{pq} = Q^{pc} K^{qc}`,
`\\delta^q_r`, `\\text{softmax}_q`, `\\sqrt{d_h}`, `\\sum_{q'} A^{pq'}`), read with the context
symbn infers: the letters up are indices, a repeated one is summed, the mixed delta is
Kronecker's, the softmax normalises along its subscript, a primed letter is a second index
over the same range, and a slip is never proved."""

from __future__ import annotations

from pathlib import Path

import pytest
from documents import read_well
from mutated import last_verdict, line_of, verdicts

from symbn.language.latex.guessed import toml_of
from symbn.verify.document import check

ROOT = Path(__file__).parents[2]
DOC = (ROOT / "markdown" / "attention_upper.md").read_text(encoding="utf-8")


def test_the_letters_up_are_indices_summed_as_einstein_sums():
    inferred = toml_of(DOC, "doc.md")
    assert 'sums = "einstein"' in inferred
    assert 'd_h = { shape = [], latex = "d_{h}" }' in inferred
    for letter in "pqrsce":
        assert f"\n{letter} = " in inferred.split("[inputs]")[0]


def test_every_row_is_proved():
    r = check(DOC, "doc.md")
    defined = [f.claim for f in r.findings if f.status == "defined"]
    assert "A[p, q] = exp(S[p, q])/sum(exp(S[p, c]), c)" in defined
    assert "S[p, q] = sum(1/sqrt(d_h)*Q[p, c]*K[q, c], c)" in defined
    got = [f.status for f in r.findings if f.kind != "lint" and f.status != "defined"]
    assert got
    assert set(got) == {"proved"}, got


@pytest.mark.parametrize(
    ("anchor", "old", "new"),
    [
        (r"= \frac{1}{\sqrt{d_h}} \frac{\partial L}", r"= \frac{1}{", r"= \frac{2}{"),
        (r"(\delta^q_s - A^{ps})", r"- A^{ps}", r"+ A^{ps}"),
        (r"\sum_{q'}", r"\sum_{q'} A^{pq'}", r"\sum_{q'} A^{pq}"),  # a primed index
        (r"\sum_{q'}", r"- \sum_{q'}", r"+ \sum_{q'}"),
        (r"(\delta^q_s - A^{ps})", r"\delta^p_r A^{pq}", r"\delta^q_r A^{pq}"),
        (r"= \frac{1}{\sqrt{d_h}} \frac{\partial L}", r"K^{qs}", r"K^{sq}"),
        (r"\frac{\partial L}{\partial V^{rs}}", r"A^{pr} \frac", r"A^{rp} \frac"),
        (r"\frac{\partial Y^{pe}}{\partial V^{rs}}", r"= A^{pr} \delta^e_s", r"= A^{pr}"),
    ],
)
def test_a_slip_is_not_proved(anchor: str, old: str, new: str):
    assert "proved" not in last_verdict(DOC, anchor, old, new)


def test_a_softmax_along_the_other_index_is_another_map():
    text = DOC.replace(r"\text{softmax}_q(S^{pq})", r"\text{softmax}_p(S^{pq})")
    got = verdicts(text)
    assert got[line_of(text, r"(\delta^q_s - A^{ps})")] != ["proved"]


def test_a_superscript_is_an_exponent_in_a_document_that_writes_indices_down():
    text = "$$y_i = x_i^2 + \\delta^l_j$$\n\n$$z = \\sum_{i} y_i$$\n"
    inferred = toml_of(text, "doc.md")
    assert "einstein" not in inferred
    r = check(text, "doc.md")
    assert not any("Delta(l, j)" in f.claim for f in r.findings)


def test_a_space_of_two_letters_says_nothing_of_indices():
    text = "Let $w \\in \\mathbb{R}^{mn}$.\n\n$$y_i = w_i^2$$\n"
    assert "einstein" not in toml_of(text, "doc.md")


def test_an_ordinal_ending_up_is_words_not_indices():
    """`the $k^{th}$ class` says the k-th: the document still writes its indices down."""
    doc = (
        "For the $k^{th}$ output and the $i^{th}$ example:\n\n"
        "$$ a_j = \\frac{e^{z_j}}{\\sum_k e^{z_k}} $$\n\n"
        "$$ \\frac{\\partial a_j}{\\partial z_j} = a_j (1 - a_j) $$\n"
    )
    assert 'sums = "einstein"' not in read_well(doc)


def test_a_word_up_is_a_label_not_indices():
    """`V^{corrected}` labels the corrected estimate: five letters or more up are a word, so
    the document still writes its indices down; two letters up still read as indices."""
    doc = (
        "$$ V^{corrected} = \\frac{V}{1 - \\beta} $$\n\n"
        "$$ a_j = \\frac{e^{z_j}}{\\sum_k e^{z_k}} $$\n\n"
        "$$ \\frac{\\partial a_j}{\\partial z_j} = a_j (1 - a_j) $$\n"
    )
    assert 'sums = "einstein"' not in read_well(doc)
    assert 'sums = "einstein"' in read_well(doc.replace("{corrected}", "{ia}"))
