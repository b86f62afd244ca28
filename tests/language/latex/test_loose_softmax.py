"""Loose but unambiguous notation of a softmax derivation: `e^z_j` for e^{z_j} (e names
nothing, so the subscript belongs to the exponent), `\\Sigma^K_k` and `\\Sigma_{k, k \\neq j}^K`
for sums, `\\frac{1}{\\partial z_i}(f)` for the derivative of f, a `)` that closes nothing
after the `)` of a product, and `\\text{ }` spaces before a row's condition. Each reads as
the author meant; a slip in it is refuted, and what stays ambiguous is not read."""

from __future__ import annotations

from paths import ROOT

from symbn.verify.document import check

DOC = (ROOT / "tests" / "markdown" / "softmax_loose.md").read_text(encoding="utf-8")
HEAD = "For a vector $z$ of K scores:\n\n"


def _rows(text: str) -> dict[int, str]:
    found = check(text, "doc.md").findings
    return {f.where.line: f.status for f in found if f.kind in ("claim", "cases")}


def test_the_loose_rows_read_as_meant():
    rows = _rows(DOC)
    assert [rows[n] for n in (5, 9, 13, 25, 27)] == ["proved"] * 5


def test_a_wrong_term_in_a_loose_row_is_refuted():
    row = "$$ \\frac{\\partial softmax(z_j))}{\\partial z_i} = \\frac{\\partial}{\\partial z_i}"
    row += " (\\frac{e^z_j}{e^z_i + \\Sigma_{k, k\\neq j}^K e^z_k}) $$\n"
    last = DOC.count("\n") + 2
    assert _rows(DOC + "\n" + row)[last] == "refuted"


def test_a_wrong_case_written_with_its_condition_is_refuted():
    row = "$$ \\frac{\\partial softmax(z_j)}{\\partial z_i} = softmax(z_j) + softmax^2(z_j),"
    row += " \\text{   }\\text{  if } i=j $$\n"
    assert _rows(HEAD + row) == {3: "refuted"}


def test_a_stray_close_after_terms_is_not_read():
    row = "$$ \\frac{\\partial e^z_i + softmax(z_j))}{\\partial z_i} = e^z_i $$\n"
    found = [f for f in check(HEAD + row, "doc.md").findings if f.where.line == 3]
    assert "unchecked" in {f.status for f in found}
    assert not {"proved", "refuted"} & {f.status for f in found}


def test_e_with_both_scripts_on_a_matrix_is_not_read_as_an_exponent():
    row = "$$ S_{ij} = 2 x_{ij} $$\n\n$$ y = e^S_i $$\n"
    found = [f for f in check(HEAD + row, "doc.md").findings if f.where.line == 5]
    assert not {"proved", "refuted"} & {f.status for f in found}
