"""The matrix LaTeX that `symbn latex --notation matrix` writes means, read back by
`symbn check`, what it was raised from: a vector is a column on both sides, so `1_N b^T` is
the bias spread over the rows and `G^T 1_N` the column sums, for the writer and the reader.

For each derivation (all of derivations/, and a file of vectors), a Markdown document holds
every definition and every claim that raises, spelled by the emitter, under a context of the
derivation's sizes, indices and tensors. Every line is read; each definition and each claim
side that is not a gradient holds the derivation's index expression at every element (NumPy,
random values), each gradient side is the gradient of the same scalar by the same tensor,
and every claim is proved from the document's own definitions.

The context spells relu and step as the emitter writes them (`\\operatorname{ReLU}`). Two
spellings are changed where the reader does not take the emitter's yet: an elementwise power
`A^{⊙k}` is written `A^{k}` (read elementwise on a matrix), and a name with both a
superscript and a subscript (`\\sigma^2_1`) is renamed (`v_1`)."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from headers import header
from matrices import Values, indexed
from paths import ROOT

import symbn
from symbn.emit.latex import prose
from symbn.emit.latex.forms import Forms
from symbn.emit.matrix import tree
from symbn.emit.matrix.raised import matrix_form
from symbn.errors import Location
from symbn.language import indices
from symbn.source.spec import Text
from symbn.verify.status import Status

GRADIENT = re.compile(r"diff\((\w+), (\w+)\[([\w, ]+)\]\)")


def context(model, names: dict[str, str]) -> str:
    spec = model.spec
    out = ["[sizes]", *(f"{s.name} = {json.dumps(s.name)}" for s in spec.sizes)]
    out += ["", "[indices]", *(f"{i.name} = {json.dumps(i.size)}" for i in spec.indices)]
    out += ["", "[inputs]"]
    for i in spec.inputs:
        extra = (", positive = true" if i.positive else "") + (
            f", simplex = {json.dumps(i.simplex)}" if i.simplex else ""
        )
        latex = json.dumps(names[i.name])
        out.append(f"{i.name} = {{ shape = {json.dumps(list(i.shape))}, latex = {latex}{extra} }}")
    out += ["", "[defines]"]
    for name, d in model.definitions.items():
        shape = json.dumps([str(x.size) for x in d.index])
        out.append(f"{name} = {{ shape = {shape}, latex = {json.dumps(names[name])} }}")
    layer = spec.layer
    if layer is not None:
        out += ["", "[loss]", 'name = "loss"', 'latex = "\\\\mathcal{L}"']
        out += [f"of = {json.dumps(layer.output)}", f"upstream = {json.dumps(layer.upstream)}"]
    return "\n".join(out)


def equations(model):
    """(what, source, the defined name or None, [(index expression, axes)]) of each
    definition and each claim of two sides."""
    for n, d in model.definitions.items():
        yield f"definition {n}", d, n, [(d.body, d.index)]
    for c in model.claims:
        sides = [(e, c.free) for e in (c.lhs, c.rhs) if e is not None]
        if len(sides) == 2:
            yield c.name, c, None, sides


def written(model) -> tuple[str, dict[int, list]]:
    """The document, and by line the (index expression, axes, matrix form) of each side of
    the equation written on it in matrix form (a defined name's: (None, (), its leaf))."""
    names = prose.checked_names(model)
    names = {n: names.get(n, "{" + n + "}") for n in model.bases}
    forms = Forms(model, "matrix", names)
    head = context(model, names)
    lines = ["+++", head, "+++", "", "# Read back"]
    shown = {}
    for what, source, name, sides in equations(model):
        tex = forms.equation(source, what, sides)
        if tex is None:
            continue
        raised = [(e, tuple(axes), matrix_form(e, axes, model)) for e, axes in sides]
        if name is not None:
            tex = [forms.tensor(name), *tex]
            raised = [(None, (), tree.Leaf(name, (tree.ONE, tree.ONE))), *raised]
        lines += ["", "$$", " = ".join(tex), "$$"]
        shown[len(lines) - 1 + head.count("\n")] = raised  # the line of the maths
    return "\n".join(lines) + "\n", shown


def parse(model, src: str):
    return model.parse(Text(src, Location("read back", 1, 1, src)))


def letters(model, lhs: str, axes: tuple) -> tuple:
    """The document's index letters of a line along `axes` (rows then columns): those of
    the tensor on its left side, else its free letters in order of size, then of place."""
    grad = GRADIENT.fullmatch(lhs)
    head = parse(model, f"{grad[2]}[{grad[3]}]" if grad else lhs)
    if head.is_Indexed:
        return tuple(head.indices)
    free = sorted(indices.free(head), key=lambda i: re.search(rf"\b{i.name}\b", lhs).start())
    return tuple(sorted(free, key=lambda i: [a.size for a in axes].index(i.size)))


def holds(model, read: str, side: tuple, at: tuple) -> None:
    """The side read back, at the document's letters `at`, is `side`'s index expression (a
    gradient: of the same scalar by the same tensor; a defined name: that name)."""
    e, axes, node = side
    if e is None:  # a definition's left side: its name
        head = parse(model, read)
        assert (head.base.label.name if head.is_Indexed else read) == node.name, read
        return
    if isinstance(node, tree.Grad):
        grad = GRADIENT.fullmatch(read)
        assert grad is not None, read
        assert (grad[1], grad[2]) == (node.of or "loss", node.wrt), read
        return
    got = parse(model, read)
    for seed in range(2):
        v = Values(model, seed)
        for point in np.ndindex(*[v.sizes[a.size] for a in axes]):
            want = indexed(e, dict(zip(axes, point, strict=True)), v)
            have = indexed(got, dict(zip(at, point, strict=True)), v)
            assert np.isclose(have, want, rtol=1e-9, atol=1e-12), (read, point, have, want)


def defines(*rows: tuple[str, str, str]) -> str:
    return "".join(
        f'\n[[define]]\nname = "{n}"\nindex = {json.dumps(list(i))}\nexpr = "{e}"\n'
        for n, i, e in rows
    )


#: Each way a vector meets a matrix, where a row and a column read differently: a dot
#: product u^T v (v u^T is a matrix), a matrix times a vector G w, a vector times a matrix
#: G^T v (v G does not conform), an outer product v u^T, a bias 1 b^T, row and column sums.
VECTORS = (
    header(
        "Vectors and matrices",
        """
    X = { shape = ["N", "D"] }
    W = { shape = ["D", "C"] }
    G = { shape = ["N", "C"] }
    b = { shape = ["C"] }
    w = { shape = ["C"] }
    v = { shape = ["N"] }
    u = { shape = ["N"] }
    a = { shape = ["D"] }
""",
        sizes={"N": "rows", "D": "features", "C": "classes"},
        indices={"n": "N", "k": "N", "d": "D", "e": "D", "c": "C", "j": "C"},
    )
    + defines(
        ("s", "", "sum(u[n] * v[n], n)"),
        ("q", "n", "sum(G[n, c] * w[c], c)"),
        ("r", "c", "sum(v[n] * G[n, c], n)"),
        ("O", "nd", "v[n] * a[d]"),
        ("Y", "nc", "sum(X[n, d] * W[d, c], d) + b[c]"),
        ("cs", "c", "sum(G[n, c], n)"),
        ("rs", "n", "sum(G[n, c], c)"),
    )
    + """
[[claim]]
name = "two_dots"
lhs = "sum(r[c] * w[c], c)"
rhs = "sum(v[n] * q[n], n)"

[[claim]]
name = "two_sums"
lhs = "sum(cs[c], c)"
rhs = "sum(rs[n], n)"

[[claim]]
name = "outer_rows"
lhs = "sum(O[n, d], n)"
rhs = "sum(v[k], k) * a[d]"

[[claim]]
name = "bias_columns"
lhs = "sum(Y[n, c], n)"
rhs = "sum(sum(X[n, d], n) * W[d, c], d) + N * b[c]"
"""
)


#: every derivation of derivations/ (and VECTORS) -> the number of equations written in
#: matrix form (every definition, and the claims of test_derivations.WHOLE)
DERIVATIONS = [
    pytest.param(None, 11, id="vectors"),
    pytest.param("linear_softmax_matrix", 7, id="linear_softmax_matrix"),
    pytest.param("attention", 10, id="attention"),
    pytest.param("batchnorm_core", 7, id="batchnorm_core"),
    pytest.param("layernorm", 9, id="layernorm"),
    pytest.param("batchnorm", 16, id="batchnorm"),
    pytest.param("mlp2", 30, id="mlp2", marks=pytest.mark.slow),
]


@pytest.mark.parametrize(("name", "count"), DERIVATIONS)
def test_the_matrix_form_reads_back_as_what_it_was_raised_from(name, count, tmp_path):
    if name is None:
        model = symbn.loads(VECTORS, "vectors.toml").model
    else:
        model = symbn.load(ROOT / "derivations" / f"{name}.toml").model
    text, shown = written(model)
    assert len(shown) == count
    path = tmp_path / "read_back.md"
    path.write_text(text)
    doc = symbn.check(str(path))
    assert {f.where.line for f in doc.findings} == set(shown), [str(f) for f in doc.findings]
    assert {f.status for f in doc.findings} <= {Status.PROVED, Status.DEFINED}, [
        str(f) for f in doc.findings if f.status not in (Status.PROVED, Status.DEFINED)
    ]
    read = doc.checked.reading.claims
    assert sorted(c.where.line for c in read) == sorted(shown)
    for c in read:
        lhs, rhs = shown[c.where.line]
        at = letters(model, c.lhs, rhs[1])
        holds(model, c.lhs, lhs, at)
        holds(model, c.rhs, rhs, at)
