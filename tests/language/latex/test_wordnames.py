"""Names written as words (`symbn.language.latex.wordnames`): a run of three letters or more
with a label under it is one name; a shorter run, or a function's spelling, is not."""

from __future__ import annotations

import pytest
from documents import read_well, slipped

from symbn.language.latex.texlex import tokenize
from symbn.language.latex.wordnames import component, label_under, labels_of, word_at
from symbn.verify.document import check


@pytest.mark.parametrize(
    ("tex", "word"),
    [
        ("net_{h1}", ("net", "h1")),
        ("out_{o1} + 1", ("out", "o1")),
        ("target_{o2}", ("target", "o2")),
        ("loss_1", ("loss", "1")),
        ("xy_i", None),  # x times y_i
        ("wx_{1}", None),
        ("max_{j}", None),  # a function
        ("net", None),  # no label: left as it was
        ("net_{i,j}", None),  # indices, not a label
    ],
)
def test_a_word_with_a_label_is_one_name(tex, word):
    found = word_at(tokenize(tex), 0)
    assert (found[:2] if found else None) == word


def test_the_word_ends_after_its_label():
    toks = tokenize("net_{h1} + out_2")
    found = word_at(toks, 0)
    assert found is not None
    assert toks[found[2]].text == "+"
    later = word_at(toks, found[2] + 1)
    assert later is not None
    assert later[:2] == ("out", "2")
    assert later[2] == len(toks)


def _under(sub: str) -> list:
    """The tokens of a subscript as the lexer reads them there (`x_{o1}`: o and 1)."""
    return list(tokenize(f"x_{{{sub}}}"))[3:-1]


def test_labels_under_words_label_letters():
    labels = frozenset(labels_of([tokenize("out_{o1} = net_{h1} + loss_2")]))
    assert labels == {"_o1", "_h1"}
    assert label_under(_under("o1"), labels, frozenset()) == "o1"
    assert label_under(_under("i1"), labels, frozenset({"i"})) is None
    assert label_under(list(tokenize("total")), labels, frozenset()) == "total"
    assert label_under(list(tokenize("ijkl")), labels, frozenset("ijkl")) is None


#: Functions written in plain letters, as MathJax shows `ln(x)` when the backslash is left out.
PLAIN = r"""Let $x \in \mathbb{R}^n$ and $z_i = 3 ln(x_i) + Sigmoid(x_i)$.

$$
\frac{\partial z_i}{\partial x_i} = \frac{3}{x_i} + Sigmoid(x_i)(1 - Sigmoid(x_i))
$$
"""


def test_a_function_in_plain_letters_reads_and_a_slip_is_refused():
    read_well(PLAIN)
    assert slipped(PLAIN, r"\frac{3}{x_i} +", r"\frac{2}{x_i} +") == ["refuted"]


def test_a_function_whose_letters_are_all_names_is_not_guessed():
    doc = PLAIN.replace("Let $x", r"Let $l \in \mathbb{R}^n$, $x")
    findings = check(doc, "doc.md").findings
    assert "proved" not in [f.status for f in findings]
    assert any("product of the names l, n" in f.message for f in findings)


#: A function the document defines by a word, each row at one component of its value.
ROWS = r"""Let $x \in \mathbb{R}^{M \times N}$ and $\gamma \in \mathbb{R}^{M \times N}$.

$$
rms(x)_i=\sqrt{\frac{1}{N}\sum_{j=1}^{N}x_{ij}^2}
$$

$$
rmsnorm(x)_{ij} = \frac{x_{ij}}{rms(x)_i} \gamma_{ij}
$$

$$
\frac {\partial rms(x)_{i}}{\partial x_{ij}} = \frac{x_{ij}}{N rms(x)_i}
$$
"""


def test_a_subscript_after_a_defined_word_is_its_component():
    assert "rms = { shape" in read_well(ROWS)
    assert slipped(ROWS, r"{N rms(x)_i}", r"{2 N rms(x)_i}") == ["refuted"]


@pytest.mark.parametrize(
    ("tex", "letters"),
    [("f(x)_i + 1", ["i"]), ("f(x)_{kl}", ["k", "l"]), ("f(x) _i", []), ("f(x)_{1}", [])],
)
def test_the_component_letters_after_a_call(tex, letters):
    toks = tokenize(tex)
    assert component(toks, 4)[0] == letters
