"""The expression language: a whitelist walker over Python's `ast` that builds SymPy objects.

No text from a derivation file reaches `eval`, `exec`, `sympify` or `parse_expr`; every node
the walker does not know is refused with the column of the offending text.

`parse` checks the text as a whole and walks its syntax tree; the walker's frame and its
scalar nodes (numbers, names, operators) are in `symbn.language.walker`, and the nodes that
index and call are here. The language's limits (`symbn.language.limits`) and `Scope`
(`symbn.language.scope`) are importable from this module too.
"""

from __future__ import annotations

import ast
import unicodedata

import sympy as sp

from symbn.errors import InputError, Location
from symbn.language import functions, labels, relations
from symbn.language.indices import Index
from symbn.language.limits import (
    MAX_DEPTH,
    MAX_DIGITS,
    MAX_EXPONENT,
    MAX_INDEX,
    MAX_LENGTH,
    MAX_NUMBER_DIGITS,
    MAX_SUM_INDICES,
    index_too_large,
)
from symbn.language.scope import Scope
from symbn.language.walker import Walker, describe
from symbn.source.spec import Snippet, Text

__all__ = [
    "MAX_DEPTH",
    "MAX_DIGITS",
    "MAX_EXPONENT",
    "MAX_INDEX",
    "MAX_LENGTH",
    "MAX_NUMBER_DIGITS",
    "MAX_SUM_INDICES",
    "IndexWalker",
    "Scope",
    "parse",
    "syntax",
]


def parse(text: Text, scope: Scope) -> sp.Expr:
    """Parse one expression of the language into a SymPy expression."""
    source, tree = syntax(text)
    return IndexWalker(source, scope).walk(tree, 0)


def syntax(text: Text) -> tuple[Snippet, ast.expr]:
    """The expression's text as `ast` reads it and its syntax tree, checked as a whole
    (length, characters, syntax) before any walker sees it."""
    src = text.value
    if len(src) > MAX_LENGTH:
        raise InputError(
            f"expression is {len(src)} characters long; the limit is {MAX_LENGTH}", text.where
        )
    if not src.strip():
        raise InputError("empty expression", text.where)
    source = Snippet(text)
    if "\0" in source.code:  # which `ast` refuses without saying where
        raise InputError(
            "the expression holds a NUL character", _located(source, source.code.index("\0"))
        )
    foreign = next((n for n, c in enumerate(source.code) if not c.isascii()), None)
    if foreign is not None:  # Python would fold look-alikes such as Ｎ and ℎ to N and h
        raise InputError(_not_ascii(source.code[foreign]), _located(source, foreign))
    try:
        tree = ast.parse(source.code, mode="eval")
    except SyntaxError as exc:
        hint = (
            "; wrap an expression that spans lines in parentheses"
            if "\n" in source.code and exc.msg in ("unexpected indent", "invalid syntax")
            else ""
        )
        lineno = exc.lineno or 1
        if not exc.offset:  # Python gives no column when the text ends too early
            col = len(source.code_lines[min(lineno, len(source.code_lines)) - 1])
        else:
            col = exc.offset - 1
        raise InputError(f"syntax error: {exc.msg}{hint}", source.at(lineno, col)) from None
    except (RecursionError, MemoryError, ValueError):
        raise InputError("expression is nested too deeply", text.where) from None
    return source, tree.body


def _located(source: Snippet, offset: int) -> Location:
    """Where character `offset` of the expression's code is written in the file."""
    before = source.code[:offset]
    return source.at(before.count("\n") + 1, len(before) - before.rfind("\n") - 1)


def _not_ascii(c: str) -> str:
    """Why a character that is not ASCII cannot stand in an expression."""
    folded = unicodedata.normalize("NFKC", c)
    hint = f"; write {folded!r}" if folded.isascii() and folded.isprintable() else ""
    return (
        f"{c!r} (U+{ord(c):04X} {unicodedata.name(c, 'a character')}) is not ASCII: names "
        f"and operators are written in ASCII{hint}"
    )


class IndexWalker(Walker):
    """The walker with the nodes that index and call: subscripts, indices, the functions of
    the language, sum(), mean(), diff() and Delta()."""

    def _Subscript(self, node: ast.Subscript, _depth: int) -> sp.Expr:
        if not isinstance(node.value, ast.Name):
            raise self.fail(node.value, "only a declared input or definition can be subscripted")
        name = node.value.id
        if name not in self.scope.tensors:
            raise self.fail(node.value, f"unknown tensor {name!r}")
        base, _ = self.scope.tensors[name]
        if labels.is_label(base):
            raise self.fail(
                node,
                f"{name!r} is a label (whole numbers in 1..{base.label.range}): its elements "
                "stand only as indices, as in P[n, y[n]] or Delta(c, y[n])",
            )
        return self.element(node, name)

    def element(self, node: ast.Subscript, name: str) -> sp.Expr:
        """The element `name[...]` that `node` writes, each entry an index of its axis."""
        _, shape = self.scope.tensors[name]
        entries = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        if len(entries) != len(shape):
            raise self.fail(
                node,
                f"{name!r} has {len(shape)} ax"
                f"{'is' if len(shape) == 1 else 'es'} but {len(entries)} "
                f"ind{'ex was' if len(entries) == 1 else 'ices were'} given",
            )
        idx = tuple(
            self.index(e, size, f"axis {n + 1} of {name!r}")
            for n, (e, size) in enumerate(zip(entries, shape, strict=True))
        )
        return self.scope.element(name, idx)

    def index(self, node: ast.AST, size: sp.Symbol | None, what: str) -> sp.Expr:
        """One index: a declared index name of the right range, or a literal 1, 2, ..."""
        if isinstance(node, ast.Name) and node.id in self.scope.sizes:
            last = self.scope.sizes[node.id]  # the last position along an axis of that size
            if size is not None and last != size:
                raise self.fail(
                    node,
                    f"the size {node.id} stands for the last position along "
                    f"an axis of size {node.id}, but {what} has size {size}",
                )
            return last
        if isinstance(node, ast.Name):
            sym = self.scope.indices.get(node.id)
            if sym is None:
                raise self.fail(node, f"{node.id!r} is not a declared index")
            rng = sym.size
            if size is not None and rng != size:
                raise self.fail(
                    node, f"index {node.id!r} ranges over {rng} but {what} has size {size}"
                )
            return sym
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
            base = self.scope.tensors.get(node.value.id, (None,))[0]
            if labels.is_label(base):  # a label's element: an index over its range
                rng = base.label.range
                if size is not None and rng != size:
                    raise self.fail(
                        node,
                        f"label {node.value.id!r} takes values in 1..{rng} but {what} has "
                        f"size {size}",
                    )
                return self.element(node, node.value.id)
        if isinstance(node, ast.Constant) and type(node.value) is int:
            if node.value < 1:
                raise self.fail(
                    node, f"concrete index {node.value} is out of range; indices start at 1"
                )
            if node.value > MAX_INDEX:
                raise self.fail(node, index_too_large(node.value))
            if size is not None:
                self.scope.concrete[size] = max(self.scope.concrete.get(size, 1), node.value)
            return sp.Integer(node.value)
        if isinstance(node, ast.UnaryOp) and isinstance(node.operand, ast.Constant):
            raise self.fail(node, "concrete index is out of range; indices start at 1")
        if isinstance(node, ast.BinOp | ast.UnaryOp):
            return self.position(node)
        raise self.fail(
            node,
            "an index must be a declared index name, a positive integer, "
            "the name of a size (its last position), an element of a label or a sum of "
            "indices, sizes and integers such as i + k - 1",
        )

    def position(self, node: ast.AST) -> sp.Expr:
        """A moved position: an integer linear form of index names, sizes and integers,
        such as i + k - 1, t - 1 or 2*p + k (an element outside its axis is zero)."""
        if isinstance(node, ast.Name):
            if node.id in self.scope.sizes:
                return self.scope.sizes[node.id]
            if node.id in self.scope.indices:
                return self.scope.indices[node.id]
            raise self.fail(node, f"{node.id!r} is not a declared index or size")
        if isinstance(node, ast.Constant) and type(node.value) is int:
            if abs(node.value) > MAX_INDEX:
                raise self.fail(node, index_too_large(node.value))
            return sp.Integer(node.value)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
            inner = self.position(node.operand)
            return -inner if isinstance(node.op, ast.USub) else inner
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Sub | ast.Mult):
            a, b = self.position(node.left), self.position(node.right)
            if isinstance(node.op, ast.Mult):
                if not (a.is_Integer or b.is_Integer):
                    raise self.fail(
                        node, "a position multiplies an index or size by an integer only"
                    )
                return a * b
            return a + b if isinstance(node.op, ast.Add) else a - b
        raise self.fail(
            node,
            "a position is written with index names, sizes, integers, + and - "
            "and a product by an integer (a stride), such as 2*i + k - 1",
        )

    def relation(self, node: ast.AST) -> sp.Expr:
        """The factor of a comparison between positions: 1 where it holds, else 0; a chain
        such as 1 <= i + k <= L is the product of its links."""
        if not isinstance(node, ast.Compare):
            raise self.fail(node, "expected a comparison of indices, such as m <= n")
        out: sp.Expr = sp.S.One
        left = self.position(node.left)
        for op, right_node in zip(node.ops, node.comparators, strict=True):
            right = self.position(right_node)
            if type(op) not in _COMPARISONS:
                raise self.fail(node, "compare indices with <, <=, >, >=, == or !=")
            out *= relations.compare(_COMPARISONS[type(op)], left, right)
            left = right
        return out

    def _Call(self, node: ast.Call, depth: int) -> sp.Expr:
        if not isinstance(node.func, ast.Name):
            raise self.fail(node.func, f"unsupported call: {describe(node.func)}")
        name = node.func.id
        if node.keywords:
            raise self.fail(node.keywords[0], f"{name}() takes no keyword arguments")
        for a in node.args:
            if isinstance(a, ast.Starred):
                raise self.fail(a, "unsupported syntax: starred argument")
        args = node.args
        if name in functions.TABLE:
            entry = functions.TABLE[name]
            if len(args) != entry.arity:
                wanted = "one argument" if entry.arity == 1 else f"{entry.arity} arguments"
                raise self.fail(node, f"{name}() takes {wanted}, {len(args)} given")
            out = entry.make(*[self.walk(a, depth) for a in args])
            self.check_number(node, out)
            return out
        if name == "If":
            if len(args) != 1:
                raise self.fail(node, f"If() takes one comparison, {len(args)} given")
            return self.relation(args[0])
        if name == "sum":
            return self._sum(node, args, depth)
        if name == "mean":  # the sum over the indices' ranges, divided by their sizes
            for a in args[1:]:
                if isinstance(a, ast.Compare):
                    raise self.fail(
                        a, "mean() runs over whole ranges; write sum(f, m, m <= n) / count"
                    )
            total = self._sum(node, args, depth, "mean")
            return total / sp.Mul(*[self.scope.indices[a.id].size for a in args[1:]])
        if name == "diff":
            return self._diff(node, args, depth)
        if name == "Delta":
            if len(args) != 2:
                raise self.fail(node, f"Delta() takes two indices, {len(args)} given")
            a = self.index(args[0], None, "Delta()")
            b = self.index(args[1], None, "Delta()")
            ra, rb = (_range(x) for x in (a, b))
            if ra is not None and rb is not None and ra != rb:
                raise self.fail(
                    node, f"Delta({a}, {b}) mixes an index over {ra} with one over {rb}"
                )
            for sym, other in ((a, rb), (b, ra)):
                if sym.is_Integer and other is not None:
                    self.scope.concrete[other] = max(self.scope.concrete.get(other, 1), int(sym))
            return sp.KroneckerDelta(a, b)
        raise self.fail(
            node.func,
            f"unknown function {name!r}; allowed: "
            f"{', '.join(sorted({*functions.TABLE, *functions.SPECIAL}))}",
        )

    def _sum(self, node: ast.Call, args: list[ast.expr], depth: int, name: str = "sum") -> sp.Expr:
        if len(args) < 2:
            raise self.fail(
                node, f"{name}() takes an expression and at least one index: {name}(expr, p)"
            )
        if len(args) - 1 > MAX_SUM_INDICES:
            raise self.fail(
                node, f"{name}() binds {len(args) - 1} indices; the limit is {MAX_SUM_INDICES}"
            )
        body = self.walk(args[0], depth)
        if (
            left_out := relations.all_but(args, self.scope.indices)
        ) is not None:  # sum(f, k, k != j): all but f_j
            k, j = left_out
            return sp.Sum(body, (k, 1, k.size)) - body.xreplace({k: j})
        limits = []
        for a in args[1:]:
            if isinstance(a, ast.Compare):  # sum(f, m, m <= n): the terms where it holds
                body *= self.relation(a)
                continue
            if not isinstance(a, ast.Name) or a.id not in self.scope.indices:
                raise self.fail(a, f"{name}() runs over declared index names")
            sym = self.scope.indices[a.id]
            if any(sym == lim[0] for lim in limits):
                raise self.fail(a, f"{name}() binds {a.id!r} twice")
            limits.append((sym, 1, sym.size))
        for lim in reversed(limits):
            body = sp.Sum(body, lim)
        return body

    def _diff(self, node: ast.Call, args: list[ast.expr], depth: int) -> sp.Expr:
        if len(args) != 2:
            raise self.fail(node, "diff() takes an expression and one element: diff(expr, h[i, j])")
        wrt_node = args[1]
        if not (
            isinstance(wrt_node, ast.Subscript | ast.Name)
            and isinstance(
                wrt_node.value if isinstance(wrt_node, ast.Subscript) else wrt_node, ast.Name
            )
        ):
            raise self.fail(
                wrt_node,
                "diff() differentiates with respect to one element of "
                "an input or definition, such as h[i, j]",
            )
        name = wrt_node.value.id if isinstance(wrt_node, ast.Subscript) else wrt_node.id
        if isinstance(args[0], ast.Name) and args[0].id in self.scope.sizes:
            raise self.fail(args[0], f"diff() of {args[0].id!r}, a size, which is no function")
        if name not in self.scope.tensors:
            raise self.fail(
                wrt_node, f"diff() with respect to {name!r}, which is not an input or definition"
            )
        if labels.is_label(self.scope.tensors[name][0]):
            raise self.fail(
                wrt_node,
                f"diff() with respect to {name!r}, a label: its values are whole numbers, "
                "which nothing is differentiated with respect to",
            )
        wrt = self.walk(wrt_node, depth)
        body = self.walk(args[0], depth)
        if name in self.scope.definitions and _calls_diff(args[0]):
            raise self.fail(
                node,
                f"diff with respect to the definition element {wrt} of an "
                "expression that itself contains diff() is ambiguous; "
                "differentiate with respect to an input, or write the inner "
                "derivative out",
            )
        return sp.Derivative(body, wrt, evaluate=False)


def _range(x: sp.Expr) -> sp.Expr | None:
    """The size an index ranges over; a size is its own (its last position); a number or a
    moved position has none."""
    if isinstance(x, Index):
        return x.size
    if labels.range_of(x) is not None:
        return labels.range_of(x)
    return None if x.is_Integer or relations.position(x) else x


_COMPARISONS = {
    ast.LtE: "<=",
    ast.Lt: "<",
    ast.GtE: ">=",
    ast.Gt: ">",
    ast.Eq: "==",
    ast.NotEq: "!=",
}


def _calls_diff(tree: ast.AST) -> bool:
    """Whether the syntax tree holds a diff(...) call anywhere."""
    return any(
        isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "diff"
        for n in ast.walk(tree)
    )
