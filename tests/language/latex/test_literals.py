"""Worked examples in numbered entries, read with no context: a name written as a matrix of
scalars (`u = \\begin{bmatrix} u_1, u_2, u_3 \\end{bmatrix}`) is that matrix where a line
uses it whole, so `s = uv = u_1v_1 + …`, `… = u^T` and `R = PQ` are checked entry by entry."""

from __future__ import annotations

from pathlib import Path

from symbn.language.latex.guessed import toml_of
from symbn.language.latex.systems import Written, literal_shapes, shape_of_dims
from symbn.language.latex.texlex import tokenize
from symbn.verify.document import check

DOC = (Path(__file__).parents[2] / "markdown" / "numbered_entries.md").read_text(encoding="utf-8")


def _statuses(text: str, needle: str) -> list[str]:
    line = next(n for n, x in enumerate(text.split("\n"), 1) if needle in x)
    return [f.status for f in check(text, "doc.md").findings if f.where.line == line]


def test_a_product_of_entries_is_checked_entry_by_entry():
    got = [(f.status, f.message) for f in check(DOC, "doc.md").findings if f.kind == "claim"]
    assert ("proved", "u1*v1 + u2*v2 + u3*v3 = u1*v1 + u2*v2 + u3*v3") in got
    assert ("proved", "u3 = u3") in got  # the column of entries is u^T
    assert ("proved", "diff(r2, q4) = p2") in got
    defined = [f.message for f in check(DOC, "doc.md").findings if f.status == "defined"]
    assert "definition r3 = p3*q1 + p4*q3" in defined  # by R = PQ, with R written out
    assert "refuted" not in {s for s, _ in got}


def test_a_slip_in_an_entry_loses_its_proof():
    for old, new in (
        ("= u_1v_1 + u_2v_2 + u_3v_3", "= u_1v_1 + u_2v_2 + u_3v_1"),
        (r"u_3 \end{bmatrix} = u^T", r"u_3 \end{bmatrix} = v"),
        ("r_2 = p_1q_2 + p_2q_4", "r_2 = p_1q_2 + p_2q_3"),
    ):
        got = _statuses(DOC.replace(old, new), new)
        assert "refuted" in got or "unchecked" in got
        assert got.count("proved") < _statuses(DOC, old).count("proved")


def test_a_name_written_out_has_the_shape_its_matrix_shows():
    written = Written()
    for row in (r"x = \begin{bmatrix} x_1, x_2, x_3 \end{bmatrix}", r"y = x w", r"w = x^T"):
        literal_shapes(tuple(tokenize(row)), written)
    literal_shapes(tuple(tokenize(r"w = \begin{bmatrix} w_1 \\ w_2 \\ w_3 \end{bmatrix}")), written)
    literal_shapes(tuple(tokenize(r"y = x w")), written)
    dims = written.dims
    assert dims == {"x": (1, 3), "w": (3, 1), "y": (1, 1)}
    assert written.products == {"y"}
    assert [shape_of_dims(*dims[k]) for k in "xwy"] == [("n3",), ("n3",), ()]
    assert 'P = { shape = ["n2", "n2"] }' in toml_of(DOC, "doc.md")
