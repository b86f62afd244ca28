"""Vectors at each step sized by the maps that multiply them (`W_{hh} h_{t-1}`, `U x_t`,
`symbn.language.latex.stepvectors`), read with no context: the maps' shapes follow from
the products, and the recurrence's gradients written in vector form are checked
(`tests/markdown/rnn_vector_form.md`)."""

from __future__ import annotations

import pytest
from paths import ROOT

from symbn.language.latex.guessed import toml_of
from symbn.language.latex.stepvectors import applies
from symbn.language.latex.texlex import tokenize
from symbn.verify.document import check

DOC = (ROOT / "tests" / "markdown" / "rnn_vector_form.md").read_text(encoding="utf-8")


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
