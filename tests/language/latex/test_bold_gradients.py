"""Gradients marked by a bold d (`\\mathbf{dW}`, `\\mathbf{d}x_k`), inline maths that sets a
name to a constant, `z = g(x) = …` and words in `\\mathrm{…}`, read with no context
(`symbn.language.latex.infer`, `symbn.language.latex.guessed`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from documents import defined
from mutated import mutant_verdicts

from symbn.language.latex.guessed import toml_of
from symbn.language.latex.infer import infer
from symbn.source.document.formats import read_document
from symbn.verify.document import check

DOC = (Path(__file__).parents[2] / "markdown" / "bold_gradients.md").read_text(encoding="utf-8")


def _statuses(text: str, line: int | None = None) -> list[str]:
    return [f.status for f in check(text, "doc.md").findings if line in (None, f.where.line)]


def test_gradients_marked_by_a_bold_d_are_checked_with_no_context():
    statuses = _statuses(DOC)
    assert defined(check(DOC, "doc.md").findings) == (3, 2)  # ρ, u, z; two shapes read
    assert statuses.count("proved") == 5  # ds, du, and dx in three steps
    assert "refuted" not in statuses


def test_the_inferred_context_has_the_d_the_loss_and_no_function_or_setting():
    text = toml_of(DOC, "doc.md")
    assert '[gradients]\nloss = ["d"]' in text
    assert 'of = "z"' in text
    assert 's = { shape = ["n"]' in text.split("[defines]")[0]  # "as if s = 1": no definition
    assert "\ng = " not in text  # z = g(x) = …: g is a function the document leaves unsaid


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (r"\mathbf{dz} \odot \mathbf{u}", r"\mathbf{dz} \odot \mathbf{x}"),
        (r"\frac{x_i x_k}{\rho^3}", r"\frac{x_i x_k}{\rho^2}"),
        (r"&= \frac{1}{\rho} \left(", r"&= \frac{1}{\rho^2} \left("),
        (r"\mathbf{d}u_k - u_k", r"\mathbf{d}u_k + u_k"),
    ],
)
def test_a_slip_in_a_bold_d_gradient_is_not_proved(old, new):
    assert DOC.count(old) == 1
    got = mutant_verdicts(DOC, old, old, new)
    assert got
    assert "proved" not in got


def test_the_letters_of_a_word_are_no_names():
    guess = infer(read_document("$$ r = x + 1 $$\n\n$$ q = x, \\mathrm{or}, $$\n", "doc.md"))
    assert not guess.tensors["r"].used  # the r of \mathrm{or} is a letter of a word
