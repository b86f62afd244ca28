"""Names whose subscript is a label, read with no context (`symbn.language.latex.wordnames`):
a word under a word (`E_{total}`), a letter and a number (`net_{h1}`, `a_{o2}`), capitals no
line uses as positions (`D_{KL}`, `L_{CE}`), words joined by hyphens (`J_{skip-gram}`), and
a word with a label that no line defines, an input (`target_{o1}`)."""

from __future__ import annotations

import pytest
from documents import read_well, slipped, statuses

from symbn.language.latex import italicwords
from symbn.language.latex.texlex import tokenize
from symbn.language.latex.wordnames import label_under, script_labels
from symbn.verify.document import check

#: One hidden unit, its error and the chain rule through it, in the notation of worked
#: backpropagation examples, and a divergence between two Gaussians written with its label.
UNIT = r"""# One unit

$$
net_{h1} = w_1 i_1 + w_2 i_2 + b_1
$$

$$
out_{h1} = \frac{1}{1+e^{-net_{h1}}}
$$

$$
E_{total} = \frac{1}{2}(target_{o1} - out_{h1})^2
$$

$$
\frac{\partial E_{total}}{\partial w_1} = \frac{\partial E_{total}}{\partial out_{h1}}
\frac{\partial out_{h1}}{\partial net_{h1}} \frac{\partial net_{h1}}{\partial w_1}
$$

$$
\frac{\partial E_{total}}{\partial out_{h1}} = -(target_{o1} - out_{h1})
$$

$$
\frac{\partial out_{h1}}{\partial net_{h1}} = out_{h1}(1 - out_{h1})
$$

$$
D_{KL} = \mu^2 + s^2 - \log s^2 - 1
$$

$$
\frac{\partial D_{KL}}{\partial \mu} = 2\mu
$$
"""


def test_a_unit_with_labelled_names_is_proved_row_by_row():
    context = read_well(UNIT)
    assert 'target_o1 = { shape = [], latex = "target_{o1}" }' in context  # an input
    assert 'D_KL = { shape = [], latex = "D_{KL}" }' in context
    assert "[sizes]\n\n" in context  # K and L are no sizes
    found = statuses(UNIT)
    for line in (16, 21, 25, 33):  # the chain rule, its two factors, the divergence's
        assert found[line] == ["proved"], line
    assert [line for line, s in found.items() if "unchecked" in s] == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("= out_{h1}(1 - out_{h1})", "= out_{h1}(1 + out_{h1})"),  # a factor's sign
        ("= 2\\mu", "= 3\\mu"),  # the divergence's derivative
        ("= -(target_{o1} - out_{h1})", "= (target_{o1} - out_{h1})"),
    ],
)
def test_a_wrong_factor_is_refuted(old, new):
    assert slipped(UNIT, old, new) == ["refuted"]


def test_a_wrong_label_in_the_chain_is_never_proved():
    # net_{h2}, defined nowhere: the factor is zero only because no line ties it to out_{h1}
    chain = r"\frac{\partial out_{h1}}{\partial net_{h1}} \frac{\partial net_{h1}}{\partial w_1}"
    slip = r"\frac{\partial out_{h1}}{\partial net_{h2}} \frac{\partial net_{h1}}{\partial w_1}"
    doc = UNIT.replace(chain, slip)
    found = statuses(doc)
    assert found[16] == ["unchecked"]
    assert "no line ties out_h1 to net_h2" in str(check(doc, "doc.md").findings)


#: Two hidden units, each defined: a label swapped between them is a slip.
TWO = r"""
$$
net_{h1} = w_1 i_1 + b_1
$$

$$
net_{h2} = w_2 i_1 + b_1
$$

$$
out_{h1} = \frac{1}{1+e^{-net_{h1}}}
$$

$$
\frac{\partial out_{h1}}{\partial net_{h1}} = out_{h1}(1 - out_{h1})
$$

$$
\frac{\partial out_{h1}}{\partial w_1} = out_{h1}(1 - out_{h1}) i_1
$$
"""


def test_a_label_swapped_for_a_defined_one_is_never_proved():
    read_well(TWO)
    # out_{h1} is no function of net_{h2}: unchecked, the reason naming the two
    assert slipped(TWO, r"\partial net_{h1}} = out", r"\partial net_{h2}} = out") == ["unchecked"]
    slip = TWO.replace(r"\partial net_{h1}} = out", r"\partial net_{h2}} = out")
    assert "does not use net_h2" in str(check(slip, "doc.md").findings)
    assert slipped(TWO, r"(1 - out_{h1}) i_1", r"(1 - out_{h1}) i_2") != ["proved"]


#: Losses labelled with capitals and with words joined by hyphens, and letters labelled
#: with a letter and a number, in a document with no words.
LOSSES = r"""
$$
L_{CE} = -\log q - \log r
$$

$$
\frac{\partial L_{CE}}{\partial q} = -\frac{1}{q}
$$

$$
J_{skip-gram} = -\log q + r^2
$$

$$
\frac{\partial J_{skip-gram}}{\partial r} = 2r
$$

$$
z_{o2} = v_1 a_{h1} + c_2
$$

$$
\frac{\partial z_{o2}}{\partial v_1} = a_{h1}
$$
"""


def test_capital_hyphened_and_numbered_labels_are_names():
    context = read_well(LOSSES)
    for name in ("L_CE", "J_skip_gram", "a_h1", "z_o2"):
        assert f"\n{name} = {{ shape = [], " in context, name
    assert slipped(LOSSES, "= 2r", "= r") == ["refuted"]
    assert slipped(LOSSES, "v_1} = a_{h1}", "v_1} = v_1") == ["refuted"]


@pytest.mark.parametrize(
    ("rows", "labels"),
    [
        (["D_{KL} = x"], {"_KL"}),
        (["a_{h1} + a_{h2}"], {"_h1", "_h2"}),
        (["w_{CD} + w_{C1}"], set()),  # C is a position of w
        (["a_{LC} = \\sum_{c=1}^{C} a_{Lc}"], set()),  # L and C are positions too
        (["x_{i1} + x_i"], set()),  # x_i: i is an index letter
        (["\\sum_{IJ} x"], set()),  # a sum's letters
    ],
)
def test_labels_are_subscripts_no_line_uses_as_positions(rows, labels):
    assert script_labels([tokenize(r) for r in rows], set()) == labels


def test_a_letter_taken_as_an_index_is_no_label():
    assert script_labels([tokenize("a_{h1}")], {"h"}) == set()
    assert script_labels([tokenize("D_{KL}")], {"K"}) == set()


@pytest.mark.parametrize(
    ("sub", "label"),
    [
        ("naive-softmax", "naive-softmax"),
        ("skip-gram", "skip-gram"),
        ("i-1", None),  # a moved position
        ("t-1", None),
        ("ab-cd", None),  # words of two letters: positions, not words
    ],
)
def test_words_joined_by_hyphens_are_a_label(sub, label):
    parts = list(tokenize(f"x_{{{sub}}}"))[3:-1]
    assert label_under(parts, frozenset(), frozenset()) == label


#: Two declared scalars written side by side: their product, whatever words the document has.
PRODUCT = r"""
$$
net_{h1} = xy + x
$$

$$
\frac{\partial net_{h1}}{\partial x} = y + 1
$$
"""


def test_two_letters_side_by_side_are_still_a_product():
    read_well(PRODUCT)
    assert slipped(PRODUCT, "= y + 1", "= y") == ["refuted"]


#: Words in italics as names, as a worked example writes its target and output unlabelled.
WORDS = r"""
$$
E = \frac{1}{2}(target - output)^2
$$

$$
\frac{\partial E}{\partial output} = -(target - output)
$$

$$
output = \frac{1}{1 + e^{-net}}
$$

$$
\frac{\partial output}{\partial net} = output(1 - output)
$$
"""


def test_words_in_italics_are_names_throughout():
    context = read_well(WORDS)
    assert 'target = { shape = [], latex = "target" }' in context
    found = statuses(WORDS)
    assert found[7] == ["proved"]
    assert found[15] == ["proved"]
    assert slipped(WORDS, "= output(1 - output)", "= output(1 + output)") == ["refuted"]
    assert slipped(WORDS, "= -(target - output)", "= (target - output)") == ["refuted"]


@pytest.mark.parametrize(
    ("rows", "found"),
    [
        (["E = (target - output)^2"], {"target", "output"}),
        (["E = (target - output)^2", "t_1 = 2"], set()),  # t is a name of its own
        (["f = xyz + zyx"], set()),  # one product written in two orders
        (["f = xy + x"], set()),  # two letters: a product
        (["y = \\mathrm{net} + exp"], set()),  # upright, and a function's name
        (["y = swish(x)"], set()),  # maybe a function at its argument
        (["o = out_{h1} + e^{-z} net"], {"net"}),  # Euler's e is no letter in use
    ],
)
def test_a_word_is_a_name_where_no_letter_of_it_stands_alone(rows, found):
    assert italicwords.words([tokenize(r) for r in rows]) == found


#: A word beside names of its letters: the product of those names, never one name.
LETTERS = r"""
$$
f = ab + c
$$

$$
g = abc
$$

$$
\frac{\partial g}{\partial a} = bc
$$
"""


def test_a_run_of_letters_in_use_stays_their_product():
    read_well(LETTERS)
    assert "abc" not in read_well(LETTERS)
    assert slipped(LETTERS, "= bc", "= 2bc") == ["refuted"]


def test_a_word_in_a_script_is_a_label_not_a_name():
    rows = [tokenize(r"\mathcal{L} = \mathcal{L}_{rec} + \mathcal{L}_{reg} + rec")]
    assert italicwords.words(rows) == {"rec"}
    merged = italicwords.merged(rows, frozenset({"rec"}))[0]
    assert [t.text for t in merged].count("rec") == 1  # the label keeps its letters
    assert italicwords.words([tokenize(r"y = out + x_{ou}")]) == set()  # o, u: indices


def test_a_word_at_its_arguments_may_be_a_function_and_is_no_name():
    rows = [tokenize("y = loss + 1"), tokenize("loss(z) = z^2")]
    assert italicwords.words(rows) == set()
    rows = [tokenize("y = output(1 - output) + 1")]
    assert italicwords.words(rows) == {"output"}  # a product: the bracket holds the word


#: The same chain in another style: definitions inline in prose, the chain in one align.
INLINE = r"""The output unit is $net_{o1} = w_5 out_{h1} + b_2$ and $out_{o1} = \sigma(net_{o1})$,
where $\sigma(x) = \frac{1}{1+e^{-x}}$.

\begin{align}
E_{o1} &= \frac{1}{2}(target_{o1} - out_{o1})^2 \\
\frac{\partial E_{o1}}{\partial w_5} &= \frac{\partial E_{o1}}{\partial out_{o1}} \cdot
\frac{\partial out_{o1}}{\partial net_{o1}} \cdot \frac{\partial net_{o1}}{\partial w_5} \\
&= -(target_{o1} - out_{o1}) \cdot out_{o1}(1 - out_{o1}) \cdot out_{h1}
\end{align}
"""


def test_a_chain_in_an_align_with_inline_definitions_is_proved_step_by_step():
    read_well(INLINE)
    assert statuses(INLINE)[8] == ["proved"]
    assert slipped(INLINE, r"\cdot out_{h1}", r"\cdot w_5") == ["refuted"]
    assert slipped(INLINE, r"\cdot out_{h1}", r"\cdot out_{h2}") != ["proved"]
