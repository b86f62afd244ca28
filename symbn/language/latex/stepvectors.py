"""Vectors at each step, sized by the maps that multiply them: `h_t = \\tanh(W_{hh} h_{t-1}
+ W_{xh} x_t + b_h)`, `a_t = W s_{t-1} + U x_t`, and the gates of such cells
(`f_t = \\sigma(W_f x_t + U_f h_{t-1} + b_f)`).

A step is a letter that some subscript moves by a number (t of `h_{t-1}`). In a row that
defines a name at a step (`h_t = …`), a map written whole (a label such as `W_{hh}`, or one
upper-case letter) right before a name at a step stands in a matrix-vector product with
it: the name defined and every name written at a step on the right are vectors at each
step (`y_t = W_{hy} h_t + b_y` makes y and h ones). Each gets a size of its own (`n_h`),
the rows of a matrix over the steps (`symbn.language.latex.rowwise.sized_rows`); the shape
solver makes the sizes the products join one. A name the document sizes itself
(`x_t \\in \\mathbb{R}^D`) keeps its size; a claim's row sizes nothing.
"""

from __future__ import annotations

from symbn.language.latex.guess import Guess
from symbn.language.latex.namesat import arg_at, holds_terms, name_at
from symbn.language.latex.rowfacts import subscript_steps
from symbn.language.latex.sizing import add_size
from symbn.language.latex.texlex import Token


def step_vectors(rows: list[tuple[Token, ...]], guess: Guess) -> None:
    """Size, in `guess.rows`, each name of `rows` that is a vector at each step (see the
    module's docstring)."""
    steps = subscript_steps(rows)
    found: set[str] = set()
    for toks in rows:
        equals = next((k for k, t in enumerate(toks) if t.text == "="), None)
        left = _at_step(toks, 0, steps)
        if equals is None or left is None or _name_end(toks, 0) != equals:
            continue  # not a row that defines a name at a step
        right = [(k, x) for k in range(equals + 1, len(toks)) if (x := _at_step(toks, k, steps))]
        if any(_after_map(toks, k, guess) for k, _ in right):
            found |= {left, *(x for _, x in right)}
    for name in sorted(found):
        tensor = guess.tensors.get(name)
        if name in guess.rows or name in guess.shapes or tensor is None or len(tensor.axes) != 1:
            continue
        size = f"n_{name}"
        guess.rows[name] = (size,)
        guess.invented.add(size)
        add_size(guess, size)


def _after_map(toks: tuple[Token, ...], k: int, guess: Guess) -> bool:
    """Whether the tokens right before position k are a map written whole: a label
    (`W_{hh}`) or one upper-case letter (`W`)."""
    for start in range(max(k - 6, 0), k):
        name = name_at(toks, start, frozenset(), frozenset(guess.labels))
        if name is None or name.end != k or name.letters:
            continue
        tensor = guess.tensors.get(name.base)
        whole = tensor is None or not tensor.axes
        label = name.base in guess.labels
        return whole and (label or (len(name.base) == 1 and name.base.isupper()))
    return False


def _at_step(toks: tuple[Token, ...], k: int, steps: set[str]) -> str | None:
    """The name written at k at a step (`h_t`, `h_{t-1}`, `s_{t+1}`), if one is."""
    if k + 2 >= len(toks) or toks[k].kind != "letter" or toks[k + 1].kind != "sub":
        return None
    if k > 0 and toks[k - 1].kind in ("sub", "sup"):
        return None  # the h of W_h
    arg = [a.text for a in arg_at(toks, k + 2)[0]]
    if arg[:1] and arg[0] in steps and (len(arg) == 1 or _moved(arg[1:])):
        return toks[k].text
    return None


def _moved(rest: list[str]) -> bool:
    return len(rest) == 2 and rest[0] in ("+", "-") and rest[1].isdigit()


def _name_end(toks: tuple[Token, ...], k: int) -> int:
    """The position after the name written at k with its subscript."""
    return arg_at(toks, k + 2)[1]


def applies(toks: tuple[Token, ...], k: int, p: int) -> bool:
    """Whether the Greek name at k is applied to the parentheses opened at p: they hold no
    terms (`\\sigma(z)`; `\\gamma(x - \\mu)` multiplies), or they are a gate's, `\\sigma`
    right after the `=` of a row that defines a name at a step and closing the row
    (`f_t = \\sigma(W_f x_t + U_f h_{t-1} + b_f)`)."""
    if not holds_terms(toks, p):
        return True
    if toks[k].text != "\\sigma" or k < 3 or toks[k - 1].text != "=" or toks[-1].text != ")":
        return False
    left = _at_step(toks, 0, subscript_steps([toks]) | _single(toks))
    depth = 0
    for m in range(p, len(toks)):  # the parenthesis at p closes the row
        depth += (toks[m].text == "(") - (toks[m].text == ")")
        if depth == 0:
            return left is not None and m == len(toks) - 1 and _name_end(toks, 0) == k - 1
    return False


def _single(toks: tuple[Token, ...]) -> set[str]:
    """The letter written alone as the first name's subscript (t of `f_t`)."""
    arg = arg_at(toks, 2)[0] if len(toks) > 2 and toks[1].kind == "sub" else []
    return {arg[0].text} if len(arg) == 1 and arg[0].kind == "letter" else set()
