"""Names a document gives to gradients: after `G_Z = ∂L/∂Z` (read as
`G_Z[i, p] = diff(L, Z[i, p])`), a line that writes `G_Z` means that derivative.

A definition cannot take a derivative (`symbn.language.defining` leaves such a line out,
unchecked), so each later claim is read with the name replaced by the derivative it
names, its indices put in their places: `G_Z[n, c]` is `diff(L, Z[n, c])`. Only a name
defined as a derivative by one element, at index letters that are those of the element,
is such a name, or a scalar defined as the derivative of a scalar by a scalar (`dw =
∂L/∂w`, the name code gives it: a later `dw` alone is that derivative), or one defined as
a product of such a derivative with factors at the same letters (`δ^L_j = ∂C/∂a^L_j
σ'(z^L_j)`, as the backprop book defines the output layer's error); the claims above its
line do not see it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from symbn.language.defining import Left
from symbn.language.latex.claims import Claim
from symbn.source.context import Context

#: `G_Z[i, p]`: a name at index letters.
_NAMED = re.compile(r"^(\w+)\[([^\[\]]*)\]$")
#: `diff(L, Z[i, p])`: the loss's derivative by one element.
_GRADIENT = re.compile(r"^diff\((\w+), (\w+)\[([^\[\]]*)\]\)$")
#: `dw`: a name written alone, and `diff(L, w)`, the derivative by a name written alone.
_ALONE = re.compile(r"^(\w+)$")
_BY_NAME = re.compile(r"^diff\((\w+), (\w+)\)$")


@dataclass(frozen=True)
class Alias:
    """`name[letters] = diff(loss, target[at])`, written at `line`."""

    name: str
    letters: tuple[str, ...]
    loss: str
    target: str
    at: tuple[str, ...]
    line: int
    #: a product with a derivative instead (`δ^L_j = ∂C/∂a^L_j σ'(z^L_j)`): its text
    body: str = ""

    def of(self, args: tuple[str, ...]) -> str:
        """The derivative (or the product with one) that name[args] stands for."""
        if not self.letters and not self.body:  # dw = ∂L/∂w, both written alone
            return f"diff({self.loss}, {self.target})"
        given = dict(zip(self.letters, args, strict=True))
        if self.body:
            at = re.compile(rf"\b({'|'.join(map(re.escape, self.letters))})\b")
            return f"({at.sub(lambda m: given[m.group(1)], self.body)})"
        return f"diff({self.loss}, {self.target}[{', '.join(given[x] for x in self.at)}])"


def _indices(text: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in text.split(","))


def scalars(context: Context) -> frozenset[str]:
    """The names of a context's inputs and definitions that are scalars."""
    return frozenset(t.name for t in (*context.inputs, *context.defined) if not t.shape)


def aliases(left: list[Left], scalars: frozenset[str] = frozenset()) -> list[Alias]:
    """The derivatives by one element that the left-out definitions name, and those by a
    scalar of `scalars` that a scalar of them names (`dw = ∂L/∂w`, as code names it)."""
    out = []
    for x in left:
        named, gradient = _NAMED.match(x.claim.lhs.strip()), _GRADIENT.match(x.claim.rhs.strip())
        if named is not None and gradient is None:
            out += _product(x, named)
            continue
        alone, by = _ALONE.match(x.claim.lhs.strip()), _BY_NAME.match(x.claim.rhs.strip())
        if alone is not None and by is not None:
            name, (loss, target) = alone.group(1), by.groups()
            if {name, loss, target} <= scalars and name not in (loss, target):
                out.append(Alias(name, (), loss, target, (), x.claim.where.line))
                continue
        if named is None or gradient is None:
            continue
        letters, at = _indices(named.group(2)), _indices(gradient.group(3))
        if len(set(letters)) == len(letters) and sorted(letters) == sorted(at):
            name, target = named.group(1), gradient.group(2)
            out.append(Alias(name, letters, gradient.group(1), target, at, x.claim.where.line))
    return out


def _product(x: Left, named: re.Match[str]) -> list[Alias]:
    """The name a left-out definition gives a product with a derivative, `δ^L_j =
    ∂C/∂a^L_j σ'(z^L_j)` (none when it adds or sums, or reads an index it is not written
    at: a letter of its own would be captured where it is put)."""
    letters, body = _indices(named.group(2)), x.claim.rhs.strip()
    read = {i for group in re.findall(r"\[([^\[\]]*)\]", body) for i in _indices(group)}
    plain = not any(f"{f}(" in body for f in ("sum", "Delta", "If", "mean"))
    plain = plain and " + " not in body and " - " not in body  # a product, nothing added
    if "diff(" not in body or not plain or len(set(letters)) != len(letters):
        return []
    if not read <= set(letters) | {x for x in read if x.isdigit()}:
        return []
    return [Alias(named.group(1), letters, "", "", (), x.claim.where.line, body)]


def read_through(c: Claim, names: list[Alias]) -> Claim:
    """The claim with each name a line above it gave a gradient replaced by that gradient."""
    for a in names:
        if a.line >= c.where.line:
            continue
        if not a.letters and not a.body:  # dw alone: never dw[i] nor dw(…)
            alone = re.compile(rf"\b{re.escape(a.name)}\b(?![\[(])")
            put = f"({a.of(())})"
            c = replace(
                c,
                lhs=alone.sub(put, c.lhs),
                rhs=alone.sub(put, c.rhs),
                first=alone.sub(put, c.first) if c.first else None,
            )
            continue
        pattern = re.compile(rf"\b{re.escape(a.name)}\[([^\[\]]*)\]")

        def sub(text: str, a: Alias = a, pattern: re.Pattern[str] = pattern) -> str:
            return pattern.sub(
                lambda m: (
                    a.of(_indices(m.group(1)))
                    if len(_indices(m.group(1))) == len(a.letters)
                    else m.group(0)
                ),
                text,
            )

        c = replace(c, lhs=sub(c.lhs), rhs=sub(c.rhs), first=sub(c.first) if c.first else None)
    return c
