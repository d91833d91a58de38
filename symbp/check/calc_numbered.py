r"""Numbered names in a scalar network: ``z_1 = w_1 x + b_1``, ``z_2 = w_2 h + b_2``.

Where a section defines a quantity by a numbered row (``z_1 = …``) and never writes that
letter with an index letter (no ``z_i``), the number is part of the name: z_1 and z_2 are two
scalars of their own, as are the w_1, b_1 their rows use, and not entries 1 and 2 of one vector
z.  The two readings give the same values; this one lets each numbered row be a definition.
So are the numbered letters a row of a plain scalar name reads without exp or log (``net_{h1} =
w_1 i_1 + w_2 i_2 + b_1``: w_1, i_2 are inputs of their own; ``S = e^{y_1} + e^{y_2}`` sums a
vector's entries).  A letter written with an index letter first anywhere in the section (``p_1 = e^{y_1}/S`` beside
``\frac{\partial p_i}{\partial y_j}``) keeps the vector reading; a number first and letters after
(``z_{2i}``, ``w_{2ij}``) is entry i (i, j) of the numbered name z_2 (w_2).

>>> from symbp.check.calc_parse import parse_expression as P
>>> rows = [[P("z_1"), P("w_1 x + b_1")], [P("z_2"), P("w_2 h + b_2")]]
>>> sorted(numbered_names(rows))
['b', 'w', 'z']
>>> sorted(numbered_names(rows + [[P("L"), P("z_1 + z_3")]]))       # z_3 defined nowhere
['b', 'w']
>>> renamed(P("w_2 h"), {"w"})
('mul', [('ref', 'w_2', ()), ('ref', 'h', ())])
>>> renamed(P("w_{2ij}"), {"w"})
('ref', 'w_2', (((1, 'i'),), ((1, 'j'),)))
"""
from __future__ import annotations

import re

from .calc_tree import kinds_in


def _constant(idx) -> bool:
    return bool(idx) and all(all(letter is None for _, letter in ix) for ix in idx)


def _refs(tree):
    if isinstance(tree, tuple) and len(tree) == 3 and tree[0] == "ref" and isinstance(tree[1], str):
        yield tree
    elif isinstance(tree, (tuple, list)):
        for part in tree:
            yield from _refs(part)


def numbered_names(rows, carried=(), carried_refs=()) -> set:
    """The letters to read as numbered names, from a section's parsed rows (each a list of
    its sides' trees, the left side first): those a row defines by number (``z_1 = …``),
    with the letters that row's right side writes by number, and those of the numbered names
    ``carried`` from the sections above (``z_2``; ``carried_refs``: the names their
    definitions read), less every letter written anywhere with an index letter, and less a
    letter some of whose numbered entries are defined and one written is not (``p_1 = …``
    beside a ``p_2`` no row defines: p_2 would be a free input)."""
    numbers_defined: dict = {}
    numbers_used: dict = {}
    for name in carried:
        if re.fullmatch(r".+_\d+", name):
            letter, number = name.rsplit("_", 1)
            numbers_defined.setdefault(letter, set()).add(int(number))
    for name in carried_refs:
        if re.fullmatch(r".+_\d+", name):
            letter, number = name.rsplit("_", 1)
            numbers_used.setdefault(letter, set()).add(int(number))
    defined, lettered = set(numbers_defined) | set(numbers_used), set()
    for sides in rows:
        for tree in sides:
            for ref in _refs(tree):
                if ref[2] and not _constant(ref[2][:1]):          # z_i: the letter's entries
                    lettered.add(ref[1])
                elif ref[2]:
                    numbers_used.setdefault(ref[1], set()).add(_number(ref[2][0]))
        first = sides[0] if sides else None
        if len(sides) > 1 and first and first[0] == "ref" and len(first[2]) == 1 and _constant(first[2]):
            defined.add(first[1])
            numbers_defined.setdefault(first[1], set()).add(_number(first[2][0]))
        if len(sides) > 1 and first and first[0] == "ref" and (len(first[2]) == 1 and _constant(first[2]) or (
                not first[2] and not any(kinds_in(side) & {"exp", "log"} for side in sides[1:]))):    # net = w_1 i_1 + …,
            defined |= {r[1] for side in sides[1:] for r in _refs(side) if _constant(r[2])}   # not S = Σ e^{y_k}
    incomplete = {letter for letter, numbers in numbers_defined.items()
                  if numbers_used.get(letter, set()) - numbers}
    return defined - lettered - incomplete


def _number(index) -> int:
    return sum(c for c, _ in index)


def renamed(tree, names: set):
    """``tree`` with each numbered entry of a letter in ``names`` (``z_1``) a scalar name of its own."""
    if not names:
        return tree
    if isinstance(tree, tuple) and len(tree) == 3 and tree[0] == "ref" and tree[1] in names \
            and tree[2] and _constant(tree[2][:1]):        # w_{2ij}: entry (i, j) of w_2
        return ("ref", f"{tree[1]}_{_number(tree[2][0])}", tree[2][1:])
    if isinstance(tree, tuple):
        return tuple(renamed(part, names) for part in tree)
    if isinstance(tree, list):
        return [renamed(part, names) for part in tree]
    return tree


_HAT_ONE = re.compile(r"\\(?:hat|widehat)\s*\{\s*([A-Za-z])\s*_\s*\{?\s*1\s*\}?\s*\}|\\(?:hat|widehat)\s*\{?\s*([A-Za-z])\s*\}?\s*_\s*\{?\s*1\s*\}?(?![\d])")
_HAT_ANY = r"\\(?:hat|widehat)\s*\{{\s*{0}\s*_|\\(?:hat|widehat)\s*\{{?\s*{0}\s*\}}?\s*_"
_HAT_BARE = r"\\(?:hat|widehat)\s*(?:\{{\s*{0}\s*\}}|{0}(?![A-Za-z]))(?!\s*_)"


def single_output(latex: list) -> list:
    r"""The displays with a bare prediction ``\hat{y}`` written as ``\hat{y_1}`` where the section
    writes that prediction with the number 1 (``\hat{y_1}``, ``\hat{y}_1``) and with no other
    subscript: a network of one output, whose ŷ and ŷ_1 are one value
    (``L = (y_1 - \hat{y})^2`` beside ``\hat{y_1} = w_5 a_1 + w_6 a_2``); never where the page
    defines ŷ itself or ŷ_1 feeds another row's right side (two quantities).

    >>> single_output([r"\hat{y_1} = w_5 a_1", r"L = (y_1 - \hat{y})^2"])[1]
    'L = (y_1 - \\hat{y_1})^2'
    >>> single_output([r"\hat{y}_1 = w a_1", r"\hat{y}_2 = v a_2", r"L = (y - \hat{y})^2"])[2]
    'L = (y - \\hat{y})^2'
    >>> single_output([r"\hat{y_1} = w_1 x", r"z = w_2 \hat{y_1}", r"L = (y - \hat{y})^2"])[2]
    'L = (y - \\hat{y})^2'
    """
    text = " ".join(latex)
    ones = {m.group(1) or m.group(2) for m in _HAT_ONE.finditer(text)}
    out = list(latex)
    for letter in ones:
        subscripted = len(re.findall(_HAT_ANY.format(letter), text))
        if subscripted != len([m for m in _HAT_ONE.finditer(text) if (m.group(1) or m.group(2)) == letter]):
            continue                                  # ŷ_2, ŷ_i: more than one output
        bare, one = re.compile(_HAT_BARE.format(letter)), re.compile(_HAT_ONE.pattern)
        rows = [r for d in latex for r in re.split(r"\\\\", d) if "=" in r]
        if any(bare.match(r.lstrip(" &")) and r.lstrip(" &")[bare.match(r.lstrip(" &")).end():].lstrip().startswith("=")
               for r in rows) or any("\\partial" not in r and not bare.search(r) and one.search(r.split("=", 1)[1])
                                     and r.split("=", 1)[0].strip(" &") for r in rows):
            continue                                  # ŷ defined of its own, or ŷ_1 feeding another layer
        out = [re.sub(_HAT_BARE.format(letter), lambda m, x=letter: rf"\hat{{{x}_1}}", d) for d in out]
    return out


_FIRST_LABEL = re.compile(r"(?<![A-Za-z\\])([A-Za-z])\s*\^\s*(?:\{\s*1\s*\}|1(?!\d))")
_DIGIT_SCRIPT = re.compile(r"(?<![A-Za-z\\])([A-Za-z])\s*\^\s*(?:\{\s*\d\s*\}|\d)")


def labelled_letters(text: str) -> set:
    r"""The letters a page writes with the superscript 1 (``a^1``, ``z^{1}``): nobody writes a
    power of 1, so that letter's digit superscripts are layer labels (``a^2`` the second layer's
    a), never powers.

    >>> sorted(labelled_letters(r"$$ z^1 = W^1 x + b^1 $$ and $a^2 = \sigma(z^2)$"))
    ['W', 'b', 'z']
    """
    return {m.group(1) for m in _FIRST_LABEL.finditer(text)}


def reads_label_as_power(latex: str, letters: set) -> bool:
    """Whether ``latex`` writes a letter of ``letters`` with a digit superscript (a label the
    scalar-layer reader would read as a power)."""
    return any(m.group(1) in letters for m in _DIGIT_SCRIPT.finditer(latex))
