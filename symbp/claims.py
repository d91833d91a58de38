"""Claims: a closed form stated for a derived gradient, and the built-in derivations.

A :class:`Claim` pairs what the chain rule derives from a layer's forward
definition with the closed form a document states for it, and checks the two
with :func:`symbp.core.proof.prove`.  :data:`BUILTINS` holds the founding document's
derivations under the names ``symbp verify`` takes.
"""
from __future__ import annotations

import gc
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import sympy as sp

from .core import proof
from . import witness
from .layers.activations import IDENTITY, LEAKY_RELU, RELU, SIGMOID, TANH, Z_SCALAR, Activation, prove_exact
from .layers.conv import Conv2d, Conv2dConfig
from .layers.conv1d import Conv1d, Conv1dConfig
from .layers.conv_transpose import ConvTranspose2d, ConvTranspose2dConfig
from .layers.dense import FullyConnected, LinearConfig, SoftmaxConfig, SoftmaxCrossEntropy
from .core.geometry import ConfigError
from .core.layer import LHS, WHAT
from .core.ops import ShapeError, evaluate
from .layers.pooling import Pool2d, Pool2dConfig
from .core.printing import to_latex, to_text  # noqa: F401  (symbp.claims.to_latex: public)
from .core.proof import Proof
from .report import RichDisplay
from .core.tensor import A, B, DELTA, W, ZPREV


@dataclass
class Claim:
    """``lhs = form``: a closed form claimed for a gradient the chain rule derives."""
    name: str
    lhs: str                                   # LaTeX of the left-hand side
    form: sp.Expr                              # the claimed closed form (operators)
    derive: Callable[[], np.ndarray]           # the chain-rule result, computed on demand
    env: dict                                  # tensor placeholders -> symbolic entries
    sizes: str
    expected: str = proof.HOLDS
    what: str = "gradient"
    correct: sp.Expr | None = None             # the right closed form, when this one is wrong
    #: "kind": the layer's kind, "layer": the layer (symbp prove asks it for its proof_prose)
    notes: dict = field(default_factory=dict)
    #: (forward form, the placeholder differentiated): the derived side is then also checked
    #: against the forward's meaning (:func:`symbp.witness.confirm_gradient`)
    gradient_of: tuple | None = None
    #: a "holds" is confirmed by :func:`symbp.witness.confirm` (claims whose own ``prove``
    #: works over other atoms, such as softmax's e^{z_k}, set this False)
    witnessed = True

    def prove(self, derived: np.ndarray, claimed: np.ndarray, correct: str | None) -> Proof:
        """The exact comparison of the two sides (polynomial identity by default)."""
        return proof.prove(derived, claimed, self.latex, what=self.what, correct=correct)

    @property
    def latex(self) -> str:
        return f"{self.lhs} = {to_latex(self.form)}"

    @property
    def text(self) -> str:
        return f"{self.what} = {to_text(self.form)}"

    def check(self) -> Proof:
        """Prove or refute the claim; shapes that do not fit refute it.  A "holds" is
        confirmed by the second witness first (WitnessError when it disagrees)."""
        correct = to_text(self.correct) if self.correct is not None else None
        with without_gc():
            derived = self.derive()
            try:
                claimed = evaluate(self.form, self.env)
            except (ShapeError, ConfigError) as err:
                return proof.refuted_undefined(
                    self.latex, f"{to_text(self.form)} is undefined: {err}", correct)
            result = self.prove(derived, claimed, correct)
            if result.holds and self.witnessed:
                witness.confirm(self.latex, derived, self.form, self.env.get)
                if self.gradient_of is not None:
                    forward, wrt = self.gradient_of
                    witness.confirm_gradient(self.latex, derived, forward, wrt, DELTA,
                                             self.env.get)
            return result


@contextmanager
def without_gc():
    """Pause Python's cyclic garbage collector while building many SymPy objects.

    Its collections scan every live object, so with hundreds of thousands of
    terms alive they made large derivations grow faster than their term count.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass
class Result(RichDisplay):
    """A checked claim with its timing, as ``symbp verify`` reports it."""
    claim: Claim
    proof: Proof
    seconds: float

    @property
    def as_expected(self) -> bool:
        return self.proof.verdict == self.claim.expected

    def as_json(self) -> dict:
        p = self.proof
        out = {"name": self.claim.name, "claim": self.claim.latex, "text": self.claim.text,
               "sizes": self.claim.sizes, "verdict": p.verdict, "expected": self.claim.expected,
               "entries": p.entries, "seconds": round(self.seconds, 4), "detail": p.detail()}
        if p.index is not None:
            out["entry"] = list(p.index)
        if p.counterexample is not None:
            out["counterexample"] = {k: int(v) for k, v in p.counterexample.values.items()}
        if self.claim.correct is not None:
            out["correct"] = to_latex(self.claim.correct)
        return out


def run(claims: list[Claim]) -> list[Result]:
    """Check each claim, timing each (shared derivations are charged to the first)."""
    results = []
    for claim in claims:
        start = time.perf_counter()
        result = claim.check()
        results.append(Result(claim, result, time.perf_counter() - start))
    return results


# --------------------------------------------------------------------------- printing

# --------------------------------------------------------------------------- built-ins

@dataclass(frozen=True)
class Setup:
    """Sizes for the built-in derivations; None means each layer's default."""
    input: tuple[int, int] | None = None
    kernel: tuple[int, int] | None = None
    stride: tuple[int, int] | None = None
    padding: tuple[int, int] = (0, 0)
    dilation: tuple[int, int] = (1, 1)
    channels: tuple[int, int] = (1, 1)
    groups: int = 1
    batch: int = 1
    ceil_mode: bool = False               # pooling only
    count_include_pad: bool = True        # average pooling only
    divisor_override: int | None = None   # average pooling only
    output_padding: tuple[int, int] = (0, 0)  # transposed convolution only

    def conv(self) -> Conv2dConfig:
        return Conv2dConfig.make(self.input or (3, 3), self.kernel or (2, 2), self.stride or 1,
                                 self.padding, self.dilation, self.channels, self.groups,
                                 self.batch)

    def pool(self, mode: str = "max") -> Pool2dConfig:
        """The pooling layer; avg_pool2d has no dilation, so average pooling takes none."""
        dilation = self.dilation if mode == "max" else (1, 1)
        cfg = Pool2dConfig.make(self.input or (4, 4), self.kernel or (2, 2), self.stride,
                                 self.padding, dilation, self.ceil_mode,
                                 self.count_include_pad, self.divisor_override,
                                 channels=self.channels[0], batch=self.batch)
        (ho, wo), (kh, kw) = cfg.output, cfg.kernel
        cost = 4 if mode == "max" else 1      # region indicators cost a few terms each
        _check_size(cost * cfg.batch * cfg.channels * ho * wo * kh * kw, cfg.describe())
        return cfg

    def pool_sizes(self, layer: Pool2d) -> str:
        """The sizes column, saying so when a dilation asked for does not apply."""
        note = " (avg_pool2d has no dilation)" if layer.mode == "avg" and \
            self.dilation != (1, 1) else ""
        return layer.cfg.describe() + note


DJ = r"\frac{\partial J}{\partial %s}"


def _pool_claims(setup: Setup, cache: dict, mode: str) -> list[Claim]:
    layer = _cached(cache, ("pool", mode, setup), lambda: Pool2d(setup.pool(mode), mode))
    return [Claim(f"pool-{mode}", DJ % "a", layer.upsample_form(), lambda: layer.input_grad,
                  layer.env, setup.pool_sizes(layer), what="∂J/∂a",
                  gradient_of=(layer.forward_form(), A),
                  notes={"kind": layer.kind, "layer": layer})]


def _pool_global(setup: Setup, cache: dict) -> list[Claim]:
    """Global average pooling: one window covering the whole input."""
    size = setup.input or (4, 4)
    cfg = Pool2dConfig.make(size, size, channels=setup.channels[0], batch=setup.batch)
    layer = _cached(cache, ("pool-global", cfg), lambda: Pool2d(cfg, "avg"))
    return [Claim("pool-global-avg", DJ % "a", layer.upsample_form(), lambda: layer.input_grad,
                  layer.env, f"global average, {size[0]}x{size[1]} input", what="∂J/∂a",
                  gradient_of=(layer.forward_form(), A),
                  notes={"kind": layer.kind, "layer": layer})]


def _pool_delta(setup: Setup, cache: dict) -> list[Claim]:
    claims = []
    for mode in ("avg", "max"):
        layer = _cached(cache, ("pool", mode, setup), lambda: Pool2d(setup.pool(mode), mode))
        claims.append(Claim("pool-delta", r"\delta^{l-1}", layer.delta_form(),
                            lambda layer=layer: layer.delta_prev, layer.env,
                            f"{mode} pooling, {setup.pool_sizes(layer)}", what="δ^{l-1}",
                            notes={"kind": layer.kind, "layer": layer}))
    return claims


#: forward terms above which a symbolic proof is refused (about a minute of work here)
MAX_TERMS = 4_000_000


def _check_size(terms: int, what: str) -> None:
    if terms > MAX_TERMS:
        raise ConfigError(f"{what} has {terms:,} forward terms; symbolic proofs are limited "
                          f"to {MAX_TERMS:,} (about a minute): use smaller sizes")


def _conv(setup: Setup, cache: dict) -> Conv2d:
    cfg = setup.conv()
    (ho, wo), (cin, cout) = cfg.output, cfg.channels
    _check_size(cfg.batch * cout * ho * wo * (cin // cfg.groups) * cfg.kernel[0] * cfg.kernel[1],
                cfg.describe())
    return _cached(cache, ("conv", setup), lambda: Conv2d(cfg))


def layer_claim(name: str, layer, key: str, form: sp.Expr | None = None, **kwargs) -> Claim:
    """The claim that a closed form for ``key`` equals what the chain rule derives on ``layer``.

    ``layer`` implements :class:`symbp.core.layer.Layer`; ``key`` is ``"a"``, ``"W"``, ``"b"``
    (its gradients), ``"z"`` (softmax) or ``"delta"`` (δ^{l-1} through σ).  ``form`` is the
    claimed closed form, an operator expression of the placeholders (default: the layer's
    own, ``layer.closed_forms()[key]``).  ``kwargs`` go to :class:`Claim` (``expected``,
    ``correct``).  Example::

        >>> from symbp.layers.conv import Conv2d, Conv2dConfig
        >>> claim = layer_claim("conv-input", Conv2d(Conv2dConfig.make()), "a")
        >>> claim.text, claim.check().verdict
        ('∂J/∂a = pad_1(δ) * rot180(W)', 'holds')
    """
    env = layer.env
    if key == "delta":
        derive = lambda: layer.derived_delta       # noqa: E731
        env = env if ZPREV in env else {**env, ZPREV: layer.zprev}
    else:
        derive = lambda: layer.gradients[key]      # noqa: E731
    form = layer.closed_forms()[key] if form is None else form
    if key in _PLACEHOLDER_OF and hasattr(layer, "forward_form"):   # the derived side too
        kwargs.setdefault("gradient_of", (layer.forward_form(), _PLACEHOLDER_OF[key]))
    return Claim(name, LHS[key], form, derive, env, layer.cfg.describe(),
                 what=WHAT[key], notes={"kind": layer.kind, "layer": layer}, **kwargs)


#: the placeholder each gradient key differentiates (see Claim.gradient_of)
_PLACEHOLDER_OF = {"a": A, "W": W, "b": B}


def built(layer_class, config_class):
    """``make_layer(setup, cache)`` for :func:`layer_row`: ``layer_class(config_class.from_setup(setup))``,
    one per setup, refused above :data:`MAX_TERMS` forward terms."""
    def make_layer(setup: Setup, cache: dict):
        cfg = config_class.from_setup(setup)
        _check_size(cfg.forward_terms, cfg.describe())
        return _cached(cache, (layer_class, cfg), lambda: layer_class(cfg))
    return make_layer


def layer_row(name: str, make_layer: Callable[[Setup, dict], object], key: str):
    """A built-ins table row: the claim ``key`` of the layer ``make_layer(setup, cache)`` builds."""
    return lambda setup, cache: [layer_claim(name, make_layer(setup, cache), key)]


def _conv_weight_seed(setup, cache):
    layer = _conv(setup, cache)
    return [Claim("conv-weight-seed", DJ % "W", layer.seed_weight_form(),
                  lambda: layer.gradients["W"], layer.env, layer.cfg.describe(),
                  expected=proof.REFUTED, what="∂J/∂W", correct=layer.weight_grad_form(),
                  gradient_of=(layer.forward_form(), W),
                  notes={"kind": layer.kind, "layer": layer})]


def _cached(cache: dict, key, build):
    if key not in cache:
        cache[key] = build()
    return cache[key]


# ------------------------------------------------------- fully connected, softmax, activations

@dataclass
class ExactClaim(Claim):
    """A claim proved as rational functions of exponentials (see activations.prove_exact)."""
    constraint: dict = field(default_factory=dict)
    witnessed = False           # e^{z_k} and Σ_k y_k = 1 are outside the rational witness

    def prove(self, derived: np.ndarray, claimed: np.ndarray, correct: str | None) -> Proof:
        return prove_exact(derived, claimed, self.latex, what=self.what, correct=correct,
                           constraint=self.constraint)


@dataclass
class ActivationClaim(Claim):
    """σ'(z) = the activation's documented closed form (scalar z).

    ``form`` is the claimed σ'(z) as an expression of z (activations.Z_SCALAR); it is printed
    with the activation's own notation while it is the activation's closed form, and
    proved against the derivative of the activation's forward definition.
    ``reference``: the activation whose σ' is the correct one, when this claim's is not.
    """
    activation: Activation | None = None
    reference: Activation | None = None

    @property
    def _documented(self) -> bool:
        return self.form == self.activation.prime(Z_SCALAR)

    @property
    def latex(self) -> str:
        return rf"\sigma'(z) = {self.activation.latex() if self._documented else to_latex(self.form)}"

    @property
    def text(self) -> str:
        return f"σ'(z) = {self.activation.text() if self._documented else to_text(self.form)}"

    def check(self) -> Proof:
        correct = self.reference.text() if self.reference is not None else None
        act = self.activation
        if not self._documented:         # a form put in by hand (dataclasses.replace)
            form = self.form
            act = act.variant(f"{act.name}-claimed", lambda z: form.xreplace({Z_SCALAR: z}),
                              to_text(form).replace("{", "{{").replace("}", "}}"),
                              to_latex(form))
        return act.prove(self.latex, correct)


def activation_claim(act: Activation, name: str | None = None, *, expected: str = proof.HOLDS,
                     reference: Activation | None = None) -> ActivationClaim:
    """The claim σ'(z) = act's documented closed form, checked by :meth:`Activation.prove`.

    For a mutant, ``reference`` is the activation with the correct σ' (shown as correct).
    """
    sizes = "z > 0, z < 0, z = 0" if act.piecewise else "scalar z"
    return ActivationClaim(name or f"act-{act.name.replace('_', '-')}", r"\sigma'(z)",
                           act.prime(Z_SCALAR), lambda: np.array([act.derivative()], dtype=object),
                           {}, sizes, expected=expected, what="σ'(z)",
                           correct=reference.prime(Z_SCALAR) if reference is not None else None,
                           activation=act, reference=reference)


def linear_config(setup: Setup) -> LinearConfig:
    """in/out features from Setup.channels ((1, 1), the default, means 3 -> 2)."""
    i, o = (3, 2) if tuple(setup.channels) == (1, 1) else setup.channels
    return LinearConfig.make(i, o, setup.batch)


def softmax_config(setup: Setup) -> SoftmaxConfig:
    """K from Setup.channels[1] (the default (1, 1) means K = 3)."""
    k = 3 if tuple(setup.channels) == (1, 1) else setup.channels[1]
    return SoftmaxConfig.make(k, setup.batch)


def _fc(setup: Setup, cache: dict) -> FullyConnected:
    cfg = linear_config(setup)
    return _cached(cache, ("fc", cfg), lambda: FullyConnected(cfg))


FC_KEYS = {"fc-input": "a", "fc-weight": "W", "fc-bias": "b", "fc-delta": "delta"}


def fc_claims(layer: FullyConnected) -> dict[str, Claim]:
    """The four fully connected claims of one layer, by built-in name."""
    return {name: layer_claim(name, layer, key) for name, key in FC_KEYS.items()}


def softmax_claim(net: SoftmaxCrossEntropy, form: sp.Expr | None = None, *,
                  name: str = "softmax-ce", expected: str = proof.HOLDS,
                  correct: sp.Expr | None = None) -> ExactClaim:
    """∂J/∂z = form (default softmax(z) − y), proved under Σ_k y_k = 1."""
    return ExactClaim(name, DJ % "z", form if form is not None else net.delta_form(),
                      lambda: net.derived, net.env, net.cfg.describe(), expected=expected,
                      what="∂J/∂z", correct=correct, constraint=net.constraint)


def _softmax(setup: Setup, cache: dict) -> list[Claim]:
    cfg = softmax_config(setup)
    net = _cached(cache, ("softmax-ce", cfg), lambda: SoftmaxCrossEntropy(cfg))
    return [softmax_claim(net)]


def _act_builder(act: Activation):
    return lambda setup, cache: [activation_claim(act)]


#: built-in derivation name -> builder(setup, cache) -> claims
BUILTINS: dict[str, Callable[[Setup, dict], list[Claim]]] = {
    "pool-avg": lambda s, c: _pool_claims(s, c, "avg"),
    "pool-max": lambda s, c: _pool_claims(s, c, "max"),
    "pool-delta": _pool_delta,
    "pool-global-avg": _pool_global,
    "conv-input": layer_row("conv-input", _conv, "a"),
    "conv-weight": layer_row("conv-weight", _conv, "W"),
    "conv-bias": layer_row("conv-bias", _conv, "b"),
    "conv-delta": layer_row("conv-delta", _conv, "delta"),
    "conv-weight-seed": _conv_weight_seed,
    "fc-input": layer_row("fc-input", _fc, "a"),
    "fc-weight": layer_row("fc-weight", _fc, "W"),
    "fc-bias": layer_row("fc-bias", _fc, "b"),
    "fc-delta": layer_row("fc-delta", _fc, "delta"),
    "softmax-ce": _softmax,
    "act-identity": _act_builder(IDENTITY),
    "act-relu": _act_builder(RELU),
    "act-leaky-relu": _act_builder(LEAKY_RELU),
    "act-sigmoid": _act_builder(SIGMOID),
    "act-tanh": _act_builder(TANH),
    "conv-transpose-input": layer_row("conv-transpose-input", built(ConvTranspose2d, ConvTranspose2dConfig), "a"),
    "conv-transpose-weight": layer_row("conv-transpose-weight", built(ConvTranspose2d, ConvTranspose2dConfig), "W"),
    "conv1d-input": layer_row("conv1d-input", built(Conv1d, Conv1dConfig), "a"),
    "conv1d-weight": layer_row("conv1d-weight", built(Conv1d, Conv1dConfig), "W"),
    "conv1d-bias": layer_row("conv1d-bias", built(Conv1d, Conv1dConfig), "b"),
}


def builtin_claims(names: list[str], setup: Setup = Setup()) -> list[Claim]:
    """The claims of the named built-in derivations (all when ``names`` is empty)."""
    unknown = [n for n in names if n not in BUILTINS]
    if unknown:
        raise ConfigError(f"unknown derivation {unknown[0]!r} (known: {', '.join(BUILTINS)})")
    cache: dict = {}
    return [claim for name in (names or list(BUILTINS)) for claim in BUILTINS[name](setup, cache)]
