"""MathJax 2's script maths in Markdown: displays and inline maths, placed in the file."""

from __future__ import annotations

from symbn.source.document.markdown import read_markdown
from symbn.source.document.scripts import opening

PAGE = (
    'Let <script type="math/tex">a \\in \\mathbb{R}^{N}</script> and '
    '<script type="math/tex">b</script>.\n'
    "\n"
    '<script type="math/tex; mode=display">\n'
    "c = a_i * b\n"
    "</script>\n"
    "\n"
    "<script type='math/tex; mode=display'> \\begin{aligned}\n"
    "d &= c \\\\\n"
    "\n"
    "&= 2 c\n"
    "\\end{aligned} </script>\n"
    "\n"
    '<script type="math/tex">e = f</script> opens a paragraph, '
    'and <script type="math/tex; mode=display">g = h</script> ends it.\n'
)


def placed(doc, d) -> bool:
    for offset, ch in enumerate(d.text):
        if ch != "\n":
            line, col = d.origin.locate(offset)
            if doc.lines[line - 1][col - 1] != ch:
                return False
    return True


def test_scripts_are_displays_and_inline_maths_as_mathjax_reads_them():
    doc = read_markdown(PAGE, "page.md")
    got = [(d.text.strip(), d.inline) for d in doc.displays]
    assert got == [
        ("a \\in \\mathbb{R}^{N}", True),
        ("b", True),
        ("c = a_i * b", False),  # a script is not Markdown: `*` and `_` are as written
        ("\\begin{aligned}\nd &= c \\\\\n\n&= 2 c\n\\end{aligned}", False),
        ("e = f", True),
        ("g = h", False),
    ]
    assert all(placed(doc, d) for d in doc.displays)
    assert doc.displays[2].where.line == 3


def test_other_scripts_and_unclosed_tags_hold_no_maths():
    page = (
        '<script type="text/javascript">\nx = $1$;\n</script>\n\n'
        '<script type="math/tex; mode=display">\na = b\n\n'
        "Text <scripts>not a tag</scripts>.\n"
    )
    doc = read_markdown(page, "page.md")
    assert [d.text for d in doc.displays] == []


def test_the_opening_tag_is_read_with_its_mode():
    assert opening('<script type="math/tex">', 0) == (24, False)
    assert opening('<SCRIPT  TYPE="math/tex;mode=display">', 0) == (38, True)
    assert opening('<script type="math/texture">', 0) is None
    assert opening("<script>", 0) is None


def test_a_display_closed_before_an_inline_script_on_its_line():
    page = (
        '<script type="math/tex; mode=display">\na = b\n</script> for '
        '<script type="math/tex">c</script>.\n'
    )
    doc = read_markdown(page, "page.md")
    assert [(d.text.strip(), d.inline) for d in doc.displays] == [("a = b", False)]
    assert all(placed(doc, d) for d in doc.displays)
