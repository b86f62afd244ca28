"""What the names of an expression mean in one derivation file: the scope the parser
(`symbn.language.parse`) and its walker (`symbn.language.walker`) read names in."""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy as sp

from symbn.language.indices import Index


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
