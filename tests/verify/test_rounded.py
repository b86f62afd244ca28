"""Worked numeric examples (`symbn.verify.rounded`, `symbn.language.latex.wordnames`): names
written as words (`net_{h1}`), arithmetic from the written numbers with their rounding
allowed, the symbolic steps of the same chains judged symbolically, and a slip of either
kind refuted."""

from __future__ import annotations

from pathlib import Path

import pytest

from symbn.verify.document import check
from symbn.verify.rounded import digits
from symbn.verify.status import Status

DOCS = Path(__file__).parent.parent / "markdown"


def _verdicts(name: str) -> dict[tuple[int, str], str]:
    text = (DOCS / name).read_text()
    out: dict[tuple[int, str], str] = {}
    for f in check(text, name).findings:
        if f.claim:
            out[(f.where.line, f.claim)] = f.status
    return out


def _rows(text: str) -> list[tuple[int, str, str]]:
    return [(f.where.line, f.status, f.message) for f in check(text, "doc.md").findings]


def test_a_sigmoid_example_is_checked_row_by_row():
    found = _verdicts("worked_sigmoid.md")
    statuses = set(found.values())
    assert Status.REFUTED not in statuses
    assert found[(8, "1/(1 + exp(-0.43)) = 0.605873668")] == Status.PROVED
    assert found[(20, "diff(out_o1, net_o1) = out_o1*(1 - out_o1)")] == Status.PROVED
    assert found[(18, "diff(E_o1, out_o1) = -(target_o1 - out_o1)")] == Status.PROVED
    assert found[(26, "0.70 - 0.5*(-0.032188019) = 0.716094010")] == Status.PROVED
    # a sum with no index, over the outputs it does not name: unchecked, never refuted
    rows = _rows((DOCS / "worked_sigmoid.md").read_text())
    assert [s for line, s, _ in rows if line == 16] == [Status.UNCHECKED]


def test_an_arithmetic_slip_is_refuted_with_both_values():
    found = _verdicts("worked_tanh_slip.md")
    assert found[(11, "1/2*(0.318521 - 0.25)**2 = 0.002437")] == Status.REFUTED
    assert [s for (line, _), s in found.items() if line != 11 and s == Status.REFUTED] == []
    assert found[(15, "diff(post_h1, pre_h1) = 1 - post_h1**2")] == Status.PROVED
    assert found[(19, "0.068521*0.898544*0.5 = 0.030785")] == Status.PROVED
    rows = _rows((DOCS / "worked_tanh_slip.md").read_text())
    slip = next(m for _, s, m in rows if s == Status.REFUTED)
    assert "left side 0.0023475637205, right side 0.002437" in slip


def test_a_derivative_slip_is_refuted_symbolically():
    found = _verdicts("worked_relu_slip.md")
    assert found[(15, "diff(act_n1, q1) = q1")] == Status.REFUTED
    assert found[(15, "q1 = 0.6")] == Status.PROVED
    assert found[(7, "relu(0.25) = 0.25")] == Status.PROVED
    assert [k for k, s in found.items() if s == Status.REFUTED] == [(15, "diff(act_n1, q1) = q1")]


PLAIN = """Let $z_1 = 0.0075$.

$$out_{h1} = \\frac{1}{1+e^{-z_1}} = \\frac{1}{1+e^{-0.0075}} = {result}$$
"""


@pytest.mark.parametrize(
    ("result", "status"),
    [
        ("0.501874991", Status.PROVED),  # rounded to 9 digits
        ("0.5018750", Status.PROVED),  # rounded to 7
        ("0.502", Status.PROVED),  # to 3
        ("0.5", Status.PROVED),  # to 1
        ("0.5018751", Status.PROVED),  # agrees to one digit fewer than written
        ("0.5018780", Status.UNCHECKED),  # a few units of the sixth digit off
        ("0.5018900", Status.REFUTED),  # a slip in the fifth digit
        ("0.511874991", Status.REFUTED),  # a digit slipped
        ("-0.501874991", Status.REFUTED),  # a sign lost
        ("0.6", Status.UNCHECKED),  # more than half a unit off: not its rounding, too few
        ("0.7", Status.UNCHECKED),  # digits to tell a slip from rounding carried
        ("0.8", Status.REFUTED),  # more than two units of its last digit
    ],
)
def test_the_written_digits_set_the_tolerance(result, status):
    rows = _rows(PLAIN.replace("{result}", result))
    said = f"1/(1 + exp(-0.0075)) = {result}"
    judged = [s for line, s, m in rows if line == 3 and m.startswith(said)]
    assert judged == [status]


@pytest.mark.parametrize(
    ("written", "counted"), [("0.0750", (3, 4)), ("12.5", (3, 1)), ("-0.5", (1, 1))]
)
def test_significant_digits_and_places(written, counted):
    assert digits(written) == counted


def test_a_product_of_letters_stays_a_product():
    text = "Let $x = 2$ and $y = 3$.\n\n$$z = xy = 6$$\n"
    assert [s for line, s, _ in _rows(text) if line == 3] == [Status.DEFINED, Status.PROVED]


def test_a_label_under_a_word_labels_a_letter_too():
    text = (
        "Let $out_{o1} = 0.75$ and $target_{o1} = 0.5$.\n\n"
        "$$E_{o1} = \\frac{1}{2}(target_{o1} - out_{o1})^2 = 0.03125$$\n\n"
        "$$E_{total} = E_{o1} + 0.01 = 0.04125$$\n"
    )
    rows = _rows(text)
    assert [s for line, s, _ in rows if line == 3] == [Status.DEFINED, Status.PROVED]
    assert [s for line, s, _ in rows if line == 5] == [Status.DEFINED, Status.PROVED]


def test_rounded_values_carried_through_two_layers_are_not_refuted():
    found = _verdicts("worked_two_outputs.md")
    assert Status.REFUTED not in set(found.values())
    assert Status.UNKNOWN not in set(found.values())
    assert found[(38, "0.705717303*0.184608661*0.597485766 = 0.077841358")] == Status.PROVED
    assert found[(32, "diff(E_total, out_o1) = -(target_o1 - out_o1)")] == Status.PROVED
    update = [m for line, s, m in _rows((DOCS / "worked_two_outputs.md").read_text()) if line == 40]
    assert any("an update" in m for m in update)


CARRIED = """Let $w_1 = 0.15$, $i_1 = 0.05$ and $z_1 = 0.0075$.

$$out_{h1} = \\frac{1}{1+e^{-w_1 i_1}} = 0.501874991$$

$$out_{h1}(1 - out_{h1}) = {written}(1 - {written}) = {result}$$
"""


@pytest.mark.parametrize(
    ("written", "result", "status"),
    [
        ("0.5019", "0.2499965", Status.PROVED),  # rounded factors carry their rounding
        ("0.5018", "0.2499968", Status.PROVED),
        ("0.5019", "0.2599965", Status.REFUTED),  # a slip beyond it
    ],
)
def test_a_value_written_with_fewer_digits_carries_its_rounding(written, result, status):
    text = CARRIED.replace("{written}", written).replace("{result}", result)
    rows = _rows(text)
    said = f"{written}*(1 - {written}) = {result}"
    assert [s for line, s, m in rows if line == 5 and m.startswith(said)] == [status]


#: A worked example that puts numbers in for names it computes on other lines (ŷ1 = 0.7491
#: is a result, not a value the document sets): the substitution is no claim for all values.
EVALUATED = r"""The output is $o = \sigma(z)$, with the sigmoid $\sigma$, and the loss

$$ E = \frac{1}{2}(t - o)^2 $$

$$ \frac{\partial E}{\partial o} = -(t - o) = -(0.01 - 0.7491) = 0.7391 $$
"""


def test_an_expression_evaluated_at_the_example_is_not_refuted():
    got = [(f.where.line, f.status) for f in check(EVALUATED, "doc.md").findings]
    assert (5, Status.PROVED) in got  # the derivative, and the arithmetic at the end
    assert Status.REFUTED not in {s for _, s in got}
    held = [f for f in check(EVALUATED, "doc.md").findings if f.status == Status.UNCHECKED]
    assert any("evaluated at the worked example" in f.message for f in held)


def test_a_wrong_derivative_beside_the_numbers_is_still_refuted():
    slipped = EVALUATED.replace(r"= -(t - o) =", r"= (t - o) =")
    got = [f.status for f in check(slipped, "doc.md").findings if f.where.line == 5]
    assert Status.REFUTED in got


def test_short_operands_are_exact_so_a_wrong_sum_of_products_is_refuted():
    # 0.5 and 0.6 are weights, not rounded results: their last place gives no leeway
    text = "$$ 0.5 \\cdot 0.625 + 0.6 \\cdot 0.754 + 0.05 = 0.854 $$\n"
    claims = [f.status for f in check(text, "doc.md").findings if f.kind != "lint"]
    assert Status.REFUTED in claims
    assert Status.PROVED not in claims
    right = text.replace("0.854", "0.8149")
    assert Status.PROVED in [f.status for f in check(right, "doc.md").findings]


def test_a_continued_display_whose_start_is_unread_still_checks_its_own_steps():
    text = (
        "$$\nz = [-0.5 \\;\\; 0.6] \\begin{bmatrix} 0.625 \\\\ 0.754 \\end{bmatrix}\n$$\n\n"
        "$$\n= -0.5(0.625) + 0.6(0.754) + 0.05\n= 0.854\n$$\n"
    )
    got = {(f.where.line, f.status) for f in check(text, "doc.md").findings}
    assert (6, Status.UNCHECKED) in got  # the first step: what it continues is unread
    assert (7, Status.REFUTED) in got  # 0.1899, not 0.854
    # without the sign the row is read (workedarrays), and the step that adds a bias the
    # line above does not have is false as written
    read = check(text.replace("-0.5", "0.5"), "doc.md").findings
    assert (6, Status.REFUTED) in {(f.where.line, f.status) for f in read}


@pytest.mark.parametrize(
    ("row", "status"),
    [
        ("-\\log(0.245) = 1.406", Status.PROVED),  # 1.40650 rounded
        ("-\\log(0.246) = 1.406", Status.UNCHECKED),  # 1.40242: no rounding of 0.246 gives it
        ("\\frac{1}{1+e^{-1.13}} = 0.754", Status.UNCHECKED),  # 0.75587
        ("\\frac{1}{1+e^{-1.12}} = 0.754", Status.PROVED),  # 0.75399
    ],
)
def test_a_result_more_than_half_a_unit_off_its_rounding_is_not_proved(row, status):
    rows = _rows(f"$$ {row} $$\n")
    assert [s for line, s, _ in rows if line == 1 and s != Status.DEFINED][-1:] == [status]
