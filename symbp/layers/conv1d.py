"""1-d convolution layer (PyTorch's ``conv1d``): forward and closed forms.

Forward (``a``: (N, C_in, L), ``W``: (C_out, C_in/G, k), ``b``: (C_out,); ``*`` is
cross-correlation):

    z = pad_p(a) *_{s,d} W + b,     Lo = floor((L + 2p - d(k-1) - 1) / s) + 1

A 1-d convolution is a 2-d one whose height is 1: every tensor carries a height axis
of size 1 (a: (N, C_in, 1, L), W: (C_out, C_in/G, 1, k), δ: (N, C_out, 1, Lo)), the
configuration is the :class:`~symbp.layers.conv.Conv2dConfig` with height 1, kernel height 1,
no padding, stride or dilation along the height, and the forward, the chain rule and the
closed forms are :class:`~symbp.layers.conv.Conv2d`'s:

    ∂J/∂a   = pad_{d(k-1)-p, d(k-1)-p+r}(dilate_s(δ)) * dilate_d(flip(W))   (transposed conv)
    ∂J/∂W   = Σ_n pad_p(a) *_{step d} dilate_s(δ)
    ∂J/∂b   = Σ_{n,u} δ
    δ^{l-1} = ∂J/∂a ⊙ σ'(z^{l-1})

(on a 1 x k kernel rot180 is the flip of the kernel.)

Example::

    >>> from symbp.claims import to_text
    >>> layer = Conv1d(Conv1dConfig.make(length=5, kernel=3, stride=2))
    >>> layer.cfg.output, to_text(layer.closed_forms()["W"])
    (2, 'a * dilate_(1,2)(δ)')
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
import sympy as sp

from .conv import Conv2d, Conv2dConfig, channels_prose
from ..core.printing import channel_parts, shape_tex
from ..core.geometry import ConfigError
from ..core.layer import LayerDefaults, MissingSetting, ProofProse, SizeCounts, length_dilation, length_pad_widths
from ..core.tensor import A


def _length(value, name: str) -> int:
    """An int, or the last entry of an (h, w) pair (the CLI's sizes: the width is the length).

    Not ``core.geometry.read_pair``: a pair here is not (h, w) of one size but the CLI's
    (height, width) of which only the width is the length, and no text is read here
    (directives go through ``from_directive``'s reader); a float or text is an error."""
    if isinstance(value, (tuple, list)):
        value = value[-1]
    if not isinstance(value, int):
        raise ConfigError(f"{name} must be an int, got {value!r}")
    return value


@dataclass(frozen=True)
class Conv1dConfig:
    """A conv1d layer's sizes, in PyTorch's terms."""
    #: layer protocol: equations are read as softmax equations / σ'(z) of this config
    softmax_equations = defines_sigma = False
    length: int = 5
    kernel: int = 3
    stride: int = 1
    padding: int = 0
    dilation: int = 1
    channels: tuple[int, int] = (1, 1)      # (C_in, C_out)
    groups: int = 1
    batch: int = 1

    @classmethod
    def make(cls, length=5, kernel=3, stride=1, padding=0, dilation=1, channels=(1, 1),
             groups=1, batch=1) -> "Conv1dConfig":
        """Build and validate (through the height-1 conv2d configuration, PyTorch's rules)."""
        cfg = cls(_length(length, "length"), _length(kernel, "kernel"), _length(stride, "stride"),
                  _length(padding, "padding"), _length(dilation, "dilation"), tuple(channels),
                  int(groups), int(batch))
        cfg.as_conv2d()
        return cfg

    def as_conv2d(self) -> Conv2dConfig:
        """The same layer as a conv2d of height 1."""
        return Conv2dConfig.make((1, self.length), (1, self.kernel), (1, self.stride),
                                 (0, self.padding), (1, self.dilation), self.channels,
                                 self.groups, self.batch)

    @property
    def output(self) -> int:
        """Lo, floor as PyTorch."""
        return self.as_conv2d().output[1]

    @property
    def forward_terms(self) -> int:
        """Products in the forward entries (what a symbolic proof's cost grows with)."""
        cin, cout = self.channels
        return self.batch * cout * self.output * (cin // self.groups) * self.kernel

    def describe(self) -> str:
        parts = [f"length {self.length} input", f"kernel {self.kernel}"]
        for name, v, default in (("stride", self.stride, 1), ("padding", self.padding, 0),
                                 ("dilation", self.dilation, 1)):
            if v != default:
                parts.append(f"{name} {v}")
        return ", ".join(parts + channel_parts(self.channels, self.groups, self.batch))

    def directive(self, kind: str = "conv1d") -> str:
        """The ``symbp:`` directive keys that make ``symbp check`` build this layer."""
        return (f"layer={kind} input={self.length} kernel={self.kernel} stride={self.stride} "
                f"padding={self.padding} dilation={self.dilation} "
                f"channels={self.channels[0]},{self.channels[1]} groups={self.groups} "
                f"batch={self.batch}")

    def size_counts(self) -> SizeCounts:
        """Entries of a, W, δ and the forward's terms: the height-1 conv2d's."""
        return self.as_conv2d().size_counts()

    def kernel_config(self) -> "Conv1dConfig":
        """The configuration a generated kernel is made for: the same, at batch 1."""
        return dataclasses.replace(self, channels=tuple(self.channels), batch=1)

    def reduced(self) -> "Conv1dConfig":
        """The height-1 :meth:`Conv2dConfig.reduced`: the same closed forms, a short length."""
        small = self.as_conv2d().reduced()
        return Conv1dConfig.make(small.input[1], self.kernel, self.stride, self.padding,
                                 self.dilation, small.channels, small.groups, 1)

    @classmethod
    def from_directive(cls, settings: dict, read, kind: str = "conv1d") -> "Conv1dConfig":
        """The config a ``symbp:`` directive asks for: ``input`` is the length L, ``kernel``
        k, ``stride``/``padding``/``dilation`` single numbers (``{"input": "5", "kernel":
        "3"}`` -> length 5, kernel 3).  MissingSetting without input or kernel."""
        if "input" not in settings or "kernel" not in settings:
            raise MissingSetting("conv1d without input/kernel lengths (add input=L kernel=K)")

        def one(key, default):          # a number (flags hold pairs: both entries the same)
            first, second = read.pair(key, default)
            if first != second:
                raise ValueError(f"{key}={first},{second}: conv1d takes one number")
            return first
        return cls.make(one("input", 0), one("kernel", 0), one("stride", 1), one("padding", 0),
                        one("dilation", 1), read.pair("channels", 1), read.count("groups", 1),
                        read.count("batch", 1))

    @classmethod
    def from_setup(cls, setup) -> "Conv1dConfig":
        """The configuration :class:`symbp.claims.Setup` describes (widths are the lengths)."""
        return cls.make(setup.input or 5, setup.kernel or 3, setup.stride or 1, setup.padding,
                        setup.dilation, setup.channels, setup.groups, setup.batch)


class Conv1d(LayerDefaults):
    """A symbolic conv1d layer: a :class:`Conv2d` of height 1, described in 1-d terms.

    Implements :class:`symbp.core.layer.Layer` (keys a, W, b, delta); tensors carry a height
    axis of size 1 (see the module docstring).
    """

    kind = "conv1d"
    column_vectors = False
    weight_grad_operands = ("a", "delta")
    #: documents' pad_{p}, dilate_{s} act on the length only (the height is 1); rot180 of a
    #: height-1 tensor already reverses the length alone
    pad_widths = staticmethod(length_pad_widths)
    dilate_factors = staticmethod(length_dilation)
    #: the numpy kernels (symbp.kernels.KERNELS) generated from the closed forms, by key
    kernels = {"a": "conv1d_input", "W": "conv1d_weight", "b": "conv1d_bias"}

    def __init__(self, cfg: Conv1dConfig):
        self.cfg = cfg
        self.conv2d = Conv2d(cfg.as_conv2d())
        self.a, self.w, self.b, self.delta = (self.conv2d.a, self.conv2d.w, self.conv2d.b,
                                              self.conv2d.delta)
        self.env = self.conv2d.env

    def forward_form(self, x=A) -> sp.Expr:
        """z = pad_p(x) *_{s,d} W + b (height 1)."""
        return self.conv2d.forward_form(x)

    @property
    def z(self) -> np.ndarray:
        return self.conv2d.z

    @property
    def gradients(self) -> dict[str, np.ndarray]:
        return self.conv2d.gradients

    @property
    def zprev(self) -> np.ndarray:
        return self.conv2d.zprev

    @property
    def derived_delta(self) -> np.ndarray:
        return self.conv2d.derived_delta

    def closed_forms(self) -> dict[str, sp.Expr]:
        return self.conv2d.closed_forms()

    def proof_prose(self) -> ProofProse:
        """What ``symbp prove``'s document says about this layer (core.layer.ProofProse):
        1-d words, the tensors written as rows of height 1 (as the document's entries are)."""
        c = self.cfg
        setup = (
            f"A 1-D convolution maps its input $a$ (length ${c.length}$), kernel $W$ (length "
            f"${c.kernel}$) and bias $b$ to $z = a * W + b$ with stride ${c.stride}$, padding "
            f"${c.padding}$ and dilation ${c.dilation}$, so $z$ and the upstream gradient "
            f"$\\delta = \\partial J / \\partial z$ have length ${c.output}$. Here $*$ is valid "
            "cross-correlation (no kernel flip, as in PyTorch's conv1d); every tensor is written "
            f"as a row of height 1 ($a$ is ${shape_tex((1, c.length))}$), so entries carry the row "
            "index 1 and $\\operatorname{pad}$, $\\operatorname{dilate}$ act on the length only; "
            "with $\\tilde a$ the input padded with zeros at both ends,"
            f"{channels_prose(c)}")
        return ProofProse(setup, _formula(c), matrices=True)

    def document_forms(self) -> dict[str, sp.Expr]:
        """The closed forms as ``symbp check`` reports them (the height-1 conv2d's)."""
        return self.conv2d.document_forms()


def _formula(c: Conv1dConfig) -> str:
    """The LaTeX formula of one entry of z (padded input ã, taps q counted from 1)."""
    pos = ((f"{c.stride}(j-1)" if c.stride > 1 else "j-1") + "+" +
           (f"{c.dilation}(q-1)" if c.dilation > 1 else "q-1") + "+1"
           if (c.stride, c.dilation) != (1, 1) else "j+q-1")
    taps = rf"\sum_{{q=1}}^{{{c.kernel}}}"
    if (tuple(c.channels), c.batch) == ((1, 1), 1):
        return rf"z_{{1j}} = {taps} \tilde a_{{1,\,{pos}}}\, w_{{1q}} + b"
    return (rf"z_{{n,o,1,j}} = \sum_{{c \in \mathrm{{group}}(o)}} {taps}"
            rf" \tilde a_{{n,c,1,{pos}}}\, w_{{o,c,1,q}} + b_o")
