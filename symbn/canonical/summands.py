"""The last word on a difference of per-example sums: one summand, and logs split by factor.

A loss averaged over examples gives differences such as

    (1/N) Σ_i log(1 + e^{-z_i}) y_i  -  b  +  (b/N) Σ_i y_i  +  ...

whose sums are atoms to `symbn.canonical.algebra.algebraic_zero`, so that two sums whose
summands cancel only together stay apart. Here every term becomes a sum over one fresh
index of that range,

    c Σ_i f(i) = Σ_j c f(j),    T = Σ_j T / N    (T free of sums; N ≥ 1 terms),

and the difference is zero when the one summand is (a sufficient condition: every step is an
identity). The summand is then brought to one form with the logs of its positive factors
split:

    log(c Π_k f_k^{m_k}) = log c + Σ_k m_k log f_k      c > 0, every f_k > 0
    log(e^{x}) = x                                      x real

with each e^{c x} (c an integer) written as t^c for one positive unknown t per exp atom, so
that log(1/(1 + e^{-z})) and log(e^{z}/(1 + e^{z})) both become z-free logs of the same
irreducible polynomial plus multiples of z. A log whose factors are not all known positive
is left whole, so no split is ever made on a sign SymPy cannot show.
"""

from __future__ import annotations

from collections.abc import Callable

import sympy as sp

from symbn.language.indices import Index

#: Terms past this many are not gathered into one sum.
MAX_TERMS = 200


def one_summand(e: sp.Expr) -> sp.Expr | None:
    """The summand over one fresh index whose sum is `e`, when every sum of `e` is a single
    sum over the same range (1..N) of a sum-free body, appearing linearly; None otherwise."""
    terms = sp.Add.make_args(sp.expand(e, deep=False))
    if len(terms) > MAX_TERMS:
        return None
    size = None
    parts: list[tuple[sp.Expr, sp.Sum | None]] = []
    for term in terms:
        sums = [f for f in sp.Mul.make_args(term) if isinstance(f, sp.Sum)]
        if len(sums) > 1 or any(f.has(sp.Sum) for f in sp.Mul.make_args(term) if f not in sums):
            return None
        if not sums:
            parts.append((term, None))
            continue
        (s,) = sums
        if len(s.limits) != 1 or s.limits[0][1] != 1 or s.function.has(sp.Sum):
            return None
        if size is not None and s.limits[0][2] != size:
            return None
        size = s.limits[0][2]
        parts.append((term / s, s))
    if size is None:
        return None
    j = Index("_one", size)
    body = sp.S.Zero
    for coeff, s in parts:
        if s is None:
            body += coeff / size
        else:
            bound = s.limits[0][0]
            body += coeff * s.function.xreplace({bound: j})
    return body


def split_logs(e: sp.Expr) -> sp.Expr:
    """`e` with each exp atom e^{c x} (c an integer) written t_x^c, t_x a positive unknown,
    and each log whose argument is a product of known-positive factors split into the logs
    of those factors (log t_x written back as x)."""
    atoms: dict[sp.Expr, sp.Dummy] = {}
    for node in e.atoms(sp.exp):
        c, rest = node.args[0].as_coeff_Mul()
        if not c.is_Integer or not rest.is_real or rest.has(sp.exp):  # e^{Σ e^x}: left whole
            return e
        atoms.setdefault(sp.exp(rest), sp.Dummy("t", positive=True))
    logs = {t: a.args[0] for a, t in atoms.items()}

    def written(x: sp.Expr) -> sp.Expr:
        return x.replace(
            lambda n: isinstance(n, sp.exp),
            lambda n: atoms[sp.exp(n.args[0].as_coeff_Mul()[1])] ** n.args[0].as_coeff_Mul()[0],
        )

    out = written(e)
    return out.replace(lambda n: isinstance(n, sp.log), lambda n: _split(n, logs))


def _split(node: sp.log, logs: dict[sp.Expr, sp.Expr]) -> sp.Expr:
    """log(arg) as a sum of logs of its factors, when every factor is known positive."""
    top, bottom = sp.fraction(sp.together(node.args[0]))
    out = sp.S.Zero
    for part, sign in ((top, 1), (bottom, -1)):
        try:
            c, factors = sp.factor_list(sp.expand(part))
        except sp.PolynomialError:  # no polynomial in its atoms: left whole
            return node
        if not (c.is_Number and c > 0):
            return node
        out += sign * sp.log(c)
        for f, m in factors:
            if f.is_positive is not True:
                return node
            out += sign * m * logs.get(f, sp.log(f))
    return out


def summand_zero(e: sp.Expr, zero: Callable[[sp.Expr], bool]) -> bool:
    """Whether `e`, a difference of single sums over one range, is zero because its one
    summand is (by `zero`)."""
    if not e.has(sp.Sum):
        return False
    body = one_summand(e)
    return body is not None and zero(body)
