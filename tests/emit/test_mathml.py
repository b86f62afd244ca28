"""symbn.emit.report.mathml: maths as MathML for the HTML report without KaTeX — whitelisted
elements and attributes only, every text escaped, aligned chains as arrays."""

from __future__ import annotations

import re

from symbn.emit.report import mathml


def test_a_formula_becomes_mathml():
    out = mathml.convert(r"\frac{1}{N}\sum_p h_{pl}", False)
    assert out.startswith('<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline">')
    assert "<mfrac><mrow><mn>1</mn></mrow><mrow><mi>N</mi></mrow></mfrac>" in out
    assert "<mo>∑</mo>" in out
    assert mathml.convert("x", True).startswith(
        '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">'
    )


def test_text_in_a_formula_is_escaped():
    out = mathml.convert(r"\text{<script>alert(1)</script>} \& a < b", False)
    assert "<script>" not in out
    assert "<mtext>&lt;script&gt;alert(1)&lt;/script&gt;</mtext>" in out
    assert "<mi>&amp;</mi>" in out
    assert "<mo>&lt;</mo>" in out


def test_links_and_styles_do_not_reach_the_page():
    out = mathml.convert(r'\href{javascript:alert(1)}{x} \color{red" onload="y}{a}', False)
    assert "href" not in out
    assert "javascript" not in out
    assert "onload" not in out
    assert "mathcolor" not in out
    tags = set(re.findall(r"<(\w+)", out))
    assert tags <= mathml.TAGS


def test_an_aligned_chain_is_an_array_of_right_and_left_columns():
    out = mathml.convert(r"\begin{aligned} a &= b \\ &= c \end{aligned}", True)
    assert out.count("<mtr>") == 2
    assert '<mtd columnalign="right"><mi>a</mi></mtd>' in out
    assert '<mtd columnalign="left"><mo>=</mo><mi>c</mi></mtd>' in out
    assert "&amp;" not in out


def test_a_formula_that_cannot_be_read_shows_as_its_source():
    assert mathml.convert("<b>^", False) == '<code class="symbn-unread">&lt;b&gt;^</code>'
