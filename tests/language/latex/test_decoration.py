"""Decoration that changes how maths looks, not what it says, is taken out by the lexer."""

from __future__ import annotations

import pytest
from documents import rows, sides

from symbn.language.latex.texlex import tokenize
from symbn.source.positions import TexError


@pytest.mark.parametrize(
    ("tex", "tokens"),
    [
        (r"\boxed{a = b}", "a = b"),
        (r"\bbox[yellow, 5px]{a=b}", "a = b"),
        (r"\color{red}{x} + y", "x + y"),
        (r"\color{red} x", "x"),
        (r"\textcolor{blue}{\frac{1}{N}} h", r"\frac { 1 } { N } h"),
        (r"\colorbox{yellow}{a} + \fcolorbox{red}{white}{b}", "a + b"),
        (r"\underbrace{a + b}_{\text{two terms}} = c", "a + b = c"),
        (r"\overbrace{a}^{x} b", "a b"),
        (r"\color{red}{a + b}^2", "{ a + b } ^ 2"),
        (r"\boxed{x}_i + \boxed{{y}}", "x _ i + { y }"),  # {x}_i is x_i (scriptforms)
        (r"\underset{n \times m}{Z} = X W", "Z = X W"),
        (r"a \overset{\text{def}}{=} b + \stackrel{!}{=} c", "a = b + = c"),
        (r"\require{cancel} a - \cancel{b} + \bcancel{b}", "a - { b } + { b }"),
        (r"\xcancel{a} + \cancelto{0}{c}", "{ a } + { c }"),
        (r"\smash[b]{x} \vphantom{\sum} + \hphantom{y} z \hline", "{ x } + z"),
        (r"{\rm d} x + { \bf y}", r"\mathrm { d } x + \mathbf { y }"),
        (r"a \ast b", "a * b"),
    ],
)
def test_decoration_is_taken_out(tex, tokens):
    assert " ".join(t.text for t in tokenize(tex)) == tokens


def test_decoration_keeps_the_offsets_of_what_it_decorates():
    (a, eq, b) = tokenize(r"\boxed{a = b}")
    assert (a.start, eq.start, b.start) == (7, 9, 11)


@pytest.mark.parametrize(
    "tex",
    [
        r"\boxed a",
        r"\textcolor{red}",
        r"\boxed{a",
        r"\underset{k}{\sum} x_k",
        r"\cancel x",
        r"\smash[b{x}",
        r"\require cancel",
    ],
)
def test_a_wrapper_without_its_body_is_an_error(tex):
    with pytest.raises(TexError):
        tokenize(tex)


def test_a_boxed_equation_is_read(bn):
    text = r"$$ \boxed{\mu_l = \frac{1}{N}\sum_p h_{pl}} $$"
    (a,) = rows(text, bn)
    assert (a.kind, sides(a, bn)) == ("equation", ["mu[l]", "1/N*sum(h[p, l], p)"])


def test_a_font_switch_is_read_only_at_the_start_of_a_group():
    assert [t.text for t in tokenize(r"a \rm d")] == ["a", "\\rm", "d"]
