"""Braces, environments and delimiters: what opens and closes what."""

from __future__ import annotations

import pytest

from symbn.language.latex import brackets
from symbn.language.latex.texlex import tokenize
from symbn.source.positions import TexError


def matched(text: str) -> tuple[list, brackets.Brackets]:
    toks = list(tokenize(text))
    return toks, brackets.match(toks)


def test_groups_and_environments_are_paired():
    toks, b = matched(r"{a{b}}\begin{cases}c\end{cases}")
    assert b.groups == {0: 5, 2: 4, 6: 8}
    assert toks[8].kind == "end"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{a", "never closed"),
        ("a}", "closes nothing"),
        (r"\begin{cases}a\end{pmatrix}", "is closed by"),
        (r"{\begin{cases}a}\end{cases}", "is closed by"),
    ],
)
def test_unbalanced_groups_are_errors(text, message):
    with pytest.raises(TexError, match=message):
        matched(text)


def test_delimiters_pair_by_kind_and_size():
    _toks, b = matched(r"\big( a \big) + \left[ b \right] + (c)")
    assert sorted((o, c.last) for o, c in b.pairs.items()) == [(0, 4), (6, 10), (12, 14)]
    assert b.unclosed == b.unopened == b.mismatched == ()


def test_an_unclosed_sized_delimiter_is_recorded():
    toks, b = matched(r"\frac{2}{N} \big[ (a)(b) + c")
    (d,) = b.unclosed
    assert d.written(toks) == "\\big["


def test_a_closer_without_opener_is_recorded():
    _toks, b = matched("a) + b")
    (d,) = b.unopened
    assert d.char == ")"


@pytest.mark.parametrize("text", [r"\big( a \Big)", r"\left( a )", r"( a ]", r"\big( a )"])
def test_pairs_of_different_kind_or_size_are_mismatched(text):
    _, b = matched(text)
    assert len(b.mismatched) == 1


@pytest.mark.parametrize("text", [r"\left. a \right|", r"\bigl( a \bigr)", r"\Bigl[ a \Bigr]"])
def test_null_and_sided_delimiters_pair(text):
    _, b = matched(text)
    assert b.mismatched == () == b.unclosed


def test_delimiters_do_not_cross_braces():
    _, b = matched("{(a} b)")
    assert len(b.unclosed) == 1
    assert len(b.unopened) == 1


def test_split_at_top_level_only():
    toks, b = matched(r"a, (b, c), {d, e}, f")
    parts = brackets.split(toks, b, 0, len(toks), frozenset({","}))
    assert ["".join(t.text for t in toks[x:y]) for x, y in parts] == ["a", "(b,c)", "{d,e}", "f"]


def test_split_can_ignore_delimiters():
    toks, b = matched(r"\big[ a \\ b \big]")
    rows = brackets.split(toks, b, 0, len(toks), frozenset({"newline"}), delimiters=False)
    assert len(rows) == 2
    assert len(brackets.split(toks, b, 0, len(toks), frozenset({"newline"}))) == 1
