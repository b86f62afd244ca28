"""symbn.language.latex.nablas: `\\nabla_a C`, a naming nothing, is the gradient of C by the
one layer of a that C is defined from (`tests/markdown/nabla_layer.md`)."""

from __future__ import annotations

from pathlib import Path

from documents import slipped

from symbn.language.latex.guessed import toml_of
from symbn.verify.document import check

DOC = (Path(__file__).parents[2] / "markdown" / "nabla_layer.md").read_text(encoding="utf-8")


def test_the_gradient_by_a_bare_letter_is_by_the_layer_the_cost_is_of():
    assert 'aL = ["a"]' in toml_of(DOC, "doc.md")
    statuses = [f.status for f in check(DOC, "doc.md").findings]
    assert statuses.count("proved") == 2
    assert "refuted" not in statuses


def test_a_slip_in_the_gradient_by_the_bare_letter_is_not_proved():
    got = slipped(DOC, r"\nabla_a C = a^L - y", r"\nabla_a C = y - a^L")
    assert got
    assert "proved" not in got


def test_a_bare_letter_of_two_layers_the_cost_is_of_stays_unknown():
    text = DOC.replace(r"\left( a^L_j - y_j \right)^2", r"\left( a^L_j - a^H_j y_j \right)^2")
    assert '["a"]' not in toml_of(text, "doc.md")
    assert "proved" not in slipped(text, r"\nabla_a C = a^L - y", r"\nabla_a C = a^L - y ")
