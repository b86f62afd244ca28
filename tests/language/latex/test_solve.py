"""Shapes of names written whole, solved from their use (`symbn.language.latex.solve`): the
matrix-notation documents of docs/matrix read with their front matter removed are checked
with the context symbn infers, every true line proved or left unchecked, none refuted."""

from __future__ import annotations

import pytest
from mutated import verdicts
from paths import ROOT

import symbn
from symbn.language.latex import guessed
from symbn.source.context import read_context
from symbn.verify.status import Status

DOCS = ROOT / "docs" / "matrix"
#: document -> (rows defined, claims proved) at least, read without its front matter;
#: the one line left unchecked in each of the last four is its planted slip
FLOORS = {
    "attention.md": (3, 4),
    "batchnorm_vector.md": (4, 4),
    "layernorm_vector.md": (4, 3),
    "linear_softmax_ce.md": (2, 1),
    "mlp_relu.md": (3, 6),
}


def context_of(text: str):
    return read_context("doc.md", guessed.toml_of(text, "doc.md").encode())


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_a_matrix_document_without_its_context_is_checked_and_nothing_refuted(name, tmp_path):
    body = (DOCS / name).read_text().split("+++", 2)[2]
    stripped = tmp_path / name
    stripped.write_text(body)
    doc = symbn.check(str(stripped))
    defined, proved = FLOORS[name]
    assert doc.summary[Status.REFUTED] == 0
    assert doc.summary[Status.DEFINED] >= defined
    assert doc.summary[Status.PROVED] >= proved


def test_shapes_from_products_transposes_and_a_bias_spread_over_rows():
    ctx = context_of(
        "$$\nZ = X W + \\mathbf{1} b^\\top\n$$\n\n$$\nH = \\tanh(Z) V\n$$\n\n"
        "$$\ndW = X^\\top dZ\n$$\n\n$$\ndb = dZ^\\top \\mathbf{1}\n$$\n"
    )
    shapes = {t.name: t.shape for t in (*ctx.inputs, *ctx.defined)}
    n, d = shapes["X"]
    assert shapes["W"][0] == d
    c = shapes["W"][1]
    assert shapes["b"] == (c,)
    assert shapes["Z"] == (n, c)
    assert shapes["V"][0] == c
    assert shapes["H"] == (n, shapes["V"][1])
    assert dict(ctx.gradients) == {"loss": ("d",)} or "loss" in str(ctx.gradients)


def test_labels_bold_names_and_sizes_written_as_scalars():
    ctx = context_of(
        "$$\nX \\in \\mathbb{R}^{N \\times D}\n$$\n\n"
        "$$\n\\mathbf{p} = X W_1 + \\mathbf{1} \\mathbf{c}^\\top\n$$\n\n"
        "$$\n\\mathbf{q} = \\frac{1}{\\sqrt{E}} \\mathbf{p} W_2\n$$\n"
    )
    shapes = {t.name: t.shape for t in (*ctx.inputs, *ctx.defined)}
    assert [t.name for t in ctx.defined] == ["p", "q"]
    assert shapes["W1"][0] == "D"
    assert shapes["p"] == ("N", shapes["W1"][1]) == ("N", shapes["c"][0])
    assert shapes["W2"][0] == shapes["W1"][1]
    assert "E" in {s.name for s in ctx.sizes}


def test_a_slip_of_shapes_in_a_claim_does_not_reach_the_shapes():
    """db = dA 1 (the ones vector on the wrong side) would make the rows and the hidden
    units one size; the definitions keep them apart, so the slip alone is held back."""
    ctx = context_of(
        "$$\nA = X W + \\mathbf{1} b^\\top\n$$\n\n$$\nZ = A V\n$$\n\n"
        "$$\ndb = dA\\, \\mathbf{1}\n$$\n\n$$\ndV = A^\\top dZ\n$$\n"
    )
    shapes = {t.name: t.shape for t in (*ctx.inputs, *ctx.defined)}
    assert shapes["A"][0] != shapes["A"][1]


def test_letters_beside_elements_of_a_scalar_line_are_scalars():
    """`wx^t` and `+ b` in a line whose left side is an element: w and b are scalars."""
    ctx = context_of(
        "$$a^t = wx^t + vh^{t-1} + b$$\n\n$$h^t = \\tanh(a^t)$$\n\n"
        "$$\\hat{y}^t = uh^t$$\n\n$$J = \\sum_{t=1}^{T} \\hat{y}^t$$\n"
    )
    shapes = {t.name: t.shape for t in ctx.inputs}
    assert {n: shapes.get(n) for n in "wvbu"} == dict.fromkeys("wvbu", ())
    assert shapes["x"] == ("T",)


def test_a_bias_added_to_a_row_of_a_vector_line_is_a_vector():
    """`+ b_h` in `a_t = U x_t + V h_{t-1} + b_h` with a_t a row over n: b_h is over n."""
    ctx = context_of(
        "- $x_t \\in \\mathbb{R}^n$, $h_t \\in \\mathbb{R}^n$\n\n"
        "$$a_t = U x_t + V h_{t-1} + b_h$$\n\n$$h_t = \\tanh(a_t)$$\n\n"
        "$$J = \\sum_{t=1}^{T} \\sum_{i=1}^{n} h_{t,i}$$\n"
    )
    shapes = {t.name: t.shape for t in ctx.inputs}
    assert shapes["b_h"] == ("n",)
    assert shapes["U"] == ("n", "n")


def test_euler_s_e_beside_scalars_is_no_input():
    ctx = context_of("$$p^t = \\frac{e^{z^t}}{1 + e^{z^t}}$$\n\n$$J = \\sum_{t=1}^{T} p^t$$\n")
    assert "e" not in {t.name for t in ctx.inputs}


@pytest.mark.parametrize(
    ("row", "claim"),
    [
        (r"\hat{y}_i = e^{w x_i + b}", r"\frac{\partial \hat{y}_i}{\partial b} = \hat{y}_i"),
        (
            r"\hat{y}_i = \frac{1}{1 + e^{-(w x_i + b)}}",
            r"\frac{\partial \hat{y}_i}{\partial b} = \hat{y}_i (1 - \hat{y}_i)",
        ),
        (
            r"\hat{y}_i = \sigma(w x_i + b)",
            r"\frac{\partial \hat{y}_i}{\partial w} = \hat{y}_i (1 - \hat{y}_i) x_i",
        ),
    ],
)
def test_the_letters_inside_a_function_of_an_element_are_scalars(row, claim):
    # e^{…}, 1/(1 + e^{…}) and σ(…) of an element: what they hold is at the element too
    text = f"With the sigmoid $\\sigma$:\n\n$$ {row} $$\n\n$$ {claim} $$\n"
    assert verdicts(text)[5] == ["proved"]
    slipped = text.replace("$$ \\frac", "$$ 2 \\frac")  # twice the derivative
    assert verdicts(slipped)[5] == ["refuted"]


def test_a_greek_letter_written_alone_elsewhere_multiplies_a_sum():
    # γ(x_i - μ) beside γ alone: a product, as before
    text = r"$$ y_i = \gamma(x_i - m) + b $$" + "\n\n"
    text += r"$$ \frac{\partial y_i}{\partial \gamma} = x_i - m $$"
    text += "\n\nwhere $\\gamma$ is a scale and $z = \\gamma$.\n"
    assert verdicts(text)[3] == ["proved"]
