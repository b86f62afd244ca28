"""The shapes of names a document writes whole (`XW`, `W^\\top`, `\\mathbf{1} b^\\top`),
solved from how its lines use them.

Each axis of such a name is an unknown size, and every use says something of them: a
juxtaposed product `A B` that cols(A) = rows(B); `A^\\top` swaps the two; `\\odot`, `+`
and `-` that the shapes are equal (a vector meeting a matrix is spread across its rows,
as `symbn.language.latex.shapes` reads it); the two sides of an equation that they are
equal; `\\partial L / \\partial W` and `dW` that they have W's shape; `\\mathbb{R}^{N
\\times D}`, `\\mathbf{1}_N` and index letters (`x_i`) fix sizes, and in a mean
`\\frac{1}{N} X^\\top \\mathbf{1}` the ones vector has N entries. A union-find over the
axes solves them; a size nothing names gets one of its own (`n_1`). A name whose
constraints conflict (two named sizes made one), or that nothing constrains, keeps no
shape; an upper-case letter used whole in a product that is still free after that is
taken for a matrix, and one used only as a scalar (`\\sqrt{E}`) for a size. A vector
nothing sizes (`\\mathbf{p} = W \\mathbf{x} + \\mathbf{y}` alone) keeps no shape.
"""

from __future__ import annotations

import copy
from itertools import count

from symbn.language.latex import conformance, tree
from symbn.language.latex.axesunion import UNIT, Axes, AxisClasses, column, squeeze, uncolumn
from symbn.language.latex.directional import moved
from symbn.language.latex.guess import aliased, all_scalar, scalar_letter
from symbn.language.latex.infer import Guess, Tensor
from symbn.language.latex.rows import Line, read_display
from symbn.language.latex.shapes import regrouped
from symbn.language.latex.symbols import PLACEHOLDER, Symbols
from symbn.source.document.markdown import Document

ELEMENTWISE = frozenset({"\\odot", "\\circ", "\\oslash"})


class _Solver:
    def __init__(
        self, symbols: Symbols, unknown: set[str], invented: frozenset[str] = frozenset()
    ) -> None:
        self.axes = AxisClasses(invented)
        self.s = symbols
        self.terms: dict[str, Axes | None] = {}
        for name, shape in symbols.tensors.items():
            known = name not in unknown
            self.terms[name] = tuple(self.axes.new(x) for x in shape) if known else None
        self.matrixish: set[str] = set()  # names juxtaposed or transposed whole
        self.biases: dict[str, str] = {}  # b of XW + b, of unknown shape: the product's first
        self.late = True  # guess a square matrix for r of r x = y (none of the lines says)
        self.changed = False

    def bind(self, name: str, shape: Axes) -> None:
        if self.terms.get(name, ()) is None:
            self.terms[name] = squeeze(shape)
            self.changed = True

    def same(self, a: Axes, b: Axes) -> Axes:
        """Two shapes said equal (a scalar beside either, a vector against a matrix's rows)."""
        a, b = (a, b) if len(squeeze(a)) >= len(squeeze(b)) else (b, a)
        sa, sb = squeeze(a), squeeze(b)
        if not sb:
            return a
        if len(sa) == len(sb):
            for x, y in zip(sa, sb, strict=True):
                self.axes.join(x, y)
        elif len(sa) == 2 and len(sb) == 1:  # across the rows, or the columns it fits
            first = self.axes.root(sa[0]) == self.axes.root(sb[0])
            if not first:
                self.axes.join(sa[1], sb[0])
        return a

    def matmul(self, op: str, a: Axes, b: Axes) -> Axes | None:
        if not a or not b:
            return a or b
        if len(a) == 1 and len(b) == 1:
            return None  # u v: an outer product or an elementwise one, unsaid
        if len(a) == 2 and len(b) == 1 and not (op == "" and self.axes.fits(a[1], b[0])):
            return self.same(a, b)  # a vector scaling a matrix
        if len(a) == 1 and len(b) == 2 and b[0] != UNIT:
            return self.same(a, b)
        ca, cb = column(a), column(b)
        if ca[1] == UNIT or cb[0] == UNIT:
            if ca[1] != cb[0]:
                return None
        else:
            self.axes.join(ca[1], cb[0])
        return uncolumn((ca[0], cb[1]))

    def shape(self, node: tree.Node) -> Axes | None:
        if isinstance(node, tree.Ref):  # x_i of an N × D matrix: its row, over D
            whole = self.terms.get(node.name, ())
            if whole is None:  # parsed with the placeholder shape: indexed in full, or not
                return None if len(node.indices) < len(PLACEHOLDER) else ()
            return whole[len(node.indices) :]
        if isinstance(node, tree.Sum | tree.Frobenius):  # <A, P>_F, Σ_e ∂F/∂X_e D_e
            pair = (node.a, node.b) if isinstance(node, tree.Frobenius) else moved(node.body)
            if pair and all(self.shape(x) != () for x in pair):  # of one shape, no scalar
                self.matrixish |= {x.name for x in pair if isinstance(x, tree.Ref)}  # not spread
                self.together(list(pair), tree.Add(((1, pair[0]), (1, pair[1]))), same=True)
            return () if isinstance(node, tree.Frobenius) else self.shape(node.body)
        if isinstance(node, tree.Element):  # (∂L/∂Z)_i: i runs along Z's rows
            inner = self.shape(node.expr)
            inner = None if inner is None else squeeze(inner)
            if inner is None or len(inner) < len(node.indices):
                return None
            for axis, i in zip(inner, node.indices, strict=False):
                if isinstance(i, tree.Letter):
                    self.axes.join(axis, self.axes.new(self.s.indices.get(i.name)))
            return inner[len(node.indices) :]
        if isinstance(node, tree.Ones):
            if node.size is None and self.s.notation.get("ones") == "matrix":
                n = self.axes.new(None)
                return (n, n)
            return (self.axes.new(node.size),)
        if isinstance(node, tree.Identity):
            n = self.axes.new(node.size)
            return (n, n)
        if isinstance(node, tree.Transpose):
            if isinstance(node.expr, tree.Ref):
                self.matrixish.add(node.expr.name)
            inner = self.shape(node.expr)
            return None if inner is None else uncolumn(column(inner)[::-1]) if inner else ()
        if isinstance(node, tree.Call) and node.func == "diag":
            inner = self.shape(node.arg)
            return None if inner is None or len(squeeze(inner)) != 1 else squeeze(inner) * 2
        if isinstance(node, tree.Call) and node.func == "tr":
            return ()
        if isinstance(node, tree.Neg | tree.Call):
            return self.shape(node.arg)
        if isinstance(node, tree.Prime | tree.Pow):
            return self.shape(node.expr if isinstance(node, tree.Prime) else node.base)
        if isinstance(node, tree.Diff):
            wrt = node.wrt
            if isinstance(wrt, tree.Ref) and not wrt.indices:
                self.matrixish.add(wrt.name)
            if not isinstance(wrt, tree.Ref):
                return ()
            return self.shape(node.expr if wrt.indices else wrt)  # by one element: expr's
        if isinstance(node, tree.Add):
            self.biases |= self._biases(node)
        if isinstance(node, tree.Add | tree.Div):
            parts = (
                [t for _, t in node.terms] if isinstance(node, tree.Add) else [node.num, node.den]
            )
            return self.together(parts, node, same=True)
        if isinstance(node, tree.Mul):
            return self.product(regrouped(node))
        return () if isinstance(node, tree.Num) or not hasattr(node, "expr") else None

    def _biases(self, node: tree.Add) -> dict[str, str]:
        """The lower-case names of unknown shape written whole beside a matrix product in a
        sum (b of `XW + b`), each with the name of the product's first factor (X)."""
        terms = [t for _, t in node.terms]
        matrix = [isinstance(t, tree.Mul) and set(t.ops) - ELEMENTWISE for t in terms]
        products = [t for t, m in zip(terms, matrix, strict=True) if m and isinstance(t, tree.Mul)]
        first = products[0].factors[0] if products else None
        product = first.name if isinstance(first, tree.Ref) else ""
        return {
            t.name: product
            for t in terms
            if products
            and isinstance(t, tree.Ref)
            and not t.indices
            and t.name[:1].islower()
            and self.terms.get(t.name, ()) is None
        }

    def together(self, parts: list[tree.Node], node: tree.Node, *, same: bool) -> Axes | None:
        shapes = [self.shape(p) for p in parts]
        if None in shapes and not any(shapes) and conformance.matrix_product(parts, shapes):
            return None  # W x + b, b a scalar: the sum has the shape of W x, unknown yet
        out: Axes | None = None
        for s in shapes:
            if s is not None:
                out = s if out is None else self.same(out, s)
        if out is not None and same:
            self.expect(node, out)
        return out

    def product(self, node: tree.Mul) -> Axes | None:
        if all(op in ELEMENTWISE for op in node.ops):
            return self.together(list(node.factors), node, same=True)
        node = self._mean(node)
        for op, pair in zip(
            node.ops, zip(node.factors, node.factors[1:], strict=False), strict=True
        ):
            if op not in ELEMENTWISE and not any(isinstance(f, tree.Num | tree.Div) for f in pair):
                self.matrixish |= {f.name for f in pair if isinstance(f, tree.Ref)}  # XW, not 2X
        out = self.shape(node.factors[0])
        for op, f in zip(node.ops, node.factors[1:], strict=True):
            fs = self.shape(f)
            if out is None or fs is None:
                out = None
            elif op in ELEMENTWISE:
                out = self.same(out, fs)
            else:
                out = self.matmul(op, out, fs)
        return out

    def _mean(self, node: tree.Mul) -> tree.Mul:
        """`\\frac{1}{N} X^\\top \\mathbf{1}`: the ones vector has N entries."""
        sizes = [
            f.den.name
            for f in node.factors
            if isinstance(f, tree.Div) and isinstance(f.den, tree.Ref) and f.den.kind == "size"
        ]
        ones = [f for f in node.factors if isinstance(f, tree.Ones) and f.size is None]
        if len(sizes) != 1 or len(ones) != 1:
            return node
        return tree.Mul(
            tuple(tree.Ones(sizes[0]) if f is ones[0] else f for f in node.factors), node.ops
        )

    def expect(self, node: tree.Node, shape: Axes) -> None:
        """Push a known shape onto the parts of `node` whose shapes are unknown."""
        if isinstance(node, tree.Ref):  # x_i: row i of a matrix, over i's size first
            lead = [
                self.s.indices.get(i.name) if isinstance(i, tree.Letter) else None
                for i in node.indices
            ]
            if None not in lead:
                self.bind(node.name, (*(self.axes.new(x) for x in lead), *shape))
        elif isinstance(node, tree.Transpose):
            self.expect(node.expr, uncolumn(column(shape)[::-1]) if shape else ())
        elif isinstance(node, tree.Neg | tree.Prime) or (
            isinstance(node, tree.Call) and node.func != "diag"
        ):
            self.expect(node.expr if isinstance(node, tree.Prime) else node.arg, shape)
        elif isinstance(node, tree.Pow):  # e^{w x_i + b}: its exponent has its shape
            euler = node.base == tree.Ref("e", "tensor") and self.quiet(node.base) is None
            self.expect(node.exp if euler else node.base, shape)
        elif isinstance(node, tree.Add):
            for _, t in node.terms:
                if self.quiet(t) is None:
                    self.expect(t, shape)
        elif isinstance(node, tree.Div):
            if self.quiet(node.num) is None:
                self.expect(node.num, shape)
            elif not shape and isinstance(node.den, tree.Add) and self.quiet(node.num) == ():
                self.expect(node.den, shape)  # 1/(1 + e^{-(w x_i + b)}) at an element: scalar
        elif isinstance(node, tree.Mul):
            node = regrouped(node)
            if all(op in ELEMENTWISE for op in node.ops):
                for f in node.factors:
                    if self.quiet(f) is None:
                        self.expect(f, shape)
            elif all(op not in ELEMENTWISE for op in node.ops):
                self._factor(node, shape)

    def _factor(self, node: tree.Mul, shape: Axes) -> None:
        """The one factor of unknown shape in a matrix product of known result."""
        shapes = [self.quiet(f) for f in node.factors]
        unknown = [k for k, s in enumerate(shapes) if s is None]
        if len(unknown) != 1:
            return
        k = unknown[0]
        if not shape:  # w x^t of a scalar a^t: w, beside scalars, is one
            if not any(s for s in shapes if s is not None):
                self.expect(node.factors[k], ())
            return
        left = [s for s in shapes[:k] if s]
        right = [s for s in shapes[k + 1 :] if s]
        if len(left) > 1 or len(right) > 1:
            return
        vector = (
            len(squeeze(shape)) == 1 and not left and len(squeeze(right[0] if right else ())) == 1
        )
        if vector and not self.late:  # r x = y: a scalar r, or a square matrix; a later line
            return  # (r = 1/s) may say which, so a square is guessed only when none does
        row = column(left[0])[1] if left else column(shape)[0]
        col = column(right[0])[0] if right else column(shape)[1]
        self.expect(node.factors[k], uncolumn((row, col)))

    def quiet(self, node: tree.Node) -> Axes | None:
        """The shape of a node (what it records of its parts' axes holds anyway)."""
        return self.shape(node)

    def state(self) -> tuple[AxisClasses, dict[str, Axes | None], set[str]]:
        axes = copy.copy(self.axes)
        for field in ("parent", "size", "alias", "broken"):
            setattr(axes, field, copy.copy(getattr(self.axes, field)))
        return axes, dict(self.terms), set(self.matrixish)

    def fixed_point(self, lines: list[Line]) -> None:
        for late in (False, True):
            self.late = late
            for _ in range(6):  # a shape solved late reaches the lines above it
                self.changed = False
                for ln in lines:  # a line whose shapes make two named sizes one says nothing
                    kept = self.state()
                    self.line(ln.sides)
                    if not self.axes.broken <= kept[0].broken:
                        self.axes, self.terms, self.matrixish = kept
                if not self.changed:
                    break

    def line(self, sides: tuple[tree.Node, ...]) -> None:
        shapes = [self.shape(s) for s in sides]
        known = [s for s in shapes if s is not None]
        if not known:
            return
        out = known[0]
        for s in known[1:]:
            if len(squeeze(s)) == len(squeeze(out)):
                out = self.same(out, s)
        for side, s in zip(sides, shapes, strict=True):
            if s is None:
                self.expect(side, out)


def solve(doc: Document, guess: Guess, symbols: Symbols, unknown: set[str]) -> None:
    """Solve the shapes of the `unknown` names of `symbols` (parsed with placeholder shapes)
    from the document's lines, into `guess`: shapes, sizes and the tensors written whole.

    The lines that define a name (the forward pass) are read first; the others may then
    solve what is still unknown but never make two sizes the definitions keep apart one,
    so a slip of shapes in a claim does not reach the shapes the claim is checked with."""
    solver = _Solver(symbols, unknown, frozenset(guess.invented))
    lines = [ln for d in doc.displays for ln in read_display(d, symbols) if ln.sides]
    bold, plain = conformance.defaults(guess, unknown, [s for ln in lines for s in ln.sides])
    for name in sorted(plain):
        solver.terms[name] = ()  # b beside \\mathbf{x}: a scalar
    defining = [ln for ln in lines if ln.kind == "equation" and _defines(ln.sides[0], guess)]
    _solve_groups(solver, guess, unknown, (defining, lines), bold)
    fresh = count(1)
    names: dict[int, str] = {}
    scalars = all_scalar(guess) and not any(n[:1].isupper() for n in solver.matrixish)
    scalars = scalars and not any(conformance.vectorish(d.text) for d in doc.displays)
    for name in sorted(unknown):
        shape = solver.terms.get(name)
        if shape is None and scalars and name in guess.bare and scalar_letter(name, unknown):
            shape = ()  # b of z = w x + b where no name has an axis: a scalar
        if shape is None and name in guess.powers and name in guess.bare:
            shape = ()  # m of u_{ik}^{m-1} beside m u_{ik}: a number
        latin = len(name.split("_")[0]) == 1 or conformance.layered(guess, name)  # not δ, ε
        if name == "e" and name not in guess.tensors:
            continue  # e^{z}: Euler's number, not a name
        tensor = guess.tensors.get(name)
        if name in solver.biases and latin and shape and len(shape) == 2:  # b in XW + b: of each
            left = conformance.same_layer(guess, name, solver.biases[name])  # column; W^{[l]} A
            shape = shape[:1] if left else shape[1:]  # ^{[l-1]} + b^{[l]}: of each row
        elif name not in solver.matrixish and shape and (len(shape) > 1 or not latin):
            # Y of A - Y, no derivative taken by it: Y of A's shape covers any it may have
            beside = latin and not (tensor and tensor.denominator) and name not in solver.biases
            beside = beside and name != "I"  # I - uu^T: the identity, where I names nothing
            unsaid = not (tensor and tensor.defined) and not (name in guess.cells and not shape)
            if unsaid and not beside:
                continue  # b in XW + b: a scalar, a row or a matrix, unsaid (not a cell's b_1)
        if shape is None and name in guess.cells and name in guess.bare:
            shape = ()  # b_1 of a matrix written out: an entry, a scalar
        if shape is None:
            defined = name in guess.tensors and guess.tensors[name].defined  # C = …: no size
            if name[0].isupper() and name in guess.bare and name not in solver.matrixish:
                guess.sizes += [] if defined else [name]  # \\sqrt{E}: a size
            continue
        roots = [solver.axes.root(a) for a in shape]
        if any(r in solver.axes.broken for r in roots):
            continue
        for r in roots:
            if r not in names:
                names[r] = solver.axes.size.get(r) or f"n_{next(fresh)}"
        guess.shapes[name] = tuple(names[r] for r in roots)
        for r in roots:
            if names[r] not in guess.sizes:
                guess.sizes.append(names[r])
        if name not in guess.tensors:
            guess.tensors[name] = Tensor(name, spellings=[guess.bare[name]])
    guess.unsolved = {n for n in unknown & solver.matrixish if n not in guess.shapes}
    aliased(guess, solver.axes.alias)


def _solve_groups(
    solver: _Solver,
    guess: Guess,
    unknown: set[str],
    groups: tuple[list[Line], list[Line]],
    bold: set[str],
) -> None:
    """Solve the defining lines, then all: each time a capital used whole in a product that
    is still free taken for a matrix, then a bold vector still free for a column."""
    for group in groups:
        solver.fixed_point(group)
        for name in sorted(unknown & solver.matrixish):  # X in XW: a matrix, if no more
            tensor = guess.tensors.get(name)
            free = solver.terms.get(name) is None and name not in guess.sizes
            if name[0].isupper() and free and not (tensor and tensor.defined):
                solver.bind(name, (solver.axes.new(), solver.axes.new()))
        solver.fixed_point(group)
        for name in sorted(bold):  # \\mathbf{x} no line sizes: a column of a size of its own
            solver.bind(name, (solver.axes.new(),))
        if bold:
            solver.fixed_point(group)
        solver.axes.settled = {solver.axes.root(a) for t in solver.terms.values() for a in t or ()}


def _defines(left: tree.Node, guess: Guess) -> bool:
    tensor = guess.tensors.get(left.name) if isinstance(left, tree.Ref) else None
    return tensor is not None and tensor.defined
