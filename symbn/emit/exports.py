"""The modules symbn exports (NumPy, PyTorch, JAX): their names, their files and the help of
their commands, light enough for the command line to read at start-up (the emitters load
only when one is written, `emit.files.source`)."""

from __future__ import annotations

#: The modules symbn exports, and the file name of each beside the derivation's stem.
BACKENDS = {"numpy": ".py", "torch": "_torch.py", "jax": "_jax.py"}
#: Each export command's help and description.
HELP = {
    "numpy": (
        "write a standalone NumPy module of the derivation",
        "Write a module that imports only numpy: one vectorized function per definition and "
        "per claim, and forward/backward when the file has a [layer] table. Exit status 1 (and "
        "no module) when a gradient claim of the layer is refuted or unknown; 1 with a warning "
        "when another claim is.",
    ),
    "torch": (
        "write the [layer] as a PyTorch autograd Function with the proved backward",
        "Write a module that imports only torch: a torch.autograd.Function whose forward is "
        "the [layer]'s forward pass and whose backward is the proved backward pass, and "
        "layer(*inputs). Exit status 1 (and no module) when a gradient claim of the layer is "
        "refuted or unknown.",
    ),
    "jax": (
        "write the [layer] as a JAX custom_vjp function with the proved backward",
        "Write a module that imports only jax: layer(*inputs), a jax.custom_vjp function "
        "whose fwd is the [layer]'s forward pass and whose bwd is the proved backward pass. "
        "Exit status 1 (and no module) when a gradient claim of the layer is refuted or "
        "unknown.",
    ),
}


def backends(text: str) -> tuple[str, ...]:
    """`--backends numpy,torch,jax` read (ValueError naming one that is not)."""
    names = tuple(dict.fromkeys(b.strip() for b in text.split(",")))
    wrong = [b for b in names if b not in BACKENDS]
    if wrong:
        raise ValueError(f"{wrong[0]!r} is not one of {', '.join(BACKENDS)}")
    return names
