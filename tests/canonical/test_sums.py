"""symbn.canonical.sums: the rules of the sum sites name bound indices by size and height,
and take their place in the catalogue after the monomials' rules whichever module is imported
first (the rows of each rule are in test_engine's SAME)."""

from __future__ import annotations

import subprocess
import sys

import sympy as sp
from canonical.test_engine import L, N, canon, ell, h, k, p, q, r, sums, w

from symbn.canonical import monomials
from symbn.canonical import sums as sum_rules
from symbn.language import rules


def test_bound_indices_are_named_by_size_and_height():
    got = canon(sums(sums(h[p, ell] * w[q], q) * h[p, ell] * h[k, r], p, r))
    bound = [lim[0] for s in got.atoms(sp.Sum) for lim in s.limits]
    assert bound
    assert all(x.canonical and x.size in (N, L) for x in bound)
    assert not got.free_symbols & {p, q, r}
    nested = canon(sums(w[q] * sums(h[p, r] * h[q, r], r), q))  # the inner sum uses q
    # the normal form nests it the other way: sum_r h_pr sum_q w_q h_qr
    assert nested == canon(sums(h[p, r] * sums(w[q] * h[q, r], q), r))
    assert sorted(
        (x.height, str(x.size)) for s in nested.atoms(sp.Sum) for x in [lim[0] for lim in s.limits]
    ) == [(1, "N"), (2, "L")]


def test_a_sum_moved_in_keeps_the_outer_index_apart():
    """sum_p sum_q sum_r T_rpq w_q, with r over L: the inner block of p and r is named while q
    is still free, and never takes q's name (it once became T_rqq, a diagonal)."""
    t = sp.IndexedBase("t", real=True)
    orders = [(p, q, r), (r, p, q), (q, r, p), (p, r, q)]
    forms = {canon(sums(t[r, p, q] * w[q], *order)) for order in orders}
    assert len(forms) == 1
    (form,) = forms
    (element,) = form.atoms(sp.Indexed) - {x for x in form.atoms(sp.Indexed) if x.base == w}
    assert len(set(element.indices)) == 3, form


def test_the_sum_rules_come_after_the_monomials_whichever_is_imported_first(repo_root):
    script = (
        "from symbn.canonical import sums\n"
        "from symbn.language import rules\n"
        "print('|'.join(rules.CATALOGUE))\n"
    )
    out = subprocess.check_output([sys.executable, "-c", script], cwd=repo_root, text=True)
    order = out.strip().split("|")
    assert order.index(monomials.EXPAND.name) < order.index(sum_rules.SUM_LINEAR.name)
    assert order.index(sum_rules.SUM_SIMPLEX.name) < order.index(sum_rules.INTERCHANGE.name)
    here = [n for n in rules.CATALOGUE if n in order]
    assert order == here
