r"""``symbp check FILE``: re-check every display equation of a Markdown or LaTeX derivation.

Each display equation (``$$…$$``, ``\[…\]``, ``equation``/``align`` rows) gets a verdict:
``holds`` (proved exactly by :func:`symbp.proof.prove` against what the chain rule derives
from the layer's forward definition), ``refuted`` (a failing entry with a counterexample, or
a form undefined for its shapes, plus the correct form where symbp knows it), ``definition``
(it binds a name: ``\delta = [[2, 8], [4, 6]]``, ``b^l = 0``, ``\sigma(z) = z``) or
``unchecked`` (with the reason: notation not understood, no layer setup, time limit).

The layer comes from flags (``--layer conv2d --input 3x3 --kernel 2x2``) or directives,
which apply to the equations after them (a directive replaces the one before; flags are the
base under every directive)::

    <!-- symbp: layer=conv2d input=3x3 kernel=2x2 -->                (Markdown)
    % symbp: layer=maxpool input=4x4 kernel=2x2 argmax=tl,br,tr,bl    (LaTeX)

Keys: ``layer`` (conv2d, avgpool, maxpool, fc), ``input``/``kernel`` (HxW or N), ``stride``,
``padding``, ``dilation`` (N or H,W), ``channels`` (C or CIN,COUT), ``groups``, ``batch``,
``ceil_mode``, ``count_include_pad`` (true/false), ``divisor_override``, ``bias=0`` (no bias,
like an equation ``b^l = 0``) and ``argmax`` (for max pooling examples: each window's maximum
in row-major window order, ``tl``/``tr``/``bl``/``br`` or 1-based digits ``RC``).  Missing
conv2d sizes are inferred from subscripts (``a_{33}``, ``w_{22}``, ``\delta_{22}``).

A fully connected layer (``<!-- symbp: layer=fc in=3 out=2 -->``, keys ``in``, ``out``,
``batch``) is read in the documents' column-vector notation: a, δ, z, b, z^{l-1} are
columns (one per example), W is out x in, vector entries take one subscript (``a_{2}``,
``\delta_{1}``, ``w_{12}``), juxtaposed tensors are matrix products (``W^T \delta``,
``\delta^l (a^{l-1})^T``), ``^T``/``^{\top}`` transposes and ``\sum_n x_n`` sums the
examples.  Products whose shapes do not fit are refuted as undefined.

Activations: ``\sigma(z) = \frac{1}{1 + e^{-z}}`` (or ``\tanh(z)``, ``\max(0, z)``,
``\max(0.01 z, z)``, ``z``, a ``cases`` form; recognised from the parsed expression) binds σ
for the σ'(z) claims after it, as does a directive ``layer=activation name=sigmoid`` (names
identity, relu, leaky_relu with ``slope=0.01``, sigmoid, tanh).  ``\sigma'(z) = …`` is then
proved by :meth:`symbp.activations.Activation.prove` (exact; PyTorch's σ'(0) for ReLU-like σ);
its right side may use σ(z), ``\tanh^2(z)``, ``e^{…}``, ``\exp``, ``\max``, a ``cases``
environment (rows ``value & z > 0``, ``\text{otherwise}``), ``\mathbb{1}[z > 0]``, and a
region remark ``\quad \text{for } z > 0`` (checked in that region, for ReLU-like σ).  Tensor
claims keep σ general.

Softmax with cross-entropy (``<!-- symbp: layer=softmax classes=3 -->``, keys ``classes``,
``batch``): ``\frac{\partial J}{\partial z}`` (or ``\delta``, ``\nabla_z J``) equals an
entrywise expression of softmax(z) (``\text{softmax}(z)``, ``\hat{y}``, ``p``, or a name
defined by ``a = \text{softmax}(z)``) and the targets y, and ``\frac{\partial J}{\partial
z_{2}}`` an expression of entries (``\hat{y}_{2} - y_{2}``); proved exactly by
:func:`symbp.activations.prove_exact` under Σ_k y_k = 1.  ``J = …`` states the loss.

An equation is read in two passes.  Pass 1 (:func:`parse_equation`, :func:`parse_side`)
drops connectives (``\Rightarrow``, ``\therefore``, a leading ``\text{…}``) and ``\quad``
remarks, splits on top-level ``=`` (``x = y = z`` compares y and z with x; a display
starting with ``=`` continues the previous left side), then on ``+ -`` and on symbp's
operators ``*`` (``*_{s=2}``, ``*_{d=2}``) and ``\odot``.  Operands are operators (pad,
dilate, rot180 in its spellings, upsample/"unsample", σ, σ', Σ_{u,v}, transpose,
``\underbrace``), groups, or atoms for :func:`symbp.latex_atoms.parse_atom` (explicit
matrices, tensor names, entry expressions), with ∂J/∂x, ∂z/∂x, σ(x), σ'(x) and 1[x = max]
turned into placeholder symbols first.  Nothing from a document is sympified or evaluated.
Pass 2 (:func:`resolve_roles`, :class:`Values`) gives names roles by base letter (a, w/W,
b, z, δ, ∇x, ∂J/∂x): superscripts are labels, and when δ or z appears with two labels in one
equation, the one that is not the current layer's (W's, or the right side's δ) belongs to
the previous layer (δ^{l-1}, z^{l-1}).
"""
from __future__ import annotations

import json
import multiprocessing
import re
import signal
import threading
import time
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
import sympy as sp

from . import document, proof
from .claims import to_text
from .conv import A, B, DELTA, W, ZPREV, Conv2d, Conv2dConfig, ConvDelta
from .activations import IDENTITY, RELU, SIGMOID, TANH, Sigmoid, leaky_relu, prove_exact
from .activations import Z as ACT_Z
from .activations import identical as exact_identical
from .dense import (FullyConnected, LinearConfig, MatMul, Softmax, SoftmaxConfig,
                    SoftmaxCrossEntropy, Transpose)
from .geometry import ConfigError
from .latex_atoms import LatexAtomError, normalize_symbol_name, parse_atom, split_top_level
from .ops import (AddBias, ChannelSum, Correlate, Dilate, Hadamard, Pad, Rot180, ShapeError,
                  Sigma, SigmaPrime, SwapIO, TensorOp, WeightCorrelate, sigma, sigma_prime_at)
from .pooling import Pool2d, Pool2dConfig, UpsampleAvg, UpsampleMax
from .regions import INDICATORS, first_max_condition, last_max_condition, region_symbol
from .tensor import as_matrix, shape_text, symbolic, text

DEFINITION, UNCHECKED = "definition", "unchecked"
MAX_EQUATIONS, MAX_ATOM = 2000, 20_000

# Roles beyond the core's placeholders A, W, B, DELTA, ZPREV: what the chain rule derives.
Z_OUT, ACT_OUT = sp.Symbol("z"), sp.Symbol("σ(z)")
GRAD_A, GRAD_W, GRAD_B, DELTA_PREV = sp.symbols("∂J/∂a ∂J/∂W ∂J/∂b δ^{l-1}")
DERIVED = {Z_OUT, ACT_OUT, GRAD_A, GRAD_W, GRAD_B, DELTA_PREV}
GRAD_OF = {A: GRAD_A, W: GRAD_W, B: GRAD_B, Z_OUT: DELTA, ZPREV: DELTA_PREV}
ARGMAX_INPUT = sp.Symbol("argmax input")      # upsample_max(δ) without its second argument


class CheckError(ValueError):
    """The document as a whole cannot be checked (one-line message)."""


class Unsupported(Exception):
    """Notation this checker does not understand; the message is the reason."""


class _NotHere(Exception):
    """An operand is not the operator it started like: read it as an atom instead."""


class _Special(Exception):
    """Carries the outcome of an activation or softmax equation out of the parse."""

    def __init__(self, outcome):
        super().__init__()
        self.outcome = outcome


class _Timeout(BaseException):
    """Raised by the alarm; a BaseException, so ``except Exception`` in SymPy cannot eat it."""


# =========================================================================== results

@dataclass
class ClaimVerdict:
    """The verdict on one display equation."""
    line: int
    latex: str
    verdict: str          # holds | refuted | unproved | definition | unchecked
    detail: str


@dataclass
class CheckReport:
    """All verdicts of one document, and the setup of each section."""
    file: str
    claims: list[ClaimVerdict]
    setups: dict[int, str] = field(default_factory=dict)    # first line of a section -> setup
    with_setup: int = 0                                      # equations that had a layer setup

    @property
    def refuted(self) -> bool:
        return any(c.verdict == proof.REFUTED for c in self.claims)

    def to_json(self) -> str:
        """``{"file": ..., "claims": [{"line", "latex", "verdict", "detail"}, ...]}``"""
        return json.dumps({"file": self.file, "claims": [c.__dict__ for c in self.claims]},
                          indent=2, ensure_ascii=False)

    def render(self) -> str:
        """Line, equation (about 60 characters), verdict; the detail below."""
        out, counts = [self.file], {}
        for c in self.claims:
            if c.line in self.setups:
                out.append(f"  -- {self.setups[c.line]}")
            out += [f"  {c.line:>5}  {c.verdict:<10}  {shorten(c.latex)}", f"{'':21}{c.detail}"]
            counts[c.verdict] = counts.get(c.verdict, 0) + 1
        out.append(f"{len(self.claims)} equations: " +
                   ", ".join(f"{n} {v}" for v, n in sorted(counts.items())))
        return "\n".join(out)


def shorten(latex: str, width: int = 60) -> str:
    """One line of at most ``width`` characters."""
    s = " ".join(latex.split())
    return s if len(s) <= width else s[:width - 3] + "..."


# =========================================================================== entry points

def check_file(path, *, setup: dict | None = None, time_limit: float = 10.0) -> CheckReport:
    """Check a .md/.markdown/.tex file; CheckError when it cannot be read."""
    try:
        kind, body = document.read_document(path)
    except document.DocumentError as err:
        raise CheckError(str(err)) from None
    return check_text(body, kind, setup=setup, path=str(path), time_limit=time_limit)


def check_text(text: str, kind: str, *, setup: dict | None = None, path: str = "<text>",
               time_limit: float = 10.0, total_limit: float = 600.0) -> CheckReport:
    """Check every display equation of ``text`` (``kind`` 'md' or 'tex').

    ``setup`` holds base settings (directive keys; values as in a directive, or ints and
    pairs).  Each equation is checked under a hard ``time_limit`` in seconds; after
    ``total_limit`` the rest are reported unchecked.  CheckError for a document that cannot
    be read (too large, unterminated math, malformed directive).
    """
    if len(text.encode("utf-8", "replace")) > document.MAX_DOCUMENT_BYTES:
        raise CheckError(f"{path}: document is larger than "
                         f"{document.MAX_DOCUMENT_BYTES // 2 ** 20} MB")
    try:
        items = document.extract(text, kind)
    except document.DocumentError as err:
        raise CheckError(f"{path}: {err}") from None
    count = sum(isinstance(i, document.DisplayEquation) for i in items)
    if count > MAX_EQUATIONS:
        raise CheckError(f"{path}: {count} display equations (limit {MAX_EQUATIONS})")
    report, state, deadline = CheckReport(path, []), _State(), time.monotonic() + total_limit
    for section, eqs in _sections(items, setup or {}, path):
        if eqs:
            report.setups[eqs[0].line] = section.describe()
        for eq in eqs:
            if time.monotonic() > deadline:
                outcome = _Outcome(UNCHECKED, f"the time budget ({total_limit:g} s) is spent")
            else:
                outcome = _run_limited(lambda: check_equation(eq.latex, section, state), time_limit)
            if isinstance(outcome, str):
                outcome = _Outcome(UNCHECKED, outcome)
            state.update(outcome)
            report.with_setup += section.cfg is not None or outcome.verdict in (
                proof.HOLDS, proof.REFUTED, proof.UNPROVED)       # σ' claims after σ(z) = …
            report.claims.append(ClaimVerdict(eq.line, eq.latex, outcome.verdict, outcome.detail))
    return report


# =========================================================================== setup

_LAYERS = {"conv2d": "conv2d", "conv": "conv2d", "avgpool": "avgpool", "avg": "avgpool",
           "avgpool2d": "avgpool", "maxpool": "maxpool", "max": "maxpool", "maxpool2d": "maxpool",
           "fc": "fc", "linear": "fc", "dense": "fc", "activation": "activation",
           "act": "activation", "softmax": "softmax", "softmax-ce": "softmax",
           "softmax_ce": "softmax"}
_KEYS = ("layer input kernel stride padding dilation channels groups batch ceil_mode "
         "count_include_pad divisor_override bias argmax in out name slope classes").split()
_CORNERS = {"tl": (0, 0), "tr": (0, -1), "bl": (-1, 0), "br": (-1, -1)}


def _pair(value, key: str) -> tuple[int, int]:
    if isinstance(value, int):
        return value, value
    if isinstance(value, (tuple, list)) and len(value) == 2:
        return int(value[0]), int(value[1])
    m = re.fullmatch(r"\s*(\d+)\s*(?:[x×,]\s*(\d+)\s*)?", str(value))
    if not m:
        raise CheckError(f"{key}={value!r} is not a size like 3x3 or 2,1")
    return int(m.group(1)), int(m.group(2) or m.group(1))


def _count(value, key: str) -> int:
    if not re.fullmatch(r"\s*\d+\s*", str(value)):
        raise CheckError(f"{key}={value!r} is not a whole number")
    return int(value)


def _flag(value, key: str) -> bool:
    s = str(value).strip().lower()
    if s not in ("1", "true", "yes", "0", "false", "no"):
        raise CheckError(f"{key}={value!r} is not true or false")
    return s in ("1", "true", "yes")


@dataclass
class Section:
    """The layer setup for a run of equations (``error`` says why there is none)."""
    kind: str | None = None            # conv2d | avgpool | maxpool | fc
    cfg: Conv2dConfig | Pool2dConfig | LinearConfig | None = None
    bias: bool | None = None           # False: the layer has no bias
    argmax: str | None = None          # where the document puts each window's maximum
    error: str | None = None
    note: str = ""

    @property
    def model(self) -> "Model | None":
        if self.cfg is None or self.kind in ("activation", "softmax"):
            return None
        return Model.of(self.kind, self.cfg)

    def describe(self) -> str:
        if self.cfg is None:
            return self.error or "no layer setup"
        if self.kind == "activation":
            return f"activation: {self.cfg.name}"
        return f"{self.kind}: {self.cfg.describe()}{self.note}"


def make_section(settings: dict, latex=()) -> Section:
    """The Section for merged settings; conv2d sizes not given are inferred from ``latex``."""
    s, seen = dict(settings), _subscript_sizes(latex)
    layer = str(s.get("layer", "")).lower()
    if layer and layer not in _LAYERS:
        raise CheckError(f"layer={layer!r} is not one of conv2d, avgpool, maxpool, fc, "
                         "activation, softmax")
    kind, note = _LAYERS.get(layer), ""
    if kind is None and {"a", "w"} <= seen.keys() and all(
            x > k for x, k in zip(seen["a"], seen["w"])):
        kind, note = "conv2d", " (layer inferred)"
    if kind is None:
        return Section()
    bias = _flag(s["bias"], "bias") if "bias" in s else None
    get = lambda key, default: _pair(s.get(key, default), key)    # noqa: E731
    try:
        if kind == "activation":
            if "name" not in s:
                return Section(kind, error="activation without a name (add name=sigmoid, "
                                           "tanh, relu, leaky_relu or identity)")
            return Section(kind, activation_named(s["name"], s.get("slope")))
        if kind == "softmax":
            return Section(kind, SoftmaxConfig.make(_count(s.get("classes", 3), "classes"),
                                                    _count(s.get("batch", 1), "batch")))
        if kind == "fc":
            if "in" not in s or "out" not in s:
                return Section(kind, error="fc without feature sizes (add in=N out=M)")
            cfg = LinearConfig.make(_count(s["in"], "in"), _count(s["out"], "out"),
                                    _count(s.get("batch", 1), "batch"))
            return Section(kind, cfg, bias)
        if kind == "conv2d":
            inferred = _infer_conv(s, seen)
            s.update(inferred)
            if "input" not in s or "kernel" not in s:
                return Section(kind, error="conv2d without input/kernel sizes "
                                           "(add input=HxW kernel=KxK)")
            channels = s.get("channels", 1)
            cfg = Conv2dConfig.make(get("input", 0), get("kernel", 0), get("stride", 1),
                                    get("padding", 0), get("dilation", 1),
                                    _pair(channels, "channels"), int(s.get("groups", 1)),
                                    int(s.get("batch", 1)))
            return Section(kind, cfg, bias, note=note + " (sizes inferred)" * bool(inferred))
        if "input" not in s and "a" in seen:
            s["input"], note = seen["a"], " (input inferred)"
        if "input" not in s:
            return Section(kind, error=f"{kind} without an input size (add input=HxW)")
        div = s.get("divisor_override")
        cfg = Pool2dConfig.make(get("input", 0), get("kernel", 2),
                                get("stride", 0) if "stride" in s else None, get("padding", 0),
                                get("dilation", 1), _flag(s.get("ceil_mode", 0), "ceil_mode"),
                                _flag(s.get("count_include_pad", 1), "count_include_pad"),
                                None if div in (None, "none") else int(div),
                                get("channels", 1)[0], int(s.get("batch", 1)))
        if "argmax" in s and not re.fullmatch(r"(?:tl|tr|bl|br|[1-9]{2})(?:,(?:tl|tr|bl|br|[1-9]{2}))*",
                                               str(s["argmax"]).lower()):
            raise CheckError(f"argmax={s['argmax']!r}: positions are tl, tr, bl, br or two digits")
        return Section(kind, cfg, bias, s.get("argmax"), note=note)
    except ConfigError as err:
        return Section(kind, error=f"setup: {err}")
    except ValueError as err:
        raise CheckError(f"setup: {err}") from None


_SUBSCRIPTED = re.compile(r"(?<![A-Za-z\\])(a|w|W|z|\\delta)\s*(?:\^\s*(?:\{[^{}]*\}|\w)\s*)?"
                          r"_\s*\{\s*(?:(\d+)\s*,\s*(\d+)|(\d)(\d))\s*\}")


def _subscript_sizes(latex) -> dict[str, tuple[int, int]]:
    """The largest (row, column) subscript of a, w and the output (z, δ) in ``latex``."""
    seen: dict[str, tuple[int, int]] = {}
    for tex in latex:
        for m in _SUBSCRIPTED.finditer(tex):
            base = {"W": "w", "z": "out", "\\delta": "out"}.get(m.group(1), m.group(1))
            i, j = (int(g) for g in (m.group(2, 3) if m.group(2) else m.group(4, 5)))
            old = seen.get(base, (0, 0))
            seen[base] = (max(old[0], i), max(old[1], j))
    return seen


def _infer_conv(s: dict, seen: dict) -> dict:
    """input from a's subscripts, kernel from w's, or either from the other and δ/z's."""
    a = _pair(s["input"], "input") if "input" in s else seen.get("a")
    k = _pair(s["kernel"], "kernel") if "kernel" in s else seen.get("w")
    out = seen.get("out")
    if out and all(_pair(s.get(key, d), key) == (d, d)
                   for key, d in (("stride", 1), ("padding", 0), ("dilation", 1))):
        a = a or (k and (out[0] + k[0] - 1, out[1] + k[1] - 1))
        k = k or (a and (a[0] - out[0] + 1, a[1] - out[1] + 1))
    return {key: v for key, v in (("input", a), ("kernel", k)) if v and key not in s}


def _argmax(spec: str, cfg: Pool2dConfig) -> sp.Matrix:
    """A 0/1 input with 1 at each window's stated maximum (``tl,br,...`` or ``12,21,...``)."""
    windows, parts = cfg.windows(), spec.lower().split(",")
    if len(parts) != len(windows):
        raise Unsupported(f"argmax={spec} names {len(parts)} positions for {len(windows)} windows")
    a = sp.zeros(*cfg.input)
    for part, win in zip(parts, windows):
        rows, cols = sorted({r for r, _ in win.cells}), sorted({c for _, c in win.cells})
        r, c = _CORNERS.get(part) or (int(part[0]) - 1, int(part[1]) - 1)
        if r >= len(rows) or c >= len(cols):
            raise Unsupported(f"argmax position {part!r} is outside its window")
        a[rows[r], cols[c]] = 1
    return a


def _sections(items, flags: dict, path: str):
    """(Section, equations) for each run of equations under one directive."""
    runs = [({}, 0, [])]
    for item in items:
        if isinstance(item, document.Directive):
            runs.append((item.settings, item.line, []))
        else:
            runs[-1][2].append(item)
    for settings, line, eqs in runs:
        merged = {k: v for k, v in flags.items() if v is not None} | settings
        for key in merged:
            if key not in _KEYS:
                where = f"directive at line {line}" if line else "flags"
                raise CheckError(f"{path}: {where}: unknown setup key {key!r} "
                                 f"(known: {', '.join(_KEYS)})")
        yield make_section(merged, [e.latex for e in eqs]), eqs


# =========================================================================== the layer model

class Model:
    """A layer's derived quantities by role, computed on demand (the last few are cached)."""

    _cache: dict = {}

    @classmethod
    def of(cls, kind: str, cfg) -> "Model":
        if (kind, cfg) not in cls._cache:
            cls._cache = dict(list(cls._cache.items())[-7:])
            cls._cache[kind, cfg] = cls(kind, cfg)
        return cls._cache[kind, cfg]

    def __init__(self, kind: str, cfg):
        self.kind, self.cfg, self.conv, self.fc = kind, cfg, kind == "conv2d", kind == "fc"
        if self.fc:
            self.layer = FullyConnected(cfg)
            self.zprev = self.layer.zprev
        elif self.conv:
            self.layer, self.delta_net = Conv2d(cfg), ConvDelta(cfg)
            self.zprev = self.delta_net.zprev
        else:
            self.layer = Pool2d(cfg, kind[:3])
            self.zprev = self.layer.zprev
        self._values: dict = {}

    def tensor(self, role: sp.Symbol, zprev_mode: bool = False) -> np.ndarray:
        """The entries of ``role``; with ``zprev_mode`` the input a is σ(z^{l-1})."""
        if (role, zprev_mode) not in self._values:
            self._values[role, zprev_mode] = self._compute(role, zprev_mode)
        return self._values[role, zprev_mode]

    def _compute(self, role, zprev_mode: bool) -> np.ndarray:
        L = self.layer
        if self.fc:
            return self._fc(role, zprev_mode)
        if role in (W, B, GRAD_W, GRAD_B) and not self.conv:
            raise Unsupported("a pooling layer has no weights or bias")
        if role == A:
            return Sigma(ZPREV).entrywise(self.zprev) if zprev_mode else L.a
        if role in (W, B, DELTA, ZPREV):
            return self.zprev if role == ZPREV else getattr(L, {W: "w", B: "b", DELTA: "delta"}[role])
        if role == ACT_OUT:
            return Sigma(Z_OUT).entrywise(self.tensor(Z_OUT, zprev_mode))
        if role == DELTA_PREV:
            return self.delta_net.derived if self.conv else L.delta_prev
        if role == Z_OUT:
            if not zprev_mode:
                return L.z
            return (_eval(L.forward_form(Sigma(ZPREV)), lambda s: self.tensor(s, True))
                    if self.conv else L.forward(Sigma(ZPREV)))
        if not self.conv:
            return L.input_grad
        grad = L.gradients[{GRAD_A: "a", GRAD_W: "w", GRAD_B: "b"}[role]]
        if zprev_mode:
            grad = _xreplace(grad, dict(zip(L.a.ravel(), self.tensor(A, True).ravel())))
        return grad

    def _fc(self, role, zprev_mode: bool) -> np.ndarray:
        """A fully connected layer in the documents' layout: vectors are columns (an example
        per column), W is (out, in) and b the column (out, 1); for N = 1 the entries are
        named like the documents' vectors (a_{1}, δ_{2}, z^{l-1}_{3})."""
        L, n = self.layer, self.cfg.batch
        rename = {}
        if n == 1:
            for arr, base, sup in ((L.a, "a", None), (L.delta, "delta", None),
                                   (L.zprev, "z", "l-1")):
                rename.update(zip(arr.ravel(), symbolic(base, (arr.shape[1],), sup)))
        if zprev_mode:
            rename.update(zip(L.a.ravel(), Sigma(ZPREV).entrywise(L.zprev).ravel()))
            rename = {k: v.xreplace(rename) if isinstance(v, sp.Basic) else v
                      for k, v in rename.items()}
        if role == ACT_OUT:
            return Sigma(Z_OUT).entrywise(self.tensor(Z_OUT, zprev_mode))
        if role == W:
            return L.w
        raw = {A: L.a, B: L.b, DELTA: L.delta, ZPREV: L.zprev, Z_OUT: L.z,
               GRAD_A: L.gradients["a"], GRAD_W: L.gradients["w"], GRAD_B: L.gradients["b"],
               DELTA_PREV: L.derived_delta}[role]
        if role == DELTA_PREV:
            rename = {k: v for k, v in rename.items() if k not in set(L.a.ravel())}
        if raw.ndim == 1:
            raw = raw.reshape(-1, 1)
        elif role != GRAD_W:
            raw = np.ascontiguousarray(raw.T)
        return _xreplace(raw, rename)

    def correct(self, role, bias_zero: bool) -> str | None:
        """The closed form symbp proves for a derived quantity, as text."""
        L = self.layer
        if self.fc:
            return {GRAD_A: "W^T δ", GRAD_W: "δ a^T", DELTA_PREV: "(W^T δ) ⊙ σ'(z^{l-1})",
                    GRAD_B: "δ" if self.cfg.batch == 1 else "Σ_n δ_n",
                    Z_OUT: "W a" if bias_zero else "W a + b"}.get(role)
        if role == GRAD_A:
            return to_text(L.input_grad_form() if self.conv else L.upsample_form())
        if role == DELTA_PREV:
            return to_text(self.delta_net.delta_form() if self.conv else L.delta_form())
        if role == Z_OUT:
            form = L.forward_form()
            return to_text(form.args[0] if self.conv and bias_zero else form)
        if self.conv and role in (GRAD_W, GRAD_B):
            return to_text(L.weight_grad_form() if role == GRAD_W else L.bias_grad_form())
        return None


def _xreplace(arr: np.ndarray, mapping: dict) -> np.ndarray:
    out = np.empty(arr.shape, dtype=object)
    for index, e in np.ndenumerate(arr):
        out[index] = e.xreplace(mapping) if isinstance(e, sp.Basic) else e
    return out


# =========================================================================== pass 1: parsing

class Name(NamedTuple):
    """A document's name: base (a, w, b, z, delta), layer label, indices (None: the tensor)."""
    base: str
    label: str | None
    indices: tuple | None
    grad: bool = False

    def show(self) -> str:
        sup = f"^{{{self.label}}}" if self.label else ""
        sub = "" if self.indices is None else "_{" + (
            "".join if all(i < 10 for i in self.indices) else ",".join)(map(str, self.indices)) + "}"
        return ("∇" if self.grad else "") + text(self.base) + sup + sub


_BASES = {"a": "a", "w": "w", "W": "w", "b": "b", "z": "z", "delta": "delta"}
_LOSS = {"J", "L", "E", "C", r"\mathcal{L}", r"\mathcal{J}", r"\ell"}


def parse_name(name: str) -> Name:
    """A parse_atom symbol name (``nabla a^{l}_{12}``) as a Name; Unsupported otherwise."""
    try:
        base, label, indices = normalize_symbol_name(name)
    except LatexAtomError as err:
        raise Unsupported(str(err)) from None
    grad, base = base.startswith("nabla "), base.removeprefix("nabla ").strip()
    if base not in _BASES:
        raise Unsupported(f"unknown name {text(name)}")
    if all(isinstance(i, str) for i in indices):           # δ, δ_k, δ_{u,v}: the tensor
        return Name(_BASES[base], label, None, grad)
    if not all(isinstance(i, int) for i in indices):
        raise Unsupported(f"{text(name)} mixes numeric and symbolic indices")
    return Name(_BASES[base], label, tuple(indices), grad)


class _Star(TensorOp):
    """``x *_{s,d} y`` until the roles are known (then Correlate or WeightCorrelate)."""
    n_tensors = 2

    def text(self, args):
        return f"{args[0]} * {args[1]}"


class _Plus(TensorOp):
    """``x ± y`` entrywise; ``y`` may be one entry, added to every entry."""
    n_tensors = 2

    def text(self, args):
        return f"{args[0]} {'+' if self.params[0] > 0 else '-'} {args[1]}"

    def entrywise(self, x, y):
        if isinstance(y, np.ndarray) and y.shape != x.shape:
            raise ShapeError(f"adding a {shape_text(y.shape)} and a {shape_text(x.shape)} tensor")
        out = np.empty(x.shape, dtype=object)
        for index in np.ndindex(*x.shape):
            out[index] = x[index] + self.params[0] * (y[index] if isinstance(y, np.ndarray) else y)
        return out


class _ExampleSum(TensorOp):
    """``Σ_n x_n`` in a fully connected layer: the sum of the columns (examples) of x."""

    def text(self, args):
        return f"Σ_n {args[0]}_n"

    def entrywise(self, x):
        if x.ndim != 2:
            raise ShapeError(f"a sum over the examples of a {shape_text(x.shape)} tensor")
        out = np.empty((x.shape[0], 1), dtype=object)
        for i in range(x.shape[0]):
            out[i, 0] = sp.Add(*x[i])
        return out


class Term(NamedTuple):
    """A parsed side: ``kind`` "tensor" (operator form over leaves) or "scalar" (an entry)."""
    kind: str
    expr: sp.Basic


class Parse:
    """Pass 1 of one equation: leaf symbols, explicit matrices, placeholders, names seen."""

    def __init__(self, section: Section):
        self.section = section
        self.leaves: dict[sp.Symbol, Name] = {}
        self.matrices: dict[sp.Symbol, sp.Matrix] = {}
        self.scalars: dict[sp.Symbol, sp.Expr] = {}
        self.functions: dict[str, tuple] = {}     # placeholder symbol name -> payload
        self.names: list[Name] = []
        self.asides: list[tuple[Term, Term, str]] = []   # \underbrace{x}_{label}

    def leaf(self, name: Name) -> sp.Symbol:
        sym = sp.Symbol(f"@{len(self.leaves)}:{name.show()}")
        self.leaves[sym] = name
        self.names.append(name)
        return sym

    def matrix(self, m: sp.Matrix) -> sp.Symbol:
        sym = sp.Symbol(f"M{len(self.matrices) + 1}[{m.rows}x{m.cols}]")
        self.matrices[sym] = m
        for s in m.free_symbols:
            self.entry_name(s)
        return sym

    def scalar_leaf(self, expr: sp.Expr) -> sp.Symbol:
        sym = sp.Symbol(f"@s{len(self.scalars)}")
        self.scalars[sym] = expr
        return sym

    def placeholder(self, payload: tuple) -> str:
        key = f"Q^{{symbp{len(self.functions)}}}"
        self.functions[key] = payload
        return f" {key} "

    def entry_name(self, sym: sp.Symbol) -> None:
        payload = self.functions.get(sym.name)
        if payload and payload[0] == "grad-tensor":
            raise Unsupported(f"∂J/∂{payload[1].show()[1:]} is a tensor: a product with it is "
                              "a Jacobian product, not checked")
        if payload is None:
            name = parse_name(sym.name)
            if name.indices is None:
                raise Unsupported(f"the tensor {name.show()} inside an entry expression")
            self.names.append(name)


_TOKEN = re.compile(r"\\begin\s*\{[^{}]*\}|\\end\s*\{[^{}]*\}|\\left\s*(?:\\[{}|]|[(\[|.])"
                    r"|\\right\s*(?:\\[{}|]|[)\]|.])|\\[A-Za-z]+|\\.|\s+|.", re.S)
_OPEN, _CLOSE = re.compile(r"\\begin|\\left|[{(\[]"), re.compile(r"\\end|\\right|[})\]]")
_SKIP = re.compile(r"(?:\s|\\[,;:! ]|~)*")


def _group(s: str, i: int) -> tuple[str, int] | None:
    """(inner text, end) of the bracketed group at ``s[i]`` (after spacing), else None."""
    i, depth, first = _SKIP.match(s, i).end(), 0, None
    for m in _TOKEN.finditer(s, i):
        tok = m.group()
        if _OPEN.match(tok):
            depth, first = depth + 1, first or tok
        elif _CLOSE.match(tok) and depth:
            depth -= 1
            if depth == 0:
                return s[i + len(first):m.start()], m.end()
        if not depth:
            return None
    return None


def _script(s: str, i: int) -> tuple[str, int] | None:
    """(content, end) of a ``_{...}`` or ``_x`` subscript at ``s[i]`` (after spacing)."""
    i = _SKIP.match(s, i).end()
    if not s.startswith("_", i):
        return None
    j = _SKIP.match(s, i + 1).end()
    if s.startswith("{", j):
        return _group(s, j)
    m = _TOKEN.match(s, j)
    return (m.group(), m.end()) if m else None


_PREFIX = re.compile(r"\s*(?:\\(?:Rightarrow|Longrightarrow|implies|therefore|because|to|iff"
                     r"|hookrightarrow|rightarrow|longrightarrow|quad|qquad)(?![A-Za-z])"
                     r"|\\[,;:! ]|&|\\text\s*\{([^{}]*)\})")
_RELATIONS = ("\\neq", "\\ne", "\\approx", "\\equiv", "\\le", "\\leq", "\\ge", "\\geq", "<",
              ">", "\\Rightarrow", "\\implies", "\\to", "\\mapsto", "\\sim")


_UNICODE = str.maketrans({"δ": r"\delta ", "σ": r"\sigma ", "∇": r"\nabla ", "∂": r"\partial ",
                          "⊙": r"\odot ", "·": r"\cdot ", "×": r"\times ", "′": "'", "∗": "*"})
_BOLD = re.compile(r"\\(?:mathbf|boldsymbol|bm|mathit)\s*\{\s*((?:\\[A-Za-z]+|[A-Za-z])\s*)\}")


def parse_equation(latex: str) -> list[str]:
    """The sides of an equation: leading connectives and \\quad remarks dropped, split on =.

    Unicode δ σ ∇ ∂ ⊙ · become their macros, and bold or italic names plain names.
    """
    s = _BOLD.sub(r"\1", latex.translate(_UNICODE))
    while (m := _PREFIX.match(s)) and m.end() and not (
            m.group(1) and re.match(r"\s*(rot|wtl|pad|dilate|up|unsample)", m.group(1))):
        s = s[m.end():]
    try:
        s = split_top_level(s, ("\\quad", "\\qquad"))[0]
        for rel in _RELATIONS:
            if len(split_top_level(s, (rel,))) > 1:
                raise Unsupported(f"not an equation (relation {rel})")
        return split_top_level(s, ("=",))
    except LatexAtomError as err:
        raise Unsupported(f"malformed LaTeX: {err}") from None


def parse_side(s: str, ctx: Parse) -> Term:
    """A side: terms joined by + and -, each factors joined by * and ⊙."""
    try:
        pieces = split_top_level(s, ("+", "-"), keep_ops=True)
    except LatexAtomError as err:
        raise Unsupported(f"malformed LaTeX: {err}") from None
    result = None if not pieces[0].strip() else _product(pieces[0], ctx)
    for op, piece in zip(pieces[1::2], pieces[2::2]):
        if not piece.strip():
            raise Unsupported(f"missing term after '{op}'")
        result = _add(result, _product(piece, ctx), 1 if op == "+" else -1, ctx)
    if result is None:
        raise Unsupported("an empty side")
    return result


def _add(x: Term | None, y: Term, sign: int, ctx: Parse) -> Term:
    x = x or Term("scalar", sp.S.Zero)
    if x.kind == y.kind == "scalar":
        return Term("scalar", x.expr + sign * y.expr)
    if x.kind == "scalar":
        if sign < 0:
            raise Unsupported("an entry minus a tensor")
        x, y = y, x
    return Term("tensor", _Plus(x.expr, y.expr if y.kind == "tensor" else ctx.scalar_leaf(y.expr),
                                sign))


_TAG = re.compile(r"\s*([sd])\s*=\s*(?:\(\s*(\d+)\s*,\s*(\d+)\s*\)|(\d+))\s*")


def _product(s: str, ctx: Parse) -> Term:
    pieces = split_top_level(s, ("*", "\\ast", "\\odot"), keep_ops=True)
    result = _factor(pieces[0], ctx)
    for op, piece in zip(pieces[1::2], pieces[2::2]):
        tags = {"s": (1, 1), "d": (1, 1)}
        script = _script(piece, 0) if op != "\\odot" else None
        if script:
            for m in (_TAG.fullmatch(p) for p in re.split(r",(?![^()]*\))", script[0])):
                if not m:
                    raise Unsupported(f"unknown tag on * ('{script[0]}')")
                tags[m.group(1)] = (int(m.group(2)), int(m.group(3))) if m.group(2) \
                    else (int(m.group(4)),) * 2
            piece = piece[script[1]:]
        right = _factor(piece, ctx)
        if result.kind != "tensor" or right.kind != "tensor":
            raise Unsupported(f"'{op}' between entries (write \\cdot for a product of entries)")
        result = Term("tensor", Hadamard(result.expr, right.expr) if op == "\\odot"
                      else _Star(result.expr, right.expr, *tags["s"], *tags["d"]))
    return result


_WRAP = r"\\(?:operatorname\*?|text|mathrm|textrm|rm|mathit|textit)\s*\{\s*"
_HEADS = {
    "rot": re.compile(rf"(?:{_WRAP}(?:rot|wtl)\s*(?:180|80)?\s*\}}|rot)(?:\s|\\[,;:! ]|~)*"
                      r"(?:_\s*\{\s*180\s*\}|_\s*180|\^\s*\{\s*180\s*\}|180)?"),
    "pad": re.compile(rf"(?:{_WRAP}pad\s*\}}|pad(?![a-z]))"),
    "dilate": re.compile(rf"(?:{_WRAP}dilate\s*\}}|dilate(?![a-z]))"),
    "upsample": re.compile(rf"(?:{_WRAP}(?:upsample|unsample|up\s*sample)\s*\}}|upsample|unsample)"),
    "sum": re.compile(r"\\sum(?![A-Za-z])(?:\\limits)?"),
    "sigma": re.compile(r"\\sigma(?![A-Za-z])\s*((?:'|\^\s*\{\s*\\prime\s*\}|\^\s*\\prime)*)"),
    "underbrace": re.compile(r"\\underbrace(?![A-Za-z])"),
}
_TRANSPOSE = re.compile(r"\^\s*(?:\{\s*(?:\\top|T|\\intercal|\\mathsf\s*\{\s*T\s*\})\s*\}|\\top|T)\s*$")


def _factor(s: str, ctx: Parse) -> Term:
    """One operand: an operator application, a transpose, a group, or an atom."""
    s = s.strip()
    if not s:
        raise Unsupported("missing operand")
    fc = ctx.section.kind == "fc"
    if fc and (product := _juxtaposed(s, ctx)) is not None:
        return product
    t = _TRANSPOSE.search(s)
    if t and s[:t.start()].strip():
        inner = _factor(s[:t.start()], ctx)
        if inner.kind == "tensor" and fc:
            return Term("tensor", Transpose(inner.expr, 0))
        if inner.kind == "tensor":
            groups = ctx.section.cfg.groups if isinstance(ctx.section.cfg, Conv2dConfig) else 1
            return Term("tensor", SwapIO(inner.expr, groups))
    for head, pattern in _HEADS.items():
        m = pattern.match(s)
        if m and (head != "rot" or "80" in m.group()):
            try:
                term, end = _OPERATORS[head](s, m, ctx)
            except _NotHere:
                break
            if not s[end:].strip():
                return term
            break
    g = _group(s, 0)
    if g and g[1] == len(s) and not s.startswith("\\begin"):
        return parse_side(g[0], ctx)
    return _atom(s, ctx)


_NAME = re.compile(r"\\delta(?![A-Za-z])|\\nabla\s*(?:\\delta(?![A-Za-z])|[A-Za-z])|[A-Za-z](?![A-Za-z])")


def _operands(s: str) -> list[str] | None:
    """Juxtaposed operands (``W^T \\delta``, ``\\delta^l (a^{l-1})^T``): names or bracketed
    groups, each with its scripts; None when ``s`` holds anything else."""
    parts, i = [], _SKIP.match(s, 0).end()
    while i < len(s):
        start = i
        if s[i] in "([{" or s.startswith("\\left", i):
            g = _group(s, i)
            if g is None:
                return None
            i = g[1]
        elif m := _NAME.match(s, i):
            i = m.end()
        else:
            return None
        while (j := _SKIP.match(s, i).end()) < len(s) and s[j] in "^_":
            k = _SKIP.match(s, j + 1).end()
            g = _group(s, k) if s.startswith("{", k) else None
            m = None if g else _TOKEN.match(s, k)
            if not (g or (m and m.group().strip())):
                return None
            i = g[1] if g else m.end()
        parts.append(s[start:i])
        i = _SKIP.match(s, i).end()
    return parts


def _juxtaposed(s: str, ctx: Parse) -> Term | None:
    """A fully connected layer's matrix product ``x y z`` (juxtaposed tensors), else None."""
    parts = _operands(s)
    if parts is None or len(parts) < 2:
        return None
    names, leaves = len(ctx.names), dict(ctx.leaves)
    try:
        terms = [_factor(p, ctx) for p in parts]
    except (Unsupported, _NotHere, LatexAtomError):
        terms = []
    if not terms or any(t.kind != "tensor" for t in terms):
        del ctx.names[names:]                           # entries (w_{11} a_{1}): an atom
        ctx.leaves = leaves
        return None
    product = terms[0].expr
    for t in terms[1:]:
        product = MatMul(product, t.expr, 0)
    return Term("tensor", product)


def _arg(s: str, i: int, ctx: Parse) -> tuple[sp.Basic, int]:
    """The tensor argument in the group at ``s[i]``, and where it ends."""
    g = _group(s, i)
    if g is None:
        raise _NotHere
    term = parse_side(g[0], ctx)
    if term.kind != "tensor":
        raise _NotHere
    return term.expr, g[1]


def _op_rot(s, m, ctx):
    x, end = _arg(s, m.end(), ctx)
    return Term("tensor", Rot180(x)), end


def _op_pad_dilate(s, m, ctx):
    sub = _script(s, m.end())
    if sub is None or not re.fullmatch(r"\s*\(?\s*-?\d+(?:\s*,\s*-?\d+)*\s*\)?\s*", sub[0]):
        raise Unsupported("pad and dilate need integer widths as a subscript (pad_{1})")
    n = tuple(int(v) for v in sub[0].strip(" ()").split(","))
    x, end = _arg(s, sub[1], ctx)
    if "dilate" in m.group():
        if len(n) > 2:
            raise Unsupported("dilate_{s} or dilate_{(sh,sw)}")
        return Term("tensor", Dilate(x, n[0], n[-1])), end
    if len(n) not in (1, 2, 4):
        raise Unsupported("pad_{p}, pad_{(ph,pw)} or pad_{(t,b,l,r)}")
    return Term("tensor", Pad(x, *(n * 4 if len(n) == 1 else n if len(n) == 4
                                   else (n[0], n[0], n[1], n[1])))), end


def _op_upsample(s, m, ctx):
    i, mode, cfg = m.end(), None, ctx.section.cfg
    if (sub := _script(s, i)) is not None:
        word = re.sub(r"\\(?:mathrm|text|operatorname)\s*\{|[\\{}\s]", "", sub[0]).lower()
        mode = {"avg": "avg", "mean": "avg", "average": "avg", "max": "max"}.get(word)
        if mode is None:
            raise Unsupported(f"unknown upsample kind '{sub[0]}'")
        i = sub[1]
    if not isinstance(cfg, Pool2dConfig):
        raise Unsupported("upsample needs a pooling layer setup (layer=avgpool or maxpool)")
    g = _group(s, i)
    if g is None:
        raise _NotHere
    args = [parse_side(p, ctx) for p in split_top_level(g[0], (";", ","))]
    if any(a.kind != "tensor" for a in args):
        raise _NotHere
    if (mode or ctx.section.kind[:3]) == "avg":
        return Term("tensor", UpsampleAvg(args[0].expr, *cfg.params())), g[1]
    x = args[1].expr if len(args) > 1 else ARGMAX_INPUT
    return Term("tensor", UpsampleMax(args[0].expr, x, *cfg.params(), 0)), g[1]


def _op_sum(s, m, ctx):
    i = m.end()
    while (sub := _script(s, i)) is not None:          # \sum_{u,v} or \sum_{u} \sum_{v}
        nxt = _HEADS["sum"].match(s, _SKIP.match(s, sub[1]).end())
        i = nxt.end() if nxt else sub[1]
        if not nxt:
            break
    body = s[i:].strip()
    g = _group(body, 0)
    if g and body[g[1]:].strip():                       # (δ^L)_{u,v}
        sub = _script(body, g[1])
        if sub is None or body[sub[1]:].strip():
            raise _NotHere
        body = g[0]
    term = parse_side(body, ctx)
    if term.kind != "tensor":
        raise Unsupported("a sum over symbolic indices of an entry expression")
    if ctx.section.kind == "fc":
        return Term("tensor", _ExampleSum(term.expr)), len(s)
    return Term("tensor", ChannelSum(term.expr)), len(s)


def _op_sigma(s, m, ctx):
    primes = m.group(1).count("'") + m.group(1).count("prime")
    j = _SKIP.match(s, m.end()).end()
    wrapped = _group(s, j) if s.startswith("{", j) else None      # SymPy's \sigma{\left(z\right)}
    x, end = _arg(wrapped[0], 0, ctx) if wrapped else _arg(s, j, ctx)
    if primes > 1:
        raise _NotHere
    return Term("tensor", (SigmaPrime if primes else Sigma)(x)), wrapped[1] if wrapped else end


def _op_underbrace(s, m, ctx):
    g = _group(s, m.end())
    if g is None:
        raise _NotHere
    inner, sub = parse_side(g[0], ctx), _script(s, g[1])
    if sub is not None:
        try:
            ctx.asides.append((inner, parse_side(sub[0], ctx), sub[0]))
        except (Unsupported, _NotHere):
            pass                                        # a label in words: nothing to check
    return inner, sub[1] if sub else g[1]


_OPERATORS = {"rot": _op_rot, "pad": _op_pad_dilate, "dilate": _op_pad_dilate,
              "upsample": _op_upsample, "sum": _op_sum, "sigma": _op_sigma,
              "underbrace": _op_underbrace}

# ---- atoms: parse_atom, after ∂x/∂y, σ(x), σ'(x) and 1[x = max] became placeholders

_FUNCTION = re.compile(r"\\[dt]?frac(?![A-Za-z])|\\sigma(?![A-Za-z])\s*((?:'|\^\s*\{\s*\\prime"
                       r"\s*\}|\^\s*\\prime)*)|\\math(?:bb|bf)\s*\{\s*1\s*\}|\\mathbb\s*1")


def _atom(s: str, ctx: Parse) -> Term:
    """An explicit matrix, a tensor name, or an entry expression."""
    if "symbp" in s:
        raise Unsupported("'symbp' is reserved in names")
    out, pos = [], 0
    for m in _FUNCTION.finditer(s):
        if m.start() >= pos and (found := _function(s, m, ctx)) is not None:
            out += [s[pos:m.start()], found[0]]
            pos = found[1]
    try:
        raw = parse_atom("".join(out) + s[pos:], max_len=MAX_ATOM)
    except LatexAtomError as err:
        raise Unsupported(str(err)) from None
    if isinstance(raw, sp.MatrixBase):
        return Term("tensor", ctx.matrix(raw))
    if isinstance(raw, sp.Symbol):
        payload = ctx.functions.get(raw.name)
        name = payload[1] if payload and payload[0] == "grad-tensor" else \
            None if payload else parse_name(raw.name)
        if name is not None and name.indices is None:
            return Term("tensor", ctx.leaf(name))
    for sym in raw.free_symbols:
        ctx.entry_name(sym)
    return Term("scalar", raw)


def _function(s: str, m, ctx: Parse) -> tuple[str, int] | None:
    """(placeholder, end) for ∂x/∂y, σ(x), σ'(x) or 1[x = max] at ``m``; None if not one."""
    if "frac" in m.group():
        num = _group(s, m.end())
        den = num and _group(s, num[1])
        if not den or not all(p.strip().startswith("\\partial") for p in (num[0], den[0])):
            return None
        top, bottom = (p.strip()[len("\\partial"):].strip() for p in (num[0], den[0]))
        bottom = parse_name(bottom)
        ctx.names.append(bottom)
        if top in _LOSS:
            kind = "grad-tensor" if bottom.indices is None else "grad"
            return ctx.placeholder((kind, bottom._replace(grad=True))), den[1]
        top = parse_name(top)
        if top.indices is None or bottom.indices is None:
            raise Unsupported(f"∂{top.show()}/∂{bottom.show()} is a Jacobian between tensors; "
                              "symbp checks the entries instead")
        ctx.names.append(top)
        return ctx.placeholder(("partial", top, bottom)), den[1]
    g = _group(s, m.end())
    if g is None:
        return None
    if m.group().startswith("\\sigma"):
        inner = _group(g[0], 0) if s.startswith("{", _SKIP.match(s, m.end()).end()) else g
        primes = (m.group(1) or "").count("'") + (m.group(1) or "").count("prime")
        if inner is None or primes > 1:
            raise Unsupported("σ applied to something other than one entry")
        return ctx.placeholder(("sigma", primes, _entry_atom(inner[0], ctx))), g[1]
    parts = split_top_level(g[0], ("=",))
    rule = re.sub(r"\\operatorname|\\max|[{}\s]", lambda t: "max" * (t.group() == "\\max"),
                  parts[-1]) if len(parts) == 2 else ""
    if rule not in ("max", "lastmax"):
        raise Unsupported("only indicators 1[x = max] are understood")
    return ctx.placeholder(("indicator", rule, _entry_atom(parts[0], ctx))), g[1]


def _entry_atom(s: str, ctx: Parse) -> sp.Expr:
    term = _atom(s, ctx)
    if term.kind != "scalar":
        raise Unsupported("σ or an indicator of a tensor inside an entry expression")
    return term.expr


# =========================================================================== pass 2: roles

def resolve_roles(names: list[Name], subject: Name | None) -> dict:
    """(base, label) -> role placeholder.  Labels are labels: they only tell layers apart.

    The current layer's label is W's (or b's); else that of the δ on the other side of a
    δ equation; else δ's.  δ and z with another label are the previous layer's; without a
    current label, an offset label (l-1, L+1) marks the previous layer.  With two labels
    for a, the current layer's a is its activation σ(z).
    """
    labels: dict[str, list] = {b: [] for b in _BASES.values()}
    for n in names:
        if n.label not in labels[n.base]:
            labels[n.base].append(n.label)
    for base in ("w", "b"):
        labels[base] = [x for x in labels[base] if x is not None] or labels[base]
        if len(labels[base]) > 1:
            raise Unsupported("weights of several layers in one equation")
    deltas, zs = labels["delta"], labels["z"]
    if len(deltas) > 2 or len(zs) > 2:
        raise Unsupported("δ or z of more than two layers in one equation")
    if labels["w"] or labels["b"]:
        current = (labels["w"] or labels["b"])[0]
    elif len(deltas) == 2 and subject is not None and subject.base == "delta":
        current = next(x for x in deltas if x != subject.label)
    else:
        current = deltas[0] if deltas else None
    if current is None and len(deltas) == 2 and subject is not None and subject.base == "delta":
        current = next(x for x in deltas if x != subject.label)      # W unlabelled: δ's label
    roles = {("delta", x): DELTA_PREV if len(deltas) == 2 and x != current else DELTA
             for x in deltas}
    through = DELTA_PREV in roles.values()
    for x in zs:
        other = x != current if current is not None else bool(
            x and re.search(r"[+-]\d+\)?$", x))
        roles["z", x] = ZPREV if through or other else Z_OUT
    for x in labels["a"]:
        roles["a", x] = ACT_OUT if len(labels["a"]) > 1 and x == current else A
    return roles


# =========================================================================== pass 2: values

@dataclass
class _Outcome:
    verdict: str
    detail: str
    bind: dict | None = None         # role or (role, indices) -> numbers
    bias_zero: bool = False
    lhs: str | None = None
    act: object = None               # the activation a definition σ(z) = … states
    alias: str | None = None         # a name defined as softmax(z)


@dataclass
class _State:
    """What earlier equations established: bound numbers, b = 0, the last left side."""
    bindings: dict = field(default_factory=dict)
    bias_zero: bool = False
    last_lhs: str | None = None
    activation: object = None
    softmax_names: set = field(default_factory=set)

    def update(self, o: _Outcome) -> None:
        self.bindings.update(o.bind or {})
        self.activation = o.act or self.activation
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

    def _star(self, x, y, sh, sw, dh, dw):
        cfg = self.model.cfg if self.model else None
        conv = isinstance(cfg, Conv2dConfig)
        if conv and DELTA in y.free_symbols and W not in y.free_symbols and A in x.free_symbols:
            if (dh, dw) != (1, 1):                      # the weight gradient: x * δ
                raise Unsupported("a weight gradient's * takes its step as s=")
            return WeightCorrelate(x, y, *cfg.kernel, sh, sw, cfg.groups)
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
            return np.array([self.scalar(e) for e in m], dtype=object).reshape(1, 1, *m.shape)
        if sym in self.ctx.scalars:
            return self.scalar(self.ctx.scalars[sym])
        return self.tensor(sym)

    def entry(self, name: Name) -> sp.Expr:
        arr = self.tensor(self.role(name))
        if self.model.fc and len(name.indices) == 1 and arr.shape[1:] == (1,):
            if not 1 <= name.indices[0] <= arr.shape[0]:        # a vector's entry: a_{2}
                raise Unsupported(f"{name.show()} is not an entry of the "
                                  f"{shape_text(arr.shape)} vector")
            return arr[name.indices[0] - 1, 0]
        shown = [d for d in range(arr.ndim) if arr.shape[d] > 1 or d >= arr.ndim - 2]
        if len(name.indices) != len(shown) or any(
                not 1 <= i <= arr.shape[d] for i, d in zip(name.indices, shown)):
            raise Unsupported(f"{name.show()} is not an entry of the {shape_text(arr.shape)} tensor")
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
                mapping[sym] = sp.diff(self.entry(payload[1]), self.entry(payload[2]))
            else:
                x = self.scalar(payload[2])
                if payload[1] and not isinstance(x, sp.Symbol):
                    raise Unsupported("σ' of an expression that is not one entry")
                mapping[sym] = sigma_prime_at(x) if payload[1] else sigma(x)
        value = raw.xreplace(mapping)
        return self._indicators(value, indicators) if indicators else value

    def _indicators(self, value: sp.Expr, indicators: dict) -> sp.Expr:
        """1[x = max] is the region symbol of x's window: the one whose δ the term routes."""
        if self.model is None or self.model.kind != "maxpool":
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
                fix[sym] = region_symbol(cells, rules[rule](cells, cells.index(cell)))
            terms.append(term.xreplace(fix))
        return sp.Add(*terms)


def _eval(form: sp.Basic, lookup, shapes: dict | None = None):
    """Expand an operator form, leaves from ``lookup``; ShapeError names the operands."""
    shapes = {} if shapes is None else shapes
    if isinstance(form, sp.Symbol):
        return lookup(form)
    if not isinstance(form, TensorOp):
        raise Unsupported(f"cannot read {form} as a tensor")
    values = [_eval(t, lookup, shapes) for t in form.tensors]
    if not all(isinstance(v, np.ndarray) for v in values[:1 if isinstance(form, _Plus) else 2]):
        raise Unsupported(f"an entry where {type(form).__name__.lower()} needs a tensor")
    shapes.update((t, np.shape(v)) for t, v in zip(form.tensors, values))
    try:
        return form.entrywise(*values)
    except (ShapeError, ConfigError) as err:
        if not isinstance(form, Hadamard):
            raise ShapeError(f"{to_text(form)}: {err}") from None
        x, y = form.tensors
        how = f" ({shape_text(shapes[x.args[0]])} * {shape_text(shapes[x.args[1]])})" \
            if isinstance(x, Correlate) and x.args[0] in shapes else ""
        raise ShapeError(f"{to_text(x)} is {shape_text(shapes[x])}{how} but {to_text(y)} is "
                         f"{shape_text(shapes[y])}") from None
    except (ValueError, TypeError, AttributeError, IndexError) as err:
        raise Unsupported(f"{to_text(form)} cannot be formed ({err})") from None


# =========================================================================== verdicts

def check_equation(latex: str, section: Section, state: _State) -> _Outcome:
    """The verdict on one display equation, given its section and what came before it."""
    lhs = None
    try:
        try:
            found = _special(latex, section, state)
        except (LatexAtomError, ValueError, TypeError, AttributeError, IndexError) as err:
            raise Unsupported(f"notation not understood: {shorten(str(err), 100)}") from None
        if found is not None:
            raise _Special(found)
        sides = parse_equation(latex)
        if len(sides) > 1 and not sides[0].strip():          # "= ..." continues the last one
            if state.last_lhs is None:
                raise Unsupported("continues an equation, but no left side came before")
            sides[0] = state.last_lhs
        elif len(sides) > 1:
            lhs = sides[0]
        outcome = _check(sides, section, state)
    except _Special as special:
        outcome = special.outcome
    except Unsupported as err:
        outcome = _Outcome(UNCHECKED, str(err))
    except (LatexAtomError, _NotHere) as err:
        outcome = _Outcome(UNCHECKED, f"notation not understood: {err}")
    except RecursionError:
        outcome = _Outcome(UNCHECKED, "expression nested too deeply")
    outcome.lhs = lhs
    return outcome


def _check(sides: list[str], section: Section, state: _State) -> _Outcome:
    if any(not s.strip() for s in sides):
        raise Unsupported("an empty side")
    if len(sides) > 1 and re.match(r"\s*\\sigma(?![A-Za-z])", sides[0]):
        return _Outcome(DEFINITION, "defines the activation σ (the checks keep σ general)")
    ctx, terms, skipped = Parse(section), [], {}
    for k, side in enumerate(sides):
        try:
            terms.append(parse_side(side, ctx))
        except (Unsupported, _NotHere, LatexAtomError) as err:
            if k == 0:
                raise Unsupported(str(err) or "left side not understood") from None
            terms.append(None)
            skipped[k] = str(err) or "not understood"
    subject = _subject(terms[0], ctx)
    values = Values(ctx, resolve_roles(ctx.names, subject), section.model)
    if len(sides) == 1:
        return _lone(terms[0], values, section, state)
    definition = _definition(terms, values, subject)
    if definition is not None:
        return definition
    if values.model is None:
        return _Outcome(UNCHECKED, section.error or "no layer setup (give --layer or a symbp "
                                                    "directive such as layer=conv2d input=3x3 kernel=2x2)")
    return _claim(terms, values, skipped, section, state)


def _subject(term: Term, ctx: Parse) -> Name | None:
    """The name a side consists of (δ^{l-1}, ∂J/∂a_{12}, z_{11}), if it is just a name."""
    if term.kind == "tensor":
        return ctx.leaves.get(term.expr)
    if isinstance(term.expr, sp.Symbol):
        payload = ctx.functions.get(term.expr.name)
        return parse_name(term.expr.name) if payload is None else \
            payload[1] if payload[0] == "grad" else None
    return None


def _definition(terms, values: Values, subject: Name | None) -> _Outcome | None:
    """``name = numbers`` binds the name; ``δ = ∂J/∂z`` restates notation; else None."""
    if subject is None or subject.grad or None in terms or values.role(subject) in DERIVED:
        return None
    role, rest, ctx = values.role(subject), terms[1:], values.ctx
    if subject.indices is None and all(t.kind == "tensor" and values.form(t.expr) == role
                                       for t in rest):
        return _Outcome(DEFINITION, f"notation: {subject.show()} = {to_text(role)}")
    raw = [ctx.matrices.get(t.expr, t.expr) for t in rest]
    if any(t.kind == "tensor" and t.expr not in ctx.matrices for t in rest) or \
            any(r.free_symbols for r in raw):
        return None
    if role == B and raw[-1] == 0:
        return _Outcome(DEFINITION, "b = 0: the layer has no bias", bias_zero=True)
    shown = raw[-1].tolist() if isinstance(raw[-1], sp.MatrixBase) else raw[-1]
    key = role if subject.indices is None else (role, subject.indices)
    return _Outcome(DEFINITION, f"binds {subject.show()} = {shown}", bind={key: raw[-1]})


def _claim(terms, values: Values, skipped: dict, section: Section, state: _State) -> _Outcome:
    """Compare the side that refers to derived quantities with every other side."""
    evaluated, undefined, derived_sides = {}, {}, []
    for k, t in enumerate(terms):
        if t is not None:
            try:
                evaluated[k] = values.value(t)
            except ShapeError as err:
                undefined[k] = str(err)
            except Unsupported as err:
                if k == 0:
                    raise
                skipped[k], terms[k] = str(err), None
                continue
            if values.touched:
                derived_sides.append(k)
    first = derived_sides[0] if derived_sides else 0
    if first in undefined:
        raise Unsupported(f"the left side is undefined: {undefined[first]}")
    bias_zero = section.bias is False or (section.bias is None and state.bias_zero)
    derived = _no_bias(evaluated[first], bias_zero, values)
    role = values.form(terms[first].expr) if terms[first].kind == "tensor" else None
    name = _subject(terms[first], values.ctx)
    what = to_text(role) if isinstance(role, sp.Symbol) else \
        name.show() if name is not None else "the left side"
    correct = values.model.correct(role, bias_zero) if isinstance(role, sp.Symbol) else None
    results = []
    for k, t in enumerate(terms):
        if k == first or t is None:
            continue
        if t.kind == terms[first].kind == "tensor" and values.form(t.expr) == role:
            continue                                    # restates the left side
        if k in undefined:
            results.append((proof.REFUTED, f"undefined: {undefined[k]}" +
                            (f"; correct: {correct}" if correct else "")))
        else:
            claimed = _no_bias(evaluated[k], bias_zero, values)
            results.append(_verdict(derived, claimed, what, correct, values, state, section))
    for inner, label, tex in values.ctx.asides:          # \underbrace{matrix}_{rot180(W)}
        try:
            x, y = values.value(inner), values.value(label)
            if np.shape(x) != np.shape(y) or not all(
                    proof.entries_equal(p, q) for p, q in zip(np.ravel(x), np.ravel(y))):
                results.append((proof.REFUTED, f"the part labelled {tex} is not "
                                               f"{to_text(values.form(label.expr))}"))
        except (Unsupported, ShapeError):
            pass
    reasons: dict[str, list[str]] = {}
    for k, r in sorted(skipped.items()):
        reasons.setdefault(r, []).append(str(k + 1))
    notes = "; ".join(f"side{'s' * (len(ks) > 1)} {' and '.join(ks)} not checked: {r}"
                      for r, ks in reasons.items())
    for verdict in (proof.REFUTED, proof.UNPROVED, proof.HOLDS):
        found = [d for v, d in results if v == verdict]
        if found:
            return _Outcome(verdict, found[0] + (f" ({notes})" if notes and
                                                 verdict == proof.HOLDS else ""))
    raise Unsupported(notes or "nothing to compare: every side restates the first")


def _lone(term: Term, values: Values, section: Section, state: _State) -> _Outcome:
    """A display without '=': in a pooling section, a numeric matrix is the upsampled δ."""
    if term.kind != "tensor" or term.expr not in values.ctx.matrices:
        raise Unsupported("not an equation")
    if not isinstance(section.cfg, Pool2dConfig):
        raise Unsupported("a lone matrix with nothing to compare it with (no pooling layer "
                          "set up to read it as the upsampled δ)")
    claimed = values.value(term)
    if not _numeric(claimed):
        raise Unsupported("a lone matrix of symbols: nothing to compare it with")
    verdict, detail = _verdict(values.tensor(GRAD_A), claimed, "∂J/∂a", None, values, state,
                               section)
    return _Outcome(verdict, detail)


def _no_bias(value, bias_zero: bool, values: Values):
    if not bias_zero or values.model is None or not (values.model.conv or values.model.fc):
        return value
    zero = {s: 0 for s in values.tensor(B).ravel()}
    return _xreplace(value, zero) if isinstance(value, np.ndarray) else value.xreplace(zero)


def _numeric(value) -> bool:
    return not any(getattr(e, "free_symbols", None) for e in np.ravel(value))


def _verdict(derived, claimed, what, correct, values: Values, state: _State,
             section: Section) -> tuple[str, str]:
    """Symbolic comparison; a worked example (numbers on one side) with the bound numbers;
    max pooling with the document's argmax when the claim only holds there."""
    if _numeric(claimed) != _numeric(derived):
        derived, claimed = _at_numbers(derived, claimed, values, state, section, everything=True)
        if not _numeric(derived):
            names = sorted({text(s) for e in np.ravel(derived) for s in e.free_symbols})
            raise Unsupported(f"the worked example needs values for {', '.join(names[:6])}")
        return _compare(derived, claimed, what, str(_plain(derived)), values)
    verdict, detail = _compare(derived, claimed, what, correct, values)
    if verdict != proof.HOLDS and _indicators(derived) and (
            section.argmax is not None or A in state.bindings):
        derived, claimed = _at_numbers(derived, claimed, values, state, section, everything=False)
        verdict, detail = _compare(derived, claimed, what, correct, values)
        detail += " (with the maxima where the document puts them)"
    return verdict, detail


def _at_numbers(derived, claimed, values: Values, state: _State, section: Section,
                everything: bool):
    """Both sides with the bound numbers substituted (only the input a unless ``everything``)."""
    bound = dict(state.bindings)
    if section.argmax is not None and A not in bound:
        bound[A] = _argmax(section.argmax, section.cfg)
    assignment = {}
    for key, val in bound.items():
        role, index = key if isinstance(key, tuple) else (key, None)
        if (not everything and role != A) or role in DERIVED:
            continue
        try:
            arr = values.tensor(role)
        except Unsupported:
            continue
        if index is not None:
            base = {A: "a", W: "w", B: "b", DELTA: "delta"}.get(role, "z")
            assignment[values.entry(Name(base, None, index))] = val
        elif isinstance(val, sp.MatrixBase) and arr.shape[-2:] == val.shape and arr.size == len(val):
            assignment.update(zip(arr.ravel(), val))
        elif isinstance(val, sp.MatrixBase):
            raise Unsupported(f"{to_text(role)} was given as a {val.rows}x{val.cols} matrix, "
                              f"but this layer's is {shape_text(arr.shape)}")
    if any(c.xreplace(assignment).free_symbols for s in _indicators(derived) | _indicators(claimed)
           for c in INDICATORS[s].cells):
        raise Unsupported("a max pooling example needs the maxima: a directive argmax=tl,br,... "
                          "or the input a as a matrix")
    at = np.vectorize(lambda e: proof.evaluate_at(sp.sympify(e), assignment), otypes=[object])
    return tuple(at(v) if isinstance(v, np.ndarray) else at(v)[()] for v in (derived, claimed))


def _indicators(value) -> set:
    return {s for e in np.ravel(value) for s in getattr(e, "free_symbols", ()) if s in INDICATORS}


def _plain(arr):
    try:
        return as_matrix(arr).tolist()
    except (ValueError, AttributeError):
        return arr.tolist() if isinstance(arr, np.ndarray) else arr


def _compare(derived, claimed, what: str, correct: str | None, values: Values) -> tuple[str, str]:
    """(verdict, detail) for two tensors, two entries, or a one-entry tensor and an entry."""
    if isinstance(derived, np.ndarray) and derived.size == 1 and not isinstance(claimed, np.ndarray):
        derived = derived.ravel()[0]
    if isinstance(claimed, np.ndarray) and claimed.size == 1 and not isinstance(derived, np.ndarray):
        claimed = claimed.ravel()[0]
    arrays = isinstance(derived, np.ndarray), isinstance(claimed, np.ndarray)
    if arrays[0] != arrays[1]:
        return proof.REFUTED, (f"shape mismatch: {what} is {shape_text(np.shape(derived)) or 'an entry'}"
                               f" but the claim gives {shape_text(np.shape(claimed)) or 'an entry'}")
    bias = set(values.tensor(B).ravel()) if values.model.conv or values.model.fc else set()
    note = " (the forward adds the bias b: write it, or state b = 0)"
    try:
        if arrays[0]:
            if values.model.fc and derived.shape == claimed.shape and derived.shape[1:] == (1,):
                derived, claimed = derived.ravel(), claimed.ravel()     # vectors: z_{2}
            p = proof.prove(derived, claimed, "", what=what, correct=correct)
            if p.counterexample is not None and not p.counterexample.values:
                p.counterexample = None                 # numbers on both sides: nothing to pick
            detail = p.detail()
            if p.index is None and p.verdict == proof.REFUTED and _numeric(derived):
                detail = _rows_shown(derived, claimed, detail)
            if p.derived is not None and _only_bias(p.derived - p.claimed, bias):
                detail += note
            return p.verdict, detail
        if proof.entries_equal(derived, claimed):
            return proof.HOLDS, f"equals the derived {shorten(text(derived), 70)}"
        found = proof.counterexample(derived, claimed)
    except TypeError:               # the core cannot evaluate a max region inside σ at numbers
        return proof.UNPROVED, f"{what} is not identical to the claim, and symbp cannot " \
                               "evaluate it at numbers (a max inside σ)"
    detail = f"{what} differs; derived {text(derived)}; claimed {text(claimed)}"
    if found is None:
        return proof.UNPROVED, f"not identical, and no integer point separates them: {detail}"
    return proof.REFUTED, detail + f"; {found.describe()}" + \
        note * _only_bias(derived - claimed, bias)


def _only_bias(difference: sp.Expr, bias: set) -> bool:
    return bool(difference.free_symbols) and difference.free_symbols <= bias


def _rows_shown(derived, claimed, detail: str) -> str:
    """A numeric matrix with rows or columns missing: say whether the part shown agrees."""
    try:
        d, c = as_matrix(derived), as_matrix(claimed)
    except ValueError:
        return detail
    if c.rows <= d.rows and c.cols <= d.cols and d[:c.rows, :c.cols] == c:
        return detail.replace("; correct", f"; the {c.rows} rows shown agree with the first "
                                           f"{c.rows} rows of the result; correct", 1)
    return detail


# =========================================================================== time limit

def _run_limited(fn, seconds: float | None):
    """fn() under a hard time limit (SIGALRM in the main thread, else a forked worker).

    Returns fn's result, or a one-line reason (str) when it ran out of time or failed.
    """
    try:
        if not seconds or seconds <= 0:
            return fn()
        if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
            return _with_alarm(fn, seconds)
        return _with_fork(fn, seconds)
    except _Timeout:
        return f"time limit ({seconds:g} s) reached"
    except Exception as err:              # a checker bug must not become a traceback
        return f"checker error ({type(err).__name__}: {shorten(str(err), 120)})"


def _with_alarm(fn, seconds: float):
    armed = [True]

    def on_alarm(signum, frame):
        if armed[0]:
            raise _Timeout

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.05)       # fires again until disarmed
    try:
        return fn()
    finally:
        armed[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _with_fork(fn, seconds: float):
    ctx = multiprocessing.get_context("fork")
    reader, writer = ctx.Pipe(duplex=False)

    def child():
        try:
            writer.send(("ok", fn()))
        except BaseException as err:
            writer.send(("error", f"{type(err).__name__}: {err}"))

    worker = ctx.Process(target=child, daemon=True)
    worker.start()
    writer.close()
    try:
        if not reader.poll(seconds):
            raise _Timeout
        status, value = reader.recv()
    except EOFError:
        raise RuntimeError("the worker process died") from None
    finally:
        if worker.is_alive():
            worker.terminate()
        worker.join(1)
    if status != "ok":
        raise RuntimeError(value)
    return value


# =========================================================================== CLI

def register(sub) -> None:
    """Add ``symbp check FILE`` to the CLI."""
    from .cli import add_setup_flags
    p = sub.add_parser("check", help="check the equations of a Markdown or LaTeX derivation",
                       description="Check every display equation of FILE (.md or .tex).")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--layer", choices=["avgpool", "conv2d", "fc", "maxpool"],
                   help="the layer kind (a directive's keys override the flags)")
    add_setup_flags(p)
    p.add_argument("--time-limit", type=float, default=10.0, help="seconds per equation (10)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_check)


def cmd_check(args) -> int:
    """Exit 0 when nothing is refuted, 1 when something is, 2 when nothing can be checked."""
    from .cli import UsageError
    flags = {"layer": args.layer, "input": args.input, "kernel": args.kernel,
             "stride": args.stride, "padding": args.padding, "dilation": args.dilation,
             "groups": args.groups, "batch": args.batch, "ceil_mode": args.ceil_mode or None,
             "count_include_pad": None if args.count_include_pad else False,
             "divisor_override": args.divisor_override,
             "channels": args.channels if args.channels != (1, 1) else None}
    try:
        report = check_file(args.file, setup=flags, time_limit=args.time_limit)
    except CheckError as err:
        raise UsageError(str(err)) from None
    if not report.claims:
        raise UsageError(f"{args.file}: no display equations found")
    if report.with_setup == 0:
        raise UsageError(f"{args.file}: no layer setup applies to any equation (give --layer "
                         "and sizes, or a directive such as <!-- symbp: layer=conv2d input=3x3 "
                         "kernel=2x2 -->)")
    print(report.to_json() if args.json else report.render())
    return 1 if report.refuted else 0


# =========================================================================== activations, softmax
#
# Scalar claims about an activation σ (``\sigma'(z) = \sigma(z)(1 - \sigma(z))``) and about
# softmax with cross-entropy (``\frac{\partial J}{\partial z} = \hat{y} - y``).  The text is
# read with parse_atom after function applications (σ, tanh, exp, e^{…}, max, cases,
# 1[…], softmax, \hat{y}) became placeholder symbols; the claims are proved by the core
# (Activation.prove, activations.prove_exact).

_PRIMES = r"((?:'|\^\s*\{\s*\\prime\s*\}|\^\s*\\prime)*)"
_SIGMA_LHS = re.compile(r"\s*\\sigma(?![A-Za-z])\s*" + _PRIMES +
                        r"\s*(?:\\left\s*)?\(\s*([A-Za-z])\s*(?:\\right\s*)?\)\s*$")
_WORDS = r"(?:\\operatorname\*?|\\text|\\mathrm|\\textrm|\\rm)\s*\{\s*"
_SCALAR_HEAD = re.compile(
    r"\\sigma(?![A-Za-z])\s*" + _PRIMES + r"|\\(tanh|exp|max)(?![A-Za-z])"
    rf"|{_WORDS}(softmax|tanh|exp|max|sigmoid|relu|ReLU)\s*\}}|\\begin\s*\{{\s*cases\s*\}}"
    r"|(?<![A-Za-z\\])e\s*\^|\\mathbb\s*\{\s*1\s*\}|\\mathbb\s*1(?![0-9])|\\hat\s*\{\s*y\s*\}"
    r"|\\hat\s+y(?![A-Za-z])")
_CONDITION = re.compile(r"\s*(?:(?:\\text|\\mathrm)\s*\{\s*(?:if|for|when)\s*\}\s*|(?:if|for)\s+)?"
                        r"([A-Za-z])\s*(>|<|\\geq?|\\leq?|\\geqslant|\\leqslant|\\gt|\\lt|≥|≤)"
                        r"\s*(-?\d+)\s*[,.]?\s*$")
_OTHERWISE = re.compile(r"\s*(?:(?:\\text|\\mathrm)\s*\{\s*(?:otherwise|else)\s*\}"
                        r"|otherwise|else)\s*[,.]?\s*$")
_REMARK = re.compile(r"\\q?quad(?![A-Za-z])|,?\s*(?:\\text|\\mathrm)\s*\{\s*(?:for|if|when)\b")


def _relation(var: str, op: str, value: int):
    z, v = sp.Symbol(var), sp.Integer(value)
    op = {"\\gt": ">", "\\lt": "<", "≥": "\\ge", "≤": "\\le", "\\geqslant": "\\ge",
          "\\leqslant": "\\le", "\\geq": "\\ge", "\\leq": "\\le"}.get(op, op)
    return {">": z > v, "<": z < v, "\\ge": z >= v, "\\le": z <= v}[op]


def _condition(s: str):
    """A region condition (``z > 0``, ``\\text{otherwise}``) as a SymPy relation, or True."""
    if _OTHERWISE.match(s):
        return sp.true
    m = _CONDITION.match(s)
    if not m:
        raise Unsupported(f"condition '{shorten(s.strip(), 40)}' not understood "
                          "(write z > 0, z \\le 0 or \\text{otherwise})")
    return _relation(m.group(1), m.group(2), int(m.group(3)))


class _Scalar:
    """A scalar expression of one variable with σ, tanh, exp, max, cases and 1[…] in it.

    ``sigma(u)`` says what σ(u) means (None: σ is not known here); ``softmax(index)``
    what softmax(z) / \\hat{y} mean (None: not in a softmax section).
    """

    def __init__(self, sigma=None, softmax=None):
        self.sigma, self.softmax = sigma, softmax
        self.values: dict[sp.Symbol, sp.Expr] = {}

    def _ph(self, value) -> str:
        key = f"Q^{{symbp{len(self.values)}}}"
        self.values[sp.Symbol(key)] = value
        return f" {{{key}}} "

    def raw(self, s: str) -> sp.Expr:
        """parse_atom of ``s`` with the functions as placeholders (left as symbols)."""
        if "symbp" in s:
            raise Unsupported("'symbp' is reserved in names")
        out, pos = [], 0
        for m in _SCALAR_HEAD.finditer(s):
            if m.start() < pos:
                continue
            value, end = self._function(s, m)
            out += [s[pos:m.start()], self._ph(value)]
            pos = end
        try:
            return parse_atom("".join(out) + s[pos:], max_len=MAX_ATOM)
        except LatexAtomError as err:
            raise Unsupported(str(err)) from None

    def expr(self, s: str) -> sp.Expr:
        raw = self.raw(s)
        if isinstance(raw, sp.MatrixBase):
            raise Unsupported("a matrix where a scalar expression is expected")
        return raw.xreplace(self.values)

    def _arg(self, s: str, i: int) -> tuple[str, int]:
        g = _group(s, i)
        if g is None:
            raise Unsupported("a function without a bracketed argument")
        return g

    def _function(self, s: str, m) -> tuple[sp.Expr, int]:
        head = m.group()
        word = m.group(2) or m.group(3) or ""
        if head.startswith("\\sigma"):
            if m.group(1):
                raise Unsupported("σ' on the right side of an activation claim")
            if self.sigma is None:
                raise Unsupported("σ is not known here")
            j = _SKIP.match(s, m.end()).end()
            inner, end = self._arg(s, j)
            return self.sigma(self.expr(inner)), end
        if head.startswith("\\begin"):
            g = _group(s, m.start())
            if g is None:
                raise Unsupported("unterminated cases")
            pieces = []
            for row in split_top_level(g[0], ("\\\\",)):
                if not row.strip():
                    continue
                cells = split_top_level(row, ("&",))
                if len(cells) != 2:
                    raise Unsupported("a cases row needs 'value & condition'")
                pieces.append((self.expr(cells[0]), _condition(cells[1])))
            if not pieces:
                raise Unsupported("empty cases")
            return sp.Piecewise(*pieces), g[1]
        if head.startswith("\\mathbb"):
            inner, end = self._arg(s, m.end())
            return sp.Piecewise((1, _condition(inner)), (0, True)), end
        if head.startswith("\\hat") or word == "softmax":
            end = m.end()
            if word == "softmax":
                inner, end = self._arg(s, end)
                if inner.strip() not in ("z", "\\mathbf{z}", "\\boldsymbol{z}"):
                    raise Unsupported("softmax of something other than z")
            sub = _script(s, end)
            index = None
            if sub is not None:
                if not re.fullmatch(r"\s*\d+\s*", sub[0]):
                    raise Unsupported("softmax entries take a numeric index (\\hat{y}_{2})")
                index, end = int(sub[0]), sub[1]
            if self.softmax is None:
                raise Unsupported("softmax outside a layer=softmax section")
            return self.softmax(index), end
        if head.startswith("e"):                       # e^{u}
            j = _SKIP.match(s, m.end()).end()
            if s.startswith("{", j):
                inner, end = self._arg(s, j)
            else:
                t = _TOKEN.match(s, j)
                if not t or not re.fullmatch(r"[A-Za-z0-9]", t.group()):
                    raise Unsupported("e^ without an exponent")
                inner, end = t.group(), t.end()
            return sp.exp(self.expr(inner)), end
        power, j = 1, m.end()
        if word == "tanh" and (p := re.compile(r"\s*\^\s*(?:\{\s*(\d)\s*\}|(\d))").match(s, j)):
            power, j = int(p.group(1) or p.group(2)), p.end()
        inner, end = self._arg(s, _SKIP.match(s, j).end())
        if word == "max":
            args = split_top_level(inner, (",",))
            if len(args) < 2:
                raise Unsupported("max needs two arguments")
            return sp.Max(*(self.expr(a) for a in args)), end
        x = self.expr(inner)
        if word == "tanh":
            return sp.tanh(x) ** power, end
        if word == "exp":
            return sp.exp(x), end
        if word == "sigmoid":
            return Sigmoid(x), end
        return sp.Max(0, x), end                                   # relu


def _of_z(expr: sp.Expr, var: str) -> sp.Expr:
    """``expr`` over the variable ``var`` (made activations.Z; a lone e is Euler's number)."""
    mapping = {}
    for s in expr.free_symbols:
        if s.name == var:
            mapping[s] = ACT_Z
        elif s.name == "e":
            mapping[s] = sp.E
        else:
            raise Unsupported(f"unknown name {text(s.name)} in an expression of {var}")
    return expr.xreplace(mapping)


def _sigma_of(act) -> "callable":
    if act is SIGMOID:
        return Sigmoid
    if act is TANH:
        return sp.tanh
    return act.forward


def recognise_activation(expr: sp.Expr):
    """The activation a definition σ(z) = expr (over activations.Z) states, or None."""
    if expr == ACT_Z:
        return IDENTITY
    if expr.has(sp.Max, sp.Piecewise):
        p = sp.Symbol("p", positive=True)
        try:
            right, left = expr.xreplace({ACT_Z: p}), expr.xreplace({ACT_Z: -p})
        except (TypeError, ValueError):
            return None
        if right != p:
            return None
        if left == 0:
            return RELU
        slope = left / -p                                 # a number when left = -s·p
        if slope.is_Rational and 0 < slope < 1:
            return leaky_relu(slope)
        return IDENTITY if slope == 1 else None
    if expr.has(sp.Symbol, sp.exp, sp.tanh, Sigmoid) and not expr.has(sp.Max, sp.Piecewise):
        for act in (SIGMOID, TANH):
            try:
                if exact_identical(expr, act.forward(ACT_Z)):
                    return act
            except (ValueError, TypeError):
                return None
    return None


_ACT_NAMES = {"identity": "identity", "linear": "identity", "relu": "relu",
              "leaky_relu": "leaky_relu", "leakyrelu": "leaky_relu", "leaky-relu": "leaky_relu",
              "sigmoid": "sigmoid", "logistic": "sigmoid", "tanh": "tanh"}


def activation_named(name: str, slope=None):
    key = _ACT_NAMES.get(str(name).lower())
    if key is None:
        raise CheckError(f"name={name!r} is not one of identity, relu, leaky_relu, sigmoid, tanh")
    if key == "leaky_relu":
        try:
            return leaky_relu(sp.Rational(str(slope)) if slope is not None else "0.01")
        except (TypeError, ValueError):
            raise CheckError(f"slope={slope!r} is not a number") from None
    return {"identity": IDENTITY, "relu": RELU, "sigmoid": SIGMOID, "tanh": TANH}[key]


def _split_remark(s: str) -> tuple[str, str]:
    m = _REMARK.search(s)
    if m is None:
        return s, ""
    try:                              # only a remark at the top level counts
        if len(split_top_level(s[:m.start()] + " \\quad " + s[m.end():], ("\\quad",))) < 2:
            return s, ""
    except LatexAtomError:
        return s, ""
    rest = s[m.end():]
    if not m.group().lstrip(",").strip().startswith("\\q"):
        rest = "\\text{for} " + rest.split("}", 1)[-1]
    return s[:m.start()].rstrip().rstrip(","), re.sub(r"\\q?quad", "", rest)


def _special(latex: str, section: Section, state: _State) -> _Outcome | None:
    """Activation and softmax equations, or None to read the equation as a layer claim."""
    s = _BOLD.sub(r"\1", latex.translate(_UNICODE))
    while (m := _PREFIX.match(s)) and m.end() and not m.group(1):
        s = s[m.end():]
    if section.kind == "softmax":
        return _softmax_equation(s, section, state)
    head = re.match(r"\s*\\sigma(?![A-Za-z])", s)
    if head is None:
        return None
    try:
        main, remark = _split_remark(s)
        sides = split_top_level(main, ("=",))
    except LatexAtomError:
        return None
    m = _SIGMA_LHS.match(sides[0])
    if len(sides) < 2 or m is None or any(not x.strip() for x in sides):
        return None
    primes, var = m.group(1).count("'") + m.group(1).count("prime"), m.group(2)
    if primes == 0:
        return _activation_definition(sides, var)
    act = section.cfg if section.kind == "activation" else state.activation
    if primes > 1:
        raise Unsupported("σ'' is not checked")
    if act is None:
        raise Unsupported("σ'(z) of an activation symbp does not know: define σ first "
                          "(\\sigma(z) = \\frac{1}{1 + e^{-z}}) or add a directive "
                          "layer=activation name=sigmoid")
    region = _condition(remark) if remark.strip() else None
    results = []
    for side in sides[1:]:
        claimed = _of_z(_Scalar(_sigma_of(act)).expr(side), var)
        results.append(_prove_activation(act, claimed, region, f"{sides[0]} = {side}"))
    for verdict in (proof.REFUTED, proof.UNPROVED, proof.HOLDS):
        found = [d for v, d in results if v == verdict]
        if found:
            return _Outcome(verdict, found[0])
    return None


def _activation_definition(sides: list[str], var: str) -> _Outcome:
    acts = []
    for side in sides[1:]:
        try:
            acts.append(recognise_activation(_of_z(_Scalar().expr(side), var)))
        except (Unsupported, LatexAtomError, ValueError, TypeError):
            acts.append(None)
    act = acts[-1]
    if act is None or any(a is not act for a in acts):
        return _Outcome(DEFINITION, "defines the activation σ (the checks keep σ general)")
    return _Outcome(DEFINITION, f"defines σ as {act.name}: σ'(z) claims are checked against it "
                                "(tensor checks keep σ general)", act=act)


def _prove_activation(act, claimed: sp.Expr, region, claim: str) -> tuple[str, str]:
    """Activation.prove of σ'(z) = claimed (only inside ``region`` for a piecewise σ)."""
    correct = act.text()
    if region is not None and act.piecewise:
        claimed = sp.Piecewise((claimed, region), (act.prime(ACT_Z), True))
    elif isinstance(claimed, sp.Piecewise) and not act.piecewise:
        raise Unsupported(f"a piecewise σ' for the smooth {act.name}")
    variant = act.variant(f"{act.name}-claimed", lambda z: claimed.xreplace({ACT_Z: z}),
                          to_text(claimed).replace("{", "{{").replace("}", "}}"), claim)
    p = variant.prove(claim, correct)
    detail = p.detail()
    if p.holds and region is not None and act.piecewise:
        detail = f"σ'(z) of {act.name}: equal for {text(sp.sstr(region))}, the region claimed"
    elif p.holds and not act.piecewise:
        detail = (f"σ'(z) of {act.name}: equals the derivative of its definition for every "
                  "real z (exact, as rational functions of e^z)")
    elif p.holds:
        detail = f"σ'(z) of {act.name}: " + detail
    else:
        detail = f"{act.name}: {detail}"
    return p.verdict, detail


# ---- softmax with cross-entropy

_SOFTMAX_NETS: dict = {}
_SM_LHS = re.compile(r"\s*(?:\\[dt]?frac\s*\{\s*\\partial\s*(?:J|L|E|C|\\ell|\\mathcal\s*\{\s*[LJ]\s*\})"
                     r"\s*\}\s*\{\s*\\partial\s*z\s*(?:_\s*(?:\{\s*(\d+)\s*\}|(\d)))?\s*\}"
                     r"|\\delta\s*(?:_\s*(?:\{\s*(\d+)\s*\}|(\d)))?"
                     r"|\\nabla\s*_\s*(?:\{\s*z\s*\}|z)\s*(?:J|L|\\mathcal\s*\{\s*[LJ]\s*\}))\s*$")
_LOSS_LHS = re.compile(r"\s*(?:J|L|E|C|\\ell|\\mathcal\s*\{\s*[LJ]\s*\})\s*(?:\(.*\))?\s*$")
_SM_SYMBOL = sp.Symbol("softmax(z)")


def _softmax_net(cfg):
    if cfg not in _SOFTMAX_NETS:
        _SOFTMAX_NETS[cfg] = SoftmaxCrossEntropy(cfg)
    return _SOFTMAX_NETS[cfg]


def _softmax_equation(s: str, section: Section, state: _State) -> _Outcome:
    try:
        sides = split_top_level(_split_remark(s)[0], ("=",))
    except LatexAtomError as err:
        raise Unsupported(f"malformed LaTeX: {err}") from None
    if len(sides) < 2 or any(not x.strip() for x in sides):
        raise Unsupported("not an equation")
    if _LOSS_LHS.match(sides[0]):
        return _Outcome(DEFINITION, "defines the loss (symbp uses J = -Σ_k y_k log softmax(z)_k "
                                    "with targets that sum to 1)")
    reader = _Scalar(softmax=lambda index: sp.Symbol(
        "softmax(z)" if index is None else f"softmax(z)_{{{index}}}"))
    m = _SM_LHS.match(sides[0])
    if m is None:
        lhs = reader.expr(sides[0])
        if lhs.is_Symbol and all(reader.expr(x) == _SM_SYMBOL for x in sides[1:]):
            if lhs == _SM_SYMBOL:
                return _Outcome(DEFINITION, "notation: softmax(z)")
            base, _, indices = normalize_symbol_name(lhs.name)
            if not indices and base not in ("y", "z"):
                return _Outcome(DEFINITION, f"names softmax(z) {text(base)}",
                                alias=base)
        raise Unsupported("under layer=softmax symbp checks ∂J/∂z (or one entry ∂J/∂z_{k}) "
                          "and definitions such as a = \\text{softmax}(z)")
    index = next((int(g) for g in m.groups() if g), None)
    net = _softmax_net(section.cfg)
    cfg, probs = net.cfg, Softmax(ACT_Z).entrywise(net.z)
    if index is not None and (cfg.batch != 1 or not 1 <= index <= cfg.classes):
        raise Unsupported(f"z_{{{index}}} is not an entry of the {cfg.classes} logits"
                          + (" (batch > 1: entries are not checked)" if cfg.batch != 1 else ""))
    aliases = {"p", "hat y"} | state.softmax_names

    def resolve(expr: sp.Expr, n: int, k: int | None) -> sp.Expr:
        """Entry (n, k) of a vector claim (k given), or an entry claim's value (k None)."""
        mapping = {}
        for sym in expr.free_symbols:
            if sym.name.startswith("softmax(z)"):
                base, entry = "softmax", sym.name[len("softmax(z)"):]
                indices = (int(entry.strip("_{}")),) if entry else ()
            else:
                try:
                    base, _, indices = normalize_symbol_name(sym.name)
                except LatexAtomError as err:
                    raise Unsupported(str(err)) from None
            if indices and not all(isinstance(i, int) for i in indices):
                raise Unsupported(f"{text(sym.name)}: symbolic indices are not checked")
            if (k is None) == (not indices) or len(indices) > 1:
                raise Unsupported(f"{text(sym.name)} is an entry in a vector claim" if indices
                                  else f"{text(sym.name)} is a vector in an entry claim")
            j = indices[0] - 1 if indices else k
            if not 0 <= j < cfg.classes:
                raise Unsupported(f"{text(sym.name)} is not an entry of the {cfg.classes} classes")
            table = probs if base == "softmax" or base in aliases else \
                net.y if base == "y" else net.z if base == "z" else None
            if table is None:
                raise Unsupported(f"unknown name {text(sym.name)} (softmax(z) is \\hat{{y}}, "
                                  "p or a name defined as \\text{softmax}(z); y the targets)")
            mapping[sym] = table[n, j]
        return expr.xreplace(mapping)

    rename, constraint = {}, net.constraint
    if cfg.batch == 1:               # one example: the documents' z_{k}, y_{k}
        for arr, base in ((net.z, "z"), (net.y, "y")):
            rename.update(zip(arr.ravel(), symbolic(base, (cfg.classes,))))
        constraint = {rename[k]: v.xreplace(rename) for k, v in constraint.items()}
    results = []
    for side in sides[1:]:
        raw = reader.expr(side)
        derived = net.derived if cfg.batch != 1 else _xreplace(net.derived[0], rename)
        if index is None:
            claimed = np.empty(net.derived.shape, dtype=object)
            for n, k in np.ndindex(*claimed.shape):
                claimed[n, k] = resolve(raw, n, k)
        else:                        # the other entries are the derived ones: only k counts
            claimed = net.derived[0].copy()
            claimed[index - 1] = resolve(raw, 0, None)
        if cfg.batch == 1:
            claimed = _xreplace(claimed.reshape(-1), rename)
        correct = "softmax(z) - y" if index is None else f"softmax(z)_{index} - y_{index}"
        p = prove_exact(derived, claimed, f"{sides[0]} = {side}", what="∂J/∂z",
                        correct=correct, constraint=constraint)
        if index is not None:
            p.entries = 1
        detail = p.detail() + (" (under Σ_k y_k = 1)" if p.holds else "")
        results.append((p.verdict, detail))
    for verdict in (proof.REFUTED, proof.UNPROVED, proof.HOLDS):
        found = [d for v, d in results if v == verdict]
        if found:
            return _Outcome(verdict, found[0])
    raise Unsupported("nothing to compare")
