"""The concrete cross-check guards the rewrite rules: a broken rule that "proves" a false
claim is caught and reported as symbn's own error (InternalError; exit status 3), never as a
pass. And the Bessel trap, a claim written for the unbiased variance, is refuted.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest
import sympy as sp

from symbn.calculus.derivative import evaluate
from symbn.canonical import sums
from symbn.cli import main
from symbn.errors import InternalError
from symbn.language import rules
from symbn.language.model import build
from symbn.source.toml import loads
from symbn.verify.verifier import Verifier

ROOT = Path(__file__).resolve().parents[2]
BASE = (ROOT / "tests" / "bad" / "base.toml").read_text(encoding="utf-8")
HEAD = BASE.split("[[claim]]", maxsplit=1)[0]  # the tiny derivation without its claims

#: False claims that each broken rule below "proves" (and the sound rules refute).
FALSE_FOR_SUM_CONST = ("centred_sum", "sum(x[k, l] - m[l], k)", "m[l]")  # true value: 0
FALSE_FOR_SUM_DELTA = ("picked", "sum(c * Delta(i, k) * x[k, l], k)", "x[i, l]")  # c x[i, l]


def claim_file(name: str, lhs: str, rhs: str) -> str:
    return f'{HEAD}[[claim]]\nname = "{name}"\nlhs = "{lhs}"\nrhs = "{rhs}"\n'


def break_sum_of_a_constant(monkeypatch) -> None:
    """sum_{p=1}^{N} c = (N - 1) c: the catalogue's rule replaced by one off by one."""

    def broken(engine, free, dep, p, size):
        del engine, p
        return None if dep else sp.Mul(*free) * (size - 1)

    monkeypatch.setitem(
        rules.CATALOGUE, sums.SUM_CONST.name, dataclasses.replace(sums.SUM_CONST, apply=broken)
    )


def break_sum_over_a_delta(monkeypatch) -> None:
    """sum_p c Delta(i, p) f_p = f_i: the catalogue's rule replaced by one that drops a
    scalar factor c."""
    sound = sums.SUM_DELTA.apply

    def broken(engine, free, dep, p, size):
        scalar = [f for f in free if f.is_Symbol and not f.is_integer]
        return sound(engine, [f for f in free if f not in scalar], dep, p, size)

    monkeypatch.setitem(
        rules.CATALOGUE, sums.SUM_DELTA.name, dataclasses.replace(sums.SUM_DELTA, apply=broken)
    )


BREAKS = [
    (break_sum_of_a_constant, FALSE_FOR_SUM_CONST),
    (break_sum_over_a_delta, FALSE_FOR_SUM_DELTA),
]


@pytest.mark.parametrize(
    "claim",
    [FALSE_FOR_SUM_CONST, FALSE_FOR_SUM_DELTA],
    ids=["sum-of-a-constant", "sum-over-a-delta"],
)
def test_sound_rules_refute_the_false_claims(claim):
    model = build(loads("c.toml", claim_file(*claim).encode()))
    verifier = Verifier(model)
    assert not verifier.is_zero(_difference(model))
    assert verifier.claim(model.claims[0]).status == "refuted"


@pytest.mark.parametrize(
    ("breaker", "claim"), BREAKS, ids=["sum-of-a-constant", "sum-over-a-delta"]
)
def test_a_broken_rule_is_caught_by_the_concrete_check(breaker, claim, monkeypatch):
    model = build(loads("c.toml", claim_file(*claim).encode()))
    verifier = Verifier(model)
    breaker(monkeypatch)
    assert verifier.is_zero(_difference(model))  # the broken rule "proves" it
    with pytest.raises(
        InternalError, match="the rewrite rules prove it, but the concrete check disagrees"
    ):
        verifier.claim(model.claims[0])


def _difference(model) -> sp.Expr:
    """lhs - rhs with diff() evaluated (the expression the rewrite rules reduce)."""
    c = model.claims[0]
    return evaluate(c.lhs, model) - evaluate(c.rhs, model)


@pytest.mark.parametrize(
    ("breaker", "claim"), BREAKS, ids=["sum-of-a-constant", "sum-over-a-delta"]
)
def test_a_broken_rule_makes_the_command_exit_3(breaker, claim, monkeypatch, tmp_path, capsys):
    path = tmp_path / "false.toml"
    path.write_text(claim_file(*claim), encoding="utf-8")
    breaker(monkeypatch)
    assert main(["verify", str(path)]) == 3
    _, err = capsys.readouterr()
    assert "internal error" in err
    assert "concrete check disagrees" in err


def test_a_broken_rule_in_a_real_process_exits_3(tmp_path):
    path = tmp_path / "false.toml"
    path.write_text(claim_file(*FALSE_FOR_SUM_CONST), encoding="utf-8")
    script = (
        "import dataclasses, sys\n"
        "import sympy as sp\n"
        "from symbn.canonical import sums\n"
        "from symbn.language import rules\n"
        "def broken(engine, free, dep, p, size):\n"
        "    return None if dep else sp.Mul(*free) * (size - 1)\n"
        "rules.CATALOGUE[sums.SUM_CONST.name] = dataclasses.replace(sums.SUM_CONST, "
        "apply=broken)\n"
        "from symbn.cli import main\n"
        f"sys.exit(main(['verify', {str(path)!r}]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 3, done.stdout + done.stderr
    assert "symbn: internal error" in done.stderr
    assert "Traceback" not in done.stderr


# --- the Bessel trap --------------------------------------------------------------------------

BATCHNORM = (ROOT / "derivations" / "batchnorm.toml").read_text(encoding="utf-8")
BESSEL = (
    BATCHNORM.split("[[claim]]", maxsplit=1)[0]
    + """
[[claim]]
name = "var_unbiased"
lhs = "var[l]"
rhs = "sum((h[p, l] - mu[l])**2, p) / (N - 1)"

[[claim]]
name = "dvar_dh_unbiased"
lhs = "diff(var[l], h[i, j])"
rhs = "2/(N - 1) * (h[i, l] - mu[l]) * Delta(j, l)"
"""
)


def test_the_bessel_trap_is_refuted_with_residual_and_counterexample(tmp_path, capsys):
    """The seed's variance divides by N; claims written with 1/(N - 1) are false for every
    N > 1, and symbn says so: the residual, then a point where the sides differ."""
    path = tmp_path / "bessel.toml"
    path.write_text(BESSEL, encoding="utf-8")
    assert main(["verify", str(path)]) == 1
    out, _ = capsys.readouterr()
    blocks = re.split(r"\n  (?=\w)", out)
    for name in ("var_unbiased", "dvar_dh_unbiased"):
        block = next(b for b in blocks if b.split()[-1] == name or f" {name}\n" in b)
        assert block.startswith("refuted"), block
        assert "lhs - rhs = " in block
        residual = re.search(r"lhs - rhs = (.+)", block).group(1)
        assert residual.strip() not in ("0", "")
        cx = re.search(r"counterexample: N=(\d+)", block)
        assert cx, block
        n = int(cx.group(1))
        lhs, rhs = (
            Fraction(v) for v in re.search(r"lhs = ([-\d.e]+), rhs = ([-\d.e]+)", block).groups()
        )
        # the unbiased form is the biased one times N / (N - 1), wherever it is not zero
        assert n > 1
        assert lhs != rhs
        assert abs(lhs * n - rhs * (n - 1)) <= Fraction(1, 10**6) * abs(rhs * n)
