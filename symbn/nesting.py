"""One nesting for sums of sums: sum_p a_p sum_q b_pq = sum_q sum_p a_p b_pq.

Both sides name the same number, and which one a derivation reaches depends on where it
started: rowsum(P o dP) = sum_m P_im sum_e dO_ie V_me and rowsum(dO o O) = sum_e dO_ie
sum_m P_im V_me are one double sum. A sum whose body holds sums is opened into its bound
indices and the factors under them; each order of those indices nests them one way (every
factor under the innermost sum of its indices), and the canonical form is the nesting whose
form sorts first, so that every nesting of the same sum reaches it. The nestings are built by
an engine that does not open sums again (`Canon(nest=False)`).

Only sums that are factors are opened, not those under a power or a function (a softmax
normaliser); past `MOST` indices the sum is left as it is written.
"""

from __future__ import annotations

import functools
import itertools

import sympy as sp

from symbn.indices import Index

#: A sum of sums over more indices than this keeps its nesting (MOST! orders to try).
MOST = 3


def one_nesting(engine, body: sp.Expr, p: Index) -> sp.Expr | None:
    """sum_p of `body` (canonical, each factor using p) in the nesting that sorts first, or
    None when the body holds no sum to open."""
    if not engine.nest or not any(isinstance(f, sp.Sum) for f in sp.Mul.make_args(body)):
        return None
    found = _best(type(engine), body, p)
    if found is None:
        return None
    product, order = found
    if engine.trace is not None:  # the steps of the nesting chosen, for the documents
        return _nested(type(engine)(engine.trace, nest=False), product, order)
    return _nested(_plain(type(engine)), product, order)


@functools.lru_cache(maxsize=1)
def _plain(canon: type):
    """One engine that does not open sums, its memo shared (canonical forms do not change)."""
    return canon(nest=False)


@functools.lru_cache(maxsize=4096)
def _best(canon: type, body: sp.Expr, p: Index) -> tuple[sp.Expr, tuple] | None:
    """The opened product of sum_p body and the order of its indices that sorts first."""
    bound: list[Index] = [p]
    factors = _open(body, bound)
    if len(bound) > MOST:
        return None
    plain = _plain(canon)
    product = plain(sp.Mul(*factors))
    orders = list(itertools.permutations(bound))
    _, best = min((sp.default_sort_key(_nested(plain, product, order)), n)
                  for n, order in enumerate(orders))
    return product, orders[best]


def _nested(plain, product: sp.Expr, order: tuple) -> sp.Expr:
    """The sums of `product` over `order`, the first outermost."""
    for q in reversed(order):
        product = plain.sum_over(product, q, q.size)
    return product


def _open(e: sp.Expr, bound: list) -> list[sp.Expr]:
    """The factors of monomial `e` with each of its sums opened, their indices renamed apart
    and appended to `bound`."""
    out = []
    for f in sp.Mul.make_args(e):
        if not isinstance(f, sp.Sum):
            out.append(f)
            continue
        fresh = {}
        for q, _, _ in f.limits:
            fresh[q] = Index(f"_open{len(bound)}", q.size)
            bound.append(fresh[q])
        out += _open(replace_free(f.function, fresh), bound)
    return out


def replace_free(e: sp.Expr, mapping: dict) -> sp.Expr:
    """`e` with its free occurrences of the keys of `mapping` replaced: a sum that binds one
    of them keeps its own (xreplace would rename a nested sum's index along with the outer
    one, when both have the canonical name of the same height)."""
    if not mapping or not e.args:
        return mapping.get(e, e)
    if isinstance(e, sp.Sum):
        bound = {lim[0] for lim in e.limits}
        inner = {k: v for k, v in mapping.items() if k not in bound}
        return sp.Sum(replace_free(e.function, inner), *e.limits) if inner else e
    if isinstance(e, sp.Indexed | sp.KroneckerDelta) or not e.has(*mapping):
        return e.xreplace(mapping)
    return e.func(*[replace_free(a, mapping) for a in e.args])
