"""Expectations (`symbn.language.latex.expectations`): a line with one is unchecked naming
the expectation, however its E is written, and a name E with indices is still a name."""

from __future__ import annotations

import pytest

from symbn.verify.document import check


def _row(row: str) -> list:
    findings = check(f"Let $x \\in \\R$ and $w \\in \\R$.\n\n$${row}$$\n", "doc.md").findings
    return [f for f in findings if f.where.line == 3]


@pytest.mark.parametrize(
    "row",
    [
        r"m = \mathbb{E}_{x \sim p}[x^2]",
        r"m = \mathbb E[x^2]",
        r"\frac{\partial}{\partial w} \mathbb{E}[w x] = \mathbb{E}[x]",
        r"m = E_{x \sim p}[x^2]",
        r"q = E_{Z|X}[x]",
        r"q = \mathrm{E}_{x \sim p}[x]",
        r"\mathbb{E}_{x \sim p}[w x] = w \mathbb{E}_{x \sim p}[x]",  # true, still unread
        r"\mathbb{E}_{x \sim p}[w x] = 2 w \mathbb{E}_{x \sim p}[x]",  # false, never refuted
    ],
)
def test_an_expectation_is_unchecked_naming_it(row):
    on_row = _row(row)
    assert [f.status for f in on_row] == ["unchecked"]
    assert "expectation" in on_row[0].message


def test_a_letter_e_with_an_index_is_still_a_name():
    assert not any("expectation" in f.message for f in _row("E_x = 2x"))
    assert not any("expectation" in f.message for f in _row("E_{x} = E_{w} + x"))
