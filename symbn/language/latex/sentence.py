"""The sentence an inline maths stands in: its words and the other inline maths beside it.

An inline equation that symbn checks is a result stated in running text, and the sentence
around it may hold the claim's assumptions: "when $i = k$, we have $…$", "$…$ for
$i \\neq k$", "at the optimum $…$". `sentence_of` gives that sentence as a list of pieces,
words and maths in order, for `symbn.language.latex.inlinecases` to read; a sentence ends
at a full stop, a question or exclamation mark or a semicolon followed by a space, a blank
line, a heading, a list item or a display. Nothing is run; the words are only compared.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from symbn.source.document.markdown import Display, Document

#: Characters that end a sentence (a semicolon its clause) when a space or a line end
#: follows them.
ENDS = frozenset(".!?;")
#: How a line that opens a new block of Markdown begins.
BLOCKS = ("#", "- ", "* ", "+ ", "> ", "|")
#: How inline maths is delimited in the text (left out of the words).
DELIMITERS = ("$", "\\(", "\\)")


@dataclass(frozen=True)
class Piece:
    """One piece of a sentence: `words` (prose), or an inline `maths`."""

    words: str = ""
    maths: Display | None = None


class Sentences:
    """A document's text with its maths placed in it, to cut sentences from."""

    def __init__(self, doc: Document):
        self.text = "\n".join(doc.lines)
        self.starts = [0]
        for line in doc.lines:
            self.starts.append(self.starts[-1] + len(line) + 1)
        spans = [(s, d) for d in doc.displays if (s := self._span(d)) is not None]
        spans.sort(key=lambda p: p[0])
        self.opens = [s[0] for s, _ in spans]
        self.spans = spans

    def _offset(self, line: int, col: int) -> int:
        return self.starts[line - 1] + col - 1

    def _span(self, d: Display) -> tuple[int, int] | None:
        """The characters of the file the maths takes (its text, without delimiters), or
        None when the text does not stand there (a notebook's cell, an escaped source)."""
        if not d.text:
            return None
        head = d.origin.where(0)
        if not 0 < head.line < len(self.starts):
            return None
        a = self._offset(head.line, head.col)
        tail = d.origin.where(len(d.text) - 1)
        if not 0 < tail.line < len(self.starts):
            return None
        z = self._offset(tail.line, tail.col) + 1
        first = d.text.split("\n", 1)[0]
        return (a, z) if self.text[a : a + len(first)] == first else None

    def maths_at(self, n: int) -> tuple[int, int, Display] | None:
        """The maths whose text holds character n, if any."""
        k = bisect_right(self.opens, n) - 1
        if k < 0:
            return None
        (a, z), d = self.spans[k]
        return (a, z, d) if a <= n < z else None

    def sentence_of(self, d: Display) -> list[Piece] | None:
        """The pieces of the sentence inline maths `d` stands in, in order (None when `d`
        cannot be placed in the text)."""
        span = self._span(d)
        if span is None:
            return None
        before = self._walk(span[0] - 1, -1)
        after = self._walk(span[1], 1)
        return [*reversed(before), Piece(maths=d), *after]

    def _walk(self, n: int, step: int) -> list[Piece]:
        """The pieces from character n on, in the direction `step`, to the sentence's end
        (nearest first)."""
        out: list[Piece] = []
        words: list[str] = []
        while 0 <= n < len(self.text):
            found = self.maths_at(n)
            if found is not None:
                a, z, d = found
                if not d.inline:
                    break
                out.append(Piece(words=self._joined(words, step)))
                words = []
                out.append(Piece(maths=d))
                n = a - 1 if step < 0 else z
                continue
            if self._ends_at(n):
                break
            words.append(self.text[n])
            n += step
        out.append(Piece(words=self._joined(words, step)))
        return [p for p in out if p.maths is not None or p.words.strip()]

    @staticmethod
    def _joined(chars: list[str], step: int) -> str:
        """The words walked over, in order, without the delimiters of maths."""
        text = "".join(reversed(chars) if step < 0 else chars)
        for mark in DELIMITERS:
            text = text.replace(mark, " ")
        return text

    def _ends_at(self, n: int) -> bool:
        """Whether a sentence ends at character n (read either way)."""
        c = self.text[n]
        if c in ENDS:
            follow = self.text[n + 1 : n + 2]
            return follow in ("", " ", "\n", "\t")
        if c != "\n":
            return False
        below = self.text[n + 1 : self.text.find("\n", n + 1) % (len(self.text) + 1)]
        above_start = self.text.rfind("\n", 0, n) + 1
        above = self.text[above_start:n]
        if not below.strip() or not above.strip():
            return True
        return below.lstrip().startswith(BLOCKS) or above.lstrip().startswith("#")
