"""Names that are not read (`symbn.language.latex.unread`): a line with an expectation is
unchecked naming it, however its E is written, and a name E with indices is still a name; a
command in camel case that no line defines is named as such, TeX's own commands are not."""

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


@pytest.mark.parametrize(
    ("row", "macro"),
    [
        (r"y = \lossValue x", True),
        (r"y = \queryMatrix x", True),
        (r"y = \leftarrow x", False),  # TeX's: unknown, no macro
        (r"y = \varGamma x", False),
        (r"y = \lVertx", False),
        (r"y = \foo x", False),
    ],
)
def test_a_command_in_camel_case_no_line_defines_is_named_a_macro(row, macro):
    (finding,) = _row(row)
    assert finding.status == "unchecked"
    assert ("no line of the document defines" in finding.message) == macro
