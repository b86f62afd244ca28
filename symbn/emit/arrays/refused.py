"""The one error of the array printers: an expression that has no array form."""

from __future__ import annotations


class VectorizeError(Exception):
    """The expression has no array form (an index used as a value, a symbolic exponent, a
    relation of something other than indices)."""
