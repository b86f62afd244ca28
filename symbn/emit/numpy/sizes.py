"""The sizes an exported function computes itself: those its outputs need and no parameter
gives, from the positions they read (a convolution's output length, `arrays.extent`)."""

from __future__ import annotations

from symbn.emit.arrays import extent
from symbn.emit.arrays.kernel import Output
from symbn.emit.arrays.statements import Assign, Statement
from symbn.emit.arrays.vectorize import VectorizeError
from symbn.emit.numpy.argcheck import Param
from symbn.language import indices
from symbn.language.model import Model


def unbound(model: Model, params: list[Param], outputs: list[Output]) -> list[Statement]:
    """The sizes that `outputs` need and no parameter gives, computed from the positions
    they read (a convolution's output length, `arrays.extent`)."""
    known = {s for p in params for s in ((p.name,) if p.shape is None else p.shape)}
    needed = {i.size for o in outputs for i in (*o.axes, *indices.atoms(o.expr))}
    needed |= {s for o in outputs for s in o.expr.free_symbols if s in model.sizes}
    missing = [s for s in model.sizes if s in needed and str(s) not in known]
    if not missing:
        return []
    bodies = [o.expr for o in outputs]
    return extent.computed(bodies, missing, known, model.spec.padding)


def lengths(model: Model, params: list[Param], outputs: list[Output]) -> list[str]:
    """The docstring's note on the sizes `unbound` computes (none when it cannot)."""
    try:
        sized = [x for x in unbound(model, params, outputs) if isinstance(x, Assign)]
    except VectorizeError:
        return []  # `function` says why
    said = ", ".join(f"{x.target} = {x.value}" for x in sized)
    padding = model.spec.padding
    return [f"Computed from the positions read ({padding} padding): {said}."] if said else []
