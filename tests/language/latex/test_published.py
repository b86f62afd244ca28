"""Notations of published derivations: an accent around a subscripted name, `\\R`, a
capitalised label in parentheses before an equation, `\\Rightarrow` between two equations,
the indicator `1(k == i)`, and braces that group nothing in print."""

from __future__ import annotations

import pytest
from documents import rows as lines
from documents import sides
from paths import ROOT

from symbn.language.latex import guessed
from symbn.language.latex.printer import to_language
from symbn.language.latex.subscripts import bind_sums
from symbn.language.latex.symbols import Symbols
from symbn.language.latex.texlex import tokenize
from symbn.language.latex.texmath import parse
from symbn.source.context import read_context
from symbn.source.positions import TexError
from symbn.verify.document import check

DOC = ROOT / "tests" / "markdown" / "scalar_batch_mean.md"


def texts(maths: str) -> str:
    return " ".join(t.text for t in tokenize(maths))


def test_an_accent_around_a_subscripted_name_is_the_subscripted_accented_name(reads_as):
    assert texts(r"\hat {h_{ij}}^2") == r"\hat { h } _ { i j } ^ 2"
    assert texts(r"\bar{\mathbf{x}_i}") == r"\bar { \mathbf { x } } _ i"
    assert texts(r"\hat{a + b_i}") == r"\hat { a + b _ i }"  # no name: as written
    assert reads_as(r"\hat{h_{ij}} - \hat{h}_{ij}") == "hhat[i, j] - hhat[i, j]"


def test_the_reals_written_as_a_macro():
    assert texts(r"X \in \R^{N}") == r"X \in \mathbb { R } ^ { N }"


def test_a_capitalised_word_in_parentheses_labels_the_row(bn):
    (a,) = lines(r"$$ (Mean) \space \mu_l = \frac{1}{N} \sum_p h_{pl} $$", bn)
    assert sides(a, bn) == ["mu[l]", "1/N*sum(h[p, l], p)"]
    assert texts("(Abc) x")[:4] == "(Abc"  # a text token, where it begins a row
    assert texts("y = (Abc) x").split()[2] == "("  # elsewhere, letters


def test_an_arrow_separates_two_equations(bn):
    a, b = lines(
        r"$$ y_{ij} = 2 h_{ij} \Rightarrow \frac{\partial y_{ij}}{\partial h_{ij}} = 2 $$", bn
    )
    assert sides(a, bn) == ["y[i, j]", "2*h[i, j]"]
    assert sides(b, bn) == ["diff(y[i, j], h[i, j])", "2"]


def test_the_indicator_one_of_a_relation(reads_as):
    # an equality of two indices in an indicator is the delta
    assert reads_as(r"1(k == i) h_{kl}") == "Delta(k, i)*h[k, l]"
    assert reads_as(r"1\{k = i\}") == "Delta(k, i)"


def test_braces_around_terms_beside_a_factor_are_not_read(refusal, reads_as):
    message, _ = refusal(r"\gamma {h_{il} - \mu_l} v_l")
    assert "group nothing in print" in message
    assert reads_as(r"\sum_{p=1}^{N}{h_{pl} - \mu_l}") == "sum(h[p, l] - mu[l], p)"


def test_a_document_in_these_notations_read_with_no_context():
    checked = check(DOC.read_text(encoding="utf-8"), str(DOC))
    status = {}
    for f in checked.findings:
        status.setdefault(f.where.line, []).append(f.status)
    assert status[6] == status[10] == status[14] == status[18] == ["defined"]
    assert status[24] == ["proved", "proved"]  # two equations either side of \Rightarrow
    assert status[28] == ["proved"]
    assert status[34] == ["unchecked"]  # the braces
    assert status[40] == ["refuted"]  # the slip


TIME = Symbols(
    sizes=("T", "D"),
    indices={"t": "T", "s": "T", "i": "D", "a": "D"},
    tensors={"h": ("T",), "x": ("T",), "Q": ("D", "D"), "g": ("T", "D"), "w": ()},
)


def test_a_superscript_of_index_letters_gives_the_leading_axes():
    def reads(maths: str) -> str:
        return to_language(bind_sums((parse(tokenize(maths), TIME),))[0], TIME)

    assert reads(r"h^t + w h^{t-1}") == "h[t] + w*h[t - 1]"
    assert reads(r"Q^{ia} + g^t_i") == "Q[i, a] + g[t, i]"
    assert reads(r"h^{(t)} w^2") == "h[t]*w**2"  # a number is a power
    with pytest.raises(TexError, match="in square brackets on a name is a position"):
        parse(tokenize(r"h^0"), TIME)
    with pytest.raises(TexError, match="at index level write its indices"):
        reads(r"g^t")  # the row t of g: a line at index level needs g^t_i


def test_the_inference_reads_time_superscripts_as_an_axis_and_a_function_as_no_input():
    text = (
        "$$\nL = \\sum_{t=1}^{T} \\ell^t\n$$\n\n"
        "$$\na^t = w x^t + v h^{t-1}\n$$\n\n$$\nh^t = \\sigma(a^t)\n$$\n"
    )
    ctx = read_context("doc.md", guessed.toml_of(text, "doc.md").encode())
    shapes = {t.name: t.shape for t in (*ctx.inputs, *ctx.defined)}
    assert shapes["a"] == shapes["x"] == shapes["h"] == ("T",)
    assert "sigma" not in shapes  # \sigma(a^t) applies a function the prose names


def test_functions_written_as_plain_letters(reads_as):
    assert reads_as(r"sigmoid(v_l) + tanh(v_l) - exp(-v_l) + log(v_l)") == (
        "sigmoid(v[l]) + tanh(v[l]) - exp(-v[l]) + log(v[l])"
    )
    assert reads_as(r"relu(v_l) - max(0,v_l)") == "relu(v[l]) - relu(v[l])"


def test_a_left_side_written_with_its_arguments_states_the_name(bn):
    (a,) = lines(r"$$ y_{ij}(h_{ij}) = 2 h_{ij} $$", bn)
    assert sides(a, bn) == ["y[i, j]", "2*h[i, j]"]
    (b,) = lines(r"$$ y_{ij}(h_{ij} + 1) = 2 h_{ij} $$", bn)  # not a list of names
    assert sides(b, bn)[0] == "y[i, j]*(h[i, j] + 1)"


def test_a_bold_d_before_a_name_is_a_gradient_never_a_factor():
    dim = Symbols(sizes=("d",), indices={"i": "d"}, tensors={"q": ("d",)})
    with pytest.raises(TexError, match="bold d before a name marks its gradient"):
        parse(tokenize(r"\mathbf{d}q_i"), dim)
    assert to_language(parse(tokenize(r"\mathbf{d} \, q_i"), dim), dim) == "d*q[i]"


def test_a_greek_name_before_terms_in_parentheses_multiplies_them():
    text = "$$\ny_i = \\gamma(x_i - m) + \\sigma(x_i)\n$$\n"
    toml = guessed.toml_of(text, "doc.md")
    assert "gamma = " in toml  # \gamma(x_i - m): a product, gamma an input
    assert "sigma = " not in toml  # \sigma(x_i): a function the document never says


def test_softmax_written_as_plain_letters():
    dim = Symbols(sizes=("N", "C"), indices={"i": "N", "k": "C"}, tensors={"W": ("N", "C")})
    node = parse(tokenize(r"softmax(W)"), dim)
    assert (type(node).__name__, node.func) == ("Call", "softmax")


def test_words_before_an_equation_label_it_only_in_parentheses_or_as_where(bn):
    (a,) = lines(r"$$ \text{(Mean)} \quad \mu_l = \frac{1}{N} \sum_p h_{pl} $$", bn)
    assert a.kind == "equation"
    (b,) = lines(r"$$ \text{where } \mu_l = \frac{1}{N} \sum_p h_{pl} $$", bn)
    assert b.kind == "equation"
    for words in ("assuming", "suppose", "if"):
        rows = lines(rf"$$ \text{{{words} }} \mu_l = \frac{{1}}{{N}} \sum_p h_{{pl}} $$", bn)
        assert all(r.kind != "equation" for r in rows), words
