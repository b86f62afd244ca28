"""A name at an index letter and a position, `x_{i1}` or `x_{i,2}` (sample i's first or
second feature), is a matrix whose second axis has a size of its own; a loss written with
its parameters, `J(w_1, w_2, b) = …`, defines J; and a derivative of a name read as a size
is not read, never a derivative that is 0."""

from __future__ import annotations

from pathlib import Path

from mutated import verdicts

from symbn.language.latex import guessed
from symbn.source.context import read_context

PATH = Path(__file__).parents[2] / "markdown" / "two_feature_regression.md"
DOC = PATH.read_text(encoding="utf-8")


def test_each_gradient_is_proved():
    got = verdicts(DOC)
    assert got[6] == ["defined"]
    assert [got[n] for n in (11, 12, 13)] == [["proved"]] * 3


def test_the_features_are_a_matrix_with_an_axis_of_its_own():
    context = read_context("doc.md", guessed.toml_of(DOC, "doc.md").encode())
    assert {t.name: t.shape for t in context.inputs}["x"] == ("N", "n_x")
    assert "J" in guessed.toml_of(DOC, "doc.md").split("[defines]")[1]


def test_the_wrong_feature_or_factor_is_refuted():
    wrong = DOC.replace(r"b - y_i)x_{i1}", r"b - y_i)x_{i2}")
    assert verdicts(wrong)[12] == ["refuted"]
    wrong = DOC.replace(r"b - y_i)x_{i,2}", r"b - y_i)x_{i,1}")
    assert verdicts(wrong)[13] == ["refuted"]
    wrong = DOC.replace(r"{db} &= \frac{2}{N}", r"{db} &= \frac{1}{N}")
    assert verdicts(wrong)[11] == ["refuted"]


def test_a_derivative_of_a_size_is_not_read():
    sized = DOC.replace("J(w_1, w_2, b) =", "J(w_1 + w_2) =")  # not a list of parameters
    assert "proved" not in verdicts(sized).get(11, [])
    assert "refuted" not in verdicts(sized).get(11, [])


def test_a_sample_written_whole_before_its_features_is_a_row():
    text = DOC.replace("Each sample i", "Each sample $x_i$, row i,") + (
        "\n$$\nb_{new} = b_{old} - \\alpha \\frac{dJ}{db}\n$$\n"
    )
    toml = guessed.toml_of(text, "doc.md")
    context = read_context("doc.md", toml.encode())
    assert {t.name: t.shape for t in context.inputs}["x"] == ("N", "n_x")
    assert {i.name for i in context.indices} == {"i"}  # new and old label b: no letters
    got = verdicts(text)
    assert [got[n] for n in (11, 12, 13)] == [["proved"]] * 3
