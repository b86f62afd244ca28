"""A layer letter written `\\ell` read as l (symbn.source.document.ell): only where the document
writes it in a superscript of a name and never as a quantity of its own, nor beside a lone l;
each l placed where its `\\ell` was written."""

from __future__ import annotations

import pytest

from symbn.source.document.ell import layered
from symbn.source.document.formats import read_document
from symbn.verify.document import check

#: The pre-activation of layer ℓ, and a derivative of it, in square brackets.
ANDREW = r"""For layer $\ell$ the pre-activation is

$$
Z^{[\ell]} = W^{[\ell]} A^{[\ell-1]} + b^{[\ell]}
$$

and

$$
\frac{\partial Z^{[\ell]}}{\partial b^{[\ell]}} = 1
$$
"""


@pytest.mark.parametrize(
    "texts",
    [
        [r"Z^{[\ell]} = W^{[\ell]} A^{[\ell-1]} + b^{[\ell]}"],
        [r"z^{(\ell+1)}_j = \sum_k w^{(\ell)}_{jk} a^{(\ell)}_k", r"\ell"],
        [r"\delta^\ell_j = \frac{\partial C}{\partial z^\ell_j}", r"\sum_{\ell=1}^{L} n_\ell"],
        [r"a^{\ell-1}_k \left( x \right)"],
    ],
)
def test_a_layer_written_ell(texts: list[str]):
    assert layered(texts)


@pytest.mark.parametrize(
    "texts",
    [
        [r"\sum_\ell x_\ell"],  # no superscript: an index, read as it is
        [r"W^{[\ell]} x", r"\frac{\partial \ell}{\partial w}"],  # ℓ, a loss, differentiated
        [r"h^{(\ell)}", r"\ell_i = (y_i - h_i)^2"],  # ℓ_i, a loss of its own
        [r"h^{(\ell)}", r"L = \sum_i \ell^{(i)}"],
        [r"h^{(\ell)}", r"\ell(y, p) = -y \log p"],
        [r"h^{(\ell)} = x^{l}"],  # a lone l beside ℓ: two letters
        [r"W^{[\ell]} = l + 1"],
    ],
)
def test_no_layer_written_ell(texts: list[str]):
    assert not layered(texts)


def test_each_l_stands_where_its_ell_was_written():
    doc = read_document(ANDREW, "doc.md")
    texts = [d.text for d in doc.displays]
    assert texts[0] == "l"
    row = next(d for d in doc.displays if "Z^{[l]} =" in d.text)
    at = row.text.index("A^{[l-1]}") + 4
    written = ANDREW.split("\n")[row.origin.where(at).line - 1]
    column = row.origin.where(at).col
    assert written[column - 1 : column - 1 + 4] == r"\ell"


def test_the_layer_document_reads():
    """Z, W and A written whole as capitals are matrices (`symbn.language.latex.wholelayers`):
    the first row defines Z^{[ℓ]}, and ∂Z/∂b, a matrix's derivative by a tensor, is named
    as what is not read, right or wrong."""
    found = {f.where.line: f for f in check(ANDREW, "doc.md").findings if f.kind != "lint"}
    assert found[4].status == "defined"
    assert "Alm1" in found[4].message
    for written in ("1", "2"):
        text = ANDREW.replace("b^{[\\ell]}} = 1", f"b^{{[\\ell]}}}} = {written}")
        row = [f for f in check(text, "doc.md").findings if f.where.line == 10]
        assert [f.status for f in row] == ["unchecked"]
        assert "by all of bl is not read" in row[0].message


def test_a_loss_written_ell_stays_a_name():
    text = r"""The loss of one example is $\ell = (y - w x)^2$.

$$\frac{\partial \ell}{\partial w} = -2 x (y - w x)$$
"""
    got = [f.status for f in check(text, "doc.md").findings if f.where.line == 3]
    assert got == ["proved"]
