"""symbn.language.latex.sides: both sides of a line at index level. A tensor written whole
inside a derivative by its own element stands at that element when the expression is
elementwise (`tests/markdown/whole_in_derivative.md`), and so does one beside names written
at one letter (`y_i = \\gamma_i \\hat{x} + \\beta_i`); a vector's derivative by a vector
set equal to a vector claims the whole Jacobian, diagonal."""

from __future__ import annotations

from pathlib import Path

import pytest
from documents import slipped

from symbn.language.latex.printer import to_language
from symbn.language.latex.sides import at_element
from symbn.language.latex.texlex import tokenize
from symbn.language.latex.texmath import parse
from symbn.verify.document import check

DOC = (Path(__file__).parents[2] / "markdown" / "whole_in_derivative.md").read_text(
    encoding="utf-8"
)


def test_a_vector_written_whole_in_a_derivative_by_its_element_is_checked():
    statuses = [f.status for f in check(DOC, "doc.md").findings]
    assert statuses.count("proved") == 2
    assert "refuted" not in statuses


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (r"\alpha \left(1 - \tanh(u_k)^2\right)", r"\alpha \left(1 + \tanh(u_k)^2\right)"),
        (r"\partial (\alpha \tanh(u) + \kappa)", r"\partial (\alpha \exp(u) + \kappa)"),
    ],
)
def test_a_slip_beside_the_vector_written_whole_is_not_proved(old, new):
    got = slipped(DOC, old, new)
    assert got
    assert got.count("proved") < 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (r"\frac{\partial (2 \mu + 1)}{\partial \mu_l}", "diff(2*mu[l] + 1, mu[l])"),
        (r"\frac{\partial \exp(\mu)}{\partial \mu_l}", "diff(exp(mu[l]), mu[l])"),
        (r"\frac{\partial (\mu + h_{kl})}{\partial \mu_l}", "diff(mu[l] + h[k, l], mu[l])"),
    ],
)
def test_the_vector_stands_at_the_element_it_is_differentiated_by(text, expected, bn):
    assert to_language(at_element(parse(tokenize(text), bn), bn), bn) == expected


@pytest.mark.parametrize(
    "text",
    [
        r"\frac{\partial \sum_p h_{pl}}{\partial h_{kl}}",  # no name written whole
        r"\frac{\partial (\mu^\top \mu)}{\partial \mu_l}",  # a transpose: not elementwise
    ],
)
def test_what_is_not_one_elementwise_vector_is_left_as_written(text, bn):
    tree = parse(tokenize(text), bn)
    assert at_element(tree, bn) == tree


ACTIVATIONS = r"""# Activations

For $\mathbf{z} \in \mathbb{R}^n$:

$$
\mathbf{s} = \frac{1}{1 + \exp(-\mathbf{z})}
$$

$$
\frac{d\mathbf{s}}{d\mathbf{z}} = \mathbf{s} \odot (1 - \mathbf{s})
$$

$$
\frac{d\mathbf{s}}{d\mathbf{z}} = \mathbf{s} \odot (1 + \mathbf{s})
$$

$$
\mathbf{p} = \operatorname{softmax}(\mathbf{z})
$$

$$
\frac{d\mathbf{p}}{d\mathbf{z}} = \mathbf{p} \odot (1 - \mathbf{p})
$$
"""


def test_an_elementwise_derivative_claims_the_diagonal_jacobian():
    findings = check(ACTIVATIONS, "doc.md").findings
    found = [f for f in findings if f.kind == "claim" and f.where.line > 3]
    got = [(f.where.line, f.status) for f in found]
    assert got == [(10, "proved"), (14, "refuted"), (22, "refuted")]
    assert found[0].claim == "diff(s[q], z[r]) = Delta(q, r)*s[q]*(1 - s[q])"
    # the softmax's diagonal is p(1 - p): the last line is refuted by the entries off it


SUMMED = r"""+++
[sizes]
N = "rows"
D = "columns"

[indices]
i = "N"
j = "N"
a = "D"

[inputs]
X = { shape = ["N", "D"] }
w = { shape = ["N"] }

[defines]
Y = { shape = ["N", "D"] }
+++

$$ Y = \sum_{i=1}^{N} w_i X $$

$$ Y = \left(\sum_{i=1}^{N} w_i\right) X $$
"""


def test_a_fresh_letter_is_none_the_line_sums_over():
    """Y's rows are read at j, not at the i the sum binds, which would capture them."""
    findings = check(SUMMED, "doc.md").findings
    assert [f.status for f in findings] == ["defined", "proved"]
    assert "X[j, a]" in findings[0].message
    got = slipped(SUMMED, r"w_i\right) X", r"w_i\right) X X^T X")
    assert "proved" not in got


ALONG = SUMMED.replace('a = "D"\n', 'a = "D"\nb = "D"\n').split("$$")[0] + (
    "$$ Y = X - \\sum_a X $$\n\n$$ Y = X - X \\mathbf{1}_D \\mathbf{1}_D^T $$\n"
)


def test_a_sum_whose_letter_the_body_never_writes_sums_along_that_axis():
    """`\\sum_a X` beside Y read at [i, a]: the sum runs along X's columns, as the author of
    `\\sum_j \\frac{\\partial L}{\\partial A} \\odot A` means; not D times X."""
    assert [f.status for f in check(ALONG, "doc.md").findings] == ["defined", "proved"]


BARE = r"""
$$ \mu = \frac{1}{N}\sum_{i=1}^N x_i $$

$$ \hat{x} = x_i - \mu $$

$$ y_i = \gamma_i \hat{x} + \beta_i $$

$$ \frac{\partial y_i}{\partial \gamma_i} = %s $$
"""


@pytest.mark.parametrize(("rhs", "status"), [(r"\hat{x}_i", "proved"), (r"x_i", "refuted")])
def test_a_bare_vector_beside_names_at_one_letter_stands_at_that_letter(rhs, status):
    findings = check(BARE % rhs, "doc.md").findings
    assert [f.status for f in findings if f.where.line == 6] == ["defined"]
    assert [f.status for f in findings if f.where.line == 8] == [status]


WHOLE = (Path(__file__).parents[2] / "markdown" / "whole_batch_steps.md").read_text(
    encoding="utf-8"
)


def test_whole_vectors_with_scalar_derivatives_are_checked():
    """∂o/∂û = g (a diagonal of one scalar), ∂û/∂c = -1/√(v + ε) (each element's
    derivative by a scalar), and a definition that ends by naming its map."""
    found = [(f.where.line, f.status) for f in check(WHOLE, "doc.md").findings]
    assert [s for _, s in found].count("proved") == 6
    assert (18, "defined") in found
    assert "refuted" not in [s for _, s in found]
    # slips in these lines: tests/verify/test_document_mutation.py ("whole")
