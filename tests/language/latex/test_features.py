"""Per-sample vectors with the batch axis implied: names declared in `\\mathbb{R}^n` and
written at a batch index are read one feature at a time (`symbn.language.latex.features`)."""

from __future__ import annotations

from pathlib import Path

from symbn.language.latex.guessed import toml_of

DOC = (Path(__file__).parents[2] / "markdown" / "feature_batch.md").read_text(encoding="utf-8")


def test_each_feature_is_read_on_its_own():
    text = toml_of(DOC, "doc.md")
    assert 'h = { shape = ["N"] }' in text  # a sample at k: the batch axis
    assert "a = { shape = [] }" in text  # the scale of one feature
    assert "nu = { shape = [] }" in text
    assert 's2 = { shape = [], latex = "s^{2}" }' in text


def test_a_transpose_keeps_the_features():
    doc = DOC.replace(r"o_k &= a z_k + b", r"o_k &= a^T z_k + b")
    assert 'a = { shape = ["n"] }' in toml_of(doc, "doc.md")


def test_an_index_over_the_features_keeps_them():
    doc = DOC + "\n$$\nq = \\sum_{r=1}^{n} a_r\n$$\n"
    assert "a = { shape = [] }" not in toml_of(doc, "doc.md")


def test_vectors_never_written_at_a_batch_index_keep_their_features():
    doc = r"""# Two vectors

The vectors $u, w \in \mathbb{R}^n$ give $s = u \odot w$.

$$
s = u \odot w
$$
"""
    assert 'u = { shape = ["n"] }' in toml_of(doc, "doc.md")


def test_a_matrix_over_the_features_keeps_them():
    doc = DOC.replace(
        r"\in \mathbb{R}^n$", r"\in \mathbb{R}^n$ and $M \in \mathbb{R}^{n \times n}$"
    )
    assert 'h = { shape = ["N"] }' not in toml_of(doc, "doc.md")
