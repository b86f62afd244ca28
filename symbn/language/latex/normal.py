"""The standard normal distribution's CDF Φ and density φ, as documents write them where
the prose says so (`\\Phi(x)`, "the standard normal CDF"; GELU(x) = x Φ(x)).

They are no functions of the expression language: each is read as what it is through the
language's own, Φ(x) = (1 + erf(x/√2))/2 and φ(x) = exp(−x²/2)/√(2π), so that Φ' = φ and
φ'(x) = −x φ(x) follow from the rules of erf and exp, and a claim prints in the language.
"""

from __future__ import annotations

#: The functions a document's spelling may name here, and their expansion at `{x}` (an
#: atom or in parentheses) in the expression language.
EXPANDED = {
    "normcdf": "(1 + erf({x}/sqrt(2)))/2",
    "normpdf": "exp(-{x}**2/2)/sqrt(2*pi)",
}
#: Their derivatives, likewise.
DERIVATIVES = {
    "normcdf": EXPANDED["normpdf"],
    "normpdf": "-{x}*exp(-{x}**2/2)/sqrt(2*pi)",
}

#: What the prose says of Φ (or of GELU, which is x Φ(x)) for `\\Phi(x)` to be the CDF.
CDF_WORDS = (
    "standard normal",
    "standard gaussian",
    "gaussian cdf",
    "normal cdf",
    "cumulative distribution",
    "gaussian cumulative",
    "normal cumulative",
    "gelu",
)
#: What the prose says for `\\phi(x)` to be the density: words of a density, since φ is also
#: a common letter of an activation or a feature map; or Φ read as the CDF beside it.
PDF_WORDS = (
    "gaussian pdf",
    "normal pdf",
    "gaussian density",
    "normal density",
    "probability density",
    "density function",
)
DENSITIES = ("\\phi", "\\varphi")


def density(spelling: str, applied: list[str], prose: str) -> list[str]:
    """`["normpdf"]` when `spelling` is φ written beside a Φ that the prose makes the
    standard normal CDF (`\\Phi(x) + x\\phi(x)`, GELU's derivative), else nothing."""
    cdf = "\\Phi" in applied and any(w in prose for w in CDF_WORDS)
    return ["normpdf"] if spelling in DENSITIES and cdf else []


def expansion(func: str, arg: str) -> str | None:
    """The text of `func(arg)` (or of its derivative, `func'`) in the expression language,
    for the two functions of this module; None for any other."""
    table = DERIVATIVES if func.endswith("'") else EXPANDED
    text = table.get(func.removesuffix("'"))
    return None if text is None else f"({text.format(x=arg)})"
