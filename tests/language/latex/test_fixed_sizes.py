"""Sizes a document writes as numbers (`W \\in \\mathbb{R}^{4 \\times 2}`), read with no
context: each number is a size of its own, spelled as the number; claims are proved for
every value of it, and a refutation, found at other values, is held back."""

from __future__ import annotations

from pathlib import Path

import pytest
from documents import slipped

from symbn.language.latex.guessed import toml_of
from symbn.language.latex.namesat import listed_before
from symbn.language.latex.spaces import membership, number_of
from symbn.language.latex.texlex import tokenize
from symbn.verify.document import check

DOC = (Path(__file__).parents[2] / "markdown" / "fixed_sizes.md").read_text(encoding="utf-8")


def test_a_layer_of_fixed_sizes_is_checked_with_no_context():
    statuses = [f.status for f in check(DOC, "doc.md").findings]
    # two definitions, and three memberships the inferred context takes its shapes from
    assert statuses.count("defined") == 5
    assert statuses.count("proved") == 2  # two derivatives
    assert "refuted" not in statuses


def test_the_inferred_context_spells_each_number_as_its_size():
    toml = toml_of(DOC, "doc.md")
    assert 'W = { shape = ["n4", "n2"] }' in toml
    assert 'n4 = ["4"]' in toml
    assert 'n2 = ["2"]' in toml


@pytest.mark.parametrize(
    ("old", "new"),
    [(r"= x_k", r"= 2 x_k"), (r"{\partial b_j} = 1", r"{\partial b_j} = 0")],
)
def test_a_slip_at_fixed_sizes_is_held_back_not_proved(old, new):
    got = slipped(DOC, old, new)
    assert got == ["unchecked"]
    text = DOC.replace(old, new)
    lines = text.split("\n")
    (finding,) = [f for f in check(text, "doc.md").findings if new in lines[f.where.line - 1]]
    assert "numbers the document gives them (n2 = 2, n4 = 4)" in finding.message


def test_the_same_slip_at_sizes_of_letters_is_refuted():
    text = DOC.replace(r"{4 \times 2}", r"{N \times D}").replace(r"^{4}", r"^{N}")
    assert slipped(text, r"= x_k", r"= 2 x_k") == ["refuted"]


@pytest.mark.parametrize(
    ("tex", "read"),
    [
        (r"W \in \mathbb{R}^{16 \times 2}", (["W"], ("n16", "n2"))),
        (r"x \in \mathbb{R}^{m \times 1}", (["x"], ("m",))),
        (r"x \in \mathbb{R}^{2.5}", None),
        (r"x^T \in \mathbb{R}^{2}", None),
    ],
)
def test_a_membership_names_the_sizes_of_its_shape(tex, read):
    toks = tuple(tokenize(tex))
    got = membership(toks, next(n for n, t in enumerate(toks) if t.text == "\\in"))
    assert (got and ([name.base for name in got[0]], got[1])) == read


def test_a_size_named_after_a_number_stands_for_it():
    assert [number_of(s) for s in ("n16", "n_1", "N", "n")] == ["16", None, None, None]


def test_a_name_after_an_operator_ends_a_term_not_a_list():
    toks = tuple(tokenize(r"a = W x + b, W \in"))
    assert [n.base for n in listed_before(toks, len(toks) - 1)] == ["W"]
    toks = tuple(tokenize(r"W_Q, W_K \in"))
    assert [n.base for n in listed_before(toks, len(toks) - 1)] == ["W_Q", "W_K"][::-1]


FRONT = r"""+++
[sizes]
H = "hidden units"
D = "inputs"
[indices]
j = "H"
k = "D"
[inputs]
W = { shape = ["H", "D"] }
x = { shape = ["D"] }
b = { shape = ["H"] }
[defines]
a = { shape = ["H"] }
h = { shape = ["H"] }
SPELLED
+++
"""


def test_a_context_spells_a_number_as_its_size():
    bare = check(FRONT.replace("SPELLED", "") + DOC, "doc.md").findings
    unread = [f for f in bare if "is not a size" in f.message and "'4'" in f.message]
    assert unread
    assert all('spells it as a size N with [spellings] N = ["4"]' in f.message for f in unread)
    spelled = FRONT.replace("SPELLED", '[spellings]\nH = ["4"]\nD = ["2"]')
    statuses = [f.status for f in check(spelled + DOC, "doc.md").findings]
    assert statuses.count("proved") == 5
    assert "unchecked" not in statuses
