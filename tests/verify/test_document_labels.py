"""Integer labels in documents: `P_{n, y_n}` and `\\delta_{c, y_i}` read with y a label of
the context (an input declared `range = "C"`): the true gradient of the cross-entropy proved,
the one without the one-hot refuted."""

from __future__ import annotations

import pytest
from paths import ROOT

from symbn.errors import InputError
from symbn.verify.document import check

DOC = ROOT / "tests" / "markdown" / "labels_xent.md"


def test_a_label_element_is_read_as_an_index():
    r = check(DOC.read_text(encoding="utf-8"), str(DOC))
    got = [(f.status, f.claim) for f in r.findings if f.kind != "lint"]
    assert got == [
        ("defined", "P[n, c] = exp(Z[n, c])/sum(exp(Z[n, q]), q)"),
        ("defined", "loss = -1/N*sum(log(P[n, y[n]]), n)"),
        ("proved", "diff(loss, Z[i, c]) = 1/N*(P[i, c] - Delta(c, y[i]))"),
        ("refuted", "diff(loss, Z[i, c]) = 1/N*P[i, c] - 1/N"),
    ]


def test_a_label_where_its_classes_do_not_fit_is_refused_at_its_place():
    text = DOC.read_text(encoding="utf-8").replace("P_{n, y_n}", "P_{y_n, c}")
    r = check(text, str(DOC))
    (f,) = [f for f in r.findings if "holds classes of C" in f.message]
    assert f.status == "unchecked"
    with pytest.raises(InputError):
        check(text.replace('range = "C"', 'range = "D"'), str(DOC))
