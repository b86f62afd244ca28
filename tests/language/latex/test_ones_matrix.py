"""`\\mathbf{1}` as the square all-ones matrix (`[notation] ones = "matrix"`, inferred when
the prose calls it a matrix of all ones), and `I` as the identity when the prose calls it so
(`symbn.language.latex.shapes`, `symbn.language.latex.guessed`)."""

from __future__ import annotations

from pathlib import Path

from symbn.language.latex import guessed
from symbn.verify.document import check

DOC = (Path(__file__).parents[2] / "markdown" / "centering_matrix.md").read_text(encoding="utf-8")


def claims(text: str) -> list[tuple[int, str, str]]:
    found = check(text, "doc.md").findings
    return [(f.where.line, f.status, f.message) for f in found if f.kind == "claim"]


def test_the_prose_makes_a_bare_bold_one_the_all_ones_matrix():
    assert 'ones = "matrix"' in guessed.toml_of(DOC, "doc.md")
    got = [(line, status) for line, status, _ in claims(DOC) if line > 3]
    assert got == [(13, "proved"), (13, "proved"), (19, "proved")]


def test_without_the_prose_a_bold_one_is_a_column():
    text = DOC.replace("matrix of all ones", "matrix")
    assert 'ones = "matrix"' not in guessed.toml_of(text, "doc.md")
    found = [(line, status, message) for line, status, message in claims(text) if line > 3]
    for _, status, message in found:
        if status != "proved":
            assert status == "unchecked"
            assert "a column of ones times this matrix does not conform" in message
    # the chain's ends still meet past its unreadable middle (symbn.language.latex.bridge):
    # I minus 1/M broadcast down a column of ones is I - (1/M) 11^T, true as written
    assert [(line, m) for line, s, m in found if s == "proved"] == [
        (13, "H[a, k] - m[k] = sum((Delta(a, p) - 1/M*1)*H[p, k], p)")
    ]


def test_a_context_may_say_it_and_a_slip_is_refuted():
    context = '+++\n[sizes]\nM = "rows"\nK = "columns"\n[indices]\na = "M"\nk = "K"\n'
    context += '[inputs]\nH = { shape = ["M", "K"] }\n[defines]\nm = { shape = ["K"] }\n'
    context += '[notation]\nones = "matrix"\n+++\n'
    text = context + DOC.replace("matrix of all ones", "matrix")
    assert [s for line, s, _ in claims(text) if line > 17] == ["proved"] * 3
    slip = text.replace(
        r"\left(I - \frac{1}{M} \mathbf{1}\right) H", r"\left(I - \mathbf{1}\right) H"
    )
    assert [s for line, s, _ in claims(slip) if line == 27] == ["proved", "refuted"]


def test_the_prose_makes_a_plain_i_the_identity():
    text = DOC.replace("$I$ stands for the identity and ", "")
    got = [(s, m) for line, s, m in claims(text) if line == 13]
    assert got[1][0] == "unchecked"  # I is a name of unknown shape there
    assert "(I - 1/M*1)" in got[1][1]
