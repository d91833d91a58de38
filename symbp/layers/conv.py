"""Convolution layer: the forward definition and the closed forms documents state for it.

Forward (PyTorch's conv2d; ``*`` is cross-correlation):

    z = pad_p(a) *_{s,d} W + b          a: (N, C_in, H, W), W: (C_out, C_in/G, kh, kw)

Closed forms of the backward pass, each proved against the chain rule by
:mod:`symbp.claims`:

    ∂J/∂a = pad_{d(k-1)-p, d(k-1)-p+r}(dilate_s(δ)) * dilate_d(rot180(W))^T   (transposed conv)
    ∂J/∂W = Σ_n pad_p(a) *_{step d} dilate_s(δ)       cropped to kh x kw when r >= d
    ∂J/∂b = Σ_{n,u,v} δ
    δ^{l-1} = ∂J/∂a^{l-1} ⊙ σ'(z^{l-1})

The founding document's case is N = C = 1, s = d = 1, p = 0: ∂J/∂a = pad_{k-1}(δ) * rot180(W).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
import sympy as sp

from ..core.printing import channel_parts
from ..core import chain, geometry
from ..core.geometry import ConfigError, pair, pair_text as _pair
from ..core.layer import MissingSetting, ProofProse, SizeCounts
from ..core.printing import count_text, shape_tex
from ..core.ops import (AddBias, ChannelSum, Correlate, Crop, Dilate, Hadamard, Pad, Rot180,
                  SigmaPrime, SwapIO, WeightCorrelate)
from ..core.tensor import A, B, DELTA, W, ZPREV, symbolic


def _decided(values) -> bool:
    """Whether every size in ``values`` is a number (not a symbol of the all-sizes engine)."""
    return all(isinstance(v, (int, np.integer)) or getattr(v, "is_Integer", False)
               for v in values)


def _reduced_axis(n: int, k: int, s: int, p: int, d: int) -> int:
    """Smallest input size with the same unreached rows r (so the same transpose
    padding) and at least two outputs (when ``n`` has two), so stride steps show."""
    r = geometry.unreached_rows(n, k, s, p, d)
    want = min(2, geometry.conv_output_size(n, k, s, p, d))
    m = max(1, d * (k - 1) + 1 - 2 * p)
    m += (r - geometry.unreached_rows(m, k, s, p, d)) % s
    while geometry.conv_output_size(m, k, s, p, d) < want:
        m += s
    return m


@dataclass(frozen=True)
class Conv2dConfig:
    """A conv2d layer's sizes, in PyTorch's terms (ints are (h, w) pairs)."""
    #: layer protocol: equations are read as softmax equations / σ'(z) of this config
    softmax_equations = defines_sigma = False
    input: tuple[int, int] = (3, 3)
    kernel: tuple[int, int] = (2, 2)
    stride: tuple[int, int] = (1, 1)
    padding: tuple[int, int] = (0, 0)
    dilation: tuple[int, int] = (1, 1)
    channels: tuple[int, int] = (1, 1)      # (C_in, C_out)
    groups: int = 1
    batch: int = 1

    @classmethod
    def make(cls, input=(3, 3), kernel=(2, 2), stride=1, padding=0, dilation=1,
             channels=(1, 1), groups=1, batch=1) -> "Conv2dConfig":
        """Build and validate a configuration; ints mean square pairs."""
        cfg = cls(pair(input, "input"), pair(kernel, "kernel"), pair(stride, "stride"),
                  pair(padding, "padding"), pair(dilation, "dilation"),
                  tuple(channels), int(groups), int(batch))
        cfg.validate()
        return cfg

    def validate(self) -> None:
        """Raise ConfigError, in PyTorch's words, for a configuration it would reject."""
        cin, cout = self.channels
        for name, v, low in (("input size", self.input, 1), ("kernel size", self.kernel, 1),
                             ("stride", self.stride, 1), ("padding", self.padding, 0),
                             ("dilation", self.dilation, 1)):
            if min(v) < low:
                raise ConfigError(f"{name} must be at least {low}, got {v[0]}x{v[1]}")
        if min(cin, cout, self.groups, self.batch) < 1:
            raise ConfigError("channels, groups and batch must be positive")
        if cin % self.groups:
            raise ConfigError(f"in_channels {cin} is not divisible by groups {self.groups}")
        if cout % self.groups:
            raise ConfigError(f"out_channels {cout} is not divisible by groups {self.groups}")
        for axis in range(2):
            span = self.dilation[axis] * (self.kernel[axis] - 1) + 1
            padded = self.input[axis] + 2 * self.padding[axis]
            if span > padded:
                raise ConfigError(
                    f"kernel size {self.kernel[0]}x{self.kernel[1]} (dilated: {span}) is larger "
                    f"than the padded input size {padded} on axis {'HW'[axis]}")

    @property
    def output(self) -> tuple[int, int]:
        """(Ho, Wo), floor as PyTorch."""
        return tuple(geometry.conv_output_size(*args) for args in self._axes())

    def _axes(self):
        return zip(self.input, self.kernel, self.stride, self.padding, self.dilation)

    def kernel_config(self) -> "Conv2dConfig":
        """The configuration a generated kernel is made for: the same, at batch 1."""
        return dataclasses.replace(self, channels=tuple(self.channels), batch=1)

    def reduced(self) -> "Conv2dConfig":
        """A small configuration whose closed forms are the same expressions as this one's.

        Same kernel, stride, padding, dilation, groups and unreached rows (hence the same
        transpose padding), at most 2 outputs per axis; channels (1, 1) stay, others become
        (G, G) or (1, 2) (``SwapIO`` present in both); batch 1.  Example: a 9x9 input with a
        3x3 kernel and stride 2 reduces to 5x5.
        """
        hw = tuple(_reduced_axis(*axis) for axis in self._axes())
        g = self.groups
        channels = (1, 1) if tuple(self.channels) == (1, 1) else ((g, g) if g > 1 else (1, 2))
        return Conv2dConfig.make(hw, self.kernel, self.stride, self.padding, self.dilation,
                                 channels, g, 1)

    def directive(self, kind: str = "conv2d") -> str:
        """The ``symbp:`` directive keys that make ``symbp check`` build this layer."""
        return (f"layer={kind} input={self.input[0]}x{self.input[1]} "
                f"kernel={self.kernel[0]}x{self.kernel[1]} stride={_pair(self.stride)} "
                f"padding={_pair(self.padding)} dilation={_pair(self.dilation)} "
                f"channels={self.channels[0]},{self.channels[1]} groups={self.groups} "
                f"batch={self.batch}")

    def describe(self) -> str:
        parts = [f"{self.input[0]}x{self.input[1]} input", f"{self.kernel[0]}x{self.kernel[1]} kernel"]
        for name, v, default in (("stride", self.stride, 1), ("padding", self.padding, 0),
                                 ("dilation", self.dilation, 1)):
            if v != (default, default):
                parts.append(f"{name} {v[0]}" if v[0] == v[1] else f"{name} {v[0]},{v[1]}")
        return ", ".join(parts + channel_parts(self.channels, self.groups, self.batch))

    def size_counts(self) -> SizeCounts:
        """Entries of a, W, δ and the forward's terms (one per tap of each output entry)."""
        (cin, cout), n = self.channels, self.batch
        tensors = {"a": n * cin * self.input[0] * self.input[1],
                   "W": cout * (cin // self.groups) * self.kernel[0] * self.kernel[1],
                   "δ": n * cout * self.output[0] * self.output[1]}
        return SizeCounts(tensors, tensors["δ"] * (cin // self.groups) * self.kernel[0]
                          * self.kernel[1])

    @classmethod
    def from_directive(cls, settings: dict, read, kind: str = "conv2d") -> "Conv2dConfig":
        """The config a ``symbp:`` directive asks for (``read``: a core.layer.SettingReader).

        ``{"input": "4x4", "kernel": "2x2", "stride": "2"}`` -> 4x4 input, 2x2 kernel, stride 2.
        MissingSetting without input or kernel; ConfigError (PyTorch's words) or ValueError
        for bad values.
        """
        if "input" not in settings or "kernel" not in settings:
            raise MissingSetting("conv2d without input/kernel sizes (add input=HxW kernel=KxK)")
        return cls.make(read.pair("input", 0), read.pair("kernel", 0), read.pair("stride", 1),
                        read.pair("padding", 0), read.pair("dilation", 1),
                        read.pair("channels", 1), int(settings.get("groups", 1)),
                        int(settings.get("batch", 1)))


class Conv2d(chain.WeightedLayer):
    """A symbolic conv2d layer: forward entries z, chain-rule gradients, closed forms.

    Implements :class:`symbp.core.layer.Layer`.  Example::

        >>> layer = Conv2d(Conv2dConfig.make(input=3, kernel=2))
        >>> from symbp.claims import to_text
        >>> to_text(layer.closed_forms()["a"])
        'pad_1(δ) * rot180(W)'
    """

    kind = "conv2d"
    #: the numpy kernels (symbp.kernels.KERNELS) generated from the closed forms, by key
    kernels = {"a": "conv2d_input", "W": "conv2d_weight", "b": "conv2d_bias"}

    def __init__(self, cfg: Conv2dConfig):
        self.cfg = cfg
        cin, cout = cfg.channels
        n = cfg.batch
        self.a = symbolic("a", (n, cin) + cfg.input)
        self.w = symbolic("w", (cout, cin // cfg.groups) + cfg.kernel)
        self.b = symbolic("b", (cout,))
        self.delta = symbolic("delta", (n, cout) + cfg.output)
        self.env = {A: self.a, W: self.w, B: self.b, DELTA: self.delta}

    # ---- forward
    def forward_form(self, x=A) -> sp.Expr:
        """z = pad_p(x) *_{s,d} W + b as an operator expression."""
        c = self.cfg
        padded = Pad(x, c.padding[0], c.padding[0], c.padding[1], c.padding[1]) \
            if c.padding != (0, 0) else x
        return AddBias(Correlate(padded, W, *c.stride, *c.dilation, c.groups), B)

    # ---- closed forms
    def closed_forms(self) -> dict[str, sp.Expr]:
        """The proved closed forms by key: a, W, b and delta (δ^{l-1})."""
        return {"a": self.input_grad_form(), "W": self.weight_grad_form(),
                "b": self.bias_grad_form(), "delta": self.delta_form()}

    def delta_form(self) -> sp.Expr:
        """(pad(δ^l) * rot180(W^l)) ⊙ σ'(z^{l-1}), generalised to any configuration."""
        return Hadamard(self.input_grad_form(), SigmaPrime(ZPREV))

    def input_grad_form(self) -> sp.Expr:
        """pad(dilate_s(δ)) * dilate_d(rot180(W))^T: the transposed convolution."""
        c = self.cfg
        g = Dilate(DELTA, *c.stride) if c.stride != (1, 1) else DELTA
        (t, b), (l, r) = (geometry.transpose_padding(n, k, s, p, d) for n, k, s, p, d in c._axes())
        if (t, b, l, r) != (0, 0, 0, 0):
            g = Pad(g, t, b, l, r)
        k = Rot180(W)
        if c.dilation != (1, 1):
            k = Dilate(k, *c.dilation)
        if c.channels != (1, 1):
            k = SwapIO(k, c.groups)
        return Correlate(g, k, 1, 1, 1, 1, c.groups)

    def weight_grad_form(self) -> sp.Expr:
        """Σ_n pad_p(a) * dilate_s(δ), stepping by the kernel dilation.

        That correlation has (k - 1) + r // d + 1 positions per axis (r the unreached rows,
        :func:`geometry.unreached_rows`): when r >= d it is larger than the kernel and the
        form says so, ``crop_{kh x kw}(...)`` (the trailing positions are no kernel tap).
        """
        c = self.cfg
        x = Pad(A, c.padding[0], c.padding[0], c.padding[1], c.padding[1]) \
            if c.padding != (0, 0) else A
        g = Dilate(DELTA, *c.stride) if c.stride != (1, 1) else DELTA
        form = WeightCorrelate(x, g, *c.dilation, c.groups)
        # with symbolic sizes (the all-sizes engine) r >= d is undecided: crop, which is
        # the identity wherever r < d, so the form is honest for every size
        if any(bool(geometry.unreached_rows(*axis) >= axis[-1]) if _decided(axis) else True
               for axis in c._axes()):
            form = Crop(form, *c.kernel)
        return form

    @staticmethod
    def bias_grad_form() -> sp.Expr:
        """Σ_{n,u,v} δ for each output channel."""
        return ChannelSum(DELTA)

    @staticmethod
    def seed_weight_form() -> sp.Expr:
        """The founding document's ∂J/∂W as written: δ^L * rot180(a^{L-1})."""
        return Correlate(DELTA, Rot180(A), 1, 1, 1, 1, 1)

    def proof_prose(self) -> ProofProse:
        """What ``symbp prove``'s document says about this layer (core.layer.ProofProse)."""
        return conv_proof_prose(self)


def _conv_formula(c: Conv2dConfig) -> str:
    """The LaTeX formula of one entry of z (padded input ã, taps p, q counted from 1)."""
    def index(out, tap, stride, dilation):
        if stride == dilation == 1:
            return f"{out}+{tap}-1"
        return (f"{stride}({out}-1)" if stride > 1 else f"{out}-1") + "+" + \
            (f"{dilation}({tap}-1)" if dilation > 1 else f"{tap}-1") + "+1"
    row = index("i", "p", c.stride[0], c.dilation[0])
    col = index("j", "q", c.stride[1], c.dilation[1])
    sums = rf"\sum_{{p=1}}^{{{c.kernel[0]}}} \sum_{{q=1}}^{{{c.kernel[1]}}}"
    if (c.channels, c.batch) == ((1, 1), 1):
        return rf"z_{{ij}} = {sums} \tilde a_{{{row},\,{col}}}\, w_{{pq}} + b"
    return (rf"z_{{n,o,i,j}} = \sum_{{c \in \mathrm{{group}}(o)}} {sums}"
            rf" \tilde a_{{n,c,{row},\,{col}}}\, w_{{o,c,p,q}} + b_o")


def channels_prose(c, weight_layout: str = "OIHW") -> str:
    """The proof document's sentence on batch, channels and groups (empty for one of each):
    ``c`` has ``channels``, ``groups``, ``batch``; ``weight_layout`` is W's axis order."""
    if (tuple(c.channels), c.batch, c.groups) == ((1, 1), 1, 1):
        return ""
    return (f" There {'is' if c.batch == 1 else 'are'} {count_text(c.batch, 'batch entry')}, "
            f"{c.channels[0]} input and {c.channels[1]} output channels in "
            f"{count_text(c.groups, 'group')}; "
            "a subscript lists the batch and channel before the row and column "
            f"(NCHW; {weight_layout} for $W$).")


def conv_proof_prose(layer: "Conv2d") -> ProofProse:
    """:meth:`Conv2d.proof_prose` (what symbp prove's document says about the layer)."""
    c, out = layer.cfg, shape_tex(layer.delta.shape)
    multi = channels_prose(c)
    setup = (
        f"A 2-D convolution maps its input $a$ (${shape_tex(c.input)}$), "
        f"kernel $W$ (${shape_tex(c.kernel)}$) and bias $b$ to $z = a * W + b$ with stride "
        f"${_pair(c.stride)}$, padding ${_pair(c.padding)}$ and dilation ${_pair(c.dilation)}$, "
        f"so $z$ and the upstream gradient $\\delta = \\partial J / \\partial z$ are ${out}$. "
        "Here $*$ is valid cross-correlation (no kernel flip, as in PyTorch's conv2d); with "
        f"$\\tilde a$ the input padded with zeros,{multi}")
    return ProofProse(setup, _conv_formula(c), matrices=True)


class ConvDelta:
    """δ through a conv layer: a^{l-1} = σ(z^{l-1}), z^l = conv(a^{l-1}); δ^{l-1} = ∂J/∂z^{l-1}."""

    def __init__(self, cfg: Conv2dConfig):
        self.layer = Conv2d(cfg)
        self.zprev = self.layer.zprev
        self.env = {**self.layer.env, ZPREV: self.zprev}

    @property
    def derived(self) -> np.ndarray:
        """∂J/∂z^{l-1} by the chain rule through σ and the convolution."""
        return self.layer.derived_delta

    def delta_form(self) -> sp.Expr:
        """(pad(δ^l) * rot180(W^l)) ⊙ σ'(z^{l-1}), generalised to any configuration."""
        return self.layer.delta_form()
