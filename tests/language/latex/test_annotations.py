"""Annotations of worked examples against the general line they instantiate."""

from __future__ import annotations

from symbn.language.latex.annotations import annotation_claims, unifier
from symbn.language.latex.rows import read_display
from symbn.language.latex.texlex import tokenize
from symbn.language.latex.texmath import parse
from symbn.language.latex.tree import Number
from symbn.source.document.markdown import read_markdown


def run(text, bn):
    doc = read_markdown(text, "doc.md")
    lines = [line for d in doc.displays for line in read_display(d, bn)]
    return annotation_claims(lines, bn)


GENERAL = (
    r"$$ \frac{\partial u_{k,l}}{\partial h_{i,j}} = "
    r"\Delta_{i,k}\Delta_{j,l} - \frac{1}{N}\Delta_{j,l} $$"
)


def examples(*rows):
    body = " \\\\\n".join(rows)
    return f"$$\n\\begin{{aligned}}\n{body}\n\\end{{aligned}}\n$$\n\n{GENERAL}\n"


def test_a_right_annotation_gives_a_claim_and_no_warning(bn):
    claims, notes = run(
        examples(
            r"\frac{\partial u_{1,2}}{\partial h_{1,1}} &= 0 & "
            r"k=1, l=2, i=1, j=1"
        ),
        bn,
    )
    assert notes == ()
    (c,) = claims
    assert (c.kind, c.lhs, c.rhs) == (
        "annotation",
        "Delta(1, 1)*Delta(1, 2) - 1/N*Delta(1, 2)",
        "0",
    )
    assert (c.where.line, c.where.col) == (3, 50)


def test_an_annotation_that_disagrees_with_its_line_is_flagged_at_the_value(bn):
    claims, notes = run(
        examples(
            r"\frac{\partial u_{1,2}}{\partial h_{1,1}} &= 0 & "
            r"k=1, l=2, i=1, j=2"
        ),
        bn,
    )
    (n,) = notes
    assert (n.severity, n.code) == ("warning", "annotation-mismatch")
    assert n.message == "the annotation says j=2, but this line's left side has j=1"
    assert (n.where.line, n.where.col) == (3, 67)
    (c,) = claims  # what the annotation says, for the verifier to refute: 1 - 1/N is not 0
    assert (c.lhs, c.rhs) == ("Delta(1, 1)*Delta(2, 2) - 1/N*Delta(2, 2)", "0")


def test_a_general_cases_line_gives_the_row_that_holds(bn):
    text = examples(
        r"\frac{\partial u_{2,1}}{\partial h_{1,1}} &= -\frac{1}{N} & "
        r"k=2, l=1, i=1, j=1"
    ).replace(
        GENERAL,
        r"""$$
\frac{\partial u_{k,l}}{\partial h_{i,j}} = \begin{cases}
k == i, l == j: 1 - \frac{1}{N} \\
k != i, l == j: - \frac{1}{N} \\
l != j: 0
\end{cases}
$$""",
    )
    (c,), notes = run(text, bn)
    assert notes == ()
    assert (c.lhs, c.rhs) == ("-1/N", "-1/N")


def test_without_a_general_line_the_annotation_is_unchecked(bn):
    claims, notes = run(r"$$\begin{aligned} \mu_1 &= \mu_1 & l=1 \end{aligned}$$", bn)
    assert claims == ()
    assert [n.code for n in notes] == ["annotation"]


def test_unifier_maps_letters_to_values(bn):
    general = parse(tokenize(r"\frac{\partial u_{k,l}}{\partial h_{i,j}}"), bn)
    concrete = parse(tokenize(r"\frac{\partial u_{1,2}}{\partial h_{1,1}}"), bn)
    assert unifier(general, concrete) == {
        "k": Number(1),
        "l": Number(2),
        "i": Number(1),
        "j": Number(1),
    }
    assert unifier(concrete, general) is None
    twice = parse(tokenize(r"\frac{\partial u_{k,l}}{\partial h_{k,j}}"), bn)
    assert unifier(twice, parse(tokenize(r"\frac{\partial u_{1,2}}{\partial h_{2,1}}"), bn)) is None


def test_an_annotation_claims_for_sizes_at_least_its_index_values(bn):
    claims, _ = run(
        examples(
            r"\frac{\partial u_{3,2}}{\partial h_{1,2}} &= 0 & "
            r"k=3, l=2, i=1, j=2"
        ),
        bn,
    )
    (c,) = claims
    assert c.minimums == (("L", 2), ("N", 3))
    ones, _ = run(
        examples(
            r"\frac{\partial u_{1,1}}{\partial h_{1,1}} &= 0 & "
            r"k=1, l=1, i=1, j=1"
        ),
        bn,
    )
    assert ones[0].minimums == ()
