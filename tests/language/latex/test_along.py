"""symbn.language.latex.along: a softmax written on one element of a vector, `softmax(z_j)`,
is the j-th element of the softmax of z, so its Jacobian written elementwise, by cases or
with a delta, is proved; a slip in it is refuted, and a softmax of one element of a matrix
is not read."""

from __future__ import annotations

from paths import ROOT

from symbn.verify.document import check

DOC = (ROOT / "tests" / "markdown" / "softmax_elements.md").read_text(encoding="utf-8")
SOFTMAX = "exp(z[j])/sum(exp(z[k]), k)"


def _claims(text: str) -> list[tuple[str, str]]:
    return [(f.status, f.claim) for f in check(text, "doc.md").findings if f.kind == "claim"]


def test_the_softmax_of_an_element_is_that_element_of_the_softmax():
    found = _claims(DOC)
    assert [s for s, _ in found] == ["proved"] * 5
    assert found[3][1] == (
        f"diff({SOFTMAX}, z[i]) = {SOFTMAX}*(Delta(i, j) - exp(z[i])/sum(exp(z[k]), k))"
    )
    assert found[4][1] == "sum(exp(z[j])/sum(exp(z[i]), i), j) = 1"


def test_a_case_written_without_its_condition_is_refuted():
    row = "$$ \\frac{\\partial softmax(z_j)}{\\partial z_i} = softmax(z_j) - softmax^2(z_j) $$\n"
    ((status, claim),) = _claims(row)
    assert status == "refuted"
    assert claim.startswith("diff(exp(z[j])/sum(exp(z[")


def test_a_softmax_of_one_element_of_a_matrix_is_not_read():
    row = "$$ S_{ij} = 2 x_{ij} $$\n\n$$ softmax(S_{ij}) = 1 $$\n"
    found = [f for f in check(row, "doc.md").findings if f.where.line == 3]
    assert [f.status for f in found] == ["unchecked"]
    assert "not on one element" in found[0].message
