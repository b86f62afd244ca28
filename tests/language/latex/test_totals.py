"""A total over steps written with the name of its terms (`E = \\frac{1}{T}\\sum_t E_t`): the
bare name is a scalar of its own, the total, and the name with its step the terms
(`symbn.language.latex.totals`), in subscripts and superscripts alike."""

from __future__ import annotations

import pytest
from paths import ROOT

from symbn.language.latex import guessed
from symbn.language.latex.symbols import Symbols
from symbn.source.context import read_context
from symbn.verify.document import check
from symbn.verify.status import Status

DOC = (ROOT / "tests" / "markdown" / "step_losses.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("style", ["subscripts", "superscripts"])
def test_the_total_and_its_terms_are_two_names(style):
    text = DOC if style == "subscripts" else DOC.replace("_t", "^t")
    ctx = read_context("doc.md", guessed.toml_of(text, "doc.md").encode())
    shapes = {t.name: t.shape for t in ctx.defined}
    assert shapes["E"] == ("T",)
    assert shapes["E_total"] == ()
    got = [(f.status, f.message) for f in check(text, "doc.md").findings if f.kind != "lint"]
    assert [s for s, _ in got] == [*[Status.DEFINED] * 3, Status.PROVED, Status.PROVED]
    assert "diff(E_total, w)" in got[3][1]
    assert "diff(E[t], w)" in got[4][1]


def test_a_slip_in_the_total_s_gradient_is_refuted():
    text = DOC.replace(r"= \frac{2}{T}\sum", r"= \frac{1}{T}\sum")
    statuses = [f.status for f in check(text, "doc.md").findings if f.kind != "lint"]
    assert statuses[3] == Status.REFUTED


def test_the_bare_spelling_names_the_scalar_and_the_indexed_one_the_terms():
    s = Symbols(
        sizes=("T",),
        indices={"t": "T"},
        tensors={"E": ("T",), "E_total": ()},
        spellings={"E": "E_total"},
    )
    assert s.name("E") == "E"
    assert s.total("E") == "E_total"
    assert s.total("E_total") is None
