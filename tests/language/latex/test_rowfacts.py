"""Subscripts spelled with the document's own names (`W_{xz}`, `b_z` beside `x_t`, `z_t`)
are labels, each naming one tensor (`symbn.language.latex.rowfacts.name_labels`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from mutated import mutant_verdicts

from symbn.language.latex.guessed import toml_of
from symbn.language.latex.rowfacts import name_labels
from symbn.language.latex.texlex import tokenize
from symbn.verify.document import check

DOC = (Path(__file__).parents[2] / "markdown" / "labelled_maps.md").read_text(encoding="utf-8")


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
    statuses = [f.status for f in check(DOC, "doc.md").findings]
    assert statuses.count("defined") == 2
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
