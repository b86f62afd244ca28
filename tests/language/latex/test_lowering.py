"""Matrix notation read element by element: each construct against the index form a
person would write for it, and the shapes that do not fit refused with both named."""

from __future__ import annotations

import pytest

from symbn.language.latex.lowering import elementwise
from symbn.language.latex.printer import to_language
from symbn.language.latex.shapes import ShapeError, shape_of, squeeze
from symbn.language.latex.sides import align
from symbn.language.latex.symbols import Symbols
from symbn.language.latex.texlex import tokenize
from symbn.language.latex.texmath import parse
from symbn.language.latex.tree import Letter
from symbn.source.positions import TexError

MLP = Symbols(
    sizes=("N", "D", "H", "C"),
    indices={
        "n": "N",
        "m": "N",
        "p": "N",
        "d": "D",
        "e": "D",
        "h": "H",
        "g": "H",
        "c": "C",
        "k": "C",
    },
    tensors={
        "X": ("N", "D"),
        "W1": ("D", "H"),
        "b1": ("H",),
        "A": ("N", "H"),
        "S": ("N", "N"),
        "v": ("N",),
        "Y": ("N", "C"),
        "Z": ("N", "C"),
        "ell": (),
    },
    spellings={"W_1": "W1", "b_1": "b1", r"\mathcal{L}": "loss"},
    loss="loss",
    gradients={"d": "loss", "\\bar": "loss", "G_": "loss"},
)


def read(text: str, at: tuple[str, ...]) -> str:
    node = parse(tokenize(text), MLP)
    return to_language(elementwise(node, tuple(Letter(x) for x in at), MLP), MLP)


@pytest.mark.parametrize(
    ("text", "at", "index_form"),
    [
        ("X W_1", ("n", "h"), "sum(X[n, d]*W1[d, h], d)"),
        (r"X^\top Y", ("d", "c"), "sum(X[n, d]*Y[n, c], n)"),
        (r"X^{\mathsf{T}} Y", ("d", "c"), "sum(X[n, d]*Y[n, c], n)"),
        ("X^T Y", ("d", "c"), "sum(X[n, d]*Y[n, c], n)"),
        (r"\mathbf{1}^\top Y", ("c",), "sum(1*Y[n, c], n)"),
        (r"Y^\top \mathbf{1}", ("c",), "sum(Y[n, c]*1, n)"),
        (r"G_Z^\top X", ("c", "d"), "sum(diff(loss, Z[n, c])*X[n, d], n)"),
        (r"G_{A} W_1^\top", ("n", "d"), "sum(diff(loss, A[n, h])*W1[d, h], h)"),
        (r"\mathbf{1}_N b_1^\top", ("n", "h"), "1*b1[h]"),
        (r"X W_1 + \mathbf{1} b_1^\top", ("n", "h"), "sum(X[n, d]*W1[d, h], d) + 1*b1[h]"),
        (r"A \odot \mathbb{1}[A > 0]", ("n", "h"), "A[n, h]*step(A[n, h])"),
        (r"\mathbf{1}\{A < 0\}", ("n", "h"), "step(-A[n, h])"),
        (r"\max(0, A)", ("n", "h"), "relu(A[n, h])"),
        (r"A \oslash A", ("n", "h"), "A[n, h]/A[n, h]"),
        ("I S", ("n", "m"), "sum(Delta(n, p)*S[p, m], p)"),
        (r"S \mathbf{I}_N", ("n", "m"), "sum(S[n, p]*Delta(p, m), p)"),
        (r"\operatorname{diag}(v)", ("n", "m"), "Delta(n, m)*v[n]"),
        (r"\operatorname{softmax}(Z)", ("n", "c"), "exp(Z[n, c])/sum(exp(Z[n, k]), k)"),
        (r"\operatorname{tr}(S)", (), "sum(S[n, n], n)"),
        (r"v^\top v", (), "sum(v[n]*v[n], n)"),
        (r"v v^\top", ("n", "m"), "v[n]*v[m]"),
        (r"\frac{\partial \mathcal{L}}{\partial W_1}", ("d", "h"), "diff(loss, W1[d, h])"),
        (r"\nabla_{W_1} \mathcal{L}", ("d", "h"), "diff(loss, W1[d, h])"),
        (r"\partial \mathcal{L} / \partial W_1", ("d", "h"), "diff(loss, W1[d, h])"),
        ("dW_1", ("d", "h"), "diff(loss, W1[d, h])"),
        (r"\bar{A}", ("n", "h"), "diff(loss, A[n, h])"),
        (r"X^\top dA", ("d", "h"), "sum(X[n, d]*diff(loss, A[n, h]), n)"),
    ],
)
def test_each_construct_reads_as_its_index_form(text, at, index_form):
    assert read(text, at) == index_form


def test_juxtaposition_binds_before_an_elementwise_operator():
    # A ⊙ 1 b^T is A ⊙ (1 b^T), not (A ⊙ 1) b^T, which would not conform
    assert read(r"A \odot \mathbf{1} b_1^\top", ("n", "h")) == "A[n, h]*1*b1[h]"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("X^T W_1", "X^T is D × N and W1 is D × H: they do not conform"),
        ("Y W_1", "Y is N × C and W1 is D × H: they do not conform"),
        (r"\frac{\partial \mathcal{L}}{\partial Z} W_1", "∂loss/∂Z is N × C and W1 is D × H"),
        ("A + Y", "does not broadcast"),
    ],
)
def test_shapes_that_do_not_fit_name_both(text, message):
    with pytest.raises(ShapeError, match=message.replace("^", r"\^")) as err:
        shape_of(parse(tokenize(text), MLP), MLP)
    assert err.value.span.start > 0 or text.startswith("A")  # at the operand, not the line


def test_a_row_and_a_vector_are_one_shape_when_sides_are_compared():
    left = parse(tokenize(r"\frac{\partial \mathcal{L}}{\partial b_1}"), MLP)
    right = parse(tokenize(r"\mathbf{1}^\top dA"), MLP)
    assert squeeze(shape_of(right, MLP)) == ("H",)
    lhs, rhs = align(left, right, MLP)
    assert to_language(lhs, MLP) == "diff(loss, b1[h])"
    assert to_language(rhs, MLP) == "sum(1*diff(loss, A[n, h]), n)"


def test_sides_of_different_shapes_are_a_shape_error():
    left = parse(tokenize("dW_1"), MLP)
    right = parse(tokenize(r"dA^\top X"), MLP)
    with pytest.raises(ShapeError, match="the left side is D × H and the right side H × D"):
        align(left, right, MLP)


def test_a_sum_binds_its_letter_only_inside():
    # two column sums in one line may both run over m
    text = r"\mathbf{1}\mathbf{1}^\top S + \mathbf{1}\mathbf{1}^\top S"
    assert read(text, ("n", "m")).count("sum(") == 2


def test_two_vectors_of_different_sizes_are_an_outer_product():
    assert read(r"\mathbf{1}_N \cdot b_1", ("n", "h")) == "1*b1[h]"


def test_a_vector_that_does_not_broadcast_is_not_read_rather_than_refuted():
    # how a vector spreads over a matrix is the author's convention: not a slip to refute
    with pytest.raises(TexError) as err:
        shape_of(parse(tokenize(r"b_1 \odot X"), MLP), MLP)
    assert not isinstance(err.value, ShapeError)


def test_softmax_of_one_element_is_not_read():
    with pytest.raises(TexError, match="softmax is read on a vector or a matrix"):
        read(r"\operatorname{softmax}(A_{nh})", ("n", "h"))


def test_nabla_without_a_subscript_is_the_loss_gradient():
    assert read(r"\nabla W_1", ("d", "h")) == "diff(loss, W1[d, h])"


def test_a_transpose_inside_the_ones_font_is_kept():
    assert read(r"A \bold{1_H}", ("n",)) == read(r"A \mathbf{1}_H", ("n",))
    assert read(r"\bold{1_N^\top} A", ("h",)) == "sum(1*A[n, h], n)"


def test_a_column_of_ones_beside_a_matrix_it_does_not_fit_is_not_guessed():
    with pytest.raises(TexError, match="all-ones matrix"):
        read(r"\mathbf{1} X", ("n", "d"))


def test_one_with_an_equality_below_is_the_delta():
    node = parse(tokenize(r"1_{n=m}"), MLP)
    assert to_language(node, MLP) == "Delta(n, m)"


def test_elementwise_power_and_labelled_powers():
    assert read(r"A^{\odot 2}", ("n", "h")) == "A[n, h]**2"
    s = Symbols(
        sizes=("L",),
        indices={"l": "L"},
        tensors={"var1": ("L",), "W1": ("L",)},
        spellings={r"\sigma^2_1": "var1", "{W_1}": "W1"},
    )
    for text in (r"\sigma^2_1", r"\sigma_1^2"):
        assert parse(tokenize(text), s).name == "var1"
    assert parse(tokenize("W_1"), s).name == "W1"


def test_a_gradient_prefix_in_bold():
    assert read(r"\mathbf{dA}", ("n", "h")) == "diff(loss, A[n, h])"
    node = parse(tokenize(r"\mathbf{d}A_{nh} + \mathbf d A_{nh}"), MLP)
    assert to_language(node, MLP) == "diff(loss, A[n, h]) + diff(loss, A[n, h])"


def test_the_context_says_how_star_prime_and_softmax_are_meant():
    written = Symbols(
        sizes=MLP.sizes,
        indices=MLP.indices,
        tensors=MLP.tensors,
        spellings=MLP.spellings,
        loss="loss",
        notation={"star": "elementwise", "prime": "transpose", "softmax": "columns"},
    )

    def at(text, *letters):
        node = parse(tokenize(text), written)
        return to_language(elementwise(node, tuple(Letter(x) for x in letters), written), written)

    assert at("A * A", "n", "h") == "A[n, h]*A[n, h]"
    assert read("S * S", ("n", "m")) == "sum(S[n, p]*S[p, m], p)"  # by default, a product
    assert at("X' Y", "d", "c") == "sum(X[n, d]*Y[n, c], n)"
    assert at(r"\operatorname{softmax}(Z)", "n", "c") == "exp(Z[n, c])/sum(exp(Z[m, c]), m)"
