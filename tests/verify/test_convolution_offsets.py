"""A convolution written at offsets, `X_{i+a,j+b}`, read with no context: the gradients of
a weight, a bias and an input pixel are proved (the input's is a sum over the windows that
cover the pixel, the positions off the map reading zero), and slips in them are refuted."""

from __future__ import annotations

from pathlib import Path

import pytest

from symbn.verify.document import check

DOC = (Path(__file__).parents[1] / "markdown" / "conv_offsets.md").read_text(encoding="utf-8")


def _at(doc: str, line: int) -> list[str]:
    return [f.status for f in check(doc, "doc.md").findings if f.where.line == line]


def test_the_gradients_of_a_convolution_are_proved():
    found = [(f.where.line, f.status) for f in check(DOC, "doc.md").findings]
    assert (6, "defined") in found
    assert [line for line, status in found if status == "proved"] == [10, 12, 17]
    assert not [s for _, s in found if s in ("refuted", "unknown")]


@pytest.mark.parametrize(
    ("line", "old", "new"),
    [
        (10, "X_{i+a,j+b}$$", "X_{i-a,j-b}$$"),  # the window read the wrong way
        (10, "X_{i+a,j+b}$$", "X_{i+b,j+a}$$"),  # the offsets swapped
        (12, r"\sum_j \frac", r"\frac"),  # one axis of the map left out
        (17, "Z_{i-a,j-b,k}", "Z_{i+a,j+b,k}"),  # not flipped
        (17, "Z_{i-a,j-b,k}", "Z_{i-a,j-b+1,k}"),  # off by one
        (17, "W_{a,b,k}$$", "W_{b,a,k}$$"),  # the kernel transposed
    ],
)
def test_a_slip_in_a_gradient_is_never_proved(line, old, new):
    lines = DOC.split("\n")
    assert lines[line - 1].count(old) == 1
    lines[line - 1] = lines[line - 1].replace(old, new)
    got = _at("\n".join(lines), line)
    assert "proved" not in got
    assert "refuted" in got or "unchecked" in got
