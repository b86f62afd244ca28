"""What the names of an expression mean in one derivation file: the scope the parser
(`symbn.language.parse`) and its walker (`symbn.language.walker`) read names in."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import sympy as sp

from symbn.language import labels
from symbn.language.assumptions import SimplexLabel, size_symbol
from symbn.language.indices import Index
from symbn.source.spec import Input, Letter, Size


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

    @classmethod
    def declared(cls, sizes: Iterable[Size], letters: Iterable[Letter]) -> Scope:
        """The sizes (each at least its `minimum`) and index letters of a derivation file
        or a document's context, as expressions know them."""
        scope = cls()
        for s in sizes:
            scope.sizes[s.name] = size_symbol(s.name, s.minimum)
        for i in letters:
            scope.indices[i.name] = Index(i.name, scope.sizes[i.size])
        return scope

    def declare_input(self, inp: Input) -> sp.Symbol | sp.IndexedBase:
        """Add input `inp`: real (positive when it says so), its entries a probability
        vector along its `simplex` axis if it has one, whole numbers in 1..range if it is a
        label (`symbn.language.labels`); its base is returned."""
        shape = tuple(self.sizes[s] for s in inp.shape)
        positive = inp.positive or None
        if inp.range is not None:
            base: sp.Symbol | sp.IndexedBase = labels.base(inp.name, self.sizes[inp.range], shape)
        elif inp.simplex is not None:
            label = SimplexLabel(inp.name, inp.shape.index(inp.simplex))
            base = sp.IndexedBase(label, shape=shape, positive=positive)
        elif shape:
            base = sp.IndexedBase(inp.name, shape=shape, real=True, positive=positive)
        else:
            base = sp.Symbol(inp.name, real=True, positive=positive)
        self.tensors[inp.name] = (base, shape)
        return base

    def declare_definition(
        self, name: str, shape: tuple[sp.Symbol, ...], body: sp.Expr | None = None
    ) -> None:
        """Add a defined tensor of `shape` (a real scalar when the shape is empty): a scalar
        whose `body` is never negative (a root, `σ = \\sqrt{…}`) is a nonnegative symbol,
        so that √(σ²) is σ."""
        sign = {"nonnegative": True} if body is not None and body.is_nonnegative else {}
        base = sp.IndexedBase(name, shape=shape) if shape else sp.Symbol(name, real=True, **sign)
        self.tensors[name] = (base, shape)
        self.definitions.add(name)
