"""A dot between two vectors written as vectors is their inner product
(`symbn.language.latex.inner`); between scalars or plain letters it stays a product."""

from mutated import verdicts

NEURON = r"""# A neuron

The weights $\mathbf{w} \in \mathbb{R}^n$ meet the input $\mathbf{x} \in \mathbb{R}^n$.

$$ z = \mathbf{w}\cdot\mathbf{x} + b $$

$$ \frac{\partial z}{\partial w_j} = x_j $$

$$ \frac{\partial}{\partial w_j}(\mathbf{w}\cdot\mathbf{x} + b) = x_j $$

$$ z = \sum_i w_i x_i + b $$
"""


def test_a_dot_between_bold_vectors_is_their_inner_product():
    got = verdicts(NEURON)
    assert got[5] == ["defined"]
    assert got[7] == got[9] == got[11] == ["proved"]


def test_slips_through_the_inner_product_are_refuted():
    got = verdicts(NEURON.replace("= x_j $$\n\n$$ z", "= w_j $$\n\n$$ z"))
    assert got[9] == ["refuted"]
    got = verdicts(NEURON.replace(r"\partial w_j} = x_j", r"\partial w_j} = 2 x_j"))
    assert got[7] == ["refuted"]
    got = verdicts(NEURON.replace(r"w_i x_i + b", r"w_i x_i - b"))
    assert got[11] == ["refuted"]


def test_the_spellings_of_an_inner_product():
    for written in (
        r"\vec{w}\cdot\vec{x}",
        r"\mathbf{w}^T\mathbf{x}",
        r"\langle w, x\rangle",
        r"\langle \mathbf{w}, \mathbf{x} \rangle",
    ):
        doc = NEURON.replace(r"z = \mathbf{w}\cdot\mathbf{x} + b", f"z = {written} + b")
        got = verdicts(doc)
        assert got[5] == ["defined"], written
        assert got[7] == got[11] == ["proved"], written


def test_a_dot_between_scalars_stays_a_product():
    doc = r"""# Product rule

$$ y_i = u_i \cdot v_i $$

$$ \frac{\partial y_i}{\partial u_i} = v_i $$

$$ \frac{\partial}{\partial u_i}(u_i \cdot v_i) = v_i $$

$$ \frac{\partial}{\partial u_i}(u_i \cdot v_i) = \sum_i v_i $$
"""
    got = verdicts(doc)
    assert got[5] == got[7] == ["proved"]
    assert "proved" not in got[9]


ROWS = r"""+++
[sizes]
m = "examples"
n = "features"
[indices]
i = "m"
j = "n"
[inputs]
X = { shape = ["m", "n"], latex = "\\mathbf{x}" }
w = { shape = ["n"], latex = "\\mathbf{w}" }
[defines]
yhat = { shape = ["m"], latex = "\\hat{y}" }
[spellings]
X = ["x"]
+++

$$ \hat{y}_i = \mathbf{w} \cdot \mathbf{x}_i $$

$$ \frac{\partial \hat{y}_i}{\partial w_j} = x_{ij} $$
"""


def test_a_dot_with_a_row_of_a_matrix_is_their_inner_product():
    got = verdicts(ROWS)
    assert got[17] == ["defined"]
    assert got[19] == ["proved"]
    assert verdicts(ROWS.replace("= x_{ij}", "= w_j"))[19] == ["refuted"]
