"""symbn.language.latex.nablaat: `\\nabla L(w_{i})`, the gradient of a declared scalar
written at what it is taken by, is ∂L/∂w_i; a function the document defines is put in and
differentiated by its argument; several arguments are left unchecked
(`tests/markdown/nabla_applied.md`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from documents import slipped

from symbn.verify.document import check

DOC = (Path(__file__).parents[2] / "markdown" / "nabla_applied.md").read_text(encoding="utf-8")


def _status(text: str, row: str) -> list[str]:
    line = next(n for n, x in enumerate(text.split("\n"), 1) if row in x)
    return [f.status for f in check(text, "doc.md").findings if f.where.line == line]


@pytest.mark.parametrize(
    "row",
    [r"\nabla L(w_{i}) = (s - y) x_{i}", r"\nabla L(b) = s - y", r"\nabla g(u) = 2u + 3"],
)
def test_the_gradient_at_one_argument_is_the_derivative_by_it(row):
    assert _status(DOC, row) == ["proved"]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (r"\nabla L(w_{i}) = (s - y) x_{i}", r"\nabla L(w_{i}) = (s + y) x_{i}"),  # sign
        (r"\nabla L(w_{i}) = (s - y) x_{i}", r"\nabla L(w_{i}) = 2 (s - y) x_{i}"),  # factor
        (r"\nabla L(b) = s - y", r"\nabla L(b) = (s - y) x_{i}"),  # another's gradient
        (r"\nabla g(u) = 2u + 3", r"\nabla g(u) = 2u - 3"),
    ],
)
def test_a_slip_in_the_gradient_at_one_argument_is_not_proved(old, new):
    got = slipped(DOC, old, new)
    assert got
    assert "proved" not in got


def test_the_gradient_by_an_element_at_another_index_is_not_proved():
    old = r"\nabla L(w_{i}) = (s - y) x_{i}"
    assert "proved" not in slipped(DOC, old, r"\nabla L(w_{i}) = (s - y) x_{k}")


def test_the_gradient_by_several_arguments_is_unchecked_with_its_reason():
    row = r"\nabla L(w_{i}, b) = (s - y) (x_{i}, 1)"
    (finding,) = [f for f in check(DOC, "doc.md").findings if f.where.line == 19]
    assert row in DOC.split("\n")[18]
    assert finding.status == "unchecked"
    assert "several arguments" in finding.message


def test_a_name_that_is_no_declared_scalar_keeps_its_old_reading():
    text = DOC.replace(r"\nabla L(b) = s - y", r"\nabla Q(b) = s - y")
    assert "proved" not in _status(text, r"\nabla Q(b)")


def test_the_gradient_at_one_argument_of_a_name_with_axes_is_unchecked_with_its_reason():
    text = DOC.replace("$$L = \\frac{1}{2} (s - y)^2$$", "$$L_{i} = \\frac{1}{2} (w_{i} - y)^2$$")
    (finding,) = [f for f in check(text, "doc.md").findings if f.where.line == 11]
    assert finding.status == "unchecked"
    assert "only where L is a scalar" in finding.message
