"""Names and their scripts in the LaTeX parser: a subscript read as the tensor's indices, a
spelled name before a power, primes; and what is refused at its place."""

from __future__ import annotations

import pytest

from symbn.language.latex.texlex import tokenize
from symbn.language.latex.texmath import parse
from symbn.language.latex.tree import Letter, Prime, Ref
from symbn.source.positions import TexError

READS = [
    # subscripts: letters split for a two-axis tensor, commas always split
    (r"h_{kl}", "h[k, l]"),
    (r"h_{k,l}", "h[k, l]"),
    (r"h_{1,1}", "h[1, 1]"),
    (r"h_{p, 1}", "h[p, 1]"),
    (r"h_{N,1}", "h[N, 1]"),
    (r"\mu_l", "mu[l]"),
    (r"\mu_1", "mu[1]"),
    # spelled names before powers
    (r"\sigma^2_l", "var[l]"),
    (r"\sigma_l^2", "var[l]"),
    (r"\sigma^{2}_{l}", "var[l]"),
    (r"(\sigma^2_l)^2", "var[l]**2"),
    (r"\hat{h}_{kl}", "hhat[k, l]"),
    (r"\hat h_{kl}", "hhat[k, l]"),
    (r"\mathit{w}_{d,l}", "W[d, l]"),
    (r"\mathit{b}_l", "b[l]"),
    (r"\mathbf{X}_{i,d}", "X[i, d]"),
    (r"\mathcal{L}", "loss"),
    # steps of a recurrence: a letter moved by a number, and h^{(t)} on the first axis
    (r"h_{k+1,l}", "h[k + 1, l]"),
    (r"h_{k-1,l}", "h[k - 1, l]"),
    (r"h_{k-0,l}", "h[k, l]"),
    (r"h^{(k)}_l", "h[k, l]"),
    (r"h^{(k-1)}_{l}", "h[k - 1, l]"),
    (r"h^{(k+1)}_l", "h[k + 1, l]"),
    (r"(h^{(k+1)}_l)^2", "h[k + 1, l]**2"),
    (r"\mu^{(2)}", "mu[2]"),  # x^{(i)}: the i-th, as machine-learning notes write it
    # a position written as an index set to another: y_{k=i} is y_k at k = i
    (r"\mu_{l=j}", "mu[j]"),
    (r"h_{k=p,l}", "h[p, l]"),
]


@pytest.mark.parametrize(("text", "expected"), READS)
def test_a_name_reads_with_its_subscript_and_power(text, expected, reads_as):
    assert reads_as(text) == expected


REFUSED = [
    (r"h_{kq}", "index q runs over N but axis 2 of h has size L", 4),
    (r"h_{11}", "separate indices with commas", 3),
    (r"h_{k,1,2}", "gives 3", 3),
    (r"\delta_l", "has no axes", 7),
    (r"h_{L,1}", "L is used as the last position of axis 1 of h, which has size N", 3),
    (r"h_{0,1}", "indices start at 1", 3),
    (r"h_{k*1,l}", "axis 1 of h: a position joins its terms with + and -", 4),
    (r"h_{x+1,l}", "'x' is not a declared index", 3),
    (r"h^{(l)}_k", "index l runs over L but the step of h has size N", 4),
    (r"h_{k\cdot 2,l}", "axis 1 of h: a position joins its terms with + and -", 4),
    (r"h_{k+,l}", "axis 1 of h: a position names an index, as in i+k-1", 4),
    (r"h_{k,x}", "'x' is not a declared index", 5),
    (r"f(x)", "unknown symbol f", 0),
    (r"\nu", "unknown symbol \\nu", 0),
    (r"\mu^23", "read by TeX as 2 then 3; write braces", 4),
    (r"u''", "second derivatives", 0),
    (r"h_{k}_{l}", "a second _", 5),
    (r"k^2", "outside a subscript", 0),
    (r"(\mu_l)_k", "a subscript here is not read", 8),
    (r"\mu_{k=j}", "index k runs over N but axis 1 of \\mu has size L", 5),
    (r"h_{1:k}", "h is sliced here (a range of positions", 3),  # a slice: never an index
    (r"\mu_{k+1:end}", "\\mu is sliced here", 5),
]


@pytest.mark.parametrize(("text", "message", "at"), REFUSED)
def test_a_script_that_cannot_be_read_is_refused_at_its_place(text, message, at, refusal):
    got, where = refusal(text)
    assert message in got
    assert where == at


def test_a_prime_is_kept_for_the_line_to_resolve(bn):
    t = parse(tokenize(r"u' \cdot v"), bn)
    assert isinstance(t.factors[0], Prime)
    assert t.factors[0].expr == Ref("u", "tensor")


def test_an_index_alone_is_a_letter(bn):
    assert parse(tokenize("k"), bn) == Letter("k")


def test_e_to_a_power_is_the_exponential_where_e_names_nothing(reads_as):
    assert reads_as(r"e^{h_{kl} - \mu_l}") == "exp(h[k, l] - mu[l])"
    assert reads_as(r"\mathrm{e}^{h_{kl}}") == "exp(h[k, l])"


def test_a_function_of_the_language_set_upright_by_name(reads_as):
    assert reads_as(r"\text{tanh}(h_{kl})") == "tanh(h[k, l])"
    assert reads_as(r"\operatorname{exp}(h_{kl}) + \mathrm{ln}(h_{kl})") == (
        "exp(h[k, l]) + log(h[k, l])"
    )


def test_pi_is_the_constant(reads_as):
    assert reads_as(r"\frac{h_{kl}}{\sqrt{2\pi}}") == "h[k, l]/sqrt(2*pi)"
    assert reads_as(r"\pi^2 h_{kl}") == "pi**2*h[k, l]"


@pytest.mark.parametrize("text", [r"h[k,:]", r"h[k, :]", r"h_k"])
def test_a_numpy_row_slice_is_the_slice_at_its_leading_index(text, bn):
    assert parse(tokenize(text), bn) == parse(tokenize(r"h_k"), bn)


@pytest.mark.parametrize("text", [r"h [k,:]", r"h[k]", r"h[:,k]"])
def test_a_bracket_that_is_no_row_slice_is_not_read_as_one(text, bn):
    try:
        got = parse(tokenize(text), bn)
    except TexError:
        return
    assert got != parse(tokenize(r"h_k"), bn)
