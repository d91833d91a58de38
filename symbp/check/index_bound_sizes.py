r"""A size letter that only a claim's sum bound names: ``\sum_{m=0}^{M-1} … W[m, c, p, q]``.

When a sum's upper bound is one letter nothing else binds, that the document writes as a size
(a factor of a shape, ``the g x h matrix``, ``\mathbb{R}^{C_{out} \times H_{out}}``:
:func:`product_size_letters`; a letter it never writes so stays unbound), written as a count of terms
(``\sum_{m=0}^{M-1}``, ``\sum_{i=1}^{H}``, ``C_{out} - 1``; never a last index ``\sum_{i=0}^{H}``),
the claim uses the letter nowhere else (not ``K - 1 - p``), and the summed index stands alone
on an axis of the claim's tensors (``W[m, …]``, ``∂E/∂Y[m, …]``), the letter is read as that
axis's length: the sum then runs over exactly the axis, from its first index to its last, as a
sum written without bounds does.  Round eight: a letter the document never writes as a size is
read the same way (its role is the axis its sum runs over: ``\sum_{i=1}^{I}`` over δ's rows), but
not where it ends both a map's rows and its columns, or is a tensor's name in the other case; a sum
that does not run over exactly its axis (``\sum_{i=1}^{I}`` counting from 0, ``\sum_{i=0}^{I}``)
is refuted only where it is wrong whatever the letter means (:func:`compare_readings`).  Every axis the index stands on must give the same
value (``X[m, …]`` with the input's channels beside ``W[m, …]`` with the output's: two different
lengths, nothing is bound and the claim stays unchecked as before); a sum whose lower bound is
not the axis's first index binds nothing.  The binding holds for one claim at one size
(:func:`bound_sizes` restores the section's symbols), and the verdict says which letter was
read as which axis.

Example::

    >>> from symbp.check.doc_names import DocContext
    >>> from symbp.check.index_claims import parse
    >>> ctx = DocContext.from_forward(r"Y_{c,i,j} = \sum_{k} \sum_{m} \sum_{n} W_{c,k,m,n} X_{k,i+m,j+n}",
    ...                               {"input": "3x3", "kernel": "2x2", "channels": "2,3",
    ...                                "size_letters": product_size_letters(r"W is M \times C \times 2 \times 2")})
    >>> setup = ctx.instances()[0]
    >>> tree = parse(r"\sum_{c=0}^{M-1} W_{c,k,0,0}", setup.tensor_names(), setup.losses())
    >>> with bound_sizes(setup, [tree]) as notes:
    ...     setup.symbols["M"], notes
    (3, ['M read as the length of the axis c runs over (W axis 1 of 4)'])
"""
from __future__ import annotations

import contextlib
import re

import sympy as sp

from .index_tree import Grad, Jac, Op, Ref, Sum, free_vars, size_key


def _walk(node, sums: list, refs: list) -> None:
    """Every Sum and every indexed Ref (inside gradients and Jacobians too) of a tree."""
    if isinstance(node, Ref):
        if node.idx is not None:
            refs.append(node)
            for e in node.idx:
                _walk(e, sums, refs)
    elif isinstance(node, Grad):
        _walk(node.ref, sums, refs)
    elif isinstance(node, Jac):
        _walk(node.top, sums, refs)
        _walk(node.bottom, sums, refs)
    elif isinstance(node, Sum):
        sums.append(node)
        _walk(node.body, sums, refs)
    elif isinstance(node, Op):
        for a in node.args:
            for x in (a if isinstance(a, (tuple, list)) else (a,)):
                if not isinstance(x, str):
                    _walk(x, sums, refs)


def _letter_plus(hi):
    """(letter, c) of a bound written ``S + c`` / ``S - c`` / ``S``, else None."""
    if isinstance(hi, Ref) and hi.idx is None:
        return hi.name, 0
    if isinstance(hi, Op) and hi.kind == "add" and len(hi.args) == 2:
        s, c = hi.args
        if isinstance(c, Op) and c.kind == "neg" and len(c.args) == 1 and isinstance(c.args[0], (int, sp.Integer)):
            c = -int(c.args[0])
        if isinstance(s, Ref) and s.idx is None and isinstance(c, (int, sp.Integer)):
            return s.name, int(c)
    return None


_LAYER = re.compile(r"^\(?[lL](?:[+-]\d+)?\)?$")


def _layer_of(hi):
    """The layer label a bound's size letter carries (``n_l``, ``n_{l+1}``, ``H^l``, ``n^{(l)}``), else None."""
    if isinstance(hi, Op) and hi.kind == "add" and hi.args:
        hi = hi.args[0]
    if not isinstance(hi, Ref):
        return None
    for label in (hi.label, hi.name.split("_", 1)[1] if "_" in hi.name else None):
        text = re.sub(r"[{}\s]", "", str(label)) if label is not None else ""
        if _LAYER.match(text):
            return text.strip("()")
    return None


def _lo_value(lo, base: int):
    if lo is None:
        return base
    if isinstance(lo, (int, sp.Integer)):
        return int(lo)
    return None


def _names_outside_bounds(node, out: set) -> None:
    """The plain names a tree uses anywhere but in a sum's upper bound."""
    if isinstance(node, Ref):
        if node.idx is None:
            out.add(node.name)
        for e in node.idx or ():
            _names_outside_bounds(e, out)
    elif isinstance(node, Grad):
        _names_outside_bounds(node.ref, out)
    elif isinstance(node, Jac):
        _names_outside_bounds(node.top, out)
        _names_outside_bounds(node.bottom, out)
    elif isinstance(node, Sum):
        if node.lo is not None:
            _names_outside_bounds(node.lo, out)
        _names_outside_bounds(node.body, out)
    elif isinstance(node, Op):
        for a in node.args:
            for x in (a if isinstance(a, (tuple, list)) else (a,)):
                if not isinstance(x, str):
                    _names_outside_bounds(x, out)


def _proposals(setup, trees, readings: dict | None = None, axes_of: dict | None = None) -> dict:
    """{letter: (value, note)} for the letters only sum bounds name, each read consistently.

    ``readings``, when given, receives {letter: (values, note)} for a letter whose role the axis
    fixes but whose sum does not run over exactly that axis (``\\sum_{i=1}^{I}`` in a section
    counting from 0, ``\\sum_{i=0}^{I}`` with I a size): the values it may mean (the axis's
    length, and its last index unless the document writes the letter as a size)."""
    found: dict = {}
    bad: set = set()
    axes_of = {} if axes_of is None else axes_of
    lengths: dict = {}           # letter -> {axis lengths}, for the sums that do not cover their axis
    off: dict = {}               # letter -> (first, note)
    free = set().union(*(set(free_vars(t)) for t in trees))
    elsewhere: set = set()
    sized = setup.settings.get("size_letters", ())
    for tree in trees:
        _names_outside_bounds(tree, elsewhere)
    for tree in trees:
        sums, refs = [], []
        _walk(tree, sums, refs)
        for s in sums:
            written = _letter_plus(s.hi) if s.hi is not None else None
            if written is None or len(s.vars) != 1:
                continue
            letter, const = written
            var = s.vars[0]
            if letter in setup.symbols or letter in free or letter == var or letter in setup.tensor_names() \
                    or letter in elsewhere or (letter.swapcase() in setup.tensor_names() and letter not in sized):
                continue             # K - 1 - p: a size the claim computes with is not read off a sum (B beside
                #                      a bias b: only where the page writes B as a shape's factor, B \times C)
            lo = _lo_value(s.lo, setup.base)
            inner_refs: list = []
            _walk(s.body, [], inner_refs)
            axes = [(ref, axis) for ref in inner_refs for axis, e in enumerate(ref.idx)
                    if isinstance(e, Ref) and e.idx is None and e.name == var]
            if lo is None or not axes:
                bad.add(letter)
                continue
            layer = _layer_of(s.hi)
            if layer is not None and any(re.sub(r"[{}()\s]", "", str(ref.label)) != layer for ref, _ in axes):
                bad.add(letter)      # \sum_{j=1}^{n_l} over δ^{(l+1)}_j: another layer's size, not read
                axes_of.setdefault(letter, set())
                continue
            for ref, axis in axes:
                got = setup.axis_bounds(ref.name, ref.label, axis, len(ref.idx))
                if got is None:
                    bad.add(letter)
                    continue
                where = f"{ref.name} axis {axis + 1} of {len(ref.idx)}"      # the same words at every size
                if lo != got[0] or const != lo - 1:      # \sum_{i=0}^{H}, \sum_{i=1}^{I} from 0: not the axis
                    lengths.setdefault(letter, set()).add(got[1])
                    off.setdefault(letter, (got[0], f"{letter} the end of the axis {var} runs over ({where})"))
                    bad.add(letter)
                    continue
                value = got[0] + got[1] - 1 - const
                note = f"{letter} read as the length of the axis {var} runs over ({where})"
                if letter in found and found[letter][0] != value:
                    bad.add(letter)
                found.setdefault(letter, (value, note))
                axes_of.setdefault(letter, set()).add((ref.name, ref.label, axis, len(ref.idx)))
    if readings is not None:
        for letter, (first, note) in off.items():
            counts = lengths[letter] | ({found[letter][0]} if letter in found else set())
            if len(counts) == 1 and letter not in setup.symbols:     # one axis length: the role is fixed
                n = counts.pop()
                values = [n] if letter in sized else sorted({n, first + n - 1})
                readings[letter] = (values, note)
    for letter, axes in (axes_of or {}).items():
        if len({_plane_axis(setup, *a) for a in axes} - {None}) > 1:
            bad.add(letter)          # \sum_{i=1}^{I}\sum_{j=1}^{I}: rows and columns, equal only when square
    return {k: v for k, v in found.items() if k not in bad and v[0] >= 1}


def _plane_axis(setup, name, label, axis, written):
    """``"H"`` / ``"W"`` where ``axis`` of the named tensor is a map's rows / columns (its layout, or
    the last two of a reference's indices in a convolution), else None."""
    try:
        role = {"preact_in": "input", "preact_grad": "input", "delta": "output"}.get(
            setup.role(name, label), setup.role(name, label))
    except Exception:               # noqa: BLE001 -- no role: no plane axis
        return None
    lay = (setup.layout.get(role) or "").upper()
    if lay and len(lay) == written:
        return lay[axis] if lay[axis] in "HW" else None
    if setup.layer == "fc" or role == "bias" or written < 2 or axis < written - 2:
        return None
    return "HW"[axis - (written - 2)]


def letter_dims(setup, trees) -> dict:
    r"""{letter: (role, axis)} for the size letters :func:`bound_sizes` reads off a claim's sums,
    where every axis the letter ends is one axis of one role's tensor (``\sum_{i=1}^{I}`` over
    ``δ_{ij}``: I is ("delta", 0)): the section's ``dims`` entry that lets the all-sizes engine
    read the letter as that size.  Example: ``letter_dims(setup, [lhs, rhs])`` → ``{"I": ("output", 0)}``."""
    axes_of: dict = {}
    bound = _proposals(setup, trees, None, axes_of)
    out = {}
    for letter, axes in axes_of.items():
        try:
            roles = {(setup.role(name, label), axis) for name, label, axis, _ in axes}
        except Exception:           # noqa: BLE001 -- a name without a role: the engine is not asked
            continue
        if letter in bound and len(roles) == 1:
            out[letter] = roles.pop()
    return out


def off_axis_readings(setup, trees) -> dict:
    r"""{letter: (values, note)}: the size letters of a claim's sum bounds whose role an axis fixes
    (the summed index stands on it) but whose written sum does not run over exactly that axis in
    the section's counting (``\sum_{i=1}^{I}`` where the section counts from 0).  ``values``: the
    axis's length, and its last index too unless the document writes the letter as a size
    (``I 	imes J``); a claim false under every value is refuted, else it is not read."""
    readings: dict = {}
    _proposals(setup, trees, readings)
    return readings


_OPERAND = r"((?:\\[A-Za-z]+|[A-Za-z])(?:\s*_\s*(?:\{(?:[^{}]|\{[^{}]*\})*\}|\\text\s*\{[^{}]*\}|\w))?)"
_PRODUCT = re.compile(_OPERAND + r"\s*(?:\\times|×|\s+x\s+|\s*\*\s*)\s*\(?\s*(?=" + _OPERAND[1:-1] + r")")
_AFTER = re.compile(r"(?:\\times|×|(?<=\s)x(?=\s))\s*\(?\s*" + _OPERAND)


def _name(written: str) -> str:
    """``H_{out}``, ``H_\\text{out}``, ``K_H`` → the name a sum's bound gives it (``H_out``)."""
    name = re.sub(r"\\(?:text|mathrm)\s*", "", written)
    name = re.sub(r"[{}\s]", "", name)
    return name


def product_size_letters(text: str) -> frozenset:
    """The names a document writes as factors of a shape (``g x h``, ``C_{out} \\times H_{out}``,
    ``\\mathbb{R}^{C \\times H \\times W}``): the sizes it names, which a claim's sum bound may
    then tie to the axis it counts (a letter the document never writes as a size stays unbound).
    Example: ``sorted(product_size_letters("the g x h matrix Y"))`` → ``['g', 'h']``."""
    found = {_name(m.group(1)) for m in _PRODUCT.finditer(text)} | {_name(m.group(1)) for m in _AFTER.finditer(text)}
    return frozenset(n for n in found if n and not n.isdigit() and n.lstrip("\\") not in ("times", "mathbb", "R"))


def _int_value(e, symbols: dict):
    """An integer bound written with numbers and bound size letters (``C^{l-1}``, ``k_1 - 1``), else None."""
    if isinstance(e, (int, sp.Integer)):
        return int(e)
    if isinstance(e, Ref) and e.idx is None:
        value = symbols.get(size_key(e), symbols.get(e.name)) if size_key(e) != e.name else symbols.get(e.name)
        return int(value) if isinstance(value, (int, sp.Integer)) else None
    if isinstance(e, Op) and e.kind in ("add", "neg"):
        vals = [_int_value(a, symbols) for a in e.args]
        if None in vals:
            return None
        return sum(vals) if e.kind == "add" else -vals[0]
    return None


def _sum_axes(setup, s, symbols):
    """[(lo, hi, first, length, name, axis)] for a one-letter sum with written bounds and every axis
    its letter stands alone on."""
    if len(s.vars) != 1 or s.lo is None or s.hi is None:
        return []
    lo, hi = _int_value(s.lo, symbols), _int_value(s.hi, symbols)
    if lo is None or hi is None:
        return []
    refs: list = []
    _walk(s.body, [], refs)
    out = []
    for ref in refs:
        for axis, e in enumerate(ref.idx):
            if isinstance(e, Ref) and e.idx is None and e.name == s.vars[0]:
                got = setup.axis_bounds(ref.name, ref.label, axis, len(ref.idx))
                if got is not None:
                    out.append((lo, hi, got[0], got[1], ref.name, axis))
    return out


def mixed_base(setup, trees) -> str | None:
    r"""Why a claim is not read when its written sums count one axis from another base than the
    section's and another axis from the section's own (``\sum_{c=1}^{C}`` over channels beside
    ``\sum_{m=0}^{k-1}`` over kernel rows: the document counts channels from 1 and positions from 0),
    else None.  The shifted sum runs over exactly the axis's count of entries: read in one base it
    would reach an entry that does not exist and refute a claim that is right in the document's own
    counting.  A claim whose every written sum is shifted is left to the base check (and a bound
    that is wrong is refuted)."""
    for tree in trees:
        sums: list = []
        _walk(tree, sums, [])
        spans = [(s.vars[0], a) for s in sums for a in _sum_axes(setup, s, setup.symbols)]
        own = {var for var, (lo, hi, first, length, _, _) in spans if (lo, hi) == (first, first + length - 1)}
        for var, (lo, hi, first, length, name, axis) in spans:
            if var not in own and own and (lo, hi) in ((first + 1, first + length), (first - 1, first + length - 2)):
                return (f"the sum over {var} runs from {lo} to {hi}, the {length} entries of {name}'s axis "
                        f"{axis + 1}, which this section counts from {first}, while the sum over "
                        f"{sorted(own)[0]} counts from the section's base: the document counts its axes from "
                        f"two bases; a mixed index base is not read")
    return None


@contextlib.contextmanager
def bound_sizes(setup, trees):
    """Within the block, ``setup.symbols`` also holds the size letters only sum bounds name
    (see the module's doc); yields the notes saying which letter was read as which axis."""
    props = _proposals(setup, trees)
    saved = dict(setup.symbols)
    setup.symbols.update({k: v for k, (v, _) in props.items()})
    try:
        yield [note for _, note in props.values()]
    finally:
        setup.symbols.clear()
        setup.symbols.update(saved)


def compare_readings(setup, trees, readings: dict, compare):
    r"""``compare()`` (an Outcome) under every value :func:`off_axis_readings` leaves each letter:
    the first refutation, with the letters named, where every reading refutes (``\sum_{i=1}^{I}``
    in a section counting from 0 skips entry 0 and reaches past the end whatever I is); else
    IndexError_ naming the letter and the directive that says what it is.  A mixed base
    (:func:`mixed_base`) under any reading is not read."""
    import itertools
    from .index_tree import IndexError_
    letters = sorted(readings)
    saved = dict(setup.symbols)
    outcomes = []
    try:
        for combo in itertools.product(*(readings[k][0] for k in letters)):
            setup.symbols.update(zip(letters, combo))
            mixed = mixed_base(setup, trees)
            if mixed:
                raise IndexError_(mixed)
            outcomes.append(compare())
            setup.symbols.clear()
            setup.symbols.update(saved)
    finally:
        setup.symbols.clear()
        setup.symbols.update(saved)
    said = "; ".join(f"{readings[k][1]}, read as {' or '.join(map(str, readings[k][0]))}" for k in letters)
    if outcomes and all(o.verdict == "refuted" for o in outcomes):
        outcomes[0].detail += f" (no number gives {', '.join(letters)}: {said}; wrong at each)"
        return outcomes[0]
    verdicts = ", ".join(dict.fromkeys(o.verdict for o in outcomes))
    raise IndexError_(f"the index or size '{letters[0]}' is not bound and its sum does not run over "
                      f"exactly the axis it ends ({said}: {verdicts} by value; say what it is in a directive, "
                      f"e.g. <!-- symbp: names: {letters[0]}=output.rows -->; .cols, .batch, .channels name "
                      f"the other axes)")
