"""`symbn torch`, `symbn jax`, `symbn.torch`/`symbn.jax` and `symbn generate --backends`: a
layer whose gradient claim is not proved is refused as `symbn numpy` refuses it, a file
without a [layer] is bad input, and generate writes the modules and keeps them fresh."""

from __future__ import annotations

import shutil

import pytest
from paths import ROOT

import symbn
from symbn.cli import main

ATTENTION = ROOT / "derivations" / "attention.toml"
PROVED = 'rhs = "sum(dA[i, j] * K[j, e], j) / sqrt(E)"'


@pytest.fixture
def refuted(tmp_path):
    """attention.toml with the gradient of Q off by a factor sqrt(E)."""
    text = ATTENTION.read_text(encoding="utf-8")
    assert PROVED in text
    path = tmp_path / "attention.toml"
    path.write_text(text.replace(PROVED, PROVED.replace("sqrt(E)", "E")), encoding="utf-8")
    return path


@pytest.mark.parametrize("backend", ["torch", "jax"])
def test_an_unproved_gradient_is_refused_as_numpy_refuses_it(refuted, tmp_path, capsys, backend):
    out = tmp_path / "out.py"
    assert main([backend, str(refuted), "-o", str(out)]) == 1
    assert not out.exists()
    err = capsys.readouterr().err
    assert "cannot export the layer: the gradient of 'Q' is claim dL_dQ, which is refuted" in err
    report = symbn.load(refuted).verify()
    with pytest.raises(symbn.RefusedError):
        getattr(symbn, backend)(report)


@pytest.mark.parametrize("backend", ["torch", "jax"])
def test_a_file_without_a_layer_is_bad_input(tmp_path, capsys, backend):
    text = (ROOT / "derivations" / "batchnorm_core.toml").read_text(encoding="utf-8")
    path = tmp_path / "core.toml"
    path.write_text(text[: text.index("[layer]")], encoding="utf-8")
    assert main([backend, str(path)]) == 2
    assert "no [layer] table: only a layer is exported" in capsys.readouterr().err


def test_generate_writes_each_backend_and_check_keeps_it_fresh(tmp_path, capsys):
    src = tmp_path / "derivations"
    src.mkdir()
    shutil.copy(ROOT / "derivations" / "layernorm.toml", src)
    out = tmp_path / "gen"
    assert main(["generate", str(src), "--out", str(out), "--backends", "numpy,torch,jax"]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == [f"layernorm{e}" for e in (".md", ".py", ".tex", "_jax.py", "_torch.py")]
    assert (out / "layernorm_torch.py").read_text() == symbn.torch(
        symbn.load(src / "layernorm.toml").verify()
    )
    assert main(["generate", str(src), "--out", str(out), "--check", "--backends", "jax"]) == 0
    (out / "layernorm_jax.py").write_text("stale\n")
    capsys.readouterr()
    assert main(["generate", str(src), "--out", str(out), "--check", "--backends", "jax"]) == 1
    assert f"stale: {out / 'layernorm_jax.py'}" in capsys.readouterr().err
    # numpy only (the default) leaves the other modules alone: they are no orphans
    assert main(["generate", str(src), "--out", str(out), "--check"]) == 0
    assert main(["generate", str(src), "--out", str(out), "--backends", "numpy,tf"]) == 2
    assert "--backends: 'tf' is not one of numpy, torch, jax" in capsys.readouterr().err
