"""Fonts and commands in the forms KaTeX, MathJax and Typora accept
(`symbn.language.latex.fontforms`): each is read as the one form the readers know, and a
wrong line written in them is still refused."""

from __future__ import annotations

import pytest
from documents import read_well, slipped

from symbn.language.latex.texlex import tokenize


@pytest.mark.parametrize(
    ("tex", "tokens"),
    [
        (r"\part y", r"\partial y"),
        (r"\pmb{W}", r"\boldsymbol { W }"),
        (r"\bf{A} + \cal{L} + \rm{d}", r"\mathbf { A } + \mathcal { L } + \mathrm { d }"),
        (r"\mathbb{x} + \mathbb{\theta}", r"\mathbf { x } + \mathbf { \theta }"),
        (r"\mathbb{\hat{y}}", r"\mathbf { \hat { y } }"),
        (r"\mathbb{R}^n + \mathbb{1}", r"\mathbb { R } ^ n + \mathbb { 1 }"),
        (r"\mathbb{E}[x]", r"\mathbb { E } [ x ]"),
        (r"\mathbf{W^{xh}} x", r"\mathbf { W } ^ { x h } x"),
        (r"\bm{x_i^2}", r"\bm { x } _ i ^ 2"),
        (r"\hat{x^2}", r"\hat { x ^ 2 }"),  # an accent on a power stays as it is
        (r"\mathbf{W^{xh} x}", r"\mathbf { W ^ { x h } x }"),
        (r"a \cdotp b + \infin", r"a \cdot b + \infty"),
        (
            r"n \in \N, k \isin \Z^d, z \in \Complex",
            r"n \in \mathbb { N } , k \in \mathbb { Z } ^ d , z \in \mathbb { C }",
        ),
        (r"\mathbb E[x] + \mathbb x", r"\mathbb { E } [ x ] + \mathbf { x }"),
        (r"a = b \rArr c = d", r"a = b \Rightarrow c = d"),
        (r"\mu \larr x", r"\mu = x"),  # KaTeX's \larr is \leftarrow, which assigns
    ],
)
def test_each_form_is_read_as_the_known_one(tex, tokens):
    assert " ".join(t.text for t in tokenize(tex)) == tokens


#: A linear layer whose names are set in KaTeX's and Typora's fonts.
LINEAR = r"""Let $\pmb{x} \in \mathbb{R}^n$, $\pmb{W} \in \mathbb{R}^{m \times n}$ and
$\pmb{h} = \pmb{W}\pmb{x}$.

$$
h_i = \sum_j W_{ij} x_j
$$

$$
\frac{\part h_i}{\part x_j} = W_{ij}
$$
"""

#: A dot product whose vectors are written in blackboard bold.
DOT = r"""Let $\mathbb{x} \in \mathbb{R}^n$, $\mathbb{w} \in \mathbb{R}^n$ and
$y = \sum_j \mathbb{w}_j \mathbb{x}_j$.

$$
\frac{\partial y}{\partial \mathbb{x}_j} = \mathbb{w}_j
$$
"""

#: The same layer in old font switches.
SWITCHED = r"""Let $\bf{x} \in \mathbb{R}^n$, $\bf{W} \in \mathbb{R}^{m \times n}$ and
$\bf{h} = \bf{W}\bf{x}$.

$$
h_i = \sum_j W_{ij} x_j
$$

$$
\frac{\partial h_i}{\partial x_j} = W_{ij}
$$
"""


@pytest.mark.parametrize(
    ("doc", "old", "new"),
    [
        (LINEAR, r"= W_{ij}", r"= 2 W_{ij}"),
        (DOT, r"= \mathbb{w}_j", r"= 2\mathbb{w}_j"),
        (SWITCHED, r"= W_{ij}", r"= 2 W_{ij}"),
    ],
)
def test_a_layer_in_those_fonts_reads_and_a_slip_is_refused(doc, old, new):
    read_well(doc)
    assert slipped(doc, old, new) == ["refuted"]


#: A product written with KaTeX's short names for its dot and its sets.
KATEX = r"""Let $x \in \R^n$, $w \in \R^n$, $n \in \N$ and $y = \sum_j w_j \cdotp x_j$.

$$
\frac{\partial y}{\partial x_j} = w_j
$$
"""


def test_a_layer_in_katex_names_reads_and_a_slip_is_refused():
    read_well(KATEX)
    assert slipped(KATEX, "= w_j", "= 2 w_j") == ["refuted"]
