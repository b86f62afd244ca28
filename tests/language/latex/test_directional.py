"""symbn.language.latex.directional: `d_X F(θ) \\cdot D`, the derivative of a defined map by
the input X in the direction D, and `d_X F(θ)^* \\cdot P`, its adjoint applied to P, where
the context reads d as a differential (`tests/markdown/directional_maps.md`)."""

from __future__ import annotations

from pathlib import Path

from symbn.verify.document import check

DOC = (Path(__file__).parents[2] / "markdown" / "directional_maps.md").read_text(encoding="utf-8")


def _statuses(doc: str) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for f in check(doc, "doc.md").findings:
        out.setdefault(f.where.line, []).append(f.status)
    return out


def _line(text: str) -> int:
    return next(n for n, x in enumerate(DOC.split("\n"), 1) if text in x)


def _with(old: str, new: str) -> dict[int, list[str]]:
    assert DOC.count(old) == 1, old
    return _statuses(DOC.replace(old, new))


def test_derivatives_in_a_direction_and_adjoints_are_proved():
    got = _statuses(DOC)
    for text in ("$$ d_X \\mathrm{Act}(X, W) \\cdot", "$$ d_W \\mathrm{Act}", "^* \\cdot P"):
        assert got[_line(text)] == ["proved"], text
    assert got[_line("\\left\\langle d_X")] == ["proved"]
    assert got[_line("$$ d_W s =")] == ["proved"]  # the gradient of a scalar


def test_a_wrong_direction_is_refuted_not_proved():
    line = _line("$$ d_W \\mathrm{Act}")
    got = _with("\\odot (X \\tilde{W}) $$", "\\odot (X W) $$")
    assert got[line] == ["refuted"]  # the change does not move with the direction


def test_a_wrong_adjoint_is_refuted():
    got = _with("\\odot P) W^t $$", "\\odot P) W^t W W^t $$")
    assert got[_line("^* \\cdot P")] == ["refuted"]


def test_a_direction_of_another_shape_is_not_read():
    line = _line("$$ d_W \\mathrm{Act}")
    got = _with("\\cdot \\tilde{W} =", "\\cdot \\tilde{X} =")
    assert got[line] == ["unchecked"]


def test_a_derivative_by_a_defined_name_is_not_read():
    got = _with("$$ d_W s =", "$$ d_{\\mathrm{Act}} s =")
    assert "proved" not in got[_line("X^t (\\mathrm{Act}")]


def test_a_tensor_map_with_nothing_applied_is_not_read():
    line = _line("$$ d_X \\mathrm{Act}(X, W) \\cdot")
    got = _with("$$ d_X \\mathrm{Act}(X, W) \\cdot \\tilde{X} =", "$$ d_X \\mathrm{Act}(X, W) =")
    assert got[line] == ["unchecked"]


def test_without_differentials_d_is_a_letter():
    got = _with('differentials = "d"\n', "# d is a letter\n")
    assert "proved" not in got[_line("$$ d_X \\mathrm{Act}(X, W) \\cdot")]
