"""Names with their scripts: what a symbol of the maths reader stands for, its subscript read
as indices against the tensor's axes, and its power and primes.

`Names` is the layer of the parser (`symbn.language.latex.texmath.Parser`) between the cursor
and the grammar: `h_{kl}` is h[k, l] when h has two axes and k, l are declared indices (commas
always split), `\\sigma^2_l` is the name `var` when `\\sigma^2` is a spelling (else a power),
a size in a subscript is the last position, and a lone index letter is a `Letter`.
"""

from __future__ import annotations

from symbn.language.latex import bars, bracketed, picked, unread
from symbn.language.latex.applied import applied_at
from symbn.language.latex.cursor import Cursor
from symbn.language.latex.shapes import is_whole
from symbn.language.latex.subscripts import index_of, moved_of, one_per_axis, positions
from symbn.language.latex.symbols import ARG_COMMANDS, spelling_key
from symbn.language.latex.texlex import Token
from symbn.language.latex.tree import (
    Call,
    Diff,
    Index,
    LabelAt,
    Letter,
    Node,
    Num,
    Pow,
    Prime,
    Ref,
    Transpose,
)
from symbn.source.positions import TexError

#: Superscripts that mean the transpose whatever they are written on (`^T` too, where T
#: is not a name or the base is a matrix).
TRANSPOSES = frozenset(
    {"\\top", "\\intercal", "\\mathsf { T }", "\\mathrm { T }", "\\mathtt { T }", "\\textsf { T }"}
)


#: Why a slice in a subscript is not read.
SLICE = "{} is sliced here (a range of positions such as x_{{1:d}}), which is not read"


class Names(Cursor):
    """Reading the scripts after an atom, and a name with its subscript as indices."""

    def read_scripts(self) -> tuple[tuple[int, int] | None, tuple[int, int] | None, int]:
        sub = sup = None
        primes = 0
        while (tok := self.peek()) is not None:
            if tok.kind == "sub" and sub is None:
                self.pos += 1
                sub = self.script_arg(tok)
            elif tok.kind == "sup" and sup is None and primes == 0:
                self.pos += 1
                sup = self.script_arg(tok)
            elif tok.kind == "symbol" and tok.text == "'" and sup is None:
                self.pos += 1
                primes += 1
            elif tok.kind in ("sub", "sup"):
                raise TexError(f"a second {tok.text} on the same symbol; use braces", tok.span)
            else:
                break
        return sub, sup, primes

    def script_arg(self, mark: Token) -> tuple[int, int]:
        if self.peek() is None:
            raise TexError(f"{mark.text} needs an argument", mark.span)
        lo, hi = self.group()
        tok = self.t[lo]
        nxt = self.peek()
        if hi - lo == 1 and tok.text in ARG_COMMANDS and nxt is not None and nxt.kind == "open":
            hi = self.pos = self.b.groups[self.pos] + 1  # _\mathcal{B}: the command's group too
        if hi - lo == 1 and tok.kind == "number" and len(tok.text) > 1 and self.t[lo - 1] is mark:
            raise TexError(
                f"{mark.text}{tok.text} means {mark.text}{tok.text[0]} then "
                f"{tok.text[1:]} in TeX; write {mark.text}{{{tok.text}}}",
                tok.span,
            )
        return lo, hi

    def scripts(self, node: Node, first: int) -> Node:
        """Powers and primes on an atom that is not a name; a subscript picks an element."""
        if bars.at(self.t, self.pos - 2, self.hi) is not None:  # \left. f \right|_{z=0}
            return self.at_point(node, self.pos - 2)
        sub, sup, primes = self.read_scripts()
        if sub is not None:
            node = picked.element(self, node, sub, first)
        return self.finish(node, sup, primes, first)

    def finish(self, node: Node, sup: tuple[int, int] | None, primes: int, first: int) -> Node:
        if primes > 1:
            raise TexError("second derivatives (u'') are not read", self.span_from(first))
        if primes and self.s.notation.get("prime") == "transpose" and is_whole(node, self.s):
            node = Transpose(node, span=self.span_from(first))  # X' where ' is the transpose
        elif primes:
            node = Prime(node, span=self.span_from(first))
        if sup is not None and self.transposes(node, sup):
            return Transpose(node, span=self.span_from(first))
        if sup is not None and self.t[sup[0]].text in ("\\odot", "\\circ") and sup[1] > sup[0] + 1:
            sup = (sup[0] + 1, sup[1])  # A^{\odot 2}: the elementwise power
        if sup is not None and isinstance(node, Ref) and self.zero(*sup):
            raise TexError(
                "a superscript 0 or in square brackets on a name is a position (h^0) or a "
                "layer (A^{[l]}), not a power; positions start at 1",
                self.span_of(*sup),
            )
        if sup is not None:
            node = Pow(node, self.whole(*sup), span=self.span_from(first))
        return node

    def zero(self, lo: int, hi: int) -> bool:
        """Whether a superscript is 0 or a label in brackets (`h^0`, `h^{(0)}`, `A^{[l]}`)."""
        texts = [t.text for t in self.t[lo:hi]]
        return texts in (["0"], ["(", "0", ")"]) or (texts[:1] == ["["] and texts[-1:] == ["]"])

    def transposes(self, node: Node, sup: tuple[int, int]) -> bool:
        """Whether the superscript `sup` on `node` is a transpose: `^\\top`, `^\\intercal`,
        `^{\\mathsf{T}}`, `^T` on a matrix-level node or where T is not a name, `^t` where the
        context's [notation] says `transpose = "t"` and t is no name or index letter."""
        key = spelling_key(self.t[sup[0] : sup[1]])
        if key in TRANSPOSES:
            return True
        if key == "t" and self.s.notation.get("transpose") == "t":
            return self.s.name("t") is None and "t" not in self.s.indices
        if key != "T":
            return False
        return self.s.name("T") is None or is_whole(node, self.s)

    def loose_exponent(self, sup: tuple[int, int], sub: tuple[int, int], lo: int) -> Node | None:
        """`e^z_j` where e names nothing and z is a vector: the subscript can belong only
        to the exponent, so it is exp(z_j); None for any other e with both scripts."""
        toks = self.t[sup[0] : sup[1]]
        if len(toks) != 1 or toks[0].kind != "letter":
            return None
        vector = self.s.name(toks[0].text)
        if vector is None or self.s.kind(vector) != "tensor" or len(self.s.shape(vector)) != 1:
            return None
        span = self.span_from(lo)
        ref = Ref(vector, "tensor", self.indices(vector, toks[0].text, *sub), span=span)
        return Call("exp", ref, span=span)

    def named(self, lo: int, hi: int) -> Node:
        """The symbol spelled by tokens[lo:hi], with its scripts."""
        base = spelling_key(self.t[lo:hi])
        sub, sup, primes = self.read_scripts()
        unread.expectation(base, self.t, sub, self.span_from(lo))  # E_{x \\sim p}
        name, sub, sup = self.spelled_with_scripts(base, sub, sup)
        if name is None and sub is not None:  # A_{1,ij}, u_{ft}: a label, then indices
            name, sub = self.labelled(base, *sub)
        name = name or self.s.name(base)
        written = "".join(t.text for t in self.t[lo:hi])
        if len(written) > 40:
            written = written[:39] + "…"
        if name is None and base == "e" and sup is not None and sub is None and not primes:
            power = self.whole(*sup)  # e^{x}, where e names nothing: the exponential
            return Call("exp", power, span=self.span_from(lo))
        if name is None and base == "\\pi" and sub is None and not primes:  # the constant
            return self.finish(Num("pi", span=self.span_from(lo)), sup, primes, lo)
        if name is None and base == "e" and sup is not None and sub is not None and not primes:
            loose = self.loose_exponent(sup, sub, lo)  # e^z_j: e^{z_j}
            if loose is not None:
                return loose
        if name is None and sub is not None and f"{base}_" in self.s.gradients:
            return self.subscripted_gradient(base, sub, sup, primes, lo)
        if name is None:
            tok = self.t[lo]
            if tok.kind == "letter" and tok.text in self.s.indices and sub is None:
                if sup is not None or primes:
                    raise TexError(f"the index {tok.text} stands outside a subscript", tok.span)
                return Letter(tok.text, span=tok.span)
            raise TexError(unread.unknown(written, self.t[lo:hi]), self.span_of(lo, hi))
        upper = None if sup is None else self.upper(name, written, *sup)
        if sub is None and upper is None and (total := self.s.total(name)) is not None:
            name = total  # L beside L^t: the total
        kind = self.s.kind(name)
        indices: tuple[Index, ...] = ()
        if upper is not None:  # h^{(t)}_j, a^t, Q^{ia}: the leading axes, then the subscript
            sup = None
            rest = self.indices(name, written, *sub, first=len(upper)) if sub is not None else ()
            axes = len(self.s.shape(name))  # x^{(i)} alone: the row i of x, as x_i is
            if len(rest) + len(upper) != axes and (sub is not None or len(upper) > axes):
                raise TexError(
                    f"{written} gives {len(upper)} ax{'is' if len(upper) == 1 else 'es'} of "
                    f"{name} in its superscript; write the indices of its other axes as a "
                    "subscript, as in h^{(t)}_j",
                    self.span_from(lo),
                )
            indices = (*upper, *rest)
        elif sub is not None:
            indices = self.indices(name, written, *sub)
        elif (rows := self.numpy_rows()) is not None:
            indices = self.indices(name, written, *rows)
        node = Ref(name, kind, indices, span=self.span_from(lo))
        nxt = self.peek()
        called = nxt is not None and nxt.text == "(" and nxt.start == self.t[self.pos - 1].end
        defined = self.s.called.get(" ".join(t.text for t in self.t[lo : self.pos]))
        if called and (kind == "loss" or not indices or defined):  # J(w, b), l(f(x), y)
            loss = kind == "loss"
            self.pos = applied_at(self.t, self.pos, written, lo, loss=loss, defined=defined)
        return self.finish(node, sup, primes, lo)

    def spelled_with_scripts(
        self, base: str, sub: tuple[int, int] | None, sup: tuple[int, int] | None
    ) -> tuple[str | None, tuple[int, int] | None, tuple[int, int] | None]:
        """The name a spelling with its scripts has in the context (`\\sigma^2`, a label
        `W_1` or `W^{[1]}`, `\\sigma^2_1`), and the scripts left to read; None, all of them
        left, when the context spells no such name."""
        name = None
        if sub is not None and sup is not None:  # w_5^{+}: one name with both scripts
            label = f"_ {{ {spelling_key(self.t[sub[0] : sub[1]])} }}"
            power = f"^ {{ {spelling_key(self.t[sup[0] : sup[1]])} }}"
            name = self.s.name(f"{base} {label} {power}")
            if name is not None:
                return name, None, None
        if sup is not None:
            name = self.s.name(f"{base} ^ {{ {spelling_key(self.t[sup[0] : sup[1]])} }}")
            if name is not None:
                sup = None
        if name is None and sub is not None:  # a label: W_1, W^{[1]} named in the context
            label = f"_ {{ {spelling_key(self.t[sub[0] : sub[1]])} }}"
            name = self.s.name(f"{base} {label}")
            if name is None and sup is not None:  # \sigma^2_1 and \sigma_1^2: var1
                power = f"^ {{ {spelling_key(self.t[sup[0] : sup[1]])} }}"
                name = self.s.name(f"{base} {power} {label}") or self.s.name(
                    f"{base} {label} {power}"
                )
                sup = None if name is not None else sup
            if name is not None:
                sub = None
        return name, sub, sup

    def numpy_rows(self) -> tuple[int, int] | None:
        """`G[i,:]` (NumPy's slice, written against a name): the indices before the colons,
        as tokens[lo:hi], the cursor moved past the bracket; the name is read as the slice
        at those leading indices, as `g_i` is. None, and nothing taken, for any other `[`."""
        a = self.pos
        if a >= self.hi or self.t[a].text != "[" or self.t[a].start != self.t[a - 1].end:
            return None
        b = a + 1
        while b + 1 < self.hi and self.t[b].kind == "letter" and self.t[b + 1].text == ",":
            b += 2
        c = b
        while c + 1 < self.hi and self.t[c].text == ":" and self.t[c + 1].text in (",", "]"):
            c += 2
        if b == a + 1 or c == b or self.t[c - 1].text != "]":
            return None
        self.pos = c
        return a + 1, b - 1

    def labelled(self, base: str, lo: int, hi: int) -> tuple[str | None, tuple[int, int]]:
        """`A_{1,ij}`: the name `A_1` (a layer's label) with the indices after the comma, when
        `A_1` is a name with axes; else no name and the subscript as it was."""
        parts = self.pieces(lo, hi)
        if len(parts) == 1:
            return self.gate_labelled(base, lo, hi)
        if len(parts) < 2 or parts[1][0] >= parts[1][1]:
            return None, (lo, hi)
        (a, b), (c, _) = parts[0], parts[1]
        name = self.s.name(f"{base} _ {{ {spelling_key(self.t[a:b])} }}")
        if name is None or not self.s.shape(name):
            return None, (lo, hi)
        return name, (c, hi)

    def gate_labelled(self, base: str, lo: int, hi: int) -> tuple[str | None, tuple[int, int]]:
        """`u_{ft}`, `W_{oi}`: the name `u_f` (a gate's label, the leading letters) with the
        index letters after it, when `u_f` is a name with axes; else no name and the
        subscript as it was."""
        toks = self.t[lo:hi]
        if len(toks) < 2 or not all(t.kind == "letter" for t in toks):
            return None, (lo, hi)
        for cut in range(len(toks) - 1, 0, -1):
            name = self.s.name(f"{base} _ {{ {spelling_key(toks[:cut])} }}")
            if name is not None and len(self.s.shape(name)) == len(toks) - cut:
                return name, (lo + cut, hi)
        return None, (lo, hi)

    def subscripted_gradient(
        self, base: str, sub: tuple[int, int], sup: tuple[int, int] | None, primes: int, lo: int
    ) -> Node:
        """`G_Z` where the context's [gradients] gives the prefix `G_`: ∂loss/∂Z."""
        inner = self.sub(*sub)
        wrt = inner.atom()
        if inner.pos != sub[1] or not isinstance(wrt, Ref) or wrt.kind != "tensor":
            raise TexError(
                f"the subscript of {base} names the tensor of a gradient", self.span_of(*sub)
            )
        loss = self.s.gradients[f"{base}_"]
        grad = Diff(Ref(loss, self.s.kind(loss)), wrt, "partial", span=self.span_from(lo))
        return self.finish(grad, sup, primes, lo)

    def upper(self, name: str, written: str, lo: int, hi: int) -> tuple[Index, ...] | None:
        """The indices a superscript gives a tensor's leading axes (None: it is a power):
        the step of `h^{(t)}`, `h^{(t-1)}` in parentheses; declared index letters, one per
        axis (`a^t`, `Q^{ia}`, the upper indices of tensor notation); or one index letter
        moved by a number (`h^{t-1}`); the size of the first axis when its index letter is
        its lower-case one (`a^L` beside `a^l`: the last layer). A number (`h^2`) or another
        size (`x^n`) is a power."""
        shape = self.s.shape(name)
        toks = self.t[lo:hi]
        if not shape or not toks:
            return None
        what = f"the superscript of {written}"
        if len(toks) >= 3 and (toks[0].text, toks[-1].text) in (("(", ")"), ("[", "]")):
            return (self.position(lo + 1, hi - 1, shape[0], f"the step of {written}"),)
        if self.zero(lo, hi) and self.s.notation.get("positions") == "from 0":
            return (self.position(lo, hi, shape[0], what),)  # h^0: the first step
        if all(t.kind == "letter" and t.text in self.s.indices for t in toks):
            if len(toks) > len(shape):
                return None
            return tuple(
                self.position(n, n + 1, size, what)
                for n, size in zip(range(lo, hi), shape, strict=False)
            )
        moved = len(toks) == 3 and toks[1].text in "+-" and toks[2].kind == "number"
        if moved and toks[0].kind == "letter" and toks[0].text in self.s.indices:
            return (self.position(lo, hi, shape[0], what),)
        if len(toks) == 1 and toks[0].text == shape[0] != "T" and self._stepped(shape[0]):
            return (self.position(lo, hi, shape[0], what),)  # a^L: the last layer
        return None

    def _stepped(self, size: str) -> bool:
        """Whether an index letter over `size` is its lower-case letter (l over L): then a
        superscript L on a tensor along it is its last position, not a power."""
        return self.s.indices.get(size.lower()) == size

    def position(self, a: int, b: int, size: str | None, what: str) -> Index:
        """One index: a letter, number or size (`index_of`), or a moved position (`moved_of`:
        t-1 in a recurrence, i+k-1 in a convolution)."""
        toks = self.t[a:b]
        if len(toks) == 1:
            return index_of(toks[0], self.s, size, what)
        if len(toks) == 3 and toks[1].text == "=" and toks[0].kind == "letter":
            index_of(toks[0], self.s, size, what)  # y_{k=i}: y_k at k = i, which is y_i
            return self.position(a + 2, b, size, what)
        label = self.s.name(spelling_key(toks[:1]))
        if label in self.s.labels and toks[1].kind == "sub":  # y_n in P_{n,y_n}: a label
            if size is not None and self.s.labels[label] != size:
                raise TexError(
                    f"{toks[0].text} holds classes of {self.s.labels[label]}, but {what} has "
                    f"size {size}",
                    self.span_of(a, b),
                )
            lo, hi = (a + 3, b - 1) if toks[2].kind == "open" else (a + 2, b)
            at = self.indices(label, toks[0].text, lo, hi)
            return LabelAt(label, at, span=self.span_of(a, b))
        return moved_of(toks, self.s, what)

    def indices(
        self, name: str, written: str, lo: int, hi: int, *, first: int = 0
    ) -> tuple[Index, ...]:
        shape = self.s.shape(name)[first:]
        what = f"{written}"
        if any(t.text == ":" for t in self.t[lo:hi]):  # x_{1:d}, x_{d_1+1:end}: a slice
            raise TexError(SLICE.format(written), self.span_of(lo, hi))
        if not shape:
            raise TexError(f"{written} has no axes; it takes no subscript", self.span_of(lo, hi))
        parts = self.pieces(lo, hi)
        if (
            len(parts) == 1
            and hi - lo == len(shape) > 1
            and all(
                (self.t[n].kind == "letter" and self.t[n].text in self.s.indices)
                or positions(self.t[lo:hi])  # x_{i1}: row i, column 1
                for n in range(lo, hi)
            )
        ):
            parts = [(n, n + 1) for n in range(lo, hi)]
        spread = one_per_axis(self.t[lo:hi], self.s, len(shape)) if len(parts) == 1 else None
        if spread is not None and len(parts) < len(shape):  # w_{1m}, w_{nm}: row, then column
            pairs = enumerate(zip(spread, shape, strict=True))
            return tuple(
                index_of(t, self.s, z, f"axis {n + first + 1} of {what}") for n, (t, z) in pairs
            )
        sliced = not first and all(self.t[a].kind == "letter" for a, _ in parts)
        sliced = sliced and self.t[lo - 2].arg != bracketed.MARK  # h[k]: no slice of h
        if len(parts) > len(shape) or (len(parts) < len(shape) and not sliced):
            axes = " × ".join(shape)
            given = "".join(t.text for t in self.t[lo:hi])
            raise TexError(
                f"{written} has {len(shape)} ax{'is' if len(shape) == 1 else 'es'} "
                f"({axes}) but the subscript {given!r} gives {len(parts)}; separate "
                "indices with commas, as in h_{k,l}",
                self.span_of(lo, hi),
            )
        out = []
        for n, ((a, b), size) in enumerate(zip(parts, shape[: len(parts)], strict=True)):
            if b <= a:
                raise TexError(
                    f"axis {n + first + 1} of {what}: an index is one letter, number or size",
                    self.span_of(lo, hi),
                )
            out.append(self.position(a, b, size, f"axis {n + first + 1} of {what}"))
        return tuple(out)
