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


SIGMA_AND_F = r"""# Two functions

Here $\sigma$ is the sigmoid, and $f$ an activation we leave open.

$$ a = \sigma(z) $$

$$ \frac{\partial a}{\partial z} = a(1 - a) $$

$$ b = f(z) $$
"""


def test_the_sigmoid_the_prose_names_is_sigmas_not_a_letter_beside_it_too():
    """`$\\sigma$ is the sigmoid, and $f$ an activation`: the word is said of σ, so f is
    not the sigmoid too (which also made the inferred context name the sigmoid twice, and
    the whole document unreadable)."""
    r = check(SIGMA_AND_F, "doc.md")
    assert r.count("error") == 0
    assert [f.status for f in r.findings if f.where.line == 7] == ["proved"]
    assert not any("sigmoid(z)" in f.message for f in r.findings if f.where.line == 9)


def test_an_activation_left_unsaid_is_never_refuted_for_a_function_symbn_picked():
    """With σ named nowhere, a(1 − a) holds of the sigmoid but not of any function: the
    counterexample would rest on a function symbn chose, so the line is held back."""
    doc = "# Unit\n\n$$ a = \\sigma(z) $$\n\n$$ \\frac{\\partial a}{\\partial z} = a(1 - a) $$\n"
    (finding,) = [f for f in check(doc, "doc.md").findings if f.where.line == 5]
    assert finding.status == "unchecked"
    assert "a function the document leaves unsaid is read as any function" in finding.message
