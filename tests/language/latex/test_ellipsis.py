"""Sums written with an ellipsis: each well-formed kind read as a sum, each ambiguous kind
refused with its reason."""

from __future__ import annotations

import pytest

from symbn.language.latex.ellipsis import antiunify, resolve
from symbn.language.latex.printer import to_language
from symbn.language.latex.texlex import tokenize
from symbn.language.latex.texmath import parse
from symbn.language.latex.tree import Last, Letter, Number
from symbn.source.positions import TexError, TexInputError


def read(text, bn, avoid=frozenset()):
    return to_language(resolve(parse(tokenize(text), bn), bn, avoid), bn)


WELL_FORMED = [
    # the plain pattern over the whole range
    (r"h_{1,1} + h_{2, 1} + \cdots + h_{N, 1}", "sum(h[i, 1], i)"),
    (r"h_{1,2} + \cdots + h_{N,2}", "sum(h[i, 2], i)"),
    (
        r"(h_{1,2}-\mu_2)^2 + (h_{2,2}-\mu_2)^2 + \cdots + (h_{N,2}-\mu_2)^2",
        "sum((h[i, 2] - mu[2])**2, i)",
    ),
    (r"h_{1,1}h_{1,1} + h_{2,1}h_{2,1} + \cdots + h_{N,1}h_{N,1}", "sum(h[i, 1]*h[i, 1], i)"),
    (r"\mu_1 + \mu_2 + \ldots + \mu_L", "sum(mu[j], j)"),
    (r"- h_{1,1} - h_{2,1} - \dots - h_{N,1}", "-sum(h[i, 1], i)"),
    # the first listed term breaks the pattern: its difference from t(1) is added
    (
        r"(h_{1,1} - \mu_1)(1 - 1/N) + (h_{2,1} - \mu_1)(0 - 1/N) + \cdots + "
        r"(h_{N,1} - \mu_1)(0 - 1/N)",
        "sum((h[i, 1] - mu[1])*(0 - 1/N), i) + (h[1, 1] - mu[1])*(1 - 1/N) - "
        "(h[1, 1] - mu[1])*(0 - 1/N)",
    ),
    # a term in the middle breaks it
    (
        r"(\mu_2 - h_{1,2}) + (h_{2,2}N - \mu_2) + (\mu_2 - h_{3,2}) + \cdots + (\mu_2 - h_{N,2})",
        "sum(mu[2] - h[i, 2], i) + h[2, 2]*N - mu[2] - (mu[2] - h[2, 2])",
    ),
    # a run that starts later: the terms before it are subtracted
    (r"h_{3,1} + h_{4,1} + \cdots + h_{N,1}", "sum(h[i, 1], i) - h[1, 1] - h[2, 1]"),
    # other summands before the run stay as they are
    (
        r"h_{1,1}N - N\mu_1 - h_{2,1} - \cdots - h_{N,1}",
        "h[1, 1]*N - N*mu[1] - sum(h[i, 1], i) + h[1, 1]",
    ),
    # and after the last term
    (r"h_{1,1} + \cdots + h_{N,1} + \mu_1", "sum(h[i, 1], i) + mu[1]"),
    # between two numbers the terms are written out
    (r"h_{2,1} + h_{3,1} + \cdots + h_{5,1}", "h[2, 1] + h[3, 1] + h[4, 1] + h[5, 1]"),
    # zeros
    (r"0 + 0 + \cdots + 0", "0"),
    (r"1 + 0 + 0 + \cdots + 0", "1"),
    # inside a larger expression
    (r"\frac{1}{N}\big(h_{1,1} + h_{2,1} + \cdots + h_{N,1}\big)", "1/N*sum(h[i, 1], i)"),
    # deltas vary along with a tensor
    (
        r"h_{1,1}\Delta_{1,k} + h_{2,1}\Delta_{2,k} + \cdots + h_{N,1}\Delta_{N,k}",
        "sum(h[i, 1]*Delta(i, k), i)",
    ),
]


@pytest.mark.parametrize(("text", "expected"), WELL_FORMED)
def test_well_formed_series_read_as_sums(text, expected, bn):
    assert read(text, bn) == expected


def test_the_summation_index_avoids_the_letters_of_the_line(bn):
    assert read(r"h_{1,1} + \cdots + h_{N,1}", bn, frozenset({"i", "k"})) == "sum(h[p, 1], p)"


AMBIGUOUS = [
    (r"h_{1,1} + h_{2,2} + \cdots + h_{N,L}", "two subscripts vary"),
    (r"h_{1,1} + h_{3,1} + \cdots + h_{N,1}", "does not step by 1"),
    (r"h_{1,1} - h_{2,1} + \cdots + h_{N,1}", "signs of this series alternate"),
    (r"h_{1,1} + h_{2,1} - h_{3,1} - \cdots - h_{N,1}", "signs of this series alternate"),
    (r"h_{1,1} + h_{2,1} - \cdots + h_{N,1}", "signs of this series alternate"),
    (r"h_{1,1} + h_{2,1} + \cdots - h_{N,1}", "signs of this series alternate"),
    (r"h_{1,1} + h_{2,1} \cdots + h_{N,1}", "missing before \\cdots"),
    (r"h_{1,1} + h_{2,1} + \cdots h_{N,1}", "missing after \\cdots"),
    (r"h_{1,1} + h_{2,1} + \cdots", "a last term after it"),
    (r"\cdots + h_{N,1}", "listed terms before it"),
    (r"1 + 1 + \cdots + 1", "differs from the last term in one subscript"),
    (r"h_{1,1} + \cdots + h_{N,1} + \cdots + h_{N,L}", "more than one ellipsis"),
    (r"h_{1,1} + \vdots + h_{N,1}", "a sum's ellipsis is \\cdots"),
    (r"h_{k,1} + \cdots + h_{N,1}", "not a number"),
    (r"h_{3,1} + \cdots + h_{2,1}", "not after the earlier terms"),
    (r"h_{1,1} + h_{2,1} + \mu_1 + \cdots + h_{N,1}", "does not fit the pattern"),
]


@pytest.mark.parametrize(("text", "reason"), AMBIGUOUS)
def test_ambiguous_series_are_refused_with_the_reason(text, reason, bn):
    with pytest.raises(TexError) as exc:
        read(text, bn)
    assert reason in exc.value.message


def test_antiunify_finds_the_one_varying_subscript(bn):
    a = parse(tokenize(r"(h_{2,1} - \mu_1)^2"), bn)
    b = parse(tokenize(r"(h_{N,1} - \mu_1)^2"), bn)
    ((x, y, leaf),) = antiunify(a, b)
    assert (x, y, leaf.owner, leaf.axis) == (Number(2), Last("N"), "h", 0)
    c = parse(tokenize(r"(h_{N,1} - \mu_2)^2"), bn)
    assert len(antiunify(a, c)) == 2
    d = parse(tokenize(r"(h_{N,1} + \mu_1)^2"), bn)
    assert antiunify(a, d) is None
    assert antiunify(Letter("k"), Letter("k")) == []


def test_a_series_to_an_index_past_the_limit_is_bad_input(bn):
    """Past MAX_INDEX (16) an index is bad input before the series is written out (at most
    64 terms): as h[100, 1] is in a derivation file."""
    with pytest.raises(TexInputError, match="concrete index 100 is too large"):
        parse(tokenize(r"h_{1,1} + \cdots + h_{100,1}"), bn)
