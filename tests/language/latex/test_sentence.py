"""The sentence an inline maths stands in: cut at a full stop, a blank line, a heading or a
display, with the inline maths beside it in order."""

from __future__ import annotations

from symbn.language.latex.sentence import Sentences
from symbn.source.document.formats import read_document


def pieces(text: str, which: int) -> list[str]:
    """The sentence of the document's inline maths number `which`, maths in dollars."""
    doc = read_document(text, "a.md")
    inline = [d for d in doc.displays if d.inline]
    found = Sentences(doc).sentence_of(inline[which])
    assert found is not None
    return [f"${p.maths.text}$" if p.maths else p.words.strip() for p in found]


def test_a_sentence_ends_at_a_full_stop_and_keeps_its_maths_in_order():
    text = "First $a = 1$. When $i = k$, we have $b = 2$ and $c$.\nNext $d$.\n"
    assert pieces(text, 2) == ["When", "$i = k$", ", we have", "$b = 2$", "and", "$c$"]


def test_a_decimal_point_or_a_line_break_does_not_end_a_sentence():
    text = "With 0.5 as the rate\nwe get $b = 2$ here.\n"
    assert pieces(text, 0) == ["With 0.5 as the rate\nwe get", "$b = 2$", "here"]


def test_a_blank_line_a_heading_or_a_display_ends_a_sentence():
    text = "Above $a$\n\n# Head\nso $b = 2$\n\n$$ c = 3 $$\n\nthen $d$ and $e = 1$\n"
    assert pieces(text, 1) == ["so", "$b = 2$"]
    assert pieces(text, 3) == ["then", "$d$", "and", "$e = 1$"]
