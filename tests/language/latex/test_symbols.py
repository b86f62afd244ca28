"""The symbol table: spellings, default names, and tables that do not fit together."""

from __future__ import annotations

from pathlib import Path

import pytest
from documents import slipped

from symbn.errors import SymbnError
from symbn.language.latex.symbols import Symbols, key_of
from symbn.verify.document import check


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (r"\sigma^2", r"\sigma^{2}"),
        (r"\hat h", r"\hat{h}"),
        (r"\mathcal L", r"\mathcal{ L }"),
        (r"\text{ReLU}", r"\text{ ReLU }"),
    ],
)
def test_spellings_tex_reads_the_same_have_one_key(a, b):
    assert key_of(a) == key_of(b)


def test_different_spellings_have_different_keys():
    assert key_of(r"\sigma^2") != key_of(r"\sigma_2")
    assert key_of("ab") != key_of("a")


def small(**kw) -> Symbols:
    args = {"sizes": ("N",), "indices": {"i": "N"}, "tensors": {"h": ("N",), "mu": ()}}
    args.update(kw)
    return Symbols(**args)


def test_one_letter_and_greek_names_are_spelled_as_themselves():
    s = small()
    assert s.name(key_of("h")) == "h"
    assert s.name(key_of(r"\mu")) == "mu"
    assert s.name(key_of("N")) == "N"
    assert s.name(key_of("x")) is None


def test_explicit_spellings_and_functions():
    s = small(spellings={r"\bar{h}": "h"}, functions={"ReLU": "relu"})
    assert s.name(key_of(r"\bar h")) == "h"
    assert s.function(key_of("ReLU")) == "relu"
    assert s.function(key_of(r"\exp")) == "exp"  # the defaults stay


def test_kinds_shapes_and_indices_over_a_size():
    s = Symbols(("N", "L"), {"i": "N", "k": "N", "j": "L"}, {"h": ("N", "L")}, loss="loss")
    assert (s.kind("N"), s.kind("h"), s.kind("loss")) == ("size", "tensor", "loss")
    assert s.shape("h") == ("N", "L")
    assert s.shape("loss") == ()
    assert s.over("N") == ("i", "k")


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"sizes": ("N", "N")}, "declared twice"),
        ({"indices": {"i": "M"}}, "not a size"),
        ({"indices": {"ij": "N"}}, "one letter"),
        ({"tensors": {"h": ("M",)}}, "not a size"),
        ({"tensors": {"N": ()}}, "declared twice"),
        ({"spellings": {r"\nu": "nu"}}, "not a size, tensor"),
        ({"spellings": {"i": "h"}}, "also an index letter"),
        ({"functions": {"sin": "sin"}}, "the functions are"),
        ({"inputs": frozenset({"x"})}, "not a declared tensor"),
        ({"loss": "h"}, "also declared"),
    ],
)
def test_tables_that_do_not_fit_are_refused(kw, message):
    with pytest.raises(SymbnError, match=message):
        small(**kw)


def test_a_spelling_that_is_not_latex_is_refused():
    with pytest.raises(SymbnError, match="spelling"):
        small(spellings={"\\": "h"})


def test_the_tables_cannot_be_changed_afterwards():
    s = small()
    with pytest.raises(TypeError):
        s.indices["j"] = "N"  # type: ignore[index]


def test_softmax_written_with_a_capital_in_plain_letters_is_the_softmax():
    doc = (Path(__file__).parents[2] / "markdown" / "code_gradients.md").read_text("utf-8")
    row = r"\frac{\partial Softmax(x_j)}{\partial x_j} = Softmax(x_j) (1 - Softmax(x_j))"
    line = next(n for n, x in enumerate(doc.split("\n"), 1) if row in x)
    assert [f.status for f in check(doc, "doc.md").findings if f.where.line == line] == ["proved"]
    for slip in (row.replace("1 -", "1 +"), row.replace("= Softmax", "= 2 Softmax")):
        got = slipped(doc, row, slip)
        assert got
        assert "proved" not in got
