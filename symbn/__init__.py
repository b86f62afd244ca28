"""symbn: a symbolic verifier for hand-written backprop derivations."""

__version__ = "0.1.0"
