"""Vectors at each step sized by the maps that multiply them (`W_{hh} h_{t-1}`, `U x_t`,
`symbn.language.latex.stepvectors`), read with no context: the maps' shapes follow from
the products, and the recurrence's gradients written in vector form are checked
(`tests/markdown/rnn_vector_form.md`)."""

from __future__ import annotations

import pytest
from mutated import mutant_verdicts
from paths import ROOT

from symbn.language.latex.guessed import toml_of
from symbn.language.latex.stepvectors import applies
from symbn.language.latex.texlex import tokenize
from symbn.verify.document import check
from symbn.verify.status import Status

DOC = (ROOT / "tests" / "markdown" / "rnn_vector_form.md").read_text(encoding="utf-8")


def _statuses(text: str) -> list[str]:
    return [f.status for f in check(text, "doc.md").findings if f.kind != "lint"]


def test_the_maps_are_sized_by_the_vectors_they_multiply():
    lines = set(toml_of(DOC, "doc.md").splitlines())
    assert {
        'W_hh = { shape = ["n_h", "n_h"], latex = "W_{hh}" }',
        'W_xh = { shape = ["n_h", "n_x"], latex = "W_{xh}" }',
        'W_hy = { shape = ["n_y", "n_h"], latex = "W_{hy}" }',
        'b_h = { shape = ["n_h"], latex = "b_{h}" }',
        'h = { shape = ["n_t", "n_h"] }',
        'x = { shape = ["n_t", "n_x"] }',
    } <= lines


def test_the_gradients_of_a_recurrence_in_vector_form_are_proved():
    statuses = _statuses(DOC)
    assert statuses.count(Status.DEFINED) == 2
    assert statuses.count(Status.PROVED) == 5
    assert Status.REFUTED not in statuses


@pytest.mark.parametrize(
    ("anchor", "old", "new"),
    [
        (r"\partial h_{t+1}} \odot", r"(1 - h_{t+1}^2)", r"(1 - h_t^2)"),  # the wrong step
        (r"\partial h_{t+1}} \odot", r"W_{hh}^\top \left(", r"W_{hh} \left("),  # no transpose
        (r"\partial h_{t+1}} \odot", r"W_{hy}^\top \frac", r"W_{hy} \frac"),
        (r"\partial h_{t+1}} \odot", r"+ W_{hh}^\top", r"+ W_{xh}^\top"),  # W_xh for W_hh
        (r"W_{hh}} = \sum_t", r"h_{t-1}^\top", r"h_t^\top"),
        (r"W_{hh}} = \sum_t", r"(1 - h_t^2)", r"(1 - h_{t-1}^2)"),
        (r"W_{xh}} = \sum_t", r"x_t^\top", r"h_{t-1}^\top"),
        (r"W_{hy}} = \sum_t", r"h_t^\top", r"h_{t-1}^\top"),
        (r"b_y} = \sum_t", r"\sum_t \frac", r"\frac"),
    ],
)
def test_a_slip_in_the_vector_form_is_never_proved(anchor, old, new):
    got = mutant_verdicts(DOC, anchor, old, new)
    assert got
    assert Status.PROVED not in got


PLAIN = r"""# Plain letters for the maps

$$s_t = \tanh(U x_t + W s_{t-1})$$

$$o_t = V s_t$$

$$E = \sum_{t=1}^{T} E_t$$

$$\frac{\partial E}{\partial V} = \sum_{t=1}^{T} \frac{\partial E_t}{\partial o_t} s_t^T$$

$$\frac{\partial E}{\partial s_t} = V^T \frac{\partial E_t}{\partial o_t}
+ W^T \left((1 - s_{t+1}^2) \odot \frac{\partial E}{\partial s_{t+1}}\right)$$
"""


def test_maps_written_as_one_capital_are_sized_too():
    text = toml_of(PLAIN, "doc.md")
    assert 'W = { shape = ["n_s", "n_s"] }' in text
    assert 'V = { shape = ["n_o", "n_s"] }' in text
    assert _statuses(PLAIN)[-2:] == [Status.PROVED, Status.PROVED]
    slipped = PLAIN.replace(r"W^T \left(", r"W \left(")
    assert _statuses(slipped)[-1] != Status.PROVED


def test_a_size_the_document_gives_is_kept():
    sized = DOC.replace("follows:\n", "follows, with $x_t \\in \\mathbb{R}^D$:\n")
    text = toml_of(sized, "doc.md")
    assert 'W_xh = { shape = ["n_h", "D"], latex = "W_{xh}" }' in text


def test_a_step_alone_is_an_index_not_a_name():
    doc = "# A cell\n\n$$h_t = \\tanh(W h_{t-1} + U x_t + b)$$\n"
    got = [f.message for f in check(doc, "doc.md").findings if f.kind == "definition"]
    body = "tanh(sum(W[p, s]*h[t - 1, s], s) + sum(U[p, q]*x[t, q], q) + b[p])"
    assert got == [f"definition h[t, p] = {body}"]


GATES = r"""# A gated cell

$$f_t = \sigma(W_f x_t + U_f h_{t-1} + b_f)$$

$$g_t = \tanh(W_g x_t + U_g h_{t-1} + b_g)$$

$$c_t = f_t \odot c_{t-1} + g_t$$
"""


def test_a_gate_applies_sigma_to_its_terms():
    text = toml_of(GATES, "doc.md")
    assert 'act = ["\\\\sigma"]' in text
    assert 'f = { shape = ["n_t", "n_f"] }' in text or 'f = { shape = ["n_t", "n_g"] }' in text
    assert "sigma =" not in text


@pytest.mark.parametrize(
    ("row", "k", "expected"),
    [
        (r"f_t = \sigma(W_f x_t + b_f)", 4, True),  # a gate: σ of the whole right side
        (r"y = \gamma(x - \mu)", 2, False),  # a scale that multiplies
        (r"f_t = \gamma(W_f x_t + b_f)", 4, False),  # only σ
        (r"f_t = \sigma(a_t + b) c_t", 4, False),  # the bracket does not end the row
        (r"\sigma(z)", 0, True),  # no terms: applied
    ],
)
def test_sigma_applies_to_a_gate_s_terms(row, k, expected):
    toks = tuple(tokenize(row))
    assert toks[k].text in (r"\sigma", r"\gamma")
    assert applies(toks, k, k + 1) is expected
