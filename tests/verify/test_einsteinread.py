"""A line true only with Einstein's sums, which its document does not say it uses, is held
back, not refuted (`symbn.verify.einsteinread`); one false in both readings is refuted."""

from __future__ import annotations

from mutated import verdicts

from symbn.verify.document import check

TRACE = r"""Matrices $X, A, B \in \mathbb{R}^{n \times n}$.

$$
\frac{\partial (X_{ij} A_{ji})}{\partial X_{kl}} = \delta_{ik} \delta_{jl} A_{ji}
$$

$$
X_{qk} B_{kp} + X_{ip} B_{qi} = (XB)_{qp} + (BX)_{qp}
$$

$$
\frac{\partial (X_{ij} A_{ji})}{\partial X_{kl}} = (A^T)_{kl}
$$
"""


def _reasons(text: str) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for f in check(text, "doc.md").findings:
        out.setdefault(f.where.line, []).append(f.message)
    return out


def test_lines_true_with_unsaid_sums_are_held_back_with_the_reason():
    got = verdicts(TRACE)
    assert got[4] == ["proved"]  # i, j free on both sides: true as written
    assert got[8] == ["unchecked"]
    assert got[12] == ["unchecked"]
    assert "i, k summed (Einstein" in " ".join(_reasons(TRACE)[8])
    assert "i, j summed (Einstein" in " ".join(_reasons(TRACE)[12])


def test_a_line_false_with_the_sums_too_is_refuted():
    for old, new, line in (
        (r"\delta_{jl} A_{ji}" + "\n$$", r"\delta_{jl} A_{ij}" + "\n$$", 4),
        ("(A^T)_{kl}", "A_{kl}", 12),
    ):
        wrong = TRACE.replace(old, new)
        assert wrong != TRACE
        assert verdicts(wrong)[line] == ["refuted"], new
    # i free on the left and summed on the right: held for that reason, never proved
    wrong = TRACE.replace("(BX)_{qp}", "(XB)_{pq}")
    assert verdicts(wrong)[8] == ["unchecked"]
    assert "Einstein" not in " ".join(_reasons(wrong)[8])


def test_with_the_convention_said_the_lines_are_proved():
    said = TRACE.replace("Matrices", "Using Einstein's summation convention, matrices")
    got = verdicts(said)
    assert got[8] == ["proved"]
    assert got[12] == ["proved"]
