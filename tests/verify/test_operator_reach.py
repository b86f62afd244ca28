"""symbn check on a derivative written as an operator before a product,
`\\frac{\\partial}{\\partial x} f g`: read on the whole product, as the convention goes; a
line false so but that its author may have meant on the first factor alone is unchecked,
never refuted, and one whose first factor names nothing reads the same either way."""

from __future__ import annotations

import pytest
from documents import FRONT

from symbn.verify.document import check

OP = r"\frac{\partial}{\partial h_{ij}}"
D = r"\frac{\partial \mu_l}{\partial h_{ij}}"


def verdict(row: str) -> tuple[str, str]:
    """The status and message of the finding of one display after FRONT."""
    r = check(FRONT + f"\n$$ {row} $$\n", "doc.md")
    last = max(f.where.line for f in r.findings)
    (f,) = [f for f in r.findings if f.where.line == last]
    return f.status, f.message


@pytest.mark.parametrize(
    "row",
    [
        rf"{D} = {OP} \frac{{1}}{{N}} \sum_p h_{{pl}}",
        rf"2 {D} \mu_l = {OP} \mu_l \mu_l",
        rf"{D} \cdot 3 = {OP} \mu_l \cdot 3",
    ],
)
def test_the_operator_on_a_product_is_proved_on_the_whole_product(row):
    assert verdict(row)[0] == "proved"


def test_a_line_that_holds_on_the_first_factor_alone_is_unchecked():
    status, message = verdict(rf"{D} \mu_l = {OP} \mu_l \mu_l")
    assert status == "unchecked"
    assert "acting on the whole product" in message


@pytest.mark.parametrize(
    "row",
    [
        rf"{D} = {OP} \frac{{2}}{{N}} \sum_p h_{{pl}}",  # the first factor names nothing
        rf"{D} \cdot 3 = {OP} \mu_l \cdot 2",  # nor does the rest
    ],
)
def test_a_line_false_either_way_is_refuted(row):
    assert verdict(row)[0] == "refuted"
