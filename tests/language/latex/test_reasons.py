"""Reasons and arrows written between equations: `a = b \\quad \\because c = d` claims both,
a row that begins with `\\because` is an aside the next step does not go on from, and `=>`
typed for `\\Rightarrow` (with words before it, a label) starts an equation of its own."""

from __future__ import annotations

from pathlib import Path

from mutated import verdicts

from symbn.language.latex.texlex import tokenize

DOC = (Path(__file__).parents[2] / "markdown" / "softplus_reasons.md").read_text(encoding="utf-8")


def test_every_equation_and_every_reason_is_proved():
    got = verdicts(DOC)
    assert got[7] == ["proved", "proved"]  # the row and its reason
    assert all(got[n] == ["proved"] for n in range(8, 13)), got


def test_the_step_after_an_aside_goes_on_from_the_row_before_it():
    aside = DOC.replace(r"e^{-t} &= 1", r"e^{-t} &= 2")
    got = verdicts(aside)
    assert got[8] == ["refuted"]
    assert got[9] == ["proved"]  # 1/(e^{-t} + 1) = 1/(1 + e^{-t}), not 2 = …


def test_a_wrong_reason_is_refuted_and_its_row_keeps_its_proof():
    wrong = DOC.replace(r"\because \frac{1}{e^t} = e^{-t}", r"\because \frac{1}{e^t} = e^{t}")
    assert verdicts(wrong)[7] == ["proved", "refuted"]


def test_a_wrong_line_after_an_arrow_is_refuted():
    wrong = DOC.replace(r"&= \frac{e^{-t}}{1 + e^{-t}}", r"&= \frac{e^{t}}{1 + e^{-t}}")
    assert verdicts(wrong)[11] == ["refuted"]
    labelled = DOC.replace(r"1 - \sigma(t) &=", r"1 + \sigma(t) &=")
    assert verdicts(labelled)[12] == ["refuted"]


def test_an_arrow_typed_as_two_signs_is_one_token():
    toks = tokenize("a = b => c = d")
    assert [t.text for t in toks] == ["a", "=", "b", "\\Rightarrow", "c", "=", "d"]
    assert (toks[3].start, toks[3].end) == (6, 8)
