"""Fixtures of the reader tests: a batch-norm context and small documents read with it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from symbn.language.latex.printer import to_language
from symbn.language.latex.reader import read
from symbn.language.latex.subscripts import bind_sums
from symbn.language.latex.symbols import Symbols
from symbn.language.latex.texlex import tokenize
from symbn.language.latex.texmath import parse
from symbn.source.positions import TexError

#: The names of a batch-norm derivation, as a context file would give them.
BATCHNORM = Symbols(
    sizes=("N", "D", "L"),
    indices={"i": "N", "k": "N", "p": "N", "q": "N", "j": "L", "l": "L", "m": "L", "d": "D"},
    tensors={
        "X": ("N", "D"),
        "W": ("D", "L"),
        "b": ("L",),
        "h": ("N", "L"),
        "mu": ("L",),
        "var": ("L",),
        "delta": (),
        "hhat": ("N", "L"),
        "gamma": ("L",),
        "beta": ("L",),
        "y": ("N", "L"),
        "a": ("N", "L"),
        "u": ("N", "L"),
        "v": ("L",),
    },
    spellings={r"\sigma^2": "var", r"\hat{h}": "hhat", r"\mathcal{L}": "loss", r"\mathit{w}": "W"},
    loss="loss",
    functions={"ReLU": "relu", r"\operatorname{ReLU}": "relu"},
    inputs=frozenset({"X", "W", "b", "gamma", "beta", "delta"}),
)


@pytest.fixture(scope="session")
def bn() -> Symbols:
    """The batch-norm symbol table."""
    return BATCHNORM


@pytest.fixture
def reading() -> Callable:
    """reading(markdown) -> the Reading of a document with the batch-norm context."""
    return lambda text: read(text, BATCHNORM, "doc.md")


def tree(text: str, symbols: Symbols = BATCHNORM):
    """The tree of one expression in LaTeX, its bare sums bound."""
    return bind_sums((parse(tokenize(text), symbols),))[0]


@pytest.fixture
def reads_as() -> Callable[[str], str]:
    """reads_as(maths) -> the expression language the batch-norm parser reads it as."""
    return lambda text: to_language(tree(text), BATCHNORM)


@pytest.fixture
def refusal() -> Callable[[str], tuple[str, int]]:
    """refusal(maths) -> the message and the offset of the TexError it is refused with."""

    def refuse(text: str) -> tuple[str, int]:
        with pytest.raises(TexError) as exc:
            tree(text)
        return exc.value.message, exc.value.span.start

    return refuse
