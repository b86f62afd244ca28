"""Shapes by conformance where no size is written (`symbn.language.latex.conformance`):
bold lower-case letters are columns, a capital beside one a matrix, the sizes tied by the
products and sums that use them; a wrong line is never proved, and a document whose
vectors stand on both sides of one matrix is not read by conformance."""

from __future__ import annotations

import pytest
from mutated import verdicts

from symbn.language.latex import guessed
from symbn.source.context import read_context

DELTA = r"(\mathbf{g} - \mathbf{t}) \odot (1 - \mathbf{g} \odot \mathbf{g})"
LAYER = (
    r"The layer is $\mathbf{h} = V \mathbf{u} + \mathbf{c}$ and "
    r"$\mathbf{g} = \tanh(\mathbf{h})$, with the error" + "\n\n"
    r"$$ E = \frac{1}{2} \| \mathbf{g} - \mathbf{t} \|^2 $$" + "\n\n"
    rf"$$ \frac{{\partial E}}{{\partial \mathbf{{c}}}} = {DELTA} $$" + "\n\n"
    rf"$$ \frac{{\partial E}}{{\partial V}} = \left[{DELTA}\right] \mathbf{{u}}^\top $$" + "\n\n"
    rf"$$ \frac{{\partial E}}{{\partial \mathbf{{u}}}} = V^\top \left[{DELTA}\right] $$" + "\n"
)


def _shapes(text: str) -> dict[str, tuple[str, ...]]:
    ctx = read_context("doc.md", guessed.toml_of(text, "doc.md").encode())
    return {t.name: t.shape for t in (*ctx.inputs, *ctx.defined)}


def test_bold_vectors_and_a_matrix_beside_them_get_sizes_of_their_own():
    shapes = _shapes(LAYER)
    m, n = shapes["V"]
    assert m != n
    assert shapes["u"] == (n,)
    assert shapes["c"] == shapes["h"] == shapes["g"] == shapes["t"] == (m,)
    assert shapes["E"] == ()


def test_the_gradients_of_a_layer_in_vector_notation_are_proved():
    found = verdicts(LAYER)
    assert found[1] == ["defined", "defined"]
    assert found[3] == ["defined"]
    assert found[5] == found[7] == found[9] == ["proved"]


@pytest.mark.parametrize(
    ("old", "new", "row"),
    [
        (rf"= {DELTA} $$", rf"= -{DELTA} $$", 5),  # a wrong sign
        (rf"= {DELTA} $$", rf"= 2 {DELTA} $$", 5),  # a factor too many
        (r"\right] \mathbf{u}^\top", r"\right]^\top \mathbf{u}", 7),  # the transpose misplaced
        (rf"\left[{DELTA}\right] \mathbf{{u}}^\top", rf"\mathbf{{u}} \left[{DELTA}\right]^\top", 7),
        (r"V^\top \left[", r"V \left[", 9),  # a transpose dropped
        (r"(1 - \mathbf{g} \odot \mathbf{g})\right] \mathbf{u}", r"\right] \mathbf{u}", 7),
    ],
)
def test_wrong_lines_of_the_layer_are_never_proved(old, new, row):
    assert old in LAYER
    found = verdicts(LAYER.replace(old, new, 1)).get(row, [])
    assert found
    assert "proved" not in found


PLAIN = (
    r"The fit is $\hat{\mathbf{y}} = A \mathbf{w} + c$ with the cost" + "\n\n"
    r"$$ J = \frac{1}{2k} \| \hat{\mathbf{y}} - \mathbf{y} \|^2 $$" + "\n\n"
    r"$$ \frac{\partial J}{\partial \mathbf{w}} = "
    r"\frac{1}{k} A^T (\hat{\mathbf{y}} - \mathbf{y}) $$" + "\n\n"
    r"$$ \frac{\partial J}{\partial c} = "
    r"\frac{1}{k} \mathbf{1}^T (\hat{\mathbf{y}} - \mathbf{y}) $$" + "\n"
)


def test_plain_letters_beside_bold_vectors_are_scalars():
    shapes = _shapes(PLAIN)
    assert shapes["c"] == shapes["k"] == ()
    assert shapes["A"] == (shapes["y"][0], shapes["w"][0])
    found = verdicts(PLAIN)
    assert found[5] == found[7] == ["proved"]


def test_a_slip_of_shapes_in_a_claim_leaves_the_matrix_as_the_definitions_say():
    slipped = PLAIN.replace(r"\frac{1}{k} A^T", r"\frac{1}{k} A")
    m, n = _shapes(slipped)["A"]
    assert m != n
    assert "proved" not in verdicts(slipped)[5]


def test_a_vector_on_both_sides_of_one_matrix_is_not_read_by_conformance():
    both = (
        r"Here $\mathbf{h} = V \mathbf{u} + \mathbf{c}$ "
        r"and $s = \mathbf{u}^T V \mathbf{r}$." + "\n\n"
        r"$$ E = \frac{1}{2} \| \mathbf{h} \|^2 $$" + "\n\n"
        r"$$ \frac{\partial E}{\partial V} = \mathbf{h} \mathbf{u}^T $$" + "\n"
    )
    assert len(_shapes(both).get("u", ())) != 1
    assert "proved" not in verdicts(both).get(5, [])
    said = guessed.toml_of(both, "doc.md")  # the context says why
    assert "# no shapes by conformance: u is multiplied by V on the right" in said


def test_a_bold_vector_written_left_of_a_matrix_is_not_read_as_a_column():
    rows = (
        r"Here $\mathbf{h} = \mathbf{u} V + \mathbf{c}$." + "\n\n"
        r"$$ E = \frac{1}{2} \| \mathbf{h} \|^2 $$" + "\n\n"
        r"$$ \frac{\partial E}{\partial V} = \mathbf{h}^T \mathbf{u} $$" + "\n"
    )
    assert "proved" not in verdicts(rows).get(5, [])
    assert "u is written left of V" in guessed.toml_of(rows, "doc.md")


NOBOLD = (
    r"The layer is $h = V u + c$ and $g = \tanh(h)$, with" + "\n\n"
    r"$$ E = \frac{1}{2} \| g - t \|^2 $$" + "\n\n"
    r"$$ \frac{\partial E}{\partial V} = \left[(g - t) \odot (1 - g \odot g)\right] u^T $$" + "\n"
)


def test_without_bold_a_letter_a_matrix_multiplies_is_a_vector():
    shapes = _shapes(NOBOLD)
    m, n = shapes["V"]
    assert m != n
    assert shapes["u"] == (n,)
    assert shapes["c"] == shapes["g"] == shapes["t"] == (m,)
    assert verdicts(NOBOLD)[5] == ["proved"]
    assert "no shapes by conformance" not in guessed.toml_of(NOBOLD, "doc.md")
    slipped = verdicts(NOBOLD.replace(r"\right] u^T", r"\right]^T u"))
    assert "proved" not in slipped[5]


def test_a_bold_vector_with_a_numbered_label_is_a_column():
    text = (
        r"Here $\mathbf{h}_{1} = V \mathbf{u}$ and" + "\n\n"
        r"$$ E = \frac{1}{2} \| \mathbf{h}_{1} \|^2 $$" + "\n"
    )
    shapes = _shapes(text)
    assert len(shapes["h1"]) == len(shapes["u"]) == 1
