"""The context inferred from a document's maths (`symbn.language.latex.infer`): index ranges
from sums and means, shapes from `\\mathbb{R}^{…}` and size statements, letters that share
an axis share a size, definitions and inputs, labels and squares in names, the loss."""

from __future__ import annotations

from symbn.language.latex.infer import Guess, infer
from symbn.source.document.markdown import read_markdown


def guess(*displays: str) -> Guess:
    return infer(read_markdown("".join(f"$$\n{d}\n$$\n\n" for d in displays), "doc.md"))


def shape(g: Guess, name: str) -> tuple[str, ...]:
    return tuple(g.ranges[min(a)] for a in g.tensors[name].axes)


def test_a_sum_s_bounds_give_its_letter_s_range_and_an_axis_shares_it():
    g = guess(r"m_j = \frac{1}{N}\sum_{i=1}^{N} x_{ij}", r"y_{kj} = x_{kj} - m_j")
    assert g.ranges["i"] == g.ranges["k"] == "N"  # k meets i at x's first axis
    assert g.ranges["j"] == "n_j"  # nothing says j's range: a size of its own
    assert shape(g, "x") == ("N", "n_j")
    assert [t.name for t in g.tensors.values() if t.defined] == ["m", "y"]
    assert not g.tensors["x"].defined


def test_a_mean_gives_the_range_of_the_letter_summed():
    g = guess(r"\mu_k = \frac{1}{L}\sum_m h_{km}")
    assert g.ranges["m"] == "L"
    assert g.ranges["k"] == "n_k"


def test_a_shape_from_the_reals_and_from_a_size_statement():
    g = guess(r"X \in \mathbb{R}^{N \times D}, \quad w \in \mathbb{R}^{D}", r"y_n = X_{nd} w_d")
    assert g.shapes["X"] == ("N", "D")
    assert g.shapes["w"] == ("D",)
    assert g.ranges["n"] == "N"
    assert g.ranges["d"] == "D"
    h = guess(r"\hat{h} = \frac{h - \mu}{\sigma} \quad \text{size } N \times L", r"z_{ij} = h_{ij}")
    assert h.shapes["hhat"] == ("N", "L")
    assert {"N", "L"} <= set(h.sizes)


def test_labels_squares_accents_and_the_kronecker_delta():
    g = guess(
        r"\mu_B = \frac{1}{m}\sum_{i=1}^{m} x_i",
        r"\sigma^2_B = \frac{1}{m}\sum_{i=1}^{m} (x_i - \mu_B)^2",
        r"\hat{x}_i = \frac{x_i - \mu_B}{\sqrt{\sigma^2_B + \epsilon}}",
        r"\frac{\partial \hat{x}_i}{\partial x_j} = \delta_{ij} - \frac{1}{m}",
    )
    assert g.tensors["mu_B"].spellings == [r"\mu_{B}"]
    assert g.tensors["sigma2_B"].defined
    assert g.tensors["xhat"].spellings == [r"\hat{x}"]
    assert "delta" not in g.tensors  # δ with two index letters is the Kronecker delta
    assert not g.tensors["epsilon"].axes
    assert g.ranges["i"] == g.ranges["j"] == "m"


def test_a_definition_without_letters_takes_the_free_letters_of_its_right_side():
    g = guess(r"u = h_{kl} - \mu_l", r"v = \sum_p h_{pl}", r"s_{ij} = q_{ij}", r"q = \mu_l")
    assert g.tensors["u"].defined
    assert [sorted(a) for a in g.tensors["u"].axes] == [["k"], ["l"]]
    assert [sorted(a) for a in g.tensors["v"].axes] == [["l"]]  # p is summed
    assert g.tensors["q"].left
    assert not g.tensors["q"].defined  # q has two axes: not read


def test_the_loss_is_the_scalar_in_the_numerators():
    g = guess(
        r"y_i = 2 x_i",
        r"\frac{\partial \mathcal{L}}{\partial x_i} = 2 \frac{\partial \mathcal{L}}{\partial y_i}",
    )
    loss = g.tensors["L"]
    assert loss.numerator
    assert not loss.defined
    assert not loss.axes
    assert g.tensors["y"].denominator
    assert g.tensors["y"].defined


def test_a_square_off_the_left_of_a_definition_is_the_square_of_the_name():
    g = guess(r"r = \sqrt{\frac{1}{H}\sum_{h=1}^{H} x_h^2}", r"y_h = \frac{x_h}{r}")
    assert "x2" not in g.tensors  # x_h^2 is x_h squared, not a name of its own
    assert g.tensors["x"].spellings == ["x"]
    assert g.ranges["h"] == "H"


def test_an_input_written_at_step_zero_counts_positions_from_zero():
    """x^0 or x_0 of an input: the sequence starts at 0; h_0 of a defined h does not say so."""
    at_zero = (r"z^t = p z^{t-1} + x^t", r"z^0 = x^0", r"J = \sum_{t=0}^{T} z^t")
    assert guess(*at_zero).from_zero
    assert guess(r"h_t = w h_{t-1} + x_t", r"h_0 = 0", r"J = \sum_{t=1}^{T} h_t").from_zero is False


def test_a_name_differentiated_by_itself_is_no_numerator():
    """∂v/∂v = 1 (the product rule written out) does not make v a loss-like numerator."""
    g = guess(
        r"a^t = v h^{t-1}",
        r"\frac{\partial a^t}{\partial v} = \frac{\partial v}{\partial v} h^{t-1}",
    )
    assert g.tensors["v"].denominator
    assert not g.tensors["v"].numerator
