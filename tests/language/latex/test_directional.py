"""symbn.language.latex.directional: `d_X F(θ) \\cdot D`, the derivative of a defined map by
the input X in the direction D, and `d_X F(θ)^* \\cdot P`, its adjoint applied to P, where
the context reads d as a differential (`tests/markdown/directional_maps.md`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from symbn.language.latex.guessed import toml_of
from symbn.verify.document import check

FOLDER = Path(__file__).parents[2] / "markdown"
DOC = (FOLDER / "directional_maps.md").read_text(encoding="utf-8")
#: A partial context: the directions' shapes and P's are inferred, the loss is of the map.
LOSS = (FOLDER / "directional_loss.md").read_text(encoding="utf-8")


def _statuses(doc: str) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for f in check(doc, "doc.md").findings:
        out.setdefault(f.where.line, []).append(f.status)
    return out


def _line(text: str, doc: str = DOC) -> int:
    return next(n for n, x in enumerate(doc.split("\n"), 1) if text in x)


def _with(old: str, new: str) -> dict[int, list[str]]:
    assert DOC.count(old) == 1, old
    return _statuses(DOC.replace(old, new))


def test_derivatives_in_a_direction_and_adjoints_are_proved():
    got = _statuses(DOC)
    for text in ("$$ d_X \\mathrm{Act}(X, W) \\cdot", "$$ d_W \\mathrm{Act}", "^* \\cdot P"):
        assert got[_line(text)] == ["proved"], text
    assert got[_line("\\left\\langle d_X")] == ["proved"]
    assert got[_line("$$ d_W s =")] == ["proved"]  # the gradient of a scalar


@pytest.mark.parametrize(
    ("where", "old", "new", "status"),
    [
        # the change does not move with the direction
        ("$$ d_W \\mathrm{Act}", "\\odot (X \\tilde{W}) $$", "\\odot (X W) $$", "refuted"),
        ("^* \\cdot P", "\\odot P) W^t $$", "\\odot P) W^t W W^t $$", "refuted"),  # adjoint
        # a direction of another shape
        ("$$ d_W \\mathrm{Act}", "\\cdot \\tilde{W} =", "\\cdot \\tilde{X} =", "unchecked"),
        # a derivative by a defined name
        ("X^t (\\mathrm{Act}", "$$ d_W s =", "$$ d_{\\mathrm{Act}} s =", "unchecked"),
        # a tensor's derivative with no direction applied
        (
            "$$ d_X \\mathrm{Act}(X, W) \\cdot",
            "(X, W) \\cdot \\tilde{X} =",
            "(X, W) =",
            "unchecked",
        ),
    ],
)
def test_a_wrong_or_unread_line_is_not_proved(where, old, new, status):
    assert _with(old, new)[_line(where)] == [status]


def test_without_differentials_d_is_a_letter():
    got = _with('differentials = "d"\n', "# d is a letter\n")
    assert "proved" not in got[_line("$$ d_X \\mathrm{Act}(X, W) \\cdot")]


def test_directions_take_the_shape_of_what_they_move():
    got = _statuses(LOSS)
    assert got[_line("$$ d_W \\mathrm{Act}", LOSS)] == ["proved"]  # W~ of W's shape, inferred
    assert got[_line("\\left\\langle d_W", LOSS)] == ["proved"]  # P of the map's shape


def test_a_derivative_identified_with_a_matrix_is_checked_as_equal():
    line = _line("$$ d_W \\mathscr{L}(W) \\equiv", LOSS)
    assert _statuses(LOSS)[line] == ["proved"]
    wrong = LOSS.replace("\\equiv X^t (\\mathrm{Act}", "\\equiv X^t (2 \\mathrm{Act}")
    assert _statuses(wrong)[line] == ["unchecked"]  # refuted, with shapes inferred: held back


def test_equiv_after_a_lone_name_is_not_checked():
    found = [
        f
        for f in check(LOSS, "doc.md").findings
        if f.where.line == _line("\\Gamma(W) \\equiv", LOSS)
    ]
    assert [f.status for f in found] == ["unchecked"]
    assert "stands for" in found[0].message


def test_a_map_written_with_mapsto_defines_the_function():
    found = [f for f in check(LOSS, "doc.md").findings if f.where.line == _line("\\mapsto", LOSS)]
    assert [f.status for f in found] == ["defined"]
    wrong = LOSS.replace("= \\exp(X W) $$", "= \\exp(2 X W) $$")  # the map read is this one
    assert "proved" not in _statuses(wrong)[_line("$$ d_W \\mathrm{Act}", LOSS)]


#: No context: d written as an operator before a function says d is a differential.
BARE = r"""# A map's derivative

Take $X \in \mathbb{R}^{N \times D}$ and $W \in \mathbb{R}^{D \times H}$.

$$ \mathrm{Act}(X, W) = \exp(X W) $$

$$ d_W \mathrm{Act}(X, W) \cdot \tilde{W} = \mathrm{Act}(X, W) \odot (X \tilde{W}) $$
"""


def test_with_no_context_d_before_a_function_is_inferred_a_differential():
    assert 'differentials = "d"' in toml_of(BARE, "doc.md")
    line = _line("$$ d_W", BARE)
    assert _statuses(BARE)[line] == ["proved"]
    wrong = _statuses(BARE.replace(r"\odot (X \tilde{W}) $$", r"\odot (X W) $$"))
    assert wrong[line] == ["unchecked"]  # refuted, with the shapes inferred: held back
