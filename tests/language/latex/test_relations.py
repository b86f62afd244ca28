"""symbn.language.latex.texrel: relations between indices as documents write them, the
Iverson bracket and the restricted sum, read into the expression language's `If(m <= n)`
and `sum(f, m, m <= n)`; what is not a relation of indices left as it was read before; a
small document of running totals checked line by line."""

from __future__ import annotations

import pytest
from paths import ROOT

import symbn

READS = [
    (r"[p \le k] h_{pl}", "If(p <= k)*h[p, l]"),
    (r"\big[ p < k \big] h_{pl}", "If(p < k)*h[p, l]"),
    (r"\left[ k \geq p \right]", "If(k >= p)"),
    (r"[k \ne p]", "If(k != p)"),
    (r"[k = p]", "If(k == p)"),
    (r"[p \le N]", "If(p <= N)"),
    (r"\mathbb{1}[p \le k] h_{pl}", "If(p <= k)*h[p, l]"),
    (r"\mathbb{1}_{p > k} h_{pl}", "If(p > k)*h[p, l]"),
    (r"\mathbf{1}[k \neq p]", "If(k != p)"),
    (r"\sum_{p \le k} h_{pl}", "sum(h[p, l], p, p <= k)"),
    (r"\sum_{p < k} h_{pl}", "sum(h[p, l], p, p < k)"),
    (r"\sum_{p \ne k} h_{pl}", "sum(h[p, l], p, p != k)"),
    (r"\sum_{p=1}^{k} h_{pl}", "sum(h[p, l], p, p <= k)"),
    (r"\sum_{p=2}^{N} h_{pl}", "sum(h[p, l], p, 2 <= p)"),
    (r"\sum_{p=i}^{k} h_{pl}", "sum(h[p, l], p, i <= p, p <= k)"),
    # what is not a relation of indices reads as before
    (r"\sum_{p=1}^{N} h_{pl}", "sum(h[p, l], p)"),
    (r"\mathbb{1}[h_{kl} > 0]", "step(h[k, l])"),
    (r"\mathbb{1}_{k=p}", "Delta(k, p)"),
    (r"\Big[ \mu_l \Big]", "mu[l]"),
]


@pytest.mark.parametrize(("text", "expected"), READS)
def test_each_relation_reads_as_written(text, expected, reads_as):
    assert reads_as(text) == expected


REFUSED = [
    (r"[p \le l]", "compares indices of different ranges", 1),
    (r"\sum_{N \le p} h_{pl}", "names its index on the left", 6),
    (r"\sum_{p=1}^{N+1} h_{pl}", "write its upper limit as one index", 12),
    (r"\sum_{p=0}^{k} h_{pl}", "out of range", 8),
]


@pytest.mark.parametrize(("text", "message", "at"), REFUSED)
def test_what_cannot_be_read_is_refused_at_its_place(text, message, at, refusal):
    got, where = refusal(text)
    assert message in got
    assert where == at


def test_a_document_of_running_totals_is_checked_line_by_line():
    checked = symbn.check(ROOT / "tests" / "markdown" / "causal_prefix.md")
    got = [(f.status, f.message) for f in checked]
    assert got == [
        ("defined", "definition r[t, c] = sum(x[m, c], m, m <= t)"),
        ("defined", "definition u[t, c] = sum(If(m <= t)*x[m, c], m, m <= t)"),
        ("defined", "definition w[t, c] = sum(x[s, c], s, s != t)"),
        ("proved", "r[t, c] - x[t, c] = sum(x[m, c], m, m < t)"),
        ("proved", "u[t, c] = r[t, c]"),
        ("proved", "w[t, c] = sum(x[m, c], m) - x[t, c]"),
        ("proved", "diff(r[t, c], x[i, c]) = If(i <= t)"),
        ("refuted", "diff(r[t, c], x[i, c]) = If(t <= i)"),
        ("refuted", "r[t, c] = sum(x[m, c], m, m <= t) - x[t, c]"),
    ]
