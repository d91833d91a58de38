"""The fast exact route: a whole trace proved in :mod:`symbp.code.laurent`'s Forms.

For the layers whose entries are polynomials (convolution, average pooling, affine) or
rational functions of exponentials with logarithms (softmax loss), :func:`prove_trace`
converts the user's trace nodes (shared subexpressions once: the row sum of a softmax is
one node used by every entry of its row) and the layer's truth to Forms and compares them
entry by entry.  A proved part (the forward, or one gradient) is exact (a formal identity of rational functions in x and
t = e^x, and of logarithms of positive polynomials: no numeric step, not even for the
loss value).  A part not proved is "not proved here": the caller runs the SymPy route
on it, starting at the first entry this route could not prove, and that route also
builds the counterexample and the diagnosis of a failure.

The truth is the layer's forward (``case.reference``) and, for the softmax loss, its
gradient by the chain rule in Forms (:meth:`Registry.gradient`); for the other layers the
chain rule of :func:`symbp.code.judge.truth` (``symbp.core.chain.derive``), converted.

Example::

    >>> prove_trace(case, trace, shadows).complete                  # doctest: +SKIP
    True
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import laurent
from .laurent import NotRepresentable, Registry
from .radicals import RootRegistry
from .layers import Case
from .trace import Trace
from .exact import epsilon_names
from .traced import EPSILONS, Node

#: layers whose traces this route proves (the others go straight to the SymPy route)
FAST_LAYERS = ("conv2d", "avgpool", "affine", "softmax-loss", "batchnorm")

_OPS = {"add": laurent.add, "sub": lambda a, b: laurent.add(a, b, -1), "mul": laurent.mul,
        "div": laurent.div, "neg": lambda a: laurent.scale(a, -1), "exp": laurent.exp}
_TRUTH: dict = {}


def from_node(node, registry: Registry) -> laurent.Form:
    """The Form of a trace node (memoised on the node for this registry; iterative)."""
    if not isinstance(node, Node):
        return registry.from_sympy(node)

    def known(n):                 # a memo from another registry (a node the user's code
        return n.form is not None and n.form[0] is registry    # kept from an earlier run)
    if known(node):
        return node.form[1]
    stack = [node]
    while stack:
        top = stack[-1]
        if known(top):
            stack.pop()
            continue
        pending = [a for a in top.args if isinstance(a, Node) and not known(a)]
        if pending:
            stack.extend(pending)
            continue
        stack.pop()
        args = [a.form[1] if isinstance(a, Node) else registry.from_sympy(a) for a in top.args]
        if top.op == "log":
            form = registry.log(*args)
        elif top.op == "pow":
            form = registry.power(*args)
        elif top.op == "sqrt":
            form = registry.sqrt(*args)
        elif top.op in _OPS:
            form = _OPS[top.op](*args)
        else:
            raise NotRepresentable(top.op)
        top.form = (registry, form)
    return node.form[1]


def _forms(array: np.ndarray, registry: Registry) -> np.ndarray:
    out = np.empty(array.shape, dtype=object)
    for index, e in np.ndenumerate(array):
        out[index] = registry.from_sympy(e)
    return out


def _truth(case: Case, shadows: dict):
    """(registry, forward Forms, [gradient Forms]) of the layer; cached per configuration."""
    key = id(case)
    if key in _TRUTH:
        return _TRUTH[key][1:]
    registry = RootRegistry()
    if case.layer == "softmax-loss":
        z = case.reference(shadows)
        partial = registry.gradient(z.ravel()[0])
        zero = laurent.const(0)
        grads = []
        for syms in case.symbols:
            g = np.empty(syms.shape, dtype=object)
            for index, s in np.ndenumerate(syms):
                g[index] = partial.get(s, zero)
            grads.append(g)
        entry = (registry, _forms(z, registry), grads)
    else:
        from .judge import truth
        z, expected = truth(case, shadows)
        entry = (registry, _forms(z, registry), [_forms(g, registry) for g in expected])
    if len(_TRUTH) >= 4:
        _TRUTH.pop(next(iter(_TRUTH)))
    _TRUTH[key] = (case,) + entry           # keeps case alive so id() stays unique
    return entry


def _first_unproved(want: np.ndarray, got_nodes: np.ndarray, registry: Registry,
                    label: str, notes: list):
    """None when every entry is proved equal; else the index of the first entry that is
    not (False when the shapes differ: the SymPy route reports the shape).  An entry equal
    once the literal epsilons are 0 (the 1e-16 of ``log(p + 1e-16)``) is accepted with a
    note, as the SymPy route does."""
    if got_nodes.shape != want.shape:
        return False
    for index, w in np.ndenumerate(want):
        try:
            g = from_node(got_nodes[index], registry)
            if registry.equal(w, g):
                continue
            epsilons = {registry.keys[s]: s for s in EPSILONS if s in registry.keys}
            held = set(epsilons) & (laurent.variables(g) | laurent.variables(w))
            if not held or not registry.equal(laurent.at_zero(w, held, registry),
                                              laurent.at_zero(g, held, registry)):
                return index
            names = ", ".join(epsilon_names([epsilons[k] for k in held]))
            note = (f"{label}{list(index)} differs from the layer only by the literal "
                    f"epsilon {names} (equal when it is 0)")
            if note not in notes:
                notes.append(note)
        except Exception:  # outside the Forms (or a surprise): the SymPy route decides
            return index
    return None


@dataclass
class FastResult:
    """What the fast route proved: the forward, each gradient, and for each gradient not
    proved the first entry it could not prove (None: no entry to point at); the
    literal-epsilon notes of the forward and of each gradient."""
    forward: bool
    grads: list
    suspects: list
    forward_notes: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.forward and all(self.grads)


def prove_trace(case: Case, trace: Trace, shadows: dict) -> FastResult:
    """What of ``trace`` is proved equal to the layer (see the module docstring); an
    empty result (nothing proved) for the layers this route does not handle."""
    nothing = FastResult(False, [False] * len(case.grads), [None] * len(case.grads))
    if case.layer not in FAST_LAYERS or len(trace.grad_nodes) != len(case.grads):
        return nothing
    try:
        registry, z, grads = _truth(case, shadows)
    except Exception:  # a truth outside the Forms: the SymPy route decides
        return nothing
    forward_notes, notes = [], [[] for _ in grads]
    forward = _first_unproved(z, trace.out_nodes, registry, "out", forward_notes) is None
    suspects = [_first_unproved(g, got, registry, "d" + name, note)
                for g, got, name, note in zip(grads, trace.grad_nodes, case.grads, notes)]
    return FastResult(forward, [s is None for s in suspects],
                      [s if s is not False else None for s in suspects],
                      forward_notes if forward else [], notes)
