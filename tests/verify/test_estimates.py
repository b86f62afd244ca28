"""A derivative by one element of an indexed family (`\\partial J / \\partial \\mu_k`) picks
the k-th term of a sum over k; a row that then writes that name through the names beside it
(`\\mu_k = \\sum_n r_{nk} x_n / \\sum_n r_{nk}`) is the estimate that solves the derivative
set to zero: no definition (read as one, both sides of the derivative vanish at it and a
wrong derivative is proved), and its own refutation is held back."""

from __future__ import annotations

from symbn.language.latex.infer import infer
from symbn.source.document.markdown import read_markdown
from symbn.verify.document import check
from symbn.verify.stationary import ESTIMATE

CENTRES = r"""The cost of the assignment $r_{nk}$ of points to centres is

$$J = \sum_{n=1}^N \sum_{k=1}^K r_{nk} (x_n - \mu_k)^2, \quad r_{nk} = \{0, 1\}$$

Differentiating with respect to one centre,

$$\frac{\partial J}{\partial \mu_k} = -2\sum_{n=1}^N r_{nk}(x_n - \mu_k)$$

$$\frac{\partial J}{\partial \mu_k} = -2\sum_{k=1}^K\sum_{n=1}^N r_{nk}(x_n - \mu_k)$$

$$\frac{\partial J}{\partial \mu_k} = -\sum_{n=1}^N r_{nk}(x_n - \mu_k)$$

and setting the first to zero gives the update

$$\mu_k = \frac{\sum_n r_{nk} x_n}{\sum_n r_{nk}}$$
"""

MEAN = r"""For data $x_1, \ldots, x_n$ we minimise

$$\ell = \frac{1}{2} \sum_{i=1}^{n} (x_i - m)^2$$

$$\frac{\partial \ell}{\partial m} = \sum_{i=1}^{n} (m - x_i)$$

$$\frac{\partial \ell}{\partial m} = \frac{1}{2}\sum_{i=1}^{n} (m - x_i)$$

so that

$$m = \frac{1}{n} \sum_{i=1}^{n} x_i$$
"""

WEIGHTS = r"""With weights $g_{ik}$ the weighted spread about the means $m_k$ is

$$Q = \sum_{i=1}^{n} \sum_{k=1}^{K} \frac{g_{ik} (x_i - m_k)^2}{v_k}$$

$$\frac{\partial Q}{\partial v_k} = -\sum_{i=1}^{n} \frac{g_{ik} (x_i - m_k)^2}{v_k^2}$$

$$\frac{\partial Q}{\partial v_k}
= -\sum_{k=1}^{K}\sum_{i=1}^{n} \frac{g_{ik} (x_i - m_k)^2}{v_k^2}$$
"""

TOP_DOWN = r"""The loss of one example is

$$L = (a - y)^2$$

$$\frac{\partial L}{\partial a} = 2(a - y)$$

where the output is

$$a = w x$$

$$\frac{\partial L}{\partial w} = 2(a - y) x$$

$$\frac{\partial L}{\partial w} = 2(a - y)$$
"""


def statuses(doc: str) -> dict[int, list[tuple[str, str]]]:
    out: dict[int, list[tuple[str, str]]] = {}
    for f in check(doc, "doc.md", None).findings:
        if f.status != "warning":
            out.setdefault(f.where.line, []).append((f.status, f.message))
    return out


def test_the_derivative_by_one_centre_picks_its_term_and_the_update_is_no_definition():
    found = statuses(CENTRES)
    assert [s for s, _ in found[3] if s == "defined"] == ["defined"]
    assert found[7] == [("proved", "diff(J, mu[k]) = -2*sum(r[n, k]*(x[n] - mu[k]), n)")]
    ((status, message),) = found[15]
    assert status == "unchecked"
    assert ESTIMATE.format(name="mu", line=7) in message


def test_a_sum_kept_over_the_centre_differentiated_by_is_refuted():
    found = statuses(CENTRES)
    assert [s for s, _ in found[9]] == ["refuted"]  # the outer sum over k stays: wrong
    assert [s for s, _ in found[11]] == ["refuted"]  # the factor 2 dropped


def test_an_estimate_of_a_scalar_in_another_style():
    found = statuses(MEAN)
    assert found[5] == [("proved", "diff(ell, m) = sum(m - x[i], i)")]
    assert [s for s, _ in found[7]] == ["refuted"]
    ((status, message),) = found[11]
    assert status == "unchecked"
    assert ESTIMATE.format(name="m", line=5) in message


def test_proportions_picked_by_their_index():
    found = statuses(WEIGHTS)
    assert [s for s, _ in found[5]] == ["proved"]
    assert [s for s, _ in found[7]] == ["refuted"]


def test_a_forward_pass_written_below_the_loss_still_defines_its_names():
    g = infer(read_markdown(TOP_DOWN, "doc.md"))
    assert g.tensors["a"].defined  # a = w x is written through w and x, not beside a in L
    found = statuses(TOP_DOWN)
    assert [s for s, _ in found[11]] == ["proved"]
    assert [s for s, _ in found[13]] == ["refuted"]


def test_a_set_of_values_is_no_definition():
    g = infer(read_markdown(CENTRES, "doc.md"))
    assert not g.tensors["r"].defined
    assert not g.tensors["mu"].defined


DEFINED_FIRST = r"""The mean of the data is

$$m = \frac{1}{n}\sum_{i=1}^{n} x_i$$

and the spread about it

$$S = \sum_{i=1}^{n} (x_i - m)^2$$

$$\frac{\partial S}{\partial m} = -2\sum_{i=1}^{n} (x_i - m)$$

where, again,

$$m = \frac{1}{n - 1}\sum_{i=1}^{n} x_i$$
"""


def test_a_defined_name_set_again_below_a_derivative_by_it_is_judged():
    found = statuses(DEFINED_FIRST)
    assert found[9] == [("proved", "diff(S, m) = -2*sum(x[i] - m, i)")]
    assert [s for s, _ in found[13]] == ["refuted"]  # no estimate: m is defined above
