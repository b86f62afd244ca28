"""The statements of a generated function body, built by the kernel, the in-place plans and
the argument checks, transformed as statements and printed last.

Each statement keeps apart what it writes (a name) and the code it reads (Python
expressions, one line each, as `arrays.vectorize` prints them), so renaming an array, folding
the last assignment into the return and dropping a size binding nothing reads are operations
on statements: what a piece of code reads is the set of names its syntax tree loads (`ast`),
never a search of the text, so a name in a string or an attribute is no use of it.
`lines` prints a body; `arrays.pysource` lays each line out within the width.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
from dataclasses import dataclass

from symbn.emit.arrays.pysource import INDENT


@dataclass(frozen=True)
class Assign:
    """target = value"""

    target: str
    value: str


@dataclass(frozen=True)
class Update:
    """target op= value, in place (op one of + - * /)."""

    target: str
    op: str
    value: str


@dataclass(frozen=True)
class Into:
    """function(*args, out=target): an array function writing into target's array."""

    target: str
    function: str
    args: tuple[str, ...]


@dataclass(frozen=True)
class Bind:
    """Sizes read off an array's shape: `N = h.shape[0]` (one size, `axis`), or every axis
    at once, `N, L = h.shape` (`axis` None), which also checks the number of axes."""

    names: tuple[str, ...]
    array: str
    axis: int | None = None


@dataclass(frozen=True)
class Raise:
    """raise error (the code of the exception)."""

    error: str


@dataclass(frozen=True)
class If:
    """if test: body"""

    test: str
    body: tuple[Statement, ...]


@dataclass(frozen=True)
class Return:
    """return value; a scalar value is returned as a scalar of the working dtype."""

    value: str
    scalar: bool = False


Statement = Assign | Update | Into | Bind | Raise | If | Return


# -- what a statement reads and writes --------------------------------------------------------
@functools.cache
def names(code: str) -> frozenset[str]:
    """The names the Python expression `code` reads."""
    tree = ast.parse(code, mode="eval")
    return frozenset(n.id for n in ast.walk(tree) if isinstance(n, ast.Name))


def _code(s: Statement) -> tuple[str, ...]:
    """The expressions `s` evaluates."""
    match s:
        case Assign(value=value) | Update(value=value) | Return(value=value):
            return (value,)
        case Into(args=args):
            return args
        case Raise(error=error):
            return (error,)
        case If(test=test):
            return (test,)
    return ()


def reads(s: Statement) -> frozenset[str]:
    """Every name `s` reads (an update reads its target, an `if` its body's reads)."""
    out = frozenset().union(*(names(c) for c in _code(s)))
    if isinstance(s, Update):  # (its target may be a selection: dst[np.arange(N), y])
        out |= names(s.target)
    if isinstance(s, Bind):
        out |= {s.array}
    if isinstance(s, If):
        out = out.union(*(reads(x) for x in s.body))
    return out


def writes(s: Statement) -> frozenset[str]:
    """The names `s` assigns or writes into."""
    if isinstance(s, Assign | Update | Into):
        return frozenset({s.target.split("[", 1)[0]})
    if isinstance(s, Bind):
        return frozenset(s.names)
    if isinstance(s, If):
        return frozenset().union(*(writes(x) for x in s.body))
    return frozenset()


# -- operations on statements -------------------------------------------------------------------
def rename_code(code: str, old: str, new: str) -> str:
    """`code` with every read of the name `old` reading `new` instead."""
    if old not in names(code):
        return code
    tree = ast.parse(code, mode="eval")
    spots = sorted(
        (n.col_offset, n.end_col_offset)
        for n in ast.walk(tree)
        if isinstance(n, ast.Name) and n.id == old
    )
    text = code.encode()  # ast offsets count bytes
    for start, end in reversed(spots):
        text = text[:start] + new.encode() + text[end:]
    return text.decode()


def renamed(s: Statement, old: str, new: str) -> Statement:
    """`s` with the array `old` called `new`, where it is written and where it is read."""

    def name(x: str) -> str:
        return new if x == old else x

    match s:
        case Assign() | Update() | Return():
            s = dataclasses.replace(s, value=rename_code(s.value, old, new))
        case Into():
            s = dataclasses.replace(s, args=tuple(rename_code(a, old, new) for a in s.args))
        case Raise():
            return Raise(rename_code(s.error, old, new))
        case If():
            return If(rename_code(s.test, old, new), tuple(renamed(x, old, new) for x in s.body))
        case Bind():
            return Bind(tuple(map(name, s.names)), name(s.array), s.axis)
    if isinstance(s, Assign | Update | Into):
        s = dataclasses.replace(s, target=name(s.target))
    return s


def returning(body: list[Statement], ret: Return) -> list[Statement]:
    """`body` then `ret`, the last assignment of the name returned folded into the return
    when nothing else writes that name."""
    if (
        body
        and isinstance(body[-1], Assign)
        and body[-1].target == ret.value
        and not any(ret.value in writes(s) for s in body[:-1])
    ):
        return [*body[:-1], Return(body[-1].value, ret.scalar)]
    return [*body, ret]


def without_unread_sizes(body: list[Statement]) -> list[Statement]:
    """`body` without the bindings `N = h.shape[0]` of a size nothing after them reads."""
    later: set[str] = set()
    kept: list[Statement] = []
    for s in reversed(body):
        if isinstance(s, Bind) and s.axis is not None and not set(s.names) & later:
            continue
        later |= reads(s)
        kept.append(s)
    return kept[::-1]


# -- printing -----------------------------------------------------------------------------------
def lines(body: list[Statement] | tuple[Statement, ...], indent: str = "") -> list[str]:
    """The source lines of `body` (an `if`'s body one INDENT further), not yet laid out."""
    out: list[str] = []
    for s in body:
        match s:
            case Assign():
                out.append(f"{indent}{s.target} = {s.value}")
            case Update():
                out.append(f"{indent}{s.target} {s.op}= {s.value}")
            case Into():
                out.append(f"{indent}{s.function}({', '.join((*s.args, f'out={s.target}'))})")
            case Bind(axis=None):
                comma = "," if len(s.names) == 1 else ""
                out.append(f"{indent}{', '.join(s.names)}{comma} = {s.array}.shape")
            case Bind():
                out.append(f"{indent}{s.names[0]} = {s.array}.shape[{s.axis}]")
            case Raise():
                out.append(f"{indent}raise {s.error}")
            case If():
                out.append(f"{indent}if {s.test}:")
                out += lines(s.body, indent + INDENT)
            case Return(scalar=True):
                out.append(f"{indent}return dtype.type({s.value})")
            case Return():
                out.append(f"{indent}return {s.value}")
    return out
