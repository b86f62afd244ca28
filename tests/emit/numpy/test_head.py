"""The head of a generated NumPy module (`symbn.emit.numpy.head`): its docstring names the
source file and the command that regenerates it, and only the helper functions a body calls
are written, with the standard-library modules they import."""

from __future__ import annotations

from types import SimpleNamespace

from headers import header as toml_header

from symbn.emit.numpy.head import header, helpers

BODY_WITH_ERF = SimpleNamespace(body=("    y = _erf(x)",))
BODY_WITHOUT = SimpleNamespace(body=("    y = np.exp(x)",))


def test_a_helper_is_written_only_when_a_body_calls_it():
    imports, written = helpers([BODY_WITHOUT, BODY_WITH_ERF])
    assert imports == ["math"]
    assert [h[0] for h in written] == ["def _erf(x):"]
    assert helpers([BODY_WITHOUT]) == ([], [])


def test_the_header_names_the_file_and_the_command_that_regenerates_it(build_model):
    text = toml_header("A mean", 'h = { shape = ["N", "L"] }')
    claim = '[[claim]]\nname = "c"\nlhs = "h[i, j]"\nrhs = "h[i, j]"\n'
    m = build_model(text + claim, "mean.toml")
    text = "\n".join(header(m))
    assert text.startswith('"""A mean.')
    assert "do not edit, regenerate with" in text
    assert "from mean.toml" in text
    assert "-o mean.py`" in " ".join(text.split())  # wherever the path's length wraps it
    assert "forward/backward" not in text  # no [layer] table
