"""Layers as documents label them, read with no context: a label then indices in one
subscript (`A_{1,ij}`), a layer's label as a superscript (`a^L_j`, `W^{[l-1]}`), and a ReLU's
derivative as cases on the sign of a value (`1 & A_{1,ij} > 0`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from documents import slipped

from symbn.language.latex.cases import condition_text, coverage, restrict
from symbn.language.latex.namesat import name_at
from symbn.language.latex.printer import to_language
from symbn.language.latex.texlex import tokenize
from symbn.language.latex.texmath import parse
from symbn.verify.document import check

DOC = (Path(__file__).parents[2] / "markdown" / "relu_layers.md").read_text(encoding="utf-8")


def test_the_labelled_layers_are_checked_with_no_context():
    statuses = [f.status for f in check(DOC, "doc.md").findings]
    assert statuses.count("defined") == 2  # H, and the cost C (no size, though $C$ is inline)
    assert statuses.count("proved") == 3
    assert "refuted" not in statuses


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (r"0 & A_{1,ij} \le 0", r"1 & A_{1,ij} \le 0"),
        (r"1 & A_{1,ij} > 0", r"-1 & A_{1,ij} > 0"),
        (r"= a^L_j - y_j", r"= y_j - a^L_j"),
        (r"= a^L_j - y_j", r"= 2 a^L_j - y_j"),
    ],
)
def test_a_slip_in_a_labelled_layer_is_not_proved(old, new):
    got = slipped(DOC, old, new)
    assert got
    assert "proved" not in got


@pytest.mark.parametrize(
    ("tex", "base", "spelling", "letters"),
    [
        (r"A_{1,ij}", "A1", "A_{1}", ["i", "j"]),
        (r"a^L_j", "aL", "a^{L}", ["j"]),
        (r"\delta^L_j", "deltaL", r"\delta^{L}", ["j"]),
        (r"W^{[l]}", "Wl", "W^{[l]}", []),
        (r"A^{[l-1]}", "Alm1", "A^{[l-1]}", []),
        (r"W^{[2]}_{jk}", "W2", "W^{[2]}", ["j", "k"]),
        (r"a^{(1)}", "a1", "a^{(1)}", []),  # a layer's number in parentheses
        (r"w_{jk}^{(l-1)}", "wlm1", "w^{(l-1)}", ["j", "k"]),  # after the indices
        (r"G_{A_1}", "G_A1", "G_{A_{1}}", []),  # the gradient by A_1
        (r"G_{A_{1}}", "G_A1", "G_{A_{1}}", []),
    ],
)
def test_a_layer_label_is_part_of_the_name(tex, base, spelling, letters):
    name = name_at(tuple(tokenize(tex)), 0)
    assert name is not None
    assert (name.base, name.spelling, name.letters) == (base, spelling, letters)


@pytest.mark.parametrize("tex", [r"X^T", r"x^2", r"h^{[l}", r"e^{Z}"])
def test_a_transpose_a_power_or_a_step_is_no_label(tex):
    """(A letter in parentheses that a sum runs over is a position: see below.)"""
    name = name_at(tuple(tokenize(tex)), 0)
    assert name is not None
    assert name.base == tex[0]


def _claims(body, bn):
    left = parse(tokenize(r"\frac{\partial u_{ij}}{\partial h_{ij}}"), bn)
    c = parse(tokenize(rf"\begin{{cases}} {body} \end{{cases}}"), bn)
    out = []
    for row in c.rows:
        sides = restrict(left, row, c, bn)
        assert sides is not None
        out.append((condition_text(row, bn), *(to_language(s, bn) for s in sides)))
    return c, out


def test_a_condition_on_a_value_multiplies_by_its_step(bn):
    c, rows = _claims(r"1 & h_{ij} > 0 \\ 0 & h_{ij} \le 0", bn)
    assert rows == [
        ("h[i, j] > 0", "diff(u[i, j], h[i, j])*step(h[i, j])", "1*step(h[i, j])"),
        ("-h[i, j] > 0", "diff(u[i, j], h[i, j])*step(-h[i, j])", "0*step(-h[i, j])"),
    ]
    assert coverage(c) == []  # the cover of conditions on values is not tried


def test_a_condition_on_a_value_with_an_index_condition(bn):
    _, rows = _claims(r"\gamma_j & h_{ij} \geq 0, k = i \\ 0 & \text{otherwise}", bn)
    assert rows[0] == (
        "k == i, h[i, j] > 0",
        "diff(u[i, j], h[i, j])*step(h[i, j])",
        "gamma[j]*step(h[i, j])",
    )
    assert rows[1] == (
        "otherwise",
        "diff(u[i, j], h[i, j])*(1 - Delta(k, i)*step(h[i, j]))",
        "0*(1 - Delta(k, i)*step(h[i, j]))",
    )


APART = r"""
$$
Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}
$$

$$
C = \frac{1}{2} \sum_j (y_j - a^L_j)^2
$$

$$
\frac{\partial C}{\partial W^{[l]}_{jk}} = \delta^{[l]}_j A^{[l-1]}_{k}
$$

$$
\frac{\partial C}{\partial b^{[l]}_{j}} = 0
$$
"""


def test_a_derivative_by_a_layer_no_line_ties_to_the_cost_gets_no_verdict():
    found = [f for f in check(APART, "doc.md").findings if f.kind == "claim"]
    assert all(f.status == "unchecked" for f in found)  # (Z^{[l]}, of no shape: unread)
    got = [f for f in found if "diff(C" in f.message]
    assert [f.status for f in got] == ["unchecked", "unchecked"]
    assert all("no line ties C to" in f.message for f in got)


def test_a_letter_a_sum_runs_over_is_no_label():
    name = name_at(tuple(tokenize(r"y^{(i)}")), 0, frozenset("i"))
    assert name is not None
    assert name.base == "y"
