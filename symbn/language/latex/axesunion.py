"""Axes of unknown size joined into classes: the union-find under the shape solver
(`symbn.language.latex.solve`), each class with the size that names it, if one does.

An axis is a number; `UNIT` is an axis of length one, never joined to another (a row vector
is (UNIT, n)). Two classes whose sizes the inference named itself (`n_i`) may be made one,
the second a spelling of the first; two sizes the document names made one break the class.
"""

from __future__ import annotations

from itertools import count

Axes = tuple[int, ...]
UNIT = 0  # an axis of length one (a row vector is (UNIT, n)); never joined to another


class AxisClasses:
    """A union-find over axes, each class with the size that names it, if one does."""

    def __init__(self, invented: frozenset[str] = frozenset()) -> None:
        self.parent: dict[int, int] = {}
        self.size: dict[int, str] = {}
        self.invented = invented  # sizes the inference named (n_i): one may be another
        self.alias: dict[str, str] = {}  # an invented size -> the size it is one with
        self.broken: set[int] = set()
        self.settled: set[int] = set()  # classes the definitions keep apart
        self._ids = count(1)

    def new(self, size: str | None = None) -> int:
        n = next(self._ids)
        self.parent[n] = n
        if size is not None:
            self.size[n] = size
        return n

    def root(self, n: int) -> int:
        while self.parent[n] != n:
            self.parent[n] = self.parent[self.parent[n]]
            n = self.parent[n]
        return n

    def join(self, a: int, b: int) -> None:
        if UNIT in (a, b):
            return
        ra, rb = self.root(a), self.root(b)
        if ra == rb or (ra in self.settled and rb in self.settled):
            return
        if rb in self.settled:  # a settled class stays a root, so two stay apart
            ra, rb = rb, ra
        self.parent[rb] = ra
        sa, sb = self.named(self.size.get(ra)), self.named(self.size.pop(rb, None))
        if sa is not None and sa == sb:
            sb = None  # one size, under its name and a name made one with it
        if sa is not None and sb is not None and sa != sb and {sa, sb} & self.invented:
            kept, gone = (sa, sb) if sb in self.invented else (sb, sa)
            self.alias[gone] = kept  # n_j, which the document never names, is i's size
            self.size[ra] = kept
            sb = None
        elif sa is not None and sb is not None and sa != sb:
            self.broken.add(ra)  # two named sizes made one: the names' shapes are in doubt
        if sb is not None and sa is None:
            self.size[ra] = sb
        if rb in self.broken:
            self.broken.add(ra)

    def named(self, size: str | None) -> str | None:
        """The size an invented size was made one with (itself when none), so that no
        alias is ever written both ways."""
        while size is not None and size in self.alias:
            size = self.alias[size]
        return size

    def fits(self, a: int, b: int) -> bool:
        """Whether two axes may be one (not two different named sizes)."""
        sa, sb = self.size.get(self.root(a)), self.size.get(self.root(b))
        return a == b or (UNIT not in (a, b) and (sa is None or sb is None or sa == sb))


def column(s: Axes) -> Axes:
    return (s[0], UNIT) if len(s) == 1 else s


def uncolumn(s: Axes) -> Axes:
    if s == (UNIT, UNIT):
        return ()
    return (s[0],) if len(s) == 2 and s[1] == UNIT else s


def squeeze(s: Axes) -> Axes:
    return tuple(a for a in s if a != UNIT)
