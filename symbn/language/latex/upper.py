"""Signs that a document writes index notation with Einstein summation, for the inferred
context (`symbn.language.latex.infer`).

- `\\mathbf{1}_h x_{bh}`: a ones vector along an index letter is Einstein's sum over h;
- `S^{ij} = Q^{ia} K^{ja}`: a superscript of two or more lower-case letters on a name is a
  list of index letters, not an exponent (a power ia means nothing), and so is each letter of
  a Kronecker delta written one index up and one down (`\\delta^j_m`); such a document writes
  its indices up, sums a repeated one (a on the right of S^{ij} = Q^{ia} K^{ja}) without a
  sign, and then reads a single letter in a superscript of a name (`x^j`) as an index too;
  an ordinal's ending (`k^{th}`, the k-th) is words, not two index letters, and so is a
  superscript of five or more letters (`V^{corrected}`: a label);
- `\\sqrt{d_k}`: a letter with a subscript under a root, in such a document, is a scalar's
  name (the width of the keys), not the k-th element of d.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from symbn.language.latex import numberletters, suplabels, wholelayers
from symbn.language.latex.brackets import paren_at
from symbn.language.latex.namesat import arg_at
from symbn.language.latex.symbols import GREEK
from symbn.language.latex.texlex import Token

#: The endings of an ordinal written as a superscript (`k^{th}`, the k-th): no indices.
ORDINALS = frozenset({"th", "st", "nd", "rd"})
#: Letters in a superscript that make it a word (`V^{corrected}`), not a list of indices.
WORD = 5
#: `\\mathbf{1}_`: the ones vector, of the size that follows.
ONES = tuple((f, "{", "1", "}", "_") for f in ("\\mathbf", "\\mathbb", "\\boldsymbol", "\\bm"))


def ones(toks: tuple[Token, ...], n: int, found: list[str], ranges: dict[str, str]) -> None:
    """`\\mathbf{1}_h` at n with an index letter: Einstein's ones along h (into `found`),
    which after `\\frac{1}{H}` (a mean) runs over H (into `ranges`)."""
    if tuple(x.text for x in toks[n : n + 5]) not in ONES:
        return
    arg, _ = arg_at(toks, n + 5)
    if len(arg) != 1 or arg[0].kind != "letter" or not arg[0].text.islower():
        return
    found.append(arg[0].text)
    mean = [x.text for x in toks[max(n - 7, 0) : n]]
    if mean[:5] == ["\\frac", "{", "1", "}", "{"] and mean[6:] == ["}"] and mean[5].isupper():
        ranges.setdefault(arg[0].text, mean[5])


def upper_letters(rows: Iterable[tuple[Token, ...]]) -> list[str]:
    """The index letters a document writes in superscripts (`Q^{ia}`, `\\delta^j_m`), in
    order; none unless some superscript of a name holds two or more of them."""
    pairs: list[str] = []
    deltas: list[str] = []
    for toks in rows:
        for n, t in enumerate(toks):
            if t.kind != "sup" or n == 0 or not _named(toks[n - 1]):
                continue
            if any(x.text == "\\mathbb" for x in toks[max(n - 4, 0) : n]):
                continue  # \mathbb{R}^{mn}: a dimension
            arg, after = arg_at(toks, n + 1)
            if "".join(a.text for a in arg) in ORDINALS or len(arg) >= WORD:
                continue  # k^{th}: the k-th; W^{corrected}: words, no index letters
            if len(arg) >= 2 and all(_lower(a) for a in arg) and toks[n - 1].text != "e":
                pairs += [a.text for a in arg]
            elif toks[n - 1].text == "\\delta" and len(arg) == 1 and _lower(arg[0]):
                low, _ = arg_at(toks, after + 1) if _at(toks, after, "sub") else ([], 0)
                if len(low) == 1 and _lower(low[0]):
                    deltas += [arg[0].text, low[0].text]
    if not pairs:
        return []
    return list(dict.fromkeys(pairs + deltas))


def step_letters(rows: Iterable[tuple[Token, ...]]) -> list[str]:
    """The lower-case letters a document writes moved by a number in a superscript of a
    name (`a^{l-1}`, `\\delta^{l+1}`, `h^{t-1}`, in parentheses too, `z^{(l-1)}`): steps
    along a leading axis (layers, time), so each superscript of such a letter is an index,
    not a power or a label. None when a name written with it is also written with a
    subscript and no such superscript (`z_i` beside `z^l_j`: then the document means
    another z there, and no axis is sure), nor when every name at it is written whole, as
    matrices (`Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}`: each a name of its own,
    `symbn.language.latex.wholelayers`), nor when the document uses the letter as a number
    (`u_{ik}^{m-1}` beside `m u_{ik}^{m-1}`: a power, `symbn.language.latex.numberletters`)."""
    moved: list[str] = []
    for toks in rows:
        for n in range(1, len(toks)):
            arg = _script(toks, n, "sup")
            step = len(arg) == 3 and arg[1].text in "+-" and arg[2].kind == "number"
            if step and _lower(arg[0]) and arg[0].text not in moved:
                moved.append(arg[0].text)
    rows = list(rows)
    moved = [x for x in moved if x not in numberletters.numbers(rows)]
    return [x for x in moved if not _unstepped(rows, x) and not wholelayers.whole(rows, x)]


def _script(toks: tuple[Token, ...], n: int, kind: str) -> list[Token]:
    """The argument of the script of `kind` at `n` on a name (none if it is not there), a
    superscript's parentheses dropped (`z^{(l-1)}` writes its layer as `z^{l-1}` does)."""
    if toks[n].kind != kind or not _named(toks[n - 1]) or toks[n - 1].text == "e":
        return []
    arg = arg_at(toks, n + 1)[0]
    return suplabels.unbracketed(arg) if kind == "sup" else arg


def _unstepped(rows: Iterable[tuple[Token, ...]], x: str) -> bool:
    """Whether a name written with step `x` up (`z^l_j`, `z^{l-1}`, `z^L`) is also written
    with a subscript and none of them (`z_i`); a subscript that is a name of the document
    (`W_h` beside `h_t`) is a label, not an index, and says nothing."""
    steps, plain = set(), set()
    bases = {t.text for toks in rows for t, s in pairwise(toks) if s.kind in ("sub", "sup")}
    for toks in rows:
        for n in range(1, len(toks)):
            up = [a.text for a in _script(toks, n, "sup")]
            if up in ([x], [x.upper()]) or up[:2] in ([x, "+"], [x, "-"]):
                steps.add(toks[n - 1].text)
            low = [a.text for a in _script(toks, n, "sub")]
            if len(low) == 1 and low[0] in bases and low[0] != x:
                continue  # W_h beside h_t: a label of W, named after h, no index
            if low and toks[n - 1].kind != "close":
                after = arg_at(toks, n + 1)[1]
                if not (after < len(toks) and toks[after].kind == "sup"):
                    plain.add(toks[n - 1].text)
    return bool(steps & plain)


def root_labels(rows: Iterable[tuple[Token, ...]], up: bool) -> set[str]:
    """`d_k` of `\\sqrt{d_k}`: a scalar named with a subscript, in a document that writes its
    indices up, or in a row whose left side does not have the subscript's letter (`S =
    QK^T/\\sqrt{d_k}`; not `y_k = x_k/\\sqrt{v_k}`)."""
    out = set()
    for toks in rows:
        equals = next((n for n, t in enumerate(toks) if t.text == "="), 0)
        left = {t.text for t in toks[:equals]}
        for n, t in enumerate(toks):
            if t.text != "\\sqrt":
                continue
            arg, _ = arg_at(toks, n + 1)
            if len(arg) >= 3 and _lower(arg[0]) and arg[1].kind == "sub":
                low, end = arg_at(arg, 2)
                one = len(low) == 1 and _lower(low[0]) and end == len(arg)
                if one and (up or (n > equals > 0 and low[0].text not in left)):
                    out.add(f"{arg[0].text}_{low[0].text}")
    return out


def _named(t: Token) -> bool:
    return t.kind in ("letter", "close") or (t.kind == "command" and t.text == "\\delta")


def _lower(t: Token) -> bool:
    return t.kind == "letter" and len(t.text) == 1 and t.text.islower()


def _at(toks: tuple[Token, ...], n: int, kind: str) -> bool:
    return n < len(toks) and toks[n].kind == kind


def lowered(toks: tuple[Token, ...], layers: frozenset[str] = frozenset()) -> tuple[Token, ...]:
    """The row with each delta written one index up and one down (`\\delta^j_m`, or
    `\\delta_m^j`) written as `\\delta_{jm}`, so that no letter of it reads as a name with a
    subscript; not one whose upper letter is a layer (`\\delta^l_j` beside `\\delta^{l+1}`,
    the error at layer l: a name)."""
    out: list[Token] = []
    n = 0
    while n < len(toks):
        t = toks[n]
        first = toks[n + 1].kind if n + 1 < len(toks) else ""
        if t.text == "\\delta" and first in ("sup", "sub"):  # \delta^j_m or \delta_m^j
            one, after = arg_at(toks, n + 2)
            other = "sub" if first == "sup" else "sup"
            two, end = arg_at(toks, after + 1) if _at(toks, after, other) else ([], n + 1)
            up, low = (one, two) if first == "sup" else (two, one)
            if (
                len(up) == 1
                and len(low) == 1
                and _lower(up[0])
                and _lower(low[0])
                and (up[0].text not in layers)
            ):
                sub = Token("sub", "_", toks[n + 1].start, toks[n + 1].end)
                opened = Token("open", "{", up[0].start, up[0].start)
                closed = Token("close", "}", low[0].end, low[0].end)
                out += [t, sub, opened, up[0], low[0], closed]
                n = end
                continue
        out.append(t)
        n += 1
    return tuple(out)


def fixed_labels(rows: list[tuple[Token, ...]]) -> dict[str, set[str]]:
    """The letters a document writes only as the whole superscript of names, never moved
    and nowhere else (`\\mu^l`, `\\sigma^{l}`, `x_r^l` for the mean, deviation and input of
    one layer l): one fixed layer, a label the document then drops (μ for μ^l). Each with
    the names written with it; a letter on a single name is not sure (a power `a^k`)."""
    up: dict[str, set[str]] = {}
    elsewhere: set[str] = set()
    for toks in rows:
        inside: set[int] = set()
        for n in range(1, len(toks)):
            base = labelled_base(toks, n)
            arg, after = arg_at(toks, n + 1) if toks[n].kind == "sup" else ([], n)
            if base and len(arg) == 1 and _lower(arg[0]):
                up.setdefault(arg[0].text, set()).add(base)
                inside |= set(range(n + 1, after))
        if len(toks) > 1:  # not "for each layer $l$" in the prose
            elsewhere |= {t.text for k, t in enumerate(toks) if k not in inside and _lower(t)}
    return {x: names for x, names in up.items() if len(names) >= 2 and x not in elsewhere}


def labelled_base(toks: tuple[Token, ...], n: int) -> str:
    """The name a superscript at `n` is written on (`x` of `x_r^l` or `x_{r}^l`), if it
    is a letter other than e (`e^x` is a power) or a Greek letter."""
    k = n - 1
    if toks[k].kind == "close":  # x_{r}^l: past the subscript's group
        depth = 0
        while k > 0 and (depth := depth + {"close": 1, "open": -1}.get(toks[k].kind, 0)):
            k -= 1
        k -= 1
        if k < 1 or toks[k].kind != "sub":
            return ""
        k -= 1
    elif k >= 2 and toks[k - 1].kind == "sub":  # x_r^l
        k -= 2
    t = toks[k] if k >= 0 else None
    if t is not None and t.kind == "letter" and t.text != "e":
        return t.text
    return t.text if t is not None and t.kind == "command" and t.text[1:] in GREEK else ""


def unlabelled(toks: tuple[Token, ...], fixed: dict[str, set[str]]) -> tuple[Token, ...]:
    """The row with each superscript of a fixed label (`fixed_labels`) dropped: μ for μ^l."""
    out: list[Token] = []
    n = 0
    while n < len(toks):
        if toks[n].kind == "sup" and n > 0 and labelled_base(toks, n):
            arg, after = arg_at(toks, n + 1)
            if len(arg) == 1 and arg[0].text in fixed:
                n = after
                continue
        out.append(toks[n])
        n += 1
    return tuple(out)


def labelled(spellings: list[str], fixed: dict[str, set[str]]) -> list[str]:
    """The spellings of a name with each fixed label it is written with (μ^l for μ)."""
    return [f"{x}^{y}" for x in spellings for y, on in fixed.items() if x in on]


def primed_calls(rows: Iterable[tuple[Token, ...]]) -> set[str]:
    """The letters a document writes with a prime before a bracket (`f'(u)`, `g'(z)`), or
    with a dot over them (`\\dot{f}(u)`): the names of functions whose derivative it takes."""
    out = set()
    for toks in rows:
        for n in range(len(toks) - 2):
            t, prime = toks[n : n + 2]
            written = t.kind == "letter" and prime.text == "'" and prime.start == t.end
            if written and paren_at(toks, n + 2) is not None:  # f'(u), g'\left(…\right)
                out.add(t.text)
            out |= _dotted_call(toks, n)
    return out


def _dotted_call(toks: tuple[Token, ...], n: int) -> set[str]:
    """The letter of `\\dot{f}(u)` or `\\dot f(u)` at token n, if that is written there."""
    if toks[n].text != "\\dot":
        return set()
    braced = toks[n + 1].text == "{"
    k = n + 1 + braced
    if k >= len(toks) or toks[k].kind != "letter":
        return set()
    end = k + 1 + braced
    if braced and (end > len(toks) or toks[k + 1].text != "}"):
        return set()
    return {toks[k].text} if paren_at(toks, end) is not None else set()


#: Greek letters that name activations (σ, φ, ψ) rather than scales (γ, α).
ACTIVATIONS = frozenset({"\\sigma", "\\phi", "\\varphi", "\\psi"})


def only_applied(rows: Iterable[tuple[Token, ...]]) -> set[str]:
    """The letters of activations a document writes only before a bracket (`\\sigma(w x_i +
    b)`, or with a prime, `\\sigma'(z)`), never alone nor scripted: functions, even of a sum,
    where a scale multiplies (`\\gamma(x - \\mu)`) and so does σ written alone elsewhere."""
    seen: dict[str, bool] = {}
    for toks in rows:
        for n, t in enumerate(toks if len(toks) > 1 else ()):  # (not `the sigmoid $\\sigma$`)
            if t.kind != "command" or t.text not in ACTIVATIONS:
                continue
            k = n + 1 + (n + 1 < len(toks) and toks[n + 1].text == "'")
            seen[t.text] = seen.get(t.text, True) and paren_at(toks, k) is not None
    return {x for x, applied in seen.items() if applied}


#: Latin letters that name functions when a document writes them only before a bracket and
#: never defines them (`f(x)`, `p(q(x))`), besides the letters it primes (`u'(x)`).
FUNCTION_LETTERS = frozenset({"f", "g", "h", "p", "q"})


def only_called(rows: Iterable[tuple[Token, ...]], primed: frozenset[str]) -> set[str]:
    """The Latin letters of `primed` (written `h'(u)`, or one of FUNCTION_LETTERS) that a
    document writes only before a bracket, with or without the prime (`y = h(w x + b)`),
    never alone (but as inline maths of its own: `let $h$ be`), scripted nor in a
    subscript: functions it leaves unsaid. A letter used as a value anywhere (`y(1 - y)`
    beside `y`, `h_1`, `f x`) is none, nor are d and e (a differential, Euler's number)."""
    seen: dict[str, bool] = {}
    for toks in rows:
        for n, t in enumerate(toks if len(toks) > 1 else ()):
            if t.kind != "letter" or t.text not in primed or t.text in ("d", "e"):
                continue
            if differentiated(toks, n):  # ∂f/∂u, \frac{df}{dx}: f's derivative, named
                continue
            dotted = n > 1 and toks[n - 2].text == "\\dot" and toks[n - 1].text == "{"
            k = n + 1 + (n + 1 < len(toks) and (toks[n + 1].text == "'" or dotted))  # \dot{f}(
            q = paren_at(toks, k)
            seen[t.text] = seen.get(t.text, True) and q is not None and not several(toks, q)
    return {x for x, applied in seen.items() if applied}


def differentiated(toks: tuple[Token, ...], n: int) -> bool:
    """Whether the letter at token n is written alone as what a derivative is taken of
    (`\\partial f \\over \\partial u`, `\\frac{df}{dx}`, `\\partial f / \\partial u`)."""
    before = toks[n - 1].text if n > 0 else ""
    after = toks[n + 1].text if n + 1 < len(toks) else ""
    return before in ("\\partial", "d") and after in ("}", "\\over", "/")


def several(toks: tuple[Token, ...], q: int) -> bool:
    """Whether the bracket opened at token q holds a comma outside any inner bracket or
    group (`h(x, y)`): arguments of a function of several, not one."""
    depth = 0
    for t in toks[q:]:
        depth += (t.text in ("(", "[", "{")) - (t.text in (")", "]", "}"))
        if depth <= 0:
            return False
        if depth == 1 and t.text == ",":
            return True
    return False


def written_up(
    rows: list[tuple[Token, ...]],
) -> tuple[list[tuple[Token, ...]], list[str], dict[str, set[str]]]:
    """The rows with their deltas lowered and their fixed labels dropped, the index letters
    written up (`S^{ij} = Q^{ia} K^{ja}`, Einstein's), and the fixed labels (`\\mu^l`).
    A delta whose upper letter is a layer (`\\delta^l_j` beside `\\delta^{l+1}`) is no
    Kronecker delta; a document that writes its indices up has no fixed labels."""
    ups = upper_letters(rows)
    layers = frozenset(() if ups else step_letters(rows))
    rows = [lowered(toks, layers) for toks in rows]
    fixed = {} if ups else fixed_labels(rows)
    return [unlabelled(toks, fixed) for toks in rows], ups, fixed
