"""The inferred context made loadable: an entry the context reader refuses is commented out
with its reason, the rest is read; names a context file cannot hold are left out."""

from __future__ import annotations

import pytest

from symbn.errors import InputError
from symbn.language.latex.guessed import toml_of
from symbn.language.latex.loadable import loadable, plain
from symbn.verify.document import check

TOML = """[sizes]
C = "classes"
T = "steps"

[indices]
t = "T"

[inputs]
x = { shape = ["T", "C"] }
y = { shape = ["T", "C", "C"], simplex = "C" }
"""


def test_an_entry_the_reader_refuses_is_left_out_with_its_reason():
    ctx, text = loadable("doc.md", TOML)
    assert [i.name for i in ctx.inputs] == ["x"]
    (left,) = [ln for ln in text.split("\n") if ln.startswith("# left out")]
    assert "ambiguous" in left
    assert "y = {" in left


def test_an_entry_of_the_users_own_is_never_left_out():
    """A context the user wrote, completed from the document: an inferred entry that does
    not read is left out as with no context, the user's own is an error at their file."""
    ctx, _ = loadable("doc.md", TOML, {"functions": {"sigmoid": ["h"]}})
    assert [i.name for i in ctx.inputs] == ["x"]
    with pytest.raises(InputError):
        loadable("doc.md", TOML, {"inputs": {"y": {"shape": ["T", "C", "C"]}}})


def test_a_short_context_does_not_stop_a_document_its_inferred_part_cannot_all_read():
    doc = (
        "$$ \\mathbf{w} \\in \\mathbb{R}^{D \\times N} $$\n\n"
        "$$ y_i = \\sigma(z_i) $$\n\n"
        "$$ \\frac{\\partial y_i}{\\partial z_i} = y_i (1 - y_i) $$\n"
    )
    front = '+++\n[functions]\nsigmoid = ["\\\\sigma"]\n+++\n'
    report = check(front + doc, "doc.md")
    assert not any(f.status == "error" for f in report.findings)


def test_an_error_outside_an_entry_is_still_an_error():
    with pytest.raises(InputError):
        loadable("doc.md", "[sizes\n")


def test_names_a_context_file_can_hold():
    assert plain("y_hat")
    assert plain("W2")
    assert not plain("Ŷ")
    assert not plain("ŷ1")
    assert not plain("2x")


#: A fit written with Unicode letters in the maths, and a display that is only an arrow.
UNICODE = r"""Let $x$ be a scalar.

$$ Ŷ = 2 x $$

$$ y = 3 x $$
$$ \implies $$
$$ \frac{dy}{dx} = 3 $$
$$ \frac{dy}{dx} = 4 $$
"""


def test_a_document_with_unicode_names_and_an_arrow_display_is_read():
    assert "Ŷ" not in toml_of(UNICODE, "doc.md").split("[sizes]")[1].split("\n[")[0]
    found = {(f.where.line, f.status) for f in check(UNICODE, "doc.md", None).findings}
    assert (7, "proved") in found
    assert (8, "refuted") in found
