"""A row that names its value after the sign, `A =: g` or `A \\coloneqq \\mathbf{g}`, defines
g by A; `\\frac{dL}{d\\mathbf{h}} =: d\\mathbf{h}` names the loss's gradient by h, spelled
with its d, the upstream of a loss of h."""

from __future__ import annotations

import pytest

from symbn.language.latex.guessed import toml_of
from symbn.language.latex.naming import derivative_of, named_last
from symbn.language.latex.texlex import tokenize
from symbn.verify.document import check

DOC = r"""
For $\mathbf{u} \in \mathbb{R}^{K}$ and $\mathbf{v} \in \mathbb{R}^{K}$:

$$
\mathbf{h} = \mathbf{a} \odot \mathbf{v}, \quad \mathbf{a} = c\, \mathbf{u}, \quad
c = \frac{1}{K} \sum_{k=1}^{K} u_k
$$

Given $\frac{dL}{d\mathbf{h}} =: d\mathbf{h}$, the gradients are

$$
\frac{\partial L}{\partial \mathbf{v}} = d\mathbf{h} \odot \mathbf{a}
$$

$$
\frac{\partial L}{\partial \mathbf{a}} = d\mathbf{h} \odot \mathbf{v} \eqqcolon \mathbf{e}.
$$

$$
\frac{\partial L}{\partial u_p} = c\, e_p + \frac{1}{K} \sum_{k=1}^{K} e_k u_k
$$
"""


def texts(row: str) -> str:
    return " ".join(t.text for t in named_last(tokenize(row)))


@pytest.mark.parametrize(
    ("row", "read"),
    [
        (r"a + b =: g", "g = a + b"),
        (r"2 x = a + b \coloneqq g.", "g = a + b = 2 x"),
        (r"\frac{dL}{dh} =: dh", r"d h = \frac { d L } { d h }"),
        (r"g \coloneqq a + b", "g = a + b"),  # the name first: as written
        (r"g \coloneqq h", "g = h"),
        (r"h =: g", "g = h"),  # =: says which is named
        (r"y = x + b =: g", "y = x + b = g"),  # y is named first
        (r"x = a + b = g", "x = a + b = g"),  # no naming sign
        (r"a + b =: g + 1", "a + b = g + 1"),  # no lone name after it
    ],
)
def test_a_row_that_names_its_value_is_read_with_the_name_first(row, read):
    assert texts(row) == read


def test_the_named_value_is_a_definition_and_the_named_gradient_the_upstream():
    inferred = toml_of(DOC, "doc.md")
    for line in (
        'dh = { shape = ["K"], latex = "d\\\\mathbf{h}" }',
        'e = { shape = ["K"], latex = "\\\\mathbf{e}" }',
        'of = "h"',
        'upstream = "dh"',
    ):
        assert line in inferred
    got = [(f.where.line, f.status, f.message) for f in check(DOC, "doc.md").findings]
    assert (16, "defined", "definition e[k] = dh[k]*v[k]") in got
    rows = {line for line, s, _ in got if s == "proved"}
    assert {12, 16, 20} <= rows
    assert "refuted" not in {s for _, s, _ in got}


def test_a_slip_after_the_named_value_is_not_proved():
    doc = DOC + "\n$$\n\\frac{\\partial L}{\\partial u_p} = c\\, e_p\n$$\n"
    findings = check(doc, "doc.md").findings
    last = [f.status for f in findings if f.where.line == doc.count("\n") - 1]
    assert last
    assert "proved" not in last
    assert "refuted" in last  # the term through c is dropped: wrong for every K


#: Attention in matrix form: d is a size (X is n × d) and the d of the gradients named after
#: dO = ∂L/∂O; d_k under a root, beside a left side written whole, is a scalar of its own.
ATTENTION = r"""
Let $Q = XW_Q$, $K = XW_K$, $V = XW_V$, with $X \in \mathbb{R}^{n \times d}$.

$$S = \frac{QK^T}{\sqrt{d_k}}$$

$$P = \text{softmax}(S)$$

$$O = PV$$

Given $dO = \frac{\partial L}{\partial O}$:

$$dV = P^T dO$$

$$dP = dO\, V^T$$

$$dS_{ij} = P_{ij}\left(dP_{ij} - \sum_k P_{ik} dP_{ik}\right)$$

$$dQ = \frac{1}{\sqrt{d_k}} dS\, K$$

$$dK = \frac{1}{\sqrt{d_k}} dS^T Q$$
"""


def test_a_d_that_is_a_size_still_names_gradients_after_a_row_names_one_so():
    got = {f.where.line: f.status for f in check(ATTENTION, "doc.md").findings if f.claim}
    lines = ATTENTION.split("\n")
    for head in ("$$dV", "$$dP", "$$dS_{ij}", "$$dQ", "$$dK"):
        assert got[next(k for k, x in enumerate(lines, 1) if x.startswith(head))] == "proved"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("dV = P^T dO", "dV = P dO"),
        ("dS^T Q", "dS Q"),
        (r"\sum_k P_{ik} dP_{ik}", r"\sum_k P_{ik} dP_{kj}"),
        (r"dQ = \frac{1}{\sqrt{d_k}} dS\, K", r"dQ = \sqrt{d_k} dS\, K"),
    ],
)
def test_a_slip_in_the_attention_gradients_is_not_proved(old, new):
    doc = ATTENTION.replace(old, new)
    line = next(k for k, x in enumerate(doc.split("\n"), 1) if new in x)
    statuses = [f.status for f in check(doc, "doc.md").findings if f.where.line == line]
    assert statuses
    assert "proved" not in statuses


def test_a_word_differentiated_names_a_gradient_by_a_d():
    toks = tokenize(r"dw = \frac{\partial MSE}{\partial w}")
    assert derivative_of(toks, 3) == ("MSE", "w")
