"""The array printers of PyTorch and JAX: the NumPy `Vectorizer` with each call spelled as
that library spells it.

PyTorch: `torch.permute` for a transpose of more than two axes, an einsum without NumPy's
`optimize=` (torch plans the contraction itself), new arrays made on the device of the
arguments (`device`), `.clone()` for a copy, the function table's `torch` spellings, and a
number that a function of the table takes made a tensor first (torch.maximum and torch.sqrt
take tensors only); the square root of a size is `math.sqrt`. JAX: `jax.numpy` as `jnp`,
arrays that are never written into (the kernel plans no in-place update for it), no copies.
"""

from __future__ import annotations

import sympy as sp

from symbn.emit.arrays.arrayrewrite import numeric
from symbn.emit.arrays.buffers import sizes_of
from symbn.emit.arrays.vectorize import ATOM, MUL, Term, Vectorizer, paren
from symbn.emit.arrays.windows import WindowVectorizer
from symbn.language import functions


class TorchVectorizer(WindowVectorizer):
    """Array code for PyTorch; `device` names the device of the arguments."""

    spelling = "torch"
    library = "PyTorch"
    einsum_options = ""
    step_by_sign = False  # torch.sign maps NaN to 0: the table's spelling is as good
    multiply_add = True
    reciprocal_root = "torch.rsqrt"
    index_options = ", device=device"
    cast = ".to({dtype})"

    def __init__(self, order):
        super().__init__(order, np="torch")

    def function(self, name: str) -> str:
        return super().function("permute" if name == "transpose" else name)

    def made(self) -> str:
        return f"dtype={self.dtype}, device=device"

    def copy(self, code: str) -> str:
        return f"{code}.clone()"

    def reverse(self, code: str) -> str:
        return f"{code}.flip(-1)"  # torch slices with positive steps only

    def filled(self, shape: str, code: str) -> str:
        return f"{self.call('zeros', shape, self.made())} + {code}"

    def tensor(self, t: Term) -> Term:
        """A number as a 0-dimensional tensor of the working dtype, on the device."""
        return Term(self.call("as_tensor", t.code, self.made()), ())

    def _print_Function(self, e: sp.Function) -> Term:
        entry = functions.of(e)
        if entry is None:
            return self.emptyPrinter(e)
        ts = [self.term(a) for a in e.args]
        ts = [self.tensor(t) if numeric(a) else t for a, t in zip(e.args, ts, strict=True)]
        return self.apply(entry, *ts)

    def _print_Pow(self, e: sp.Pow) -> Term:
        if e.exp == sp.S.Half and numeric(e.base):  # sqrt(E) of a size: a Python float
            return Term(f"math.sqrt({self.term(e.base).code})", (), ATOM)
        return super()._print_Pow(e)

    def _einsum(self, terms: list[Term], out: tuple) -> str:
        """A product of operands over the same axes summed over some of them is a sum over
        those dims (torch's einsum makes "kj,kj->j" a batched product, measured 4x slower on
        one CPU thread than the product and the sum); other contractions are einsums."""
        axes = terms[0].axes
        kept = [a for a in axes if a in out]
        if (
            all(t.axes == axes for t in terms)
            and tuple(kept) == tuple(out)
            and len(kept) < len(axes)
        ):
            dims = tuple(n for n, a in enumerate(axes) if a not in out)
            product = " * ".join(paren(t, MUL) for t in terms)
            shown = f"({product})" if len(terms) > 1 else paren(terms[0], ATOM)
            # a dead array of the product's shape takes it: no new array (`arrays.buffers`);
            # the shape is known when one factor is a named array laid out along every axis
            known = any(t.code.isidentifier() for t in terms)
            if len(terms) == 2 and known and (spare := self.spare(sizes_of(axes))):
                shown = self.call("mul", *(t.code for t in terms), f"out={spare}")
            return f"{shown}.sum({dims[0] if len(dims) == 1 else dims})"
        return super()._einsum(terms, out)


class JaxVectorizer(WindowVectorizer):
    """Array code for jax.numpy, imported as jnp."""

    spelling = "jax"
    library = "JAX"
    reciprocal_root = "jax.lax.rsqrt"  # jax.numpy has none

    def __init__(self, order):
        super().__init__(order, np="jnp")

    def copy(self, code: str) -> str:
        return code  # a JAX array is never written into


#: The printer of each framework symbn exports a layer to, by the name of its command and
#: template (`emit/frameworks/templates/NAME.py.j2`); `emit.exports` names their files.
PRINTERS: dict[str, type[Vectorizer]] = {"torch": TorchVectorizer, "jax": JaxVectorizer}
