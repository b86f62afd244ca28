"""A network's layers in the other spellings derivations use beside the backprop book's
`a^l_j`: the layer after the unit, in parentheses (`z_i^{(l+1)}`, `W_{ij}^{(l)}`), in
square brackets (`W^{[l]}_{jk}`, `\\delta^{[l]}`, vector form too), or bare after the unit
(`a_{j}^{l}`); a sum over the units of one layer bounded by its width (`\\sum_{j=1}^{s_l}`,
`n_{l-1}`, `s_{(l+1)}`, `n^{[l]}`) and the number of layers `n_l`; a definition written at
the next layer (`z^{(l+1)} = W^{(l)} a^{(l)} + b^{(l)}`). Each true line is proved, each
slip is not, and a square stays a square."""

from __future__ import annotations

import pytest
from mutated import mutant_verdicts, verdicts

from symbn.language.latex.guessed import toml_of
from symbn.language.latex.texlex import tokenize
from symbn.language.latex.upper import step_letters

#: The layer after the unit, in parentheses; widths s_l and the number of layers n_l.
UFLDL = r"""The network has $n_l$ layers, $s_l$ units in layer $l$.

$$ z_i^{(l+1)} = \sum_{j=1}^{s_l} W_{ij}^{(l)} a_j^{(l)} + b_i^{(l)} $$

$$ a_i^{(l)} = f(z_i^{(l)}) $$

The error of unit $i$ is $\delta_i^{(l)} = \frac{\partial J}{\partial z_i^{(l)}}$.

$$ \frac{\partial z_i^{(l+1)}}{\partial W_{ij}^{(l)}} = a_j^{(l)} $$

$$ \frac{\partial J}{\partial a_i^{(l)}} = \sum_{j=1}^{s_{l+1}} \delta_j^{(l+1)} W_{ji}^{(l)} $$

$$ \frac{\partial J}{\partial W_{ij}^{(l)}} = \delta_i^{(l+1)} a_j^{(l)} $$

$$ \frac{\partial J}{\partial b_i^{(l)}} = \delta_i^{(l+1)} $$
"""

#: The layer in square brackets, a width n^{[l-1]}.
BRACKETS = r"""Layer $l$ has $n^{[l]}$ units.

$$ z^{[l]}_j = \sum_{k=1}^{n^{[l-1]}} W^{[l]}_{jk} a^{[l-1]}_k + b^{[l]}_j $$

$$ a^{[l]}_j = \sigma(z^{[l]}_j) $$

$$ \delta^{[l]}_j = \frac{\partial C}{\partial z^{[l]}_j} $$

$$ \delta^{[l]}_j = \sum_k W^{[l+1]}_{kj} \delta^{[l+1]}_k \sigma'(z^{[l]}_j) $$

$$ \frac{\partial C}{\partial W^{[l]}_{jk}} = \delta^{[l]}_j a^{[l-1]}_k $$

$$ \frac{\partial C}{\partial b^{[l]}_j} = \delta^{[l]}_j $$
"""

#: Square brackets in vector form, the cost left unsaid.
VECTORS = r"""Each layer computes $z^{[l]} = W^{[l]} a^{[l-1]} + b^{[l]}$ and
$a^{[l]} = \sigma(z^{[l]})$. Let $\delta^{[l]}_j \equiv \frac{\partial C}{\partial z^{[l]}_j}$.

$$\delta^{[L]} = \nabla_a C \odot \sigma'(z^{[L]})$$

$$\delta^{[l]} = ((W^{[l+1]})^T \delta^{[l+1]}) \odot \sigma'(z^{[l]})$$

$$\frac{\partial C}{\partial W^{[l]}_{jk}} = a^{[l-1]}_k \delta^{[l]}_j$$
"""

#: The layer bare after the unit, widths n_{l-1} and n_{l+1}.
AFTER = r"""$$ z_{j}^{l} = \sum_{k=1}^{n_{l-1}} w_{jk}^{l} a_{k}^{l-1} + b_{j}^{l} $$

$$ a_{j}^{l} = \sigma(z_{j}^{l}) $$

$$ \delta_j^l = \frac{\partial C}{\partial z_{j}^{l}} $$

$$ \delta_j^l = \sum_{q=1}^{n_{l+1}} w_{qj}^{l+1} \delta_{q}^{l+1} \sigma'(z_{j}^{l}) $$

$$ \frac{\partial C}{\partial w_{jk}^{l}} = \delta_j^l a_{k}^{l-1} $$

$$ \frac{\partial C}{\partial b_{j}^{l}} = \delta_j^l $$
"""


@pytest.mark.parametrize("text", [UFLDL, BRACKETS, VECTORS, AFTER])
def test_every_line_is_proved(text: str):
    got = verdicts(text)
    rows = [n for n, row in enumerate(text.split("\n"), 1) if row.startswith("$$")]
    claims = [s for n in rows for s in got.get(n, []) if s not in ("defined", "unchecked")]
    assert len(claims) >= 3, got
    assert set(claims) == {"proved"}, got


@pytest.mark.parametrize(
    ("text", "anchor", "old", "new"),
    [
        (UFLDL, r"{\partial W_{ij}^{(l)}} = a", "a_j^{(l)}", "a_i^{(l)}"),
        (UFLDL, r"\partial a_i^{(l)}} =", "s_{l+1}", "s_l"),  # the width of the layer itself
        (UFLDL, r"\partial a_i^{(l)}} =", "W_{ji}^{(l)}", "W_{ij}^{(l)}"),
        (UFLDL, r"\partial a_i^{(l)}} =", r"\delta_j^{(l+1)}", r"\delta_j^{(l)}"),
        (UFLDL, r"J}{\partial W_{ij}", "a_j^{(l)}", "a_j^{(l+1)}"),
        (UFLDL, r"J}{\partial b_i", r"\delta_i^{(l+1)}", r"\delta_i^{(l)}"),
        (BRACKETS, r"\delta^{[l]}_j = \sum", "W^{[l+1]}_{kj}", "W^{[l]}_{kj}"),
        (BRACKETS, r"\delta^{[l]}_j = \sum", "W^{[l+1]}_{kj}", "W^{[l+1]}_{jk}"),
        (BRACKETS, r"\delta^{[l]}_j = \sum", r" \sigma'(z^{[l]}_j)", ""),
        (BRACKETS, r"C}{\partial W^{[l]}", "a^{[l-1]}_k", "a^{[l]}_k"),
        (BRACKETS, r"C}{\partial b^{[l]}", r"\delta^{[l]}_j $", r"\delta^{[l]}_k $"),
        (VECTORS, r"\delta^{[L]} =", r"\sigma'(z^{[L]})", r"\sigma(z^{[L]})"),
        (VECTORS, r"\delta^{[l]} =", "(W^{[l+1]})^T", "W^{[l+1]}"),
        (VECTORS, r"\delta^{[l]} =", r"\delta^{[l+1]})", r"\delta^{[l]})"),
        (AFTER, r"\delta_j^l = \sum", "w_{qj}^{l+1}", "w_{jq}^{l+1}"),
        (AFTER, r"\delta_j^l = \sum", "n_{l+1}", "n_{l}"),
        (AFTER, r"\delta_j^l = \sum", r"\delta_{q}^{l+1}", r"\delta_{q}^{l}"),
        (AFTER, r"\partial w_{jk}^{l}} =", "a_{k}^{l-1}", "a_{k}^{l}"),
    ],
)
def test_a_slip_is_never_proved(text: str, anchor: str, old: str, new: str):
    got = mutant_verdicts(text, anchor, old, new)
    assert got
    assert "proved" not in got, got


#: Squares beside layers: a power stays a power.
POWERS = r"""$$ z^l_j = \sum_k w^l_{jk} a^{l-1}_k + b^l_j $$

$$ a^l_j = \sigma(z^l_j) $$

$$ C = \frac{1}{2} \sum_j (a^L_j - y_j)^2 $$

$$ \frac{\partial C}{\partial a^L_j} = a^L_j - y_j $$

$$ v = x^2 + \beta^{2} $$

$$ \frac{\partial v}{\partial x} = 2 x $$

$$ \frac{\partial v}{\partial \beta} = 2 \beta $$
"""
#: The same in square brackets.
BRACKETED_POWERS = (
    POWERS.replace("^l", "^{[l]}").replace("^{l-1}", "^{[l-1]}").replace("^L", "^{[L]}")
)


@pytest.mark.parametrize("text", [POWERS, BRACKETED_POWERS])
def test_a_square_beside_layers_stays_a_square(text: str):
    got = verdicts(text)
    rows = [n for n, row in enumerate(text.split("\n"), 1) if "=" in row and "partial" in row]
    assert [got[n] for n in rows] == [["proved"]] * 3, got


@pytest.mark.parametrize("text", [POWERS, BRACKETED_POWERS])
@pytest.mark.parametrize(
    ("anchor", "old", "new"),
    [
        (r"\partial x} =", "2 x", "3 x"),
        (r"\partial \beta} =", r"2 \beta", r"2 \beta^2"),
        (r"C}{\partial a", "- y_j $", "- 2 y_j $"),
    ],
)
def test_a_slip_in_a_square_is_refuted(text: str, anchor: str, old: str, new: str):
    assert mutant_verdicts(text, anchor, old, new) == ["refuted"]


@pytest.mark.parametrize(
    ("rows", "steps"),
    [
        # W_h and W_x beside h_t, x_t: labels named after other names, no index
        ([r"z^l_j = w^l_{jk} a^{l-1}_k", r"h_t = W_h h_{t-1} + W_x x_t", "W^{l+1}"], ["l"]),
        # z_i beside z^l_j: the document means another z there, and no layer is sure
        ([r"z^l_j = w^l_{jk} a^{l-1}_k", r"p_i = z_i"], []),
        # square brackets: the layer as parentheses give it
        ([r"z^{[l]}_j = W^{[l]}_{jk} a^{[l-1]}_k"], ["l"]),
    ],
)
def test_a_label_named_after_a_name_leaves_the_layer_sure(rows: list[str], steps: list[str]):
    assert step_letters([tuple(tokenize(r)) for r in rows]) == steps


def test_a_function_of_layered_parameters_is_labelled_by_them():
    text = (
        UFLDL
        + r"""
The output is $h_{W,b}(x) = a^{(n_l)}$.

$$ \frac{\partial J}{\partial a_i^{(n_l)}} = \sum_{j=1}^{s_{l+1}} \delta_j^{(l+1)} W_{ji}^{(l)} $$
"""
    )
    context = toml_of(text, "doc.md")
    assert 'l = "n_l"' in context  # the number of layers, n_l, as written
    assert "W = {" in context  # names, not index letters of h
    assert "b = {" in context
    assert "s = {" not in context  # a width and a count, no names
    assert "n = {" not in context
    # the last layer is no layer l: its width is not s_{l+1}
    assert "proved" not in verdicts(text)[len(text.split("\n")) - 1]


def test_a_width_no_unit_of_one_layer_pins_leaves_the_row_unchecked():
    line = r"\frac{\partial J}{\partial W_{ij}^{(l)}} = \delta_i^{(l+1)} a_j^{(l)}"
    text = UFLDL.replace(line, line + r" \sum_{k=1}^{s_l} W_{ki}^{(l)} W_{ki}^{(l)}")
    got = mutant_verdicts(text, line, "a_j^{(l)} ", "a_j^{(l)} ")
    assert got == ["unchecked"]
