"""A row that ends by naming its value: `A = B =: g`, or `B \\coloneqq \\mathbf{g}` with
the defined name written after the sign, as `=:` puts it.

Such a row says g = B, so it is read reversed, `g = B = A`: the name is the left side of
its first equation, where a definition stands, and the chain's equalities are the same. A
row whose first side is a lone name (`g \\coloneqq B`) is read as written.
"""

from __future__ import annotations

from symbn.language.latex.calls import text_name
from symbn.language.latex.guess import Guess, Tensor
from symbn.language.latex.namesat import WrittenName, name_at, name_key
from symbn.language.latex.texlex import Token


def named_last(toks: tuple[Token, ...]) -> tuple[Token, ...]:
    """The row reversed when its last relation is a naming sign (`=:`, `\\coloneqq`) with a
    lone name after it (a d before it allowed: `=: d\\mathbf{y}`) and none before its first
    relation (but `b =: a` names a whatever b is); the row as it is otherwise."""
    cuts, depth = [], 0
    for n, t in enumerate(toks):
        depth += (t.kind == "open" or t.text in ("(", "[")) - (
            t.kind == "close" or t.text in (")", "]")
        )
        if depth == 0 and t.kind == "symbol" and t.text == "=":
            cuts.append(n)
    if not cuts or toks[cuts[-1]].arg not in ("=:", ":="):
        return toks
    end = len(toks) - (toks[-1].text in (".", ","))
    said = toks[cuts[-1]].arg == "=:" and len(cuts) == 1  # b =: a: a, however b is written
    if not _lone(toks[cuts[-1] + 1 : end]) or (_lone(toks[: cuts[0]]) and not said):
        return toks
    bounds = [-1, *cuts, end]
    sides = [toks[bounds[k] + 1 : bounds[k + 1]] for k in range(len(bounds) - 1)]
    out: list[Token] = list(sides[-1])
    for k in range(len(cuts) - 1, -1, -1):
        out.append(toks[cuts[k]])
        out.extend(sides[k])
    return tuple(out)


def _lone(toks: tuple[Token, ...]) -> bool:
    """Whether tokens are one name and nothing more (a d before it allowed)."""
    start = 1 if len(toks) > 1 and toks[0].text == "d" and toks[0].end == toks[1].start else 0
    if start >= len(toks):
        return False
    name = name_at(toks, start)
    return name is not None and name.end == len(toks)


def named_gradient(toks: tuple[Token, ...], guess: Guess) -> None:
    """`d\\mathbf{y} = \\frac{dL}{d\\mathbf{y}}` (`\\frac{dL}{d\\mathbf{y}} =: d\\mathbf{y}`
    read reversed): the name dy, spelled with its d, is L's gradient by y (the upstream of
    a loss of y), and y is what the document differentiates L by."""
    if len(toks) < 3 or toks[0].text != "d" or toks[0].end != toks[1].start:
        return
    of = name_at(toks, 1)
    if of is None or of.letters or of.end >= len(toks) or toks[of.end].text != "=":
        return
    pair = derivative_of(toks, of.end + 1)
    if pair is None or pair[1] != name_key(of):
        return
    key = f"d{name_key(of)}"
    tensor = guess.tensors.setdefault(key, Tensor(key, spellings=[f"d{of.spelling}"]))
    tensor.defined = tensor.left = True
    tensor.gradient = pair
    guess.tensors.setdefault(pair[1], Tensor(pair[1], spellings=[of.spelling])).denominator = True
    guess.pairs.add(pair)


def named_d(toks: tuple[Token, ...], n: int, guess: Guess) -> bool:
    """Whether the `d` at n, a size of the document too (`X \\in \\mathbb{R}^{n \\times d}`),
    is written against a name (`dV`) in a document that names a gradient so (`dO =
    \\frac{\\partial L}{\\partial O}`): then it marks that name's gradient."""
    if toks[n].text != "d" or n + 1 >= len(toks) or toks[n].end != toks[n + 1].start:
        return False
    if toks[n + 1].kind != "letter":
        return False
    return d_named(guess)


def d_named(guess: Guess) -> bool:
    """Whether a row names a gradient with a d (`dO = \\frac{\\partial L}{\\partial O}`)."""
    return any(t.gradient is not None and k.startswith("d") for k, t in guess.tensors.items())


def derivative_of(toks: tuple[Token, ...], n: int) -> tuple[str, str] | None:
    """(A, B) when tokens[n:] are exactly `\\frac{\\partial A}{\\partial B}` (or with d)."""
    if n + 3 >= len(toks) or [t.text for t in toks[n : n + 2]] != ["\\frac", "{"]:
        return None
    if toks[n + 2].text not in ("\\partial", "d"):
        return None
    a = name_at(toks, n + 3) or _worded(toks, n + 3)  # \partial MSE: a word, one name
    if a is None or [t.text for t in toks[a.end : a.end + 2]] != ["}", "{"]:
        return None
    b = name_at(toks, a.end + 3) if a.end + 3 < len(toks) else None
    if b is None or toks[a.end + 2].text != toks[n + 2].text or b.end != len(toks) - 1:
        return None
    return name_key(a), name_key(b)


def _worded(toks: tuple[Token, ...], n: int) -> WrittenName | None:
    """The word set as text at n that follows `\\partial` (`\\partial MSE`), as a name."""
    word = text_name(toks, n) if n < len(toks) else None
    return None if word is None else WrittenName(word, toks[n].text, [], n + 1, square=False)
