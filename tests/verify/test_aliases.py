"""Names a document gives to gradients (`G = ∂L/∂Z`): the lines below read the derivative
in their place (`symbn.verify.aliases`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from documents import slipped
from mutated import mutant_verdicts

from symbn.errors import Location
from symbn.language.defining import Left
from symbn.language.latex.claims import Claim
from symbn.language.latex.guessed import toml_of
from symbn.verify.aliases import aliases, read_through
from symbn.verify.document import check

DOC = (Path(__file__).parents[1] / "markdown" / "named_gradients.md").read_text(encoding="utf-8")


def _claim(lhs: str, rhs: str, line: int) -> Claim:
    return Claim("equation", lhs, rhs, Location("doc.md", line, 1))


def test_a_name_for_a_gradient_is_read_as_it_below_its_line():
    (a,) = aliases([Left(_claim("G[n, c]", "diff(L, Z[c, n])", 3), "defined by a derivative")])
    below = read_through(_claim("diff(L, b[c])", "sum(G[k, c], k)", 5), [a])
    assert below.rhs == "sum(diff(L, Z[c, k]), k)"  # its indices in their places
    above = _claim("x", "G[k, c]", 2)
    assert read_through(above, [a]) == above


@pytest.mark.parametrize(
    ("lhs", "rhs"),
    [("G[n, c]", "diff(L, Z[n, n])"), ("G[n, c]", "diff(L, Z[n, c]) + 1"), ("G", "diff(L, Z)")],
)
def test_only_a_derivative_by_one_element_at_its_own_letters_is_named(lhs, rhs):
    assert aliases([Left(_claim(lhs, rhs, 3), "defined by a derivative")]) == []


def test_a_document_that_names_its_gradient_is_checked_with_no_context():
    statuses = [f.status for f in check(DOC, "doc.md").findings]
    assert statuses.count("proved") == 5  # G, ∂L/∂W, ∂L/∂b, ∂L/∂X through it, and ∇W
    assert '[gradients]\nL = ["\\\\nabla"]' in toml_of(DOC, "doc.md")  # ∇ is L's gradient
    assert "refuted" not in statuses


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (r"G_{nc} X_{nd} $$", r"G_{nc} X_{nc} $$"),
        (r"\sum_{n=1}^{N} G_{nc} $$", r"\frac{1}{N} \sum_{n=1}^{N} G_{nc} $$"),
        (r"G_{nc} W_{cd} $$", r"G_{nc} W_{cd}^2 $$"),
        (r"\nabla W = G^\top X", r"\nabla W = G X^\top"),
    ],
)
def test_a_slip_written_with_the_named_gradient_is_not_proved(old, new):
    got = mutant_verdicts(DOC, old, old, new)
    assert got
    assert "proved" not in got


def test_a_name_for_a_product_with_a_gradient_is_read_as_it_below_its_line():
    body = "diff(C, a[j])*act1(z[j])"
    (a,) = aliases([Left(_claim("d[j]", body, 3), "defined by a derivative")])
    below = read_through(_claim("d[k]", "diff(C, a[k])*act1(z[k])", 5), [a])
    assert below.lhs == "(diff(C, a[k])*act1(z[k]))"


@pytest.mark.parametrize(
    "rhs",
    [
        "diff(C, a[j])*act1(z[j]) + 1",  # a sum, not a product
        "sum(diff(C, a[k])*W[k, j], k)",  # a sum over a letter of its own
        "diff(C, a[j])*W[j, k]",  # an index it is not written at
        "act1(z[j])*a[j]",  # no derivative: a definition of its own
    ],
)
def test_only_a_product_with_a_derivative_at_its_own_letters_is_named(rhs):
    assert aliases([Left(_claim("d[j]", rhs, 3), "defined by a derivative")]) == []


ERROR = (Path(__file__).parents[1] / "markdown" / "output_error.md").read_text(encoding="utf-8")


def test_the_output_layers_error_written_whole_is_read_through_its_definition():
    statuses = [f.status for f in check(ERROR, "doc.md").findings]
    assert statuses.count("proved") == 1
    assert "refuted" not in statuses


@pytest.mark.parametrize(
    "new", [r"\nabla_a C \odot \sigma(z^L)", r"2 \nabla_a C \odot \sigma'(z^L)"]
)
def test_a_slip_in_the_output_layers_error_is_not_proved(new):
    got = slipped(ERROR, r"\nabla_a C \odot \sigma'(z^L)", new)
    assert got
    assert "proved" not in got


def test_a_scalar_named_for_a_derivative_by_a_scalar_is_read_as_it_below():
    scalars = frozenset({"dw", "L", "w"})
    (a,) = aliases([Left(_claim("dw", "diff(L, w)", 3), "defined by a derivative")], scalars)
    below = read_through(_claim("dw", "2*w + dwx[1] + dw2", 5), [a])
    assert below.lhs == "(diff(L, w))"
    assert below.rhs == "2*w + dwx[1] + dw2"  # other names that begin so stay
    assert aliases([Left(_claim("dw", "diff(L, w)", 3), "left")]) == []  # shapes unknown


CODE = (Path(__file__).parents[1] / "markdown" / "code_gradients.md").read_text(encoding="utf-8")


def test_a_gradient_named_as_code_names_it_is_proved_below_and_a_slip_is_not():
    row = r"dw = \frac{2}{m} \sum_{i=1}^{m} (\hat{y}_i - y_i) x_i"
    line = next(n for n, x in enumerate(CODE.split("\n"), 1) if row in x)
    statuses = [f.status for f in check(CODE, "doc.md").findings if f.where.line == line]
    assert statuses == ["proved"]
    for slip in (row.replace("{2}", "{1}"), row.replace("- y_i", "+ y_i"), row[:-4]):
        got = slipped(CODE, row, slip)
        assert got
        assert "proved" not in got
