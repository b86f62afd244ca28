"""A document's context, inferred from its maths: what a careful reader gathers before
checking a line.

- `\\sum_{i=1}^{N}` says that index i runs over the size N (`\\prod` too);
- `X \\in \\mathbb{R}^{N \\times D}` gives X's shape (`\\mathbb{R}^{N}` a vector's,
  `\\mathbb{R}` a scalar's);
- a name written with index letters (`x_{ij}`, `x_{i,j}`, `\\hat{x}_i`) is a tensor with one
  axis per letter, and letters met at the same axis of the same tensor run over the same
  size, so `\\sum_{k=1}^{N} x_{kj}` and `x_{ij}` say that i runs over N too; a letter whose
  range nothing says gets a size of its own (`n_i`), which the user can rename;
- an upper-case subscript that is never summed is part of the name (`\\mu_B`), and so is
  a square on the left of a definition (`\\sigma^2_B = …` defines one name, σ²_B);
- a row `name = …` (or `name_{ij} = …`) defines the name, at its first such row; a
  tensor never defined is an input;
- the loss is the scalar in the numerator of derivatives that is never defined
  (`\\frac{\\partial L}{\\partial y_i}`), a function of the defined tensor nearest the
  output whose gradient the document takes; that gradient is the upstream input.

`symbn.language.latex.guessed` writes the result as a context file, so what `symbn context
DOC` prints is what `symbn check DOC` uses when the document has no other context.
"""

from __future__ import annotations

from symbn.language.latex import (
    fromzero,
    italicwords,
    listings,
    numberletters,
    spelledout,
    sumranges,
    transpose_t,
    upper,
    wordnames,
)
from symbn.language.latex.applied import call_end
from symbn.language.latex.brackets import paren_at
from symbn.language.latex.calls import text_name, word_call
from symbn.language.latex.counted import naming, written_range
from symbn.language.latex.cuts import display_rows
from symbn.language.latex.features import along_features
from symbn.language.latex.guess import (
    Guess,
    Tensor,
    dependent,
    estimates,
    one_upper,
    setting,
    tensor_of,
)
from symbn.language.latex.layerlabels import layered
from symbn.language.latex.layersizes import layer_sizes
from symbn.language.latex.namesat import (
    WrittenName,
    applied_to,
    arg_at,
    free_letters,
    indexed_bases,
    lead,
    letter_run,
    matrix_labels,
    name_at,
    name_key,
)
from symbn.language.latex.naming import derivative_of, named_d, named_gradient, named_last
from symbn.language.latex.onehot import summing_to_one
from symbn.language.latex.perexample import example_labels
from symbn.language.latex.picked import subscript_letters
from symbn.language.latex.rowfacts import (
    labels_under,
    name_labels,
    operator_at,
    unnamed_steps,
)
from symbn.language.latex.rowwise import merge_rows, sized_rows
from symbn.language.latex.separate import mapped
from symbn.language.latex.sizing import add_size, demote, times, unify
from symbn.language.latex.stepvectors import applies, step_vectors
from symbn.language.latex.systems import Written, cell_names, literal_shapes
from symbn.language.latex.texlex import Token, tokenize
from symbn.language.latex.totals import totals
from symbn.source.document.markdown import Document
from symbn.source.positions import TexError

#: Commands whose group holds a word or a field, not names.
WORDS = frozenset({"\\operatorname", "\\text", "\\mathrm", "\\textrm", "\\mathbb", "\\mathsf"})


def infer(doc: Document) -> Guess:
    """The context the maths of `doc` implies (displays that do not tokenize are skipped)."""
    guess = Guess()
    rows, inline, literal = _rows(doc, guess)
    rows = italicwords.merged(rows, words := italicwords.words(rows))  # target, output: names
    rows, ups, guess.fixed = upper.written_up(rows)  # Q^{ia}, \delta^j_m, \mu^l
    for letter, size in (
        r for toks in rows for n in range(len(toks)) if (r := written_range(toks, n))
    ):
        guess.ranges[letter] = size  # i \in \{1, ..., n\}: declared, before any sum's bound
        add_size(guess, size)
    for toks in rows:
        sumranges.ranges(toks, guess)
        guess.letters += [x for x in subscript_letters(toks).values() if x not in guess.letters]
        times(toks, guess)
        guess.labels |= matrix_labels(toks)
        guess.classes |= {y: (host, axis) for y, _, host, axis in labels_under(toks)}
    demote(guess, {r[0].text for r in rows if len(r) > 1 and r[1].text == "="})
    guess.letters += [x for x in ups if x not in guess.letters]
    # a^{l-1}: layers (or steps) on a leading axis; m of u^{m-1} beside m u: a scalar
    guess.steps, guess.powers = upper.step_letters(rows), numberletters.exponents(rows)
    guess.letters += [x for x in guess.steps if x not in guess.letters]
    layer_sizes(rows, guess)  # s_l of \sum_{j=1}^{s_l}: a width; n_l of a^{(n_l)}: the layers
    guess.labels |= upper.root_labels(rows, bool(ups))  # d_k of \sqrt{d_k}
    guess.upper = bool(ups)
    indexed = {base for toks in rows for base in indexed_bases(toks)}
    guess.labels = {x for x in guess.labels if x.split("_")[0] not in indexed}
    guess.labels |= name_labels(rows, {*guess.letters, *guess.ranges, *guess.sizes})
    displayed = [r for k, r in enumerate(rows) if k not in inline]
    guess.labels |= example_labels(displayed, guess.letters)  # E_n: the error of example n
    guess.one_hot |= summing_to_one(rows)  # \sum_k y_k = 1: y sums to one
    guess.labels |= wordnames.labels_of(rows) | layered(rows, guess)  # h1 of net_{h1}, o of s_o
    taken = {*guess.letters, *guess.ranges, *guess.sizes}
    guess.labels |= wordnames.script_labels(rows, taken)  # KL of D_{KL}, h1 of a_{h1}
    rows = naming(rows, inline)  # not $y = 0$, nor $i = 1, \dots, K$
    guess.primed = frozenset({*upper.primed_calls(rows), *spelledout.spelled_out(doc)})  # f'(x)
    guess.applied_only = upper.only_applied(rows)  # \sigma(w x + b): a function
    guess.applied_only |= upper.only_called(rows, guess.primed | upper.FUNCTION_LETTERS)  # p(x)
    for toks in rows:
        named_gradient(toks, guess)  # dy =: dL/dy
        _names(toks, guess)
    unnamed_steps(rows, guess)  # $t-1$ in prose, beside h_{t-1}: the step, no name
    totals(rows, guess)  # L = \sum_t L^t: the total, a scalar of its own
    for x in upper.root_labels(rows, bool(ups)):  # \sqrt{d_k}: a scalar, d_k
        guess.tensors.setdefault(x, Tensor(x, spellings=[guess.bare.pop(x, x)]))
    _used(rows, guess)
    literal.define(guess)  # C = AB defines c_1 …
    listings.elements(guess)  # x_1 beside x_i: x's first, no name of its own
    step_vectors(rows, guess)  # W_{hh} h_{t-1}: h, a vector at each step
    merge_rows(guess, rows)  # X^T beside x_{ij}: its elements
    guess.from_zero = fromzero.counted_from_zero(rows, guess)  # x^0, \sum_{i=0}
    guess.transpose_t = transpose_t.written(rows)  # (e_i^t Q K^t)^t
    along_features(guess, rows)  # x \in R^d written x_i over a batch: one feature
    unify(guess)
    sized_rows(guess)
    for t in guess.tensors.values():  # μ, also written μ^l; output, also \text{output}
        t.spellings += upper.labelled(t.spellings, guess.fixed)
        t.spellings += italicwords.spellings(t.spellings, words)
    return dependent(guess)  # (Δy of a defined y, no row defining it: no input)


def _rows(doc: Document, guess: Guess) -> tuple[list[tuple[Token, ...]], set[int], Written]:
    """The rows of the document's maths, which of them are inline, and the matrices written
    out (`x = [x_1, x_2]`, shaped in `guess`)."""
    rows: list[tuple[Token, ...]] = []
    inline: set[int] = set()  # the rows of inline maths
    literal = Written()  # x = [x_1 x_2]: its rows and columns
    for d in doc.displays:
        try:
            toks = tokenize(d.text)
        except TexError:
            continue
        start = len(rows)
        guess.cells |= cell_names(toks)
        literal_shapes(toks, literal)  # x = [x_1, x_2]: a vector of 2
        rows.extend(display_rows(toks, d.text))
        rows[start:] = [named_last(mapped(r)) for r in rows[start:]]  # a =: g says g = a
        inline |= set(range(start, len(rows))) if d.inline else set()
    literal.shape(guess)
    return rows, inline, literal


def _named(toks: tuple[Token, ...], n: int, guess: Guess) -> WrittenName | None:
    """The name written at `n`, read with the index letters, labels and steps found."""
    letters, labels = frozenset(guess.letters), frozenset(guess.labels)
    return name_at(toks, n, letters, labels, frozenset(guess.steps))


def _worded(toks: tuple[Token, ...], n: int) -> WrittenName | None:
    """A word set as text that the row names (`\\text{Loss} = …`), as a name."""
    word = text_name(toks, n)
    return None if word is None else WrittenName(word, toks[n].text, [], n + 1, square=False)


def _updated(toks: tuple[Token, ...], equals: int, name: WrittenName, guess: Guess) -> bool:
    """Whether a row's right side holds the name it sets, outside any derivative: an update
    (`w_j = w_j - \\alpha \\frac{\\partial J}{\\partial w_j}`), which defines nothing. Each
    name is read whole, so a letter in another's script is none (the layer L of `a^{[L]}` in
    `L = -y \\log a^{[L]}`: the loss of the last layer, defined)."""
    written = [t.text for t in toks[lead(toks) : name.end]]
    k = equals + 1
    while k < len(toks):
        m = _named(toks, k, guess)
        if (
            m is not None
            and [t.text for t in toks[k : m.end]] == written  # h_t = f(h_{t-1}): a recurrence
            and toks[k - 1].text != "\\partial"
            and toks[k - 1].kind not in ("sub", "sup")  # not the Q of W_Q
            and letter_run(toks, k) < 2  # not the s of sigmoid
        ):
            return True
        k = m.end if m is not None and m.end > k else k + 1
    return False


def _names(toks: tuple[Token, ...], guess: Guess) -> None:
    """Every name of a row; the name left of the row's first `=` is defined by it."""
    equals = next((n for n, t in enumerate(toks) if t.text == "="), None)
    n, top, picked = 0, "", subscript_letters(toks)  # (…)_{ij}: indices
    while n < len(toks):
        if toks[n].text == "\\partial" and n + 1 < len(toks):
            name = _named(toks, n + 1, guess) or _worded(toks, n + 1)
            if name is not None:
                top = _partial(toks, n, name, guess, top)
                n = name.end
                continue
        if (end := _bold_gradient(toks, n, guess) or _nabla_by(toks, n, guess)) is not None:
            n = end
            continue
        if toks[n].text in WORDS and word_call(toks, n) is None:
            n = arg_at(toks, n + 1)[1]  # \operatorname{softmax}, \mathbb{R}: no names
            continue
        name = _sized(toks, n, guess)
        if name is None or n in picked:
            n += 1
            continue
        defines = (  # (not L = L(a), which says what L depends on)
            equals is not None
            and n == lead(toks)
            and call_end(toks, name.end) == equals  # J(w_1, b) = …: J, a function of them
            and not applied_to(toks, equals, name.base, guess.primed)
            and not _updated(toks, equals, name, guess)  # w_j = w_j - α ∂J/∂w_j: a step
            and id(toks[equals]) not in guess.listings  # x = (x_1, …, x_n): no value
            and [t.text for t in toks[equals + 1 : equals + 2]]
            != ["\\{"]  # r = \{0, 1\}: its values
            and not (one_upper(name) and free_letters(toks, equals, frozenset(guess.labels)))
        )  # (L(p) = -log p_i, i the true class: L is no function of p's at every i)
        after = _named(toks, n + 1, guess) if toks[n].text == "d" and n + 1 < len(toks) else None
        if after is not None and not name.letters and toks[n + 1].kind != "sup":
            tensor_of(guess, after).denominator = True  # dW: the gradient of W
            guess.prefixed[name_key(after)] = guess.prefixed.get(name_key(after), 0) + (n == 0)
            n = after.end
            continue
        bare = toks[n].kind == "letter" and not name.letters and name.base not in guess.shapes
        bare = bare and not name.called
        if bare and not defines:  # (d_Q \\mathrm{Att}(\\theta): an operator, no name)
            operator = operator_at(toks, n, name.end)  # d_Q F(θ): d is a differential
            guess.maps = guess.maps or operator
            # (target_{o1}, a word with a label, is a name: an input where nothing defines it)
            word = (letter_run(toks, n) >= 3 and wordnames.word_at(toks, n) is None) or operator
            if not word and (n == 0 or toks[n - 1].kind != "sup"):  # not ReLu, not X^T's T
                guess.bare.setdefault(name.base, name.spelling)
            n = name.end  # a bare Latin letter: a size, a variable of a function, a label
            continue
        tensor = tensor_of(guess, name, defines)
        setting(tensor, defines, guess)
        # RMS(x): defined, or left out; J(w) (one letter) left out only where nothing defines J
        tensor.applied = tensor.applied or (name.called and (defines or not one_upper(name)))
        if defines and (not tensor.defined or (tensor.whole and name.letters)):
            # the first row that defines it with its index letters, else the first row
            tensor.whole = not name.letters
            free = free_letters(toks, equals, frozenset(guess.labels)) if tensor.whole else []
            if free and len(tensor.axes) in (0, len(free)):  # u = h_{kl} - \\mu_l: u_{kl}
                tensor.axes = tensor.axes or [set() for _ in free]
                for axis, x in zip(tensor.axes, free, strict=True):
                    axis.add(x)
                tensor.whole = False
            tensor.defined = not (tensor.whole and free)
            tensor.order = len([t for t in guess.tensors.values() if t.defined])
        n = name.end


def _sized(toks: tuple[Token, ...], n: int, guess: Guess) -> WrittenName | None:
    """The name at n, None where there is none or it is a size or an index's range; a d
    that is a size too stays the d of a gradient where the document names one so."""
    name = _named(toks, n, guess) or _worded(toks, n)
    if name is not None and name.base in guess.sizes and named_d(toks, n, guess):
        return WrittenName("d", "d", [], n + 1, square=False)  # dV beside dO = ∂L/∂O
    if name is None or name.base in guess.sizes or name.base in guess.ranges:
        return None
    if name.base in guess.widths or (name.base in guess.steps and not name.letters):
        return None  # s of s_l, n of n_l: a layer's size; l of l = n_l: the layer letter
    return name


def _nabla_by(toks: tuple[Token, ...], n: int, guess: Guess) -> int | None:
    """`\\nabla_W E` at n, W a name met before: the document differentiates by it; where it
    ends (None: no such gradient; `\\nabla_a C` of a^L is `nablas.nabla_stems`')."""
    if toks[n].text != "\\nabla" or n + 2 >= len(toks) or toks[n + 1].kind != "sub":
        return None
    by = _named(toks, n + 2, guess)
    if by is None or (name_key(by) not in guess.tensors and by.base not in guess.bare):
        return None
    wrt = tensor_of(guess, by)
    wrt.denominator = True
    of = _named(toks, by.end, guess) if by.end < len(toks) else None
    if of is not None and not of.letters:  # of the scalar after it
        top = tensor_of(guess, of)
        top.numerator = True
        guess.pairs.add((top.name, wrt.name))
    return by.end


def _bold_gradient(toks: tuple[Token, ...], n: int, guess: Guess) -> int | None:
    """A bold d before a name at n marks its gradient (`\\mathbf{db}`, `\\mathbf{d}p_k`):
    count it as a `d` prefix and return where the name ends (None: no bold d at n)."""
    texts = [t.text for t in toks[n : n + 5]]
    if texts[:3] not in (["\\mathbf", "{", "d"], ["\\boldsymbol", "{", "d"], ["\\bm", "{", "d"]):
        return None
    if texts[3:4] == ["}"]:
        after = _named(toks, n + 4, guess)
    elif len(texts) == 5 and toks[n + 3].kind == "letter" and texts[4] == "}":
        after = WrittenName(texts[3], f"\\mathbf{{{texts[3]}}}", [], n + 5, square=False)
    else:
        return None
    if after is None:
        return None
    tensor_of(guess, after).denominator = True
    guess.prefixed[name_key(after)] = guess.prefixed.get(name_key(after), 0) + (n == 0)
    guess.bold = True
    return after.end


def _partial(toks: tuple[Token, ...], n: int, name: WrittenName, guess: Guess, top: str) -> str:
    """Mark the name after the `\\partial` at n as a numerator or a denominator; the
    numerator it returns is the one the next denominator is taken of (∂L/∂y: L of y)."""
    over = name.end < len(toks) and toks[name.end].text == "/"  # \partial L / ..
    inside_frac = over or (n > 0 and toks[n - 1].kind == "open")
    below = n > 1 and toks[n - 2].kind == "close"  # \frac{..}{\partial x}
    tensor = tensor_of(guess, name)
    if inside_frac and not below and not name.letters:
        over = [t.text for t in toks[name.end : name.end + 3]] == ["}", "{", "\\partial"]
        m = name_at(toks, name.end + 3) if over else None
        same = m is not None and m.spelling == name.spelling
        tensor.numerator = tensor.numerator or not same  # not by ∂v/∂v = 1 alone
        return tensor.name
    tensor.denominator = True
    guess.pairs.add((top, tensor.name))
    return top


def _used(rows: list[tuple[Token, ...]], guess: Guess) -> None:
    """What each row's definition uses, the names applied as functions, then the estimates
    (μ_k = Σ r x / Σ r after ∂J/∂μ_k, J of r, x and μ: no definition of μ)."""
    for toks in rows:
        _uses(toks, guess)
        _applied(toks, guess)
    estimates(guess)


def _uses(toks: tuple[Token, ...], guess: Guess) -> None:
    """Mark the names on the right of a row `name = …` as used by another name's
    definition: the output of a forward pass is the defined name nothing uses."""
    equals = next((n for n, t in enumerate(toks) if t.text == "="), None)
    head = name_at(toks, lead(toks)) if toks else None
    defined = guess.tensors.get(name_key(head)) if head is not None else None
    if equals is None or head is None or defined is None or head.end != equals:
        return
    words = {
        k for n, t in enumerate(toks) if t.text in WORDS for k in range(n, arg_at(toks, n + 1)[1])
    }
    plain_d = "d" not in guess.tensors and "d" not in guess.sizes
    after_d = 0  # dy: y's gradient or change, no use of y
    for k in range(equals + 1, len(toks)):  # (not the letters of \\mathrm{or})
        m = None if k in words or k < after_d else _named(toks, k, guess)
        if (
            m is not None
            and plain_d
            and toks[k - 1].text == "d"
            and toks[k - 1].end == toks[k].start
        ):
            after_d, m = m.end, None
        tensor = guess.tensors.get(name_key(m)) if m is not None else None
        if tensor is not None and tensor is not defined:
            tensor.used = True
            defined.sources.add(tensor.name)
    defined.gradient = defined.gradient or derivative_of(toks, equals + 1)


def _applied(toks: tuple[Token, ...], guess: Guess) -> None:
    """Mark a Greek name written right before `(` or `'(` as a function (`\\sigma(a^t)`,
    the sigmoid the prose names): no scalar input, for a product would misread it; f or g
    written so and nothing else is a function the document does not say (`o = f(x)`)."""
    for k, t in enumerate(toks):
        function = t.kind == "command" or t.text in ("f", "g", *guess.applied_only)
        m = name_at(toks, k, frozenset(guess.letters)) if function else None
        if m is None or m.letters:
            continue
        p = m.end + (m.end < len(toks) and toks[m.end].text == "'")
        tensor = guess.tensors.get(name_key(m))
        adjacent = p < len(toks) and toks[p].start == toks[p - 1].end  # f(x), f\left(x\right)
        q = paren_at(toks, p) if adjacent else None
        opens, p = q is not None, p if q is None else q
        if opens and t.kind == "letter" and (tensor is None or m.spelling in guess.primed):
            guess.bare.pop(m.base, None)  # f(x): a function the document leaves unsaid
            guess.called_letters.add(m.spelling)  # (f(a + b) beside f'(a + b) too)
        if tensor and opens and (applies(toks, k, p) or m.spelling in guess.applied_only):
            tensor.applied = True
            head = name_at(toks, lead(toks))
            defined = guess.tensors.get(name_key(head)) if head is not None else None
            if defined is not None and defined is not tensor and head and head.end < len(toks):
                defined.opaque = defined.opaque or toks[head.end].text == "="
