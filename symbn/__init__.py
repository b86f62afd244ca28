"""symbn: a symbolic verifier for hand-written backprop derivations.

import symbn
d = symbn.load("derivations/batchnorm_core.toml")
report = d.verify(timeout=30)
report.ok, [c.status for c in report.claims]
report["dm"], symbn.latex(report, format="md"), symbn.numpy(report, module=True)
symbn.torch(report, module=True).layer, symbn.jax(report, module=True).layer
symbn.check("notes.md", context="notes.context.toml").findings
[r.verdicts for r in symbn.verify_files([("a.toml", None), ("b.toml", None)], jobs=2)]
"""

__version__ = "0.2.0"

from symbn.api import (
    ClaimReport,
    Derivation,
    Document,
    Report,
    check,
    jax,
    latex,
    load,
    loads,
    numpy,
    torch,
    verify_files,
)
from symbn.errors import InputError, InternalError, RefusedError, SymbnError

__all__ = [
    "ClaimReport",
    "Derivation",
    "Document",
    "InputError",
    "InternalError",
    "RefusedError",
    "Report",
    "SymbnError",
    "__version__",
    "check",
    "jax",
    "latex",
    "load",
    "loads",
    "numpy",
    "torch",
    "verify_files",
]
