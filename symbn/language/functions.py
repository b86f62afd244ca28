"""The functions of the expression language, one table entry each.

An entry says everything every stage needs about a function: its name in the language, how
SymPy builds it and which class it is, its derivative (for the chain rule), its value in the
concrete check (complex step or 50 digits) with where it is undefined or at a kink, its
LaTeX and its NumPy spelling. Adding a function to symbn is adding an entry here (and a line
in derivations/README.md); the parser, the calculus, the concrete check and both printers
read this table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy as sp

from symbn.errors import InputError, Location
from symbn.language import sympyfunctions
from symbn.language.sympyfunctions import (
    maximum,
    minimum,
    relu,
    sigmoid,
    softplus,
    step,
)


class UndefinedError(ArithmeticError):
    """A value is not defined at this point (log of a negative, 0 ** -1, a kink, ...)."""


#: |x| below this: relu, step, abs and sign are at their kink, where 0 and rounding meet.
KINK = 1e-9


#: The function the concrete check evaluates `act` as (and act1, act2 as its derivatives).
UNSAID = "tanh(x) + x/4"
#: The function the concrete check evaluates `actb`, a second unsaid function, as.
UNSAID_B = "tanh(2x)/2 + x/3"
#: The functions left unsaid, in the order a document's unsaid names take them, each with
#: the (k, c) of tanh(kx)/k + x/c, the function the concrete check evaluates it as (act's
#: is UNSAID, actb's UNSAID_B): no two alike, so a line that takes one for another is refuted.
UNSAID_FUNCTIONS = {
    "act": (1, 4),
    "actb": (2, 3),
    "actc": (3, 5),
    "actd": (1, 2),
    "acte": (2, 5),
    "actf": (3, 3),
}


@dataclass(frozen=True)
class Function:
    """One function of the language.

    name: how the language writes it; make: builds it from its argument (SymPy);
    cls: the SymPy class of what `make` builds (None when that is a power, as sqrt's, which
    the rules of powers handle); derivative: f'(x) as an expression of x; value: f(x) in the
    concrete check's arithmetic `a` (raising UndefinedError where f is undefined); kink: f
    is not differentiable at 0,
    so the concrete check does not sample there; latex: the operator name in documents
    (None: SymPy's own); numpy: the array code of f, `{np}` and `{x}` filled in.
    """

    name: str
    make: Callable[..., sp.Expr]
    cls: type | None
    derivative: Callable[[sp.Expr], sp.Expr] | None
    value: Callable | None
    kink: bool = False
    latex: str | None = None
    numpy: str = ""
    torch: str = ""
    jax: str = ""
    arity: int = 1
    #: for a function NumPy lacks: the stdlib module the helper uses, and the lines that
    #: define the helper that `numpy` calls (written into a module only where it is called)
    numpy_helper: tuple[str, tuple[str, ...]] | None = None

    def partials(self, args: tuple) -> tuple:
        """The partial derivatives of f at `args`, one per argument."""
        assert self.derivative is not None
        if self.arity == 1:
            return (self.derivative(args[0]),)
        return tuple(self.derivative(*args))


def real_root(e: sp.Expr) -> sp.Expr:
    """`e` with each root of an even power written with an absolute value: sqrt(b**2) =
    abs(b), (b**2)**(3/2) = abs(b)**3, since every value of the language is real (SymPy does
    so only for symbols it knows to be real)."""

    def even_root(x: sp.Expr) -> bool:
        return (
            isinstance(x, sp.Pow)
            and x.exp.is_Rational
            and not x.exp.is_Integer
            and isinstance(x.base, sp.Pow)
            and x.base.exp.is_even is True
        )

    return e.replace(even_root, lambda x: sp.Abs(x.base.base) ** (x.base.exp * x.exp))


def _sqrt(x: sp.Expr) -> sp.Expr:
    return real_root(sp.sqrt(x))


def _log(a, x):
    if a.real(x) <= 0:
        raise UndefinedError("log of a number that is not positive")
    return a.log(x)


def _zero(_x: sp.Expr) -> sp.Expr:
    """The derivative of a function constant away from its kink."""
    return sp.S.Zero


def _sign(a, x):
    return a.number(1 if a.real(x) > 0 else -1)


def _max_partials(a: sp.Expr, b: sp.Expr) -> tuple[sp.Expr, sp.Expr]:
    return step(a - b), step(b - a)


def _min_partials(a: sp.Expr, b: sp.Expr) -> tuple[sp.Expr, sp.Expr]:
    return step(b - a), step(a - b)


def _unsaid_entries() -> tuple[Function, ...]:
    """The entries of each function left unsaid and of its first and second derivatives:
    `act` (and `act1`, `act2`), evaluated as tanh(kx)/k + x/c, written \\operatorname{act}
    with its letter below (\\operatorname{act}_b for actb) and a prime for each derivative."""
    out = []
    for name, (k, c) in UNSAID_FUNCTIONS.items():
        f, f1, f2 = (getattr(sympyfunctions, name + n) for n in ("", "1", "2"))
        tex = r"\operatorname{act}" + (f"_{name[3:]}" if name[3:] else "")
        out += [
            Function(name, f, f, f1, _unsaid_value(k, c), latex=tex),
            Function(name + "1", f1, f1, f2, _unsaid_first(k, c), latex=tex + "'"),
            Function(name + "2", f2, f2, None, _unsaid_second(k), latex=tex + "''"),
        ]
    return tuple(out)


def _unsaid_value(k: int, c: int) -> Callable:
    return lambda a, x: a.tanh(k * x) * a.number(1, k) + x * a.number(1, c)


def _unsaid_first(k: int, c: int) -> Callable:
    return lambda a, x: 1 - a.tanh(k * x) ** 2 + a.number(1, c)


def _unsaid_second(k: int) -> Callable:
    return lambda a, x: -2 * k * a.tanh(k * x) * (1 - a.tanh(k * x) ** 2)


TABLE: dict[str, Function] = {
    f.name: f
    for f in (
        Function("sqrt", _sqrt, None, None, None, numpy="{np}.sqrt({x})"),
        Function("exp", sp.exp, sp.exp, sp.exp, lambda a, x: a.exp(x), numpy="{np}.exp({x})"),
        Function("log", sp.log, sp.log, lambda x: 1 / x, _log, numpy="{np}.log({x})"),
        Function(
            "tanh",
            sp.tanh,
            sp.tanh,
            lambda x: 1 - sp.tanh(x) ** 2,
            lambda a, x: a.tanh(x),
            numpy="{np}.tanh({x})",
        ),
        Function(
            "sech",
            sp.sech,
            sp.sech,
            lambda x: -sp.sech(x) * sp.tanh(x),
            lambda a, x: 2 / (a.exp(x) + a.exp(-x)),
            latex=r"\operatorname{sech}",
            numpy="1 / {np}.cosh({x})",
        ),
        Function(
            "cosh",
            sp.cosh,
            sp.cosh,
            sp.sinh,
            lambda a, x: (a.exp(x) + a.exp(-x)) / 2,
            latex=r"\cosh",
            numpy="{np}.cosh({x})",
        ),
        Function(
            "sinh",
            sp.sinh,
            sp.sinh,
            sp.cosh,
            lambda a, x: (a.exp(x) - a.exp(-x)) / 2,
            latex=r"\sinh",
            numpy="{np}.sinh({x})",
        ),
        Function(
            "sigmoid",
            sigmoid,
            sigmoid,
            lambda x: sigmoid(x) * (1 - sigmoid(x)),
            lambda a, x: 1 / (1 + a.exp(-x)),
            latex=r"\sigma",
            numpy="0.5 * (1 + {np}.tanh(0.5 * {x}))",
        ),
        Function(
            "relu",
            relu,
            relu,
            step,
            lambda a, x: x if a.real(x) > 0 else a.number(0),
            kink=True,
            latex=r"\operatorname{ReLU}",
            numpy="{np}.maximum({x}, 0)",
            torch="{np}.relu({x})",
        ),
        Function(
            "step",
            step,
            step,
            _zero,
            lambda a, x: a.number(1 if a.real(x) > 0 else 0),
            kink=True,
            latex=r"\operatorname{step}",
            numpy="{np}.heaviside({x}, 0)",
            # torch has no NaN-keeping step: torch.heaviside and torch.sign map NaN to 0
            torch="({x} > 0).to({dtype})",
        ),
        Function(
            "abs",
            sp.Abs,
            sp.Abs,
            sp.sign,
            lambda a, x: x if a.real(x) > 0 else -x,
            kink=True,
            latex=None,
            numpy="{np}.abs({x})",
        ),
        Function(
            "sign",
            sp.sign,
            sp.sign,
            _zero,
            _sign,
            kink=True,
            latex=r"\operatorname{sign}",
            numpy="{np}.sign({x})",
        ),
        Function(
            "softplus",
            softplus,
            softplus,
            sigmoid,
            lambda a, x: a.log(1 + a.exp(x)),
            latex=r"\operatorname{softplus}",
            numpy="{np}.logaddexp(0, {x})",
            # (torch.nn.functional.softplus is linear past a threshold: not the function)
            torch="{np}.logaddexp({x}, {np}.zeros((), dtype={dtype}, device=device))",
        ),
        Function(
            "erf",
            sp.erf,
            sp.erf,
            lambda x: 2 * sp.exp(-(x**2)) / sp.sqrt(sp.pi),
            lambda a, x: a.erf(x),
            latex=r"\operatorname{erf}",
            numpy="_erf({x})",
            torch="{np}.erf({x})",
            jax="jax.lax.erf({x})",
            numpy_helper=(
                "math",
                (
                    "def _erf(x):",
                    '    """erf of each element (NumPy has none), in the dtype of x."""',
                    "    x = np.asarray(x)",
                    "    return np.frompyfunc(math.erf, 1, 1)(x).astype(x.dtype)",
                ),
            ),
        ),
        *_unsaid_entries(),
        Function(
            "max",
            maximum,
            maximum,
            _max_partials,
            lambda a, x, y: x if a.real(x) > a.real(y) else y,
            kink=True,
            latex=r"\max",
            numpy="{np}.maximum({x}, {y})",
            arity=2,
        ),
        Function(
            "min",
            minimum,
            minimum,
            _min_partials,
            lambda a, x, y: x if a.real(x) < a.real(y) else y,
            kink=True,
            latex=r"\min",
            numpy="{np}.minimum({x}, {y})",
            arity=2,
        ),
    )
}

#: Names the language gives a meaning to besides the functions of the table.
SPECIAL = ("sum", "mean", "diff", "Delta", "If")
#: The constants of the language.
CONSTANTS = {"pi": sp.pi}
#: Every name the language reserves: no declaration may take one.
RESERVED = frozenset({*TABLE, *SPECIAL, *CONSTANTS})
#: The names a tensor (an input or a definition of a derivation file) may not take: a tensor
#: is always written with `[...]` or bare and a function with `(...)`, so the two live in
#: separate namespaces, but `sum`, `mean`, `diff`, `Delta` and the constants are the
#: language's own syntax.
TENSOR_RESERVED = frozenset({*SPECIAL, *CONSTANTS})


def refuse_reserved(name: str, where: Location, what: str, reserved: frozenset = RESERVED) -> None:
    """InputError at `where` when a declared `name` (of a size, index, input, definition or
    loss: `what`) is one the language reserves (`reserved`: the names it may not take)."""
    if name in reserved:
        meant = f"the constant {name}" if name in CONSTANTS else f"the function {name}()"
        raise InputError(f"{what} name {name!r} is reserved for {meant}", where, len(name))


def of(e: sp.Expr) -> Function | None:
    """The table entry of the function application `e`, if it is one."""
    for f in TABLE.values():
        if f.cls is not None and type(e) is f.cls:
            return f
    return None


def classes() -> tuple[type, ...]:
    """The SymPy classes that may appear in an expression of the language."""
    return tuple(f.cls for f in TABLE.values() if f.cls is not None)


def derivative_text(name: str, arg: str) -> str | None:
    """The derivative of the one-argument function `name` at the expression-language text
    `arg` (an atom, or in parentheses), as expression-language text; None when the table
    has no such function or no derivative for it."""
    entry = TABLE.get(name)
    if entry is None or entry.derivative is None or entry.arity != 1:
        return None
    x = sp.Symbol("ARGUMENT")
    return f"({sp.sstr(entry.derivative(x))})".replace("ARGUMENT", arg)
