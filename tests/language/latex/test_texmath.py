"""The LaTeX parser: each construct to its tree (printed in the expression language), and
each problem refused at its place with a message a user can act on."""

from __future__ import annotations

import pytest

from symbn.language.latex.printer import to_language
from symbn.language.latex.subscripts import bind_sums
from symbn.language.latex.texlex import tokenize
from symbn.language.latex.texmath import parse
from symbn.language.latex.tree import (
    Diff,
    Ref,
    Series,
)
from symbn.source.positions import TexError


def tree(text, bn):
    return bind_sums((parse(tokenize(text), bn),))[0]


READS = [
    # sums over declared ranges
    (r"\frac{1}{N}\sum_p h_{pl}", "1/N*sum(h[p, l], p)"),
    (r"\sum_{k,l} h_{kl}", "sum(h[k, l], k, l)"),
    (r"\sum_{kl} h_{kl}", "sum(h[k, l], k, l)"),
    (r"\sum_{p=1}^{N} h_{pl}", "sum(h[p, l], p)"),
    (r"\sum\limits_p h_{pl} \mu_l + 1", "sum(h[p, l]*mu[l], p) + 1"),
    (r"\sum h_{p,1}", "sum(h[p, 1], p)"),
    # the bound alone, above or first: from the first position
    (r"\sum_p^N h_{pl}", "sum(h[p, l], p)"),
    (r"\sum^N_p h_{pl}", "sum(h[p, l], p)"),
    # derivatives with respect to an element, either spelling
    (r"\frac{\partial \hat{h}_{kl}}{\partial h_{ij}}", "diff(hhat[k, l], h[i, j])"),
    (r"\frac{d y_{kl}}{d \hat{h}_{kl}}", "diff(y[k, l], hhat[k, l])"),
    (r"\frac{\mathrm{d} y_{kl}}{\mathrm{d}\hat{h}_{kl}}", "diff(y[k, l], hhat[k, l])"),
    (r"\frac{\partial \mathcal{L}}{d y_{kl}}", "diff(loss, y[k, l])"),
    (r"\frac{\partial(h_{kl} - \mu_l)}{\partial h_{ij}}", "diff(h[k, l] - mu[l], h[i, j])"),
    (r"\frac{\partial}{\partial h_{ij}} \mu_l", "diff(mu[l], h[i, j])"),
    # the operator acts on the product after it, to the next + or -
    (r"\frac{\partial}{\partial h_{ij}} \mu_l \mu_l + 1", "diff(mu[l]*mu[l], h[i, j]) + 1"),
    (r"\frac{\partial \sigma^2_l}{\partial h_{i,j}}", "diff(var[l], h[i, j])"),
    # Kronecker deltas
    (r"\Delta_{i,k}\Delta_{j,l}", "Delta(i, k)*Delta(j, l)"),
    (r"\Delta_{ik}", "Delta(i, k)"),
    (r"\Delta_{1,k}", "Delta(1, k)"),
    # arithmetic
    (r"1 - 1/N", "1 - 1/N"),
    (r"-\frac{1}{N}\Delta_{j,l}", "-1/N*Delta(j, l)"),
    (r"- \frac{1}{N}", "-1/N"),
    (r"(\sigma^2_l + \delta)^{-1/2}", "(var[l] + delta)**(-1/2)"),
    (r"\sqrt{\sigma^2_l + \delta}", "sqrt(var[l] + delta)"),
    (
        r"\frac{h_{kl} - \mu_l}{\sqrt{\sigma^2_l + \delta}}",
        "(h[k, l] - mu[l])/sqrt(var[l] + delta)",
    ),
    (r"h_{1,1}N - N\mu_1", "h[1, 1]*N - N*mu[1]"),
    (r"(N-1)\mu_1", "(N - 1)*mu[1]"),
    (r"2 \cdot 3 \times 4 * 5", "2*3*4*5"),
    (r"\frac{2}{N^2}", "2/N**2"),
    (r"0.5 \mu_l", "0.5*mu[l]"),
    (r"\mu_l \cdot -\mu_l", "mu[l]*(-mu[l])"),
    # delimiters, sized or not
    (r"\big( h_{kl} - \mu_l \big)^2", "(h[k, l] - mu[l])**2"),
    (r"\left( \mu_l \right) \Big[ \mu_l \Big] \bigl\{ \mu_l \bigr\}", "mu[l]*mu[l]*mu[l]"),
    (r"{\mu_l}^2", "mu[l]**2"),
    (r"\frac{2}{N} \big[ h_{1,1} + h_{2,1}", "2/N*(h[1, 1] + h[2, 1])"),
    # functions
    (r"\exp(\mu_l)", "exp(mu[l])"),
    (r"\tanh \mu_l", "tanh(mu[l])"),
    # a power after a function's parenthesised argument is the function's: (tanh x)^2
    (r"\tanh(\mu_l)^2", "tanh(mu[l])**2"),
    (r"1 - \tanh\left(\mu_l\right)^{2}", "1 - tanh(mu[l])**2"),
    (r"\exp(\mu_l)^2 \mu_l", "exp(mu[l])**2*mu[l]"),
    (r"\tanh \mu_l^2", "tanh(mu[l]**2)"),
    (r"\log{\delta}", "log(delta)"),
    (r"ReLU(y_{kl})", "relu(y[k, l])"),
    (r"\operatorname{ReLU}(y_{kl})", "relu(y[k, l])"),
    # spacing is nothing
    (r"\, h_{kl} \; \quad - \! \mu_l \ ", "h[k, l] - mu[l]"),
]


@pytest.mark.parametrize(("text", "expected"), READS)
def test_each_construct_reads_as_written(text, expected, reads_as):
    assert reads_as(text) == expected


REFUSED = [
    (r"\Delta_{i,j}", "compares an index over N with one over L", 8),
    (r"\Delta", "the Kronecker delta is written", 0),
    (r"\Delta_{i,k,p}", "takes two indices", 8),
    (r"\sum_{p=1}^{N+1} h_{pl}", "write its upper limit as one index", 12),
    (r"\sum_{x} h_{kl}", "declared index letters", 6),
    (r"\sum_{p,p} h_{pl}", "binds p twice", 8),
    (r"\sum_p", "nothing to sum", 0),
    (r"\sum (h_{pl} - \mu_l)", "do not say which it runs over", 0),
    (r"\frac{\partial^2 \mu_l}{\partial h_{ij}^2}", "higher derivatives", 14),
    (r"\frac{\partial \mu_l}{\partial h_{ij} h_{kl}}", "one element", 22),
    (r"\frac{\partial \mu_l}{\partial}", "with respect to nothing", 22),
    (r"\partial h_{ij}", "outside the numerator or denominator", 0),
    (r"\int \mu_l", "are not read", 0),
    (r"ReLu(y)", "'ReLu' is not a declared name or function", 0),
    (r"\frac12", "write braces", 5),
    (r"\mu_l)", "unexpected ')'", 5),
    (r"\text{ hello } + 1", "prose 'hello' in the middle of an equation", 0),
    (r"\begin{aligned} a \end{aligned}", "not read inside an equation", 0),
    (r"\sqrt[3]{\delta}", "roots other than square roots", 5),
    (r"1 +", "ends too early", 2),
    (r"\mu_l \cdot", "ends too early", 6),
]


@pytest.mark.parametrize(("text", "message", "at"), REFUSED)
def test_what_cannot_be_read_is_refused_at_its_place(text, message, at, refusal):
    got, where = refusal(text)
    assert message in got
    assert where == at


def test_derivative_styles_are_kept(bn):
    styles = [
        tree(t, bn).style
        for t in (
            r"\frac{\partial \mu_l}{\partial h_{ij}}",
            r"\frac{d \mu_l}{d h_{ij}}",
            r"\frac{\partial \mu_l}{d h_{ij}}",
            r"\frac{d \mu_l}{\partial h_{ij}}",
        )
    ]
    assert styles == ["partial", "d", "mixed", "mixed"]


def test_a_derivative_by_a_whole_tensor_is_a_tree_not_a_claim(bn):
    d = tree(r"\frac{\partial \mathcal{L}}{d \gamma}", bn)
    assert isinstance(d, Diff)
    assert d.wrt == Ref("gamma", "tensor")
    with pytest.raises(TexError, match="with respect to all of gamma"):
        to_language(d, bn)


def test_an_ellipsis_makes_a_series(bn):
    s = tree(r"h_{1,1} + h_{2,1} + \cdots + h_{N,1}", bn)
    assert isinstance(s, Series)
    assert [type(t).__name__ for _, t in s.terms] == ["Ref", "Ref", "Dots", "Ref"]
    assert s.problem is None


def test_dots_alone_or_in_a_product_are_a_series_for_the_ellipsis_reader(bn):
    assert isinstance(tree(r"\cdots", bn), Series)
    s = tree(r"\mu_1 \mu_2 \cdots", bn)
    assert "missing before \\cdots" in s.problem


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (r"h_{1,1} + h_{2,1} \cdots + h_{N,1}", "before"),
        (r"h_{1,1} + h_{2,1} + \cdots h_{N,1}", "after"),
    ],
)
def test_a_missing_operator_around_the_dots_is_kept_as_the_problem(text, where, bn):
    s = tree(text, bn)
    assert isinstance(s, Series)
    assert f"missing {where} \\cdots" in s.problem
