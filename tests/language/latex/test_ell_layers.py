"""A layer letter written `\\ell` (`W^{[\\ell]}`, `a^{(\\ell-1)}`, `z_j^\\ell`) is read as the
letter l is: the documents of `test_layer_spellings` and `test_vector_layers`, their l written
`\\ell`, get the same verdicts, and each slip of theirs is still never proved."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest
from mutated import mutant_verdicts, verdicts


def _beside(name: str) -> ModuleType:
    """The test module `name` of this folder, for its documents."""
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


spellings = _beside("test_layer_spellings")
vectors = _beside("test_vector_layers")

#: The letter l written alone (not in `\\left`, `\\ell`, a word).
LONE_L = re.compile(r"(?<![A-Za-z\\])l(?![A-Za-z])")


def ell(text: str) -> str:
    """`text` with every layer letter l written `\\ell`."""
    return LONE_L.sub(lambda _: "\\ell ", text)


DOCUMENTS = [
    spellings.UFLDL,
    spellings.BRACKETS,
    spellings.VECTORS,
    spellings.AFTER,
    vectors.NIELSEN,
    vectors.TANH,
]


@pytest.mark.parametrize("text", DOCUMENTS)
def test_ell_reads_as_l(text: str):
    written = ell(text)
    assert "\\ell" in written
    got = verdicts(written)
    assert got == verdicts(text)
    assert "proved" in {s for found in got.values() for s in found}


@pytest.mark.parametrize(
    ("text", "anchor", "old", "new"),
    [
        (spellings.UFLDL, r"\partial a_i^{(l)}} =", r"\delta_j^{(l+1)}", r"\delta_j^{(l)}"),
        (spellings.BRACKETS, r"C}{\partial W^{[l]}", "a^{[l-1]}_k", "a^{[l]}_k"),
        (spellings.VECTORS, r"\delta^{[l]} =", "(W^{[l+1]})^T", "W^{[l+1]}"),
        (spellings.VECTORS, r"\delta^{[L]} =", r"\sigma'(z^{[L]})", r"\sigma(z^{[L]})"),
        (vectors.NIELSEN, r"\delta^l =", r"\sigma'(z^l)", r"\sigma'(z^{l+1})"),
        (vectors.NIELSEN, r"\delta^L =", r" \odot \sigma'(z^L)", ""),
    ],
)
def test_a_slip_written_with_ell_is_never_proved(text: str, anchor: str, old: str, new: str):
    got = mutant_verdicts(ell(text), ell(anchor), ell(old), ell(new))
    assert got
    assert "proved" not in got, got
