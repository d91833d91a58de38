"""The configuration lattice an audit sweeps, and the integer data each configuration gets.

A configuration (:class:`AuditConfig`) is one call of a ``torch.nn.functional`` op:
shapes plus the op's keyword arguments.  :func:`lattice` lists, for one op and a
largest spatial size N, every combination of the op's parameters that PyTorch
accepts (kernel 1..3, stride 1..3, padding 0..1 or up to half the window, dilation
1..2, ceil_mode, count_include_pad, divisor_override, output_padding) crossed with
the input sizes n x (n+1) for n = 1..N (never square, so an H/W mix-up shows).
Channels, groups and batch rotate through a short list along the lattice, so every
parameter combination meets a different channel layout without multiplying the count.
:func:`pairwise_cover` picks a small subset (smallest configurations first) that still
shows every pair of feature values at least once: the default for slow targets such
as ``torch.compile``, where every configuration is a compilation.

:func:`inputs_for` draws the data: small integers (0..2 for pooling inputs, so ties in
a max window are common), weights in -1..2, an upstream gradient in 1..3 (never zero,
so every path counts), average pooling's input and gradient multiplied by the least
common multiple of the configuration's divisors, so every exact forward and backward
value is an integer float64 holds exactly.
"""
from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

import numpy as np

from ..core import geometry
from ..layers.conv import Conv2dConfig
from ..core.geometry import ConfigError
from ..layers.pooling import Pool2dConfig, _divisor

OPS = ("conv2d", "conv_transpose2d", "max_pool2d", "avg_pool2d", "linear")

#: (C_in, C_out, groups, batch) the conv lattices rotate through
CONV_CHANNELS = ((1, 1, 1, 1), (2, 3, 1, 1), (2, 2, 2, 1), (1, 2, 1, 2), (4, 2, 2, 1),
                 (3, 3, 3, 2))
#: (channels, batch) the pooling lattices rotate through
POOL_CHANNELS = ((1, 1), (2, 1), (1, 2))


@dataclass(frozen=True)
class AuditConfig:
    """One call of an op: sizes and keyword arguments in PyTorch's terms.

    ``input`` is (H, W) for the 2-D ops and (in_features,) for linear; ``channels`` is
    (C_in, C_out) (pooling: (C, C); linear: (in_features, out_features)).
    Example: ``AuditConfig("avg_pool2d", (2, 3), (1, 1), 1, kernel=(2, 2), stride=(2, 2),
    ceil_mode=True)``.
    """
    op: str
    input: tuple[int, ...]
    channels: tuple[int, int]
    batch: int = 1
    kernel: tuple[int, int] = (1, 1)
    stride: tuple[int, int] = (1, 1)
    padding: tuple[int, int] = (0, 0)
    dilation: tuple[int, int] = (1, 1)
    groups: int = 1
    output_padding: tuple[int, int] = (0, 0)
    ceil_mode: bool = False
    count_include_pad: bool = True
    divisor_override: int | None = None
    index: int = field(default=0, compare=False)   # position in its lattice (seeds the data)

    # ---- shapes
    def shapes(self) -> dict[str, tuple[int, ...]]:
        """name -> shape of each tensor the op takes (input, weight, bias)."""
        n, (cin, cout) = self.batch, self.channels
        if self.op == "linear":
            return {"input": (n, cin), "weight": (cout, cin), "bias": (cout,)}
        x = (n, cin) + tuple(self.input)
        if self.op == "conv2d":
            return {"input": x, "weight": (cout, cin // self.groups) + self.kernel,
                    "bias": (cout,)}
        if self.op == "conv_transpose2d":
            return {"input": x, "weight": (cin, cout // self.groups) + self.kernel,
                    "bias": (cout,)}
        return {"input": x}

    def elements(self) -> int:
        """Entries in all the op's tensors: what "smallest" means."""
        return sum(math.prod(s) for s in self.shapes().values())

    def kwargs(self) -> dict:
        """The keyword arguments of the ``torch.nn.functional`` call (tensors aside)."""
        if self.op == "conv2d":
            return dict(stride=self.stride, padding=self.padding, dilation=self.dilation,
                        groups=self.groups)
        if self.op == "conv_transpose2d":
            return dict(stride=self.stride, padding=self.padding,
                        output_padding=self.output_padding, groups=self.groups,
                        dilation=self.dilation)
        if self.op == "max_pool2d":
            return dict(kernel_size=self.kernel, stride=self.stride, padding=self.padding,
                        dilation=self.dilation, ceil_mode=self.ceil_mode)
        if self.op == "avg_pool2d":
            return dict(kernel_size=self.kernel, stride=self.stride, padding=self.padding,
                        ceil_mode=self.ceil_mode, count_include_pad=self.count_include_pad,
                        divisor_override=self.divisor_override)
        return {}

    def describe(self) -> str:
        """One line: the tensors' shapes and the arguments that are not the defaults."""
        shapes = ", ".join(f"{k} {'x'.join(map(str, s))}" for k, s in self.shapes().items())
        args = ", ".join(f"{k}={_short(v)}" for k, v in self.kwargs().items())
        return f"{self.op}({shapes}{', ' + args if args else ''})"

    def as_json(self) -> dict:
        return {"op": self.op, "shapes": {k: list(v) for k, v in self.shapes().items()},
                **{k: (list(v) if isinstance(v, tuple) else v) for k, v in self.kwargs().items()}}

    # ---- symbp's configurations
    def conv(self) -> Conv2dConfig:
        """The conv2d layer whose closed forms give this op's values (conv_transpose2d: the
        conv2d it is the input gradient of, its channels reversed, over the output size)."""
        if self.op == "conv2d":
            return Conv2dConfig.make(self.input, self.kernel, self.stride, self.padding,
                                     self.dilation, self.channels, self.groups, self.batch)
        cin, cout = self.channels
        return Conv2dConfig.make(self.transposed_output(), self.kernel, self.stride,
                                 self.padding, self.dilation, (cout, cin), self.groups,
                                 self.batch)

    def pool(self) -> Pool2dConfig:
        return Pool2dConfig.make(self.input, self.kernel, self.stride, self.padding,
                                 self.dilation, self.ceil_mode, self.count_include_pad,
                                 self.divisor_override, self.channels[0], self.batch)

    def transposed_output(self) -> tuple[int, int]:
        """conv_transpose2d's output size (s(n-1) - 2p + d(k-1) + output_padding + 1)."""
        return tuple(s * (n - 1) - 2 * p + d * (k - 1) + op + 1 for n, k, s, p, d, op in
                     zip(self.input, self.kernel, self.stride, self.padding, self.dilation,
                         self.output_padding))

    def avg_scale(self) -> int:
        """Least common multiple of avg_pool2d's divisors (1 for the other ops)."""
        if self.op != "avg_pool2d":
            return 1
        cfg = self.pool()
        return math.lcm(*(_divisor(cfg, w) for w in cfg.windows(dilated=False)))

    def validate(self) -> None:
        """Raise ConfigError for a configuration PyTorch rejects."""
        if self.op == "conv2d":
            self.conv()
        elif self.op == "conv_transpose2d":
            for op, s, d in zip(self.output_padding, self.stride, self.dilation):
                if op >= max(s, d):
                    raise ConfigError("output_padding must be smaller than stride or dilation")
            if min(self.transposed_output()) < 1:
                raise ConfigError("conv_transpose2d output size is not positive")
            self.conv()
        elif self.op in ("max_pool2d", "avg_pool2d"):
            cfg = self.pool()
            if self.op == "max_pool2d" and any(not w.cells for w in cfg.windows()):
                raise ConfigError("a max window lies wholly in the padding")


def _short(v) -> str:
    if isinstance(v, tuple) and len(v) == 2 and v[0] == v[1]:
        return str(v[0])
    return str(v).replace(" ", "")


# --------------------------------------------------------------------------- lattices

def _sizes(max_size: int, least: int = 1):
    return [(n, n + 1) for n in range(least, max_size + 1)]


def _conv_params():
    for k, s, p, d in itertools.product((1, 2, 3), (1, 2, 3), (0, 1), (1, 2)):
        if k == 1 and d == 2:
            continue      # a 1x1 kernel does not see its dilation
        yield dict(kernel=(k, k), stride=(s, s), padding=(p, p), dilation=(d, d))
    # one non-square kernel with unequal strides: an H/W mix-up shows
    yield dict(kernel=(2, 3), stride=(1, 2), padding=(1, 0), dilation=(2, 1))


def _pool_params(op: str):
    for k, s, p, ceil in itertools.product((1, 2, 3), (1, 2, 3), (0, 1), (False, True)):
        if p > k // 2:
            continue
        base = dict(kernel=(k, k), stride=(s, s), padding=(p, p), ceil_mode=ceil)
        if op == "max_pool2d":
            for d in ((1, 2) if k > 1 else (1,)):
                yield dict(base, dilation=(d, d))
        else:
            yield dict(base, count_include_pad=True)
            if p:
                yield dict(base, count_include_pad=False)
            if k > 1:
                yield dict(base, divisor_override=3)
    yield dict(kernel=(2, 3), stride=(1, 2), padding=(1, 0), ceil_mode=True,
               **({"dilation": (2, 1)} if op == "max_pool2d" else {"count_include_pad": False}))


def _make(op: str, index: int, **fields) -> AuditConfig | None:
    cfg = AuditConfig(op, index=index, **fields)
    try:
        cfg.validate()
    except ConfigError:
        return None
    return cfg


def lattice(op: str, max_size: int = 5) -> list[AuditConfig]:
    """Every valid configuration of ``op`` with spatial sizes up to ``max_size``.

    Example: ``lattice("avg_pool2d", 4)`` -> [AuditConfig('avg_pool2d', (1, 2), ...), ...]
    """
    if op not in OPS:
        raise ConfigError(f"unknown op {op!r} (known: {', '.join(OPS)})")
    out: list[AuditConfig] = []

    def add(**fields):
        cfg = _make(op, len(out), **fields)
        if cfg is not None:
            out.append(cfg)

    if op == "linear":
        for i, o, n in itertools.product(range(1, max_size + 1), range(1, max_size + 1), (1, 3)):
            add(input=(i,), channels=(i, o), batch=n)
        return out
    turn = itertools.count()
    if op in ("conv2d", "conv_transpose2d"):
        for params in _conv_params():
            ops = [(0, 0)]
            if op == "conv_transpose2d":
                s, d = params["stride"], params["dilation"]
                ops += [(1, 1)] if max(s[0], d[0]) > 1 and max(s[1], d[1]) > 1 else []
            for hw, op_pad in itertools.product(_sizes(max_size), ops):
                cin, cout, g, n = CONV_CHANNELS[next(turn) % len(CONV_CHANNELS)]
                add(input=hw, channels=(cin, cout), groups=g, batch=n, output_padding=op_pad,
                    **params)
        return out
    for params in _pool_params(op):
        for hw in _sizes(max_size):
            c, n = POOL_CHANNELS[next(turn) % len(POOL_CHANNELS)]
            add(input=hw, channels=(c, c), batch=n, **params)
    return out


def features(cfg: AuditConfig) -> dict[str, object]:
    """What :func:`pairwise_cover` covers: each argument, and the boundary cases
    (rows no window reaches, a ceil-mode window hanging past the padded input)."""
    out = {k: v for k, v in cfg.kwargs().items()}
    out.update(channels=cfg.channels, batch=cfg.batch)
    if cfg.op in ("max_pool2d", "avg_pool2d"):
        axes = zip(cfg.input, cfg.kernel, cfg.stride, cfg.padding, cfg.dilation)
        partial = []
        for n, k, s, p, d in axes:
            o = geometry.pool_output_size(n, k, s, p, d, cfg.ceil_mode)
            partial.append((o - 1) * s + d * (k - 1) + 1 > n + 2 * p)
        out["ceil_partial"] = tuple(partial)
    elif cfg.op in ("conv2d", "conv_transpose2d"):
        conv = cfg.conv()
        out["unreached"] = tuple(geometry.unreached_rows(*a) > 0 for a in conv._axes())
    return out


#: features :func:`compile_cover` covers value by value, not in pairs: the channel
#: layout and the batch, which give a compiled kernel's outermost loop bounds only
SINGLE_FEATURES = ("channels", "batch")


def pairwise_cover(configs: list[AuditConfig], singles: tuple[str, ...] = ()) -> list[AuditConfig]:
    """A subset, smallest first, in which every pair of feature values that occurs in
    ``configs`` occurs at least once (greedy: each pick covers the most new pairs);
    the features named in ``singles`` are only covered value by value.

    Example: ``pairwise_cover(lattice("avg_pool2d", 5))`` -> 20 of the 309 configurations.
    """
    pairs_of = []
    for cfg in configs:
        feats = features(cfg)
        items = sorted((k, repr(v)) for k, v in feats.items() if k not in singles)
        pairs_of.append(set(itertools.combinations(items, 2))
                        | {(k, repr(feats[k])) for k in singles if k in feats})
    uncovered = set().union(*pairs_of) if pairs_of else set()
    order = sorted(range(len(configs)), key=lambda i: (configs[i].elements(), i))
    rank = {i: r for r, i in enumerate(order)}
    chosen = []
    while uncovered:
        best = max(order, key=lambda i: (len(pairs_of[i] & uncovered), -rank[i]))
        chosen.append(best)
        uncovered -= pairs_of[best]
        order.remove(best)
    return [configs[i] for i in sorted(chosen)]


def compile_cover(configs: list[AuditConfig]) -> list[AuditConfig]:
    """The sweep for compiling targets (torch.compile): every pair of values of the op's
    arguments and of the boundary cases, each channel layout and batch at least once.

    Example: ``compile_cover(lattice("avg_pool2d", 5))`` -> 15 of the 309 configurations.
    """
    return pairwise_cover(configs, SINGLE_FEATURES)


# --------------------------------------------------------------------------- data

def inputs_for(cfg: AuditConfig) -> dict[str, np.ndarray]:
    """float64 integer data for one configuration: the op's tensors and ``grad_output``.

    Seeded by the configuration's lattice index, so a run is reproducible.
    """
    rng = np.random.default_rng(1000 + cfg.index)
    scale = cfg.avg_scale()
    shapes = cfg.shapes()
    data = {"input": rng.integers(0, 3, shapes["input"]).astype(np.float64) * scale}
    if "weight" in shapes:
        data["weight"] = rng.integers(-1, 3, shapes["weight"]).astype(np.float64)
        data["bias"] = rng.integers(-2, 3, shapes["bias"]).astype(np.float64)
    out_shape = output_shape(cfg)
    data["grad_output"] = rng.integers(1, 4, out_shape).astype(np.float64) * scale
    return data


def output_shape(cfg: AuditConfig) -> tuple[int, ...]:
    """The shape the op's result has (PyTorch's output-size rules)."""
    n, (cin, cout) = cfg.batch, cfg.channels
    if cfg.op == "linear":
        return (n, cout)
    if cfg.op == "conv2d":
        return (n, cout) + cfg.conv().output
    if cfg.op == "conv_transpose2d":
        return (n, cout) + cfg.transposed_output()
    return (n, cin) + cfg.pool().output
