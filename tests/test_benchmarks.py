"""benchmarks/numpy_speed.py: every implementation it times computes the same thing.

Tiny sizes only and no timing assertions (speed is measured by the benchmark, never asserted
here).  The hand-written code is checked against central differences, the others against it;
the torch parts are skipped when torch is absent, the generated parts when
generated/batchnorm_core.py is.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from paths import benchmark

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture(scope="module")
def bench():
    """The benchmark script and the modules beside it (benchmarks/ is not a package), their
    public names in one namespace."""
    if str(BENCHMARKS) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS))
    module = benchmark("numpy_speed")
    parts = [importlib.import_module(n) for n in ("baselines", "agreement", "timing")]
    return SimpleNamespace(
        **{k: v for m in (*parts, module) for k, v in vars(m).items() if not k.startswith("_")}
    )


@pytest.fixture(scope="module")
def generated(bench):
    """The generated module behind the benchmark's adapter, or a skip when it is absent."""
    gen, note = bench.load_generated(bench.DEFAULT_GENERATED)
    if gen is None:
        pytest.skip(note)
    return gen


def central_difference(f, x: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """d f / d x entry by entry, f a scalar function of the array x (changed in place)."""
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        keep = x[idx]
        x[idx] = keep + eps
        up = f()
        x[idx] = keep - eps
        down = f()
        x[idx] = keep
        grad[idx] = (up - down) / (2 * eps)
    return grad


def test_hand_backward_is_the_gradient_of_the_hand_forward(bench):
    data = bench.make_bn_inputs(6, 3, np.float64, seed=3)
    h, gamma, beta, dy, delta = (data[k] for k in ("h", "gamma", "beta", "dy", "delta"))

    def loss():
        return float(np.sum(dy * bench.bn_forward_hand(h, gamma, beta, delta)[0]))

    _, hhat, _, var = bench.bn_forward_hand(h, gamma, beta, delta)
    dh, dgamma, dbeta = bench.bn_backward_hand(dy, hhat, var, gamma, delta)
    np.testing.assert_allclose(dh, central_difference(loss, h), rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(dgamma, central_difference(loss, gamma), rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(dbeta, central_difference(loss, beta), rtol=1e-6, atol=1e-8)


def test_hand_forward_normalises_each_column(bench):
    data = bench.make_bn_inputs(50, 4, np.float64, seed=4)
    y, hhat, mu, var = bench.bn_forward_hand(data["h"], data["gamma"], data["beta"], 0.0)
    np.testing.assert_allclose(mu, data["h"].mean(axis=0))
    np.testing.assert_allclose(var, data["h"].var(axis=0))
    np.testing.assert_allclose(hhat.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(hhat.std(axis=0), 1)
    np.testing.assert_allclose(y, hhat * data["gamma"] + data["beta"])


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_staged_agrees_with_hand(bench, dtype):
    data = bench.make_bn_inputs(40, 5, dtype, seed=5)
    h, gamma, beta, dy, delta = (data[k] for k in ("h", "gamma", "beta", "dy", "delta"))
    y, hhat, _, var = bench.bn_forward_hand(h, gamma, beta, delta)
    y_s, cache = bench.bn_forward_staged(h, gamma, beta, delta)
    rtol = bench.tolerance(dtype)
    assert bench.agree(y_s, y, rtol, bench.max_abs(y))
    staged = bench.bn_backward_staged(dy, cache)
    for got, want in zip(staged, bench.bn_backward_hand(dy, hhat, var, gamma, delta), strict=True):
        assert got.dtype == dtype
        assert bench.agree(got, want, rtol, bench.max_abs(want))


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_torch_agrees_with_hand(bench, dtype):
    torch = pytest.importorskip("torch")
    data = bench.make_bn_inputs(40, 5, dtype, seed=6)
    h, gamma, beta, dy, delta = (data[k] for k in ("h", "gamma", "beta", "dy", "delta"))
    y, hhat, mu, var = bench.bn_forward_hand(h, gamma, beta, delta)
    th, tg, tb, tdy = (torch.from_numpy(a) for a in (h, gamma, beta, dy))
    ty, tmean, tinv = bench.bn_forward_torch(th, tg, tb, delta)
    rtol = bench.tolerance(dtype)
    assert bench.agree(ty, y, rtol, bench.max_abs(y))
    assert bench.agree(tmean, mu, rtol, bench.max_abs(mu))
    got = bench.bn_backward_torch(tdy, th, tg, tmean, tinv, delta=delta)
    for g, want in zip(got, bench.bn_backward_hand(dy, hhat, var, gamma, delta), strict=True):
        assert bench.agree(g, want, rtol, bench.max_abs(want))


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_check_bn_passes_the_baselines(bench, dtype):
    assert bench.check_bn(bench.make_bn_inputs(64, 7, dtype, seed=7), None) == []


def test_check_reports_a_wrong_output(bench):
    data = bench.make_bn_inputs(30, 4, np.float64, seed=8)
    fwd, bwd, ref_fwd, ref_bwd = bench.bn_outputs(data, None)
    dh, dgamma, dbeta = bwd["hand"]
    bwd["broken"] = (dh * (1 + 1e-6), dgamma, dbeta)
    failures = bench.check("BN backward", bwd, ("dh", "dgamma", "dbeta"), ref_bwd, 1e-9)
    assert len(failures) == 1
    assert "broken dh" in failures[0]
    assert (
        bench.dtype_failures(
            "BN forward", {"x": (ref_fwd[0].astype(np.float32),)}, ("y",), np.float64
        )
        != []
    )
    assert bench.check("BN forward", fwd, ("y", "hhat", "mu", "var"), ref_fwd, 1e-9) == []


def test_hand_layer_is_the_gradient_of_the_hand_layer(bench):
    data = bench.make_layer_inputs(6, 3, 4, np.float64, seed=9)
    inputs = bench.layer_inputs(data)
    da = data["da"]

    def loss():
        return float(np.sum(da * bench.hand_layer_forward_call(inputs)[0]))

    _, cache = bench.hand_layer_forward_call(inputs)
    grads = bench.layer_backward_hand(da, cache)
    for name in ("X", "W", "b", "gamma", "beta"):
        np.testing.assert_allclose(
            grads[name], central_difference(loss, inputs[name]), rtol=1e-5, atol=1e-7, err_msg=name
        )


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_generated_agrees_with_the_baselines(bench, generated, dtype):
    assert bench.check_bn(bench.make_bn_inputs(64, 7, dtype, seed=10), generated) == []
    if generated.has_layer:
        assert bench.check_layer(bench.make_layer_inputs(32, 5, 6, dtype, seed=11), generated) == []


def test_generated_is_the_fused_forward_and_backward(bench, generated):
    """The generated code timed is forward/backward of generated/batchnorm_core.py, and
    the adapter hands the checks what those return."""
    assert generated.path.name == "batchnorm_core.py"
    data = bench.make_bn_inputs(16, 3, np.float64, seed=12)
    h, gamma, beta, dy, delta = (data[k] for k in ("h", "gamma", "beta", "dy", "delta"))
    y, cache = generated.module.forward(h, gamma, beta, delta)
    y_a, hhat_a, _, var_a = generated.bn_forward(h, gamma, beta, delta)
    np.testing.assert_array_equal(y_a, y)
    np.testing.assert_array_equal(hhat_a, cache["hhat"])
    np.testing.assert_array_equal(var_a, cache["var"])
    grads = generated.module.backward(dy, cache)
    for got, name in zip(generated.bn_backward(dy, cache), ("h", "gamma", "beta"), strict=True):
        np.testing.assert_array_equal(got, grads[name])


def test_time_cases_interleaves_with_a_rotating_start(bench):
    calls = []
    cases = [bench.Case(name, lambda name=name: calls.append(name)) for name in "ABC"]
    samples = bench.time_cases(cases, warmup=1, repeats=4)
    assert calls == list("ABCABCBCACABABC")
    assert {k: len(v) for k, v in samples.items()} == {"A": 4, "B": 4, "C": 4}


def test_quick_run_without_a_generated_module(bench, tmp_path, capsys):
    status = bench.main(
        ["--quick", "--repeats", "1", "--warmup", "0", "--generated", str(tmp_path / "absent.py")]
    )
    out = capsys.readouterr().out
    assert status == 0
    assert "no generated module at" in out
    # two Markdown tables (medians, ratios), one row per shape in each
    assert out.count("| float64 |") == 4
    assert out.count("| float32 |") == 4


def test_hand_attention_backward_is_the_gradient_of_the_hand_forward(bench):
    data = bench.make_attention_inputs(5, 3, np.float64, seed=3)
    q, k, v, do = (data[x] for x in ("Q", "K", "V", "dO"))

    def loss():
        return float(np.sum(do * bench.attention_forward_hand(q, k, v)[0]))

    _, p = bench.attention_forward_hand(q, k, v)
    for got, x in zip(bench.attention_backward_hand(do, p, q, k, v), (q, k, v), strict=True):
        np.testing.assert_allclose(got, central_difference(loss, x), rtol=1e-6, atol=1e-8)


def test_attention_speed_checks_the_generated_backward_first(bench, repo_root, tmp_path):
    assert "gen/hand" in bench.attention_speed.run(16, 4, ("float64",), 0, 1)[1]
    wrong = (
        (repo_root / "generated" / "attention.py")
        .read_text()
        .replace("grad_V = P.T @ dO", "grad_V = 2 * (P.T @ dO)")
    )
    assert wrong.count("grad_V = 2 * (P.T @ dO)") == 1
    (tmp_path / "attention.py").write_text(wrong)
    with pytest.raises(AssertionError, match="grad V differs"):
        bench.attention_speed.run(16, 4, ("float64",), 0, 1, path=tmp_path / "attention.py")


def test_xent_speed_checks_the_generated_gradient_first(bench, repo_root, tmp_path):
    assert "gen/hand" in bench.xent_speed.run(16, 5, ("float64",), 0, 1)[1]
    wrong = (repo_root / "generated" / "softmax_xent_labels.py").read_text()
    wrong = wrong.replace(
        "grad_Z[np.arange(N), y] -= dloss / N", "grad_Z[np.arange(N), y] -= dloss"
    )
    (tmp_path / "xent.py").write_text(wrong)
    with pytest.raises(AssertionError, match="grad"):
        bench.xent_speed.run(16, 5, ("float64",), 0, 1, path=tmp_path / "xent.py")


def test_hand_convolution_is_torchs_and_conv_speed_checks_the_generated_first(tmp_path):
    conv = benchmark("conv_speed")
    rng = np.random.default_rng(5)
    x, w, b = rng.standard_normal((2, 3, 7)), rng.standard_normal((4, 3, 3)), np.ones(4)
    y, cache = conv.conv_forward_hand(x, w, b)
    g = rng.standard_normal(y.shape)
    grads = conv.conv_backward_hand(g, cache)
    torch = pytest.importorskip("torch")
    tx, tw, tb = (torch.tensor(a, requires_grad=True) for a in (x, w, b))
    ty = torch.nn.functional.conv1d(tx, tw, tb, stride=2, padding=1)
    ty.backward(torch.tensor(g))
    np.testing.assert_allclose(y, ty.detach().numpy(), atol=1e-12)
    for name, t in (("x", tx), ("w", tw), ("b", tb)):
        np.testing.assert_allclose(grads[name], t.grad.numpy(), atol=1e-12)
    sizes = {"N": 2, "C": 3, "F": 2, "L": 9, "K": 3}
    assert "gen/hand" in conv.run(sizes, 0, 1)[1]
    wrong = conv.GENERATED.read_text().replace("grad_b = ", "grad_b = 2 * ")
    (tmp_path / "conv1d.py").write_text(wrong)
    with pytest.raises(AssertionError, match="grad b differs"):
        conv.run(sizes, 0, 1, path=tmp_path / "conv1d.py")


@pytest.fixture(scope="module")
def depth():
    """benchmarks/depth.py imported as a module."""
    return benchmark("depth")


@pytest.mark.parametrize("style", ["split", "inlined", "shared", "letters"])
def test_depth_two_in_every_style_is_proved_and_its_slip_refuted(depth, tmp_path, style):
    """The benchmark's k = 2 derivation in each style, verified by the whole process as it
    times it."""
    true, slip = tmp_path / "two.toml", tmp_path / "slip.toml"
    true.write_text(depth.derivation(2, style=style), encoding="utf-8")
    slip.write_text(depth.derivation(2, slip=True, style=style), encoding="utf-8")
    assert "(N - 1)" in slip.read_text()
    assert "(N - 1)" not in true.read_text()
    assert (true.read_text() == depth.derivation(2)) == (style == "split")
    assert depth.verify(true, 60.0)[1] == "proved"
    assert depth.verify(slip, 60.0)[1] == "refuted"


def test_depth_verdicts_read_the_summary(depth):
    assert depth.verdict("  9 claims: 9 proved (1.2 s)") == "proved"
    assert depth.verdict("  9 claims: 7 proved, 2 refuted (8.4 s)") == "refuted"
    assert depth.verdict("  9 claims: 8 proved, 1 unknown (300 s)") == "8 proved, 1 unknown"


@pytest.fixture(scope="module")
def corpus():
    """benchmarks/corpus.py imported as a module."""
    spec = importlib.util.spec_from_file_location("corpus", BENCHMARKS / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


NOTATIONS = r"""---
title: rows in every container
---

Inline maths is not counted: $$N = 2$$ and $x = 1$, nor a table's stray |$$|.

$$
\begin{aligned}
a &= b + c \\
  &= c + b \\[2pt]
  &= \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}
\end{aligned}
$$

$$\sum_{i=1}^{N} x_i$$

\[ y = \begin{cases} 1 & i = j \\ 0 & \text{otherwise} \end{cases} \]

\begin{eqnarray}
u &=& v \\
\frac{\partial u}{\partial v} &=& 1 \nonumber
\end{eqnarray}

```math
p = q
```

```math r = s```

```python
z = 3
```

<!-- $$ hidden = 1 $$ -->
"""


def test_corpus_counts_rows_in_every_container(corpus, tmp_path):
    """An aligned chain (a matrix's rows not split), a sum without a relation (no row), a
    cases display (one row), a bare eqnarray, math fences of both forms; inline maths, code
    and comments never."""
    doc = tmp_path / "notations.md"
    doc.write_text(NOTATIONS, encoding="utf-8")
    per_display = [len(d.rows) for d in corpus.displays(doc)]
    assert per_display == [3, 0, 1, 2, 1, 1]


NUMBERED = r"""Text
$$ a = b $$ \(1\)

$$
c = d
$$   $(2)$

$$ e = f $$ (3.1)
and in a sentence $$g = h$$ (4) not, nor $$ k = m $$ (x + 1) with words.
"""


def test_corpus_counts_a_display_numbered_after_its_closing_dollars(corpus, tmp_path):
    doc = tmp_path / "numbered.md"
    doc.write_text(NUMBERED, encoding="utf-8")
    assert [len(d.rows) for d in corpus.displays(doc)] == [1, 1, 1]


SCRIPTS = r"""Let <script type="math/tex">a = b</script> hold.

<script type="math/tex; mode=display">
\begin{aligned}
c &= d \\
&= e
\end{aligned}
</script>

Text <script type='math/tex; mode=display'>f = g</script> and

\begin{align\*}
h &= k \\\\
&= m
\end{align\*}
"""


def test_corpus_counts_script_displays_and_kramdown_starred_environments(corpus, tmp_path):
    """MathJax 2's display scripts are displays (its inline scripts are not); a kramdown
    page's `align\\*` is `align*`, its `\\\\` a row break."""
    doc = tmp_path / "scripts.md"
    doc.write_text(SCRIPTS, encoding="utf-8")
    assert [len(d.rows) for d in corpus.displays(doc)] == [2, 1, 2]


PAPER = r"""\newenvironment{eqs}{\begin{align}}{\end{align}}
\newenvironment{quoted}{\begin{quote}}{\end{quote}}
\begin{document}
\begin{eqs}
a &= b \\
c &= d
\end{eqs}
\begin{quoted} e = f \end{quoted}
\end{document}
"""


def test_corpus_counts_the_rows_of_an_environment_the_preamble_defines(corpus, tmp_path):
    doc = tmp_path / "paper.tex"
    doc.write_text(PAPER, encoding="utf-8")
    assert sum(len(d.rows) for d in corpus.displays(doc)) == 2


def test_corpus_notebook_rows_keep_the_file_lines(corpus, tmp_path):
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": ["$$\n", "a = b\n", "$$"]},
        {"cell_type": "code", "metadata": {}, "source": ["x = 1"], "outputs": []},
    ]
    doc = tmp_path / "nb.ipynb"
    doc.write_text(json.dumps({"cells": cells, "nbformat": 4}, indent=1), encoding="utf-8")
    (row,) = [r for d in corpus.displays(doc) for r in d.rows]
    assert doc.read_text().splitlines()[row.start[0] - 1].strip() == '"a = b\\n",'


MEAN = r"""# The mean of a column

$$
\begin{aligned}
\mu_l &= \frac{1}{N}\sum_k h_{kl} \\
\frac{\partial \mu_l}{\partial h_{ij}} &= \frac{1}{N}\Delta_{j,l}
\end{aligned}
$$

A slip, with an inline equation that is no row: $$N = 2$$

$$\frac{\partial \mu_l}{\partial h_{ij}} = \frac{1}{N - 1}\Delta_{j,l}$$
"""
MEAN_SHORT = """[indices]
i = "N"
k = "N"
l = "L"
"""
MEAN_CONTEXT = """# the sizes
[sizes]
N = "rows"
L = "columns"

[indices]
i = "N"
k = "N"
j = "L"
l = "L"
[inputs]
h = { shape = ["N", "L"] }
[defines]
mu = { shape = ["L"], latex = "\\\\mu" }
"""


def test_corpus_table_counts_rows_verdicts_and_context(corpus, tmp_path, capsys):
    """Two documents of our own: one with a context (a definition, a proved row, a refuted
    row) and a short one, one symbn cannot read (a math fence, no context) whose row still
    counts."""
    docs, contexts = tmp_path / "docs", tmp_path / "contexts"
    docs.mkdir()
    contexts.mkdir()
    (docs / "mean.md").write_text(MEAN, encoding="utf-8")
    (contexts / "mean.context.toml").write_text(MEAN_CONTEXT, encoding="utf-8")
    (contexts / "mean.short.toml").write_text(MEAN_SHORT, encoding="utf-8")
    (docs / "fence.md").write_text("# f\n\n```math\nf(x) = g(x)\n```\n", encoding="utf-8")
    assert corpus.main([str(docs), "--contexts", str(contexts), "--timeout", "20"]) == 0
    out = capsys.readouterr().out
    cells = {
        line.split("|")[1].strip(): [c.strip() for c in line.split("|")[2:12]]
        for line in out.splitlines()
        if line.startswith("| ") and line.split("|")[1].strip().endswith(".md")
    }
    # rows, verdict, refuted, defined, context lines
    assert cells["mean.md"][:5] == ["3", "2", "1", "1", "12"]
    assert cells["fence.md"][0] == "1"
    assert cells["fence.md"][4] == "0"
    assert "| **total (2)** | 4 | " in out
    # mean.md's context is 12 lines long; its short one, 4 lines, gets the same verdicts
    assert cells["mean.md"][6:9] == ["2", "1", "4"]
    assert cells["fence.md"][6:9] == ["–", "–", "–"]
    short = max(2, int(cells["mean.md"][9])) + int(cells["fence.md"][9])
    assert f"contexts of at most 10 lines (or none): {short} of 4 " in out
    assert out.count("- refuted: mean.md:") == 1
