"""σ written only as a function is the sigmoid when the prose says sigmoid or logistic
anywhere before (not only beside the display), in Markdown and in a .tex source; with no
such word it is an activation left unsaid, and a wrong derivative is never proved."""

from mutated import verdicts

from symbn.verify.document import check

MD = r"""# Units

Every hidden unit applies the logistic function.

The next paragraphs say nothing of it: they describe how the layer is laid out and how its
inputs arrive, at some length, before any maths.

$$ \frac{d}{dz}\sigma(z) = \sigma(z)(1 - \sigma(z)) $$

$$ \frac{d\sigma(z)}{dz} = \sigma(z)(1 + \sigma(z)) $$
"""

TEX = r"""\documentclass{article}
\begin{document}
We take the sigmoid as the activation of every hidden unit in this note.

Some other prose comes between.

\[ \frac{d}{dz}\sigma(z) = \sigma(z)(1-\sigma(z)) \]
\[ \frac{d\sigma(z)}{dz} = \sigma(z)(1+\sigma(z)) \]
\end{document}
"""


def test_sigma_is_the_sigmoid_where_the_prose_says_so_far_away():
    got = verdicts(MD)
    assert got[8] == ["proved"]
    assert got[10] == ["refuted"]


def test_sigma_is_the_sigmoid_in_a_tex_source():
    got: dict[int, list[str]] = {}
    for f in check(TEX, "doc.tex").findings:
        if f.kind != "lint":
            got.setdefault(f.where.line, []).append(f.status)
    assert got[7] == ["proved"]
    assert got[8] == ["refuted"]


def test_sigma_is_no_sigmoid_where_nothing_says_so():
    got = verdicts(MD.replace("the logistic function", "an activation"))
    assert "proved" not in got.get(8, [])
    assert "proved" not in got.get(10, [])
