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


UNSAID = r"""# Losses of each step, left unsaid

$$h_t = \tanh(W h_{t-1} + U x_t)$$

$$y_t = V h_t$$

$$L = \sum_t L_t$$

$$\frac{\partial L}{\partial V} = \sum_t \frac{\partial L_t}{\partial y_t} h_t^\top$$

$$\frac{\partial L}{\partial y_t} = \frac{\partial L_t}{\partial y_t}$$
"""


def _last(text: str) -> tuple[str, str]:
    found = [f for f in check(text, "doc.md").findings if f.kind != "lint"][-1]
    return found.status, found.message


def test_terms_no_line_defines_make_the_total_the_loss():
    text = guessed.toml_of(UNSAID, "doc.md")
    assert 'latex = "L"' in text
    assert 'of = "y"' in text
    assert "L_total" not in text
    got = [f for f in check(UNSAID, "doc.md").findings if f.kind != "lint"]
    assert [f.status for f in got][-2:] == [Status.PROVED, Status.PROVED]
    assert "diff(loss, y[t, " in got[-1].message
    assert got[-3].status == Status.UNCHECKED  # L = Σ_t L_t: the loss's value is not known


@pytest.mark.parametrize(
    "row",
    [
        r"\frac{\partial L_t}{\partial h_t} = V^\top \frac{\partial L_t}{\partial y_t}",  # by h
        r"\frac{\partial L}{\partial y_t} = \frac{\partial L_{t+1}}{\partial y_t}",  # another step
    ],
)
def test_a_term_s_derivative_by_anything_else_is_not_the_loss_s(row):
    status, message = _last(UNSAID + f"\n$${row}$$\n")
    assert status == Status.UNCHECKED
    assert "diff(L[t" in message


def test_a_value_for_a_term_s_gradient_is_left_unchecked():
    text = UNSAID + "\n$$\\frac{\\partial L_t}{\\partial y_t} = 2 y_t$$\n"
    status, message = _last(text)
    assert status == Status.UNCHECKED
    assert "upstream" in message


def test_terms_a_line_defines_keep_their_total():
    text = UNSAID.replace("$$L = ", "$$L_t = \\frac{1}{2} y_t^\\top y_t$$\n\n$$L = ")
    assert "L_total" in guessed.toml_of(text, "doc.md")
