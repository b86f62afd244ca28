"""A letter that is both the loss and the last layer: `L` standing alone, differentiated
(`\\partial L`, `\\frac{dL}{…}`) and defined (`L = …`), while `[L]` in `a^{[L]}` labels
the last layer. The derivative makes L a quantity, never a size; the layer label in a
script is no use of the loss, so `L = -y \\log a^{[L]}` defines it (no update of L)."""

from __future__ import annotations

from mutated import statuses

from symbn.language.latex.infer import infer
from symbn.source.document.markdown import read_markdown

COUNTED = r"""For each layer $l = 1, \ldots, L$,

$$z^{[l]} = W^{[l]} a^{[l-1]} + b^{[l]}$$

$$a^{[l]} = \sigma(z^{[l]})$$

where $\sigma$ is the sigmoid. The loss is

$$L = \frac{1}{2}(a^{[L]} - y)^2$$

$$\frac{\partial L}{\partial a^{[L]}} = a^{[L]} - y$$
"""

LAST = r"""The output of the last layer, with $\sigma$ the sigmoid, is

$$a^{[L]} = \sigma(z^{[L]})$$

and the loss is

$$L = \frac{1}{2}(a^{[L]} - y)^2$$

$$\frac{\partial L}{\partial a^{[L]}} = a^{[L]} - y$$

$$\frac{dL}{dz^{[L]}} = (a^{[L]} - y)\, a^{[L]} (1 - a^{[L]})$$

$$\frac{dL}{dz^{[L]}} = (a^{[L]} - y)\, (1 - a^{[L]})$$
"""

ENTROPY = r"""With $\sigma$ the sigmoid, $a^{(L)} = \sigma(z^{(L)})$ and

$$L = -(y \log a^{(L)} + (1 - y) \log(1 - a^{(L)}))$$

$$\frac{\partial L}{\partial z^{(L)}} = a^{(L)} - y$$

$$\frac{\partial L}{\partial z^{(L)}} = y - a^{(L)}$$
"""


def test_a_differentiated_letter_is_no_size_though_the_layers_count_up_to_it():
    g = infer(read_markdown(COUNTED, "doc.md"))
    assert "L" not in g.sizes
    assert g.tensors["L"].defined


def test_the_loss_of_the_last_layer_is_never_refuted_as_a_size():
    found = statuses(COUNTED)
    assert "refuted" not in found[9]  # read as a size, L = ½(a − y)² was refuted
    assert "refuted" not in found.get(11, [])


def test_the_layer_label_in_a_script_is_no_update_of_the_loss():
    g = infer(read_markdown(LAST, "doc.md"))
    assert g.tensors["L"].defined
    found = statuses(LAST)
    assert found[7] == ["defined"]
    assert found[9] == ["proved"]
    assert found[11] == ["proved"]
    assert found[13] == ["refuted"]  # the σ' factor a(1 - a) with its a dropped


def test_parenthesised_layer_labels_read_the_same():
    found = statuses(ENTROPY)
    assert found[3] == ["defined"]
    assert found[5] == ["proved"]
    assert found[7] == ["refuted"]


def test_a_braced_or_upright_d_derivative_marks_the_loss_too():
    for written in (r"\partial {L}", r"\partial{L}"):
        doc = COUNTED.replace(r"\partial L", written)
        assert "L" not in infer(read_markdown(doc, "doc.md")).sizes
    doc = COUNTED.replace(r"\frac{\partial L}{\partial a^{[L]}}", r"\frac{dL}{da^{[L]}}")
    assert "L" not in infer(read_markdown(doc, "doc.md")).sizes
    doc = COUNTED.replace(
        r"\frac{\partial L}{\partial a^{[L]}}", r"\frac{\partial E}{\partial a^{[L]}}"
    )
    assert "L" not in infer(read_markdown(doc, "doc.md")).sizes  # L = ½(a - y)²: a value


def test_a_count_of_layers_alone_or_set_to_a_number_stays_a_size():
    doc = COUNTED.replace(r"\partial L", r"\partial E").replace("$$L = ", "$$E = ")
    assert "L" in infer(read_markdown(doc, "doc.md")).sizes  # L only counts the layers
    doc = doc.replace("The loss is", "With $L = 3$ layers, the loss is")
    assert "L" in infer(read_markdown(doc, "doc.md")).sizes
