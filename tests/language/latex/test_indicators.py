"""Indicators of a condition on values, `\\mathbb{I}\\{a \\le b\\}` (also `\\mathbb{1}`, `1`,
with `\\{…\\}` or `[…]`): the step of the difference that is positive where the condition
holds, also where the document names something else with an I (`\\mathcal{I}`, a set of
samples); and `\\max\\{0, u\\}` as the rectifier, so that the squared hinge written either
way is proved, and a wrong side or sign is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from symbn.verify.document import check

DOC = (Path(__file__).parents[2] / "markdown" / "hinge_rows.md").read_text(encoding="utf-8")


def statuses(text: str) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for f in check(text, "doc.md").findings:
        out.setdefault(f.where.line, set()).add(f.status)
    return out


def line_of(text: str, where: str) -> int:
    (n,) = [k + 1 for k, x in enumerate(text.split("\n")) if where in x]
    return n


def test_the_hinge_written_by_max_and_by_its_indicator_is_proved():
    found = statuses(DOC)
    for where in (r"\cdot(1 - S_{a,c}", r"\le 1\}(1 - \zeta_{a,c})^2", r"\frac{\partial q_{a,c}}"):
        assert found[line_of(DOC, where)] == {"proved"}, where
    assert found[line_of(DOC, r"&= -2T_{a,c}")] == {"proved"}
    assert "refuted" not in {s for v in found.values() for s in v}


@pytest.mark.parametrize(
    ("where", "old", "new"),
    [
        (r"\cdot(1 - S_{a,c}", r"T_{a,c}\le 1\}", r"T_{a,c}\ge 1\}"),
        (r"\le 1\}(1 - \zeta_{a,c})^2", r"\le 1\}", r"\le 0\}"),
        (r"&= -2T_{a,c}", r"\le 1\}", r"< 0\}"),
    ],
)
def test_an_indicator_of_the_wrong_region_is_not_proved(where, old, new):
    lines = DOC.split("\n")
    n = line_of(DOC, where) - 1
    assert lines[n].count(old) == 1
    lines[n] = lines[n].replace(old, new)
    found = statuses("\n".join(lines))[n + 1]
    assert "proved" not in found
    assert found & {"refuted", "unchecked"}


def test_the_indicator_reads_with_or_without_another_name_spelled_with_an_i():
    assert r"\mathcal{I}" in DOC
    text = DOC.replace("- $\\mathcal{I}$ is a set of samples.\n", "")
    assert r"\mathcal{I}" not in text
    assert statuses(text)[line_of(text, r"&= -2T_{a,c}")] == {"proved"}
