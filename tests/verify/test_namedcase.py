"""symbn.verify.namedcase: a line false in general but true in the case its prose names
(`if $i = j$` above or below it) is unchecked with that reason, never refuted; a line false
in that case too is refuted, and a line with no case named near it is refuted as before."""

from __future__ import annotations

from symbn.verify.document import check

HEAD = "For a vector $z$ of K scores and its softmax:\n\n"
ROW = "$$ \\frac{{\\partial softmax(z_j)}}{{\\partial z_i}} = {rhs} $$\n"


def _status(text: str) -> tuple[str, str]:
    found = check(text, "doc.md").findings
    (f,) = [f for f in found if "softmax" in f.where.source and f.kind == "claim"]
    return f.status, f.message


def test_a_line_true_in_the_case_its_prose_names_is_unchecked_with_the_case():
    doc = HEAD + "If $i = j$, then\n\n" + ROW.format(rhs="softmax(z_j) - softmax^2(z_j)")
    status, message = _status(doc)
    assert status == "unchecked"
    assert "true when i = j" in message


def test_the_case_may_be_named_below_the_line_and_as_a_difference():
    doc = HEAD + ROW.format(rhs="- softmax(z_i) softmax(z_j)") + "\nfor $j \\neq i$.\n"
    status, message = _status(doc)
    assert status == "unchecked"
    assert "true when j \\neq i" in message


def test_a_line_false_in_its_case_too_is_refuted():
    doc = HEAD + "If $i = j$, then\n\n" + ROW.format(rhs="softmax(z_j) + softmax^2(z_j)")
    assert _status(doc)[0] == "refuted"


def test_a_line_with_no_case_named_near_it_is_refuted():
    doc = HEAD + ROW.format(rhs="softmax(z_j) - softmax^2(z_j)")
    assert _status(doc)[0] == "refuted"


def test_the_case_may_be_named_further_above_in_the_same_section():
    prose = "If $j \\neq i$, the sum is constant.\n\nWe go on.\n\nAnd on.\n\nAnd on.\n\n"
    doc = HEAD + prose + ROW.format(rhs="- softmax(z_i) softmax(z_j)")
    assert _status(doc)[0] == "unchecked"
    assert (
        _status(HEAD + prose + "## Next\n\n" + ROW.format(rhs="- softmax(z_i) softmax(z_j)"))[0]
        == "refuted"
    )
