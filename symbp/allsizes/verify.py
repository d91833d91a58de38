"""``symbp verify --all-sizes``: the built-in claims proved or refuted for every size.

A :class:`Spec` names a claim by how to build its two sides from a layer: the forward
(the chain rule differentiates it) and the closed form, both with the per-size layer
classes' own builders.  :func:`check` builds them over symbolic sizes
(:mod:`symbp.allsizes.layers`), decides equality with isl (:mod:`symbp.allsizes.sets`),
and replays a refutation with the per-size prover at the counterexample's sizes.

Example::

    >>> [r.verdict for r in verify_all(["conv-input"], Options(stride=(2, 2)))]
    ['holds']
    >>> check(SPECS["conv-input"], Options(symbolic_steps=True)).scope    # needs z3
    'all H, W, KH, KW, PH, PW, N, Cin, Cout, SH, SW, DH, DW; groups 1'
"""
from __future__ import annotations

import functools
import time
from dataclasses import dataclass, field, replace
from typing import Callable

import sympy as sp
# SymPy imports sympy.tensor.tensor on the first sum of symbols it builds (about 45 ms here):
# at import time, so that this start-up cost is not counted in the first claim's seconds
import sympy.tensor.tensor  # noqa: F401,E402

from ..layers import conv, dense, pooling
from ..core import proof
from ..claims import DJ, Claim, to_latex, to_text
from ..layers.conv import Conv2d, ConvDelta
from ..layers.dense import FullyConnected
from ..core.geometry import ConfigError
from ..core.ops import Hadamard, ShapeError, SigmaPrime, Sigma
from ..layers.pooling import Pool2d
from . import layers, sets, smt
from .relation import NoRelation, derive, relate

HOLDS, REFUTED, UNKNOWN = sets.HOLDS, sets.REFUTED, sets.UNKNOWN


@dataclass(frozen=True)
class Spec:
    """A claim as two builders over a layer (symbolic or per-size)."""
    name: str
    kind: str                                   # conv | pool-avg | pool-max | fc
    forward: Callable                           # layer -> forward operator tree
    form: Callable                              # layer -> closed form operator tree
    wrt: sp.Symbol                              # the placeholder differentiated
    lhs: str
    what: str
    expected: str = HOLDS
    transform: Callable | None = None           # a mutation of the closed form
    swap_stride_dilation: bool = False          # the form built with s and d swapped
    whole_input: bool = False                   # pooling: one window, the whole input


def _conv_fwd(L):
    return Conv2d.forward_form(L)


def _conv_delta_fwd(L):
    return Conv2d.forward_form(L, Sigma(conv.ZPREV))


def _conv_delta_form(L):
    return Hadamard(Conv2d.input_grad_form(L), SigmaPrime(conv.ZPREV))


def _pool_delta_fwd(L):
    return Pool2d.forward_form(L, Sigma(pooling.ZPREV))


def _fc_delta_form(L):
    return Hadamard(FullyConnected.input_grad_form(L), SigmaPrime(dense.ZPREV))


def _fc_delta_fwd(L):
    return FullyConnected.forward_form(L, Sigma(dense.ZPREV))


SPECS: dict[str, Spec] = {s.name: s for s in [
    Spec("conv-input", "conv", _conv_fwd, Conv2d.input_grad_form, conv.A, DJ % "a", "∂J/∂a"),
    Spec("conv-weight", "conv", _conv_fwd, Conv2d.weight_grad_form, conv.W, DJ % "W", "∂J/∂W"),
    Spec("conv-bias", "conv", _conv_fwd, lambda L: Conv2d.bias_grad_form(), conv.B, DJ % "b",
         "∂J/∂b"),
    Spec("conv-delta", "conv", _conv_delta_fwd, _conv_delta_form, conv.ZPREV, r"\delta^{l-1}",
         "δ^{l-1}"),
    Spec("conv-weight-seed", "conv", _conv_fwd, lambda L: Conv2d.seed_weight_form(), conv.W,
         DJ % "W", "∂J/∂W", expected=REFUTED),
    Spec("pool-avg", "pool-avg", Pool2d.forward_form, Pool2d.upsample_form, pooling.A,
         DJ % "a", "∂J/∂a"),
    Spec("pool-max", "pool-max", Pool2d.forward_form, Pool2d.upsample_form, pooling.A,
         DJ % "a", "∂J/∂a"),
    Spec("pool-delta-avg", "pool-avg", _pool_delta_fwd, Pool2d.delta_form, pooling.ZPREV,
         r"\delta^{l-1}", "δ^{l-1}"),
    Spec("pool-delta-max", "pool-max", _pool_delta_fwd, Pool2d.delta_form, pooling.ZPREV,
         r"\delta^{l-1}", "δ^{l-1}"),
    Spec("pool-global-avg", "pool-avg", Pool2d.forward_form, Pool2d.upsample_form, pooling.A,
         DJ % "a", "∂J/∂a", whole_input=True),
    Spec("fc-input", "fc", FullyConnected.forward_form, FullyConnected.input_grad_form, dense.A,
         DJ % "a", "∂J/∂a"),
    Spec("fc-weight", "fc", FullyConnected.forward_form, FullyConnected.weight_grad_form,
         dense.W, DJ % "W", "∂J/∂W"),
    Spec("fc-bias", "fc", FullyConnected.forward_form, lambda L: FullyConnected.bias_grad_form(),
         dense.B, DJ % "b", "∂J/∂b"),
    Spec("fc-delta", "fc", _fc_delta_fwd, _fc_delta_form, dense.ZPREV, r"\delta^{l-1}",
         "δ^{l-1}"),
]}


@dataclass
class Options:
    """What is held fixed: stride, dilation (conv, pooling), pooling flags, and channels
    and batch when given (None: quantified)."""
    stride: tuple | None = None
    dilation: tuple = (1, 1)
    ceil_mode: bool = False
    count_include_pad: bool = True
    divisor_override: bool = False
    channels: tuple | None = None
    groups: int = 1                       # conv: held (quantified channels are multiples)
    batch: int | None = None
    letters: dict | None = None           # a document's size letters (layers._sizes)
    symbolic_steps: bool = False          # stride and dilation quantified too (z3, conv)
    timeout_ms: int = 10000               # z3's limit per query


def symbolic_layer(spec: Spec, opts: Options) -> layers.Symbolic:
    if spec.kind == "conv":
        stride, dilation = (("SH", "SW"), ("DH", "DW")) if opts.symbolic_steps else \
            (opts.stride or (1, 1), opts.dilation)
        return layers.conv_layer(stride, dilation, opts.channels, opts.batch, opts.letters,
                                 opts.groups)
    if spec.whole_input:
        return layers.global_pool_layer(opts.channels[0] if opts.channels else None,
                                        opts.batch)
    if spec.kind.startswith("pool"):
        mode = spec.kind.split("-")[1]
        return layers.pool_layer(mode, opts.stride or (2, 2),
                                 opts.dilation if mode == "max" else (1, 1), opts.ceil_mode,
                                 opts.count_include_pad, opts.divisor_override and mode == "avg",
                                 opts.channels[0] if opts.channels else None, opts.batch,
                                 opts.letters)
    return layers.fc_layer(opts.batch)


@dataclass
class AllSizesResult:
    """A verdict for every size, with its scope and, when refuted, the replay."""
    name: str
    claim: str
    text: str
    verdict: str
    scope: str
    seconds: float
    expected: str = HOLDS
    reason: str = ""
    outcome: sets.Outcome | None = None
    per_size: str = ""                          # the per-size prover's verdict there
    per_size_detail: str = ""
    sizes: dict = field(default_factory=dict)   # the counterexample's quantified sizes
    evidence: dict = field(default_factory=dict)

    @property
    def as_expected(self) -> bool:
        return self.verdict == self.expected

    def as_json(self) -> dict:
        out = {"name": self.name, "claim": self.claim, "text": self.text,
               "verdict": self.verdict, "expected": self.expected, "scope": self.scope,
               "seconds": round(self.seconds, 4), "detail": self.reason}
        o = self.outcome
        if o is not None and o.verdict == REFUTED:
            out["counterexample"] = {"sizes": self.sizes,
                                     "entry": list(o.entry), "term": o.term,
                                     "only_on": o.only_on, "kind": o.kind}
            out["per_size"] = self.per_size
        return out


def scope_of(sym: layers.Symbolic) -> str:
    """'all H, W, KH, ...; stride 2; dilation 1; ...' for a symbolic layer."""
    parts = ["all " + ", ".join(map(str, sym.ctx.sizes))]
    for key, value in sym.ctx.fixed.items():
        if isinstance(value, tuple):
            value = value[0] if len(set(value)) == 1 else ",".join(map(str, value))
        parts.append(f"{key} {value}")
    return "; ".join(parts)


def check(spec: Spec, opts: Options = Options(), confirm: bool = True) -> AllSizesResult:
    """Prove or refute ``spec`` for every size of its scope (see module docstring)."""
    start = time.perf_counter()
    sym = symbolic_layer(spec, opts)
    L = _swapped(sym.layer) if spec.swap_stride_dilation else sym.layer
    form = spec.form(L)
    if spec.transform is not None:
        form = spec.transform(form)
    latex = f"{spec.lhs} = {to_latex(form)}"
    scope = scope_of(sym)
    if spec.kind == "pool-max":
        scope += ("; routing of δ to each window's argmax cell and the shape (which cell is "
                  "the argmax under ties, PyTorch's first maximum, is proved per size)")
    result = AllSizesResult(spec.name, latex, f"{spec.what} = {to_text(form)}", UNKNOWN,
                            scope, 0.0, spec.expected, evidence={"form": form})
    try:
        target = sym.shapes[spec.wrt]
        xs = tuple(sp.Symbol(f"x_{k}", integer=True) for k in range(len(target)))
        z = relate(spec.forward(sym.layer), sym.ctx, sym.env)
        derived = derive(z, str(spec.wrt), str(conv.DELTA), xs)
        view = relate(form, sym.ctx, sym.env)
        decide = sets.decide
        if spec.kind == "conv" and _symbolic_steps(opts):
            decide = functools.partial(smt.decide, timeout_ms=opts.timeout_ms)
        closed, target = view.entry(xs), tuple(sym.ctx.lin(n) for n in target)
        try:
            outcome = decide(derived, closed, xs, sym.ctx, view.shape, target)
        except NoRelation:
            if decide is not sets.decide or not smt.available():
                raise
            # products of sizes (a claim's k·k, say): outside Presburger, so z3 decides
            outcome = smt.decide(derived, closed, xs, sym.ctx, view.shape, target,
                                 timeout_ms=opts.timeout_ms)
        result.evidence |= {"derived": derived, "closed": closed, "xs": xs,
                           "ctx": sym.ctx, "shape": view.shape, "target": target}
    except NoRelation as err:
        outcome = sets.Outcome(UNKNOWN, f"not decided for every size: {err}")
    result.outcome, result.verdict, result.reason = outcome, outcome.verdict, outcome.reason
    if outcome.verdict == REFUTED and confirm:
        _replay(result, spec, sym, opts)
    result.seconds = time.perf_counter() - start
    return result


def _symbolic_steps(opts: Options) -> bool:
    """Stride or dilation quantified (named by letters): products of sizes, so z3."""
    return opts.symbolic_steps or any(isinstance(v, str) for v in
                                      tuple(opts.stride or ()) + tuple(opts.dilation))


def _swapped(layer):
    cfg = layer.cfg
    fields = dict(cfg.fields, stride=cfg.dilation, dilation=cfg.stride)
    return replace(layer, cfg=layers.SymbolicConfig(fields))


def per_size_claim(spec: Spec, cfg, form: sp.Expr) -> Claim:
    """The per-size claim ``form`` (a closed form at concrete sizes) for ``spec``'s layer."""
    if spec.kind == "conv":
        layer = Conv2d(cfg)
        grads = lambda: layer.gradients[{"a": "a", "W": "w", "b": "b"}[str(spec.wrt)]]  # noqa
        env = layer.env
        if spec.wrt == conv.ZPREV:
            net = ConvDelta(cfg)
            grads, env = (lambda: net.derived), net.env
    elif spec.kind.startswith("pool"):
        layer = Pool2d(cfg, spec.kind.split("-")[1])
        grads = (lambda: layer.delta_prev) if spec.wrt == pooling.ZPREV else \
            (lambda: layer.input_grad)
        env = layer.env
    else:
        layer = FullyConnected(cfg)
        grads = (lambda: layer.derived_delta) if spec.wrt == dense.ZPREV else \
            (lambda: layer.gradients[{"a": "a", "W": "w", "b": "b"}[str(spec.wrt)]])
        env = layer.env
    return Claim(spec.name, spec.lhs, form, grads, env, cfg.describe(), what=spec.what)


def at_sizes(form: sp.Expr, ctx, sizes: dict) -> sp.Expr:
    """The closed form as stated, with the quantified sizes replaced by numbers."""
    return form.xreplace({s: sp.Integer(sizes[str(s)]) for s in ctx.sizes if str(s) in sizes})


def _replay(result: AllSizesResult, spec: Spec, sym: layers.Symbolic, opts: Options) -> None:
    """Check the counterexample with the per-size prover; disagreement is never 'refuted'."""
    sizes = {k: v for k, v in result.outcome.sizes.items() if k in map(str, sym.ctx.sizes)}
    result.sizes = sizes
    try:
        cfg = sym.concrete(sizes)
        form = at_sizes(result.evidence["form"], sym.ctx, sizes)
        replay = per_size_claim(spec, cfg, form).check()
    except ValueError as err:
        if result.outcome.kind == "undefined":     # the per-size evaluation rejects it too
            result.per_size = proof.REFUTED
            result.reason = (f"at {_where(sizes)}: {result.reason}; the per-size evaluation "
                             f"rejects it too: {err}")
            return
        result.per_size, result.per_size_detail = "error", str(err)
        result.verdict = UNKNOWN
        result.reason += f" (the per-size prover could not replay it: {err})"
        return
    except (ConfigError, ShapeError) as err:
        result.per_size, result.per_size_detail = "error", str(err)
        result.verdict = UNKNOWN
        result.reason += f" (the per-size prover could not replay it: {err})"
        return
    result.per_size, result.per_size_detail = replay.verdict, replay.detail()
    where = _where(sizes)
    if replay.verdict == proof.REFUTED:
        result.reason = f"at {where}: {result.reason}; confirmed by the per-size prover"
    else:
        result.verdict = UNKNOWN
        result.reason = (f"at {where} the all-sizes sets differ ({result.reason}) but the "
                         f"per-size prover says {replay.verdict}: not decided")


def _where(sizes: dict) -> str:
    return ", ".join(f"{k}={v}" for k, v in sizes.items())


#: a built-in name that holds several all-sizes claims (pool-delta: average and max)
ALIASES = {"pool-delta": ["pool-delta-avg", "pool-delta-max"]}


def verify_all(names: list[str], opts: Options = Options(), confirm: bool = True):
    """check() for each named built-in (all when ``names`` is empty)."""
    names = [m for n in names for m in ALIASES.get(n, [n])]
    unknown = [n for n in names if n not in SPECS]
    if unknown:
        raise ConfigError(f"no all-sizes proof for {unknown[0]!r} (known: {', '.join(SPECS)})")
    return [check(SPECS[n], opts, confirm) for n in (names or list(SPECS))]
