"""symbn.language.latex.texrel: relations between indices as documents write them, the
Iverson bracket and the restricted sum, read into the expression language's `If(m <= n)`
and `sum(f, m, m <= n)`; what is not a relation of indices left as it was read before; a
small document of running totals checked line by line."""

from __future__ import annotations

import pytest
from documents import slipped
from paths import ROOT

import symbn
from symbn.verify.document import check

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
    (r"\sum_{p=1, p \ne k}^{N} h_{pl}", "sum(h[p, l], p, p != k)"),
    (r"\sum_{p=1,\, p \neq k}^N h_{pl}", "sum(h[p, l], p, p != k)"),
    (r"\sum_{p=2, p < k}^{N} h_{pl}", "sum(h[p, l], p, 2 <= p, p < k)"),
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


SPREAD = r"""
$$ m = \frac{1}{T} \sum_{s=1}^{T} v_s $$

$$ q = \frac{1}{T} \sum_{s=1}^{T} (v_s - m)^2 $$

$$
\begin{aligned}
\frac{\partial q}{\partial v_r}
&= \frac{2}{T} \left( (v_r - m) - \frac{1}{T} \sum_{s=1,\, s \ne r}^{T} (v_s - m)
   - \frac{1}{T} (v_r - m) \right) \\
&= \frac{2}{T} (v_r - m)
\end{aligned}
$$
"""


def test_a_bounded_sum_that_leaves_out_one_term_is_checked():
    got = [f.status for f in check(SPREAD, "doc.md").findings]
    assert got.count("proved") == 2
    assert "refuted" not in got
    old = r"\sum_{s=1,\, s \ne r}^{T}"
    assert "proved" not in slipped(SPREAD, old, r"\sum_{s=1,\, s \ne r}^{T} 2")
    assert "proved" not in slipped(SPREAD, old, r"\sum_{s=1}^{T}")
