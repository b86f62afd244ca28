"""Hyperbolic functions in a document: sech, cosh and sinh written with `\\operatorname`,
`\\text`, their own commands or plain letters, and powers of them, are the language's
functions, so the derivative of tanh written by sech and the identities between them are
proved, and a slip in one is refuted."""

from __future__ import annotations

from paths import ROOT

from symbn.verify.document import check

DOC = (ROOT / "tests" / "markdown" / "hyperbolic_identities.md").read_text(encoding="utf-8")


def _display(r) -> list[tuple[str, str]]:
    return [(f.status, f.claim) for f in r.findings if f.where.col < 10 and f.claim]


def test_the_derivative_of_tanh_and_the_hyperbolic_identities_are_proved():
    assert _display(check(DOC, "doc.md")) == [
        ("proved", "diff(tanh(z), z) = sech(z)**2"),
        ("proved", "tanh(z)**2 + sech(z)**2 = 1"),
        ("proved", "diff(tanh(z), z) = 1 - tanh(z)**2"),
        ("proved", "diff(cosh(z), z) = sinh(z)"),
        ("proved", "cosh(z)**2 - sinh(z)**2 = 1"),
        ("proved", "diff(sech(z), z) = -sech(z)*tanh(z)"),
        ("proved", "diff(tanh(z), z) = sech(z)**2"),
    ]


def test_a_slip_in_a_hyperbolic_identity_is_refuted_with_a_counterexample():
    doc = "$$ \\frac{\\partial \\tanh(z)}{\\partial z} = 1 + sech^2(z) $$\n\n"
    doc += "$$ \\cosh^2(z) + \\sinh^2(z) = 1 $$\n"
    r = check(doc, "doc.md")
    refuted = [f for f in r.findings if f.status == "refuted"]
    assert [f.claim for f in refuted] == [
        "diff(tanh(z), z) = 1 + sech(z)**2",
        "cosh(z)**2 + sinh(z)**2 = 1",
    ]
    assert all(any(d.startswith("counterexample") for d in f.details) for f in refuted)
