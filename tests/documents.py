"""Small documents of the `symbn check` tests, and the rows a reader finds in them."""

from __future__ import annotations

from symbn.language.latex.guessed import toml_of
from symbn.language.latex.printer import to_language
from symbn.language.latex.rows import Line, read_display
from symbn.language.latex.symbols import Symbols
from symbn.source.document.markdown import read_markdown
from symbn.verify.document import check

#: A document of its own context (front matter) and four definitions: mu, u, y and a.
FRONT = r"""+++
[sizes]
N = "rows"
L = "columns"

[indices]
i = "N"
k = "N"
p = "N"
j = "L"
l = "L"

[inputs]
h = { shape = ["N", "L"] }
dy = { shape = ["N", "L"] }

[defines]
mu = { shape = ["L"], latex = "\\mu" }
u = { shape = ["N", "L"] }
y = { shape = ["N", "L"] }
a = { shape = ["N", "L"] }

[loss]
name = "loss"
latex = "\\mathcal{L}"
of = "y"
upstream = "dy"
+++

$$
\begin{aligned}
\mu_l &= \frac{1}{N}\sum_p h_{pl} \\
u_{kl} &= h_{kl} - \mu_l \\
y_{kl} &= 2 u_{kl} \\
a_{kl} &= 3 y_{kl}
\end{aligned}
$$
"""


def rows(text: str, symbols: Symbols) -> list[Line]:
    """Every row of every maths of a Markdown text."""
    doc = read_markdown(text, "doc.md")
    return [line for d in doc.displays for line in read_display(d, symbols)]


def sides(line: Line, symbols: Symbols) -> list[str]:
    """A row's sides in the expression language."""
    return [to_language(s, symbols) for s in line.sides]


def slipped(doc: str, old: str, new: str) -> list[str]:
    """The statuses `symbn check` gives the line of `doc` where a slip writes `new` for
    `old` (written once in `doc`)."""
    assert doc.count(old) == 1
    text = doc.replace(old, new)
    line = next(n for n, x in enumerate(text.split("\n"), 1) if new in x)
    return [f.status for f in check(text, "doc.md").findings if f.where.line == line]


def statuses(doc: str) -> dict[int, list[str]]:
    """The statuses `symbn check` gives each line of `doc`, by line."""
    out: dict[int, list[str]] = {}
    for f in check(doc, "doc.md").findings:
        out.setdefault(f.where.line, []).append(f.status)
    return out


def read_well(doc: str) -> str:
    """The context symbn infers for `doc`, after asserting that some row of it is proved
    and none refuted."""
    statuses = [f.status for f in check(doc, "doc.md").findings]
    assert "proved" in statuses
    assert "refuted" not in statuses
    return toml_of(doc, "doc.md")


def defined(findings) -> tuple[int, int]:
    """How many findings are `defined`: (definitions, shapes), a shape being a size
    statement (`x \\in \\mathbb{R}^d`) read, not proved, under a context inferred from it."""
    said = [f.message.split(" ", 1)[0] for f in findings if f.status == "defined"]
    assert set(said) <= {"definition", "size"}, said
    return said.count("definition"), said.count("size")
