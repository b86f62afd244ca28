"""A derivative by a scalar set equal to a chain of derivatives whose links share an index
the left side does not have (`∂f/∂γ = ∂f/∂y_i ∂y_i/∂γ`) is read with the chain rule's sum
over that index (`symbn.language.latex.einstein.unsaid_chain_sums`); nothing else is."""

from __future__ import annotations

from pathlib import Path

import pytest
from documents import slipped

from symbn.verify.document import check

DOC = (Path(__file__).parents[2] / "markdown" / "unsaid_chain_sums.md").read_text(encoding="utf-8")


def _found(text: str) -> list[tuple[int, str, str]]:
    return [(f.where.line, f.status, f.message) for f in check(text, "doc.md").findings]


def test_the_unsaid_sum_of_a_chain_rule_is_read():
    found = _found(DOC)
    claims = [(n, s) for n, s, m in found if "diff(loss, c)" in m or "diff(loss, s)" in m]
    assert claims == [(8, "proved"), (12, "proved")]
    assert any("sum(diff(loss, y[i])*diff(y[i], s), i)" in m for _, _, m in found)


@pytest.mark.parametrize(
    ("old", "new", "verdict"),
    [
        (  # the chain is by s, the left side by c
            r"{\partial s} = \frac{\partial E}{\partial y_i} \frac{\partial y_i}{\partial s}",
            r"{\partial c} = \frac{\partial E}{\partial y_i} \frac{\partial y_i}{\partial s}",
            "refuted",
        ),
        (
            r"= \sum_{i=1}^{n} \frac{\partial E}{\partial y_i} x_i",
            r"= \sum_{i=1}^{n} x_i",
            "refuted",
        ),
        (  # not a chain: a link is no derivative
            r"\frac{\partial E}{\partial y_i} \frac{\partial y_i}{\partial s}",
            r"\frac{\partial E}{\partial y_i} \cdot 1",
            "unchecked",
        ),
        # the links do not meet: y_i, then x_i
        (r"\frac{\partial y_i}{\partial s}", r"\frac{\partial x_i}{\partial s}", "unchecked"),
    ],
)
def test_a_slip_is_refuted_and_anything_but_a_chain_stays_unread(old, new, verdict):
    got = slipped(DOC, old, new)
    assert verdict in got
    assert got.count("proved") < slipped(DOC, old, old).count("proved")


#: The chain rule by an element of a matrix, through a vector whose index the left side
#: does not have: the sum over k is the chain rule's, left unsaid.
ELEMENT = r"""A layer, with $W \in \mathbb{R}^{m \times n}$:

$$
z_k = \sum_{j=1}^{n} W_{kj} x_j
$$

$$
\frac{\partial L}{\partial W_{ij}} = \frac{\partial L}{\partial z_k} \cdot
\frac{\partial z_k}{\partial W_{ij}} = \frac{\partial L}{\partial z_i} x_j
$$
"""


def test_the_unsaid_sum_of_a_chain_by_an_element_keeps_the_element_s_indices():
    found = _found(ELEMENT)
    assert [s for _, s, m in found if "diff(loss, W[i, j])" in m or "z[i]" in m] == [
        "proved",
        "proved",
    ]
    assert any("sum(diff(loss, z[k])*diff(z[k], W[i, j]), k)" in m for _, _, m in found)


@pytest.mark.parametrize(
    "slip",
    [
        r"\frac{\partial L}{\partial z_i}",  # x_j dropped
        r"\frac{\partial L}{\partial z_i} x_i",  # i where j is meant
        r"\frac{\partial L}{\partial z_j} x_i",
    ],
)
def test_a_slip_in_a_chain_by_an_element_is_not_proved(slip):
    text = ELEMENT.replace(r"\frac{\partial L}{\partial z_i} x_j", slip)
    statuses = [s for n, s, _ in _found(text) if n == 8]
    assert statuses, slip
    assert statuses.count("proved") < 2, (slip, statuses)
    assert "refuted" in statuses or "unchecked" in statuses, (slip, statuses)


def test_a_row_that_starts_with_the_chain_is_read_with_its_sum():
    text = ELEMENT.replace(r"\frac{\partial L}{\partial W_{ij}} = ", "")
    assert [s for n, s, _ in _found(text) if n == 8] == ["proved"]
    for slip in (r"\frac{\partial L}{\partial z_i}", r"\frac{\partial L}{\partial z_k} x_j"):
        slipped_text = text.replace(r"\frac{\partial L}{\partial z_i} x_j", slip)
        statuses = [s for n, s, _ in _found(slipped_text) if n == 8]
        assert statuses, slip
        assert "proved" not in statuses, (slip, statuses)
