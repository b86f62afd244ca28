"""symbn.language.latex.basis: a name the prose calls a basis vector (`$e_i$ is the $i$-th
basis vector`) is the identity's rows in the inferred context, and σ the softmax where the
prose says softmax (`tests/markdown/basis_rows.md`)."""

from __future__ import annotations

from pathlib import Path

from symbn.language.latex.guessed import toml_of
from symbn.verify.document import check

DOC = (Path(__file__).parents[2] / "markdown" / "basis_rows.md").read_text(encoding="utf-8")


def test_a_basis_vector_the_prose_names_is_the_identitys_rows():
    text = toml_of(DOC, "doc.md")
    assert 'name = "e"' in text
    assert 'expr = "Delta(' in text
    assert 'softmax = ["\\\\sigma"]' in text


def test_rows_written_with_basis_vectors_are_proved():
    statuses = [f.status for f in check(DOC, "doc.md").findings]
    assert statuses.count("proved") == 2
    assert "refuted" not in statuses


def test_without_the_words_e_stays_a_vector_and_sigma_unsaid():
    plain = DOC.replace("standard basis\nvector", "vector").replace("softmax", "map")
    text = toml_of(plain, "doc.md")
    assert "Delta(" not in text
    assert "softmax" not in text


def test_a_partial_context_keeps_the_inferred_basis():
    """The inferred context's [[define]] survives a partial context that declares inputs."""
    partial = '+++\n[inputs]\nA = { shape = ["N", "D"] }\nB = { shape = ["N", "D"] }\n+++\n'
    statuses = [f.status for f in check(partial + DOC, "doc.md").findings]
    assert statuses.count("proved") == 4  # two claims, and A's and B's shapes in the prose


def test_softmax_named_in_passing_does_not_make_sigma_the_softmax():
    listed = DOC.replace("is the\nsoftmax of a vector", "is a map (SoftMax is another)")
    assert "softmax" not in toml_of(listed, "doc.md")
