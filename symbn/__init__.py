"""symbn: a symbolic verifier for hand-written backprop derivations.

    import symbn
    d = symbn.load("derivations/batchnorm_core.toml")
    report = d.verify(timeout=30)
    report.ok, [c.status for c in report.claims]
    symbn.latex(report, format="md"), symbn.numpy(report)
"""

__version__ = "0.2.0"

from symbn.api import ClaimReport, Derivation, Report, latex, load, loads, numpy
from symbn.errors import InputError, InternalError, RefusedError, SymbnError

__all__ = ["ClaimReport", "Derivation", "InputError", "InternalError", "RefusedError", "Report",
           "SymbnError", "__version__", "latex", "load", "loads", "numpy"]
