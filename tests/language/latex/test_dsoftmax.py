"""symbn.language.latex.dsoftmax: `d\\sigma(z)`, where d is a differential and σ the
softmax, is the softmax's Jacobian diag(σ) − σσᵀ, applied to a vector by juxtaposition or
`\\cdot` (`tests/markdown/softmax_differential.md`)."""

from __future__ import annotations

from pathlib import Path

from documents import statuses

DOC = (Path(__file__).parents[2] / "markdown" / "softmax_differential.md").read_text(
    encoding="utf-8"
)


def test_the_softmax_differential_is_its_jacobian():
    got = statuses(DOC)
    assert got[35] == ["proved"]  # dσ(z)·v = σ ⊙ v − σ (σᵀv)
    assert got[37] == ["proved"]  # dσ(z)ᵀ = dσ(z)
    assert "refuted" not in {s for v in got.values() for s in v}


def test_without_differentials_the_d_is_not_read_as_one():
    plain = DOC.replace('differentials = "d"\n', "# d is a letter\n")
    got = statuses(plain)
    assert "proved" not in got[35]


def test_d_before_another_function_is_not_a_jacobian():
    doc = DOC.replace(r"$$ d\sigma(z)^t v = d\sigma(z) \cdot v $$", r"$$ d\tanh(z) = z $$")
    got = statuses(doc)
    assert got[37] == ["unchecked"]
