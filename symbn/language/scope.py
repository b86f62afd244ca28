"""What the names of an expression mean in one derivation file, and how large an expression of
the language may be: the limits the parser (`symbn.language.parse`) and its walker
(`symbn.language.walker`) enforce.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy as sp

from symbn.language.indices import Index

MAX_LENGTH = 4000  # characters in one expression
MAX_DEPTH = 60  # nesting of syntax nodes
MAX_DIGITS = 30  # digits in one numeric literal
MAX_EXPONENT = 64  # |p| and q of an exponent p/q
MAX_NUMBER_DIGITS = 100  # digits of the numerator and the denominator of any number
MAX_SUM_INDICES = 8  # indices bound by one sum()
MAX_INDEX = 16  # a concrete index: the concrete check samples every size at least that large


@dataclass
class Scope:
    """What names mean inside expressions of one derivation file."""

    sizes: dict[str, sp.Symbol] = field(default_factory=dict)
    indices: dict[str, Index] = field(default_factory=dict)
    tensors: dict[str, tuple[sp.Symbol | sp.IndexedBase, tuple[sp.Symbol, ...]]] = field(
        default_factory=dict
    )  # name -> (symbol or base, shape as sizes)
    concrete: dict[sp.Symbol, int] = field(default_factory=dict)  # size -> largest literal index
    definitions: set[str] = field(default_factory=set)  # the tensors that are definitions

    def element(self, name: str, idx: tuple[sp.Expr, ...]) -> sp.Expr:
        base, _ = self.tensors[name]
        return base[idx] if idx else base
