"""symbn.prose: the derivation file's own text in a document. Plain text is escaped for `tex` or
`md`; $...$ and $$...$$ maths pass through once the whitelist accepts them; Markdown markup
becomes LaTeX commands; descriptions split into paragraphs; LaTeX names are checked; and a
refusal is a InputError at the line and column of the offending character in the file."""

from __future__ import annotations

import pytest
from emit.latex.test_document import render, small
from headers import header
from reports import report_of

from symbn.emit.latex import document as latex
from symbn.emit.latex import prose
from symbn.errors import InputError, Location
from symbn.source.spec import Text

TITLE = ("derivation", 0, "title")
DESCRIPTION = ("derivation", 0, "description")


def derivation(
    title: str = "Prose",
    description: str | None = None,
    sizes: dict[str, str] | None = None,
    claim_title: str = "Same",
) -> str:
    """A tiny derivation; the strings are written into TOML basic strings as they are."""
    sizes = sizes or {"N": "rows", "L": "columns"}
    return (
        header(
            title,
            'h = { shape = ["N", "L"], latex = "\\\\hat{h}" }',
            sizes=sizes,
            description=description,
        )
        + f'''
[[define]]
name = "mu"
index = ["l"]
expr = "sum(h[p, l], p) / N"
latex = "\\\\mu"

[[claim]]
name = "same"
title = "{claim_title}"
lhs = "mu[l]"
rhs = "sum(h[k, l], k) / N"
'''
    )


def at(text: str, needle: str) -> tuple[int, int]:
    """(line, col), 1-based, of the first `needle` in `text`."""
    start = text.index(needle)
    before = text[:start]
    return before.count("\n") + 1, start - (before.rfind("\n") + 1) + 1


def refusal(model, key: tuple[str, int, str]) -> InputError:
    """The InputError of rendering the document: the prose at `key` (table, entry, key: a
    title or a description) refused."""
    del key  # the document renders every piece of prose: the refusal says which it was
    with pytest.raises(InputError) as info:
        latex.render(report_of(model), "tex")
    return info.value


def located(s: str) -> Text:
    """Prose written at the start of line 1 of t.toml."""
    return Text(s, Location("t.toml", 1, 1, s))


@pytest.fixture
def model(build_model):
    return build_model(derivation())


# -- what prose writes ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("fmt", "want"),
    [
        ("tex", r"a\_b \& \textless{}c\textgreater{} 50\% \#1"),
        ("md", "a_b &amp; &lt;c&gt; 50% #1"),
    ],
)
def test_text_is_escaped_for_the_format(fmt, want):
    assert prose.text("a_b & <c> 50% #1", fmt) == want


def test_maths_is_delimited_for_the_format():
    assert prose.math(r"x_{i}", "tex") == r"\(x_{i}\)"
    assert prose.math(r"x_{i}", "md") == r"$x_{i}$"


@pytest.mark.parametrize(
    ("fmt", "want"),
    [
        ("tex", r"the mean \(\mu_{l} = \frac{1}{N}\) of 50\% \& more"),
        ("md", r"the mean $\mu_{l} = \frac{1}{N}$ of 50% &amp; more"),
    ],
)
def test_inline_maths_passes_and_the_text_around_it_is_escaped(fmt, want):
    s = r"the mean $\mu_{l} = \frac{1}{N}$ of 50% & more"
    assert prose.paragraph(located(s), "the title", fmt) == want


@pytest.mark.parametrize(
    ("fmt", "want"),
    [
        ("tex", r"before \[\sum_{p} h_{p}\] after"),
        ("md", "before \n$$\n\\sum_{p} h_{p}\n$$\n after"),
    ],
)
def test_display_maths_is_set_apart(fmt, want):
    assert prose.paragraph(located(r"before $$\sum_{p} h_{p}$$ after"), "the title", fmt) == want


@pytest.mark.parametrize(
    ("fmt", "want"),
    [
        ("tex", r"\textbf{bold}, \emph{some \& more} and \texttt{a\_b}"),
        ("md", "**bold**, *some &amp; more* and `a_b`"),
    ],
)
def test_markdown_markup(fmt, want):
    assert prose.paragraph(located("**bold**, *some & more* and `a_b`"), "the title", fmt) == want


@pytest.mark.parametrize("fmt", ["tex", "md"])
def test_an_escaped_dollar_is_a_dollar_and_opens_no_maths(fmt):
    out = prose.paragraph(located(r"from \$5 to \$6 $x$"), "the title", fmt)
    assert out == (r"from \$5 to \$6 \(x\)" if fmt == "tex" else r"from \$5 to \$6 $x$")


def test_a_paragraph_is_stripped():
    assert prose.paragraph(located("  \n hi $x$ \n "), "the title", "md") == "hi $x$"


def test_paragraphs_split_at_blank_lines_and_join_the_lines_of_each():
    s = "one\ntwo $x$\n \t\nthree\n\n\nfour\n"
    assert prose.paragraphs(located(s), "the description", "tex") == [
        r"one two \(x\)",
        "three",
        "four",
    ]


def test_a_paragraph_with_display_maths_keeps_the_lines_of_its_maths():
    s = "see\n$$\na = b\n$$\nhere\n\nnext"
    assert prose.paragraphs(located(s), "the description", "tex") == [
        "see \\[\na = b\n\\] here",
        "next",
    ]


def test_checked_names_are_the_latex_names_of_the_file(model):
    assert prose.checked_names(model) == {"h": r"\hat{h}", "mu": r"\mu"}


# -- refusals, where they are ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("field", "text", "command"),
    [
        ("description", r"$\\input{x}$", r"\input"),
        ("description", r"$a \\catcode 12$", r"\catcode"),
        ("title", r"$\\directlua{os.exit()}$", r"\directlua"),
        ("claim", r"$\\def\\x{1}$", r"\def"),
        ("hname", r"\\immediate\\write18{rm}", r"\immediate"),
        ("hname", r"h^^5c", "^^"),
    ],
)
def test_commands_in_maths_and_names_are_refused_where_they_are(build_model, field, text, command):
    with pytest.raises(InputError) as info:
        render(build_model(small(**{field: text})), "tex")
    where = info.value.where
    assert where is not None
    assert command in info.value.message
    line = where.source
    assert line, "the error shows the line of the file"
    if field in ("title", "claim", "description"):  # strings: the caret is at the command
        written = command.replace("\\", "\\\\")
        assert line[where.col - 1 :].startswith(written), (line, where.col)


@pytest.mark.parametrize(
    ("fields", "key", "what"),
    [
        ({"title": r"T $\\input{x}$"}, TITLE, "the title of the derivation"),
        ({"description": r"D $\\input{x}$"}, DESCRIPTION, "the description of the derivation"),
        (
            {"sizes": {"N": r"rows $\\input{x}$", "L": "columns"}},
            ("sizes", 0, "N"),
            "the description of size 'N'",
        ),
        ({"claim_title": r"C $\\input{x}$"}, ("claim", 0, "title"), "the title of claim 'same'"),
    ],
)
def test_a_refusal_names_the_text_and_points_at_the_command(build_model, fields, key, what):
    text = derivation(**fields)
    error = refusal(build_model(text), key)
    assert error.message.startswith(f"{what}: the command \\input is not allowed")
    assert (error.where.line, error.where.col) == at(text, r"\\input")


def test_an_unclosed_dollar_is_refused_at_the_dollar(build_model):
    text = derivation(description="line one\nline two costs $5")
    error = refusal(build_model(text), DESCRIPTION)
    assert "the math opened by $ is not closed" in error.message
    assert (error.where.line, error.where.col) == at(text, "$5")


@pytest.mark.parametrize(
    "title",
    [
        r"\"quoted\" and \\backslashed\\ $\\input{x}$",  # escapes in a basic string
        "\u00e9t\u00e9 \u03bc $\\\\input{x}$",  # letters of two bytes take one column
    ],
)
def test_the_column_counts_characters_as_written_in_the_file(build_model, title):
    text = derivation(title=title)
    error = refusal(build_model(text), TITLE)
    assert (error.where.line, error.where.col) == at(text, r"\\input")


@pytest.mark.parametrize(
    "written",
    [
        "title = 'literal \\ $\\input{x}$'",
        "title = '''\nliteral\n  two \\ $\\input{x}$'''",
    ],
)
def test_backslashes_of_literal_strings_are_not_doubled(build_model, written):
    text = derivation().replace('title = "Prose"', written)
    error = refusal(build_model(text), TITLE)
    assert (error.where.line, error.where.col) == at(text, r"\input")


def test_a_bad_latex_name_of_a_definition_is_refused_at_the_command(build_model):
    text = derivation().replace('latex = "\\\\mu"', 'latex = "\\\\mu \\\\write18"')
    with pytest.raises(InputError, match=r"latex name of 'mu': the command \\write") as info:
        prose.checked_names(build_model(text))
    where = info.value.where
    assert (where.line, where.col) == at(text, r"\\write18")


def test_a_bad_latex_name_of_an_input_is_refused_at_the_character(build_model):
    text = derivation().replace('"\\\\hat{h}"', '"h %"')
    with pytest.raises(InputError, match=r"latex name of 'h': '%' \(a comment\)") as info:
        prose.checked_names(build_model(text))
    where = info.value.where
    assert (where.line, where.col) == at(text, '%"')


def test_a_refusal_in_a_later_paragraph_points_at_it(build_model):
    text = derivation(description="first paragraph here\n\nsecond $\\\\input{x}$")
    error = refusal(build_model(text), DESCRIPTION)
    assert (error.where.line, error.where.col) == at(text, r"\\input")


@pytest.mark.parametrize(
    "description",
    [
        'He said "hi" $\\\\input{x}$',
        "a\\ttab $\\\\input{x}$",
        "\\u00e9t\\u00e9 $\\\\input{x}$",
        "joined \\\n    here $\\\\input{x}$",
    ],
    ids=["bare-quotes", "tab-escape", "unicode-escape", "line-ending-backslash"],
)
def test_the_column_follows_toml_escapes(build_model, description):
    text = derivation(description=description)
    error = refusal(build_model(text), DESCRIPTION)
    assert (error.where.line, error.where.col) == at(text, r"\\input")
