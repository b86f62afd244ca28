"""Layers written as steps up, read with no context: `w^l_{jk}`, `a^{l-1}_k`, `\\delta^{l+1}`
and `a^L_j` put a name's layer on its leading axis (l running over L, L the last layer), so
the gradients of a layer's biases and weights, and the error's recursion for the layers before
the last, are proved through the layers after it."""

from __future__ import annotations

from pathlib import Path

import pytest

from symbn.language.latex.guessed import toml_of
from symbn.language.latex.texlex import tokenize
from symbn.language.latex.upper import step_letters
from symbn.verify.document import check

DOC = (Path(__file__).parents[2] / "markdown" / "layer_steps.md").read_text(encoding="utf-8")


def test_the_layers_are_a_leading_axis_of_the_inferred_context():
    lines = set(toml_of(DOC, "doc.md").splitlines())
    layered = {'l = "L"', 'w = { shape = ["L", "n_j", "n_j"] }', 'delta = { shape = ["L", "n_j"] }'}
    assert layered <= lines  # the slips of these lines: test_document_mutation's "layers"


def test_the_gradients_of_a_layer_are_proved_with_no_context():
    found = {f.where.line: f for f in check(DOC, "doc.md").findings if f.kind == "claim"}
    statuses = [f.status for f in found.values()]
    assert statuses.count("proved") == 3
    # the error's recursion writes layer l + 1: it is read for the hidden layers, l <= L - 1
    last = found[max(found)]
    assert last.status == "proved"
    assert "when l <= L - 1" in last.message


def test_the_error_recursion_written_wrong_is_not_proved():
    for wrong in (r"w^{l+1}_{jk} \delta^{l+1}_k", r"w^{l}_{kj} \delta^{l+1}_k"):
        text = DOC.replace(r"w^{l+1}_{kj} \delta^{l+1}_k", wrong)
        last = max(f.where.line for f in check(text, "doc.md").findings)
        got = [f.status for f in check(text, "doc.md").findings if f.where.line == last]
        assert got
        assert "proved" not in got


@pytest.mark.parametrize(
    ("rows", "steps"),
    [
        ([r"z^l_j = w^l_{jk} a^{l-1}_k"], ["l"]),
        ([r"h^t = W h^{t-1}"], ["t"]),
        ([r"x^2 = e^{z-1}"], []),  # a power, and e's exponent
        # z_i beside z^l_j: the document means another z there, and no layer is sure
        ([r"z^l_j = w^l_{jk} a^{l-1}_k", r"p_i = z_i"], []),
    ],
)
def test_a_letter_moved_up_is_a_step(rows, steps):
    assert step_letters([tuple(tokenize(r)) for r in rows]) == steps
