"""Shapes and ranges a document declares with `\\in` (`symbn.language.latex.spaces`): real,
natural and integer arrays, arrays of signs or labels (`\\{-1, +1\\}^{N \\times K}`), and an
index letter's range written out (`i \\in \\{1, \\ldots, N\\}`), which the inference takes
before any sum's bound and before a name's use with fewer indices."""

from __future__ import annotations

from symbn.language.latex.infer import Guess, infer
from symbn.language.latex.spaces import index_range, membership
from symbn.language.latex.texlex import tokenize
from symbn.source.document.markdown import read_markdown


def at_in(tex: str):
    toks = tokenize(tex)
    (n,) = [k for k, t in enumerate(toks) if t.text == "\\in"]
    return toks, n


def shape_of(tex: str):
    found = membership(*at_in(tex))
    return None if found is None else found[1]


def test_signs_labels_and_counts_give_a_shape_as_the_reals_do():
    assert shape_of(r"Y \in \{-1,+1\}^{n\times m}") == ("n", "m")
    assert shape_of(r"t \in \{0, 1\}^{K}") == ("K",)
    assert shape_of(r"y \in \mathbb{N}^{n}") == ("n",)
    assert shape_of(r"z \in \mathbb{Z}^{a \times b}") == ("a", "b")
    assert shape_of(r"x \in \mathbb{R}^{d}") == ("d",)


def test_other_sets_give_no_shape():
    assert shape_of(r"Y \in \{a, b\}^{n}") is None  # letters: not a set of numbers
    assert shape_of(r"x \in \mathbb{C}^{n}") is None
    assert shape_of(r"i \in \mathcal{I}") is None
    assert shape_of(r"Y \in \{\}^{n}") is None


def test_an_index_range_written_out():
    assert index_range(*at_in(r"i\in\{1,...,n\}")) == ("i", "n")
    assert index_range(*at_in(r"k \in \{1, \ldots, d\}")) == ("k", "d")
    assert index_range(*at_in(r"j \in \{1, \dots, M\}")) == ("j", "M")


def test_other_sets_are_no_index_range():
    assert index_range(*at_in(r"i \in \{0, \ldots, n\}")) is None  # not from 1
    assert index_range(*at_in(r"i \in \{1, n\}")) is None  # no ellipsis: two values
    assert index_range(*at_in(r"y \in \{-1, 1\}")) is None
    assert index_range(*at_in(r"i \in \mathcal{I}")) is None


def test_a_scripted_name_in_a_range_takes_its_values_and_ranges_no_index():
    assert index_range(*at_in(r"Z_i \in \{1, \ldots, K\}")) is None  # Z_i: a label in 1..K
    assert index_range(*at_in(r"y_n \in \{1, \dots, C\}")) is None


def test_a_label_s_values_leave_its_index_to_the_sum_that_bounds_it():
    g = guess(
        "Each $x_i$ has a component $Z_i \\in \\{1,\\ldots,K\\}$.\n\n"
        "$$\nQ = \\sum_{i=1}^n \\sum_{k=1}^K g_{ik} w_k\n$$\n"
    )
    assert (g.ranges["i"], g.ranges["k"]) == ("n", "K")
    assert "n" in g.sizes


def guess(text: str) -> Guess:
    return infer(read_markdown(text, "doc.md"))


def test_a_declared_range_beats_a_sum_s_bound_and_a_declared_shape_a_row_s_use():
    g = guess(
        "Features $k\\in\\{1,...,d\\}$; $X\\in\\mathbb{R}^{n\\times d}$, its row $X_i$.\n\n"
        "$$\nR = \\sum_{k=1}^{p} w_k^2\n$$\n\n"
        "$$\ns_i = \\sum_{k=1}^{d} X_{i,k} w_k\n$$\n"
    )
    assert g.ranges["k"] == "d"
    assert g.shapes["X"] == ("n", "d")
    assert g.tensors["X"].axes[0] == {"i"}  # first written X_i: a row of the declared X
