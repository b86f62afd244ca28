"""Which notation each equation of a document is written in: index form, or matrix form
(`symbn.emit.matrix`) where the derivation asks for it and every side raises.

`notation` is the document's choice ("index" or "matrix"); None follows the source, each
definition and claim in its own `notation` ("index" where it says nothing; the model's for a
definition or claim that says nothing either). An equation is written in matrix form only
whole: when one of its sides has no exact matrix form, all of it stays in index form, and
the fallback is recorded (`fallbacks`) for the command to report.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp

from symbn.emit.latex import prose
from symbn.emit.matrix import spelled
from symbn.emit.matrix.raised import matrix_form
from symbn.emit.matrix.tree import Leaf, Tril, walk
from symbn.errors import InputError
from symbn.language.indices import Index
from symbn.language.model import Model

NOTATIONS = ("index", "matrix")
INDEX, MATRIX = NOTATIONS


def notation_of(source: object, default: str = INDEX) -> str:
    """The notation a model, definition or claim is written in."""
    return getattr(source, "notation", default) or default


def checked(notation: str | None) -> str | None:
    if notation is not None and notation not in NOTATIONS:
        raise InputError(f"unknown notation {notation!r}; expected index or matrix")
    return notation


class Forms:
    """The matrix LaTeX of the equations of one document that are shown in matrix form."""

    def __init__(self, model: Model, notation: str | None, names: dict[str, str]):
        self.model = model
        self.notation = checked(notation)
        self.names = names
        self.fallbacks: list[str] = []
        self.used = False
        self.masked = False  # a causal mask M_N is shown

    def wanted(self, source: object) -> bool:
        """`source` (a definition or claim) is to be shown in matrix form."""
        if self.notation is not None:
            return self.notation == MATRIX
        return notation_of(source, notation_of(self.model)) == MATRIX

    def equation(
        self, source: object, what: str, sides: Sequence[tuple[sp.Expr, Sequence[Index]]]
    ) -> list[str] | None:
        """The matrix LaTeX of each side of the equation `what`, if `source` is shown in
        matrix form and every side raises; else None (the index form is shown)."""
        if not self.wanted(source):
            return None
        nodes = [matrix_form(e, axes, self.model) for e, axes in sides]
        if any(n is None for n in nodes):
            self.fallbacks.append(
                f"{what} has no matrix form that symbn knows: shown in index form"
            )
            return None
        self.used = True
        self.masked |= any(isinstance(x, Tril) for n in nodes if n is not None for x in walk(n))
        return [spelled.latex(n, self.names) for n in nodes if n is not None]

    def tensor(self, name: str) -> str:
        """A declared tensor as a whole matrix: X, b_1."""
        return spelled.latex(Leaf(name, (sp.S.One, sp.S.One)), self.names)

    def note(self, fmt: str) -> str:
        """How the matrix forms of a document (`fmt`: tex or md) read."""

        def text(s: str) -> str:
            return prose.text(s, fmt)

        def math(s: str) -> str:
            return prose.math(s, fmt)

        note = (
            text("A vector is a column (")
            + math(r"n \times 1")
            + text(") and its transpose a row, ")
            + math(r"\mathbf{1}_{n}")
            + text(" the column of n ones and ")
            + math("I_{n}")
            + text(" the identity; ")
            + math(r"\odot")
            + text(", ")
            + math(r"\oslash")
            + text(", powers ")
            + math(r"A^{\odot k}")
            + text(" and functions of a matrix act on each element.")
        )
        if self.masked:
            note += (
                text(" ")
                + math(r"M_{n}")
                + text(" is the lower-triangular matrix of ones, ")
                + math(r"(M_{n})_{ij} = [j \le i]")
                + text(": the causal mask.")
            )
        layer = self.model.spec.layer
        if layer is not None:
            note += (
                text(" ")
                + math(r"\mathcal{L}")
                + text(" is the loss whose gradient at ")
                + math(self.tensor(layer.output))
                + text(" is ")
                + math(self.tensor(layer.upstream))
                + text(".")
            )
        return note
