r"""Tensors a document defines by its own index equation, read as tensors of the section.

Authors name helper tensors and then state gradients in terms of them: a padded input
``\tilde{x}_{i,j} = x_{i-P,j-P}``, a dilated gradient ``\ddot\delta_{i,j} = \begin{cases}
\delta_{i/S,j/S} & S \mid i, S \mid j \\ 0 & \text{otherwise}\end{cases}``, a flipped kernel
``\check w_{m,n} = w_{K-1-m,K-1-n}`` (also ``K'(m,n) = K(M-1-m,N-1-n)``, ``w^{rot}_{m,n} = …``),
a kernel with its channels swapped ``\tilde k_{c',c,i,j} = k_{c,c',F-1-i,F-1-j}``, or a whole
tensor ``\hat X = pad(X, p)``.  :func:`read_definition` reads such a display (its right side
through the index-tree reader) into an :class:`AuxDefinition`; :func:`aux_entry` gives an entry
of it in a sized :class:`symbp.check.doc_names.DocContext` by evaluating the right side there,
with every entry the right side reaches outside its tensor zero (the defined tensor is that
formula with zeros outside); :func:`aux_bounds` the first index and length of each axis (where
the right side reaches an existing entry).  Claims that use the name are then checked entry by
entry like any index claim: the truth is still the chain rule through the section's forward.
A definition that cannot be read is not recorded, so claims that use its name stay unchecked
("has no role"); the name is never guessed.

Example::

    >>> from symbp.check.doc_names import DocContext
    >>> ctx = DocContext.from_forward(r"z_{i,j} = \sum_m \sum_n a_{i+m,j+n} w_{m,n}", {})
    >>> d = read_definition(r"\check{w}_{m,n} = w_{1-m,1-n}", ctx)
    >>> (d.name, d.vars, shown(d.name))
    ('check_w', ('m', 'n'), '\\check{w}')
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import sympy as sp

from .index_claims import IndexError_, Op, OutOfRange, Ref, names_in, parse
from .index_operators import substitute
from .index_tree import ACCENTS, label_offset

_ARROW = re.compile(r"\s*(?::=|\\coloneqq|\\triangleq|\\equiv|\\stackrel\s*\{[^{}]*\}\s*\{=\}|\\overset\s*\{[^{}]*\}\s*\{=\})\s*")
_OPERAND = r"(\([^()]*\)|\{[^{}]*\}|\\?[A-Za-z]\w*(?:\s*[+-]\s*\d+)?|\d+)"
# i \bmod S = 0, i \mod S = 0, i \% S = 0  ->  i - \lfloor i/S \rfloor S = 0
_MOD = re.compile(_OPERAND + r"\s*(?:\\bmod|\\mod|\\%|%|\bmod\b)\s*" + _OPERAND)
# S \mid i (S divides i)  ->  \lfloor i/S \rfloor S = i
_DIVIDES = re.compile(_OPERAND + r"\s*(?:\\mid|\\vert|\|)\s*" + _OPERAND)
_WORD_LABEL = re.compile(r"\s*\\?(?:text|mathrm|rm)?\s*\{?\s*(?:rot|flip|pad|padded|dil|dilated|up|new|rev|r|p|f|d|"
                         r"180|rot180|flipped|full)\s*\}?\s*", re.I)


@dataclass(frozen=True)
class AuxDefinition:
    """``name^label_{vars} = rhs`` (``vars`` empty: a whole tensor ``name = rhs``)."""
    name: str
    label: str | None
    vars: tuple
    rhs: object
    latex: str


def shown(name: str) -> str:
    r"""The document's spelling of an accent name: ``tilde_check_delta`` -> ``\tilde{\check{\delta}}``."""
    parts = name.split("_")
    if len(parts) == 2 and parts[0] not in ACCENTS:                     # X_pad
        return (parts[0] if len(parts[0]) == 1 else "\\" + parts[0]) + "_{" + parts[1] + "}"
    if len(parts) < 2 or parts[0] not in ACCENTS:
        return name
    inner = parts[-1] if len(parts[-1]) == 1 else "\\" + parts[-1]
    for accent in reversed(parts[:-1]):
        inner = f"\\{accent}{{{inner}}}"
    return inner


def shown_ref(name: str, label) -> str:
    r"""``shown`` with the label: ``w^{rot}``."""
    return shown(name) + (f"^{{{label}}}" if label else "")


_SEP = r"\s*,?\s*(?:\\q?quad\s*|\\[,;]\s*)*"
_ELSE = re.compile(_SEP + r"(?:\\text\s*\{\s*,?\s*(?:else|otherwise|and)\s*(?:0\s*(?:otherwise|elsewhere)?\s*)?\}\s*(?:0\s*)?|"
                   r"(?:\\text\s*\{\s*,?\s*and\s*\}\s*)?0\s*\\text\s*\{\s*(?:otherwise|elsewhere|else)\s*\})\s*$")
_IF = re.compile(r"^(.*?)" + _SEP + r"\\text\s*\{\s*(?:if|for|when)\s*\}(.*)$", re.S)


def _if_else(rhs: str) -> str:
    r"""``A \text{ if } c, \text{ else } 0`` (and ``0 \text{ otherwise}``) as ``\begin{cases}``."""
    m = _IF.match(rhs)
    if not m or r"\begin{cases}" in rhs:
        return rhs
    cond = _ELSE.sub("", m.group(2))
    return rf"\begin{{cases}} {m.group(1)} & {cond} \\ 0 & \text{{otherwise}} \end{{cases}}"


def _divisibility(latex: str) -> str:
    """Divisibility conditions as integer arithmetic the index reader takes (floor)."""
    latex = re.sub(r"\\(?:text|mathrm)\s*\{\s*and\s*\}", ",", latex)     # a \text{ and } b: a, b
    latex = _MOD.sub(lambda m: f"({m.group(1)} - \\lfloor ({m.group(1)})/({m.group(2)}) \\rfloor ({m.group(2)}))", latex)
    return _DIVIDES.sub(lambda m: f"\\lfloor ({m.group(2)})/({m.group(1)}) \\rfloor ({m.group(1)}) = {m.group(2)}", latex)


def is_defined_name(ctx, name: str, label, with_indices: bool = True) -> bool:
    """A name this reader may take as defined by the document: an accent name, a primed
    letter (``K'``), a letter with a word label (``w^{rot}``), or a name with no role."""
    if name.split("_")[0] in ACCENTS or name.endswith("'") or "_" in name:      # \tilde x, K', X_pad
        return name not in ctx.roles
    if label is not None and label_offset(label) is None and label not in ("T",) and _WORD_LABEL.fullmatch(label):
        return True
    return name not in ctx.roles and name not in ctx.losses() and label is None and with_indices


def read_definition(latex: str, ctx) -> AuxDefinition | None:
    """The definition a display states, or None (not a definition this reader takes).

    ``latex``: one display, ``lhs = rhs``; ``ctx``: the section's DocContext (its roles name
    the tensors the right side may use).  The left side is a new name with distinct index
    letters (or none: a whole tensor); the right side uses only those letters, the section's
    size letters, and at least one tensor of the section or another definition."""
    from .latex_atoms import LatexAtomError, split_top_level
    text = _ARROW.sub("=", latex.strip().rstrip(".,; "))
    try:
        sides = split_top_level(text, ("=",))
    except LatexAtomError:
        return None
    if len(sides) != 2 or not sides[0].strip() or not sides[1].strip():
        return None
    defined = dict(ctx.settings.get("aux") or {})
    names = ctx.tensor_names() | {n for n, _ in defined}
    try:
        lhs = parse(sides[0], names, ctx.losses())
    except (IndexError_, RecursionError, ValueError):
        return None
    if ctx.layer == "fc" or not isinstance(lhs, Ref) or not is_defined_name(ctx, lhs.name, lhs.label, lhs.idx is not None) or (lhs.name, lhs.label) in defined:
        return None
    try:
        rhs = parse(_divisibility(_if_else(sides[1])), names | {lhs.name}, ctx.losses())
    except (IndexError_, RecursionError, ValueError):
        return None
    solved = _solve_left_indices(lhs.idx or (), rhs)
    if solved is None:
        return None
    vars_, rhs = solved
    refs = _refs(rhs)
    if any((r.name, r.label) == (lhs.name, lhs.label) for r in refs) or \
            not ({r.name for r in refs} & (ctx.tensor_names() | {n for n, _ in defined})):
        return None
    return AuxDefinition(lhs.name, lhs.label, vars_, rhs, latex.strip())


def _solve_left_indices(idx, rhs):
    r"""(letters, right side) of a definition whose left indices are letters, or affine in one
    letter each (``\tilde l_{i+P,j+P} = l_{i,j}``, ``\hat\delta_{Si,Sj} = \delta_{i,j}``): the
    right side then takes that letter solved for (``i-P``, ``i/S`` where S divides it, else
    zero); None for anything else."""
    rhs_letters = set().union(*(names_in(e) for r in _refs(rhs) for e in (r.idx or ())))
    letters, conditions = [], []
    for e in idx:
        if isinstance(e, Ref) and e.idx is None and e.label is None:
            letters.append(e.name)
            continue
        terms = list(e.args) if isinstance(e, Op) and e.kind == "add" else [e]
        own = [t for t in terms if names_in(t) & rhs_letters]
        if len(own) != 1:
            return None
        term, rest = own[0], [t for t in terms if t is not own[0]]
        factor, flipped = None, False
        if isinstance(term, Op) and term.kind == "neg":            # \check w_{K-1-m} = w_m
            term, flipped = term.args[0], True
        if isinstance(term, Op) and term.kind == "mul" and len(term.args) == 2:
            k = next((n for n, a in enumerate(term.args) if isinstance(a, Ref) and a.idx is None and a.name in rhs_letters), None)
            if k is None or names_in(term.args[1 - k]) & rhs_letters:
                return None
            term, factor = term.args[k], term.args[1 - k]
        if not (isinstance(term, Ref) and term.idx is None and term.label is None) or \
                any(names_in(t) & rhs_letters for t in rest):
            return None
        var = term.name
        solved = Op("add", (term, Op("neg", (rest[0] if len(rest) == 1 else Op("add", tuple(rest)),)))) if rest else term
        if factor is not None:
            whole = Op("mul", (Op("floor", (Op("div", (solved, factor)),)), factor))
            conditions.append(Op("cmp", ((solved, whole), ("=",))))
            solved = Op("div", (solved, factor))
        rhs = substitute(rhs, var, Op("neg", (solved,)) if flipped else solved)
        letters.append(var)
    if len(set(letters)) != len(letters):
        return None
    if conditions:
        rhs = Op("cases", ((rhs, conditions[0] if len(conditions) == 1 else Op("all", tuple(conditions))), (0, None)))
    return tuple(letters), rhs


def record(settings: dict, definition: AuxDefinition, ctx=None) -> str:
    """Add ``definition`` to the section's settings and to ``ctx``'s (one dict that the
    contexts of the section share); the verdict text."""
    table = settings.setdefault("aux", {})
    table[(definition.name, definition.label)] = definition
    if ctx is not None:
        ctx.settings["aux"] = table
    what = "entry by entry" if definition.vars else "as a whole tensor"
    return (f"{shown_ref(definition.name, definition.label)} is defined here "
            f"{what}; claims that use it are read with this definition (zero where it reaches outside a tensor)")


def definition_of(ctx, name: str, label) -> AuxDefinition | None:
    r"""The definition of ``name^label``; a name written without its label (``\tilde x`` for a
    defined ``\tilde x^l``) takes the one definition of that name, if there is only one (never
    a letter that has a role: ``w`` is not ``w^{rot}``)."""
    table = ctx.settings.get("aux") or {}
    found = table.get((name, label))
    if found is None and label is None and name not in ctx.roles and name.rstrip("'") not in ctx.roles:
        same = [d for (n, _), d in table.items() if n == name]
        found = same[0] if len(same) == 1 else None
    return found


def _whole(ctx, d: AuxDefinition):
    key = ("aux-whole", d.name, d.label)
    if key not in ctx._grads:
        from .index_evaluator import Evaluator
        value = Evaluator(ctx).value(d.rhs, {})
        if not isinstance(value, np.ndarray):
            raise IndexError_(f"{shown(d.name)} is defined as one number, not a tensor")
        ctx._grads[key] = value
    return ctx._grads[key]


def aux_entry(ctx, d: AuxDefinition, pos):
    """The entry of the defined tensor at ``pos`` (the document's indices)."""
    if not d.vars:
        arr = _whole(ctx, d)
        if pos is None:
            return arr
        p = tuple(int(i) - ctx.base for i in pos)
        if len(p) != arr.ndim:
            raise IndexError_(f"{shown(d.name)} is written with {len(p)} indices but has {arr.ndim} axes")
        if any(not 0 <= x < s for x, s in zip(p, arr.shape)):
            raise OutOfRange(f"{shown(d.name)}{tuple(pos)} does not exist (its shape is "
                             f"{'x'.join(map(str, arr.shape))})")
        return arr[p]
    if pos is None:
        raise IndexError_(f"{shown(d.name)} without its indices (it is defined entry by entry)")
    if len(pos) != len(d.vars):
        raise IndexError_(f"{shown(d.name)} is written with {len(pos)} indices but defined with {len(d.vars)}")
    from .index_evaluator import Evaluator
    value = Evaluator(ctx).value(d.rhs, dict(zip(d.vars, (int(p) for p in pos))))
    if isinstance(value, np.ndarray):
        raise IndexError_(f"an entry of {shown(d.name)} is defined as a tensor")
    return sp.Integer(value) if isinstance(value, int) else value


def aux_bounds(ctx, d: AuxDefinition, axis: int):
    """(first index, length) of an axis of the defined tensor, or None: for a whole tensor its
    shape; for an entry definition the indices where the right side reaches an existing entry
    (scanning the axis's letter alone, the others at any value)."""
    if not d.vars:
        arr = _whole(ctx, d)
        return (ctx.base, arr.shape[axis]) if axis < arr.ndim else None
    if axis >= len(d.vars):
        return None
    var = d.vars[axis]
    refs = _refs_with(d.rhs, var, set(d.vars))
    if not refs:
        return None
    from .index_evaluator import Evaluator
    ev, span = Evaluator(ctx), ctx.span()
    hits = []
    for v in range(ctx.base - 3 * span, ctx.base + 4 * span):
        for ref, k, e in refs:
            bounds = ctx.axis_bounds(ref.name, ref.label, k)
            if bounds is None:
                continue
            try:
                at = ev.scalar_index(e, {var: v})
            except (IndexError_, ZeroDivisionError):
                continue
            if getattr(at, "denominator", 1) == 1 and bounds[0] <= at < bounds[0] + bounds[1]:
                hits.append(v)
                break
    if not hits:
        return None
    return hits[0], hits[-1] - hits[0] + 1


def _refs_with(node, var, all_vars) -> list:
    """(ref, axis, index expression) for every tensor entry whose index on that axis uses
    ``var`` and no other of the definition's letters."""
    return [(r, k, e) for r in _refs(node) for k, e in enumerate(r.idx or ()) if names_in(e) & all_vars == {var}]


def _refs(node) -> list:
    """The tensor references of a tree (not the index letters inside their subscripts)."""
    out = []

    def walk(n):
        if isinstance(n, Ref):
            out.append(n)
            return
        for child in getattr(n, "args", ()) or ():
            if isinstance(child, (tuple, list)):
                for c in child:
                    walk(c)
            else:
                walk(child)
        for attr in ("body", "ref", "top", "bottom"):
            if hasattr(n, attr) and not isinstance(n, Ref):
                walk(getattr(n, attr))

    walk(node)
    return out


def refuse_defined(ctx, name: str, label) -> None:
    r"""IndexError_ for a name the role table must not take: a defined tensor where a role is
    asked (its gradient, a Jacobian by it), or a letter with a word label (``w^{rot}``) or a
    prime (``K'``) that no display defines (it is not the letter itself)."""
    d = definition_of(ctx, name, label)
    if d is not None:
        raise IndexError_(f"{shown(name)} is the document's own tensor ({d.latex}); its entries are read, "
                          "derivatives by it are not")
    if label is not None and label_offset(label) is None and label != "T" and _WORD_LABEL.fullmatch(label):
        raise IndexError_(f"{name}^{{{label}}} is not defined by an index equation in this section (write "
                          f"{name}^{{{label}}}_{{m,n}} = … before it is used)")
