"""Layers labelled by a lower-case letter or a short word under a name (`s_o`, `w_{oh}`,
`z_{in}`), and activations written with their layer's label (`\\sigma_h(s_h)`,
`f_{out}(z)`), read with no context: the true lines proved, a slip never proved, and a
letter that is also an index letter left as an index."""

from __future__ import annotations

import pytest
from documents import slipped

from symbn.language.latex.guess import Guess
from symbn.language.latex.guessed import toml_of
from symbn.language.latex.layerlabels import layered, past_label
from symbn.language.latex.texlex import tokenize
from symbn.verify.document import check

LETTERS = r"""
A network with one hidden unit h and one output unit o. The sigmoid is
$\sigma(z) = \frac{1}{1+e^{-z}}$.

$$s_h = \sum_i w_{hi} x_i + b_h$$

$$a_h = \sigma_h(s_h)$$

$$s_o = w_{oh} a_h + b_o$$

$$y_o = \sigma_o(s_o)$$

The loss is the squared error $L = \frac{1}{2}(y_o - t)^2$.

$$\frac{\partial L}{\partial y_o} = y_o - t$$

$$\frac{\partial y_o}{\partial s_o} = \sigma(s_o)(1 - \sigma(s_o))$$

$$\delta_o = (y_o - t)\,\sigma_o'(s_o)$$

$$\frac{\partial L}{\partial w_{oh}} = \delta_o a_h$$

$$\frac{\partial L}{\partial b_o} = \delta_o$$

$$\sigma_h(s_h) = \frac{1}{1 + e^{-s_h}}$$

$$\frac{\partial L}{\partial s_h} = \delta_o w_{oh} \sigma_h'(s_h)$$

$$\frac{\partial L}{\partial b_h} = \delta_o w_{oh} a_h (1 - a_h)$$
"""

WORDS = r"""
The activation of each layer is the logistic function:

$$f(z) = \frac{1}{1 + e^{-z}}$$

$$z_{in} = w_{in} x + b_{in}$$

$$a_{in} = f_{in}(z_{in})$$

$$z_{out} = w_{out} a_{in} + b_{out}$$

$$a_{out} = f_{out}(z_{out})$$

$$E = \frac{1}{2}(a_{out} - y)^2$$

$$\frac{\partial E}{\partial z_{out}} = (a_{out} - y) a_{out} (1 - a_{out})$$

$$\frac{\partial E}{\partial w_{out}} = (a_{out} - y) a_{out} (1 - a_{out}) a_{in}$$

$$\frac{\partial E}{\partial w_{in}} =
(a_{out} - y) a_{out} (1 - a_{out}) w_{out} a_{in} (1 - a_{in}) x$$

$$\frac{\partial a_{out}}{\partial z_{out}} = f_{out}'(z_{out})$$
"""


#: Slips in the two documents: a sign, a dropped factor, a label swapped (o for h, in for
#: out), an argument at the other layer.
SLIPS = [
    (LETTERS, r"= y_o - t$$", r"= t - y_o$$"),
    (LETTERS, r"w_{oh}} = \delta_o a_h$$", r"w_{oh}} = \delta_o$$"),
    (LETTERS, r"b_o} = \delta_o$$", r"b_h} = \delta_o$$"),
    (LETTERS, r"\sigma(s_o)(1 - \sigma(s_o))", r"\sigma(s_h)(1 - \sigma(s_h))"),
    (LETTERS, r"\delta_o w_{oh} \sigma_h'(s_h)", r"\delta_o w_{oh} \sigma_h'(s_o)"),
    (LETTERS, r"\delta_o w_{oh} a_h (1 - a_h)", r"\delta_o w_{oh} a_h (1 + a_h)"),
    (LETTERS, r"= \frac{1}{1 + e^{-s_h}}", r"= \frac{1}{1 + e^{s_h}}"),
    (WORDS, r"(1 - a_{out}) a_{in}$$", r"(1 - a_{out}) a_{out}$$"),
    (WORDS, r"\partial w_{in}} =", r"\partial b_{in}} ="),
    (WORDS, r"= f_{out}'(z_{out})", r"= f_{out}'(z_{in})"),
    (
        WORDS,
        r"= (a_{out} - y) a_{out} (1 - a_{out})$$",
        r"= (y - a_{out}) a_{out} (1 - a_{out})$$",
    ),
]


@pytest.mark.parametrize(("doc", "proved", "unchecked"), [(LETTERS, 7, 1), (WORDS, 5, 0)])
def test_the_labelled_layers_are_proved(doc, proved, unchecked):
    statuses = [f.status for f in check(doc, "doc.md").findings]
    assert statuses.count("proved") == proved
    assert statuses.count("unchecked") == unchecked  # (σ(z) = … inline, in prose)
    assert "refuted" not in statuses


@pytest.mark.parametrize(
    ("doc", "line"),
    [
        (LETTERS, 'w_oh = { shape = [], latex = "w_{oh}" }'),
        (LETTERS, 'w_h = { shape = ["n_i"], latex = "w_{h}" }'),  # w_{hi}: w_h at i
        (LETTERS, 'delta_o = { shape = [], latex = "\\\\delta_{o}" }'),
        (LETTERS, 'sigmoid = ["\\\\sigma", "\\\\sigma_{h}", "\\\\sigma_{o}"]'),
        (WORDS, 'sigmoid = ["f", "f_{in}", "f_{out}"]'),
        (WORDS, 'z_in = { shape = [], latex = "z_{in}" }'),
    ],
)
def test_the_inferred_context_names_each_layer(doc, line):
    inferred = toml_of(doc, "doc.md").split("\n")
    assert line in inferred
    assert not any(x.startswith(("o = ", "h = ")) for x in inferred)  # no index letters


@pytest.mark.parametrize(("doc", "old", "new"), SLIPS)
def test_a_slip_in_a_labelled_layer_is_not_proved(doc, old, new):
    got = slipped(doc, old, new)
    assert got
    assert "proved" not in got


def _layered(text: str, letters: tuple[str, ...] = ()) -> tuple[set[str], Guess]:
    guess = Guess(letters=list(letters))
    return layered([tuple(tokenize(text))], guess), guess


def test_labels_alone_name_a_layer_and_labels_then_an_index_a_label_at_positions():
    labels, guess = _layered(r"s_o = w_{oh} a_h + b_o + \sum_i w_{hi} x_i", ("i",))
    assert labels == {"s_o", "w_oh", "a_h", "b_o", "w_h"}
    assert guess.layer_letters == {"o", "h"}
    assert _layered(r"z_{out} = W_{in} x")[0] == {"z_out", "W_in"}


def test_a_letter_an_index_elsewhere_labels_nothing():
    assert _layered(r"s_o = \sum_h w_{oh} a_h", ("h",))[0] == {"s_o", "w_o"}  # h: summed
    assert _layered(r"y_o = a_h + a_i")[0] == {"y_o"}  # a_h beside a_i: an element?
    assert _layered(r"y_o = w_{ih} + w_{oh}", ("i",))[0] == set()  # a label after an index
    assert _layered(r"y_o = \delta_{oh}")[0] == {"y_o"}  # the Kronecker delta


def test_a_function_written_with_a_label_is_kept_for_the_prose():
    _, guess = _layered(r"a_h = \sigma_h(s_h) + f_{out}'(z)")
    assert guess.layer_functions == {"\\sigma_{h}": "\\sigma", "f_{out}": "f"}


def test_past_a_label():
    toks = tokenize(r"f_{out}(z) + f_o(z) + f_{ij}(z) + f(z)")
    ends = [past_label(toks, n) for n, t in enumerate(toks) if t.kind == "sub"]
    assert [toks[n].text for n in ends[:2]] == ["(", "("]
    assert toks[ends[2]].kind == "sub"  # f_{ij}: no label


def test_an_activation_left_unsaid_gives_no_layer_a_function():
    doc = r"""
$$a_h = \phi_h(s_h)$$

$$y_o = \phi_o(s_o)$$

$$\frac{\partial y_o}{\partial s_o} = \phi_o'(s_o)$$
"""
    inferred = toml_of(doc, "doc.md")
    assert "phi_{o}" not in (inferred.split("[functions]")[1] if "[functions]" in inferred else "")
    assert "proved" not in [f.status for f in check(doc, "doc.md").findings]


def test_a_letter_written_on_its_own_is_a_quantity_not_a_layer():
    assert _layered(r"y_o = f_h(x) = \frac{f(x + h) - f(x)}{h}")[0] == {"y_o"}
    assert _layered(r"h_t = W_{hh} h_{t-1} + b_h")[0] == set()


SOFTMAX = r"""
$$y_o = \frac{e^{s_o}}{\sum_k e^{s_k}}$$

$$\frac{\partial y_o}{\partial s_o} = y_o (1 - y_o)$$
"""


def test_a_letter_also_at_the_place_of_a_summed_index_stays_an_index():
    statuses = [f.status for f in check(SOFTMAX, "doc.md").findings]
    assert statuses.count("proved") == 1  # y[o], s[o]: o an index, as s_k says
    assert slipped(SOFTMAX, "y_o (1 - y_o)", "y_o (1 + y_o)") == ["refuted"]
