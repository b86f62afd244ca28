"""The whole reading: a small document end to end, and the seed, every display line of
which gives a claim or a located reason."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st
from paths import ROOT

from symbn.errors import Location, SymbnError
from symbn.language import parse
from symbn.language.indices import Index
from symbn.language.latex.reader import read
from symbn.source.spec import Text

SEED = ROOT / "docs" / "seed" / "000_58bc31ae350973dc.txt"  # the founding document, as published

DOC = r"""+++
[sizes]
N = "rows"
+++

# Centring

The mean and the centred input:

$$
\begin{aligned}
\mu_l &= \frac{1}{N}\sum_p h_{pl} \\
u_{kl} &= h_{kl} - \mu_l \\
\frac{\partial u_{k,l}}{\partial h_{i,j}} &= \Delta_{i,k}\Delta_{j,l} - \frac{1}{N}\Delta_{j,l}
\end{aligned}
$$

At one element, $u_{1,1} = h_{1,1} - \mu_1$, and

$$ \frac{\partial u_{1,1}}{\partial h_{1,1}} = 1 - \frac{1}{N} \big( 1 + 0 + \cdots + 0 $$
"""


def test_a_document_end_to_end(reading):
    r = reading(DOC)
    assert r.document.front_matter is not None
    assert [(c.where.line, c.kind, c.lhs, c.rhs) for c in r.claims] == [
        (12, "equation", "mu[l]", "1/N*sum(h[p, l], p)"),
        (13, "equation", "u[k, l]", "h[k, l] - mu[l]"),
        (14, "equation", "diff(u[k, l], h[i, j])", "Delta(i, k)*Delta(j, l) - 1/N*Delta(j, l)"),
        (18, "equation", "u[1, 1]", "h[1, 1] - mu[1]"),
        (20, "equation", "diff(u[1, 1], h[1, 1])", "1 - 1/N*1"),
    ]
    assert [(n.where.line, n.where.col, n.code) for n in r.notes] == [
        (12, 28, "use-before-definition"),  # h is not an input of the batch-norm context
        (20, 64, "delimiter"),
    ]


def test_notes_are_sorted_and_not_repeated(reading):
    r = reading("$$ \\nu = 1 $$\n\n$$ \\mu_1 = \\big( \\mu_1 $$\n\n$$ a $$\n")
    places = [(n.where.line, n.where.col) for n in r.notes]
    assert places == sorted(places)
    assert len(set(r.notes)) == len(r.notes)


def lang_scope(bn) -> parse.Scope:
    import sympy as sp  # noqa: PLC0415 - the reader itself uses no SymPy

    scope = parse.Scope()
    for size in bn.sizes:
        scope.sizes[size] = sp.Symbol(size, integer=True, positive=True)
    for letter, size in bn.indices.items():
        scope.indices[letter] = Index(letter, scope.sizes[size])
    for name, shape in [*bn.tensors.items(), (bn.loss, ())]:
        dims = tuple(scope.sizes[d] for d in shape)
        base = sp.IndexedBase(name, shape=dims) if dims else sp.Symbol(name)
        scope.tensors[name] = (base, dims)
    return scope


def test_every_display_line_of_the_seed_gives_a_claim_or_a_reason(bn):
    r = read(SEED.read_text(encoding="utf-8"), bn, str(SEED))
    claimed = {id(c.line) for c in r.claims}
    reasons = {(n.where.line, n.where.col) for n in r.notes if n.severity == "unchecked"}
    lines = [ln for ln in r.lines if not ln.display.inline]
    assert len(lines) > 50
    for ln in lines:
        origin = ln.display.origin
        first = origin.locate(ln.span.start)
        last = origin.locate(ln.span.end - 1)
        explained = any(first <= place <= last for place in reasons)
        assert id(ln) in claimed or explained, (first, ln.kind)


def test_the_seeds_claims_are_expression_language(bn):
    r = read(SEED.read_text(encoding="utf-8"), bn, str(SEED))
    scope = lang_scope(bn)
    refused = []
    for c in r.claims:
        if c.kind == "size":
            continue
        for text in (c.lhs, c.rhs):
            try:
                parse.parse(Text(text, Location("claim", 1, 1, text)), scope)
            except SymbnError as exc:
                refused.append(exc.message)
    assert len(r.claims) > 60
    # what the language cannot say yet: a size as the last position (h[N, 1], u[1, L])
    assert set(refused) <= {"'N' is not a declared index", "'L' is not a declared index"}


def test_the_kinds_of_slip_in_the_seed_are_surfaced(bn):
    r = read(SEED.read_text(encoding="utf-8"), bn, str(SEED))
    warned = {n.code for n in r.notes if n.severity == "warning"}
    assert {
        "mixed-derivative",
        "delimiter",
        "matrix-rows",
        "matrix-last",
        "annotation-mismatch",
        "use-before-definition",
    } <= warned
    assert any("missing before \\cdots" in n.message for n in r.notes)
    assert any(c.kind == "annotation" and c.rhs == "0" and "1/N" in c.lhs for c in r.claims)


def test_the_seed_reads_in_well_under_a_second(bn):
    text = SEED.read_text(encoding="utf-8")
    start = time.perf_counter()
    read(text, bn, str(SEED))
    assert time.perf_counter() - start < 2.0


PIECES = st.sampled_from(
    [
        "$$",
        "$",
        "\n",
        " ",
        "\\begin{aligned}",
        "\\end{aligned}",
        "\\begin{cases}",
        "\\end{cases}",
        "\\begin{pmatrix}",
        "\\end{pmatrix}",
        "&",
        "&=",
        "\\\\",
        "=",
        "+",
        "-",
        "h_{kl}",
        "h_{1,1}",
        "h_{N,1}",
        "\\mu_l",
        "\\sigma^2_l",
        "\\sum_p",
        "\\sum",
        "\\frac{",
        "}{",
        "}",
        "{",
        "(",
        ")",
        "\\big(",
        "\\big]",
        "\\cdots",
        "\\vdots",
        "\\partial",
        "d",
        "k=1",
        ", ",
        ":",
        "==",
        "!=",
        "u'",
        "\\Delta_{i,k}",
        "\\text{size }",
        "N \\times L",
        "^2",
        "_",
        "^",
        "\\",
        "+++",
        "\\left(",
        "\\right.",
        "x",
        "0",
        "1/N",
        "> ",
        "- ",
        "  ",
        "\t",
        "```",
        "`",
        "\\$",
        "1. ",
        "# ",
        "\r\n",
        "\ufeff",
        "|",
        "---",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_any_text_is_read_without_raising(bn, text):
    r = read(text, bn, "fuzz.md")
    for n in r.notes:
        assert n.where.line >= 1
        assert n.where.col >= 1
