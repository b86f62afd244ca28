"""A letter the document uses as a number (a coefficient, `m u_{ik}^{m-1}`, or the exponent
of a bracket, `(\\ldots)^{\\frac{1}{q}}`) is a power in a superscript of a name, not a step
or a layer (`tests/markdown/power_memberships.md`, `tests/markdown/power_norm.md`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from documents import slipped

from symbn.language.latex.numberletters import exponents, numbers
from symbn.language.latex.texlex import tokenize
from symbn.verify.document import check

HERE = Path(__file__).parents[2] / "markdown"
MEMBERSHIPS = (HERE / "power_memberships.md").read_text(encoding="utf-8")
NORM = (HERE / "power_norm.md").read_text(encoding="utf-8")


def test_a_superscript_letter_used_as_a_coefficient_is_a_power():
    findings = check(MEMBERSHIPS, "doc.md").findings
    proved = [f.message for f in findings if f.status == "proved"]
    assert proved == ["diff(J, u[i, k]) = m*u[i, k]**(m - 1)*e[i, k]"]


def test_a_superscript_letter_used_as_an_exponent_of_a_bracket_is_a_power():
    findings = check(NORM, "doc.md").findings
    statuses = {f.where.line: f.status for f in findings if f.status != "warning"}
    assert statuses == {3: "defined", 5: "proved", 7: "refuted"}


@pytest.mark.parametrize(
    "new",
    [
        "m u_{ik}^{m} e_{ik}",  # the power not lowered
        "u_{ik}^{m-1} e_{ik}",  # the factor m dropped
        "m u_{ik}^{m-1} e_{ki}",  # the wrong element
        "(m-1) u_{ik}^{m-1} e_{ik}",
    ],
)
def test_a_slip_in_the_power_is_not_proved(new):
    got = slipped(MEMBERSHIPS, "m u_{ik}^{m-1} e_{ik}", new)
    assert got
    assert "proved" not in got


@pytest.mark.parametrize(
    ("written", "found"),
    [
        ("J = m u_{ik}^{m-1}", {"m"}),
        ("\\left(\\frac{1}{d}\\right)^{\\frac{1}{m-1}}", {"m"}),
        ("(a + b)^p", {"p"}),
        ("z^l_j = \\sum_k w^l_{jk} a^{l-1}_k + b^l_j", set()),  # a layer letter
        ("\\delta^l = w^{l+1} \\delta^{l+1} \\odot \\sigma'(z^l)", set()),
        ("mu_{ik}", set()),  # a word
        ("m_i u_{ik}", set()),  # a name of its own
    ],
)
def test_the_letters_used_as_numbers(written, found):
    assert numbers([tokenize(written)]) == found


def test_an_exponent_is_a_number_written_in_a_superscript():
    rows = [tokenize("m u_{ik}^{m-1} + n x_{k}")]
    assert exponents(rows) == {"m"}
