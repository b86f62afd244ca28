"""Definitions that are zero for every input, and the verdicts that rest on them.

A definition whose right side cancels to 0 once the sums the document defines are folded
in (`\\sigma^2 = \\frac{1}{N}\\sum_i (x_i - \\mu)`, a square left out: Σ_i (x_i − μ) is
N μ − N μ) is a slip in the definition, not a name its author means to be 0. The lines
after it were derived with the definition meant, so a refutation of one that uses the name
says more about the definition than about the line: the definition gets a warning at its
line, and each such refutation is held back, unchecked, naming it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import sympy as sp

from symbn.canonical.fold import Fold, apply
from symbn.language.latex.claims import Claim
from symbn.verify.finding import Finding, withheld
from symbn.verify.status import FAILED
from symbn.verify.verifier import Verifier

#: The warning at a definition that is zero for every input.
WARNING = (
    "this definition is 0 for every input (its right side cancels once its sums are folded "
    "in): a power or a term may be missing, and a refutation of a line that uses it is held "
    "back"
)


def vanishing(verifier: Verifier) -> list[str]:
    """The defined names of the verifier's model whose definition is 0 for every input, in
    definition order (folded with the verifier's own folds and canonical forms)."""
    canon = verifier.canon
    sums = [f for f in verifier.folds if isinstance(f, Fold) and f.is_sum]
    out = []
    for name, defn in verifier.model.definitions.items():
        try:
            body = apply(canon(defn.body), sums, canon)
        except (TypeError, ValueError, NotImplementedError):
            continue
        if body == sp.S.Zero and defn.body != sp.S.Zero:
            out.append(name)
    return out


def held(
    pairs: list[tuple[Claim, Finding]],
    names: list[str],
    dependencies: Mapping[str, set[str]],
    lines: Mapping[str, int],
) -> list[tuple[Claim, Finding]]:
    """The judged claims, each refutation of a line that uses a vanishing name (or a name
    defined through one) made unchecked, naming the definition at its line (`lines`)."""
    if not names:
        return pairs
    out = []
    for c, f in pairs:
        used = set(re.findall(r"\w+", f"{c.lhs} = {c.rhs} {c.first or ''}"))
        roots = [n for n in names if n in used or any(n in dependencies.get(u, ()) for u in used)]
        if roots and f.status in FAILED:
            root = roots[0]
            f = withheld(  # noqa: PLW2901 (the finding, held back)
                f,
                f"false with {root} as line {lines.get(root, 0)} defines it, which is 0 for "
                "every input: the line may hold with the definition meant",
            )
        out.append((c, f))
    return out
