"""symbn's part of a TOML front matter: a Hugo post's [symbn] table, a front matter of
symbn's alone, or none (the blog's own), placed line for line."""

from __future__ import annotations

from symbn.source.frontmatter import context_part

HUGO = """title = "Backprop"
date = 2024-01-01
tags = ["ml"]

[params]
math = true

[symbn.sizes]
N = "rows"

[symbn.indices]
i = "N"
"""


def test_a_hugo_posts_symbn_tables_are_the_context_line_for_line():
    part = context_part(HUGO)
    assert part is not None
    lines = part.split("\n")
    assert len(lines) == len(HUGO.split("\n"))
    assert [x for x in lines if x] == ["[sizes]", 'N = "rows"', "[indices]", 'i = "N"']
    assert lines[7] == "[sizes]"


def test_a_symbn_table_of_inline_tables():
    text = 'title = "x"\n[symbn]\nsizes = { N = "rows" }\nindices = { i = "N" }\n'
    assert context_part(text) == '\n\nsizes = { N = "rows" }\nindices = { i = "N" }\n'


def test_a_front_matter_of_symbns_alone_is_all_context():
    text = '[sizes]\nN = "rows"\n[indices]\ni = "N"\n'
    assert context_part(text) == text
    inline = 'sizes = { N = "rows" }\nindices = { i = "N" }\n'
    assert context_part(inline) == inline


def test_a_blogs_own_front_matter_has_no_context():
    assert context_part('title = "x"\n[params]\nmath = true\n') is None
