"""A recurrence in the NumPy module: a Python loop over its time axis, vectorised inside a step.

`define_h` fills h one step at a time: at step t (a Python int, counted from 1 as in the
formulas) the definition's body is an expression over the other axes, in which each element
at a step t + c of the time axis is a row bound before the step's code (zero where t + c is
off the axis, as the language's padding says) and each delta or relation of t alone a number.
The step's expression is then printed by the kernel like any other.

For a derivation whose claims through the recurrence were proved by induction
(`symbn.verify.induction`), `forward` and `backward` are the layer: forward runs the loop
and returns h with what backward needs; backward runs the proved recursion of the total
derivative backwards in time (`dh[t] = ... dh[t + 1] ...`) and then evaluates each proved
gradient claim over whole arrays, every diff(loss, h[p]) read as the array dh. What cannot be
written so (a claim through the recurrence that is not proved, a step that reads t in another
way) is refused, naming it; the functions are never written from an unproved claim.
"""

from __future__ import annotations

import ast
import textwrap

import sympy as sp

from symbn.emit.arrays import statements
from symbn.emit.arrays.kernel import Kernel, Output
from symbn.emit.arrays.pysource import INDENT, doc_lines, indented, signature
from symbn.emit.arrays.vectorize import VectorizeError, Vectorizer
from symbn.emit.numpy import argcheck
from symbn.errors import InputError
from symbn.language import indices, relations
from symbn.language.indices import Index
from symbn.language.model import tensors_in
from symbn.language.notation import formula
from symbn.language.relations import Iverson


class Rows:
    """The rows and numbers a step reads, bound before its code: `bind` lines, and the names
    they take (none of `taken`)."""

    def __init__(self, emitter, t: Index, taken: set[str], *, low: int = 1, gap: int = 0):
        """t runs from `low` to its size less `gap` in the loop: a row at t + c within that
        is on its axis and needs no guard."""
        self.emitter, self.t, self.taken = emitter, t, taken
        self.low, self.gap = low, gap
        self.bind: list[str] = []
        self.made: dict[str, sp.Expr] = {}  # code -> the symbol or base it binds

    def name(self, base: str) -> str:
        return fresh(base, self.taken)

    def at_step(self, e: sp.Expr) -> sp.Expr:
        """`e` with every element at t + c a row, every delta or relation of t a number."""
        t = self.t
        out = e.replace(lambda x: isinstance(x, sp.Indexed) and t in indices.atoms(x), self.row)
        out = out.replace(
            lambda x: isinstance(x, sp.KroneckerDelta | Iverson) and indices.atoms(x) == {t},
            self.number,
        )
        if t in indices.atoms(out):
            raise refused(
                self.emitter, f"cannot export the step at {t}: {formula(e)} reads {t} otherwise"
            )
        return out

    def row(self, x: sp.Indexed) -> sp.Expr:
        name = x.base.label.name
        axis, c = _moved(self.emitter, x, self.t)
        shape = self.emitter.shapes[name]
        code = f"{name}[{':, ' * axis}{_python(self.t + c - 1)}]"
        rest = shape[:axis] + shape[axis + 1 :]
        if c < 0 and 1 - c > self.low:
            code += f" if {self.t} >= {1 - c} else {_zeros(rest)}"
        elif c > self.gap:
            code += f" if {self.t} <= {shape[axis]} - {c} else {_zeros(rest)}"
        key = code
        if key not in self.made:
            suffix = {0: "t", -1: "prev", 1: "next"}.get(c, f"{'m' if c < 0 else 'p'}{abs(c)}")
            new = self.name(f"{name}_{suffix}")
            self.bind.append(f"{new} = {code}")
            self.made[key] = sp.IndexedBase(new, real=True) if rest else sp.Symbol(new, real=True)
        base = self.made[key]
        left = x.indices[:axis] + x.indices[axis + 1 :]
        return base[left] if left else base

    def number(self, x: sp.Expr) -> sp.Expr:
        if isinstance(x, Iverson):
            test = f"{_python(x.args[0])} >= 0"
        else:
            test = f"{_python(x.args[0])} == {_python(x.args[1])}"
        code = f"1.0 if {test} else 0.0"
        if code not in self.made:
            self.made[code] = sp.Symbol(self.name("at_" + str(self.t)), real=True)
            self.bind.append(f"{self.made[code]} = {code}")
        return self.made[code]


def _moved(emitter, x: sp.Indexed, t: Index) -> tuple[int, int]:
    """(axis, c): the one axis of `x` at t + c."""
    found = []
    for axis, at in enumerate(x.indices):
        if t not in indices.atoms(at):
            continue
        terms = relations.linear(at)
        c = terms.pop(sp.S.One, sp.S.Zero) if terms is not None else None
        if terms != {t: 1} or c is None:
            raise refused(emitter, f"cannot export {x}: its position {at} is not {t} plus a number")
        found.append((axis, int(c)))
    if len(found) != 1:
        raise refused(emitter, f"cannot export {x}: more than one of its axes moves with {t}")
    return found[0]


def _python(e: sp.Expr) -> str:
    return str(e)


def _zeros(shape: tuple[str, ...]) -> str:
    if not shape:
        return "dtype.type(0)"
    return f"np.zeros(({', '.join(shape)}{',' if len(shape) == 1 else ''}), dtype=dtype)"


def kernel_lines(emitter, outputs: list[Output], taken: set[str], indent: str) -> list[str]:
    """The kernel's statements for `outputs`, as lines at `indent`."""
    kernel = Kernel(Vectorizer(list(emitter.order)), taken)
    try:
        made = kernel.emit(outputs)
    except VectorizeError as exc:
        raise refused(emitter, f"cannot export the time loop: {exc}") from None
    taken |= kernel.taken
    return statements.lines(made, indent)


def loop(emitter, name: str, value: sp.Expr, t: Index, *, axis: int, axes, taken, back: bool):
    """The lines that fill array `name` along `axis` one step of t at a time with `value`;
    what does not read `name` is computed for every step at once before the loop. When the
    step reads `name` one step away only, the first step is written out on its own (the row
    before it is off the axis, hence zero) and the loop needs no test at each step."""
    size = str(t.size)
    value, before = hoisted(emitter, name, value, t, taken)
    lines = [*before, f"{name} = {_zeros(emitter.shapes[name])}"]
    lags = {_moved(emitter, x, t)[1] for x in value.atoms(sp.Indexed) if x.base.label.name == name}
    first = t.size if back else sp.S.One
    peel = lags == ({1} if back else {-1})
    if peel:
        at_first = _off_axis(emitter, value.xreplace({t: first}))
        out = fresh(f"{name}_first", taken)
        at_first, made = grouped(at_first, taken)
        lines += kernel_lines(emitter, [*made, Output(out, at_first, axes)], taken, "")
        lines.append(f"{name}[{':, ' * axis}{_python(first - 1)}] = {out}")
        value = value.replace(  # past the first step, a delta at it is 0
            lambda x: isinstance(x, sp.KroneckerDelta) and set(x.args) == {t, first},
            lambda _x: sp.S.Zero,
        )
    rows = Rows(emitter, t, taken, low=2 if peel and not back else 1, gap=1 if peel and back else 0)
    step = rows.at_step(value)
    out = rows.name(f"{name}_step")
    step, made = grouped(step, taken)
    body = kernel_lines(emitter, [*made, Output(out, step, axes)], taken, INDENT)
    if back:
        steps = f"range({size} - 1, 0, -1)" if peel else f"range({size}, 0, -1)"
    else:
        steps = f"range({1 + peel}, {size} + 1)"
    return [
        *lines,
        f"for {t} in {steps}:",
        *(INDENT + b for b in rows.bind),
        *body,
        f"{INDENT}{name}[{':, ' * axis}{t} - 1] = {out}",
    ]


def _off_axis(emitter, e: sp.Expr) -> sp.Expr:
    """`e` at a concrete step with each element at a position off its axis (before 1, or past
    its size) written as 0."""

    def off(x: sp.Indexed) -> bool:
        shape = emitter.shapes.get(x.base.label.name, ())
        for at, size in zip(x.indices, shape, strict=False):
            if at.is_Integer and at < 1:
                return True
            gap = relations.linear(at - sp.Symbol(size, integer=True, positive=True))
            if gap is not None and set(gap) <= {sp.S.One} and gap.get(sp.S.One, 0) > 0:
                return True
        return False

    return e.replace(lambda x: isinstance(x, sp.Indexed) and off(x), lambda _x: sp.S.Zero)


def hoisted(emitter, name: str, value: sp.Expr, t: Index, taken: set[str]):
    """`value` with each sum of terms that do not read `name` (the array the loop fills), but
    do move with t, read from an array computed over every step before the loop (x @ U.T + b
    once, not a product a step); and the lines that compute those arrays."""
    lines: list[str] = []

    def part(e: sp.Expr) -> bool:
        return name not in tensors_in(e, emitter.model.bases | _bases(e))

    def hoist(e: sp.Add) -> sp.Expr:
        rest = [a for a in e.args if part(a)]
        if (
            not any(t in indices.free(a) for a in rest)
            or (len(rest) == 1 and not rest[0].has(sp.Sum))
            or len(rest) == len(e.args)
        ):
            return e
        keep = [a for a in e.args if not part(a)]
        total = sp.Add(*rest)
        order = list(emitter.order)
        free = sorted(
            indices.free(total) - {t},
            key=lambda i: (order.index(i) if i in order else len(order), str(i)),
        )
        new = fresh(f"{name}_part", taken)
        emitter.shapes[new] = (str(t.size), *(str(i.size) for i in free))
        whole, bind = shifted(emitter, total, taken)
        lines.extend(bind)
        lines.extend(kernel_lines(emitter, [Output(new, whole, (t, *free))], taken, ""))
        return sp.Add(*keep, sp.IndexedBase(new, real=True)[(t, *free)])

    out = value.replace(lambda x: isinstance(x, sp.Add), hoist)
    return out, lines


def _bases(e: sp.Expr) -> dict:
    return {x.base.label.name: x.base for x in e.atoms(sp.Indexed)}


def grouped(e: sp.Expr, taken: set[str], memo: dict | None = None) -> tuple[sp.Expr, list[Output]]:
    """`e` with the factors of a summand that run over the same indices multiplied first into
    an array of their own, so that the sum is a matrix product of two operands (the step's
    einsum of three costs more than the product); the outputs for those arrays."""
    outputs: list[Output] = []
    memo = {} if memo is None else memo  # a product -> the array made for it

    def group(s: sp.Sum) -> sp.Expr:
        factors = sp.Mul.make_args(s.function)
        by: dict[frozenset, list] = {}
        for f in factors:
            by.setdefault(frozenset(indices.free(f)), []).append(f)
        if len(by) < 2:
            return s
        parts = []
        for idx, fs in by.items():
            if len(fs) < 2 or not idx:
                parts.extend(fs)
                continue
            axes = tuple(sorted(idx, key=str))
            product = sp.Mul(*fs)
            if product not in memo:
                memo[product] = fresh("g", taken)
                outputs.append(Output(memo[product], product, axes))
            parts.append(sp.IndexedBase(memo[product], real=True)[axes])
        return sp.Sum(sp.Mul(*parts), *s.limits)

    return e.replace(lambda x: isinstance(x, sp.Sum), group), outputs


def definition(emitter, name: str) -> tuple[str, str, tuple[str, ...], tuple[str, ...]]:
    """`define_h`, the recurrence computed step by step: its name, signature, docstring and
    body lines."""
    d = emitter.model.definitions[name]
    rec = d.recurrence
    t = d.index[rec.axis]
    params = [p for p in emitter.params([d.body], [d.index]) if p.name != name]
    taken = set(emitter.taken) | {str(t)}
    head = argcheck.prologue(params, {}, {})
    axes = tuple(i for i in d.index if i != t)
    lines = loop(emitter, name, d.body, t, axis=rec.axis, axes=axes, taken=taken, back=False)
    lines.append(f"return {name}")
    lines = [*head_lines(head, lines), *lines]
    element = emitter.model.element(name, d.index)
    paras = [
        f"The definition {name}, a recurrence over {t}: a loop over its steps.",
        f"{formula(element)} = {formula(d.body)}",
        argcheck.describe(params) + " " + emitter.returns(name, d.index),
    ]
    laid = tuple(x for line in lines for x in indented(line))
    fn = f"define_{name}"
    return fn, signature(fn, [p.name for p in params]), doc_lines(paras, INDENT), laid


def shifted(emitter, e: sp.Expr, taken: set[str]) -> tuple[sp.Expr, list[str]]:
    """`e` over whole arrays with each element at a moved position i + c an element at i of
    a shifted copy (zero where i + c is off the axis), and the lines that make the copies."""
    made: dict[tuple, sp.IndexedBase] = {}
    bind: list[str] = []

    def copy(x: sp.Indexed) -> sp.Expr:
        name = x.base.label.name
        moved = [(k, at) for k, at in enumerate(x.indices) if relations.position(at)]
        if len(moved) != 1:
            raise refused(emitter, f"cannot export {x}: more than one of its axes is moved")
        axis, at = moved[0]
        terms = relations.linear(at) or {}
        c = int(terms.pop(sp.S.One, sp.S.Zero))
        letter = next(iter(terms), None)
        if len(terms) != 1 or terms[letter] != 1 or not isinstance(letter, Index):
            raise refused(
                emitter, f"cannot export {x}: its position {at} is not an index plus a number"
            )
        key = (name, axis, c)
        if key not in made:
            new = fresh(f"{name}_{'m' if c < 0 else 'p'}{abs(c)}", taken)
            pre = ":, " * axis
            dst, src = (f"{-c}:", f":{c}") if c < 0 else (f":{-c}", f"{c}:")
            bind.append(f"{new} = np.zeros_like({name})")
            bind.append(f"{new}[{pre}{dst}] = {name}[{pre}{src}]")
            made[key] = sp.IndexedBase(new, real=True)
            emitter.shapes[new] = emitter.shapes[name]
        return made[key][(*x.indices[:axis], letter, *x.indices[axis + 1 :])]

    def one_hot(d: sp.KroneckerDelta) -> sp.Expr:
        i, c = sorted(d.args, key=lambda a: a.is_Integer)
        new = fresh(f"first_{i}" if c == 1 else f"at_{i}_{c}", taken)
        bind.append(f"{new} = np.zeros({i.size}, dtype=dtype)")
        bind.append(f"{new}[{int(c) - 1}] = 1")
        emitter.shapes[new] = (str(i.size),)
        return sp.IndexedBase(new, real=True)[i]

    out = e.replace(
        lambda x: isinstance(x, sp.Indexed) and any(relations.position(a) for a in x.indices), copy
    )
    out = out.replace(  # Delta(t, 1) over whole arrays: a one-hot vector, not a row of eye(T)
        lambda x: (
            isinstance(x, sp.KroneckerDelta)
            and sum(isinstance(a, Index) for a in x.args) == 1
            and any(a.is_Integer for a in x.args)
        ),
        one_hot,
    )
    return out, bind


def fresh(base: str, taken: set[str]) -> str:
    name, n = base, 1
    while name in taken:
        name, n = f"{base}{n}", n + 1
    taken.add(name)
    return name


def refused(emitter, what: str) -> InputError:
    """What cannot be exported, named: bad input for the export (exit status 2)."""
    return InputError(f"{emitter.model.spec.path}: {what}")


def head_lines(head: list, later: list[str]) -> list[str]:
    """The argument checks `head` as lines, without the size bindings that neither they nor
    the `later` lines read."""
    tree = ast.parse(textwrap.dedent("\n".join(later)))
    read = sorted({n.id for n in ast.walk(tree) if isinstance(n, ast.Name)})
    reads = statements.Assign("_", f"({', '.join(read)},)" if read else "()")
    return statements.lines(statements.without_unread_sizes([*head, reads])[:-1])
