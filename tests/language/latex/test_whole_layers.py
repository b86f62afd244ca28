"""Layers in matrix notation, every name written whole (`Z^{[\\ell]} = W^{[\\ell]} A^{[\\ell-1]}
+ b^{[\\ell]}`, `z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}`): each (name, layer) a name of its own
whose shape the lines solve, `A^{[\\ell-1]}` an input of layer ℓ's lines, `b^{[\\ell]}` a bias
of each unit (a row of `W^{[\\ell]} A^{[\\ell-1]}`). A true backprop step
is proved; the wrong layer, a missing transpose or a dropped σ' is never proved; a line that
writes the next layer (`\\delta^{(l+1)}`), which no line defines, is left unchecked."""

from __future__ import annotations

import pytest
from mutated import line_of, mutant_verdicts, verdicts

from symbn.language.latex.texlex import tokenize
from symbn.language.latex.upper import step_letters
from symbn.verify.document import check

#: Square brackets, capitals (a batch of columns), the layer written \ell.
BATCH = r"""Layer $\ell$ computes $Z^{[\ell]} = W^{[\ell]} A^{[\ell-1]} + b^{[\ell]}$ and
$A^{[\ell]} = g(Z^{[\ell]})$, with a cost $J$.

$$
\frac{\partial J}{\partial Z^{[\ell]}} = \frac{\partial J}{\partial A^{[\ell]}} \odot g'(Z^{[\ell]})
$$

$$\frac{\partial J}{\partial W^{[\ell]}} = \frac{\partial J}{\partial Z^{[\ell]}} (A^{[\ell-1]})^T$$

$$\frac{\partial J}{\partial A^{[\ell-1]}} = (W^{[\ell]})^T \frac{\partial J}{\partial Z^{[\ell]}}$$

$$\frac{\partial J}{\partial b^{[\ell]}} = \frac{\partial J}{\partial Z^{[\ell]}} \mathbf{1}$$
"""

#: Parentheses, vectors, the error named δ.
COLUMN = r"""Each layer computes $z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}$,
then $a^{(l)} = \sigma(z^{(l)})$.
The error is $\delta^{(l)} = \frac{\partial C}{\partial z^{(l)}}$.

$$\frac{\partial C}{\partial b^{(l)}} = \delta^{(l)}$$

$$\frac{\partial C}{\partial W^{(l)}} = \delta^{(l)} (a^{(l-1)})^T$$

$$\frac{\partial C}{\partial a^{(l-1)}} = (W^{(l)})^T \delta^{(l)}$$

$$\delta^{(l)} = ((W^{(l+1)})^T \delta^{(l+1)}) \odot \sigma'(z^{(l)})$$
"""

#: Gradients written with a `d` (`dW^{[\ell]}`), the transpose inside the layer's superscript.
PREFIXED = r"""Layer $\ell$ computes $Z^{[\ell]} = W^{[\ell]} A^{[\ell-1]} + b^{[\ell]}$ and
$A^{[\ell]} = g(Z^{[\ell]})$.

$$dW^{[\ell]} = dZ^{[\ell]} A^{[\ell-1]T}$$

$$dA^{[\ell-1]} = W^{[\ell]T} dZ^{[\ell]}$$
"""


def _claims(text: str) -> list[str]:
    got = verdicts(text)
    return [s for n in sorted(got) if n > 3 for s in got[n]]


def test_whole_layers_are_no_axis():
    rows = [tokenize(r"Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}")]
    assert step_letters(rows) == []
    indexed = [tokenize(r"z^{[l]}_j = \sum_k W^{[l]}_{jk} a^{[l-1]}_k + b^{[l]}_j")]
    assert step_letters(indexed) == ["l"]
    steps = [tokenize(r"H^{(t)} = \tanh(W^T H^{(t-1)} + U X^{(t)})")]  # time: an axis
    assert step_letters(steps) == ["t"]


def test_a_transpose_written_in_a_layer_superscript():
    texts = [t.text for t in tokenize(r"A^{[l-1]T} W^{(l)\top}")]
    assert texts == [t.text for t in tokenize(r"{A^{[l-1]}}^T {W^{(l)}}^\top")]
    assert _claims(PREFIXED) == ["proved", "proved"]


def test_a_backprop_step_of_a_batch_is_proved():
    assert _claims(BATCH) == ["proved"] * 4


def test_a_backprop_step_of_a_column_is_proved_and_the_next_layer_unchecked():
    assert _claims(COLUMN) == ["proved", "proved", "proved", "unchecked"]
    found = [f for f in check(COLUMN, "doc.md").findings if f.where.line == line_of(COLUMN, "l+1")]
    assert "layer l + 1, which no line defines" in found[0].message


#: The slips of each row: (document, the row's anchor, [(what is written, the slip), …]).
ROWS = [
    (
        BATCH,
        r"W^{[\ell]}} =",
        [
            (r"(A^{[\ell-1]})^T", r"(A^{[\ell]})^T"),  # the wrong layer
            (r"(A^{[\ell-1]})^T", r"A^{[\ell-1]}"),  # no transpose
        ],
    ),
    (BATCH, r"A^{[\ell-1]}} =", [(r"(W^{[\ell]})^T", r"W^{[\ell]}")]),
    (
        PREFIXED,
        r"dW^{[\ell]} =",
        [(r"A^{[\ell-1]T}", r"A^{[\ell-1]}"), (r"A^{[\ell-1]T}", r"A^{[\ell]T}")],
    ),
    (PREFIXED, r"dA^{[\ell-1]} =", [(r"W^{[\ell]T}", r"W^{[\ell]}")]),
    (  # the bias of each unit, a row of W^{[ℓ]} A^{[ℓ-1]}: summed over the columns
        BATCH,
        r"b^{[\ell]}} =",
        [
            (r"\mathbf{1}$$", r"\mathbf{1} / 2$$"),
            (r"\frac{\partial J}{\partial Z^{[\ell]}} \mathbf", r"\mathbf"),
        ],
    ),
    (
        BATCH,
        r"Z^{[\ell]}} =",
        [(r" \odot g'(Z^{[\ell]})", ""), (r"g'(Z^{[\ell]})", r"g(Z^{[\ell]})")],  # σ' dropped
    ),
    (
        COLUMN,
        r"W^{(l)}} =",
        [
            ("(a^{(l-1)})^T", "(a^{(l)})^T"),
            (r"\delta^{(l)} (a^{(l-1)})^T", r"(a^{(l-1)})^T \delta^{(l)}"),
        ],
    ),
    (COLUMN, r"a^{(l-1)}} =", [("(W^{(l)})^T", "W^{(l)}")]),
    (
        COLUMN,
        r"\delta^{(l)} = ((",
        [("(W^{(l+1)})^T", "W^{(l+1)}"), (r" \odot \sigma'(z^{(l)})", "")],
    ),
]
SLIPS = [(text, anchor, old, new) for text, anchor, pairs in ROWS for old, new in pairs]


@pytest.mark.parametrize("slip", SLIPS)
def test_a_slip_is_refuted_or_unchecked(slip: tuple[str, str, str, str]):
    got = set(mutant_verdicts(*slip))
    assert got, slip
    assert got <= {"refuted", "unchecked"}, got
