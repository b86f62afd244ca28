"""Full-size arrays a kernel made and needs no more, written into again instead of new ones.

At 4096 x 1024 in float64 a new array is 32 MiB, above glibc's mmap threshold: malloc maps
fresh pages for it and the first pass over it faults each one in, about 10 ms, where the same
pass over an array already mapped takes under 2 ms. So an array the kernel made (an output of
this function or a temporary) whose last reader has run is worth more than a new one:

- a product that is only summed, `(g * hhat).sum(1)`, is written into such an array,
  `torch.mul(g, hhat, out=t1).sum(1)` (NumPy sums products with einsum, without a product
  array at all);
- a new full-size value is computed into one (`y = t1`, then `torch.addcmul(beta, hhat,
  gamma, out=y)`), where its first statement can be written with `out=`;
- when no such array exists yet but a value of the same shape is computed later in the same
  function, the product is written into an array made empty for it (`t1 = torch.empty(...)`),
  which that value then takes.

`Buffers` holds the arrays a kernel may write into, by shape (the sizes of their axes), and
never one that is read later: the kernel answers that (`alive`), and an array another name
may be a view of is `pinned`, never reused. Inputs, a torch Function's saved tensors and
whatever the function returns are never the kernel's to reuse.
"""

from __future__ import annotations

import ast
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

import sympy as sp

from symbn.emit.arrays.statements import Assign, Into, Statement, names, reads

#: Binary operators an array module computes into an existing array, by its function name.
OPERATORS = {ast.Add: "add", ast.Sub: "subtract", ast.Mult: "multiply", ast.Div: "divide"}
#: Functions of the array module (`np.X` / `torch.X`) that take `out=` and whose result has the
#: shape and dtype of their array arguments broadcast together.
OUT_FUNCTIONS = frozenset(
    {"add", "subtract", "multiply", "divide", "mul", "addcmul", "maximum", "minimum"}
    | {"exp", "log", "tanh", "sqrt", "rsqrt", "sin", "cos", "abs", "sign"}
)
#: Methods reducing an array into a new, smaller one.
REDUCTIONS = frozenset({"sum", "mean", "max", "min", "prod"})


@dataclass
class Buffers:
    """The full-size arrays a kernel made (`rank` axes), name -> sizes, and what each holds
    (None: nothing yet); `pinned` names are never reused (another name may be a view of
    them), nor the outputs that are returned (`kept`; None: all of them)."""

    kept: frozenset[str] | None = None
    rank: int = 0
    sizes: dict[str, tuple] = field(default_factory=dict)
    held: dict[str, sp.Expr | None] = field(default_factory=dict)
    outputs: set[str] = field(default_factory=set)
    pinned: set[str] = field(default_factory=set)
    upcoming: set[tuple] = field(default_factory=set)  # shapes of the values still to come
    pending: list[dict[tuple, str]] = field(default_factory=lambda: [{}])  # empty, unmade
    numbers: frozenset[str] = frozenset()  # the names of Python numbers (sizes) in the code

    def made(self, name: str, e: sp.Expr | None, axes: tuple) -> None:
        """`name` is a new array of its own holding `e` along `axes` (None: nothing yet)."""
        if axes and len(axes) == self.rank:
            self.sizes[name] = sizes_of(axes)
            self.held[name] = e

    def drop(self, name: str) -> None:
        self.sizes.pop(name, None)

    def pin(self, code: str) -> None:
        """`code` may be a view of the arrays it reads: none of them is reused."""
        self.pinned |= names(code) & set(self.sizes)

    def reusable(self, name: str) -> bool:
        """May `name` be written into once it is dead (an output only when not returned)?"""
        if name in self.pinned:
            return False
        return name not in self.outputs or (self.kept is not None and name not in self.kept)

    def dead(
        self, sizes: tuple, alive: Callable[[str], bool], avoid: frozenset[str] = frozenset()
    ) -> str | None:
        """The first array of shape `sizes` that nothing reads any more, not in `avoid`
        (first those made empty for a value still to come)."""
        order = sorted(self.sizes.items(), key=lambda kv: self.held[kv[0]] is not None)
        for name, shape in order:
            if shape == tuple(sizes) and name not in avoid and not alive(name):
                return name
        return None

    def empty(self, shape: tuple, taken: set[str]) -> str:
        """The name of an empty array of shape `shape` the statements being written may
        write into (made only if they do: `made_empty`)."""
        pending = self.pending[-1]
        if shape not in pending:
            used = taken.union(*(p.values() for p in self.pending))
            pending[shape] = next(f"buf{n}" for n in itertools.count() if f"buf{n}" not in used)
        return pending[shape]

    def made_empty(self, lines: list[Statement], empty: Callable[[tuple], str], taken: set):
        """The statements making the empty arrays `lines` write into, in front of them."""
        made: list[Statement] = []
        for shape, name in self.pending.pop().items():
            if any(name in reads(s) for s in lines):
                made.append(Assign(name, empty(shape)))
                taken.add(name)
                self.sizes[name] = shape
                self.held[name] = None
        return made + lines

    def reuse(
        self, name: str, lines: list[Statement], axes: tuple, alive, function
    ) -> list[Statement]:
        """`lines` computing `name` into a dead array of its shape, where one can be used
        (`function` spells the array module's functions; `alive`: is a buffer read later)."""
        avoid = frozenset().union(*(reads(s) for s in lines))
        dead = self.dead(sizes_of(axes), alive, avoid)
        if dead is None:
            return lines
        test = is_array(self.numbers)
        taken = taking(lines, name, dead, lambda code: into(code, function, test))
        if taken is None:
            return lines
        self.drop(dead)  # `name` is that array now
        return taken


def into(code: str, function: Callable[[str], str], tensors: Callable[[ast.expr], bool]):
    """(function, arguments) computing the new array `code` into an existing one with
    `out=`, or None: `code` a binary operation whose left operand is an array (`tensors`),
    or a call of the array module's function that takes `out=` and has none."""
    tree = ast.parse(code, mode="eval").body
    if isinstance(tree, ast.BinOp) and type(tree.op) in OPERATORS and tensors(tree.left):
        parts = (ast.get_source_segment(code, tree.left), ast.get_source_segment(code, tree.right))
        return function(OPERATORS[type(tree.op)]), tuple(_bare(p) for p in parts if p)
    if (
        isinstance(tree, ast.Call)
        and isinstance(tree.func, ast.Attribute)
        and isinstance(tree.func.value, ast.Name)
        and function(tree.func.attr) == ast.get_source_segment(code, tree.func)
        and tree.func.attr in OUT_FUNCTIONS
        and not any(k.arg == "out" for k in tree.keywords)
        and tree.args
        and tensors(tree.args[0])
    ):
        args = [ast.get_source_segment(code, a) for a in tree.args]
        args += [ast.get_source_segment(code, k) for k in tree.keywords]
        return ast.get_source_segment(code, tree.func), tuple(a for a in args if a)
    return None


def _bare(code: str) -> str:
    """An operand without the parentheses it needed beside an operator."""
    tree = ast.parse(code, mode="eval").body
    if code.startswith("(") and code.endswith(")") and not isinstance(tree, ast.Tuple):
        inner = code[1:-1]
        try:
            ast.parse(inner, mode="eval")
        except SyntaxError:
            return code
        return inner
    return code


def is_array(numbers: frozenset[str]) -> Callable[[ast.expr], bool]:
    """Whether an operand is an array, not a Python number: a number, a size (`numbers`) and
    `math.` of them are numbers; arithmetic is an array when one of its operands is."""

    def test(node: ast.expr) -> bool:
        match node:
            case ast.Constant():
                return False
            case ast.Name(id=name):
                return name not in numbers
            case ast.BinOp(left=left, right=right):
                return test(left) or test(right)
            case ast.UnaryOp(operand=operand):
                return test(operand)
            case ast.Call(func=ast.Attribute(value=ast.Name(id="math"))):
                return False
        return True

    return test


def taking(
    lines: list[Statement], dst: str, buffer: str, into_code: Callable[[str], tuple | None]
) -> list[Statement] | None:
    """`lines` computing `dst` into the dead array `buffer` instead of a new one (their first
    statement written with `out=`), or None when it cannot be or `lines` read `buffer`."""
    if not lines or any(buffer in reads(s) for s in lines):
        return None
    first = lines[0]
    if not isinstance(first, Assign) or first.target != dst:
        return None
    spelled = into_code(first.value)
    if spelled is None:
        return None
    return [Assign(dst, buffer), Into(dst, *spelled), *lines[1:]]


def may_view(code: str) -> bool:
    """May the value of `code` share another array's memory (a name, a subscript, a
    transpose, an einsum)? Arithmetic, a reduction and the functions that take `out=` build
    a new array."""
    tree = ast.parse(code, mode="eval").body
    if isinstance(tree, ast.BinOp | ast.UnaryOp | ast.Constant):
        return False
    if isinstance(tree, ast.Call) and isinstance(tree.func, ast.Attribute):
        return tree.func.attr not in OUT_FUNCTIONS | REDUCTIONS
    return True


def shape(sizes: tuple) -> str:
    """Python's text of the tuple `sizes`."""
    return "(" + ", ".join(map(str, sizes)) + ("," if len(sizes) == 1 else "") + ")"


def sizes_of(axes: tuple) -> tuple[sp.Expr, ...]:
    """The shape of an array laid out along `axes` (index symbols with sizes)."""
    return tuple(a.size for a in axes)


def sums(e: sp.Expr) -> list[sp.Expr]:
    """The sums in `e` not inside another sum, in order."""
    if isinstance(e, sp.Sum):
        return [e]
    return [r for a in e.args if not isinstance(a, sp.Indexed) for r in sums(a)]


def read_names(e: sp.Expr) -> set[str]:
    """The names of the arrays and scalars `e` reads."""
    return {str(x.base.label) for x in e.atoms(sp.Indexed)} | {str(x) for x in e.free_symbols}
