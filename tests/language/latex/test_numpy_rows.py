"""NumPy's row slice written in maths, `\\sum_{b=1}^{B} D[b, :]`: the rows of D summed, read
with no context (`tests/markdown/numpy_rows.md`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from documents import slipped

from symbn.verify.document import check

DOC = (Path(__file__).parents[2] / "markdown" / "numpy_rows.md").read_text(encoding="utf-8")


def test_a_sum_of_rows_written_as_slices_is_proved():
    findings = check(DOC, "doc.md").findings
    proved = [f.message for f in findings if f.status == "proved"]
    assert "diff(loss, c[r]) = sum(D[b, r], b)" in " ".join(proved)
    assert "refuted" not in [f.status for f in findings]


@pytest.mark.parametrize(
    "new", [r"\sum_{b=1}^{B} 2 D[b, :]", r"\sum_{b=1}^{B} X[b, :]", r"D[1, :]"]
)
def test_a_slip_in_the_sum_of_rows_is_not_proved(new):
    got = slipped(DOC, r"\sum_{b=1}^{B} D[b, :]", new)
    assert got
    assert "proved" not in got
