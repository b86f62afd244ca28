"""What a document says about its names, as `symbn.language.latex.infer` gathers it: each
name as written (a `Tensor`) and the whole `Guess`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from symbn.language.latex.namesat import WrittenName, name_key
from symbn.language.latex.wordnames import MIN_WORD


@dataclass
class Tensor:
    """A name as it is written: its spellings (LaTeX), the index letters at each axis, and
    whether a row defines it."""

    name: str
    spellings: list[str] = field(default_factory=list)
    axes: list[set[str]] = field(default_factory=list)
    defined: bool = False
    numerator: bool = False  # written as the numerator of a derivative, without indices
    denominator: bool = False  # written in the denominator of a derivative
    order: int = 0
    whole: bool = False  # defined without index letters (h = XW + b)
    left: bool = False  # on the left of a row's `=`, read as a definition or not
    used: bool = False  # on the right of a row that defines another name
    applied: bool = False  # written as a function, \\sigma(a) or \\sigma'(a)
    opaque: bool = False  # defined by a row that applies such a function: a = \\sigma(z)
    sources: set[str] = field(default_factory=set)  # the names its defining rows use
    gradient: tuple[str, str] | None = None  # G = \\frac{\\partial L}{\\partial O}: (L, O)

    @property
    def plain_identity(self) -> bool:
        """Whether this is I, written whole and never defined (the identity matrix, when
        the prose calls it so)."""
        return self.name == "I" and not (self.axes or self.defined) and self.spellings == ["I"]

    @property
    def identity(self) -> bool:
        """Whether this is the identity matrix: a bold I (`\\mathbf{I}`, `\\mathbb{I}`)
        written whole and never defined, which the reader takes as the identity when no
        name is spelled I."""
        bold = ("\\mathbf{I}", "\\mathbb{I}", "\\boldsymbol{I}", "\\bm{I}", "\\mathbf I")
        return (
            self.name == "I"
            and not (self.axes or self.defined)
            and (bool(self.spellings) and all(s in bold for s in self.spellings))
        )


@dataclass
class Guess:
    """What the document says about its names."""

    ranges: dict[str, str] = field(default_factory=dict)  # index letter -> size
    sizes: list[str] = field(default_factory=list)
    shapes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # from \in \mathbb{R}^..
    listings: set[int] = field(default_factory=set)  # the = of x = (x_1, …, x_n), by id
    tensors: dict[str, Tensor] = field(default_factory=dict)
    letters: list[str] = field(default_factory=list)  # index letters of sums, in order
    bare: dict[str, str] = field(default_factory=dict)  # letters written whole: X in XW
    prefixed: dict[str, int] = field(default_factory=dict)  # dW: W -> rows it begins
    bold: bool = False  # the d of dW is bold (\\mathbf{dW}): d may be a size besides
    nabla: bool = False  # \nabla W: a gradient with no scalar written (of the loss)
    ones: list[str] = field(default_factory=list)  # h of \\mathbf{1}_h: Einstein's ones
    labels: set[str] = field(default_factory=set)  # W_q in X W_q: a matrix's label
    classes: dict[str, tuple[str, int]] = field(default_factory=dict)  # y of P_{i,y_i}: (P, 1)
    roots: list[str] = field(default_factory=list)  # d of \\sqrt{d}
    invented: set[str] = field(default_factory=set)  # sizes no line names (n_i)
    functions: dict[str, str] = field(default_factory=dict)  # \\sigma -> sigmoid, by the prose
    one_hot: set[str] = field(default_factory=set)  # y of "$y$ is one-hot": sums to one
    upper: bool = False  # indices written up, Q^{ia}: Einstein's (symbn.language.latex.upper)
    einstein_said: bool = False  # "using Einstein's notation", in the prose
    numbers: dict[str, str] = field(default_factory=dict)  # n16 -> 16: a size written 16
    called_loss: set[str] = field(default_factory=set)  # J of "let $J$ be the loss"
    pairs: set[tuple[str, str]] = field(default_factory=set)  # (L, y) of ∂L/∂y_i
    unsolved: set[str] = field(default_factory=set)  # used as matrices, shape not found
    unconformed: str = ""  # why vectors are not read by conformance (x W beside W x)
    rows: dict[str, tuple[str, ...]] = field(default_factory=dict)  # x_t \in R^d: x -> (d,)
    cells: set[str] = field(default_factory=set)  # b1 of \begin{bmatrix} b_1 …: scalars
    from_zero: bool = False  # an input written at step 0 (x^0, x_0): positions count from 0
    aliases: dict[str, str] = field(default_factory=dict)  # J -> K: one size written two ways
    ones_matrix: bool = False  # "\\mathbf{1} is a matrix of all ones", in the prose
    transpose_t: bool = False  # K^t, (e_i^t Q)^t: ^t is the transpose
    basis: set[str] = field(default_factory=set)  # e of "$e_i$ … basis vector": Delta's rows
    applied_only: set[str] = field(default_factory=set)  # \\sigma, always at a bracket
    maps: bool = False  # d_Q \\mathrm{Att}(\\theta): a derivative written as a linear map
    said: dict[str, str] = field(default_factory=dict)  # the [notation] a partial context says
    steps: list[str] = field(default_factory=list)  # l of a^{l-1}: a leading axis's steps
    powers: set[str] = field(default_factory=set)  # m of u^{m-1} beside m u: a scalar
    fixed: dict[str, set[str]] = field(default_factory=dict)  # l of μ^l: one layer, dropped
    widths: set[str] = field(default_factory=set)  # s of \sum_{j=1}^{s_l}: a layer's width
    layer_count: str = ""  # n_l of a^{(n_l)}: the number of layers, a size spelled so
    primed: frozenset[str] = frozenset()  # f of f'(x): a function, its derivative written
    called_letters: set[str] = field(default_factory=set)  # f of f(x), no name: a function
    merged: dict[str, list[str]] = field(default_factory=dict)  # X -> [x]: x_i, a row of X
    layer_functions: dict[str, str] = field(default_factory=dict)  # \\sigma_{h} -> \\sigma
    layer_letters: set[str] = field(default_factory=set)  # o of s_o: a layer, no index
    solved: set[str] = field(default_factory=set)  # μ of ∂J/∂μ_k, then μ_k = …: an estimate?

    @property
    def einstein(self) -> bool:
        """Whether the document writes Einstein summation: indices written up, a ones
        vector along an index letter (`\\frac{1}{H} \\mathbf{1}_h x_{bh}`, a sum over h),
        not of a size, or prose that says so."""
        return self.upper or self.einstein_said or any(x not in self.sizes for x in self.ones)


def sized(guess: Guess, x: str) -> bool:
    """Whether the letter `x` at an axis is a size (`h_{Nj}`, or `e_n` where n bounds a sum:
    the last position), not an index letter."""
    return x.isupper() or x in guess.sizes


def losses_of(guess: Guess) -> list[Tensor]:
    """Scalars in the numerators of derivatives that no row defines and no derivative is
    taken with respect to (∂μ/∂x beside ∂f/∂μ: μ is no loss). Of several, the one the
    prose calls the loss, else the one differentiated by the most names (the u of a chain
    rule primer beside the f of the whole derivation). A name a differentiated name is
    defined through (the target t_1 of E = ½(o_1 - t_1)², where ∂t_1/∂u_{11} = 0) is none."""
    changed = differentials(guess)
    out = [
        t
        for t in guess.tensors.values()
        if t.numerator and (not t.denominator or t.name in changed) and not t.defined and not t.axes
    ]
    out = [t for t in out if t.name not in differentiated_through(guess)]  # t_1 of E: none
    called = [t for t in out if t.name in guess.called_loss]  # several: the one prose names
    if len(out) > 1 and len(called) == 1:
        return called
    if len(out) > 1:
        by = {t.name: len({b for a, b in guess.pairs if a == t.name}) for t in out}
        most = [t for t in out if by[t.name] == max(by.values())]
        return most if len(most) == 1 else out
    return out


def differentials(guess: Guess) -> set[str]:
    """The scalars the document takes derivatives of and writes a d before (`dL = G : dY`):
    a d before the loss is its differential, so every d before a name is (none: d is no
    differential); a derivative written as a map, `d_Q F(θ)`, says so too (`d_Q`)."""
    return {
        n
        for n in guess.prefixed
        if (t := guess.tensors.get(n)) is not None and t.numerator and not t.defined and not t.axes
    } | ({"d_Q"} if guess.maps else set())


def aliased(guess: Guess, alias: dict[str, str]) -> None:
    """Sizes the inference named that the lines make one (the i and j of a square S_{ij},
    A V conforming), written as one."""

    def one(x: str) -> str:
        while x in alias:
            x = alias[x]
        return x

    for x, r in guess.ranges.items():
        guess.ranges[x] = one(r)
    for name, shape in guess.shapes.items():
        guess.shapes[name] = tuple(one(a) for a in shape)


def tensor_of(guess: Guess, name: WrittenName, defines: bool = False) -> Tensor:
    """The tensor a name stands for; a square belongs to the name only on the left of its
    definition (`\\sigma^2_B = …`) and where that name is met again, else it is the square
    of the name (`\\sum_h x_h^2`)."""
    key = name_key(name)
    spelling = name.spelling + ("^{2}" if name.square else "")
    if name.square and key not in guess.tensors and not defines:
        key, spelling = name.base, name.spelling  # x^2: the square of x
    tensor = guess.tensors.setdefault(key, Tensor(key))
    if one_upper(name) and key == name.base and name.base not in tensor.spellings:
        tensor.spellings.insert(0, name.base)  # J of J(\theta): the letter, also alone
    if spelling not in tensor.spellings:
        tensor.spellings.append(spelling)
    if name.letters and not tensor.axes:
        tensor.axes = [set() for _ in name.letters]
    if tensor.axes and goes_on(tensor.axes, name.letters):  # x_i, then x_{i1} or x_{ij}
        tensor.axes += [set() for _ in name.letters[len(tensor.axes) :]]  # x_i: a row of x
    if name.letters and len(name.letters) <= len(tensor.axes):  # x_k of x_{ij}: its row k
        for axis, letter in zip(tensor.axes, name.letters, strict=False):
            axis.add(letter)
    return tensor


def one_upper(name: WrittenName) -> bool:
    """Whether a name is one upper-case letter at its arguments, `J(\\theta)`: a name only
    where a row defines it so, else the letter alone (`L = L(a)` says what L is of)."""
    return name.called and len(name.base) == 1 and name.base.isupper()


def goes_on(axes: list[set[str]], letters: list[str]) -> bool:
    """Whether a name written with more indices than its axes so far adds axes after them:
    positions (`x_{i1}` after `x_i`), or index letters after the ones its axes already
    hold (`x_{ij}` after `x_i`, `x^{(i)}_j` after `x^{(i)}`): x_i was a row of x."""
    k = len(axes)
    if positions_after(letters, k):
        return True
    return len(letters) > k and all(x in axis for x, axis in zip(letters, axes, strict=False))


def positions_after(letters: list[str], k: int) -> bool:
    """Whether a name's subscript goes on with positions after its first k index letters."""
    return len(letters) > k and all(x.isdigit() for x in letters[k:])


#: Fonts and accents that make a lower-case letter a vector (`\\bf` and `\\pmb` as written
#: before `symbn.language.latex.fontforms` reads them as `\\mathbf` and `\\boldsymbol`).
VECTOR_FONTS = (
    "\\mathbf",
    "\\boldsymbol",
    "\\bm",
    "\\bf",
    "\\pmb",
    "\\vec",
    "\\overrightarrow",
    "\\mathbold",
)


def all_scalar(guess: Guess) -> bool:
    """Whether the document writes scalars only: no name with an index letter, no size, no
    range, no sum's index, no shape said (`\\in \\mathbb{R}^{…}`), no name written bold
    (`h_1 = g(x_1 w_{11} + x_2 w_{21})`, `z = w x + b` with derivatives by w and x)."""
    spelled = [s for t in guess.tensors.values() for s in t.spellings] + list(guess.bare.values())
    return not (
        any(t.axes for t in guess.tensors.values())
        or guess.sizes
        or guess.ranges
        or guess.letters
        or any(guess.shapes.values())
        or guess.invented
        or any(s.startswith(VECTOR_FONTS) for s in spelled)
    )


def scalar_letter(name: str, names: Iterable[str]) -> bool:
    """Whether `name` is a lower-case Latin letter, alone, numbered or labelled (`b`, `h1`,
    `w11`, `a_h1`, `target_o1`): in a document of scalars, a scalar (never Euler's e, nor t
    of `t^*_1` beside `t_1`: a letter also written numbered is the stem of those names)."""
    if len(name) >= MIN_WORD and name.isalpha() and name.isascii() and name.islower():
        return True  # target, output: a word the document writes as a name
    head, _, label = name.partition("_")
    labelled = label.isalnum() and (len(head) >= MIN_WORD or not label.isalpha())
    if labelled and head.isalpha() and head.isascii() and head.islower():
        return True  # a_{h1}, out_{o1}: a label, part of the name (not x_i: an index)
    if not (name[:1].islower() and name[:1].isascii() and name[:1] != "e"):
        return name[1:].isdigit() and name[:1].islower() and name[:1].isascii()
    if len(name) > 1:
        return name[1:].isdigit()
    return not any(n[:1] == name and n[1:].isdigit() for n in names)


def differentiated_through(guess: Guess) -> set[str]:
    """The names a differentiated name is defined through (t_1 of E = ½(o_1 - t_1)²)."""
    return {n for t in guess.tensors.values() if t.defined and t.numerator for n in t.sources}


def dependent(guess: Guess) -> Guess:
    """`guess` without the changes no row defines of names rows define: Δy of a defined y
    is no input, which any value could be given."""
    for key in [k for k, t in guess.tensors.items() if k.startswith("Delta_") and not t.defined]:
        of = guess.tensors.get(key.removeprefix("Delta_"))
        if of is not None and of.defined:
            del guess.tensors[key]
            guess.bare.pop(key, None)
    return guess


def setting(tensor: Tensor, defines: bool, guess: Guess) -> None:
    """Mark a name a row sets as written on the left of one; a name the document
    differentiated by before (∂J/∂μ_k, then μ_k = …) as perhaps what solves it (`estimates`)."""
    tensor.left = tensor.left or defines
    if defines and tensor.denominator and not tensor.defined:
        guess.solved.add(tensor.name)


def estimates(guess: Guess) -> None:
    """A name the document differentiates a definition by before a row sets it, where that
    row writes it through names only beside it in that definition (`J = \\sum r_{nk}(x_n -
    \\mu_k)^2`, `\\partial J / \\partial \\mu_k`, then `\\mu_k = \\sum_n r_{nk} x_n /
    \\sum_n r_{nk}`): the row gives the value that solves the derivative set to zero, an
    estimate, not a definition; the name stays an input (read as defined, μ would make every
    derivative by it vacuous: both sides vanish at the estimate)."""
    for name in sorted(guess.solved):
        t = guess.tensors[name]
        of = [guess.tensors.get(top) for top, by in guess.pairs if by == name]
        beside = [
            d
            for d in of
            if d is not None and d is not t and d.defined and name in d.sources
            if t.sources - {name} <= d.sources
        ]
        if t.defined and t.sources - {name} and beside:
            t.defined = t.left = False
