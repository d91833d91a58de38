"""Pass 2 of an equation: parsed sides as values, and what earlier equations established."""

from __future__ import annotations

import pickle
import re
from dataclasses import dataclass, field

import numpy as np
import sympy as sp

from ..layers.conv import A, B, DELTA, W, ZPREV

_ROLE = {"a": A, "delta": DELTA}           # a layer's weight_grad_operands, as placeholders
from ..core.ops import AddBias, Correlate, Pad, TensorOp, WeightCorrelate, sigma, sigma_prime_at
from ..core.regions import first_max_condition, last_max_condition, region_symbol
from ..core.tensor import shape_text, text
from ..layers.activations import ACTIVATIONS
from .doc_infer import directive_roles
from .calc_sigma import page_sigma
from .calc_scalar_text import sigma_again
from .notation import (ARGMAX_INPUT, DELTA_PREV, DERIVED, GRAD_OF, Name, Parse, Term, Unsupported,
                       _Plus, _Star, parse_name)
from .notation_terms import STAR_SHAPES
from .docsetup import Model, _eval
from .calc_prose import target_denied
from .doc_prose import given_numbers
from .forward_terms import unread_forward_side


# =========================================================================== pass 2: values

class OutOfRange(Unsupported):
    """An entry index outside its tensor (w_{32} of a 2x3 W): a claim about it is refuted."""


@dataclass
class Evidence:
    """What a refutation compared, for the verdict card (never printed in text or JSON).

    ``derived`` and ``claimed``: both sides as compared (object arrays of exact SymPy entries
    at the section's sizes, or single entries; ``claimed`` None where it is undefined for its
    shapes); their shapes; ``index``: the first failing
    entry, 0-based (None for a shape mismatch or two entries); ``counterexample``: a
    :class:`symbp.core.proof.Counterexample` or None.

    Example: ``Evidence(np.array([[d]], dtype=object), np.array([[c]], dtype=object), (0, 0))``.
    """
    derived: object
    claimed: object
    index: tuple | None = None
    counterexample: object = None
    derived_shape: tuple | None = field(init=False)
    claimed_shape: tuple | None = field(init=False)

    def __post_init__(self):
        self.derived_shape, self.claimed_shape = (None if side is None else np.shape(side)
                                                  for side in (self.derived, self.claimed))

    def __getstate__(self):
        """A forked worker pipes outcomes back: sides that will not pickle are left out
        (the card then shows the shapes only), never an error in place of the verdict."""
        try:
            pickle.dumps(self.__dict__)
            return self.__dict__
        except Exception:                    # noqa: BLE001 -- any pickling failure
            return {**self.__dict__, "derived": None, "claimed": None, "counterexample": None}


# the left side of a forward written for a name: Z_{i,j} = …, Z = …, z^{l} = …
_FORWARD_LHS = re.compile(r"\s*([A-Za-z])\s*(?:(?:_\s*(?:\{[^{}]*\}|\w)|\^\s*(?:\{[^{}]*\}|\w))\s*){0,2}=(?!=)")


@dataclass
class _Outcome:
    verdict: str
    detail: str
    bind: dict | None = None         # role or (role, indices) -> numbers
    bias_zero: bool = False
    lhs: str | None = None
    act: object = None               # the activation a definition σ(z) = … states
    alias: str | None = None         # a name defined as softmax(z)
    evidence: Evidence | None = None # a refutation's sides, for the card
    input_offset: int | None = None  # a forward z^l = W^l a^{l-1}: the input's label - W's
    act_general: bool = False        # a definition σ(z) = … of no activation symbp knows: σ general below it


@dataclass
class _State:
    """What earlier equations established: bound numbers, b = 0, the last left side."""
    bindings: dict = field(default_factory=dict)
    bias_zero: bool = False
    last_lhs: str | None = None
    activation: object = None
    softmax_names: set = field(default_factory=set)
    input_offset: int | None = None
    target_denied: str | None = None    # the prose: the cross-entropy's target need not sum to 1
    roles: dict = field(default_factory=dict)     # the section directive's names: (letter -> role)
    page_activation: object = None      # what the page says σ is (calc_sigma.page_sigma): sigmoid, tanh or None
    given_numbers: str | None = None    # a value the prose gives a letter inline ($x = 2$: doc_prose.given_numbers)
    foreign_forward: str | None = None  # why this section's own forward is not its directive's layer
    own_sigma: object = None            # the σ this section's own row defines: an activation, or "general"
    sigma_again: bool = False           # the page defines σ again otherwise (σ(x) := …, \text{let } σ(x) = …)

    @classmethod
    def of_document(cls, text: str) -> "_State":
        """The state before a document's first equation: what its prose says of the target, and
        what it says σ is."""
        again = bool(sigma_again(text))
        return cls(target_denied=target_denied(text), given_numbers=given_numbers(text), sigma_again=again,
                   page_activation=None if again else ACTIVATIONS.get(page_sigma(text)))     # "general": None

    def enter(self, settings: dict) -> None:
        """A directive's section starts: one that places the maxima (``argmax=``) drops the input's
        numbers bound before it (another example's); the rest carries on (a δ stated once)."""
        if settings.get("argmax"):
            self.bindings.pop(A, None)
        self.roles = directive_roles(str(settings.get("names", "")))
        self.foreign_forward = self.own_sigma = None

    def watched(self, latex: str, o: "_Outcome", line: int) -> "_Outcome":
        """``o``, or unchecked where this section's own forward (``Z_{i,j} = …`` of the directive's output,
        no derivative) above is no plain convolution's (:mod:`symbp.check.forward_terms`: a residual path, a
        flipped kernel): the page's layer is not the directive's, and the claims below are read under neither
        (red team 48).  Records such a forward."""
        if self.foreign_forward and o.verdict in ("holds", "refuted"):
            return _Outcome("unchecked", f"{self.foreign_forward}; under the directive's layer: {o.verdict}, {o.detail}")
        lhs = _FORWARD_LHS.match(latex)
        if lhs and self.roles.get(lhs.group(1)) == "output" and "\\partial" not in latex and \
                (why := unread_forward_side(latex[lhs.end():])):
            self.foreign_forward = (f"the page's own forward (line {line}) is not the directive's layer ({why}): "
                                    "the claims after it are read under neither; correct the directive or the forward")
        return o

    def update(self, o: _Outcome) -> None:
        if o.input_offset is not None:
            self.input_offset = o.input_offset
        self.bindings.update(o.bind or {})
        general = o.act_general or (self.sigma_again and o.act is not None)      # which σ a claim means: not guessed
        self.activation = None if general else o.act or self.activation     # σ = 1/(1+e^{-2z}) below a sigmoid
        self.own_sigma = "general" if general else o.act or self.own_sigma
        if o.alias:
            self.softmax_names.add(o.alias)
        self.bias_zero |= o.bias_zero
        self.last_lhs = o.lhs or self.last_lhs


class Values:
    """Pass 2: parsed sides as object arrays (tensors) or SymPy expressions (entries)."""

    def __init__(self, ctx: Parse, roles: dict, model: Model | None):
        self.ctx, self.roles, self.model = ctx, roles, model
        self.zprev = any(r in (ZPREV, DELTA_PREV) for r in roles.values())
        self.touched = False          # did the last value use a derived quantity?

    def role(self, name: Name) -> sp.Symbol:
        role = {"w": W, "b": B}.get(name.base) or self.roles[name.base, name.label]
        if name.grad and role not in GRAD_OF:
            raise Unsupported(f"no gradient ∂J/∂{name.show()[1:]}")
        return GRAD_OF[role] if name.grad else role

    def tensor(self, role) -> np.ndarray:
        if self.model is None:
            raise Unsupported("no layer setup (give --layer or a symbp directive)")
        self.touched |= role in DERIVED
        return self.model.tensor(role, self.zprev)

    def form(self, expr: sp.Basic) -> sp.Basic:
        """The operator form over role placeholders, each ``*`` made a correlation."""
        if expr in self.ctx.leaves:
            return self.role(self.ctx.leaves[expr])
        if not isinstance(expr, TensorOp):
            return A if expr == ARGMAX_INPUT else expr
        args = [self.form(t) for t in expr.tensors]
        if isinstance(expr, _Star):
            return self._star(*args, *expr.params)
        fc = self.model is not None and self.model.fc
        if isinstance(expr, _Plus) and args[1] == B and expr.params[0] > 0 and not fc:
            return AddBias(args[0], B)
        return type(expr)(*args, *expr.params)

    def _star(self, x, y, sh, sw, dh, dw, shape=0):
        cfg = self.model.cfg if self.model else None
        conv = self.model is not None and self.model.convolution
        if STAR_SHAPES[shape] == "full":        # δ *_{full} rot180(W): δ padded by the kernel less one
            if not (conv and W in y.free_symbols and (sh, sw, dh, dw) == (1, 1, 1, 1)):
                raise Unsupported("*_{full} is read only with the kernel second, at stride and dilation 1")
            x = Pad(x, cfg.kernel[0] - 1, cfg.kernel[0] - 1, cfg.kernel[1] - 1, cfg.kernel[1] - 1)
        first, second = (_ROLE[n] for n in self.model.layer.weight_grad_operands) if conv \
            else (A, DELTA)
        if conv and second in y.free_symbols and W not in y.free_symbols and \
                first in x.free_symbols:
            if (dh, dw) != (1, 1):                      # the weight gradient: x * δ
                raise Unsupported("a weight gradient's * takes its step as s=")
            return WeightCorrelate(x, y, sh, sw, cfg.groups)
        return Correlate(x, y, sh, sw, dh, dw, cfg.groups if conv and W in y.free_symbols else 1)

    def value(self, term: Term):
        """The side's entries; ``touched`` says whether it refers to derived quantities."""
        self.touched = False
        if term.kind == "scalar":
            return self.scalar(term.expr)
        return _eval(self.form(term.expr), self._lookup)

    def _lookup(self, sym):
        if sym in self.ctx.matrices:
            m = self.ctx.matrices[sym]
            cells = np.array([self.scalar(e) for e in m], dtype=object)    # a written-out matrix:
            return cells.reshape(m.shape if self.model.fc else (1, 1, *m.shape))   # fc's W is 2-D
        if sym in self.ctx.scalars:
            return self.scalar(self.ctx.scalars[sym])
        return self.tensor(sym)

    def entry(self, name: Name, role=None) -> sp.Expr:
        """The entry ``name`` names (of ``role`` when given, else of the name's role)."""
        arr = self.tensor(self.role(name) if role is None else role)
        if self.model.fc and len(name.indices) == 1 and arr.shape[1:] == (1,):
            if not 1 <= name.indices[0] <= arr.shape[0]:        # a vector's entry: a_{2}
                if arr.size == 1:       # w_2 beside a scalar w: a second scalar's name (w_1, w_2 of two layers)
                    raise Unsupported(f"{name.show()} beside a single-entry {self.role(name)}: a name of its own?")
                raise OutOfRange(f"{name.show()} is not an entry of the "
                                 f"{shape_text(arr.shape)} vector (indices 1 to {arr.shape[0]})")
            return arr[name.indices[0] - 1, 0]
        shown = [d for d in range(arr.ndim) if arr.shape[d] > 1 or d >= arr.ndim - 2]
        if len(name.indices) != len(shown):
            raise Unsupported(f"{name.show()} is not an entry of the {shape_text(arr.shape)} tensor")
        if any(not 1 <= i <= arr.shape[d] for i, d in zip(name.indices, shown)):
            if arr.size == 1:
                raise Unsupported(f"{name.show()} beside a single-entry {self.role(name)}: a name of its own?")
            ranges = ", ".join(f"1 to {arr.shape[d]}" for d in shown)
            raise OutOfRange(f"{name.show()} is not an entry of the {shape_text(arr.shape)} "
                             f"tensor (indices {ranges})")
        index = [0] * arr.ndim
        for i, d in zip(name.indices, shown):
            index[d] = i - 1
        return arr[tuple(index)]

    def scalar(self, raw: sp.Expr) -> sp.Expr:
        mapping, indicators = {}, {}
        for sym in raw.free_symbols:
            payload = self.ctx.functions.get(sym.name)
            if payload is None:
                mapping[sym] = self.entry(parse_name(sym.name))
            elif payload[0] == "indicator":
                indicators[sym] = payload
            elif payload[0] == "grad":
                mapping[sym] = self.entry(payload[1])
            elif payload[0] == "partial":
                wrt = self.entry(payload[2])
                if not isinstance(wrt, sp.Symbol):       # ∂a_1/∂z_1 with z_1 the layer's output sum
                    raise Unsupported(f"∂{payload[1].show()}/∂{payload[2].show()}: "
                                      f"{payload[2].show()} is computed here (from the layer's "
                                      "inputs), not a variable this reader differentiates by")
                mapping[sym] = sp.diff(self.entry(payload[1]), wrt)
            else:
                x = self.scalar(payload[2])
                if payload[1] and not isinstance(x, sp.Symbol):
                    raise Unsupported("σ' of an expression that is not one entry")
                mapping[sym] = sigma_prime_at(x) if payload[1] else sigma(x)
        value = raw.xreplace(mapping)
        return self._indicators(value, indicators) if indicators else value

    def _indicators(self, value: sp.Expr, indicators: dict) -> sp.Expr:
        """1[x = max] is the region symbol of x's window: the one whose δ the term routes."""
        if self.model is None or self.model.layer.pooling_mode != "max":
            raise Unsupported("1[x = max] needs a max pooling setup")
        x, cfg = self.tensor(A), self.model.cfg
        where = {s: i for i, s in np.ndenumerate(self.tensor(DELTA))}
        rules = {"max": first_max_condition, "lastmax": last_max_condition}
        terms = []
        for term in sp.Add.make_args(sp.expand(value)):
            routed = [where[s] for s in term.free_symbols if s in where]
            fix = {}
            for sym in term.free_symbols & indicators.keys():
                _, rule, inner = indicators[sym]
                cell = self.scalar(inner)
                found = [(n, c, w) for n in range(x.shape[0]) for c in range(x.shape[1])
                         for w in cfg.windows() if cell in [x[n, c][p] for p in w.cells]
                         and (len(routed) != 1 or (n, c) + w.out == routed[0])]
                if len(found) != 1:
                    raise Unsupported(f"cannot tell which window 1[{text(cell)} = max] is about")
                n, c, win = found[0]
                cells = tuple(x[n, c][p] for p in win.cells)
                fix[sym] = sp.S.One if len(cells) == 1 else \
                    region_symbol(cells, rules[rule](cells, cells.index(cell)))
            terms.append(term.xreplace(fix))
        return sp.Add(*terms)
