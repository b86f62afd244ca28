"""symbn.emit.arrays.windows: elements at moved positions exported as views (shifted,
flipped and strided slices, sliding windows, a transposed strided window through the
dilated array), each generated function compared with the concrete check's loops at sizes
where the windows hang over both ends (a kernel wider than its input included); what has
no view is refused with exit status 2, naming it, never exit 3."""

from __future__ import annotations

import inspect
import json
import random

import arraycode
import numpy as np
import pytest
import sympy as sp
from reports import report_of
from test_cli_process import symbn as run

from symbn.emit.arrays import windows
from symbn.emit.arrays.vectorize import VectorizeError
from symbn.emit.arrays.windows import WindowVectorizer
from symbn.emit.numpy import emitter as npemit
from symbn.language import model
from symbn.language.indices import Index
from symbn.source import toml
from symbn.verify import concrete

HEADER = """
[derivation]
title = "Moved positions"

[sizes]
N = "rows"
L = "input length"
K = "kernel taps"
O = "output length"

[indices]
n = "N"
p = "L"
k = "K"
i = "O"

[inputs]
x = { shape = ["L"] }
w = { shape = ["K"] }
g = { shape = ["O"] }
h = { shape = ["N", "L"] }
"""

#: name -> (index, expression): one definition each
CASES = {
    "shifted": ("p", "x[p - 1]"),
    "flipped": ("k", "w[K - k + 1]"),
    "strided": ("i", "x[2*i]"),
    "last_but_one": ("", "x[L - 1] * w[1]"),
    "window": ("i", "sum(w[k] * x[i + k - 1], k)"),
    "strided_padded": ("i", "sum(w[k] * x[2*(i - 1) + k - 1], k)"),
    "reversed_window": ("p", "sum(w[k] * g[p - k + 1], k)"),
    "transposed_strided": ("p", "sum(g[i] * w[p - 2*(i - 1) + 1], i)"),
    "transposed_stride_three": ("p", "sum(g[i] * w[3*i - p + 1], i)"),
    "rows": ("n, i", "sum(w[k] * h[n, 2*i + k - 2], k)"),
    "window_and_shift": ("i", "sum(w[k] * x[i + k - 1] * g[i - 1], k)"),
}


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    folder = tmp_path_factory.mktemp("windows")
    text = HEADER + "".join(
        f'\n[[define]]\nname = "{name}"\nindex = {json.dumps(idx.split(", ") if idx else [])}'
        f'\nexpr = "{expr}"\n'
        for name, (idx, expr) in CASES.items()
    )
    path = folder / "moved.toml"
    path.write_text(text + '\n[[claim]]\nname = "one"\nlhs = "1"\n', encoding="utf-8")
    m = model.build(toml.load(path))
    module = arraycode.load(npemit.render(report_of(m)), folder / "moved.py")
    return m, module


SIZES = [
    {"N": 2, "L": 5, "K": 3, "O": 4},
    {"N": 1, "L": 1, "K": 3, "O": 2},  # the kernel wider than the input
    {"N": 3, "L": 2, "K": 1, "O": 5},  # more outputs than the input has positions
    {"N": 1, "L": 7, "K": 4, "O": 1},
]


@pytest.mark.parametrize("name", list(CASES))
@pytest.mark.parametrize("at", range(len(SIZES)), ids=[str(s) for s in SIZES])
def test_each_view_agrees_with_the_loops(cases, name, at):
    m, module = cases
    sizes = {s: SIZES[at][str(s)] for s in m.sizes}
    pt = concrete.Point.draw(m, sizes, random.Random(at))
    values = arraycode.arrays(m, pt)
    fn = getattr(module, f"define_{name}")
    named = {**values, **{str(s): v for s, v in sizes.items()}}
    args = {a: named[a] for a in inspect.signature(fn).parameters}
    got = np.asarray(fn(**args))
    ev = concrete.Evaluator(m, pt)
    d = m.definitions[name]
    for idx in np.ndindex(*got.shape):
        want = ev.element(name, tuple(k + 1 for k in idx))
        assert got[idx] == pytest.approx(float(want), abs=1e-12), (name, idx)
    assert got.shape == tuple(sizes[x.size] for x in d.index)


def test_the_transposed_strided_sum_runs_over_the_kernel(cases):
    _, module = cases
    source = inspect.getsource(module.define_transposed_strided)
    assert "_dilate(g, 0, 2)" in source
    assert "_window(x, 0, -1, 2, O, K)" in inspect.getsource(module.define_strided_padded)


def test_window_reads_the_steps_of_a_position():
    i, k = Index("i", sp.Symbol("O")), Index("k", sp.Symbol("K"))
    win = windows.window(2 * i + k - 3)
    assert (win.first, win.step, win.along, win.inner, win.reversed) == (-1, 2, i, k, False)
    win = windows.window(i - k + 1)
    assert (win.step, win.along, win.inner, win.reversed) == (1, i, k, True)


def test_a_position_with_no_view_is_refused():
    i, k = Index("i", sp.Symbol("O")), Index("k", sp.Symbol("K"))
    x = sp.IndexedBase("x", shape=(sp.Symbol("L"),))
    for at in (2 * i + 2 * k, 4 * i + 2 * k - 1, i + k + sp.Symbol("L") * 0 + Index("p", 3)):
        with pytest.raises(VectorizeError, match="has no window view"):
            WindowVectorizer([i, k]).term(x[at])
    with pytest.raises(VectorizeError, match="delta"):
        WindowVectorizer([i, k]).term(sp.KroneckerDelta(i, k + 1))


def test_the_cli_refuses_what_has_no_view_with_exit_2(tmp_path):
    text = (
        HEADER + '\n[[define]]\nname = "z"\nindex = ["i"]\nexpr = "sum(w[k] * x[2*i + 2*k], k)"\n'
    )
    text += '\n[[claim]]\nname = "one"\nlhs = "1"\n'
    path = tmp_path / "noview.toml"
    path.write_text(text, encoding="utf-8")
    out = run("numpy", str(path))
    assert out.returncode == 2, out.stderr
    assert "cannot export define_z: the position 2*i + 2*k moves by more than one index" in (
        out.stderr
    )


def test_a_sum_over_a_delta_of_a_moved_position_is_refused_not_summed_out(tmp_path):
    """sum_p Delta(p, r + 1) is [r + 1 <= L], not 1: the export refuses it rather than
    substitute p = r + 1, which would be wrong at the last position."""
    text = HEADER.replace('p = "L"', 'p = "L"\nr = "L"')
    text += '\n[[define]]\nname = "z"\nindex = ["r"]\n'
    text += 'expr = "sum(Delta(p, r + 1), p) * x[r]"\n'
    text += '\n[[claim]]\nname = "one"\nlhs = "1"\n'
    path = tmp_path / "delta.toml"
    path.write_text(text, encoding="utf-8")
    out = run("numpy", str(path))
    assert out.returncode == 2, out.stderr
    assert "the delta KroneckerDelta(p, r + 1) of a moved position has no array form" in (
        out.stderr
    )
