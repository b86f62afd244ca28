"""The Markdown splitter: which maths a document holds, and where each character stands."""

from __future__ import annotations

import pytest
from paths import ROOT

from symbn.source.document.markdown import Display, Document, read_markdown

#: The founding document, beside the repository (../shared/seed/).
SEED = ROOT / "docs" / "seed" / "000_58bc31ae350973dc.txt"  # the founding document, as published


def placed_exactly(doc: Document, d: Display) -> bool:
    """Every character of the display's text stands at the line and column its origin
    says."""
    for offset, ch in enumerate(d.text):
        if ch == "\n":
            continue
        line, col = d.origin.locate(offset)
        if doc.lines[line - 1][col - 1] != ch:
            return False
    return True


DOCUMENTS = {
    "one line": "Text\n\n$$ a = b $$\n",
    "several lines": "Text\n\n$$\n\\begin{aligned}\na &= b \\\\\n&= c\n\\end{aligned}\n$$\n",
    "opening with maths": "$$x = 1\ny = 2$$\n",
    "block quote": "> quoted\n>\n> $$\n> a = b\n> $$\n",
    "list item": "- item\n\n  $$\n  a = b\n  $$\n",
    "inline": "We have $a = b$ and $c$ here, $$d = e$$ too.\n",
    "inline over lines": "Some $a +\n  b$ text.\n",
    "tabs and wide": "x\t$\\mu$ und $\\gamma\n",
    "crlf": "Text\r\n\r\n$$\r\na = b\r\n$$\r\n",
    "bom": "\ufeff$$ a $$\n",
    "label": "$$ a = b $$ (1)\n",
    "numbered": "Text\n$$ a = b $$ \\(2\\)\n\n> $$\n> c = d\n> $$   $(3)$\n",
    "bare environment": "Text\n\n\\begin{align}\na &= b \\\\\n&= c\n\\end{align}\n",
    "bare environment quoted": "> \\begin{equation}\n> a = b\n> \\end{equation}\n",
    "bracket display": "Text\n\n\\[\na = b\n\\]\n",
    "math fence": "Text\n\n```math\na = b \\\\\n  c = d\n```\n",
    "math fence in a list": "- item\n\n  ```math\n  a = b\n  ```\n",
    "bracket display on one line": "\\[ a = b \\]\n",
    "paren inline": "We have \\(a = b\\) and \\(c\\).\n",
    "blank lines in dollars": "$$\na = b\n\n= c\n$$\n",
    "one-line math fences": "```math a^t = w x^t \\\\```\n```math h = a```\n",
    "loose math fences": (
        "```math a = b``\n\n```math \\begin{aligned}\n  c &= d\n\\end{aligned}```\n"
    ),
}


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_every_character_of_every_display_is_placed(name):
    doc = read_markdown(DOCUMENTS[name], "doc.md")
    assert doc.displays
    for d in doc.displays:
        assert placed_exactly(doc, d), (name, d.text)


def test_display_text_is_what_stands_between_the_dollars():
    doc = read_markdown(DOCUMENTS["several lines"])
    (d,) = doc.displays
    assert d.text == "\n\\begin{aligned}\na &= b \\\\\n&= c\n\\end{aligned}\n"
    assert not d.inline
    assert d.origin.locate(d.text.index("&= c")) == (6, 1)


def test_inline_maths_in_order_with_their_columns():
    doc = read_markdown(DOCUMENTS["inline"])
    assert [(d.text, d.inline, d.where.col) for d in doc.displays] == [
        ("a = b", True, 10),
        ("c", True, 22),
        ("d = e", True, 33),
    ]


def test_inline_maths_over_two_lines():
    doc = read_markdown(DOCUMENTS["inline over lines"])
    (d,) = doc.displays
    assert d.origin.locate(d.text.index("b")) == (2, 3)


def test_maths_in_code_is_not_maths():
    text = "```\n$$ a = b $$\n```\n\n`$x$` and \\$5 and \\$6\n\n    $$ c $$\n"
    assert read_markdown(text).displays == ()


def test_crlf_and_bom_count_lines_and_columns_as_an_editor_does():
    (d,) = read_markdown(DOCUMENTS["crlf"]).displays
    assert d.origin.locate(d.text.index("a")) == (4, 1)
    (e,) = read_markdown(DOCUMENTS["bom"]).displays
    assert e.where.col == 3


def test_toml_front_matter_between_plus_lines():
    doc = read_markdown('+++\n[sizes]\nN = "rows"\n+++\n\n$$ a $$\n', "doc.md")
    assert doc.front_matter is not None
    assert doc.front_matter.markup == "+++"
    assert doc.front_matter.text == '[sizes]\nN = "rows"'
    assert doc.front_matter.origin.locate(doc.front_matter.text.index("N")) == (3, 1)
    assert len(doc.displays) == 1
    assert doc.notes == ()


def test_unclosed_front_matter_is_an_error_at_line_one():
    doc = read_markdown('+++\n[sizes]\nN = "rows"\n')
    assert doc.front_matter is None
    (n,) = doc.notes
    assert (n.severity, n.code, n.where.line) == ("error", "front-matter-unclosed", 1)


def test_yaml_front_matter_is_the_blogs_and_not_read():
    doc = read_markdown("---\ntitle: x\n---\n\n$$ a $$\n")
    assert doc.front_matter is not None
    assert doc.front_matter.markup == "---"
    assert doc.notes == ()


@pytest.mark.parametrize(
    ("name", "texts"),
    [
        ("bare environment", ["\\begin{align}\na &= b \\\\\n&= c\n\\end{align}"]),
        ("bracket display", ["\na = b\n"]),
        ("bracket display on one line", [" a = b "]),
        ("paren inline", ["a = b", "c"]),
        ("blank lines in dollars", ["\na = b\n\n= c\n"]),
    ],
)
def test_latex_delimiters_environments_and_blank_lines_hold_maths(name, texts):
    doc = read_markdown(DOCUMENTS[name])
    assert [d.text for d in doc.displays] == texts


def test_plus_lines_later_in_the_document_are_not_front_matter():
    doc = read_markdown("Text\n\n+++\nx\n+++\n")
    assert doc.front_matter is None
    assert doc.notes == ()


def test_the_seed_reads_with_every_display_placed():
    doc = read_markdown(SEED.read_text(encoding="utf-8"), str(SEED))
    blocks = [d for d in doc.displays if not d.inline]
    assert len(blocks) == 22
    assert blocks[0].where.line == 14
    assert all(placed_exactly(doc, d) for d in doc.displays)


def test_a_math_fence_is_a_display_and_other_fences_are_code():
    doc = read_markdown("```math\na = b\n```\n\n```python\nx = $y$\n```\n")
    assert [(d.text, d.inline, d.where.line) for d in doc.displays] == [("a = b", False, 2)]


def test_a_math_fence_on_one_line_is_a_display_and_code_is_not():
    doc = read_markdown("```math a = b```\n```math c = d```\n\n`math e = f`\n")
    assert [(d.text, d.inline, d.where.line) for d in doc.displays] == [
        ("a = b", False, 1),
        ("c = d", False, 2),
    ]


def test_a_display_right_under_a_paragraph_line_with_a_blank_line_inside_is_read():
    # MathJax opens a display at a `$$` line even under a paragraph line; read apart, the
    # display would be split between two paragraphs and lost without a word
    doc = read_markdown("Some text\n$$\n\\mu = 1\n\n= 2\n$$\n", "doc.md")
    (d,) = doc.displays
    assert d.text == "\n\\mu = 1\n\n= 2\n"
    assert not d.inline
    assert d.origin.locate(d.text.index("= 2")) == (5, 1)


def test_a_loosely_written_math_fence_is_read_as_its_writer_means():
    """Maths on the opening line through the line ending in backticks, one line closed by
    fewer backticks, and a block right under a lone <hr>; the prose after each is prose."""
    text = (
        "```math a = b``\n\n"
        "```math \\begin{aligned}\n  c &= d\n\\end{aligned}```\n\nProse $e = f$.\n\n"
        "<hr>\n```math\ng = h\n```\n"
    )
    doc = read_markdown(text, "doc.md")
    assert [(d.text, d.where.line) for d in doc.displays] == [
        ("a = b", 1),
        ("\\begin{aligned}\n  c &= d\n\\end{aligned}", 3),
        ("e = f", 7),
        ("g = h", 11),
    ]
    for d in doc.displays:
        assert placed_exactly(doc, d)


ESCAPED = (
    "Intro\n\n"
    "\\\\[ a^{\\<t\\>} = b \\, c \\\\]\n\n"
    "Inline \\\\( x_j \\\\) and **\\\\[ y = z \\\\]** too.\n"
)


def test_escaped_latex_delimiters_hold_maths_with_markdown_escapes_undone():
    """`\\\\[ … \\\\]` (a Jekyll blog's way to put `\\[` on the page) is a display whose
    Markdown escapes are undone in place: `\\<` is `<` (a space after it), and a LaTeX space
    stays."""
    doc = read_markdown(ESCAPED)
    texts = [(d.text, d.inline) for d in doc.displays]
    assert texts == [(" a^{< t> } = b \\, c ", False), (" x_j ", True), (" y = z ", False)]
    first = doc.displays[0]
    assert first.origin.locate(first.text.index("a")) == (3, 5)
    assert all(placed_exactly(doc, d) for d in doc.displays[1:])


def test_single_backslash_delimiters_keep_their_text():
    doc = read_markdown("\\[ a^{\\<t\\>} = b \\]\n")
    assert [d.text for d in doc.displays] == [" a^{\\<t\\>} = b "]


def test_inline_maths_that_reads_as_sentences_is_noted_not_read():
    # the author's first $ is left unmatched, so the second pairs with one a line below
    text = (
        "When $p = 0.5, then $z = 0$\n"
        "This equation is the decision boundary between both classes, and the $w_1$ term.\n"
    )
    doc = read_markdown(text, "doc.md")
    assert [d.text for d in doc.displays] == ["p = 0.5, then "]  # (w_1$ is left unmatched)
    (note,) = doc.notes
    assert (note.severity, note.code, note.where.line) == ("warning", "prose-maths", 1)


def test_inline_maths_with_a_few_words_in_it_is_still_maths():
    doc = read_markdown(r"Here $x_i \text{ for all } i \text{ in the batch}$ holds.", "doc.md")
    assert [d.text for d in doc.displays] == [r"x_i \text{ for all } i \text{ in the batch}"]
    assert not doc.notes


@pytest.mark.parametrize(
    "number", ["(2)", "\\(2\\)", "$(2)$", "(2.1)", "\\(\\*\\)", "(A1)", "\\(12\\)"]
)
@pytest.mark.parametrize(
    "layout",
    [
        "Text\n\n$$ a = b $$ {}\n",
        "Text\n$$ a = b $$   {}\nmore text.\n",
        "Text\n\n$$\na = b\n$$ {}\n",
        "> $$ a = b $$ {}\n",
    ],
)
def test_a_display_followed_by_its_equation_number_is_a_display(layout, number):
    doc = read_markdown(layout.format(number), "doc.md")
    assert [(d.text.strip(), d.inline) for d in doc.displays] == [("a = b", False)]
    assert all(placed_exactly(doc, d) for d in doc.displays)


@pytest.mark.parametrize(
    "text",
    [
        "We have $$a = b$$ (2) and more.\n",  # words before: maths in a sentence
        "So $$a = b$$ (2)\n",
        "$$a = b$$ $(x + 1)$\n",  # not a number
        "$$a = b$$ is $c$\n",
    ],
)
def test_a_display_with_words_around_it_stays_inline_maths(text):
    doc = read_markdown(text, "doc.md")
    assert doc.displays[0].text == "a = b"
    assert doc.displays[0].inline


@pytest.mark.parametrize(
    "text",
    [
        "Text.\n\n$a = b$\n",
        "Text.\n\n$a = b$.\n",
        "> $a = b$\n",
        "Text.\n\n$a = b$\n$= c$\n",  # one to a line
    ],
)
def test_inline_maths_set_apart_as_a_paragraph_is_a_display(text):
    doc = read_markdown(text, "doc.md")
    assert doc.displays
    assert not any(d.inline for d in doc.displays)


@pytest.mark.parametrize(
    "text",
    ["$a = b$ and $c$\n", "$a = b$ $c = d$\n", "- $x$: the input\n", "So $a = b$\n"],
)
def test_inline_maths_beside_words_or_other_maths_stays_inline(text):
    doc = read_markdown(text, "doc.md")
    assert all(d.inline for d in doc.displays)


def test_a_rule_of_more_than_three_dashes_opens_no_front_matter():
    """Jekyll and Hugo open YAML front matter with a line of exactly `---`; a document that
    starts with a longer rule (`-----`) has no front matter, and its maths is read."""
    doc = read_markdown("-----\n$$a = b$$\n\n-----\n\n$$c = d$$\n", "doc.md")
    assert doc.front_matter is None
    assert [d.text for d in doc.displays] == ["a = b", "c = d"]
    yaml = read_markdown("---\ntitle: x\n---\n\n$$c = d$$\n", "doc.md")
    assert yaml.front_matter is not None
    assert [d.text for d in yaml.displays] == ["c = d"]
