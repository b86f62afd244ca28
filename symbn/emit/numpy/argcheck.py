"""The checks at the top of each generated function, before any arithmetic: arguments made
arrays of one floating dtype, scalars and whole-number sizes checked, every array's shape checked
against the sizes bound so far (a ValueError naming the argument that disagrees), sizes at
least the minimum a formula needs, positive inputs positive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from symbn.emit.numpy.pysource import INDENT


@dataclass(frozen=True)
class Param:
    """A function argument: an input or definition (`shape` lists its sizes, () for a
    scalar), or a size the arrays do not determine (`shape` None, an int)."""

    name: str
    shape: tuple[str, ...] | None
    positive: bool = False
    description: str = ""


def prologue(params: list[Param], minimum: dict, declared: dict | None = None) -> list[str]:
    """Arguments converted to arrays of one floating dtype, shapes checked, sizes bound and
    at least the `minimum` the formula's indices need and the one the file `declared`."""
    arrays = [p for p in params if p.shape]
    scalars = [p for p in params if p.shape == ()]
    sizes = [p for p in params if p.shape is None]
    lines = [f"{p.name} = np.asarray({p.name})" for p in arrays]
    if arrays:
        first = arrays[0].name
        others = [f"{p.name}.dtype" for p in arrays[1:]]
        same = (f"{others[0]} != dtype" if len(others) == 1
                else f"not {' == '.join(others)} == dtype")
        lines.append(f"dtype = {first}.dtype")
        if others:  # the common case, without the cost of np.result_type
            lines.append(f'if dtype.kind != "f" or dtype.itemsize < 4 or {same}:')
        else:
            lines.append('if dtype.kind != "f" or dtype.itemsize < 4:')
        lines.append(f"{INDENT}dtype = np.result_type({', '.join(p.name for p in arrays)}, "
                     "np.float32)")
    elif scalars:
        lines.append("dtype = np.result_type("
                     + ", ".join(f"np.asarray({p.name})" for p in scalars) + ", np.float32)")
    else:
        lines.append("dtype = np.dtype(np.float64)")
    if arrays or scalars:
        lines.append('if dtype.kind != "f":')
        if len(arrays) > 1:  # name the argument that is not real
            tests = " else ".join(f'"{p.name}" if {p.name}.dtype.kind not in "biuf"'
                                  for p in arrays)
            lines += [f'{INDENT}bad = {tests} else "an argument"',
                      f'{INDENT}raise ValueError(f"expected real floating-point arguments, '
                      'got {dtype} for {bad}")']
        else:
            where = f" for {arrays[0].name}" if arrays else ""
            lines.append(f'{INDENT}raise ValueError(f"expected real floating-point arguments, '
                         f'got {{dtype}}{where}")')
    lines += [f"{p.name} = {p.name}.astype(dtype, copy=False)" for p in arrays]
    for p in scalars:  # refused when complex (a cast to dtype would drop the imaginary part)
        lines += [f"{p.name} = np.asarray({p.name})",
                  f'if {p.name}.dtype.kind not in "iuf":',
                  f'{INDENT}raise ValueError(f"expected real floating-point arguments, got '
                  f'{{{p.name}.dtype}} for {p.name}")',
                  f"{p.name} = {p.name}.astype(dtype)",
                  f"if {p.name}.ndim != 0:",
                  f'{INDENT}raise ValueError(f"{p.name} must be a scalar, got shape '
                  f'{{{p.name}.shape}}")']
    known: list[str] = []
    for p in arrays:
        lines += shape_check(p, known)
    for p in sizes:
        lines += [f"if int({p.name}) != {p.name}:",
                  f'{INDENT}raise ValueError(f"{p.name} must be a whole number, got '
                  f'{{{p.name}!r}}")',
                  f"{p.name} = int({p.name})"]
        known.append(p.name)
    declared = declared or {}
    floor = {s: max(1, minimum.get(s, 1), declared.get(s, 1)) for s in known}
    ones = [s for s in known if floor[s] == 1]
    if ones:
        lines += [f"if {' or '.join(f'{s} < 1' for s in ones)}:",
                  f'{INDENT}raise ValueError(f"every size must be at least 1, got '
                  + ", ".join(f"{s} = {{{s}}}" for s in ones) + '")']
    for s in known:
        if floor[s] > 1:
            why = (f"declared min = {floor[s]}" if declared.get(s) == floor[s]
                   else f"the formula uses index {floor[s]}")
            lines += [f"if {s} < {floor[s]}:",
                      f'{INDENT}raise ValueError(f"{s} must be at least {floor[s]} ({why}), '
                      f'got {{{s}}}")']
    for p in [*scalars, *arrays]:
        if p.positive:
            test = f"{p.name} > 0" if p.shape == () else f"np.all({p.name} > 0)"
            lines += [f"if not {test}:",
                      f'{INDENT}raise ValueError("{p.name} must be positive")']
    return lines


def shape_check(p: Param, known: list[str], label: str = "") -> list[str]:
    """Check the shape of array `p` (called `label` in the message); bind new sizes."""
    shape = p.shape or ()
    want = "(" + ", ".join(shape) + ("," if len(shape) == 1 else "") + ")"
    given = [s for s in shape if s in known]
    note = (" with " + ", ".join(f"{s} = {{{s}}}" for s in dict.fromkeys(given))
            if given else "")
    fail = (f'{INDENT}raise ValueError(f"{label or p.name} must have shape {want}{note}, got '
            f'{{{p.name}.shape}}")')
    new = list(dict.fromkeys(s for s in shape if s not in known))
    if not new:
        return [f"if {p.name}.shape != {want}:", fail]
    tests = [f"{p.name}.ndim != {len(shape)}"]
    tests += [f"{p.name}.shape[{n}] != {s}" for n, s in enumerate(shape) if s in known]
    lines = [f"if {' or '.join(tests)}:", fail]
    if new == list(shape):
        lines.append(f"{', '.join(new)}{',' if len(new) == 1 else ''} = {p.name}.shape")
    else:
        lines += [f"{s} = {p.name}.shape[{shape.index(s)}]" for s in new]
    known.extend(new)
    repeats = [n for n, s in enumerate(shape) if shape.index(s) != n and s in new]
    if repeats:
        lines += [f"if {' or '.join(f'{p.name}.shape[{n}] != {shape[n]}' for n in repeats)}:",
                  fail]
    return lines


def describe(params: list[Param]) -> str:
    """The docstring's "Arguments: ..." sentence; one argument a line, with its description,
    when any argument has one."""
    parts = []
    for p in params:
        if p.shape is None:
            parts.append(f"{p.name} (int)")
        elif not p.shape:
            parts.append(f"{p.name} (scalar{', positive' if p.positive else ''})")
        else:
            parts.append(f"{p.name} ({', '.join(p.shape)}{',' if len(p.shape) == 1 else ''})")
    if any(p.description for p in params):
        return "Arguments:\n" + "\n".join(
            f"  {part}" + (f": {p.description}" if p.description else "")
            for part, p in zip(parts, params, strict=True))
    return "Arguments: " + (", ".join(parts) if parts else "none") + "."


def bind_used(head: list[str], lines: list[str], returns: str) -> list[str]:
    """`head` (the lines before the kernel `lines`) without its `S = x.shape[n]` bindings of
    sizes nothing after them uses."""
    out = []
    for n, line in enumerate(head):
        name = line.split(" = ", 1)[0]
        if (".shape[" in line and name.isidentifier() and " = " in line
                and not any(re.search(rf"\b{name}\b", x)
                            for x in [*head[n + 1:], *lines, returns])):
            continue
        out.append(line)
    return out
