"""A chain rule through a name of the whole batch with its sum over the batch left unsaid
is held back, never refuted; written with the sum it is checked
(`symbn.verify.implicit`)."""

from __future__ import annotations

from pathlib import Path

from symbn.verify.document import check

FOLDER = Path(__file__).parents[1] / "markdown"
DOC = (FOLDER / "feature_batch.md").read_text(encoding="utf-8")
UNSAID = r"\frac{\partial J}{\partial z_k} \frac{\partial z_k}{\partial \nu} \frac{\partial \nu}"


def _at(text: str, written: str) -> list[str]:
    line = next(n for n, x in enumerate(text.split("\n"), 1) if written in x)
    return [f.status for f in check(text, "doc.md").findings if f.where.line == line]


def test_the_unsaid_sum_is_held_back():
    (status,) = _at(DOC, UNSAID)
    assert status == "unchecked"
    found = check(DOC, "doc.md").findings
    (f,) = [f for f in found if "left unsaid" in f.message]
    assert "through nu" in f.message


def test_the_said_sum_is_proved_and_a_slip_in_it_refuted():
    said = (
        r"\Sigma_{p=1}^{N} \left[ \frac{\partial J}{\partial z_p} \frac{\partial z_p}{\partial s^2}"
    )
    assert _at(DOC, said) == ["proved"]
    slip = DOC.replace(
        r"\frac{\partial s^2}{\partial h_k}" + "\n$$", r"\frac{\partial s^2}{\partial h_p}" + "\n$$"
    )
    assert slip != DOC
    assert "proved" not in _at(slip, said)


def test_a_local_derivative_by_a_name_of_the_batch_is_still_refuted():
    slip = DOC.replace(r"&= \frac{2}{N} (h_k - \nu)", r"&= \frac{2}{N} (h_k + \nu)")
    assert _at(slip, r"&= \frac{2}{N} (h_k + \nu)") == ["refuted"]


def test_a_whole_gradient_with_a_slip_is_refuted():
    slip = DOC.replace(r"- z_k \Sigma_{p=1}^{N}", r"+ z_k \Sigma_{p=1}^{N}")
    assert _at(slip, r"+ z_k \Sigma_{p=1}^{N}") == ["refuted"]
