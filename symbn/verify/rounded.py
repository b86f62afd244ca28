"""Arithmetic as worked examples write it: a line whose sides come to numbers once every
scalar definition is put in (`net = 0.15 * 0.05 + 0.2 * 0.1 + 0.35 = 0.3775`,
`\\frac{1}{1+e^{-0.3775}} = 0.593269992`), judged from the written numbers with exact
rational arithmetic (and 50 digits where exp or log stand), the rounding of the author's
written digits allowed.

The rule. Each decimal written on a side that is not a value the document sets (`w_1 =
0.15`, exact) may carry the rounding of its last place: the leeway P is how much moving each
by one unit of its last place moves its side, summed (a lone result, 0.593269992, has one
unit of its last place; a factor with fewer digits, more). Let s be the most significant
digits of any decimal the line writes, r = min(10^(1−s), 10^−3). The sides agree when
|lhs − rhs| ≤ max(P/2, r·|lhs|): within the rounding of the written values (a rounded value
is within half a unit of its last place), or agreeing to one digit fewer than the most
written (rounded values carried from lines above). A line that misses by more than max(2P,
10·r·|lhs|) is refuted with both values, so correct rounding is never refuted; one between
is unchecked, its miss too small to tell a slip from carried rounding.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

import sympy as sp

from symbn.calculus.derivative import ThroughRecurrenceError, evaluate
from symbn.errors import SymbnError
from symbn.language import defining
from symbn.language.functions import TABLE
from symbn.language.latex.claims import Claim
from symbn.language.model import Model, claim_expr
from symbn.language.sympyfunctions import sigmoid, softplus
from symbn.source.spec import Claim as SpecClaim
from symbn.source.spec import Text
from symbn.verify.finding import Finding
from symbn.verify.status import Status

DIGITS = 50  # working precision where exp, log or tanh stand
AGREE = sp.Float("1e-40", DIGITS)  # sides closer than this at DIGITS are the same number
DECIMAL = re.compile(r"(?<![\w.])(\d*)\.(\d+)(?![\w.])")
WIDER = 10  # a miss above WIDER times the relative tolerance is a slip


def digits(text: str) -> tuple[int, int]:
    """The significant digits and the decimal places of a decimal written `text`: 0.0750
    has 3 and 4."""
    whole, _, frac = text.lstrip("-").partition(".")
    return len((whole + frac).lstrip("0")), len(frac)


def numeric(e: sp.Expr, model: Model) -> sp.Expr | None:
    """`e` with its derivatives taken and every scalar definition put in, down to a number;
    None when a name, an index or an unsaid function is left."""
    try:
        e = evaluate(e, model)
    except (SymbnError, ThroughRecurrenceError):  # a line the calculus cannot take
        return None
    scalars = {
        model.bases[name]: d.body
        for name, d in model.definitions.items()
        if not d.index and name in model.bases
    }
    for _ in range(len(scalars) + 1):
        if not e.free_symbols:
            break
        e = e.xreplace(scalars)
    if e.free_symbols or e.has(sp.Derivative, sp.Indexed, sp.Sum):
        return None
    e = e.replace(sigmoid, lambda x: 1 / (1 + sp.exp(-x)))
    e = e.replace(softplus, lambda x: sp.log(1 + sp.exp(x)))
    return e if _plain(e) else None


def _plain(e: sp.Expr) -> bool:
    """Whether e is made of numbers, + * ^ and exp, log, tanh alone."""
    allowed = (sp.Add, sp.Mul, sp.Pow, sp.exp, sp.log, sp.tanh, sp.Number, sp.NumberSymbol)
    return all(isinstance(a, allowed) for a in sp.preorder_traversal(e))


def _value(e: sp.Expr) -> sp.Float | sp.Rational:
    return e if e.is_Rational else sp.N(e, DIGITS)


def judged(c: Claim, model: Model) -> Finding | None:
    """The verdict on a line of arithmetic with written decimals, or None when the line is
    not one (a name or an index is left once the definitions are in, or it writes no
    decimal): exact when the sides are equal, else by the rounding rule above."""
    if c.kind not in ("equation", "step") or c.condition or c.matrix:
        return None
    written = [m.group(0) for side in (c.lhs, c.rhs) for m in DECIMAL.finditer(side)]
    if not written and not c.cell:  # a cell of a worked example in matrices is numbers
        return None
    lhs, rhs = _side(c.lhs, c, model), _side(c.rhs, c, model)
    if lhs is None or rhs is None:
        return None
    eq = f"{c.lhs} = {c.rhs}"
    kind = "claim" if c.kind == "equation" else c.kind
    prefix = ("" if kind == "claim" else f"{kind} ") + (f"at {c.cell}: " if c.cell else "")
    if lhs == rhs or abs(lhs - rhs) <= AGREE * max(1, abs(lhs)):  # exact, or to 40 digits
        return Finding(c.where, c.width, kind, Status.PROVED, prefix + eq, eq)
    given = {d.body for d in model.definitions.values() if not d.index and d.body.is_Rational}
    carried = _leeway(c.lhs, lhs, c, model, given) + _leeway(c.rhs, rhs, c, model, given)
    s = max((digits(w)[0] for w in written), default=1)
    r = min(10.0 ** (1 - s), 1e-3)
    gap, scale = abs(float(lhs) - float(rhs)), abs(float(lhs))
    tol = max(carried / 2, r * scale)  # a rounded value: half a unit of its last place
    shown = f"left side {_show(lhs)}, right side {_show(rhs)}"
    rule = f"tolerance {tol:.3g}, for {s} significant digits written"
    if gap <= tol:
        message = f"{prefix}{eq} (to the written digits: {shown}, {rule})"
        return Finding(c.where, c.width, kind, Status.PROVED, message, eq)
    if gap <= max(2 * carried, WIDER * r * scale):
        message = (
            f"{prefix}{eq}: {shown} differ by {gap:.3g}, more than the rounding of the written "
            f"digits allows ({rule}) but too little to tell a slip from rounded values carried"
        )
        return Finding(c.where, c.width, kind, Status.UNCHECKED, message, eq)
    details = (f"lhs - rhs = {_show(lhs - rhs)}", f"lhs = {_show(lhs)}, rhs = {_show(rhs)}")
    message = f"{prefix}{eq}: {shown} differ by {gap:.3g} ({rule})"
    return Finding(c.where, c.width, kind, Status.REFUTED, message, eq, details)


def _side(side: str, c: Claim, model: Model) -> sp.Expr | None:
    """The number one side of a claim comes to (None: it is no number)."""
    try:
        expr = model_expr(side, c, model)
    except SymbnError:  # what the claim reader refuses is the judge's to say
        return None
    value = None if expr is None else numeric(expr, model)
    return None if value is None else _value(value)


def _leeway(side: str, value: sp.Expr, c: Claim, model: Model, given: set) -> float:
    """How much moving each decimal written on `side` by one unit of its last place moves
    the side's value, summed: the rounding a written value may carry (none for a value the
    document sets, `w_1 = 0.15`, which is exact, nor for an operand of fewer than three
    significant digits, `0.5 * 0.625`, a weight or a rate rather than a rounded result; a
    result written alone, `= 0.27`, may be rounded however few its digits)."""
    total = 0.0
    for m in DECIMAL.finditer(side):
        text = m.group(0)
        exact = Fraction(text)
        if sp.Rational(exact.numerator, exact.denominator) in given:
            continue
        if digits(text)[0] < 3 and side.strip().lstrip("-").strip() != text:
            continue  # a short operand: exact
        moved = str(Decimal(text) + Decimal(1).scaleb(-digits(text)[1]))
        other = _side(side[: m.start()] + moved + side[m.end() :], c, model)
        if other is not None:
            total += abs(float(other) - float(value))
    return total


def _show(x: sp.Expr) -> str:
    return str(sp.Float(x, 12)).rstrip("0").rstrip(".") if not x.is_Integer else str(x)


def model_expr(side: str, c: Claim, model: Model) -> sp.Expr | None:
    """One side of a claim read in the model's scope, as the judge reads it."""
    name = f"line{c.where.line}col{c.where.col}"
    at = defining.located(side, c.where)
    spec = SpecClaim(name, Text(name, c.where), at, at, False, c.where)
    return claim_expr(spec, model.scope()).lhs


#: Why a line that puts numbers in for names is not refuted.
EVALUATED = (
    "one side is the other evaluated at the worked example's numbers, which the document does "
    "not all set as values: the numbers are checked where a line computes with them alone"
)
_NAME = re.compile(r"[A-Za-z_]\w*")


def evaluated(c: Claim) -> bool:
    """Whether one side of `c` is numbers only, with a decimal (`-(0.01 - 0.7491)`), and the
    other holds names (`-(t1 - yhat1)`): the expression evaluated at an example."""

    def bare(side: str) -> bool:
        names = _NAME.findall(side)
        return DECIMAL.search(side) is not None and all(n in TABLE or n == "pi" for n in names)

    return bare(c.lhs) != bare(c.rhs)
