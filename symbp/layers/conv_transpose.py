"""Transposed convolution layer (PyTorch's ``conv_transpose2d``): forward and closed forms.

Forward, the scatter PyTorch documents (``a``: (N, C_in, H, W), ``W``: (C_in, C_out/G, kh, kw),
``b``: (C_out,); input channel i belongs to group g = i // (C_in/G)):

    z[n, g·C_out/G + o, h·s - p + u·d, w·s - p + v·d] += a[n, i, h, w] W[i, o, u, v]
    z[n, c, :, :] += b[c]
    Ho = (H - 1) s - 2p + d (kh - 1) + output_padding + 1            (output_padding < s)

Closed forms of the backward pass (a transposed convolution's backward is a convolution):

    ∂J/∂a   = pad_p(δ) *_{s,d} W                 conv2d of δ, W read as OIHW, groups G
    ∂J/∂W   = pad_p(δ) * dilate_s(a)             conv2d's weight gradient with a and δ swapped
    ∂J/∂b   = Σ_{n,u,v} δ
    δ^{l-1} = ∂J/∂a ⊙ σ'(z^{l-1})

The output_padding rows (at the bottom and right of z) are reached by no input entry, so
the convolutions above never read them.  PyTorch also accepts output_padding ≥ s when it
is below the dilation; then ∂J/∂a = pad_p(δ) *_{s,d} W is larger than a, and this layer
refuses the configuration instead of cropping.

Example::

    >>> from symbp.claims import to_text
    >>> layer = ConvTranspose2d(ConvTranspose2dConfig.make(input=3, kernel=2, stride=2,
    ...                                                     output_padding=1))
    >>> layer.cfg.output, to_text(layer.closed_forms()["a"])
    ((7, 7), 'δ *_s=2 W')
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
import sympy as sp

from ..core.printing import channel_parts, shape_tex
from ..core import chain, geometry
from ..core.geometry import ConfigError, pair, pair_text
from ..core.layer import MissingSetting, ProofProse, SizeCounts
from ..core.ops import (AddBias, ChannelSum, Correlate, Crop, Dilate, Hadamard, Pad, ShapeError, SigmaPrime,
                  TensorOp, WeightCorrelate)
from ..core.tensor import A, B, DELTA, W, ZPREV, product, symbolic, total
from .conv import channels_prose


@dataclass(frozen=True)
class ConvTranspose2dConfig:
    """A conv_transpose2d layer's sizes, in PyTorch's terms (ints are (h, w) pairs)."""
    #: layer protocol: equations are read as softmax equations / σ'(z) of this config
    softmax_equations = defines_sigma = False
    input: tuple[int, int] = (3, 3)
    kernel: tuple[int, int] = (2, 2)
    stride: tuple[int, int] = (1, 1)
    padding: tuple[int, int] = (0, 0)
    output_padding: tuple[int, int] = (0, 0)
    dilation: tuple[int, int] = (1, 1)
    channels: tuple[int, int] = (1, 1)      # (C_in, C_out)
    groups: int = 1
    batch: int = 1

    @classmethod
    def make(cls, input=(3, 3), kernel=(2, 2), stride=1, padding=0, output_padding=0,
             dilation=1, channels=(1, 1), groups=1, batch=1) -> "ConvTranspose2dConfig":
        """Build and validate a configuration; ints mean square pairs."""
        cfg = cls(pair(input, "input"), pair(kernel, "kernel"), pair(stride, "stride"),
                  pair(padding, "padding"), pair(output_padding, "output_padding"),
                  pair(dilation, "dilation"), tuple(channels), int(groups), int(batch))
        cfg.validate()
        return cfg

    def validate(self) -> None:
        """Raise ConfigError for what PyTorch rejects, and for output_padding >= stride."""
        cin, cout = self.channels
        for name, v, low in (("input size", self.input, 1), ("kernel size", self.kernel, 1),
                             ("stride", self.stride, 1), ("padding", self.padding, 0),
                             ("output_padding", self.output_padding, 0),
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
            op, s, d = self.output_padding[axis], self.stride[axis], self.dilation[axis]
            if op >= max(s, d):
                raise ConfigError(f"output_padding {op} must be smaller than either stride {s} "
                                  f"or dilation {d} (axis {'HW'[axis]})")
            if op >= s:
                raise ConfigError(f"output_padding {op} >= stride {s} (axis {'HW'[axis]}) is not "
                                  "supported: ∂J/∂a would need a crop")
        if min(self.output) < 1:
            raise ConfigError(f"the output size {self.output[0]}x{self.output[1]} is not positive")

    @property
    def output(self) -> tuple[int, int]:
        """(Ho, Wo) as PyTorch: (H - 1) s - 2p + d(k - 1) + output_padding + 1."""
        return tuple(geometry.conv_transpose_output_size(*args) for args in zip(
            self.input, self.kernel, self.stride, self.padding, self.dilation,
            self.output_padding))

    @property
    def forward_terms(self) -> int:
        """Products in the forward entries (what a symbolic proof's cost grows with)."""
        cin, cout = self.channels
        return (self.batch * cin * self.input[0] * self.input[1] * (cout // self.groups)
                * self.kernel[0] * self.kernel[1])

    def params(self) -> tuple[int, ...]:
        """The forward operator's integer parameters."""
        return (*self.stride, *self.padding, *self.dilation, *self.output_padding, self.groups)

    def describe(self) -> str:
        parts = [f"{self.input[0]}x{self.input[1]} input", f"{self.kernel[0]}x{self.kernel[1]} kernel"]
        for name, v, default in (("stride", self.stride, 1), ("padding", self.padding, 0),
                                 ("output_padding", self.output_padding, 0),
                                 ("dilation", self.dilation, 1)):
            if v != (default, default):
                parts.append(f"{name} {v[0]}" if v[0] == v[1] else f"{name} {v[0]},{v[1]}")
        return ", ".join(parts + channel_parts(self.channels, self.groups, self.batch))

    def directive(self, kind: str = "conv-transpose2d") -> str:
        """The ``symbp:`` directive keys that make ``symbp check`` build this layer."""
        return (f"layer={kind} input={self.input[0]}x{self.input[1]} "
                f"kernel={self.kernel[0]}x{self.kernel[1]} stride={pair_text(self.stride)} "
                f"padding={pair_text(self.padding)} "
                f"output_padding={pair_text(self.output_padding)} "
                f"dilation={pair_text(self.dilation)} "
                f"channels={self.channels[0]},{self.channels[1]} groups={self.groups} "
                f"batch={self.batch}")

    def size_counts(self) -> SizeCounts:
        """Entries of a, W, δ and the forward's terms (one per input entry and tap)."""
        (cin, cout), n = self.channels, self.batch
        tensors = {"a": n * cin * self.input[0] * self.input[1],
                   "W": cin * (cout // self.groups) * self.kernel[0] * self.kernel[1],
                   "δ": n * cout * self.output[0] * self.output[1]}
        return SizeCounts(tensors, self.forward_terms)

    def kernel_config(self) -> "ConvTranspose2dConfig":
        """The configuration a generated kernel is made for: the same, at batch 1."""
        return dataclasses.replace(self, channels=tuple(self.channels), batch=1)

    def reduced(self) -> "ConvTranspose2dConfig":
        """The configuration a kernel's claim is proved at: this one, at batch 1 (not made
        smaller: the transposed forms carry no size that a smaller input keeps)."""
        return self.kernel_config()

    @classmethod
    def from_directive(cls, settings: dict, read, kind: str = "conv-transpose2d"
                       ) -> "ConvTranspose2dConfig":
        """The config a ``symbp:`` directive asks for (``read``: a core.layer.SettingReader).

        ``{"input": "3x3", "kernel": "2x2", "stride": "2", "output_padding": "1"}`` -> a 7x7
        output.  MissingSetting without input or kernel; ConfigError or ValueError for bad values.
        """
        if "input" not in settings or "kernel" not in settings:
            raise MissingSetting("conv-transpose2d without input/kernel sizes "
                                 "(add input=HxW kernel=KxK)")
        return cls.make(read.pair("input", 0), read.pair("kernel", 0), read.pair("stride", 1),
                        read.pair("padding", 0), read.pair("output_padding", 0),
                        read.pair("dilation", 1), read.pair("channels", 1),
                        read.count("groups", 1), read.count("batch", 1))

    @classmethod
    def from_setup(cls, setup) -> "ConvTranspose2dConfig":
        """The configuration :class:`symbp.claims.Setup` (the CLI's size flags) describes."""
        return cls.make(setup.input or (3, 3), setup.kernel or (2, 2), setup.stride or 1,
                        setup.padding, setup.output_padding, setup.dilation, setup.channels,
                        setup.groups, setup.batch)


class ConvTranspose(TensorOp):
    """convtranspose(x, w, sh, sw, ph, pw, dh, dw, oph, opw, groups): the forward scatter.

    x: (N, C_in, H, W); w: (C_in, C_out/G, kh, kw) -> (N, C_out, Ho, Wo) with
    out[n, g C_out/G + o, h sh - ph + u dh, w sw - pw + v dw] += x[n, i, h, w] w[i, o, u, v].
    """

    n_tensors = 2

    def text(self, args):
        return f"conv_transpose({args[0]}, {args[1]})"

    def entrywise(self, x, w):
        sh, sw, ph, pw, dh, dw, oph, opw, groups = self.params
        n, cin, h, wd = x.shape
        cin_w, cog, kh, kw = w.shape
        if cin_w != cin or cin % groups:
            raise ShapeError(f"kernel of shape {w.shape} does not fit {cin} input channels "
                             f"with groups={groups}")
        ho = geometry.conv_transpose_output_size(h, kh, sh, ph, dh, oph)
        wo = geometry.conv_transpose_output_size(wd, kw, sw, pw, dw, opw)
        cig = cin // groups
        terms = [[[[[] for _ in range(wo)] for _ in range(ho)] for _ in range(cog * groups)]
                 for _ in range(n)]
        for b, i, y, xx in np.ndindex(n, cin, h, wd):
            g = i // cig
            for o, u, v in np.ndindex(cog, kh, kw):
                r, c = y * sh - ph + u * dh, xx * sw - pw + v * dw
                if 0 <= r < ho and 0 <= c < wo:
                    terms[b][g * cog + o][r][c].append(product(x[b, i, y, xx], w[i, o, u, v]))
        out = np.empty((n, cog * groups, ho, wo), dtype=object)
        for index in np.ndindex(*out.shape):
            b, o, r, c = index
            out[index] = total(terms[b][o][r][c])
        return out

    def _latex(self, printer):
        args = ", ".join(printer._print(t) for t in self.tensors)
        return rf"\operatorname{{conv\_transpose}}\left({args}\right)"


class ConvTranspose2d(chain.WeightedLayer):
    """A symbolic conv_transpose2d layer: forward entries, chain-rule gradients, closed forms.

    Implements :class:`symbp.core.layer.Layer` (keys a, W, b, delta).
    """

    kind = "conv-transpose2d"
    weight_grad_operands = ("delta", "a")      # ∂J/∂W = pad_p(δ) * dilate_s(a)
    #: the numpy kernels (symbp.kernels.KERNELS) generated from the closed forms, by key
    kernels = {"a": "conv_transpose2d_input", "W": "conv_transpose2d_weight",
               "b": "conv_transpose2d_bias"}

    def __init__(self, cfg: ConvTranspose2dConfig):
        self.cfg = cfg
        cin, cout = cfg.channels
        n = cfg.batch
        self.a = symbolic("a", (n, cin) + cfg.input)
        self.w = symbolic("w", (cin, cout // cfg.groups) + cfg.kernel)
        self.b = symbolic("b", (cout,))
        self.delta = symbolic("delta", (n, cout) + cfg.output)
        self.env = {A: self.a, W: self.w, B: self.b, DELTA: self.delta}

    def forward_form(self, x=A) -> sp.Expr:
        """z = conv_transpose(x, W) + b as an operator expression."""
        return AddBias(ConvTranspose(x, W, *self.cfg.params()), B)

    def proof_prose(self) -> ProofProse:
        """What ``symbp prove``'s document says about this layer (core.layer.ProofProse)."""
        c = self.cfg
        setup = (
            f"A 2-D transposed convolution maps its input $a$ (${shape_tex(c.input)}$), kernel "
            f"$W$ (${shape_tex(c.kernel)}$) and bias $b$ to $z$ with stride "
            f"${pair_text(c.stride)}$, padding ${pair_text(c.padding)}$, output padding "
            f"${pair_text(c.output_padding)}$ and dilation ${pair_text(c.dilation)}$, so $z$ and "
            "the upstream gradient $\\delta = \\partial J / \\partial z$ are "
            f"${shape_tex(self.delta.shape)}$. As in PyTorch's conv\\_transpose2d, each input "
            "entry scatters its product with the kernel into $z$ (rows and columns that no "
            "input entry reaches hold only $b$): an entry of $z$ sums $a_{hm}\\, w_{uv}$ over "
            f"the input cells $(h, m)$ and taps $(u, v)$ that land on it.{channels_prose(c, 'IOHW')}")
        return ProofProse(setup, _formula(c))

    def _padded_delta(self) -> sp.Expr:
        (ph, pw) = self.cfg.padding
        return Pad(DELTA, ph, ph, pw, pw) if (ph, pw) != (0, 0) else DELTA

    def closed_forms(self) -> dict[str, sp.Expr]:
        """∂J/∂a = pad_p(δ) *_{s,d} W; ∂J/∂W = pad_p(δ) * dilate_s(a); ∂J/∂b = Σ δ; δ^{l-1}."""
        c = self.cfg
        grad_a = Correlate(self._padded_delta(), W, *c.stride, *c.dilation, c.groups)
        x = Dilate(A, *c.stride) if c.stride != (1, 1) else A
        # pad_p(δ) * dilate_s(a) has k + ⌊op/d⌋ positions per axis: cropped when op >= d
        grad_w = WeightCorrelate(self._padded_delta(), x, *c.dilation, c.groups)
        if any(op >= d for op, d in zip(c.output_padding, c.dilation)):
            grad_w = Crop(grad_w, *c.kernel)
        return {"a": grad_a,
                "W": grad_w,
                "b": ChannelSum(DELTA),
                "delta": Hadamard(grad_a, SigmaPrime(ZPREV))}


def _formula(c: ConvTranspose2dConfig) -> str:
    """The LaTeX formula of one entry of z: the input cells and taps landing on it."""
    def lands(inp, tap, axis):              # s(h-1) + d(u-1) - p + 1, as PyTorch scatters
        s, d, p = c.stride[axis], c.dilation[axis], c.padding[axis]
        if (s, d) == (1, 1):
            return f"{inp}+{tap}{-1 - p:+d}"
        const = 1 - p
        return ((f"{s}({inp}-1)" if s > 1 else f"{inp}-1") + "+" +
                (f"{d}({tap}-1)" if d > 1 else f"{tap}-1") + (f"{const:+d}" if const else ""))
    where = rf"\substack{{{lands('h', 'u', 0)} = i\\ {lands('m', 'v', 1)} = j}}"
    if (tuple(c.channels), c.batch) == ((1, 1), 1):
        return rf"z_{{ij}} = \sum_{{{where}}} a_{{hm}}\, w_{{uv}} + b"
    return (rf"z_{{n,o,i,j}} = \sum_{{c \in \mathrm{{group}}(o)}} \sum_{{{where}}}"
            rf" a_{{n,c,h,m}}\, w_{{c,o',u,v}} + b_o \quad (o' = o \bmod C_{{out}}/G)")
