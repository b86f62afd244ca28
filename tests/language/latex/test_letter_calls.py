"""A single letter the document defines as a function of a vector or a matrix,
`s(R) = …`: the letter at its argument is one name (a scalar), never the letter times the
bracket; `\\partial s` is its derivative. A letter at a scalar's argument (`f(x)`) is no such
call, and a letter at an array that no line defines names nothing."""

from __future__ import annotations

from pathlib import Path

from symbn.language.latex.calls import word_call
from symbn.language.latex.guessed import toml_of
from symbn.language.latex.namesat import applied_to
from symbn.language.latex.texlex import tokenize
from symbn.verify.document import check

DOC = (Path(__file__).parents[2] / "markdown" / "vector_scale_function.md").read_text(
    encoding="utf-8"
)

WRONG = r"""
$$
\frac{\partial s}{\partial R} = -\frac{2}{N} \left( \frac{1}{N} R^T R + \epsilon \right)^{-3/2} R
$$
"""


def findings(doc: str) -> list[tuple[int, str, str]]:
    return [(f.where.line, f.status, f.message) for f in check(doc, "doc.md").findings]


def test_a_letter_at_an_array_is_a_scalar_the_row_defines():
    inferred = toml_of(DOC, "doc.md")
    assert 's = { shape = [], latex = "s(R)" }' in inferred
    got = findings(DOC)
    assert any(s == "defined" and "definition s = " in m for _, s, m in got)
    assert any(s == "defined" and "definition Z[k] = s*R[k]" in m for _, s, m in got)
    assert [s for line, s, _ in got if line >= 13 and s != "warning"] == ["proved"] * 2


def test_a_wrong_derivative_of_the_function_is_never_proved():
    doc = DOC + WRONG
    last = [s for line, s, _ in findings(doc) if line == doc.count("\n") - 1]
    assert last
    assert "proved" not in last


def test_a_letter_at_a_scalar_or_an_expression_is_no_call():
    for text in (r"f(x)", r"s(R + 1)", r"S(R)", r"s (R)", r"s(R, Q)"):
        toks = tokenize(text)
        assert all(word_call(toks, n) is None for n in range(len(toks))), text
    assert word_call(tokenize(r"c(\mathbf{d})"), 0) == ("c", r"c(\mathbf{d})", 7)


def test_a_letter_at_an_array_no_line_defines_names_nothing():
    doc = DOC + "\n$$\n\\frac{\\partial a}{\\partial R} = a(R) R\n$$\n"
    assert "a = " not in toml_of(doc, "doc.md")
    last = [s for line, s, _ in findings(doc) if line == doc.count("\n") - 1]
    assert last
    assert all(s == "unchecked" for s in last)


def test_a_row_that_says_what_a_name_depends_on_defines_nothing():
    for row in (r"o = f(X) = X^T X", r"L = L(\mathbf{w})"):
        toks = tokenize(row)
        equals = next(n for n, t in enumerate(toks) if t.text == "=")
        assert applied_to(toks, equals, row[0]), row
    toks = tokenize(r"s = c(R) \cdot R")
    assert not applied_to(toks, 1, "s")  # a product with the function's value: a definition
