"""The checks at the top of an exported layer's forward pass in PyTorch or JAX: every array
argument of one floating dtype (a ValueError naming the one that is not), scalars made
0-dimensional arrays of that dtype, shapes checked against the sizes bound so far
(`numpy.argcheck.shape_check`), sizes at least 1; in PyTorch, positive inputs positive,
in eager mode only (JAX cannot branch on a value under jit, nor torch.compile trace a branch
on one into a single graph, so there it is the caller's promise, said in the docstring). The
backward pass binds the sizes it uses from what forward saved.
"""

from __future__ import annotations

from symbn.emit.arrays.statements import Assign, Bind, If, Raise, Statement
from symbn.emit.numpy.argcheck import Param, shape_check

#: per backend: the test that a dtype is not floating, how a scalar becomes an array
FLOATING = {
    "torch": "not dtype.is_floating_point",
    "jax": "not jnp.issubdtype(dtype, jnp.floating)",
}
#: per backend: when the positivity of a positive input is not checked, said in the docstring
UNCHECKED = {
    "torch": "Not checked under torch.compile (a branch on a value breaks its graph)",
    "jax": "Not checked (JAX cannot branch on a value under jit)",
}
SCALAR = {
    "torch": "torch.as_tensor({x}, dtype=dtype, device=device)",
    "jax": "jnp.asarray({x}, dtype=dtype)",
}


def _error(test: str, message: str) -> If:
    return If(test, (Raise(f"ValueError({message})"),))


#: per backend: the test that a label's dtype is not one of whole numbers
WHOLE = {
    "torch": "{x}.dtype.is_floating_point or {x}.dtype.is_complex or {x}.dtype == torch.bool",
    "jax": "not jnp.issubdtype({x}.dtype, jnp.integer)",
}


def prologue(params: list[Param], backend: str) -> list[Statement]:
    """The checks of `params` (the layer's inputs) for `backend` ("torch" or "jax"); a label
    (`Param.label`) holds whole numbers, 0-based, in range (checked in eager PyTorch only)."""
    labelled = [p for p in params if p.label is not None]
    arrays = [p for p in params if p.shape and p.label is None]
    scalars = [p for p in params if p.shape == ()]
    first = arrays[0].name
    body: list[Statement] = [Assign("dtype", f"{first}.dtype")]
    if backend == "torch":
        body.append(Assign("device", f"{first}.device"))
    body.append(
        _error(FLOATING[backend], f'f"expected floating-point arrays, got {{dtype}} for {first}"')
    )
    for p in arrays[1:]:
        body.append(
            _error(
                f"{p.name}.dtype != dtype",
                f'f"{p.name} has dtype {{{p.name}.dtype}}, not {{dtype}} as {first} has"',
            )
        )
    for p in scalars:
        body += [
            Assign(p.name, SCALAR[backend].format(x=p.name)),
            _error(
                f"{p.name}.ndim != 0", f'f"{p.name} must be a scalar, got shape {{{p.name}.shape}}"'
            ),
        ]
    for p in labelled:
        message = f'f"{p.name} must hold whole-number labels, got {{{p.name}.dtype}}"'
        body.append(_error(WHOLE[backend].format(x=p.name), message))
    known: list[str] = []
    for p in params:
        if p.shape:
            body += shape_check(p, known)
    if known:
        body.append(
            _error(
                " or ".join(f"{s} < 1" for s in known),
                'f"every size must be at least 1, got '
                + ", ".join(f"{s} = {{{s}}}" for s in known)
                + '"',
            )
        )
    if backend == "torch":
        for p in labelled:
            x, top = p.name, p.label
            test = (
                f"not torch.compiler.is_compiling() and {x}.numel() > 0 "
                f"and bool({x}.min() < 0 or {x}.max() >= {top})"
            )
            body.append(_error(test, f'f"{x} must hold labels in 0..{{{top} - 1}} (from 0)"'))
        for p in [*scalars, *arrays]:
            if p.positive:
                # torch.compiler.is_compiling() is a constant True when traced: no graph break
                test = f"not torch.compiler.is_compiling() and not torch.all({p.name} > 0)"
                body.append(_error(test, f'"{p.name} must be positive"'))
    return body


def unpack(
    saved: list[str], shapes: dict[str, tuple[str, ...]], up: str, out_shape: tuple, backend: str
) -> list[Statement]:
    """The top of the backward pass: the values forward saved, the upstream gradient `up`
    (dout), the working dtype (and device) and every size bound from their shapes."""
    body: list[Statement] = []
    if saved:
        names = ", ".join(saved) + ("," if len(saved) == 1 else "")
        body.append(Assign(names, "saved"))
    body += [Assign(up, "dout"), Assign("dtype", "dout.dtype")]
    if backend == "torch":
        body.append(Assign("device", "dout.device"))
    known: list[str] = []
    for name, shape in [*((n, shapes[n]) for n in saved), (up, out_shape)]:
        for k, s in enumerate(shape):
            if s not in known:
                body.append(Bind((s,), name, k))
                known.append(s)
    return body
