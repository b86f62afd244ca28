"""Words in plain letters used as one name (`symbn.language.latex.plainwords`): the left
side of a row's `=` or what `\\partial` takes, when it looks like a word; other runs of
letters stay letters."""

from __future__ import annotations

import pytest
from documents import read_well, slipped

from symbn.language.latex.texlex import tokenize
from symbn.verify.document import check


@pytest.mark.parametrize(
    ("tex", "first"),
    [
        (r"MSE = \frac{1}{n}", ("text", "MSE")),
        (r"Loss &= 1", ("text", "Loss")),
        (r"crossentropy = 1", ("text", "crossentropy")),
        (r"a \\ Cost = 1", ("letter", "a")),
        (r"wx = 1", ("letter", "w")),  # a product of two letters
        (r"dout = 1", ("letter", "d")),  # d may mark the gradient of out
        (r"Wxb = 1", ("letter", "W")),  # too short for a word
        (r"softmax = 1", ("letter", "s")),  # a function's name
        (r"RMS(x) = 1", ("letter", "R")),  # a call, read elsewhere
        (r"a = Cost", ("letter", "a")),
        (r"y = MSE = 1", ("letter", "y")),
    ],
)
def test_a_word_on_the_left_is_one_token(tex, first):
    t = tokenize(tex)[0]
    assert (t.kind, t.arg or t.text) == first


def test_a_word_after_partial_is_one_token_but_not_before_a_script():
    toks = tokenize(r"\partial Loss + \partial loss_i + \partial MSE(w)")
    assert [t.arg for t in toks if t.kind == "text"] == ["Loss"]
    assert tokenize(r"a \\ Cost = 1")[2].arg == "Cost"


#: A cost written as a plain word, defined by one row and differentiated by the next.
COST = r"""Let $w \in \mathbb{R}^n$ and $x \in \mathbb{R}^n$.

$$
Cost = \frac{1}{2}\left(\sum_i w_i x_i\right)^2
$$

$$
\frac{\partial Cost}{\partial w_j} = \left(\sum_i w_i x_i\right) x_j
$$
"""


def test_a_word_defined_by_a_row_reads_and_a_slip_is_refused():
    assert "Cost" in read_well(COST)
    assert slipped(COST, r"\right) x_j", r"\right) x_j^2") == ["refuted"]


def test_a_context_that_spells_the_word_in_letters_reads_it_too():
    front = "\n".join(
        [
            "+++",
            '[sizes]\nn = "n"',
            '[indices]\ni = "n"\nj = "n"',
            '[inputs]\nw = { shape = ["n"] }\nx = { shape = ["n"] }',
            '[defines]\nCost = { shape = [], latex = "Cost" }',
            "+++",
        ]
    )
    doc = front + COST.split("\n", 1)[1]
    statuses = [f.status for f in check(doc, "doc.md").findings]
    assert "proved" in statuses
    assert "refuted" not in statuses


def test_a_word_at_the_start_of_an_environment_is_one_token():
    toks = tokenize(r"\begin{aligned} Cost &= 1 \end{aligned}")
    assert (toks[1].kind, toks[1].arg) == ("text", "Cost")
