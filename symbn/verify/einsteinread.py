"""A line that holds only with Einstein's convention, which its document does not say it
uses: `X_{qk} B_{kp} = (XB)_{qp}` writes k in two factors of a product on one side and
nowhere on the other. As written k is free, and the line says the product equals the matrix
product for every k, which is false; with the sum its author leaves unsaid it is true. Such
a refutation is held back, and the line is unchecked with a reason that names the index and
what to say in the context (`[notation] sums = "einstein"`). A line false in both readings
stays refuted: no reading makes it true.
"""

from __future__ import annotations

from dataclasses import replace

import sympy as sp

from symbn.language import indices
from symbn.language.indices import Index
from symbn.language.model import ClaimExpr
from symbn.verify.status import Status
from symbn.verify.verifier import Verifier


def readings(lhs: sp.Expr, rhs: sp.Expr) -> list[tuple[sp.Expr, sp.Expr, list[Index]]]:
    """The line read with Einstein's sums, each reading's sides and the indices it sums:
    each index that one side has free and the other does not, where it stands in two
    factors of a term's product, summed over that term; and every index so repeated, on both
    sides, where the two sides are then free in the same indices (`X_{ip} B_{qi} = (BX)_{qp}`
    sums i though the other side writes an i of its own)."""
    left, right = _free(lhs), _free(rhs)
    out = []
    for lo, ro in ((left - right, right - left), (left, right)):
        new_lhs, a = _terms(lhs, lo)
        new_rhs, b = _terms(rhs, ro)
        found = sorted(set(a) | set(b), key=lambda i: i.name)
        same = _free(new_lhs) == _free(new_rhs)
        if found and same and all(found != f for *_, f in out):
            out.append((new_lhs, new_rhs, found))
    return out


def _free(e: sp.Expr) -> set[Index]:
    """The free indices of `e`, with those of the element a derivative is by (SymPy counts
    `X[k, l]` of ∂/∂X[k, l] bound)."""
    out = indices.free(e)
    for d in e.atoms(sp.Derivative):
        out |= {i for v in d.variables for i in indices.free(v)} - indices.bound(e)
    return out


def _terms(e: sp.Expr, among: set[Index]) -> tuple[sp.Expr, list[Index]]:
    """`e` with each of its terms summed over the indices of `among` it repeats."""
    if not among:
        return e, []
    out, found = [], []
    for term in sp.Add.make_args(e):
        twice = indices.repeated(term, among)
        found += twice
        out.append(sp.Sum(term, *[(i, 1, i.size) for i in twice]) if twice else term)
    return sp.Add(*out), found


def unsaid(verifier: Verifier, expr: ClaimExpr) -> str | None:
    """Why a refuted line is held back: it is proved with its repeated indices summed."""
    for lhs, rhs, found in readings(expr.lhs, expr.rhs):
        other = replace(expr, lhs=lhs, rhs=rhs, free=tuple(indices.ordered_free(lhs)))
        if verifier.claim(other).status == Status.PROVED:
            which = ", ".join(i.name for i in found)
            return (
                f"false as written, with {which} free, and true with {which} summed "
                "(Einstein's convention: an index repeated in a product is summed), which the "
                'document does not say it uses: write the sums, or set sums = "einstein" in '
                "the context's [notation]"
            )
    return None
