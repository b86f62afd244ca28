"""symbn.language.latex.chains: a gradient times the derivatives of its variable, written
in the order of the chain rule, is read as the chain rule's sum over the entries of each
vector it passes through, whatever the layout; a product that is not such a chain, or a
link from one step of a sequence to a tensor written whole, is left unchecked."""

from __future__ import annotations

from paths import ROOT

from symbn.verify.document import check

CONTEXT = (ROOT / "tests" / "markdown" / "mlp_chain_rule.md").read_text(encoding="utf-8") + "\n"


def d(of: str, by: str) -> str:
    return rf"\frac{{\partial {of}}}{{\partial {by}}}"


def statuses(line: str) -> list[tuple[str, str]]:
    doc = CONTEXT + "$$" + line + "$$\n"
    last = doc.count("\n")
    found = check(doc, "doc.md").findings
    return sorted((f.status, f.message) for f in found if f.where.line == last)


def only(line: str) -> str:
    return ",".join(status for status, _ in statuses(line))


def test_a_gradient_times_a_jacobian_is_the_chain_rule():
    assert only(d("L", "z") + " = " + d("L", "h") + " " + d("h", "z")) == "proved"
    assert only(d("L", "z") + " = " + d("L", "h") + r" \cdot " + d("h", "z")) == "proved"
    three = d("L", "y") + " " + d("y", "h") + " " + d("h", "z")
    assert only(d("L", "z") + " = " + three) == "proved"
    assert only(d("L", "x") + " = " + d("L", "z") + " " + d("z", "x")) == "proved"


def test_a_chain_ends_at_a_matrix_or_a_bias():
    assert only(d("L", "W") + " = " + d("L", "z") + " " + d("z", "W")) == "proved"
    assert only(d("L", "b") + " = " + d("L", "z") + " " + d("z", "b")) == "proved"
    assert only(d("L", "W") + " = " + d("L", "z") + " x^T") == "proved"


def test_a_chain_with_a_slip_is_refuted():
    # the chain ends at h, not z; an elementwise derivative with a wrong sign
    assert only(d("L", "z") + " = " + d("L", "y") + " " + d("y", "h")) == "refuted"
    chain = d("L", "z") + " = " + d("L", "h") + " " + d("h", "z")
    assert only(chain + " = " + d("L", "h") + r" \odot (1 - h^2)") == "proved,proved"
    assert "refuted" in only(chain + " = " + d("L", "h") + r" \odot (1 + h^2)")
    assert only(d("L", "W") + " = " + d("L", "h") + " " + d("z", "W")) != "proved"


def test_a_product_that_is_no_chain_is_not_read():
    # the Jacobian is of another vector than the gradient's variable
    ((status, message),) = statuses(d("L", "z") + " = " + d("L", "h") + " " + d("z", "b"))
    assert status == "unchecked"
    assert "not the derivative of that vector (a chain rule)" in message


SEQUENCE = (ROOT / "tests" / "markdown" / "rnn_chain_rule.md").read_text(encoding="utf-8")


def test_a_link_from_one_step_to_a_whole_tensor_is_not_read():
    # ∂z_t/∂c may mean its direct part or the total: the chain is left unchecked
    for by in ("U", "c"):
        line = rf"$${d('J', by)} = \sum_t {d('J', 'z_t')} {d('z_t', by)}$$" + "\n"
        doc = SEQUENCE + "\n" + line
        found = [f for f in check(doc, "doc.md").findings if f.where.line == doc.count("\n")]
        assert [f.status for f in found] == ["unchecked"]
    assert "direct part (the other steps held) or as the total" in found[0].message
