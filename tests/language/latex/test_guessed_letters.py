"""Inferred contexts that always load: a letter that is both a sum's bound and an index, or
both a size and a subscript, gets one meaning (`symbn.language.latex.infer`)."""

from __future__ import annotations

from symbn.language.latex import guessed
from symbn.language.latex.infer import infer
from symbn.source.context import read_context
from symbn.source.document.markdown import read_markdown
from symbn.verify.document import check


def context_of(text: str):
    return read_context("doc.md", guessed.toml_of(text, "doc.md").encode())


def test_a_letter_summed_over_elsewhere_bounds_a_partial_sum_and_stays_an_index():
    text = (
        "$$\nh_t = \\sum_{i=1}^{t} a_i\n$$\n\n"  # i runs up to t: t is no size
        "$$\nL = \\sum_{t=1}^{T} h_t\n$$\n"
    )
    ctx = context_of(text)
    assert "t" not in {s.name for s in ctx.sizes}
    assert {i.name: i.size for i in ctx.indices}["t"] == "T"
    assert check(text, "doc.md").findings[0].status == "warning"  # read, not refused


def test_a_size_written_as_a_subscript_is_the_last_position_not_an_index():
    text = "$$\ns = \\sum_{i=1}^{n} e_i\n$$\n\n$$\nr = e_n + p_i\n$$\n"
    ctx = context_of(text)
    assert [s.name for s in ctx.sizes] == ["n"]
    assert {i.name: i.size for i in ctx.indices} == {"i": "n"}
    assert {t.name: t.shape for t in ctx.inputs}["e"] == ("n",)


def test_ones_along_an_index_letter_say_einstein_summation_and_the_mean_its_range():
    text = (
        "$$\nm_b = \\frac{1}{H} \\mathbf{1}_h x_{bh}\n$$\n\n"
        "$$\ny_{bh} = x_{bh} - \\mathbf{1}_h m_b\n$$\n\n"
        "$$\n\\frac{\\partial l}{\\partial x_{pq}} = \\frac{\\partial l}{\\partial y_{bh}} "
        "\\frac{\\partial y_{bh}}{\\partial x_{pq}}\n$$\n"
    )
    toml = guessed.toml_of(text, "doc.md")
    assert '[notation]\nsums = "einstein"' in toml
    ctx = context_of(text)
    assert {i.name: i.size for i in ctx.indices}["h"] == "H"
    checked = check(text, "doc.md")
    assert [f.status for f in checked.findings if f.where.line == 10] == ["proved"]


def test_ones_of_a_size_are_no_einstein_summation():
    text = "$$\nx \\in \\mathbb{R}^{n}\n$$\n\n$$\ns = \\mathbf{1}_n^T x\n$$\n"
    assert "einstein" not in guessed.toml_of(text, "doc.md")


def test_the_loss_is_a_function_of_the_output_the_defined_name_nothing_uses():
    text = (
        "$$\ny_i = 2 u_i\n$$\n\n$$\nu_i = 3 x_i\n$$\n\n"  # u defined last, used by y
        "$$\n\\frac{\\partial L}{\\partial x_i} = 6 \\frac{\\partial L}{\\partial y_i}\n$$\n\n"
        "$$\n\\frac{\\partial L}{\\partial u_i} = 2 \\frac{\\partial L}{\\partial y_i}\n$$\n"
    )
    assert context_of(text).loss.of == "y"


def test_a_lower_case_subscript_on_a_matrix_is_its_label_and_a_root_a_size():
    text = (
        "$$\n\\begin{aligned}\nQ &= XW_q \\\\\nK &= XW_k \\\\\n"
        "S &= \\frac{QK^T}{\\sqrt{d}} \\\\\nA_{ij} &= \\frac{e^{S_{ij}}}{\\sum_k e^{S_{ik}}} \\\\\n"
        "Y &= A K W_o\n\\end{aligned}\n$$\n\n"
        "$$\n\\frac{\\partial L}{\\partial W_o} = (AK)^T \\frac{\\partial L}{\\partial Y}\n$$\n"
    )
    ctx = context_of(text)
    shapes = {t.name: t.shape for t in (*ctx.inputs, *ctx.defined)}
    assert {"W_q", "W_k", "W_o"} <= set(shapes)  # one matrix each, not W over q, k, o
    assert "d" in {s.name for s in ctx.sizes}  # \sqrt{d}: a dimension
    # i and j, which nothing names, are one size: A K conforms, so A is square
    assert shapes["A"][0] == shapes["A"][1] == shapes["X"][0]
    proved = [f for f in check(text, "doc.md").findings if f.status == "proved"]
    assert [f.where.line for f in proved] == [12]


def test_a_word_under_a_name_is_its_label():
    text = "$$\ny_i = 2 x_i\n$$\n\n$$\nr_i = y_i - y_{\\text{true}}\n$$\n"
    g = infer(read_markdown(text, "doc.md"))
    assert g.bare["y_true"] == "y_{\\text{true}}"  # a name of its own, not y at an index


def test_an_accent_around_a_bold_letter_and_a_vector_arrow_are_names():
    text = (
        "$$\n\\bar{\\mathbf{x}} = \\frac{1}{D} \\sum_{i=1}^{D} x_i\n$$\n\n"
        "$$\n\\vec{z}_i = x_i - \\bar{\\mathbf{x}}\n$$\n"
    )
    ctx = context_of(text)
    spelled = {t.name: t.latex.value if t.latex else t.name for t in (*ctx.inputs, *ctx.defined)}
    assert spelled["xbar"] == "\\bar{\\mathbf{x}}"
    assert spelled["z"] == "\\vec{z}"
    assert [f.status for f in check(text, "doc.md").findings][1:] == ["defined", "defined"]


def test_a_dense_layer_with_column_vectors_and_a_loss_written_as_a_function():
    text = (
        "$$\nx \\in \\mathbb{R}^{n \\times 1}, \\quad b \\in \\mathbb{R}^{m \\times 1}\n$$\n\n"
        "$$\nW \\in \\mathbb{R}^{m \\times n}\n$$\n\n"
        "$$\nz = Wx + b\n$$\n\n$$\na = \\sigma(z)\n$$\n\n$$\nL = L(a)\n$$\n\n"
        "$$\n\\frac{\\partial L}{\\partial x} = W^T \\frac{\\partial L}{\\partial z}\n$$\n\n"
        "$$\n\\frac{\\partial L}{\\partial x} = W \\frac{\\partial L}{\\partial z}\n$$\n"
    )
    ctx = context_of(text)
    shapes = {t.name: t.shape for t in (*ctx.inputs, *ctx.defined)}
    assert shapes["x"] == ("n",)  # n × 1: a column vector
    assert ctx.loss is not None
    assert ctx.loss.of == "z"  # a = \sigma(z) applies a function the document never says
    status = {f.where.line: f.status for f in check(text, "doc.md").findings}
    assert status[22] == "proved"
    assert status[26] != "proved"  # W where W^T belongs: a slip, never proved
    assert status[18] != "refuted"  # L(a) is no product: L written with what it depends on


def test_a_matrix_written_with_two_indices_has_no_labels():
    text = "$$\nY = X W_j\n$$\n\n$$\nZ_{ij} = W_{ij} + 1\n$$\n"
    g = infer(read_markdown(text, "doc.md"))
    assert not g.labels  # W_{ij} elsewhere: the j of W_j is a position
    assert infer(read_markdown("$$\nY = X W_j\n$$\n", "doc.md")).labels == {"W_j"}


NORMALISE = r"""# Normalising a vector

For $\mathbf{q} \in \mathbb{R}^d$:

$$
\begin{aligned}
\sigma &= \sqrt{\mathbf{q}^\top \mathbf{q}} \\
\mathbf{r} &= \mathbf{q} / \sigma
\end{aligned}
$$

$$
\frac{\partial L}{\partial \mathbf{q}} = \frac{1}{\sigma}(\mathbf{I} - \mathbf{r}\mathbf{r}^\top)
\frac{\partial L}{\partial \mathbf{r}}
$$

$$
\frac{\partial L}{\partial \mathbf{q}} = \frac{1}{\sigma}(\mathbf{I} - 2\mathbf{r}\mathbf{r}^\top)
\frac{\partial L}{\partial \mathbf{r}}
$$
"""


def test_a_bold_i_written_whole_is_the_identity_not_an_input():
    assert "I =" not in guessed.toml_of(NORMALISE, "doc.md")
    found = check(NORMALISE, "doc.md").findings
    got = [f.status for f in found if f.kind == "claim" and f.where.line > 3]
    assert got == ["proved", "unchecked"]  # the slip's refutation is held back: shapes guessed
    assert "refuted only under the inferred context" in found[-1].message
