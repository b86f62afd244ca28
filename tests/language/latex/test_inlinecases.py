"""Inline equations read with the assumptions of their sentence: an index relation the
sentence ties to a result restricts it (proved in its case, refuted out of it), a
condition symbn does not read or an estimate leaves it unchecked, a setting is never a
claim."""

from __future__ import annotations

import pytest

from symbn.language.latex.inlinecases import ANTECEDENT, CONDITION, ESTIMATE, UNREAD, relation
from symbn.language.latex.symbols import Symbols
from symbn.verify.document import check

SOFTMAX = (
    '+++\n[sizes]\nC = "c"\n[indices]\ni = "C"\nj = "C"\nk = "C"\n'
    '[inputs]\nx = { shape = ["C"] }\n[defines]\ny = { shape = ["C"] }\n+++\n'
    "The softmax is\n\n$$ y_i = \\frac{e^{x_i}}{\\sum_j e^{x_j}} $$\n\n"
)
DY = "\\frac{\\partial y_i}{\\partial x_k}"


def statuses(text: str, head: str = SOFTMAX) -> list[tuple[str, str]]:
    """(status, message) of each finding of the document head + text below the head."""
    found = check(head + text, "note.md").findings
    below = head.count("\n")
    return [(f.status, f.message) for f in found if f.kind != "lint" and f.where.line > below]


def claimed(text: str) -> list[str]:
    return [s for s, m in statuses(text) if m != CONDITION]


@pytest.mark.parametrize(
    "prose",
    [
        f"When $i = k$, we have ${DY} = y_i (1 - y_i)$.\n",
        f"So ${DY} = y_i (1 - y_k)$ when $i = k$.\n",
        f"When $i \\neq k$, the derivative is ${DY} = - y_i y_k$.\n",
        f"and ${DY} = -y_i y_k$ for $i \\not= k$.\n",
        f"When $i = k$, ${DY} = y_i(1 - y_i)$, and when $i \\neq k$, ${DY} = -y_i y_k$.\n",
        f"We get ${DY} = y_i(1 - y_i)$ if $i = k$, and ${DY} = -y_i y_k$ if $i \\neq k$.\n",
        f"When $i = k$ and $j \\neq k$, ${DY} = y_i(1 - y_i)$.\n",
        f"Then ${DY} = -y_i y_k$ for $i \\neq k$, $j = k$.\n",
    ],
)
def test_a_result_in_the_case_its_sentence_names_is_proved(prose):
    assert set(claimed(prose)) == {"proved"}


@pytest.mark.parametrize(
    "prose",
    [
        f"When $i = k$, we have ${DY} = - y_i (1 - y_i)$.\n",  # a sign
        f"When $i \\neq k$, the derivative is ${DY} = y_i y_k$.\n",  # a sign
        f"When $i = k$, we have ${DY} = - y_i y_k$.\n",  # the cases swapped
        f"When $i \\neq k$, we have ${DY} = y_i (1 - y_i)$.\n",
        f"We get ${DY} = -y_i y_k$ if $i = k$, and ${DY} = y_i(1 - y_i)$ if $i \\neq k$.\n",
        f"When $j = k$ and $i \\neq j$, ${DY} = y_i(1 - y_i)$.\n",  # i = k not said
        f"In all cases ${DY} = -y_i y_k$.\n",  # the condition dropped
    ],
)
def test_a_wrong_result_or_a_dropped_case_is_never_proved(prose):
    found = claimed(prose)
    assert found
    assert "proved" not in found
    if "all cases" not in prose:
        assert "refuted" in found


def test_an_index_relation_in_prose_is_a_condition_not_a_claim():
    found = statuses(f"When $i \\neq k$, we have ${DY} = - y_i y_k$.\n")
    assert found[0] == ("unchecked", CONDITION)


def test_a_relation_on_letters_the_result_does_not_write_is_no_condition_of_it():
    found = check(SOFTMAX + "When $i = j$, using $y_k = y_k$, we get it.\n", "n.md").findings
    assert [f.message for f in found if f.status == "proved"] == ["y[k] = y[k]"]


def test_a_step_the_sentence_uses_is_no_condition():
    prose = f"Since $y_k = y_k$, with ${DY} = y_i (\\delta_{{ik}} - y_k)$ we get the rest.\n"
    assert [s for s, _ in statuses(prose)] == ["proved", "proved"]


@pytest.mark.parametrize("condition", ["x_k = 0", "y_k = 1", "x_k > 0"])
def test_a_condition_on_values_leaves_the_result_unchecked(condition):
    found = statuses(f"If ${condition}$, then ${DY} = - y_i y_k$.\n")
    assert "refuted" not in [s for s, _ in found]
    assert found[-1] == ("unchecked", UNREAD.format(what=f"${condition}$"))


@pytest.mark.parametrize(
    ("prose", "what"),
    [
        (f"Assuming the inputs are small, ${DY} = - y_i y_k$.\n", "'assuming'"),
        (f"For example, ${DY} = y_i$.\n", "'for example'"),
        (f"If $i = k$, take the diagonal, otherwise ${DY} = -y_i y_k$.\n", "'otherwise'"),
    ],
)
def test_an_assumption_in_words_leaves_the_result_unchecked(prose, what):
    assert statuses(prose)[-1:] == [("unchecked", UNREAD.format(what=what))]
    assert "refuted" not in [s for s, _ in statuses(prose)]


MLE = (
    '+++\n[sizes]\nn = "n"\n[indices]\ni = "n"\n'
    '[inputs]\nx = { shape = ["n"] }\nmu = { shape = [] }\nsigma = { shape = [] }\n'
    "xbar = { shape = [] }\n[defines]\nell = { shape = [] }\nmuhat = { shape = [] }\n"
    '[spellings]\nell = ["\\\\ell"]\nmuhat = ["\\\\hat{\\\\mu}"]\nxbar = ["\\\\bar{x}"]\n+++\n'
    "The log-likelihood is\n\n"
    "$$ \\ell = - n \\log \\sigma - \\sum_{i=1}^{n} \\frac{(x_i - \\mu)^2}{2 \\sigma^2} $$\n\n"
)
DMU = "\\frac{\\partial \\ell}{\\partial \\mu}"


def test_an_estimate_or_a_derivative_set_to_zero_is_not_an_identity():
    prose = (
        f"Its derivative is ${DMU} = \\frac{{1}}{{\\sigma^2}} \\sum_{{i=1}}^{{n}} (x_i - \\mu)$.\n"
        f"Setting it to zero gives ${DMU} = 0$, so the estimate is $\\hat{{\\mu}} = \\bar{{x}}$.\n"
    )
    inline = statuses(prose, MLE)
    assert inline[0][0] == "proved"
    assert inline[1] == ("unchecked", ESTIMATE.format(what="'estimate'"))
    assert inline[2] == ("defined", "definition muhat = xbar")  # its definition, no claim


def test_a_slip_in_an_inline_derivative_is_refuted():
    prose = (
        f"Its derivative is ${DMU} = \\frac{{1}}{{\\sigma}} \\sum_{{i=1}}^{{n}} (x_i - \\mu)$.\n"
    )
    assert statuses(prose, MLE) == [("refuted", statuses(prose, MLE)[0][1])]


SETTING = (
    '+++\n[sizes]\nN = "n"\nH = "h"\nW = "w"\n[indices]\nn = "N"\n'
    '[inputs]\nx = { shape = ["N"] }\n[defines]\ny = { shape = ["N"] }\n+++\n'
    "Take an image of $H \\times W$ pixels, $H = W = 5$, and a batch with $N = 3$.\n\n"
    "$$ y_n = 2 x_n $$\n\n"
    "For example, with $N = 3$ we get $y_1 = 2 x_1$. Then $y_n = 3 x_n$ when $N = 3$.\n"
)


def test_a_setting_is_never_refuted_nor_what_its_sentence_states():
    found = check(SETTING, "setting.md").findings
    assert "refuted" not in [f.status for f in found]
    assert [f.status for f in found if f.where.line == 17] == ["unchecked"] * 4


def test_relation_reads_index_relations_only():
    s = Symbols(sizes=("C",), indices={"i": "C", "k": "C"}, tensors={"y": ("C",)})
    assert relation("i = k", s) is not None
    assert relation("i \\not= k", s)[0].op == "!="
    assert relation("y_i = 1", s) is None
    assert relation("C = 3", s) is None
    assert relation("i = 20", s) is None
    assert (
        relation("i = \\", s) is None
    )  # maths that does not read  # past the largest concrete index: not a condition


def test_a_latex_source_s_sentences_are_read_the_same_way():
    tex = (
        "\\documentclass{article}\n\\begin{document}\nThe softmax is\n"
        "\\begin{equation}\ny_i = \\frac{e^{x_i}}{\\sum_j e^{x_j}}\n\\end{equation}\n"
        f"When $i = k$, we have ${DY} = y_i (1 - y_i)$, and\n"
        f"for $i \\neq k$, \\( {DY} = y_i y_k \\).\n\\end{{document}}\n"
    )
    found = [(f.where.line, f.status) for f in check(tex, "n.tex").findings]
    assert (7, "proved") in found
    assert (8, "refuted") in found  # the sign of the i ≠ k case dropped


BATCH = (
    "$$ \\mu = \\frac{1}{N} \\sum_{i=1}^{N} x_i $$\n\n"
    "$$ v = \\frac{1}{N} \\sum_{i=1}^{N} (x_i - \\mu)^2 $$\n\n"
    "$$ y_i = \\gamma \\frac{x_i - \\mu}{\\sqrt{v + \\epsilon}} + \\beta $$\n\n"
)


@pytest.mark.parametrize("cue", ["when", "if", "whenever", "provided"])
def test_an_equation_a_condition_word_introduces_is_no_claim(cue):
    """`it starts at $$\\gamma = 1$$, but when $$\\gamma = \\sqrt{v + \\epsilon}$$ the
    output is its input`: the second is the sentence's condition, never refuted against the
    first."""
    text = (
        "The layer starts with $$\\gamma = 1$$ and $$\\beta = 0$$. But, "
        f"{cue}\n$$\\gamma = \\sqrt{{v + \\epsilon}}$$ and $$\\beta = \\mu$$, the output is x.\n"
    )
    got = statuses(text, BATCH)
    assert ("unchecked", ANTECEDENT.format(what=cue)) in got
    assert all(s != "refuted" for s, _ in got)
