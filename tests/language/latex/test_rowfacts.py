"""Subscripts spelled with the document's own names (`W_{xz}`, `b_z` beside `x_t`, `z_t`)
are labels, each naming one tensor (`symbn.language.latex.rowfacts.name_labels`); `d_X`
before a function is the differential by X, an operator (`operator_at`,
`tests/markdown/directional_chain.md`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from documents import defined
from mutated import mutant_verdicts

from symbn.language.latex.guessed import toml_of
from symbn.language.latex.rowfacts import name_labels, operator_at
from symbn.language.latex.texlex import tokenize
from symbn.verify.document import check

DOC = (Path(__file__).parents[2] / "markdown" / "labelled_maps.md").read_text(encoding="utf-8")
CHAIN = (Path(__file__).parents[2] / "markdown" / "directional_chain.md").read_text(
    encoding="utf-8"
)


@pytest.mark.parametrize(
    ("rows", "want"),
    [
        ([r"a_t = W_{xh} x_t + W_{hh} h_{t-1} + b_h"], {"W_xh", "W_hh", "b_h"}),
        ([r"\delta_h^t = \delta_h^{t+1} + h_t"], {"delta_h"}),  # a Greek name's label
        ([r"y_i = \sum_k t_k z_{ik}", r"1\{k = i\}"], set()),  # i, k: index letters
        ([r"h_t = W_{T} x_t"], set()),  # T: a size
    ],
)
def test_a_subscript_of_names_with_indices_of_their_own_is_a_label(rows, want):
    toks = [tuple(tokenize(r)) for r in rows]
    assert name_labels(toks, {"t", "k", "T"}) == want


def test_labelled_maps_of_a_sequence_are_checked_with_no_context():
    text = toml_of(DOC, "doc.md")
    assert 'W_xz = { shape = ["H", "D"], latex = "W_{xz}" }' in text
    assert 'b_z = { shape = ["H"], latex = "b_{z}" }' in text
    findings = check(DOC, "doc.md").findings
    statuses = [f.status for f in findings]
    assert defined(findings) == (2, 5)  # and the five shapes the prose states, read
    assert statuses.count("proved") == 3
    assert "refuted" not in statuses


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (r"= W_{zy}^\top \frac", r"= W_{zy} \frac"),
        (r"\sum_{t=1}^{T} \frac{\partial L}{\partial y_t}", r"\frac{\partial L}{\partial y_t}"),
        (r"\sum_{t=1}^{T} W_{zy}^\top", r"\sum_{t=1}^{T} W_{xz}^\top"),
    ],
)
def test_a_slip_with_a_labelled_map_is_not_proved(old, new):
    got = mutant_verdicts(DOC, old, old, new)
    assert got
    assert "proved" not in got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (r"d_Q \mathrm{Att}(\theta)", True),
        (r"d_V \mathscr{L}(\theta)", True),
        (r"d_W f(W)", True),
        (r"d_W + b", False),  # a name d_W
        (r"x_W \mathrm{F}(W)", False),  # not a d
    ],
)
def test_d_before_a_function_is_an_operator(text, expected):
    toks = tokenize(text)
    assert operator_at(toks, 0, 3) is expected


def test_the_inferred_context_makes_no_name_of_the_operator():
    assert "d_X" not in toml_of(CHAIN, "doc.md")


def test_the_steps_after_the_operator_are_checked():
    statuses = [f.status for f in check(CHAIN, "doc.md").findings]
    assert statuses.count("proved") == 3  # the first row read from its right side on
    assert "refuted" not in statuses


def test_prose_that_equates_index_letters_names_nothing():
    text = (
        "$$\n\\frac{\\partial u_k}{\\partial w_{ji}} = \\delta_{kj} x_i\n$$\n\n"
        "Only the terms with $k = j, i = i'$ stay.\n"
    )
    toml = toml_of(text, "doc.md")
    assert "\nk = { shape" not in toml
    assert "\nj = { shape" not in toml
    assert 'k = "' in toml  # an index letter
