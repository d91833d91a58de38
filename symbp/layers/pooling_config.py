"""A pooling layer's sizes (:class:`Pool2dConfig`), in PyTorch's terms: validation, output
size, windows, and how a document directive or a built-in's setup maps to them.

Kept beside :mod:`symbp.layers.pooling` (the operators and the layer), which re-exports it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..core import geometry
from ..core.geometry import ConfigError, pair, pair_text as _pair
from ..core.layer import MissingSetting, SizeCounts


#: a directive's ``argmax``: each window's maximum as a corner or two 1-based digits, in order
_ARGMAX_SPEC = r"(?:tl|tr|bl|br|[1-9]{2})(?:,(?:tl|tr|bl|br|[1-9]{2}))*"


@dataclass(frozen=True)
class Pool2dConfig:
    """A 2-D pooling layer in PyTorch's terms (pairs are (h, w))."""
    #: layer protocol: equations are read as softmax equations / σ'(z) of this config
    softmax_equations = defines_sigma = False
    input: tuple[int, int] = (4, 4)
    kernel: tuple[int, int] = (2, 2)
    stride: tuple[int, int] = (2, 2)
    padding: tuple[int, int] = (0, 0)
    dilation: tuple[int, int] = (1, 1)       # max pooling only
    ceil_mode: bool = False
    count_include_pad: bool = True           # average pooling only
    divisor_override: int | None = None      # average pooling only
    channels: int = 1
    batch: int = 1

    @classmethod
    def make(cls, input=(4, 4), kernel=(2, 2), stride=None, padding=0, dilation=1,
             ceil_mode=False, count_include_pad=True, divisor_override=None,
             channels=1, batch=1) -> "Pool2dConfig":
        """Build and validate; ``stride`` defaults to the window, as in PyTorch."""
        kernel = pair(kernel, "kernel_size")
        cfg = cls(pair(input, "input"), kernel, pair(kernel if stride is None else stride, "stride"),
                  pair(padding, "padding"), pair(dilation, "dilation"), bool(ceil_mode),
                  bool(count_include_pad), divisor_override, int(channels), int(batch))
        cfg.validate()
        return cfg

    def validate(self) -> None:
        """Raise ConfigError, in PyTorch's words, for a configuration it would reject."""
        for name, v in (("kernel_size", self.kernel), ("stride", self.stride),
                        ("dilation", self.dilation)):
            if min(v) < 1:
                raise ConfigError(f"{name} must be at least 1, got {v[0]}x{v[1]}")
        if min(self.input) < 1:
            raise ConfigError(f"input size must be positive, got {self.input[0]}x{self.input[1]}")
        for k, p in zip(self.kernel, self.padding):
            if not 0 <= p <= k // 2:
                raise ConfigError(f"pad should be at most half of effective kernel size, "
                                  f"but got pad={p} and kernel_size={k}")
        if self.divisor_override is not None and self.divisor_override < 1:
            raise ConfigError("divisor must be not zero")
        if self.channels < 1 or self.batch < 1:
            raise ConfigError(f"channels and batch must be positive, got {self.channels} "
                              f"and {self.batch}")
        if min(self.output) < 1:
            raise ConfigError(f"output size is too small: the {self.kernel[0]}x{self.kernel[1]} "
                              f"window does not fit the {self.input[0]}x{self.input[1]} input")

    @property
    def output(self) -> tuple[int, int]:
        return tuple(geometry.pool_output_size(*args, self.ceil_mode) for args in
                     zip(self.input, self.kernel, self.stride, self.padding, self.dilation))

    def windows(self, dilated: bool = True) -> list[geometry.Window]:
        dilation = self.dilation if dilated else (1, 1)
        return geometry.pool_windows(self.input, self.kernel, self.stride, self.padding,
                                     dilation, self.ceil_mode)

    def directive(self, kind: str) -> str:
        """The ``symbp:`` directive keys that make ``symbp check`` build this layer
        (``kind`` avgpool or maxpool); keys at their defaults are left out."""
        out = (f"layer={kind} input={self.input[0]}x{self.input[1]} "
               f"kernel={self.kernel[0]}x{self.kernel[1]} stride={_pair(self.stride)} "
               f"padding={_pair(self.padding)}")
        extra = [("dilation", _pair(self.dilation), "1"), ("channels", str(self.channels), "1"),
                 ("batch", str(self.batch), "1"), ("ceil_mode", str(self.ceil_mode).lower(), "false"),
                 ("count_include_pad", str(self.count_include_pad).lower(), "true"),
                 ("divisor_override", str(self.divisor_override or 0), "0")]
        return out + "".join(f" {k}={v}" for k, v, default in extra if v != default)

    def describe(self) -> str:
        parts = [f"{self.input[0]}x{self.input[1]} input", f"{self.kernel[0]}x{self.kernel[1]} window"]
        if self.stride != self.kernel:
            parts.append(f"stride {self.stride[0]},{self.stride[1]}")
        if self.padding != (0, 0):
            parts.append(f"padding {self.padding[0]},{self.padding[1]}")
        if self.dilation != (1, 1):
            parts.append(f"dilation {self.dilation[0]},{self.dilation[1]}")
        if self.ceil_mode:
            parts.append("ceil_mode")
        if not self.count_include_pad:
            parts.append("count_include_pad=False")
        if self.divisor_override:
            parts.append(f"divisor {self.divisor_override}")
        return ", ".join(parts)

    def size_counts(self) -> SizeCounts:
        """Entries of a and δ and the forward's terms (one per window cell)."""
        plane = self.batch * self.channels
        tensors = {"a": plane * self.input[0] * self.input[1],
                   "δ": plane * self.output[0] * self.output[1]}
        return SizeCounts(tensors, tensors["δ"] * self.kernel[0] * self.kernel[1])

    @classmethod
    def from_directive(cls, settings: dict, read, kind: str) -> "Pool2dConfig":
        """The config a ``symbp:`` directive asks for, ``kind`` ``"avgpool"`` or ``"maxpool"``.

        ``{"input": "4x4"}`` -> 4x4 input, 2x2 window (stride: the window). MissingSetting
        without input; ConfigError for what PyTorch rejects (avg_pool2d with dilation, a max
        window wholly in the padding); ValueError for bad values (``argmax`` included).
        """
        if "input" not in settings:
            raise MissingSetting(f"{kind} without an input size (add input=HxW)")
        div = settings.get("divisor_override")
        cfg = cls.make(read.pair("input", 0), read.pair("kernel", 2),
                       read.pair("stride", 0) if "stride" in settings else None,
                       read.pair("padding", 0), read.pair("dilation", 1),
                       read.flag("ceil_mode", 0), read.flag("count_include_pad", 1),
                       None if div in (None, "none") else int(div),
                       read.pair("channels", 1)[0], int(settings.get("batch", 1)))
        if kind == "avgpool" and cfg.dilation != (1, 1):
            raise ConfigError(f"avg_pool2d has no dilation, got dilation "
                              f"{cfg.dilation[0]},{cfg.dilation[1]}")
        empty = geometry.first_empty_window(cfg.input, cfg.kernel, cfg.stride, cfg.padding,
                                            cfg.dilation, cfg.ceil_mode) \
            if kind == "maxpool" else None
        if empty is not None:
            raise ConfigError(f"pooling window ({empty[0] + 1},{empty[1] + 1}) lies "
                              "entirely in the padding: its max and gradient are undefined")
        if "argmax" in settings and not re.fullmatch(_ARGMAX_SPEC, str(settings["argmax"]).lower()):
            raise ValueError(f"argmax={settings['argmax']!r}: positions are tl, tr, bl, br or two digits")
        return cfg

    def params(self) -> tuple:
        """The configuration as integer operator parameters."""
        return (*self.input, *self.kernel, *self.stride, *self.padding, *self.dilation,
                int(self.ceil_mode), int(self.count_include_pad), self.divisor_override or 0)

    def kernel_config(self) -> "Pool2dConfig":
        """The configuration a generated kernel is made for: one channel, batch 1."""
        return Pool2dConfig.from_params(self.params())

    def reduced(self) -> "Pool2dConfig":
        """The smallest input ``n - m·s`` with at least two windows per axis (when ``n``
        has two): same window parameters, same boundary pattern (trailing rows, the
        ceil-mode last window and its divisor).  Example: 8x8, window 2 -> 4x4."""
        hw = []
        for n, k, s, p, d in zip(self.input, self.kernel, self.stride, self.padding,
                                 self.dilation):
            want = min(2, geometry.pool_output_size(n, k, s, p, d, self.ceil_mode))
            while n - s >= 1 and geometry.pool_output_size(n - s, k, s, p, d,
                                                           self.ceil_mode) >= want:
                n -= s
            hw.append(n)
        return Pool2dConfig.from_params(tuple(hw) + self.params()[2:])

    @classmethod
    def from_params(cls, p: tuple[int, ...]) -> "Pool2dConfig":
        return cls(p[0:2], p[2:4], p[4:6], p[6:8], p[8:10], bool(p[10]), bool(p[11]),
                   p[12] or None)
