"""derivations/conv1d.toml, a 1-D convolution with stride 2 and padding 1: every claim is
proved, and the slips people make in its backward pass (the kernel flipped, the stride
forgotten, the padding off by one, an output position left out at the edge) are refuted
with a counterexample, never proved. The `padding` key of [derivation], and a convolution
of stride 1 whose input gradient is written as the full convolution with the flipped
kernel."""

from __future__ import annotations

import pytest
from paths import ROOT

import symbn
from symbn.errors import InputError
from symbn.language import model
from symbn.source import toml
from symbn.verify import concrete
from symbn.verify.status import Status

CONV = ROOT / "derivations" / "conv1d.toml"
TEXT = CONV.read_text(encoding="utf-8")
DX = "sum(g[m, e, j] * diff(y[m, e, j], x[n, c, p]), m, e, j)"
DW = "sum(g[m, e, j] * diff(y[m, e, j], w[f, c, q]), m, e, j)"


def with_claims(text: str, claims: dict[str, tuple[str, str]]) -> str:
    """`text` without its [layer] table and with one more claim per entry."""
    head = text.split("\n[layer]", maxsplit=1)[0]
    return head + "".join(
        f'\n[[claim]]\nname = "{name}"\nlhs = "{lhs}"\nrhs = "{rhs}"\n'
        for name, (lhs, rhs) in claims.items()
    )


def test_every_claim_of_the_convolution_is_proved():
    report = symbn.load(CONV).verify()
    assert {r.name: r.status for r in report.verdicts} == {
        "dx": Status.PROVED,
        "dw": Status.PROVED,
        "db": Status.PROVED,
    }


#: slips in the backward pass of the stride-2, padding-1 convolution
SLIPS = {
    # w[f, c, k] with k = p - 2(i - 1) + 1 read from the other end of the kernel
    "dx_kernel_flipped": (DX, "sum(g[n, f, i] * w[f, c, K - p + 2*(i - 1)], f, i)"),
    "dx_stride_forgotten": (DX, "sum(g[n, f, i] * w[f, c, p - (i - 1) + 1], f, i)"),
    "dx_padding_short": (DX, "sum(g[n, f, i] * w[f, c, p - 2*(i - 1)], f, i)"),
    "dx_padding_long": (DX, "sum(g[n, f, i] * w[f, c, p - 2*(i - 1) + 2], f, i)"),
    "dw_stride_forgotten": (DW, "sum(g[n, f, i] * x[n, c, (i - 1) + q - 1], n, i)"),
    "dw_padding_short": (DW, "sum(g[n, f, i] * x[n, c, 2*(i - 1) + q], n, i)"),
    # wrong only at the edges: the last output position, the first input position
    "dx_last_output_left_out": (
        DX,
        "sum(g[n, f, i] * w[f, c, p - 2*(i - 1) + 1], f, i, i < O)",
    ),
    "dx_first_input_left_out": (
        DX,
        "If(p >= 2) * sum(g[n, f, i] * w[f, c, p - 2*(i - 1) + 1], f, i)",
    ),
}


@pytest.fixture(scope="module")
def slips():
    report = symbn.loads(with_claims(TEXT, SLIPS), "conv1d_slips.toml").verify()
    return {r.name: r for r in report.verdicts}


@pytest.mark.parametrize("name", list(SLIPS))
def test_each_slip_is_refuted_with_a_counterexample(slips, name):
    result = slips[name]
    assert result.status == Status.REFUTED, (name, result.status, result.reason)
    assert result.counterexample is not None


def test_the_mended_claims_among_the_slips_stay_proved(slips):
    assert slips["dx"].status == Status.PROVED
    assert slips["dw"].status == Status.PROVED


def test_the_concrete_check_samples_a_kernel_wider_than_its_input():
    m = model.build(toml.load(CONV))
    plans = concrete.size_plan(m, {}, edges=True)
    named = [{str(s): v for s, v in plan.items()} for plan in plans]
    assert any(p["K"] > p["L"] for p in named)
    assert any(p["L"] == 1 for p in named)
    assert any(p["O"] >= 3 for p in named)
    assert len(concrete.size_plan(m, {})) < len(plans)


PADDING = '"""\npadding = "zero"\n'


def test_padding_valid_refuses_a_read_below_the_axis():
    text = TEXT.replace(PADDING, '"""\npadding = "valid"\n')
    with pytest.raises(InputError) as info:
        symbn.loads(text, "valid.toml")
    assert 'padding = "valid", but x[n, c, 2*i + k - 3] reads below its axis' in str(info.value)
    assert info.value.where.line == TEXT[: TEXT.index("expr = ")].count("\n") + 1


def test_padding_valid_accepts_reads_from_the_first_position():
    text = TEXT.replace(PADDING, '"""\npadding = "valid"\n').replace(
        "2*(i - 1) + k - 1]", "2*(i - 1) + k]"
    )
    assert symbn.loads(text.split("\n[[claim]]")[0] + '\n[[claim]]\nname = "a"\nlhs = "1"\n')


def test_padding_takes_zero_or_valid_only():
    with pytest.raises(InputError, match='padding must be "zero" or "valid"') as info:
        symbn.loads(TEXT.replace(PADDING, '"""\npadding = "same"\n'), "same.toml")
    assert info.value.where.line == 13


STRIDE_ONE = """
[derivation]
title = "A convolution of stride 1 and padding 1"

[sizes]
L = "input length"
K = "kernel taps"
O = "output length"

[indices]
p = "L"
k = "K"
i = "O"
j = "O"

[inputs]
x = { shape = ["L"] }
w = { shape = ["K"] }
g = { shape = ["O"] }

[[define]]
name = "y"
index = ["i"]
expr = "sum(w[k] * x[i + k - 2], k)"

[[claim]]
name = "dx_full_flipped"
lhs = "sum(g[j] * diff(y[j], x[p]), j)"
rhs = "sum(w[K - k + 1] * g[p + k - K + 1], k)"

[[claim]]
name = "dx_full_not_flipped"
lhs = "sum(g[j] * diff(y[j], x[p]), j)"
rhs = "sum(w[k] * g[p + k - K + 1], k)"
"""


def test_the_full_convolution_with_the_flipped_kernel_is_proved_and_unflipped_refuted():
    report = symbn.loads(STRIDE_ONE, "stride1.toml").verify()
    status = {r.name: r.status for r in report.verdicts}
    assert status == {"dx_full_flipped": Status.PROVED, "dx_full_not_flipped": Status.REFUTED}
