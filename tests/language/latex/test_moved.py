"""Moved positions in LaTeX subscripts (`x_{i+k-1}`, `x_{n,c,2i+k-3}`, `h_{t-1}`,
`\\delta_{s-1,t}`): read as the expression language's moved positions, refused at their
token when they are not one; and documents written in several styles (Markdown with `$$`,
a LaTeX source with `equation` and `align*`) whose convolution and running difference are
checked line by line, the slip refuted."""

from __future__ import annotations

import re

import pytest

import symbn
from symbn.language.latex.printer import to_language
from symbn.language.latex.subscripts import bind_sums
from symbn.language.latex.symbols import Symbols
from symbn.language.latex.texlex import tokenize
from symbn.language.latex.texmath import parse
from symbn.source.positions import TexError

SIGNALS = Symbols(
    sizes=("T", "N", "C", "L", "K", "O"),
    indices={"t": "T", "s": "T", "n": "N", "c": "C", "p": "L", "k": "K", "i": "O"},
    tensors={"x": ("N", "C", "L"), "u": ("L",), "w": ("K",), "h": ("T",), "a": ("T",)},
    spellings={},
    loss=None,
    functions={},
    inputs=frozenset({"x", "u", "w", "a"}),
)


def language(text: str) -> str:
    return to_language(bind_sums((parse(tokenize(text), SIGNALS),))[0], SIGNALS)


@pytest.mark.parametrize(
    ("tex", "expected"),
    [
        ("u_{i+k-1}", "u[i + k - 1]"),
        ("u_{i + k}", "u[i + k]"),
        ("h_{t-1}", "h[t - 1]"),
        ("x_{n,c,2i+k-3}", "x[n, c, 2*i + k - 3]"),
        (r"x_{n, c, 2 \cdot i + k}", "x[n, c, 2*i + k]"),
        ("w_{K-k+1}", "w[K - k + 1]"),
        ("u_{-k+p+1}", "u[-k + p + 1]"),
        (r"\sum_k w_k u_{i+k-1}", "sum(w[k]*u[i + k - 1], k)"),
        (r"\delta_{s-1,t}", "Delta(s - 1, t)"),
    ],
)
def test_a_moved_subscript_is_a_moved_position(tex, expected):
    assert language(tex) == expected


@pytest.mark.parametrize(
    ("tex", "message", "at"),
    [
        ("u_{i+}", "axis 1 of u: a position names an index, as in i+k-1", "+"),
        (r"u_{i+\alpha}", r"axis 1 of u: '\\alpha' is not read in a position", r"\alpha"),
        ("u_{ik+1}", "axis 1 of u: a position joins its terms with + and -", "k"),
        ("u_{i+z}", "'z' is not a declared index, a number or a size", "z"),
    ],
)
def test_what_is_no_position_is_refused_at_its_token(tex, message, at):
    with pytest.raises(TexError, match=re.escape(message)) as info:
        language(tex)
    span = info.value.span
    assert tex[span.start : span.end] == at


CONTEXT = """+++
[sizes]
T = "steps"
L = "input length"
K = "kernel taps"
O = "output length"

[indices]
t = "T"
s = "T"
p = "L"
k = "K"
q = "K"
i = "O"
j = "O"

[inputs]
a = { shape = ["T"] }
x = { shape = ["L"] }
w = { shape = ["K"] }
g = { shape = ["O"] }

[defines]
h = { shape = ["T"] }
y = { shape = ["O"] }
+++
"""

#: the same maths in two styles: each display a definition, a proved line or the slip
MARKDOWN = (
    CONTEXT
    + r"""
# Differences and windows

Each step keeps what changed since the one before:

$$ h_t = a_t - a_{t-1} $$

so that $\frac{\partial h_s}{\partial a_t} = \delta_{s,t} - \delta_{s-1,t}$.

A filter of $K$ taps slides along the signal:

$$ y_i = \sum_{k} w_k \, x_{i+k-1} $$

Pulling the upstream gradient back through it runs the filter the other way,

$$ \sum_j g_j \frac{\partial y_j}{\partial x_p} = \sum_k g_{p-k+1} w_k , $$

not the same way, as one might write too quickly:

$$ \sum_j g_j \frac{\partial y_j}{\partial x_p} = \sum_k g_{p+k-1} w_k $$
"""
)

TEX = (
    CONTEXT
    + r"""
\documentclass{article}
\begin{document}
A running difference,
\begin{equation}
h_{t} = a_{t} - a_{t - 1},
\end{equation}
has the Jacobian $\frac{\partial h_s}{\partial a_t} = \delta_{s,t} - \delta_{s-1,t}$.
A correlation with a short filter and its input gradient:
\begin{align*}
y_{i} &= \sum_{k=1}^{K} w_{k} x_{i + k - 1} \\
\sum_{j} g_{j} \frac{\partial y_{j}}{\partial x_{p}} &= \sum_{k} g_{p - k + 1} \, w_{k} \\
\sum_{j} g_{j} \frac{\partial y_{j}}{\partial x_{p}} &= \sum_{k} g_{p + k - 1} \, w_{k}
\end{align*}
\end{document}
"""
)


@pytest.mark.parametrize(("name", "text"), [("diff.md", MARKDOWN), ("diff.tex", TEX)])
def test_documents_in_several_styles_are_checked_line_by_line(tmp_path, name, text):
    """The Markdown document carries its context as front matter, the LaTeX source in a
    context file of its own."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    context = None
    if name.endswith(".tex"):
        context = tmp_path / "diff.context.toml"
        context.write_text(CONTEXT.strip("+\n"), encoding="utf-8")
    checked = symbn.check(path, context=context)
    assert [f.status for f in checked] == [
        "defined",
        "proved",
        "defined",
        "proved",
        "refuted",
    ], checked.lines()
    assert "g[p + k - 1]" in next(f for f in checked if f.status == "refuted").claim
