"""A layer fixed by a superscript and then dropped (`m^k`, `u_q^k`, then m and u_i): the
letter is a label, not a power, and the names without it are the same names
(`symbn.language.latex.upper.fixed_labels`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from documents import slipped

from symbn.language.latex.guessed import toml_of
from symbn.language.latex.texlex import tokenize
from symbn.language.latex.upper import fixed_labels, unlabelled
from symbn.verify.document import check

DOC = (Path(__file__).parents[2] / "markdown" / "fixed_layer.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("rows", "want"),
    [
        ([r"m^k = \sum_q (u_q^k)^2", r"s^{k} = \sqrt{m^k}"], {"k": {"m", "u", "s"}}),
        ([r"\mu^l = \frac{1}{n}\sum_{r} x_{r}^l"], {"l": {"\\mu", "x"}}),
        ([r"y = a^k + b"], {}),  # one name: a power, maybe
        ([r"m^k = u^k + u_k"], {}),  # k also an index
        ([r"a^l = W^l a^{l-1}"], {}),  # a layer that moves: steps, not a label
        ([r"y = e^x + e^x z^x"], {}),  # e^x: a power
        ([r"x \in \mathbb{R}^n", r"\sum^n_r x_r"], {}),  # neither a name's superscript
    ],
)
def test_a_letter_only_ever_up_on_several_names_is_a_fixed_label(rows, want):
    assert fixed_labels([tuple(tokenize(r)) for r in rows]) == want


def test_the_label_is_dropped_from_a_row():
    toks = tuple(tokenize(r"s^{k} = \sqrt{m^k + \eta} (u_q^k)^2"))
    kept = unlabelled(toks, {"k": {"s", "m", "u"}})
    assert " ".join(t.text for t in kept) == r"s = \sqrt { m + \eta } ( u _ q ) ^ 2"


def test_the_inferred_context_spells_each_name_with_its_label():
    lines = set(toml_of(DOC, "doc.md").splitlines())
    assert {'m = ["m^k"]', 'u = ["u^k"]', 'v = ["v^k"]', 'u = { shape = ["D"] }'} <= lines


def test_the_layer_written_up_then_dropped_is_checked_with_no_context():
    statuses = [f.status for f in check(DOC, "doc.md").findings if f.kind in ("claim", "step")]
    assert statuses == ["proved"] * 6


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (r"&= \frac{2 u_i}{D}", r"&= \frac{u_i}{D}"),
        (r"= \frac{u_i}{D s}", r"= \frac{u_i}{2 D s}"),
        (r"- \frac{u_i u_j}{D s^3}", r"- \frac{u_i u_j}{D s^2}"),
        (r"- \frac{u_i u_j}{D s^3}", r"+ \frac{u_i u_j}{D s^3}"),
    ],
)
def test_a_slip_after_the_label_is_dropped_is_refuted(old, new):
    got = slipped(DOC, old, new)
    assert "refuted" in got
    assert "proved" not in got or new.startswith("= ")  # the chain's other equation holds
