"""The checks at the top of each generated function, before any arithmetic: arguments made
arrays of one floating dtype, scalars and whole-number sizes checked, every array's shape checked
against the sizes bound so far (a ValueError naming the argument that disagrees), sizes at
least the minimum a formula needs, positive inputs positive.
"""

from __future__ import annotations

from dataclasses import dataclass

from symbn.emit.arrays.statements import Assign, Bind, If, Raise, Statement


@dataclass(frozen=True)
class Param:
    """A function argument: an input or definition (`shape` lists its sizes, () for a
    scalar), or a size the arrays do not determine (`shape` None, an int)."""

    name: str
    shape: tuple[str, ...] | None
    positive: bool = False
    description: str = ""
    #: a label's range (a size name): whole numbers taken 0-based, in 0..range - 1
    label: str | None = None


def prologue(
    params: list[Param],
    minimum: dict,
    declared: dict | None = None,
) -> list[Statement]:
    """Arguments converted to arrays of one floating dtype, shapes checked, sizes bound and
    at least the `minimum` the formula's indices need and the one the file `declared`."""
    arrays = [p for p in params if p.shape and p.label is None]
    labelled = [p for p in params if p.label is not None]
    scalars = [p for p in params if p.shape == ()]
    sizes = [p for p in params if p.shape is None]
    body: list[Statement] = [Assign(p.name, f"np.asarray({p.name})") for p in arrays]
    body += [x for p in labelled for x in label_kind(p)]
    if arrays:
        first = arrays[0].name
        others = [f"{p.name}.dtype" for p in arrays[1:]]
        same = (
            f"{others[0]} != dtype" if len(others) == 1 else f"not {' == '.join(others)} == dtype"
        )
        body.append(Assign("dtype", f"{first}.dtype"))
        test = 'dtype.kind != "f" or dtype.itemsize < 4'
        promote = Assign(
            "dtype", f"np.result_type({', '.join(p.name for p in arrays)}, np.float32)"
        )
        # the common case, without the cost of np.result_type
        body.append(If(f"{test} or {same}" if others else test, (promote,)))
    elif scalars:
        body.append(
            Assign(
                "dtype",
                "np.result_type("
                + ", ".join(f"np.asarray({p.name})" for p in scalars)
                + ", np.float32)",
            )
        )
    else:
        body.append(Assign("dtype", "np.dtype(np.float64)"))
    if arrays or scalars:
        if len(arrays) > 1:  # name the argument that is not real
            tests = " else ".join(
                f'"{p.name}" if {p.name}.dtype.kind not in "biuf"' for p in arrays
            )
            refuse: tuple[Statement, ...] = (
                Assign("bad", f'{tests} else "an argument"'),
                _value_error('f"expected real floating-point arguments, got {dtype} for {bad}"'),
            )
        else:
            where = f" for {arrays[0].name}" if arrays else ""
            refuse = (
                _value_error(f'f"expected real floating-point arguments, got {{dtype}}{where}"'),
            )
        body.append(If('dtype.kind != "f"', refuse))
    body += [Assign(p.name, f"{p.name}.astype(dtype, copy=False)") for p in arrays]
    for p in scalars:  # refused when complex (a cast to dtype would drop the imaginary part)
        body += [
            Assign(p.name, f"np.asarray({p.name})"),
            _check(
                f'{p.name}.dtype.kind not in "iuf"',
                f'f"expected real floating-point arguments, got {{{p.name}.dtype}} for {p.name}"',
            ),
            Assign(p.name, f"{p.name}.astype(dtype)"),
            _check(
                f"{p.name}.ndim != 0", f'f"{p.name} must be a scalar, got shape {{{p.name}.shape}}"'
            ),
        ]
    known: list[str] = []
    for p in params:
        if p.shape:
            body += shape_check(p, known)
    for p in sizes:
        body += [
            _check(
                f"int({p.name}) != {p.name}",
                f'f"{p.name} must be a whole number, got {{{p.name}!r}}"',
            ),
            Assign(p.name, f"int({p.name})"),
        ]
        known.append(p.name)
    declared = declared or {}
    floor = {s: max(1, minimum.get(s, 1), declared.get(s, 1)) for s in known}
    ones = [s for s in known if floor[s] == 1]
    if ones:
        body.append(
            _check(
                " or ".join(f"{s} < 1" for s in ones),
                'f"every size must be at least 1, got '
                + ", ".join(f"{s} = {{{s}}}" for s in ones)
                + '"',
            )
        )
    for s in known:
        if floor[s] > 1:
            why = (
                f"declared min = {floor[s]}"
                if declared.get(s) == floor[s]
                else f"the formula uses index {floor[s]}"
            )
            body.append(
                _check(
                    f"{s} < {floor[s]}", f'f"{s} must be at least {floor[s]} ({why}), got {{{s}}}"'
                )
            )
    body += [label_range(p) for p in labelled]
    for p in [*scalars, *arrays]:
        if p.positive:
            test = f"{p.name} > 0" if p.shape == () else f"np.all({p.name} > 0)"
            body.append(_check(f"not {test}", f'"{p.name} must be positive"'))
    return body


def label_kind(p: Param) -> list[Statement]:
    """A label's argument made an array, of whole numbers (refused otherwise)."""
    return [
        Assign(p.name, f"np.asarray({p.name})"),
        _check(
            f'{p.name}.dtype.kind not in "iu"',
            f'f"{p.name} must hold whole-number labels, got {{{p.name}.dtype}}"',
        ),
    ]


def label_range(p: Param) -> If:
    """A label's values in 0..range - 1: the exported functions number classes from 0."""
    n, top = p.name, p.label
    return _check(
        f"{n}.size and ({n}.min() < 0 or {n}.max() >= {top})",
        f'f"{n} must hold labels in 0..{{{top} - 1}} (counted from 0), got values from '
        f'{{{n}.min()}} to {{{n}.max()}}"',
    )


def shape_check(p: Param, known: list[str], label: str = "") -> list[Statement]:
    """Check the shape of array `p` (called `label` in the message); bind new sizes."""
    shape = p.shape or ()
    want = "(" + ", ".join(shape) + ("," if len(shape) == 1 else "") + ")"
    given = [s for s in shape if s in known]
    note = " with " + ", ".join(f"{s} = {{{s}}}" for s in dict.fromkeys(given)) if given else ""
    message = f'f"{label or p.name} must have shape {want}{note}, got {{{p.name}.shape}}"'
    new = list(dict.fromkeys(s for s in shape if s not in known))
    if not new:
        return [_check(f"{p.name}.shape != {want}", message)]
    tests = [f"{p.name}.ndim != {len(shape)}"]
    tests += [f"{p.name}.shape[{n}] != {s}" for n, s in enumerate(shape) if s in known]
    body: list[Statement] = [_check(" or ".join(tests), message)]
    if new == list(shape):
        body.append(Bind(tuple(new), p.name))
    else:
        body += [Bind((s,), p.name, shape.index(s)) for s in new]
    known.extend(new)
    repeats = [n for n, s in enumerate(shape) if shape.index(s) != n and s in new]
    if repeats:
        body.append(
            _check(" or ".join(f"{p.name}.shape[{n}] != {shape[n]}" for n in repeats), message)
        )
    return body


def cache_prologue(
    cached: list[str],
    shapes: dict[str, tuple[str, ...]],
    up: str,
    out_shape: tuple[str, ...],
    labelled: frozenset[str] = frozenset(),
) -> list[Statement]:
    """The checks at the top of `backward`: `cache` is the dict forward returned (its keys
    `cached`), its arrays give the dtype and bind the sizes, and `dout`, converted to that
    dtype as the upstream gradient `up`, has the output's shape `out_shape`."""
    keys = "{" + ", ".join(f'"{n}"' for n in cached) + "}"
    returned = "cache must be the dict that forward returned"
    lines: list[Statement] = [
        If(
            "not isinstance(cache, dict)",
            (Raise(f'TypeError(f"{returned}, got {{type(cache).__name__}}")'),),
        ),
        If(
            f"cache.keys() != {keys}",
            (
                Raise(
                    f'ValueError(f"{returned}, with the keys {", ".join(cached)}; '
                    'got the keys {sorted(cache)}")'
                ),
            ),
        ),
    ]
    lines += [Assign(n, f'cache["{n}"]') for n in cached]
    arrays = [n for n in cached if shapes[n]]
    real = [n for n in cached if n not in labelled]  # a label's dtype is not the working one
    shaped = [n for n in real if shapes[n]]
    first = f"{shaped[0] if shaped else real[0]}.dtype" if real else None
    lines.append(Assign("dtype", first or "np.result_type(dout, np.float32)"))
    lines.append(Assign(up, "np.asarray(dout, dtype=dtype)"))
    known: list[str] = []
    for n in arrays:
        for k, s in enumerate(shapes[n]):
            if s not in known:
                lines.append(Bind((s,), n, k))
                known.append(s)
    return lines + shape_check(Param(up, out_shape), known, label="dout")


def _check(test: str, message: str) -> If:
    """if test: raise ValueError(message), `message` the code of a string."""
    return If(test, (_value_error(message),))


def _value_error(message: str) -> Raise:
    return Raise(f"ValueError({message})")


def describe(params: list[Param]) -> str:
    """The docstring's "Arguments: ..." sentence; one argument a line, with its description,
    when any argument has one."""
    parts = []
    for p in params:
        if p.shape is None:
            parts.append(f"{p.name} (int)")
        elif p.label is not None:
            shape = f"{', '.join(p.shape)}{',' if len(p.shape) == 1 else ''}"
            parts.append(f"{p.name} ({shape}) of labels, whole numbers in 0..{p.label}-1")
        elif not p.shape:
            parts.append(f"{p.name} (scalar{', positive' if p.positive else ''})")
        else:
            parts.append(f"{p.name} ({', '.join(p.shape)}{',' if len(p.shape) == 1 else ''})")
    if any(p.description for p in params):
        return "Arguments:\n" + "\n".join(
            f"  {part}" + (f": {p.description}" if p.description else "")
            for part, p in zip(parts, params, strict=True)
        )
    return "Arguments: " + (", ".join(parts) if parts else "none") + "."
