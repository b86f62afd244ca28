"""A capital sigma whose subscript binds an index is read as a sum
(`symbn.language.latex.bigsigma`); any other `\\Sigma` stays the letter."""

from __future__ import annotations

import pytest

from symbn.language.latex.texlex import tokenize


def _texts(tex: str) -> list[str]:
    return [t.text for t in tokenize(tex)]


@pytest.mark.parametrize(
    "tex",
    [
        r"\Sigma^m_{i=1} x_i",
        r"\Sigma_{i=1}^m x_i",
        r"\Sigma_{i=1}^{m} x_i",
        r"\Sigma^{m}_{i = 1} x_i",
        "Σ_{i=1}^m x_i",
        r"\Sigma^K_k x_k",
        r"\Sigma_k^{K} x_k",
        r"\Sigma_{k, k \neq j}^K x_k",
        r"\Sigma_{k,k\neq j} x_k",
    ],
)
def test_a_capital_sigma_that_binds_an_index_is_a_sum(tex):
    assert _texts(tex)[0] == "\\sum"


@pytest.mark.parametrize(
    "tex",
    [
        r"\Sigma_{ij} x_j",
        r"\Sigma^{-1} x",
        r"\Sigma x",
        r"\Sigma_i x_i",
        r"\Sigma^m x",
        r"\Sigma_k^T x",
        r"\Sigma^K_{kl} x",
        r"\Sigma_{k, l} x",
    ],
)
def test_any_other_capital_sigma_stays_the_letter(tex):
    assert _texts(tex)[0] == "\\Sigma"


def test_the_sum_keeps_the_offsets_of_the_letter():
    (t, *_) = tokenize(r"\Sigma^m_{i=1} x_i")
    assert (t.start, t.end) == (0, 6)
