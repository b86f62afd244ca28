"""Einstein summation in documents (`[notation] sums = "einstein"`) and derivatives with
respect to an intermediate (symbn.language.latex.einstein, symbn.verify.intermediate):
repeated indices summed where the author means them, a slip still refuted, and a derivative
by an intermediate taken through the expression the document wrote."""

from __future__ import annotations

from symbn.verify.document import check

CONTEXT = r"""+++
[sizes]
B = "rows"
H = "features"

[indices]
b = "B"
p = "B"
h = "H"
q = "H"

[inputs]
x = { shape = ["B", "H"] }
g = { shape = ["H"], latex = "g" }

[defines]
m = { shape = ["B"] }
c = { shape = ["B", "H"] }
z = { shape = ["B", "H"] }
s = { shape = ["B"] }

[notation]
sums = "einstein"
+++
"""

#: A row mean m, the centred c, a scale s and z = c g / s, written the way tensor-calculus
#: notes write them: 1_h is one along h, and a repeated index is summed.
BODY = r"""
$$
\begin{aligned}
m_b &= \frac{1}{H} \mathbf{1}_h x_{bh} \\
c_{bh} &= x_{bh} - \mathbf{1}_h m_b \\
s_b &= \mathbf{1}_h c_{bh} c_{bh} \\
z_{bh} &= \frac{c_{bh} g_h}{s_b}
\end{aligned}
$$

$$
\frac{\partial m_b}{\partial x_{pq}} = \frac{\partial}{\partial x_{pq}}
\left(\frac{1}{H} \mathbf{1}_h x_{bh}\right) = \frac{1}{H} \delta_{bp}
$$

$$
\mathbf{1}_h c_{bh} = 0
$$

$$
\frac{\partial s_b}{\partial c_{pq}} = 2 c_{bq} \delta_{bp}
$$
"""


def _line(text: str, written: str) -> int:
    """The line of `text` that holds `written`."""
    return next(n for n, line in enumerate(text.split("\n"), 1) if written in line)


def _findings(text: str):
    r = check(text, "doc.md")
    return [(f.where.line, f.status, f.claim) for f in r.findings if f.kind != "lint"]


def test_repeated_indices_are_summed_and_true_lines_proved():
    got = _findings(CONTEXT + BODY)
    assert ("defined", "m[b] = sum(1/H*1*x[b, h], h)") in {(s, c) for _, s, c in got}
    proved = [c for _, s, c in got if s == "proved"]
    assert "sum(1*c[b, h], h) = 0" in proved
    assert any(c.startswith("diff(m[b], x[p, q])") for c in proved)
    assert "diff(s[b], c[p, q]) = 2*c[b, q]*Delta(b, p)" in proved
    assert not [c for _, s, c in got if s in ("refuted", "unknown")]


def test_a_slip_is_still_refuted():
    slipped = BODY.replace(r"= 2 c_{bq} \delta_{bp}", r"= 2 c_{bq}")
    got = _findings(CONTEXT + slipped)
    assert [c for _, s, c in got if s == "refuted"] == ["diff(s[b], c[p, q]) = 2*c[b, q]"]


def test_an_index_free_on_the_left_is_not_summed():
    # b repeats on the right (c_{bq}, delta_{bp}) but is free on the left: not summed
    got = _findings(CONTEXT + BODY)
    assert any("sum(" not in c for _, s, c in got if c.startswith("diff(s[b]"))


def test_without_the_notation_a_ones_vector_with_an_index_says_how_to_read_it():
    text = CONTEXT.replace('[notation]\nsums = "einstein"\n', "") + BODY
    r = check(text, "doc.md")
    messages = [f.message for f in r.findings if f.where.line == _line(text, "m_b &=")]
    assert any('[notation] sums = "einstein"' in m for m in messages), messages


INTERMEDIATE = r"""
$$
\begin{aligned}
m_b &= \frac{1}{H} \mathbf{1}_h x_{bh} \\
z_{bh} &= (x_{bh} - \mathbf{1}_h m_b) g_h \\
c_{bh} &= x_{bh} - \mathbf{1}_h m_b
\end{aligned}
$$

$$
z_{bh} = c_{bh} g_h
$$

$$
\frac{\partial z_{bh}}{\partial c_{pq}} = g_h \delta_{bp} \delta_{hq}
$$
"""


def test_a_derivative_by_an_intermediate_is_taken_through_the_line_that_writes_it():
    text = CONTEXT + INTERMEDIATE
    got = _findings(text)
    assert (_line(text, "z_{bh} = c_{bh}"), "proved", "z[b, h] = c[b, h]*g[h]") in got
    assert (
        _line(text, "partial z_{bh}"),
        "proved",
        "diff(z[b, h], c[p, q]) = g[h]*Delta(b, p)*Delta(h, q)",
    ) in got


def test_a_slip_in_a_derivative_by_an_intermediate_is_refuted():
    text = CONTEXT + INTERMEDIATE.replace(r"= g_h \delta_{bp}", r"= 2 g_h \delta_{bp}")
    got = _findings(text)
    assert [s for line, s, _ in got if line == _line(text, "partial z_{bh}")] == ["refuted"]


def test_without_that_line_the_definition_that_holds_the_intermediate_written_out_is_used():
    # z's definition holds c's written out, (x - 1 m) g: z is c g, so ∂z/∂c is judged
    text = CONTEXT + INTERMEDIATE.replace("$$\nz_{bh} = c_{bh} g_h\n$$\n", "")
    got = _findings(text)
    assert (
        _line(text, "partial z_{bh}"),
        "proved",
        "diff(z[b, h], c[p, q]) = g[h]*Delta(b, p)*Delta(h, q)",
    ) in got


def test_without_a_line_through_the_intermediate_the_derivative_is_not_judged():
    text = CONTEXT + INTERMEDIATE.replace("$$\nz_{bh} = c_{bh} g_h\n$$\n", "").replace(
        r"c_{bh} &= x_{bh} - \mathbf{1}_h m_b", r"c_{bh} &= 2 x_{bh} - 2 \mathbf{1}_h m_b"
    )
    r = check(text, "doc.md")
    (f,) = [f for f in r.findings if f.claim.startswith("diff(z[b, h], c[p, q])")]
    assert f.status == "unchecked"
    assert "no line above writes z through c" in f.message


#: Einstein's convention in a document whose context does not opt into it.
UNSAID = r"""Let $x \in \mathbb{R}^{n}$ and $W \in \mathbb{R}^{m \times n}$.

$$
z_j = W_{jk} x_k
$$
"""


def test_without_the_notation_a_repeated_index_says_how_to_write_its_sum():
    r = check(UNSAID, "doc.md")
    row = [f for f in r.findings if f.where.line == _line(UNSAID, "z_j =")]
    assert [f.status for f in row] == ["unchecked"]
    assert "repeated index k: write its sum, \\sum_k" in row[0].message
    assert 'sums = "einstein"' in row[0].message
