"""The matrix language: arrays written whole as NumPy users write them, read by a whitelist
walker and lowered to the index language.

`read` parses one expression. One that writes no array whole is the index language and
is read by `symbn.language.parse` exactly as always; one that does (a bare name of a
non-scalar input or definition, `@`, `.T`, `.sum()`, `ones(N)`, `softmax(Z, axis=1)`, …)
is read here into a `symbn.language.tensor.Tensor`, whose elements are index-language
expressions. Parts written at index level stay so: a scalar one (no free index) mixes
freely with arrays, one with free indices only with a scalar.
"""

from __future__ import annotations

import ast
from types import SimpleNamespace

import sympy as sp

from symbn.errors import InputError
from symbn.language import functions, indices, labels, tensor
from symbn.language.limits import MAX_DEPTH
from symbn.language.parse import IndexWalker, Scope, syntax
from symbn.language.tensor import Letters, Tensor, show
from symbn.language.walker import describe
from symbn.source.spec import Text

#: Functions of whole arrays (beside the elementwise functions of the language).
CALLS = frozenset({"ones", "eye", "diag", "trace", "outer", "softmax"})
#: Methods of an array: the reductions, each with an optional `axis`.
METHODS = frozenset({"sum", "mean", "var"})
_SYMBOL = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}


def read(text: Text, scope: Scope, names: Letters) -> sp.Expr | Tensor:
    """One expression: an index-language expression, or a `Tensor` when it writes an array
    whole (every letter it writes is added to `names.reserved`, so none is reused)."""
    source, tree = syntax(text)
    whole = _whole(tree, scope)
    if not whole:
        out = IndexWalker(source, scope).walk(tree, 0)
        names.reserved.update(indices.atoms(out))
        return out
    return _Matrix(IndexWalker(source, scope), names, whole).value(tree, 0)


def _whole(tree: ast.AST, scope: Scope) -> set[int]:
    """The nodes (by id) that write an array whole or hold one that does."""
    inside: set[int] = set()  # names written as an element, T[...], or called, f(...)
    for n in ast.walk(tree):
        if isinstance(n, ast.Subscript):
            inside.add(id(n.value))
        elif isinstance(n, ast.Call):
            inside.add(id(n.func))
    out: set[int] = set()

    def visit(n: ast.AST) -> bool:
        hit = False
        for child in ast.iter_child_nodes(n):
            hit = visit(child) or hit
        if (
            hit
            or isinstance(n, ast.Attribute)
            or (isinstance(n, ast.BinOp) and isinstance(n.op, ast.MatMult))
            or (isinstance(n, ast.Subscript) and not isinstance(n.value, ast.Name))
            or (
                isinstance(n, ast.Name)
                and id(n) not in inside
                and bool(scope.tensors.get(n.id, (None, ()))[1])
            )
            or (isinstance(n, ast.Call) and _array_call(n))
        ):
            out.add(id(n))
            return True
        return False

    visit(tree)
    return out


def _array_call(n: ast.Call) -> bool:
    """A call of a function of whole arrays (sum() and mean() of an array are read so by
    what they hold)."""
    return isinstance(n.func, ast.Name) and n.func.id in CALLS


class _Matrix:
    """Reads the nodes that write arrays whole; the others go to the index walker."""

    def __init__(self, plain: IndexWalker, names: Letters, whole: set[int]):
        self.plain = plain
        self.names = names
        self.whole = whole

    def fail(self, node: ast.AST, message: str) -> InputError:
        return self.plain.fail(node, message)

    def written(self, node: ast.AST) -> str:
        """How the expression writes `node`, for messages (parenthesised when compound)."""
        text = " ".join((ast.get_source_segment(self.plain.source.code, node) or "").split())
        if len(text) > 40:
            text = text[:37] + "..."
        return f"({text})" if isinstance(node, ast.BinOp | ast.UnaryOp) else text

    def value(self, node: ast.AST, depth: int) -> sp.Expr | Tensor:
        if depth > MAX_DEPTH:
            raise self.fail(node, f"expression is nested more than {MAX_DEPTH} deep")
        if id(node) not in self.whole:
            out = self.plain.walk(node, depth)
            self.names.reserved.update(indices.atoms(out))
            return out
        method = getattr(self, f"_{type(node).__name__}", None)
        if method is None:
            raise self.fail(node, f"unsupported syntax: {describe(node)}")
        return method(node, depth + 1)

    def array(self, node: ast.AST, depth: int, what: str) -> Tensor:
        """An operand that must be an array (not a scalar)."""
        out = self.value(node, depth)
        if not isinstance(out, Tensor) or not out.shape:
            raise self.fail(node, f"{what} takes an array, but {self.written(node)} is a scalar")
        return out

    def lift(
        self, node: ast.AST, x: sp.Expr | Tensor, other: Tensor | None, at: ast.AST | None = None
    ) -> Tensor:
        """`x` as an array operand beside `other` (written at `at`): an index-level part is a
        scalar, and may have free indices only where the other operand is a scalar too (the
        error points at the array)."""
        if isinstance(x, Tensor) and x.shape:
            return x
        free = sorted(map(str, indices.ordered_free(x.at(()) if isinstance(x, Tensor) else x)))
        if free and other is not None and other.shape:
            blanks = ", ".join("_" * len(other.shape))
            raise self.fail(
                at or node,
                f"{self.written(node)} has the free ind{'ex' if len(free) == 1 else 'ices'} "
                f"{', '.join(free)} but {other.written} is an array written whole "
                f"({show(other.shape)}): write {other.written}[{blanks}] with indices, or "
                "both at matrix level",
            )
        if isinstance(x, Tensor):
            return x
        return Tensor((), lambda _idx, _busy: x, self.written(node))

    # -- nodes ------------------------------------------------------------------------------
    def _Name(self, node: ast.Name, _depth: int) -> Tensor:
        base, shape = self.plain.scope.tensors[node.id]
        if labels.is_label(base):
            raise self.fail(node, f"{node.id!r} is a label: its elements stand only as indices")
        return Tensor(shape, lambda idx, _busy: base[idx], node.id)

    def _UnaryOp(self, node: ast.UnaryOp, depth: int) -> Tensor:
        if not isinstance(node.op, ast.USub | ast.UAdd):
            return self.plain.walk(node, depth)  # refused there, with its message
        x = self.lift(node.operand, self.value(node.operand, depth), None)
        sign = -1 if isinstance(node.op, ast.USub) else 1
        return tensor.elementwise(lambda a: sign * a, [x], self.at_op(node), self.written(node))

    def _BinOp(self, node: ast.BinOp, depth: int) -> Tensor:
        if isinstance(node.op, ast.MatMult):
            left, right = (self.value(n, depth) for n in (node.left, node.right))
            for n, x in ((node.left, left), (node.right, right)):
                if not isinstance(x, Tensor) or not x.shape:
                    raise self.fail(
                        node,
                        f"unsupported operator @ for {self.written(n)}, a scalar: @ is the "
                        "matrix product of arrays (use * for a scalar)",
                    )
            assert isinstance(left, Tensor)
            assert isinstance(right, Tensor)
            return tensor.matmul(left, right, self.names, self.at_op(node), self.written(node))
        if type(node.op) not in _SYMBOL:
            return self.plain.walk(node, depth)  # refused there, with its message
        raw = [self.value(n, depth) for n in (node.left, node.right)]
        tensors = [x if isinstance(x, Tensor) else None for x in raw]
        left = self.lift(node.left, raw[0], tensors[1], node.right)
        right = self.lift(node.right, raw[1], tensors[0], node.left)
        if isinstance(node.op, ast.Pow) and right.shape:
            raise self.fail(node.right, "an exponent is a number or a scalar, not an array")
        op = node.op

        def combine(a: sp.Expr, b: sp.Expr) -> sp.Expr:
            out = self.plain._binop(node, op, a, b)  # the language's own arithmetic
            self.plain.check_number(node, out)
            return out

        return tensor.elementwise(combine, [left, right], self.at_op(node), self.written(node))

    def at_op(self, node: ast.BinOp | ast.UnaryOp) -> tensor.Fail:
        """The error maker of an operator: the caret under the operator itself."""
        spot: ast.AST = node
        if isinstance(node, ast.BinOp):
            symbol = "@" if isinstance(node.op, ast.MatMult) else _SYMBOL[type(node.op)]
            lines = self.plain.source.code_lines
            line, col = node.left.end_lineno or 1, node.left.end_col_offset or 0
            while line <= (node.right.lineno or line):
                pos = lines[line - 1].find(symbol, col)
                if pos >= 0:
                    spot = SimpleNamespace(  # type: ignore[assignment]
                        lineno=line, col_offset=pos, end_lineno=line, end_col_offset=pos + 1
                    )
                    break
                line, col = line + 1, 0
        return lambda message: self.fail(spot, message)

    def _Attribute(self, node: ast.Attribute, depth: int) -> Tensor:
        if node.attr in METHODS:
            raise self.fail(
                node, f".{node.attr} is a method: call it, as {self.written(node)}(axis=0)"
            )
        if node.attr != "T":
            raise self.fail(node, _no_attribute("unsupported syntax: attribute access", node))
        a = self.array(node.value, depth, ".T")
        return tensor.transpose(a, self.written(node))

    def _Subscript(self, node: ast.Subscript, depth: int) -> Tensor:
        a = self.array(node.value, depth, "a subscript")
        entries = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        if len(entries) != len(a.shape):
            raise self.fail(
                node,
                f"{a.written} is {show(a.shape)} but {len(entries)} "
                f"ind{'ex was' if len(entries) == 1 else 'ices were'} given",
            )
        idx = tuple(
            self.plain.index(e, size, f"axis {n + 1} of {a.written}")
            for n, (e, size) in enumerate(zip(entries, a.shape, strict=True))
        )
        self.names.reserved.update(tensor.letters(idx))
        return Tensor((), lambda _idx, busy: a.at(idx, busy), self.written(node))

    def _Call(self, node: ast.Call, depth: int) -> Tensor:
        if isinstance(node.func, ast.Attribute):
            if node.func.attr not in METHODS:
                raise self.fail(node.func, _no_attribute("unsupported call", node.func))
            a = self.array(node.func.value, depth, f".{node.func.attr}()")
            if node.args:
                raise self.fail(node.args[0], f".{node.func.attr}() takes only axis=")
            return self.reduce(node, a, node.func.attr)
        if not isinstance(node.func, ast.Name):
            raise self.fail(node.func, f"unsupported call: {describe(node.func)}")
        name = node.func.id
        for a in node.args:
            if isinstance(a, ast.Starred):
                raise self.fail(a, "unsupported syntax: starred argument")
        if name in ("sum", "mean") and len(node.args) == 1:
            return self.reduce(node, self.array(node.args[0], depth, f"{name}()"), name)
        if name == "diff":
            return self._diff(node, depth)
        if name not in CALLS:
            if name not in functions.TABLE:
                return self.plain.walk(node, depth)  # refused there, with its message
            if node.keywords:
                raise self.fail(node.keywords[0], f"{name}() takes no keyword arguments")
        return self.call(node, name, depth)

    def call(self, node: ast.Call, name: str, depth: int) -> Tensor:
        """An elementwise function of the language, or an array function, on arrays."""
        args, written = node.args, self.written(node)
        wanted = {"outer": 2, "softmax": 1}.get(name, 1)
        if name in functions.TABLE:
            wanted = functions.TABLE[name].arity
        if len(args) != wanted:
            raise self.fail(node, f"{name}() takes {wanted} argument(s), {len(args)} given")
        if name in ("ones", "eye"):
            size = self.plain.scope.sizes.get(getattr(args[0], "id", ""))
            if size is None:
                raise self.fail(args[0], f"{name}() takes the name of a size, as in {name}(N)")
            return (tensor.ones if name == "ones" else tensor.eye)(size, written)
        if name == "softmax":
            a = self.array(args[0], depth, "softmax()")
            axis = self.axis(node)
            if axis is None and len(a.shape) != 1:
                raise self.fail(node, "softmax() needs the axis it normalises along: axis=1")
            return tensor.softmax(a, axis or 0, self.names, self.at(node), written)
        if name in ("diag", "trace", "outer"):
            a, *b = (self.array(x, depth, f"{name}()") for x in args)
            if name == "outer":
                return tensor.outer(a, b[0], self.at(node), written)
            if name == "diag":
                return tensor.diag(a, self.at(node), written)
            return tensor.trace(a, self.names, self.at(node), written)
        raw = [self.value(x, depth) for x in args]
        arrays = [(x, n) for n, x in zip(args, raw, strict=True) if isinstance(x, Tensor)]
        lifted = [self.lift(n, x, *arrays[0]) for n, x in zip(args, raw, strict=True)]
        make = functions.TABLE[name].make

        def apply(*xs: sp.Expr) -> sp.Expr:
            out = make(*xs)
            self.plain.check_number(node, out)
            return out

        return tensor.elementwise(apply, lifted, self.at(node), written)

    def at(self, node: ast.AST) -> tensor.Fail:
        return lambda message: self.fail(node, message)

    def axis(self, node: ast.Call) -> int | None:
        """The `axis=` keyword of a call: an integer (negative from the end), or None."""
        found = None
        for kw in node.keywords:
            if kw.arg != "axis":
                raise self.fail(kw, "the only keyword of the matrix language is axis=")
            if found is not None:
                raise self.fail(kw, "axis= is given twice")
            v = kw.value
            if isinstance(v, ast.UnaryOp) and isinstance(v.op, ast.USub):
                v, sign = v.operand, -1
            else:
                sign = 1
            if not isinstance(v, ast.Constant) or type(v.value) is not int:
                raise self.fail(kw.value, "axis= takes an integer: 0 for the first axis")
            found = sign * v.value
        return found

    def reduce(self, node: ast.Call, a: Tensor, kind: str) -> Tensor:
        """sum, mean or var of `a`, over all its axes or the one `axis=` names."""
        axes = tensor.axes_of(a, self.axis(node), self.at(node))
        return tensor.reduction(a, axes, kind, self.names, self.at(node))

    def _diff(self, node: ast.Call, depth: int) -> Tensor:
        """diff(scalar, W): the array of W's shape of the derivatives by each element."""
        if len(node.args) != 2 or node.keywords:
            raise self.fail(node, "diff() takes an expression and a tensor: diff(loss, W)")
        body_node, wrt_node = node.args
        body = self.value(body_node, depth)
        if isinstance(wrt_node, ast.Name) and id(wrt_node) in self.whole:
            name = wrt_node.id
            base, shape = self.plain.scope.tensors[name]
            if labels.is_label(base):
                raise self.fail(wrt_node, f"diff() with respect to {name!r}, a label")
            array = isinstance(body, Tensor) and bool(body.shape)
            if array or indices.ordered_free(body.at(()) if isinstance(body, Tensor) else body):
                raise self.fail(
                    body_node,
                    f"diff() by the whole tensor {name} takes a scalar, but "
                    f"{self.written(body_node)} is "
                    f"{show(body.shape) if array else 'written with free indices'}"
                    f": differentiate element by element, diff(Z[k, l], {name}[i, j])",
                )
            wrt = None
        else:
            wrt = self.plain.walk(wrt_node, depth)
            name = _name_of(wrt)
            if name not in self.plain.scope.tensors:
                raise self.fail(
                    wrt_node,
                    "diff() differentiates with respect to a tensor, diff(loss, W), or one "
                    "element of an input or definition, such as h[i, j]",
                )
            shape = ()
            if isinstance(body, Tensor) and body.shape:
                raise self.fail(
                    body_node,
                    f"diff() of {self.written(body_node)}, which is {show(body.shape)}: "
                    "differentiate a scalar, or element by element at index level",
                )
            self.names.reserved.update(indices.atoms(wrt))
        if name in self.plain.scope.definitions and any(
            isinstance(n, ast.Call) and getattr(n.func, "id", None) == "diff"
            for n in ast.walk(body_node)
        ):
            raise self.fail(
                node,
                f"diff with respect to the definition {name} of an expression that itself "
                "contains diff() is ambiguous; write the inner derivative out",
            )
        scalar = self.lift(body_node, body, None)

        def element(idx: tuple, busy: tensor.Busy) -> sp.Expr:
            by = wrt if wrt is not None else base[idx]
            return sp.Derivative(scalar.element((), busy), by, evaluate=False)

        return Tensor(shape, element, self.written(node))


def _name_of(e: sp.Expr) -> str:
    """The tensor of an element h[i, j] or the name of a scalar symbol ('' otherwise)."""
    if isinstance(e, sp.Indexed):
        return e.base.label.name
    return e.name if isinstance(e, sp.Symbol) else ""


def _no_attribute(head: str, node: ast.Attribute) -> str:
    return (
        f"{head}: .{node.attr} (the matrix language knows only .T and the methods "
        ".sum(), .mean() and .var())"
    )
