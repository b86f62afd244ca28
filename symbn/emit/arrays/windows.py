"""Elements at moved positions as array views: shifted, strided and flipped slices, and
sliding windows.

An element at a moved position, `x[n, c, 2*i + k - 3]`, read over every value of its
indices is an array with one axis per index: along x's last axis, the position moves by 2
per step of i and by 1 per step of k. That is a window view: x padded with zeros (an
element off its axis is zero), cut into windows of K consecutive elements (along k), every
second window (along i). A position with one index is a slice (`h[t - 1]`: shifted by one,
`w[K - k + 1]`: reversed, `x[2*i]`: strided); with two, one of them must move it by 1 or -1
(the window) and the other by any nonzero step. Positions that move by more indices, or by
two that both step by more than 1, have no such view: `VectorizeError`, naming them.

The generated module computes each view with the helper `_window` (its source, in each
array library, is `arrays.windowcode`'s): it pads only as much as the positions read off
the axis, so a view reads the array itself where no padding is needed.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from symbn.emit.arrays.vectorize import Term, VectorizeError, Vectorizer
from symbn.language import relations
from symbn.language.indices import Index

#: The name the generated code calls the view helper by (`arrays.windowcode` has its source).
NAME = "_window"


class NoViewError(VectorizeError):
    """The position has no window view."""


@dataclass(frozen=True)
class Window:
    """Along one axis: the elements at 0-based `first` + `step`*u (u over `along`'s range)
    and, for a window, + v on a new last axis (v over `inner`'s range, reversed when the
    position moves by -1 per step of it)."""

    first: sp.Expr
    step: int
    along: Index | None
    inner: Index | None = None
    reversed: bool = False


def window(at: sp.Expr) -> Window:
    """The view that reads the 1-based position `at` along its axis."""
    terms = relations.linear(at)
    if terms is None:
        raise NoViewError(f"the position {at} is not an integer linear form")
    moving = {x: int(c) for x, c in terms.items() if isinstance(x, Index)}
    rest = sp.Add(*[c * x for x, c in terms.items() if not isinstance(x, Index)])
    ones = sorted((x for x, c in moving.items() if c in (1, -1)), key=sp.default_sort_key)
    if len(moving) > 2 or (len(moving) == 2 and not ones):
        raise NoViewError(
            f"the position {at} moves by more than one index with a step other than 1 or -1: "
            "it has no window view"
        )
    if not moving:  # a position of sizes and numbers only, such as L - 1
        return Window(sp.expand(rest - 1), 1, None)
    if len(moving) == 1:
        ((u, a),) = moving.items()
        return Window(sp.expand(a + rest - 1), a, u)
    v = ones[-1]
    (u,) = [x for x in moving if x != v]
    a, b = moving[u], moving[v]
    first = sp.expand(a + b + rest - 1)  # the 0-based position at u = v = 1
    if b == -1:  # the window runs backwards: read it forwards from its far end, reversed
        return Window(sp.expand(first - v.size + 1), a, u, v, reversed=True)
    return Window(first, a, u, v)


def view(name: str, indices: tuple, printed, reverse) -> tuple[str, list]:
    """Code for the view of the array `name` at `indices` whose moved positions are
    windows, and the index (or None, for a selected position) of each of its dims.
    `printed(e)` is the code of a scalar expression of sizes and numbers, `reverse(code)`
    the code of an array reversed along its last axis."""
    code = name
    dims: list = list(indices)
    tail: list = []  # the window axes, appended last
    for axis in reversed(range(len(indices))):
        at = indices[axis]
        if not relations.position(at):
            continue
        win = window(at)
        count = "1" if win.along is None else str(win.along.size)
        args = [code, str(axis), printed(win.first), str(win.step), count]
        if win.inner is not None:
            args.append(str(win.inner.size))
        code = f"{NAME}({', '.join(args)})"
        if win.reversed:
            code = reverse(code)
        dims[axis] = win.along if win.along is not None else sp.S.One  # its one element
        if win.inner is not None:
            tail.append(win.inner)
    return code, dims + tail


def strided(e: sp.Sum) -> tuple[sp.Indexed, int, Index, sp.Expr] | None:
    """In a sum such as sum_i g_i w_(p - 2i + 3) (a transposed strided convolution), the
    element w whose position steps by more than 1 along a summed index i and by 1 or -1
    along a free one: (w, its axis, i, the position). Such a window would run over every
    output position (count times width), where the dilated form runs over the kernel.
    Only where the two steps have opposite signs: with the same signs (x_(2i + q - 3), a
    kernel's gradient) the element's axis spans both ranges, at least as long as i's, and
    the direct window is the cheaper."""
    bound = {lim[0] for lim in e.limits}
    for f in sp.Mul.make_args(e.function):
        moved = [n for n, at in enumerate(getattr(f, "indices", ())) if relations.position(at)]
        if not isinstance(f, sp.Indexed) or len(moved) != 1 or f.base.shape is None:
            continue
        at = f.indices[moved[0]]
        terms = {x: c for x, c in (relations.linear(at) or {}).items() if isinstance(x, Index)}
        steps = [x for x, c in terms.items() if x in bound and abs(c) > 1]
        ones = [x for x, c in terms.items() if x not in bound and abs(c) == 1]
        opposite = len(terms) == 2 and sp.Mul(*terms.values()) < 0
        if opposite and len(steps) == 1 and len(ones) == 1:
            i = steps[0]
            others = [g for g in sp.Mul.make_args(e.function) if g is not f]
            elsewhere = any(x.has(i) for n, x in enumerate(f.indices) if n != moved[0])
            if not elsewhere and all(
                isinstance(g, sp.Indexed) and i in g.indices and not relations.moves(g)
                for g in others
                if g.has(i)
            ):
                return f, moved[0], i, at
    return None


class WindowVectorizer(Vectorizer):
    """The array printer, with elements at moved positions printed as window views (the
    helpers `_window` and `_dilate` of `arrays.windowcode`, in the printer's library)."""

    def __init__(self, order, **kwargs):
        super().__init__(order, **kwargs)
        self.aliases: dict[str, str] = {}  # a placeholder array's name -> its array's code

    def _print_Sum(self, e: sp.Sum) -> Term:
        """sum_i g_i w_(p - S i + c) = sum_k w_k d_(p - k + c - S + 1): d is g with S - 1
        zeros between its elements (`_dilate`), read through a window as wide as the
        kernel; other sums as the NumPy printer writes them."""
        found = strided(e)
        if found is None:
            return super()._print_Sum(e)
        w, axis, i, at = found
        terms = relations.linear(at) or {}
        a = int(terms[i])
        k = Index(f"_dilated_{i}", w.base.shape[axis])
        dep = [g for g in sp.Mul.make_args(e.function) if g.has(i) and g is not w]
        rest = [g for g in sp.Mul.make_args(e.function) if not g.has(i) and g is not w]
        t = self.term(sp.Mul(*dep))
        name = f"_dilated{len(self.aliases)}"
        step, sign = abs(a), -1 if a > 0 else 1  # S i = sign (at - a i - k)
        self.aliases[name] = f"_dilate({t.code}, {t.axes.index(i)}, {step})"
        place = sp.expand(sign * (at - a * i - k) - step + 1)  # where g_i stands in d
        spread = sp.IndexedBase(name)[tuple(place if x == i else x for x in t.axes)]
        kept = w.func(w.base, *[k if n == axis else x for n, x in enumerate(w.indices)])
        limits = [(x, 1, x.size) for x in [lim[0] for lim in e.limits] if x != i] + [(k, 1, k.size)]
        return self._print(sp.Sum(sp.Mul(*rest, kept, spread), *limits))

    def reverse(self, code: str) -> str:
        """Code for the array `code` reversed along its last axis."""
        return f"{code}[..., ::-1]"

    def _einsum(self, terms: list[Term], out: tuple) -> str:
        """An einsum over a window view is a matrix product (`optimize`), not a loop."""
        code = super()._einsum(terms, out)
        if len(terms) == 2 and any(f"{NAME}(" in t.code for t in terms):
            code = code[:-1] + f"{self.einsum_options})"
        return code

    def _print_Indexed(self, e: sp.Indexed) -> Term:
        if not any(relations.position(i) for i in e.indices):
            return super()._print_Indexed(e)
        name = str(e.base.label)
        array = self.aliases.get(name, name)  # a placeholder's array is computed
        code, dims = view(array, tuple(e.indices), lambda x: self.term(x).code, self.reverse)
        slots = [
            ":" if isinstance(i, Index) else "-1" if i.is_Symbol else str(int(i) - 1) for i in dims
        ]  # a size is its last position
        if any(s != ":" for s in slots):
            code = f"{code}[{', '.join(slots)}]"
        axes = tuple(i for i in dims if isinstance(i, Index))
        if len(set(axes)) == len(axes):
            return Term(code, axes)
        seen = self.sorted_axes(axes)  # an index in two positions: the diagonal
        spec = "".join(self.letter(a) for a in axes) + "->" + "".join(map(self.letter, seen))
        return Term(self.call("einsum", f'"{spec}"', code), seen)

    def _print_KroneckerDelta(self, e: sp.KroneckerDelta) -> Term:
        if any(relations.position(x) for x in e.args):
            raise VectorizeError(f"the delta {e} of a moved position has no array form yet")
        return super()._print_KroneckerDelta(e)

    def _print_Iverson(self, e: sp.Expr) -> Term:
        inherited = getattr(super(), "_print_Iverson", None)
        if inherited is not None:
            return inherited(e)
        raise VectorizeError(f"the relation {e} (an Iverson bracket) has no array form yet")
