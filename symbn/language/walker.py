"""The frame of the expression language's whitelist walker over Python's `ast`, and the nodes
that build scalars: numbers, names, signs and arithmetic operators.

`symbn.language.parse` extends it with subscripts, indices and calls. A node the walker has no
method for is refused with the column of the offending text.
"""

from __future__ import annotations

import ast
from fractions import Fraction

import sympy as sp

from symbn.errors import InputError
from symbn.language import functions, indices
from symbn.language.limits import MAX_DEPTH, MAX_DIGITS, MAX_EXPONENT, MAX_NUMBER_DIGITS
from symbn.language.relations import Iverson
from symbn.language.scope import Scope
from symbn.source.spec import Snippet


class Walker:
    """Builds the SymPy object of one expression's syntax tree; a method `_Node` for each
    kind of node it accepts."""

    def __init__(self, source: Snippet, scope: Scope):
        self.source = source
        self.text = source.text
        self.scope = scope

    def fail(self, node: ast.AST, message: str) -> InputError:
        lineno = getattr(node, "lineno", 1)
        col = getattr(node, "col_offset", 0)
        end = getattr(node, "end_col_offset", None) or col + 1
        start = self.source.node_at(lineno, col)
        width = 1
        if getattr(node, "end_lineno", lineno) == lineno:
            width = self.source.width(lineno, col, end)
            stop = self.source.node_at(lineno, end)  # escapes may make the text longer
            if stop.line == start.line and stop.col > start.col:
                width = stop.col - start.col
        return InputError(message, start, width)

    def walk(self, node: ast.AST, depth: int) -> sp.Expr:
        if depth > MAX_DEPTH:
            raise self.fail(node, f"expression is nested more than {MAX_DEPTH} deep")
        method = getattr(self, f"_{type(node).__name__}", None)
        if method is None:
            raise self.fail(node, f"unsupported syntax: {describe(node)}")
        return method(node, depth + 1)

    def _Constant(self, node: ast.Constant, _depth: int) -> sp.Expr:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(node, f"unsupported literal {value!r}; only numbers are allowed")
        segment = ast.get_source_segment(self.source.code, node) or repr(value)
        mantissa, _, power = segment.lower().replace("_", "").partition("e")
        digits = sum(c.isdigit() for c in mantissa)
        if digits > MAX_DIGITS:
            raise self.fail(node, f"numeric literal has {digits} digits; the limit is {MAX_DIGITS}")
        if isinstance(value, int):
            return sp.Integer(value)
        try:
            if power and abs(int(power)) > MAX_DIGITS:
                raise self.fail(
                    node,
                    f"numeric literal {segment} is out of range (exponents up to e±{MAX_DIGITS})",
                )
            frac = Fraction(segment.replace("_", ""))
        except ValueError:
            raise self.fail(node, f"unsupported numeric literal {segment!r}") from None
        return sp.Rational(frac.numerator, frac.denominator)

    def _Name(self, node: ast.Name, _depth: int) -> sp.Expr:
        name = node.id
        s = self.scope
        if name in s.sizes:
            return s.sizes[name]
        if name in s.tensors:
            base, shape = s.tensors[name]
            if shape:
                raise self.fail(
                    node,
                    f"{name!r} has {len(shape)} ax"
                    f"{'is' if len(shape) == 1 else 'es'}; write "
                    f"{name}[{', '.join('_' * len(shape))}] with indices",
                )
            return base
        if name in s.indices:
            raise self.fail(
                node, f"index {name!r} may only be used in subscripts, sum() and Delta()"
            )
        if name in functions.CONSTANTS:
            return functions.CONSTANTS[name]
        if name in functions.RESERVED:
            raise self.fail(node, f"{name!r} is a function; call it as {name}(...)")
        raise self.fail(node, f"unknown name {name!r}")

    def _UnaryOp(self, node: ast.UnaryOp, depth: int) -> sp.Expr:
        if not isinstance(node.op, ast.USub | ast.UAdd):
            raise self.fail(node, f"unsupported operator {_OPS.get(type(node.op), 'not')}")
        operand = self.walk(node.operand, depth)
        return -operand if isinstance(node.op, ast.USub) else operand

    def _BinOp(self, node: ast.BinOp, depth: int) -> sp.Expr:
        op = node.op
        if not isinstance(op, ast.Add | ast.Sub | ast.Mult | ast.Div | ast.Pow):
            raise self.fail(node, f"unsupported operator {_OPS.get(type(op), type(op).__name__)}")
        left = self.walk(node.left, depth)
        right = self.walk(node.right, depth)
        out = self._binop(node, op, left, right)
        self.check_number(node, out)
        return out

    def _binop(self, node: ast.BinOp, op: ast.operator, left: sp.Expr, right: sp.Expr) -> sp.Expr:
        if isinstance(op, ast.Add):
            return left + right
        if isinstance(op, ast.Sub):
            return left - right
        if isinstance(op, ast.Mult):
            return left * right
        if isinstance(op, ast.Div):
            if right == 0:
                raise self.fail(node, "division by zero")
            return left / right
        if not right.is_Rational:  # the operator is **
            return self._power(node, left, right)
        if abs(right.p) > MAX_EXPONENT or right.q > MAX_EXPONENT:
            raise self.fail(
                node.right,
                f"exponent {right} is out of range (numerator and "
                f"denominator at most {MAX_EXPONENT})",
            )
        if left == 0 and right.is_negative:
            raise self.fail(node, "division by zero")
        if left.is_Rational and not right.is_Integer and left.is_negative:
            raise self.fail(node, f"({left})**({right}) is not a real number")
        if left.is_Rational and max(abs(left.p), left.q) ** abs(right.p) > _BIGGEST:
            raise self.fail(node, f"({left})**({right}) is too large a number")
        out = left**right
        return out if right.is_Integer else functions.real_root(out)  # (d**2)**(1/2)

    def _power(self, node: ast.BinOp, base: sp.Expr, exponent: sp.Expr) -> sp.Expr:
        """base ** g for an exponent g that is not a number: a scalar (numbers, sizes, scalar
        inputs and definitions, pi), defined where the base is positive."""
        if (
            indices.free(exponent)
            or exponent.has(sp.Indexed, sp.Sum, sp.Derivative)
            or exponent.has(sp.KroneckerDelta)
        ):
            raise self.fail(
                node.right,
                "an exponent is a number or a scalar: numbers, sizes, "
                "scalar inputs and scalar definitions",
            )
        if base.is_Rational and base <= 0:
            raise self.fail(node, f"({base})**({exponent}) is not a real number for every exponent")
        return base**exponent

    def check_number(self, node: ast.AST, e: sp.Expr) -> None:
        """Refuse numbers that are not real, or too large to compute with, and what SymPy
        turns into functions outside the language (sqrt(x**2) is Abs(x))."""
        if e.has(sp.I, sp.zoo, sp.nan, sp.oo, -sp.oo):
            raise self.fail(node, "the expression is not a finite real number")
        for f in sorted(e.atoms(sp.Function), key=sp.default_sort_key):
            if not isinstance(f, _ALLOWED):
                raise self.fail(
                    node,
                    f"this simplifies to {f}, which is outside the "
                    f"language (no rule for {type(f).__name__})",
                )
        for x in e.atoms(sp.Rational):
            if abs(x.p) > _BIGGEST or x.q > _BIGGEST:
                raise self.fail(
                    node, f"a number in the expression has more than {MAX_NUMBER_DIGITS} digits"
                )


_BIGGEST = 10**MAX_NUMBER_DIGITS
_ALLOWED = (*functions.classes(), sp.KroneckerDelta, Iverson)  # what may appear

_OPS = {
    ast.Not: "not",
    ast.Invert: "~",
    ast.FloorDiv: "//",
    ast.Mod: "%",
    ast.MatMult: "@",
    ast.BitAnd: "&",
    ast.BitOr: "|",
    ast.BitXor: "^",
    ast.LShift: "<<",
    ast.RShift: ">>",
}

_NAMES = {
    "Attribute": "attribute access",
    "Lambda": "lambda",
    "ListComp": "list comprehension",
    "SetComp": "set comprehension",
    "DictComp": "dict comprehension",
    "GeneratorExp": "generator expression",
    "Compare": "comparison",
    "BoolOp": "and/or",
    "IfExp": "conditional expression",
    "NamedExpr": "assignment expression",
    "JoinedStr": "f-string",
    "List": "list",
    "Tuple": "tuple",
    "Dict": "dict",
    "Set": "set",
    "Starred": "starred expression",
    "Await": "await",
    "Yield": "yield",
    "Slice": "slice",
}


def describe(node: ast.AST) -> str:
    return _NAMES.get(type(node).__name__, type(node).__name__)
