"""symbn.verify.freename: a line about functions of one letter (the derivative of tanh,
an identity of sech) is judged with the letter free when the document defines it in a way
the model cannot hold, and a line that says something of the letter's value is not."""

from __future__ import annotations

from paths import ROOT

from symbn.verify.document import check

DOC = (ROOT / "tests" / "markdown" / "free_letter.md").read_text(encoding="utf-8")


def test_an_identity_of_functions_of_a_letter_defined_unreadably_is_judged():
    found = {f.claim: f.status for f in check(DOC, "doc.md").findings if f.kind == "claim"}
    assert found == {
        "diff(tanh(z), z) = 1 - tanh(z)**2": "proved",
        "tanh(z)**2 + sech(z)**2 = 1": "proved",
        "diff(exp(z), z) = exp(z)": "proved",
        "diff(tanh(z), z) = tanh(z)**2": "refuted",
        "": "unchecked",  # the lines of h, which names p the document never defines
        "tanh(z) = z": "unchecked",  # the letter's value: not a fact of functions
    }


def test_a_line_with_another_tensor_beside_the_letter_stays_unchecked():
    doc = (
        DOC
        + "\n$$ y = 2 x $$\n\n$$ \\frac{\\partial \\tanh(z)}{\\partial z} = 1 - \\tanh^2(x) $$\n"
    )
    (f,) = [f for f in check(doc, "doc.md").findings if "tanh(x)" in f.claim]
    assert f.status == "unchecked"
