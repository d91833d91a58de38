r"""Chains of whole-tensor Jacobians: ``\frac{\partial L}{\partial X} = \frac{\partial L}{\partial
O}\frac{\partial O}{\partial X}``, ``\frac{\partial L}{\partial x} = (\frac{\partial y}{\partial
x})^T \frac{\partial L}{\partial y}``, ``∂L/∂K = ∂O/∂K δ``: the chain rule on the flattened
(vec) tensors, a claim about ∂L/∂X.

How authors lay the factors out (read here; every tensor flattened in one order, channel, row,
column; the claim does not depend on which order, only on using one):

* ``row`` (numerator layout): gradients are 1 x n rows, ∂O/∂X is the n_O x n_X Jacobian
  (``∂L/∂X = ∂L/∂O ∂O/∂X``; vec-Jacobian notes, "J_L(O) ∈ R^{1×4}");
* ``column``: gradients are n x 1 columns, ∂O/∂X the Jacobian (``(∂O/∂X)^T ∂L/∂O``, the DNN
  recursion ``δ^{l-1} = (∂z^l/∂z^{l-1})^T δ^l``);
* ``denominator`` layout: gradients are columns, ∂O/∂X is n_X x n_O (``∂O/∂X ∂L/∂O``).

The contraction is determined when the section states the shapes (``\frac{\partial L}{\partial
O} = […] \in \mathbb{R}^{1\times 4}``: gradients are rows; ``∂O/∂K ∈ R^{4×9}``: the Jacobian's
rows are O's), or when every reading gives the same verdict; otherwise the claim stays
unchecked and says in which layout it holds.  Each reading is decided exactly at every size
the section is checked at (entries from the layer's forward, derivatives by SymPy).

Example::

    >>> from symbp.check.doc_names import DocContext
    >>> ctx = DocContext({"X": "input", "K": "kernel", "O": "output", "L": "loss"},
    ...                  {"input": "3x3", "kernel": "2x2"})
    >>> stated = stated_shapes([r"\frac{\partial L}{\partial O} = [\dots] \in \mathbb{R}^{1\times 4}"])
    >>> check_chain(r"\frac{\partial L}{\partial X} = \frac{\partial L}{\partial O}"
    ...             r"\frac{\partial O}{\partial X}", ctx, stated).verdict
    'holds'
"""
from __future__ import annotations

import re

import sympy as sp

from .doc_activation import Verdict
from .index_claims import IndexError_
from .matrix_expr import DELTA, parse_side

READINGS = ("row", "column", "denominator")
_LOSS_LETTERS = ("L", "J", "E", "C", r"\ell", r"\mathcal{L}")
_DERIV = re.compile(r"\\frac\s*\{\s*\\partial\s*(\\mathcal\{[A-Z]\}|\\ell|[A-Za-z])\s*\}\s*"
                    r"\{\s*\\partial\s*(?:\\math(?:bf|bb|rm)\s*\{\s*)?([A-Za-z])\s*\}?\s*\}")
_SHAPE = re.compile(r"\\in\s*(?:\\mathbb\s*\{?\s*R\s*\}?|\\R\b|ℝ)\s*\^\s*\{\s*(\d+)\s*(?:\\times|×|x)\s*(\d+)\s*\}")
MAX_ENTRIES = 2500           # the largest Jacobian (entries) a reading builds


def stated_shapes(displays: list) -> dict:
    """``{(top, bottom): (rows, cols)}`` for each display that writes one derivative of whole
    tensors and one numeric shape ``\\in \\mathbb{R}^{r\\times c}`` (top is the letter on top:
    the loss or a tensor).

    >>> stated_shapes([r"J_O(K) = \\frac{\\partial O}{\\partial K} = [\\dots] \\in \\mathbb{R}^{4\\times 4}"])
    {('O', 'K'): (4, 4)}
    """
    out = {}
    for tex in displays:
        shapes = _SHAPE.findall(tex)
        whole = list({(m.group(1), m.group(2)) for m in _DERIV.finditer(tex)})      # ∂O/∂K, not ∂O_{00}/∂K_{00}
        if len(shapes) == 1 and len(whole) == 1 and tex.find(r"\in") > tex.find(r"\frac"):
            out[whole[0]] = (int(shapes[0][0]), int(shapes[0][1]))
    return out


def _is_loss(letter: str, roles: dict) -> bool:
    role = roles.get(letter)
    return role == "loss" or (role is None and letter in _LOSS_LETTERS)


def _role(letter: str, roles: dict):
    role = roles.get(letter, roles.get(letter.lower()))
    return role if role in ("input", "kernel", "output") else None


def _factors(tree):
    """The leaves of a product tree with their transposes, or None for anything nested."""
    items = tree[1] if tree[0] == "mul" else [tree]
    out = []
    for f in items:
        t = 0
        while f[0] == "T":
            f, t = f[1], t + 1
        if f[0] not in ("grad", "name"):
            return None
        out.append((f, t % 2 == 1))
    return out


def check_chain(latex: str, ctx, stated: dict) -> Verdict | None:
    """The verdict on a whole-tensor chain ``∂L/∂A = …`` (a product of ∂L/∂B, ∂B/∂A and δ
    factors, at least two, at least one of them written whole), or None when ``latex`` is not
    one (another reader takes it)."""
    if ctx is None or ctx.layer != "conv" or latex.count("=") != 1:
        return None
    lhs, rhs = latex.split("=")
    left, right = parse_side(lhs), parse_side(rhs)
    if not left or not right or left[1] or right[1] or left[0][0] != "grad":
        return None
    roles = ctx.roles
    loss, (a, sub) = left[0][1], left[0][2]
    if sub or not loss or not _is_loss(loss, roles) or _role(a, roles) not in ("input", "kernel"):
        return None
    factors = _factors(right[0])
    if factors is None or len(factors) < 2:
        return None
    for (node, _) in factors:
        if node[0] == "name" and node[1] != DELTA:
            return None
        if node[0] == "grad" and (node[1] is None or node[2][1] or _role(node[2][0], roles) is None):
            return None
        if node[0] == "grad" and not _is_loss(node[1], roles) and (
                _role(node[1], roles) != "output" or _role(node[2][0], roles) == "output"):
            return None                           # a Jacobian: ∂(output)/∂(input or kernel) only
    if DELTA in [n[1] for n, _ in factors if n[0] == "name"] and roles.get(r"\delta") != "delta":
        return None
    try:
        instances = ctx.instances()
    except IndexError_ as err:
        return Verdict("unchecked", str(err))
    results = []
    for inst in instances:
        try:
            results.append((inst, _judge(inst, loss, a, factors, stated)))
        except IndexError_ as err:
            return Verdict("unchecked", f"a chain of whole-tensor Jacobians: {err}")
    return _combine(results)


def _combine(results) -> Verdict:
    verdicts = [v for _, v in results]
    if all(v.verdict == "holds" for v in verdicts):
        where = "; ".join(dict.fromkeys(i.describe().strip("()") for i, _ in results))
        return Verdict("holds", verdicts[0].detail + (f" (checked at {where})" if len(results) > 1 else ""))
    if all(v.verdict == "refuted" for v in verdicts):
        return verdicts[0]
    return next(v for v in verdicts if v.verdict == "unchecked") if any(
        v.verdict == "unchecked" for v in verdicts) else Verdict(
        "unchecked", "holds at some of the sizes tried but not at others: give the sizes")


def _flat(arr) -> list:
    return [sp.expand(v) for v in arr.reshape(-1)]


def _tables(inst):
    """(gradients, entries) flattened: role -> list, one sample."""
    if inst.X.shape[0] != 1:
        raise IndexError_("a batch: the flattening of the batch is not read")
    cached = getattr(inst, "_chain_tables", None)
    if cached is None:
        entries = {"input": list(inst.X.reshape(-1)), "kernel": list(inst.K.reshape(-1)),
                   "output": _flat(inst.Z)}
        grads = {"output": list(inst.G.reshape(-1)),
                 "input": _flat(inst.grad_array("input")), "kernel": _flat(inst.grad_array("kernel"))}
        if len(entries["output"]) * max(len(entries["input"]), len(entries["kernel"])) > MAX_ENTRIES:
            raise IndexError_("too large a Jacobian to build (give smaller sizes)")
        inst._chain_tables = cached = (grads, entries)
    return cached


def _matrix(node, transposed, reading, roles, inst, stated_for):
    grads, entries = _tables(inst)
    if node[0] == "name":                                   # δ: ∂L/∂(output)
        vec = grads["output"]
        m = sp.Matrix([vec]) if reading == "row" else sp.Matrix(vec)
    elif _is_loss(node[1], roles):
        vec = grads[_role(node[2][0], roles)]
        m = sp.Matrix([vec]) if reading == "row" else sp.Matrix(vec)
    else:
        top, bottom = entries[_role(node[1], roles)], entries[_role(node[2][0], roles)]
        m = sp.Matrix(len(top), len(bottom), lambda i, j: sp.diff(top[i], bottom[j]))
        m = m.T if reading == "denominator" else m
    return m.T if transposed else m


def _fits(reading, stated, roles, inst) -> bool:
    """Whether ``reading`` agrees with the shapes the section states (at this size)."""
    _, entries = _tables(inst)
    for (top, bottom), (r, c) in stated.items():
        rb = _role(bottom, roles)
        if rb is None:
            continue
        n = len(entries[rb])
        if _is_loss(top, roles) and n > 1:
            if (r, c) == (1, n) and reading != "row":
                return False
            if (r, c) == (n, 1) and reading == "row":
                return False
        elif _role(top, roles) == "output":
            m = len(entries["output"])
            if m != n and (r, c) == (m, n) and reading == "denominator":
                return False
            if m != n and (r, c) == (n, m) and reading != "denominator":
                return False
    return True


def _judge(inst, loss, a, factors, stated) -> Verdict:
    roles = inst.roles
    outcomes = {}
    for reading in READINGS:
        grads, _ = _tables(inst)
        want = sp.Matrix([grads[_role(a, roles)]]) if reading == "row" else sp.Matrix(grads[_role(a, roles)])
        got = None
        for node, t in factors:
            m = _matrix(node, t, reading, roles, inst, stated)
            if got is not None and got.shape[1] != m.shape[0]:
                got = f"a {got.shape[0]}x{got.shape[1]} matrix times a {m.shape[0]}x{m.shape[1]} one is undefined"
                break
            got = m if got is None else got * m
        if isinstance(got, str):
            outcomes[reading] = ("refuted", got)
        elif got.shape != want.shape:
            outcomes[reading] = ("refuted", f"the product is {got.shape[0]}x{got.shape[1]}, ∂{loss}/∂{a} is "
                                            f"{want.shape[0]}x{want.shape[1]}")
        else:
            bad = next((k for k, v in enumerate(got - want) if sp.expand(v) != 0), None)
            outcomes[reading] = ("holds", "") if bad is None else (
                "refuted", f"entry {bad + 1} of the flattened ∂{loss}/∂{a}: claimed {got[bad]}, the chain rule "
                           f"gives {want[bad]}")
    fitting = [r for r in READINGS if _fits(r, stated, roles, inst)] or list(READINGS)
    kinds = {outcomes[r][0] for r in fitting}
    names = {"row": "gradients as rows, ∂O/∂X as the n_O x n_X Jacobian (numerator layout)",
             "column": "gradients as columns, ∂O/∂X as the Jacobian", "denominator":
             "gradients as columns, ∂O/∂X as n_X x n_O (denominator layout)"}
    how = "the shapes the section states" if len(fitting) < len(READINGS) else "every layout"
    if kinds == {"holds"}:
        _witness(inst, a, factors, fitting, roles)
        return Verdict("holds", f"the chain rule on the flattened tensors: ∂{loss}/∂{a} equals the product "
                                f"entry by entry, read with {names[fitting[0]]} ({how}) {inst.describe()}")
    if kinds == {"refuted"}:
        return Verdict("refuted", f"∂{loss}/∂{a} as a chain of whole-tensor Jacobians: {outcomes[fitting[0]][1]} "
                                  f"(read with {names[fitting[0]]}; {how} gives the same) {inst.describe()}")
    holds = [r for r in fitting if outcomes[r][0] == "holds"]
    return Verdict("unchecked", f"a chain of whole-tensor Jacobians whose layout the section does not state: it "
                                f"holds with {names[holds[0]]}, not with "
                                f"{names[next(r for r in fitting if r not in holds)]}; state the shapes "
                                f"(e.g. ∂{loss}/∂O ∈ R^{{1×n}})")


def _witness(inst, a, factors, readings, roles) -> None:
    """The second witness (plain loops at random integers) for each reading that holds."""
    from ..witness.matrix_witness import confirm_chain
    (nb, cin, h, w), (cout, _, kh, kw) = inst.X.shape, inst.K.shape
    geometry = dict(batch=nb, cin=cin, cout=cout, h=h, w=w, kh=kh, kw=kw, stride=inst.strides,
                    pads=inst.pads, flip=inst.convention == "true")
    plain = [(("grad", "output") if node[0] == "name" else
              ("grad", _role(node[2][0], roles)) if _is_loss(node[1], roles) else
              ("jac", _role(node[2][0], roles)), t) for node, t in factors]
    for reading in readings:
        confirm_chain(f"∂L/∂{a}", _role(a, roles), plain, reading, geometry)
