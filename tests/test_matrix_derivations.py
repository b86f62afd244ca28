"""The derivations of docs/matrix written as derivation files in the matrix language, twins of
the Markdown documents there: every claim is proved but the document's planted slip, which
is refuted with a counterexample (or, where it is a product whose shapes do not fit, makes
the file bad input, naming both shapes); `symbn latex --notation matrix` shows the claims in
matrix form, and the equations that fall back to index form are listed here, so that a
regression shows."""

from __future__ import annotations

import re

import pytest
from paths import ROOT
from test_cli_process import symbn as run

import symbn
from symbn.errors import InputError
from symbn.verify.status import Status

DOCS = ROOT / "docs" / "matrix"


def _slip(name, mended, *, refused=None, residual=None, fallbacks=(), plain=()):
    """A file's planted slip (a claim, or a commented-out claim the file `refused` when put
    back), the claim that mends it, its `in matrix form:` residual line as `symbn verify`
    prints it (None: the residual has no matrix form), the equations `--notation matrix`
    shows in index form, and the claims whose matrix form needs neither ⊤ nor ⊙."""
    return {
        "slip": name,
        "mended": mended,
        "refused": refused,
        "residual": residual,
        "fallbacks": list(fallbacks),
        "plain": set(plain),
    }


FILES = {
    "linear_softmax_ce.toml": _slip(
        "dX_slip",
        "dX",
        refused="diff(ell, Z) is N×C and W is D×C: they do not conform",
        plain={"dZ"},
    ),
    "mlp_relu.toml": _slip(
        "db1_slip",
        "db1",
        refused="the lhs is a vector over H but the rhs is a vector over N",
        fallbacks=["claim dW1 (its closed form)"],
        plain={"dZ"},
    ),
    "batchnorm_vector.toml": _slip(
        "dX_slip",
        "dX",
        residual="in matrix form: lhs - rhs = -(N - 1)/N * ((N * G - Xhat * outer(ones(N), "
        "ones(N) @ (Xhat * G)) - outer(ones(N), ones(N) @ G)) * outer(ones(N), gamma)) / "
        "outer(ones(N), sqrt(eps * ones(L) + var))",
        plain={"dY"},
    ),
    "layernorm_vector.toml": _slip(
        "dXhat_slip",
        "dXhat",
        residual="in matrix form: lhs - rhs = outer(ones(N), gamma - beta) * G",
        plain={"dY"},
    ),
    "attention.toml": _slip(
        "dK_slip",
        "dK",
        fallbacks=[
            "claim dQ (its closed form)",
            "claim dK_slip (its residual)",
            "claim dK (its closed form)",
        ],
        plain={"dO", "dQ", "dK_slip"},  # the slip is a missing transpose
    ),
}
NAMES = sorted(FILES)


def _put_back(text: str) -> str:
    """The file with its commented-out claim (`# [[claim]]` to the end) put back."""
    head, sep, tail = text.partition("# [[claim]]\n")
    assert sep, "no commented-out claim"
    lines = [line.removeprefix("# ") for line in (sep + tail).splitlines()]
    return head + "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def reports():
    return {name: symbn.load(DOCS / name).verify() for name in NAMES}


@pytest.mark.parametrize("name", NAMES)
def test_every_claim_is_proved_but_the_slip(name, reports):
    report, case = reports[name], FILES[name]
    statuses = {c.name: c.status for c in report.claims}
    slip = case["slip"]
    if case["refused"] is None:
        assert statuses.pop(slip) == Status.REFUTED
        assert report[slip].counterexample is not None
    assert set(statuses.values()) == {Status.PROVED}
    assert case["mended"] in statuses


@pytest.mark.parametrize("name", [n for n in NAMES if FILES[n]["refused"]])
def test_a_slip_whose_shapes_do_not_fit_makes_the_file_bad_input(name):
    text = (DOCS / name).read_text()
    assert f'# name = "{FILES[name]["slip"]}"' in text
    with pytest.raises(InputError) as caught:
        symbn.loads(_put_back(text), name)
    assert FILES[name]["refused"] in str(caught.value)


@pytest.mark.parametrize("name", [n for n in NAMES if not FILES[n]["refused"]])
def test_verify_prints_the_slips_residual_in_matrix_form_where_it_raises(name):
    done = run("verify", str(DOCS / name))
    assert done.returncode == 1, done.stderr
    lines = [line.strip() for line in done.stdout.splitlines()]
    slip = next(n for n, line in enumerate(lines) if line.endswith(f" {FILES[name]['slip']}"))
    assert lines[slip].startswith("refuted")
    assert lines[slip + 1].startswith("lhs - rhs = ")
    matrix = [line for line in lines if line.startswith("in matrix form:")]
    expected = FILES[name]["residual"]
    assert matrix == ([] if expected is None else [expected])


def _claims(markdown: str) -> dict[str, str]:
    """Each claim's name and the first display after its verdict: the claim as stated."""
    display = r"\$\$\n\\begin\{aligned\}\n(.*?)\n\\end\{aligned\}\n\$\$"
    found = re.findall(r"Verdict: \*\*\w+\*\* \(`(\w+)`\)\.\n\n" + display, markdown, re.S)
    return dict(found)


@pytest.mark.parametrize("name", NAMES)
def test_the_document_in_matrix_notation(name):
    case = FILES[name]
    done = run("latex", str(DOCS / name), "--notation", "matrix", "--format", "md")
    warnings = [line.removeprefix("symbn: warning: ") for line in done.stderr.splitlines()]
    refuted = [] if case["refused"] else [f"claim {case['slip']} is refuted"]
    assert done.returncode == (1 if refuted else 0), done.stderr
    fallbacks = [
        w.removesuffix(" has no matrix form that symbn knows: shown in index form")
        for w in warnings
        if "has no matrix form" in w
    ]
    assert fallbacks == case["fallbacks"]
    assert [w for w in warnings if "has no matrix form" not in w] == [
        f"{r}; the document shows it so" for r in refuted
    ]
    claims = _claims(done.stdout)
    assert set(claims) == {c.name for c in symbn.load(DOCS / name).model.claims}
    for claim, stated in claims.items():
        assert stated.startswith(r"\frac{\partial \mathcal{L}}{\partial "), (claim, stated)
        assert r"\sum" not in stated, (claim, stated)
        assert r"\Delta" not in stated, (claim, stated)
        if claim not in case["plain"]:
            assert r"\top" in stated or r"\odot" in stated, (claim, stated)


@pytest.mark.parametrize("name", NAMES)
def test_each_file_is_the_twin_of_its_document(name):
    text = (DOCS / name).read_text()
    twin = name.replace(".toml", ".md")
    assert (DOCS / twin).exists()
    assert f"[{twin}]({twin})" in " ".join(text.split())
    assert "planted" in text
