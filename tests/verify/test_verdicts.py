"""symbn.verify.verdicts: the closed form and the residual a claim's lines show name only
declared indices, so either can be pasted back into the file; where the derivation declares
too few letters of a range for them, a line says which index is not declared."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from headers import claim_tables, header

from symbn.emit.verdicts import claim_json
from symbn.language import indices
from symbn.language import model as model_module
from symbn.source import toml
from symbn.verify.verdicts import details
from symbn.verify.verifier import Options, Verifier

INPUTS = """
    h = { shape = ["N", "L"] }
    b = { shape = ["L"] }
"""
SIZES = {"N": "rows", "L": "columns"}
#: Wrong claims (a gradient written as 0, with a term of the product rule left out, or with a
#: factor dropped) and one derived claim, whose residuals and closed form hold products and
#: nests of sums over both ranges: they need more bound letters than the claims write.
#: The gradient of a product of three sums, each over its own letters.
THREE = "diff(sum(h[p, l], p, l) * sum(h[k, l]**2, k, l) * sum(h[p, j], p), h[i, l])"
MUTANTS = [
    ("product", "diff(sum(h[p, l], p, l) * sum(h[p, l]**2, p, l), h[i, j])", "0"),
    ("nested", "diff(sum(sum(h[p, l], p)**2 * b[l], l)**2, h[i, j])", "2*b[j]"),
    ("three", THREE, "h[i, l]"),
    ("dropped", "diff(sum(h[p, l] * b[l], p, l)**3, h[i, j])", "3*b[j]*sum(h[p, l], p, l)**2"),
    ("derived", THREE, None),
]


def verified(declared: dict[str, str], rows) -> tuple:
    text = header("Residuals", INPUTS, sizes=SIZES, indices=declared) + claim_tables(rows)
    m = model_module.build(toml.loads("d.toml", text.encode()))
    return m, {c.name: Verifier(m, Options()).claim(c) for c in m.claims}


def formula(lines: list[str]) -> str:
    (line,) = (x for x in lines if x.startswith(("= ", "lhs - rhs = ")))
    return line.rpartition("= ")[2]


@pytest.mark.parametrize(("name", "lhs", "rhs"), MUTANTS, ids=[r[0] for r in MUTANTS])
def test_a_shown_formula_names_declared_indices_and_pastes_back(name, lhs, rhs):
    declared = {"i": "N", "k": "N", "p": "N", "q": "N", "j": "L", "l": "L", "m": "L"}
    m, results = verified(declared, [(name, lhs, rhs)])
    result = results[name]
    assert result.status == ("derived" if rhs is None else "refuted")
    lines = details(result, m)
    shown = formula(lines)
    assert not any("not a declared index" in x or "not declared indices" in x for x in lines)
    # pasted back: lhs = rhs + (lhs - rhs), or lhs = its closed form, is proved
    back = shown if rhs is None else f"{rhs} + ({shown})"
    again, proved = verified(declared, [(name, lhs, back)])
    assert {i.name for i in indices.atoms(again.claims[0].rhs)} <= set(declared)
    assert proved[name].status == "proved", (shown, proved[name].reason)


def test_too_few_declared_letters_are_said_with_the_index_that_is_not_declared():
    declared = {"i": "N", "k": "N", "p": "N", "j": "L", "l": "L"}
    m, results = verified(declared, [MUTANTS[2]])
    lines = details(results["three"], m)
    shown = formula(lines)
    assert "j1" in shown
    assert (
        "j1 is not a declared index: the indices declared over L (j, l) are all in use here; "
        "declare one more over L to paste this back"
    ) in lines
    note = [x for x in lines if x.startswith("j1 is not a declared index")]
    assert claim_json(results["three"], m)["notes"] == note  # --json says it too


def test_symbn_verify_json_shows_only_declared_indices_through_a_process(tmp_path):
    """The same, as a user runs it: `symbn verify --json` in a process of its own."""
    declared = {"i": "N", "k": "N", "p": "N", "q": "N", "j": "L", "l": "L", "m": "L"}
    path = tmp_path / "mutants.toml"
    path.write_text(
        header("Residuals", INPUTS, sizes=SIZES, indices=declared) + claim_tables(MUTANTS[:4])
    )
    done = subprocess.run(
        [sys.executable, "-m", "symbn", "verify", str(path), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr  # the claims are wrong
    claims = json.loads(done.stdout)["derivations"][0]["claims"]
    shown = [c[k] for c in claims for k in ("residual", "closed_form") if c[k]]
    assert len(shown) >= 4
    for text in shown:
        letters = set(re.findall(r"\b([a-z][0-9]*)\b", text)) - {"h", "b"}  # i1 counts too
        assert letters <= set(declared), text
    assert all(c["notes"] == [] for c in claims)
