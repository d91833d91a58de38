"""Activations: each one's forward definition and its documented σ' side by side.

    name        forward σ(z) (what is differentiated)      documented σ'(z)
    identity    z                                           1
    relu        z if z > 0 else 0                           1 if z > 0 else 0     (σ'(0) = 0)
    leaky_relu  z if z > 0 else s·z       (s = 0.01)        1 if z > 0 else s     (σ'(0) = s)
    sigmoid     1 / (1 + e^{-z})                            σ(z) (1 − σ(z))
    tanh        (e^z − e^{-z}) / (e^z + e^{-z})             1 − tanh²(z)

σ'(0) of ReLU and leaky ReLU is PyTorch's (``F.relu``: 0, ``F.leaky_relu``: the slope).

How a documented σ' is proved (:meth:`Activation.prove`), exactly:

* smooth σ: σ'(z) is derived by differentiating the forward definition (SymPy's ``diff``;
  no σ' formula is written anywhere). The derived and the documented expression have their
  named functions (σ, tanh) replaced by their definitions, every e^{kz} written as t^k for a
  positive symbol t = e^z, and the difference brought to one rational function of t with
  ``cancel(together(·))``: zero means the identity holds for every real z.
* piecewise σ: differentiated branch by branch (the derivative inside each region); derived
  and documented are compared at z = p and z = −p for a positive symbol p (so each Piecewise
  picks the region's branch), and at z = 0 the documented value against PyTorch's convention.

A refutation comes with a concrete z (tried 0, 1, −1, …) where the two sides differ, shown
with a few digits (``evalf``); that they differ is exact: at an integer z the difference is
a non-zero rational function of e, hence non-zero (e is transcendental).

:class:`Act`, :class:`ActPrime` put an activation into closed forms (δ^{l-1} = (pad(δ) *
rot180(W)) ⊙ σ'(z^{l-1})), which :func:`prove_exact` proves entry by entry, as above.
"""
from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass
from typing import Callable, ClassVar

import numpy as np
import sympy as sp
from sympy.core.function import AppliedUndef

from ..core import proof
from ..core.layer import LayerDefaults, MissingSetting, SizeCounts
from ..core.ops import ShapeError, TensorOp, entrywise_map
from ..core.proof import Counterexample, Proof
from ..core.tensor import text

# --------------------------------------------------------------------------- named functions


class Sigmoid(sp.Function):
    """σ(z), the logistic function, as documents write it (no derivative rule attached).

    Its meaning is its definition 1/(1 + e^{-z}) (:data:`DEFINITIONS`); SymPy's ``diff``
    leaves ``Derivative(sigmoid(z), z)`` unevaluated, so no hidden σ' formula can enter
    a derivation.
    """

    nargs = 1

    def _eval_rewrite_as_exp(self, z, **kwargs):
        return _sigmoid_definition(z)

    def _eval_evalf(self, prec):     # numbers through the definition (display only)
        return _sigmoid_definition(self.args[0])._eval_evalf(prec)

    def _sympystr(self, printer):
        return f"sigmoid({printer._print(self.args[0])})"

    def _latex(self, printer, exp=None):
        tex = rf"\sigma\left({printer._print(self.args[0])}\right)"
        return tex if exp is None else rf"{tex}^{{{exp}}}"


def _sigmoid_definition(u):
    return 1 / (1 + sp.exp(-u))


def _tanh_definition(u):
    return (sp.exp(u) - sp.exp(-u)) / (sp.exp(u) + sp.exp(-u))


#: named function -> its definition; :func:`expand_definitions` applies them
DEFINITIONS: dict[type, Callable[[sp.Expr], sp.Expr]] = {
    Sigmoid: _sigmoid_definition,
    sp.tanh: _tanh_definition,
}


def expand_definitions(expr: sp.Expr) -> sp.Expr:
    """``expr`` with σ(u) and tanh(u) replaced by their exponential definitions."""
    for func, definition in DEFINITIONS.items():
        if expr.has(func):
            expr = expr.replace(func, definition)
    return expr


# --------------------------------------------------------------------------- exact identity

_T_SYMBOLS: dict[sp.Symbol, sp.Symbol] = {}
E_SYMBOL = sp.Symbol("e", positive=True)      # stands for Euler's number in counterexamples


def _t(symbol: sp.Symbol) -> sp.Symbol:
    """The positive symbol t standing for e^{symbol}."""
    if symbol not in _T_SYMBOLS:
        _T_SYMBOLS[symbol] = sp.Symbol(f"exp({symbol.name})", positive=True)
    return _T_SYMBOLS[symbol]


def _exp_as_powers(arg: sp.Expr) -> sp.Expr:
    """e^{arg} for arg = Σ c_i x_i + c_0 (integers c_i) as Π t_i^{c_i} · E^{c_0}."""
    out = sp.S.One
    for term, coeff in sp.expand(arg).as_coefficients_dict().items():
        if not coeff.is_Integer:
            raise ValueError(f"e^({arg}) is not e to an integer combination of symbols")
        if term == 1:
            out *= E_SYMBOL ** coeff
        elif term.is_Symbol:
            out *= _t(term) ** coeff
        else:
            raise ValueError(f"e^({arg}) is not e to an integer combination of symbols")
    return out


def as_rational(expr: sp.Expr, constraint: dict | None = None) -> sp.Expr:
    """``expr`` as one canonical rational function, exponentials as positive symbols.

    Named functions are replaced by their definitions, ``constraint`` (symbol -> value,
    e.g. y_K = 1 − Σ_{k<K} y_k) is substituted, every e^{Σ c_i x_i} becomes Π t_i^{c_i}
    with t_i = e^{x_i} > 0 (and e itself becomes a positive symbol), and the result is
    put over one denominator with common factors cancelled.  When it is 0, ``expr`` is 0
    for every real value of its symbols (under the constraint); other functions (log,
    σ(z) of a general σ) are kept as independent generators, which can only make a
    true identity fail to cancel, never a false one cancel.
    """
    e = expand_definitions(expr)
    if constraint:
        e = e.xreplace(constraint)
    if e.has(sp.exp):
        e = e.replace(sp.exp, _exp_as_powers)
    e = e.xreplace({sp.E: E_SYMBOL})
    return sp.cancel(sp.together(e))


def identical(derived: sp.Expr, claimed: sp.Expr, constraint: dict | None = None) -> bool:
    """Exact identity of two entries: structurally, or their difference cancels to 0."""
    if derived == claimed:
        return True
    if not constraint and not derived.has(sp.exp, *DEFINITIONS) \
            and not claimed.has(sp.exp, *DEFINITIONS):
        return proof.entries_equal(derived, claimed)
    return as_rational(derived - claimed, constraint) == 0


# --------------------------------------------------------------------------- counterexamples

def value_at(expr: sp.Expr, assignment: dict) -> sp.Expr:
    """The exact value of ``expr`` at integer ``assignment``: a rational function of e."""
    return as_rational(expr.xreplace(assignment))


def shown(value: sp.Expr) -> sp.Expr:
    """An exact value as a person reads it: a rational as is, anything else to 6 digits."""
    if value.is_Rational:
        return value
    return sp.N(value.xreplace({E_SYMBOL: sp.E}), 6)


def _leaves(*exprs) -> list[sp.Expr]:
    """What a counterexample assigns numbers to: symbols, and σ(z), σ'(z) of a general σ."""
    found: set = set()

    def walk(e):
        if isinstance(e, (sp.Derivative, AppliedUndef)) or e.is_Symbol:
            found.add(e)
        else:
            for arg in e.args:
                walk(arg)
    for e in exprs:
        walk(e)
    return sorted(found, key=sp.default_sort_key)


def _leaf_text(leaf) -> str:
    if isinstance(leaf, sp.Derivative):
        return f"{text(leaf.expr.func)}'({text(leaf.variables[0])})"
    return text(leaf)


def find_counterexample(derived: sp.Expr, claimed: sp.Expr, constraint: dict | None = None,
                        tries: int = 60) -> Counterexample | None:
    """Small integers for the free symbols under which the two sides differ, exactly.

    Tries all zeros, all ones, all minus ones, then seeded random values in −2..2.
    Constrained symbols (the keys of ``constraint``) are not chosen: they follow, and
    are reported with the rest.  At integer points the difference is a rational
    function of e; when it does not cancel to 0 it is non-zero (e is transcendental).
    """
    constraint = constraint or {}
    d = expand_definitions(derived).xreplace(constraint)
    c = expand_definitions(claimed).xreplace(constraint)
    leaves = [s for s in _leaves(d, c) if s not in constraint]
    rng = random.Random(len(leaves))
    for attempt in range(tries):
        if attempt < 3:
            values = [(0, 1, -1)[attempt]] * len(leaves)
        else:
            values = [rng.randint(-2, 2) for _ in leaves]
        assignment = {s: sp.Integer(v) for s, v in zip(leaves, values)}
        try:
            if value_at(d - c, assignment) == 0:
                continue
            dv, cv = value_at(d, assignment), value_at(c, assignment)
        except ZeroDivisionError:
            continue
        if dv.has(sp.zoo, sp.nan) or cv.has(sp.zoo, sp.nan):
            continue
        names = {_leaf_text(s): v for s, v in zip(leaves, values)}
        for s, rhs in constraint.items():
            if rhs.free_symbols <= set(assignment) and s in (derived - claimed).free_symbols:
                names[text(s)] = int(rhs.xreplace(assignment))
        return Counterexample(names, shown(dv), shown(cv))
    return None


def prove_exact(derived: np.ndarray, claimed: np.ndarray, claim: str, *,
                what: str = "gradient", correct: str | None = None,
                constraint: dict | None = None) -> Proof:
    """:func:`symbp.core.proof.prove` for entries with exponentials or σ(z), tanh(z).

    Each entry pair must be identical as rational functions (see :func:`as_rational`);
    ``constraint`` (symbol -> expression) is substituted on both sides first.  A failing
    entry is refuted with an integer counterexample, or left *unproved* if none is found.
    """
    return proof.prove(derived, claimed, claim, what=what, correct=correct,
                       equal=lambda d, c: identical(d, c, constraint),
                       find=lambda d, c: find_counterexample(d, c, constraint))


# --------------------------------------------------------------------------- activations

Z_SCALAR = sp.Symbol("z")         # the scalar z of σ(z), σ'(z) and their closed forms
_P = sp.Symbol("p", positive=True)


class RegionProof(Proof):
    """A piecewise activation's proof: one entry per region, plus the convention at 0."""

    def detail(self) -> str:
        return f"equal for z > 0 and for z < 0; {self.extra['at_zero']}" if self.holds else super().detail()


@dataclass(frozen=True)
class Activation(LayerDefaults):
    """An activation σ: its forward definition and its documented σ', side by side.

    ``definition(z)``: the forward, a SymPy expression of a scalar z (a Piecewise for ReLU-like σ);
    ``prime(z)``: the closed form documents state for σ'(z); ``at_zero``: PyTorch's σ'(0) at a kink at
    0 (``None`` for smooth σ); ``prime_text`` / ``prime_latex`` print it, ``{z}`` the argument."""
    name: str
    definition: Callable[[sp.Expr], sp.Expr]
    prime: Callable[[sp.Expr], sp.Expr]
    prime_text: str
    prime_latex: str
    at_zero: sp.Expr | None = None

    # ---- the layer protocol (symbp.core.layer.Layer): one scalar z, one key "z" (dσ/dz)
    kind: ClassVar[str] = "activation"
    env: ClassVar[dict] = {}
    derived_delta: ClassVar[None] = None
    kernels: ClassVar[dict] = {}
    softmax_equations, defines_sigma = False, True    # as a config: its σ'(z) is the section's

    def describe(self) -> str:
        return self.name                # symbp check shows "activation: sigmoid"

    @property
    def cfg(self) -> "Activation":
        """An activation is its own configuration."""
        return self

    def size_counts(self) -> SizeCounts:        # one scalar z: nothing to cap
        return SizeCounts({}, 0)

    @classmethod
    def from_directive(cls, settings: dict, read, kind: str = "activation") -> "Activation":
        """The activation a ``symbp:`` directive names: ``{"name": "leaky_relu", "slope":
        "0.2"}`` -> leaky ReLU with slope 1/5 (default 0.01). MissingSetting without a name;
        ValueError for an unknown name or a slope that is not a number."""
        if "name" not in settings:
            raise MissingSetting("activation without a name (add name=sigmoid, tanh, relu, leaky_relu or identity)")
        name, slope = settings["name"], settings.get("slope")
        key = _DIRECTIVE_NAMES.get(str(name).lower())
        if key is None:
            raise ValueError(f"name={name!r} is not one of identity, relu, leaky_relu, sigmoid, tanh")
        if key == "leaky_relu":
            try:
                return leaky_relu(sp.Rational(str(slope)) if slope is not None else "0.01")
            except (TypeError, ValueError):
                raise ValueError(f"slope={slope!r} is not a number") from None
        return {"identity": IDENTITY, "relu": RELU, "sigmoid": SIGMOID, "tanh": TANH}[key]

    @property
    def gradients(self) -> dict[str, np.ndarray]:
        """dσ/dz by differentiating the definition, under the protocol's key ``"z"``."""
        return {"z": np.array([self.derivative()], dtype=object)}

    def closed_forms(self) -> dict[str, sp.Expr]:
        """The documented σ'(z) under the protocol's key ``"z"``."""
        return {"z": self.prime(Z_SCALAR)}

    # ---- forward and closed form
    def forward(self, z: sp.Expr) -> sp.Expr:
        """σ(z): the forward definition (what the chain rule differentiates)."""
        return self.definition(z)

    def derivative(self, z: sp.Expr = Z_SCALAR) -> sp.Expr:
        """dσ/dz by differentiating the definition (branch by branch for a Piecewise)."""
        return sp.diff(self.definition(z), z)

    @property
    def piecewise(self) -> bool:
        return isinstance(self.definition(Z_SCALAR), sp.Piecewise)

    def text(self, z: str = "z") -> str:
        """The documented σ' in plain text, applied to ``z``."""
        return self.prime_text.format(z=z)

    def latex(self, z: str = "z") -> str:
        return self.prime_latex.replace("{z}", z)

    def forward_form(self, x: sp.Expr) -> "Act":
        """σ applied entrywise to the tensor placeholder ``x``, as an operator."""
        register(self)
        return Act(x, sp.Symbol(self.name))

    def prime_form(self, x: sp.Expr) -> "ActPrime":
        """The documented σ' applied entrywise to ``x``, as an operator (for ⊙ σ'(z))."""
        register(self)
        return ActPrime(x, sp.Symbol(self.name))

    def variant(self, name: str, prime: Callable[[sp.Expr], sp.Expr], prime_text: str,
                prime_latex: str) -> "Activation":
        """The same forward with another claimed σ' (a mutant to refute)."""
        return dataclasses.replace(self, name=name, prime=prime, prime_text=prime_text,
                                   prime_latex=prime_latex)

    # ---- proof
    def prove(self, claim: str | None = None, correct: str | None = None, kink: str = "pytorch") -> Proof:
        """Prove or refute σ'(z) = prime(z) against the derivative of the definition; at a kink at 0
        the closed form gives PyTorch's value (``kink="pytorch"``: built-in claims, kernels), gives it or
        none (``"silent"``: a directive's layer) or any one-sided slope (``"undecided"``: a document's σ)."""
        claim = claim or rf"\sigma'(z) = {self.latex()}"
        if self.piecewise:
            return self._prove_regions(claim, correct, kink)
        derived, claimed = self.derivative(Z_SCALAR), self.prime(Z_SCALAR)
        if identical(derived, claimed):
            return Proof(claim, proof.HOLDS, 1, "scalar")
        found = find_counterexample(derived, claimed)
        difference = as_rational(derived - claimed)
        reason = (f"σ'(z) differs: derived − claimed = {text(difference)}, a non-zero "
                  f"rational function of exp(z)")
        return Proof(claim, proof.REFUTED if found else proof.UNPROVED, 1, "scalar", reason,
                     (1,), derived, claimed, found, correct)

    def _prove_regions(self, claim: str, correct: str | None, kink: str = "pytorch") -> Proof:
        derived, claimed = self.derivative(Z_SCALAR), self.prime(Z_SCALAR)
        regions = (("z > 0", _P), ("z < 0", -_P))
        for count, (label, point) in enumerate(regions, start=1):
            d, c = derived.xreplace({Z_SCALAR: point}), claimed.xreplace({Z_SCALAR: point})
            if not identical(d, c):
                found = find_counterexample(d, c)
                if found is not None:
                    found.values = {"z": found.values.get("p", 1) * (1 if point == _P else -1)}
                return RegionProof(claim, proof.REFUTED if found else proof.UNPROVED, count,
                                   "3 cases", f"σ'(z) differs for {label}", (count,), d, c,
                                   found, correct)
        right, left = derived.xreplace({Z_SCALAR: _P}), derived.xreplace({Z_SCALAR: -_P})
        at0 = claimed.xreplace({Z_SCALAR: sp.S.Zero})
        if right == left:     # no kink: the derivative exists at 0 and is that value
            ref, words = right, f"the derivative at z = 0 is {right}"
        else:
            ref = self.at_zero
            words = f"at z = 0 the derivative does not exist; PyTorch uses {ref}"
            if kink != "pytorch" and at0 != ref and (at0.has(sp.nan) or kink == "undecided" and min(left, right) <= at0 <= max(left, right)):
                return RegionProof(claim, proof.HOLDS, 3, "3 cases", extra={"at_zero": f"{words}; this closed form gives "
                                   + ("no value there" if at0.has(sp.nan) else f"{at0} there, a one-sided slope")})
        if ref is not None and at0 == ref:
            return RegionProof(claim, proof.HOLDS, 3, "3 cases",
                               extra={"at_zero": f"{words} and so does this closed form"})
        return RegionProof(claim, proof.REFUTED, 3, "3 cases",
                           f"{words}, but the closed form gives {at0}", (3,),
                           ref, at0, Counterexample({"z": 0}, ref, at0), correct)


def _relu(z):
    return sp.Piecewise((z, z > 0), (0, True))


def _step(z, low=0):
    return sp.Piecewise((1, z > 0), (low, True))


IDENTITY = Activation("identity", lambda z: z, lambda z: sp.S.One, "1", "1")
RELU = Activation("relu", _relu, _step, "1[{z} > 0]", r"\mathbb{1}\left[{z} > 0\right]",
                  at_zero=sp.S.Zero)
SIGMOID = Activation("sigmoid", _sigmoid_definition, lambda z: Sigmoid(z) * (1 - Sigmoid(z)),
                     "σ({z})(1 − σ({z}))", r"\sigma({z})\left(1 - \sigma({z})\right)")
TANH = Activation("tanh", _tanh_definition, lambda z: 1 - sp.tanh(z) ** 2,
                  "1 − tanh²({z})", r"1 - \tanh^{2}({z})")

#: name -> activation, as :class:`Act` and :class:`ActPrime` look them up
ACTIVATIONS: dict[str, Activation] = {}


def register(act: Activation) -> Activation:
    """Make ``act`` known to :class:`Act` / :class:`ActPrime` under its name."""
    known = ACTIVATIONS.get(act.name)
    if known is not None and known != act:
        raise ValueError(f"another activation is already named {act.name!r}")
    ACTIVATIONS[act.name] = act
    return act


def leaky_relu(slope=0.01) -> Activation:
    """Leaky ReLU with ``negative_slope`` (exact: 0.01 is 1/100); σ'(0) = slope, as PyTorch."""
    s = sp.Rational(str(slope)) if not isinstance(slope, sp.Basic) else slope
    name = "leaky_relu" if s == sp.Rational(1, 100) else f"leaky_relu({s})"
    if name in ACTIVATIONS:
        return ACTIVATIONS[name]
    shown_slope = str(slope) if not isinstance(slope, sp.Basic) else str(s)
    return register(Activation(
        name, lambda z: sp.Piecewise((z, z > 0), (s * z, True)), lambda z: _step(z, s),
        f"1[{{z}} > 0] + {shown_slope}·1[{{z}} ≤ 0]",
        rf"\mathbb{{1}}\left[{{z}} > 0\right] + {shown_slope}\,\mathbb{{1}}\left[{{z}} \le 0\right]",
        at_zero=s))


LEAKY_RELU = leaky_relu()
for _act in (IDENTITY, RELU, SIGMOID, TANH):
    register(_act)

#: a directive's ``name=`` spelling -> the activation's name (Activation.from_directive)
_DIRECTIVE_NAMES = {"identity": "identity", "linear": "identity", "relu": "relu", "leaky_relu": "leaky_relu",
                    "leakyrelu": "leaky_relu", "leaky-relu": "leaky_relu", "sigmoid": "sigmoid",
                    "logistic": "sigmoid", "tanh": "tanh"}


# --------------------------------------------------------------------------- operators

class _ActOp(TensorOp):
    """Base of Act / ActPrime: args (x, Symbol(name)) with the activation looked up by name."""

    @property
    def activation(self) -> Activation:
        name = self.args[1].name
        if name not in ACTIVATIONS:
            raise ShapeError(f"unknown activation {name!r}")
        return ACTIVATIONS[name]

    @property
    def params(self) -> tuple:
        return ()


class Act(_ActOp):
    """act(x, name): the activation's forward definition applied to every entry of x."""

    def text(self, args):
        return f"{self.args[1].name}({args[0]})"

    def entrywise(self, x):
        return entrywise_map(self.activation.forward, x)

    def _latex(self, printer):
        return rf"\operatorname{{{self.args[1].name}}}\left({printer._print(self.args[0])}\right)"


class ActPrime(_ActOp):
    """actprime(x, name): the activation's *documented* σ' applied to every entry of x.

    Entries are the closed form as documents write it (e.g. σ(z)(1 − σ(z))); a proof
    against a chain-rule result goes through :func:`prove_exact`.
    """

    def text(self, args):
        shown = self.activation.text(args[0])
        return f"({shown})" if _compound(self.activation.prime_text) else shown

    def entrywise(self, x):
        return entrywise_map(self.activation.prime, x)

    def _latex(self, printer):
        shown = self.activation.latex(printer._print(self.args[0]))
        return rf"\left({shown}\right)" if _compound(self.activation.prime_text) else shown


def _compound(template: str) -> bool:
    """Whether a printed σ' needs parentheses after ⊙ (a sum, or a product of factors)."""
    return any(op in template for op in (" + ", " − ", ")("))
