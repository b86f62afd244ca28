"""Verdicts: the status of a claim, what shows it, and the frozen value a verified
derivation hands to every emitter.

proved     lhs - rhs reduces to zero under the rewrite rules, with symbolic sizes; and the
           independent concrete check agrees at several small sizes (N = 1 included).
refuted    a concrete point where the two sides differ: sizes, indices, inputs, both values.
unknown    neither within the time budget, or no reduction to zero and no counterexample.
derived    no rhs was written: the closed form is computed, then checked like a proof.

A checked document's findings add unchecked (a line symbn cannot read as a claim), defined
(a definition), warning and error.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field

import mpmath
import sympy as sp

from symbn.errors import InputError
from symbn.language import functions, indices
from symbn.language.model import Model
from symbn.language.notation import formula
from symbn.verify import concrete
from symbn.verify.status import (
    FAILED,
    PASSED,
    Status,
)
from symbn.verify.steps import Derivation


@dataclass(frozen=True)
class Counterexample:
    """A point where the two sides of a claim differ: sizes, indices, the inputs the claim
    uses (exact values), and both sides' values."""

    sizes: dict  # size name -> int
    indices: dict  # index name -> int
    inputs: dict  # input name -> nested list (or a number for a scalar) of exact values
    lhs: str
    rhs: str


@dataclass(frozen=True)
class Result:
    """One claim's verdict, how long it took, and what shows it."""

    name: str
    title: str
    status: Status
    seconds: float
    closed_form: sp.Expr | None
    residual: sp.Expr | None = None  # lhs - rhs in its simplest form, when not zero
    counterexample: Counterexample | None = None
    reason: str = ""


@dataclass(frozen=True)
class Verified:
    """A derivation verified: what every emitter is handed, computed in full by the verify
    stage. `verdicts` are the claims' results as decided; `results` the same with the closed
    form of every lhs (`complete`); `derivations` the step-by-step derivation of each claim
    that asks for one (None when they were not asked for)."""

    path: str
    model: Model
    verdicts: tuple[Result, ...]
    seconds: float
    results: tuple[Result, ...] = ()
    derivations: Mapping[str, Derivation] | None = field(default=None, repr=False)

    @property
    def title(self) -> str:
        return self.model.spec.title.value

    @property
    def ok(self) -> bool:
        """Every claim proved or derived."""
        return all(r.status in PASSED for r in self.verdicts)


#: What a counterexample that picks the function a document leaves unsaid says of it.
ANY_FUNCTION = "as one function the claim is not true of"


def shown(e: sp.Expr, model: Model) -> str:
    """An expression of a result in the expression language, with declared index letters."""
    return formula(indices.readable(e, model.letters))


def details(result: Result, model: Model) -> list[str]:
    """What follows a claim's line: the closed form of a derived claim; for a failed one the
    residual, the reason and the counterexample (only the inputs the claim uses)."""
    out = []
    if result.status == Status.DERIVED and result.closed_form is not None:
        out += _formula("= ", result.closed_form, model)
    if result.status in FAILED and result.residual is not None:
        out += _formula("lhs - rhs = ", result.residual, model)
    if result.reason:
        out.append(result.reason)
    cx = result.counterexample
    if cx is not None:
        sizes = ", ".join(f"{k}={v}" for k, v in cx.sizes.items())
        idx = ", ".join(f"{k}={v}" for k, v in cx.indices.items())
        out.append(f"counterexample: {sizes}" + (f"; {idx}" if idx else ""))
        out.append(f"  lhs = {cx.lhs}, rhs = {cx.rhs}")
        for name, value in cx.inputs.items():
            out.append(f"  {name} = {json.dumps(value)}")
        out += _unsaid(result.residual)
    return out


def _unsaid(residual: sp.Expr | None) -> list[str]:
    """What the concrete check took each function left unsaid in `residual` as."""
    out = []
    for name, (k, c) in functions.UNSAID_FUNCTIONS.items():
        made = [functions.TABLE[name + n].cls for n in ("", "1")]
        if residual is None or not residual.has(*made):
            continue
        if name == "act":
            out.append(f"  act(x) = {functions.UNSAID}, {ANY_FUNCTION}")
        elif name == "actb":
            out.append(f"  actb(x) = {functions.UNSAID_B}, the second function left unsaid")
        else:
            out.append(f"  {name}(x) = tanh({k}x)/{k} + x/{c}, a function left unsaid")
    return out


def _formula(prefix: str, e: sp.Expr, model: Model) -> list[str]:
    """The line of a closed form or residual, and its `undeclared` notes."""
    return [prefix + shown(e, model), *undeclared(e, model)]


def undeclared(e: sp.Expr, model: Model) -> list[str]:
    """A line for each range that formula `e`, as shown, needs more index letters of than
    the derivation declares (it could not be pasted back as it is)."""
    e = indices.readable(e, model.letters)
    missing = indices.undeclared(e, model.letters)
    out = []
    for size in dict.fromkeys(i.size for i in missing):
        names = [i.name for i in missing if i.size == size]
        declared = ", ".join(i.name for i in model.letters.get(size, ()))
        used = (
            f"the indices declared over {size} ({declared}) are all in use here"
            if declared
            else f"the derivation declares no index over {size}"
        )
        out.append(
            f"{' and '.join(names)} "
            f"{'is not a declared index' if len(names) == 1 else 'are not declared indices'}: "
            f"{used}; declare {'one' if len(names) == 1 else len(names)} more over {size} "
            "to paste this back"
        )
    return out


# -- the points of the concrete check, as a counterexample shows them ----------------------
def inputs_at(model: Model, point: concrete.Point, used: set[str]) -> dict:
    """The values of the inputs in `used` at `point`, as nested lists in file order."""
    out = {}
    for name, (_, shape, _) in model.inputs.items():
        if name not in used:
            continue
        cells = point.values[name]
        if not shape:
            out[name] = _num(cells[()])
            continue
        sizes = [point.sizes[s] for s in shape]

        def nest(prefix, depth, cells=cells, sizes=sizes):
            if depth == len(sizes):
                return _num(cells[tuple(prefix)])
            return [nest([*prefix, n], depth + 1) for n in range(1, sizes[depth] + 1)]

        out[name] = nest([], 0)
    return out


def _num(v) -> str | int | float:
    return int(v) if v.denominator == 1 else float(v)


def describe(s: concrete.Sample) -> str:
    sizes = ", ".join(f"{k}={v}" for k, v in s.point.sizes.items())
    idx = ", ".join(f"{k}={v}" for k, v in s.indices.items())
    return f"{sizes}" + (f"; {idx}" if idx else "")


def mp_str(v, scale=1) -> str:
    """A value of the concrete check, to 12 significant digits; 0 when it is zero up to
    rounding, relative to `scale` (the larger of the values compared, or 1)."""
    v = mpmath.mpf(v.real if isinstance(v, complex) else v)
    if abs(v) <= ROUNDING * scale:
        return "0"
    return mpmath.nstr(v, 12, min_fixed=-6, max_fixed=12)


#: A value this small relative to the values it is compared with is printed as 0.
ROUNDING = 1e-12


@dataclass(frozen=True)
class FileReport:
    """One derivation file's outcome: its report, or the error that stopped it."""

    path: str
    report: Verified | None = None
    error: InputError | None = None

    @property
    def model(self) -> Model | None:
        return None if self.report is None else self.report.model

    @property
    def verdicts(self) -> tuple[Result, ...]:
        return () if self.report is None else self.report.verdicts

    @property
    def seconds(self) -> float:
        return 0.0 if self.report is None else self.report.seconds
