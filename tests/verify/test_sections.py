"""symbn.verify.sections: a context's [[section]] entries give a letter another meaning
under one heading; the maths there is read with the section's tables over the context's,
the rest with the context's own."""

from __future__ import annotations

import pytest

from symbn.errors import InputError
from symbn.source.context import read_any
from symbn.verify.document import check
from symbn.verify.sections import heading

DOC = r"""# Two readings of one letter

## A matrix

For $X \in \mathbb{R}^{N \times D}$, the mean of each column:

$$
\mu_j = \frac{1}{N}\sum_i X_{ij}
$$

$$
\frac{\partial \mu_j}{\partial X_{kl}} = \frac{1}{N}\delta_{jl}
$$

## One column

Here $X$ is a single column of $N$ numbers.

$$
m = \frac{1}{N}\sum_i X_i
$$

$$
\frac{\partial m}{\partial X_k} = \frac{1}{N}
$$

### A slip

$$
\frac{\partial m}{\partial X_k} = \frac{1}{N - 1}
$$
"""

SECTION = b"""[[section]]
heading = "One column"
[section.inputs]
X = { shape = ["N"] }
"""


def verdicts(found) -> list[tuple[int, str]]:
    return [(f.where.line, f.status) for f in found if f.where.line > 5 and f.kind != "lint"]


def test_each_section_is_read_with_its_own_meaning_of_a_letter():
    r = check(DOC, "doc.md", read_any("c.toml", SECTION))
    assert verdicts(r.findings) == [
        (8, "defined"),  # μ_j of the matrix X, outside the section
        (12, "proved"),
        (20, "defined"),  # m of the column X: a scalar
        (24, "proved"),
        (30, "refuted"),  # a subsection is part of the section above it
    ]
    assert (r.rows_checked, r.rows) == (3, 3)


def test_without_the_section_the_column_reading_is_not_made():
    r = check(DOC, "doc.md")
    assert (24, "proved") not in verdicts(r.findings)


def test_a_hugo_post_writes_its_sections_under_its_own_table():
    front = '+++\ntitle = "Two readings"\n[[symbn.section]]\nheading = "One column"\n'
    front += '[symbn.section.inputs]\nX = { shape = ["N"] }\n+++\n'
    r = check(front + DOC, "post.md")
    shift = front.count("\n")
    assert (24 + shift, "proved") in verdicts(r.findings)
    assert (30 + shift, "refuted") in verdicts(r.findings)


def test_a_heading_the_document_does_not_have_is_an_error_at_the_section():
    context = read_any("c.toml", SECTION.replace(b"One column", b"One row"))
    with pytest.raises(InputError, match=r"'One row', which doc\.md does not have") as exc:
        check(DOC, "doc.md", context)
    assert (exc.value.where.path, exc.value.where.line) == ("c.toml", 1)


def test_a_section_holds_only_the_tables_of_a_context():
    with pytest.raises(InputError, match=r"\[section.claim\] is not a table") as exc:
        read_any("c.toml", b'[[section]]\nheading = "A"\n[section.claim]\nx = 1\n')
    assert exc.value.where.line == 1
    with pytest.raises(InputError, match="names the heading it is under"):
        read_any("c.toml", b"[[section]]\n[section.inputs]\n")


def test_a_section_context_that_does_not_read_says_which_section():
    bad = SECTION + b'[section.indices]\nk = "M"\n[section.sizes]\nN = "rows"\n'
    bad += b"[section.defines]\nm = { shape = [] }\n"
    with pytest.raises(InputError, match="the context of the section 'One column'") as exc:
        check(DOC, "doc.md", read_any("c.toml", bad))
    assert exc.value.where.path == "c.toml"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("## One column", (2, "One column")),
        ("###   A   slip  ", (3, "A slip")),
        ("#hashtag", None),
        ("\\subsection{One column}", (2, "One column")),
        ("\\section*{Intro}", (1, "Intro")),
        ('    "## One column\\n",', (2, "One column")),  # a notebook's source line
        ("Not a heading", None),
    ],
)
def test_headings_of_markdown_latex_and_notebooks(line, expected):
    assert heading(line) == expected


def test_a_section_with_no_tables_is_read_on_its_own_with_what_its_maths_says():
    r = check(DOC, "doc.md", read_any("c.toml", b'[[section]]\nheading = "One column"\n'))
    assert verdicts(r.findings) == [
        (8, "defined"),
        (12, "proved"),
        (20, "defined"),
        (24, "proved"),
        (30, "refuted"),
    ]


def test_symbn_context_prints_the_sections_back(tmp_path, capsys):
    from symbn.cli import main  # noqa: PLC0415 - the command line, as a user runs it

    (tmp_path / "doc.md").write_text(DOC, encoding="utf-8")
    (tmp_path / "c.toml").write_bytes(SECTION + b'[[section.define]]\nname = "w"\nexpr = "m"\n')
    assert main(["context", str(tmp_path / "doc.md"), "--context", str(tmp_path / "c.toml")]) == 0
    printed = capsys.readouterr().out
    written = '[[section]]\nheading = "One column"\n\n[section.inputs]\nX = { shape = ["N"] }'
    assert written in printed
    again = read_any("again.toml", printed.encode())
    assert [s.heading for s in again.sections] == ["One column"]
    assert again.sections[0].body == {
        "heading": "One column",
        "inputs": {"X": {"shape": ["N"]}},
        "define": [{"name": "w", "expr": "m"}],
    }


def test_a_subsection_with_a_section_of_its_own_is_read_apart_from_the_one_above():
    nested = SECTION + b'[[section]]\nheading = "A slip"\n[section.inputs]\nX = { shape = ["N"] }\n'
    r = check(DOC, "doc.md", read_any("c.toml", nested))
    found = [(f.where.line, f.status, f.message) for f in r.findings if f.where.line > 5]
    assert [(line, s) for line, s, _ in found][:4] == [
        (8, "defined"),
        (12, "proved"),
        (20, "defined"),  # m, defined in the section above the subsection
        (24, "proved"),
    ]
    # the subsection is read on its own: the m of the section above is not its m
    assert found[4:] == [
        (
            30,
            "unchecked",
            "unknown symbol m; declare it in the context (a size, tensor or spelling)",
        )
    ]
