"""Which forward/backward pairs a file holds, and the cases each is checked on.

``--cs231n`` recognises the course's names and conventions (:data:`CS231N_PAIRS`);
``--forward/--backward/--layer`` names one pair; sizes given on the command line replace
the layer's default configurations.

Example::

    >>> [p.backward for p in cs231n_pairs(["relu_forward", "relu_backward"])]
    ['relu_backward']
"""
from __future__ import annotations

from dataclasses import dataclass

from ..core.geometry import ConfigError
from . import layers
from .check import custom_case

#: (layer, forward, backward) in CS231n's names; softmax_loss returns (loss, dx) itself
CS231N_PAIRS = (
    ("affine", "affine_forward", "affine_backward"),
    ("relu", "relu_forward", "relu_backward"),
    ("conv2d", "conv_forward_naive", "conv_backward_naive"),
    ("conv2d", "conv_forward_fast", "conv_backward_fast"),
    ("maxpool", "max_pool_forward_naive", "max_pool_backward_naive"),
    ("maxpool", "max_pool_forward_fast", "max_pool_backward_fast"),
    ("softmax-loss", "softmax_loss", None),
    ("batchnorm", "batchnorm_forward", "batchnorm_backward"),
    ("batchnorm", "batchnorm_forward", "batchnorm_backward_alt"),
)


@dataclass(frozen=True)
class Pair:
    layer: str | None
    forward: str
    backward: str | None


def cs231n_pairs(names) -> list[Pair]:
    """The CS231n pairs whose functions are all among ``names``."""
    have = set(names)
    return [Pair(layer, f, b) for layer, f, b in CS231N_PAIRS
            if f in have and (b is None or b in have)]


def cases_for(layer: str | None, shapes=None, stride=None, pad=None, pool=None,
              sweep: bool = False) -> list:
    """The configurations to check: the given sizes, else the layer's defaults.

    shapes: the forward's array shapes (conv2d: x, w; affine: x, w; others: x).
    """
    if layer is None:
        if not shapes:
            raise ConfigError("a pair of no known layer needs --shapes (the forward's "
                              "array arguments, e.g. 2x3,3x4)")
        return [custom_case(shapes)]
    if not shapes:
        if stride is not None or pad is not None or pool is not None:
            raise ConfigError("--stride, --pad and --pool need --shapes too")
        return layers.default_cases(layer, sweep)
    stride = 1 if stride is None else stride
    pad = 0 if pad is None else pad
    need = 2 if layer in ("conv2d", "affine") else 1
    if len(shapes) != need:
        raise ConfigError(f"--layer {layer} takes {need} shape(s) in --shapes, got {len(shapes)}")
    x = tuple(shapes[0])
    if layer == "conv2d":
        if len(x) != 4 or len(shapes[1]) != 4:
            raise ConfigError("conv2d shapes are x NxCxHxW and w FxCxHHxWW")
        case = layers.conv_case(x, tuple(shapes[1]), stride, pad)
    elif layer in ("maxpool", "avgpool"):
        if len(x) != 4:
            raise ConfigError("pooling shape is x NxCxHxW")
        case = layers.pool_case(x, tuple(pool or (2, 2)), stride if pool else 2,
                                "max" if layer == "maxpool" else "avg")
    elif layer == "affine":
        d = 1
        for n in x[1:]:
            d *= n
        if len(shapes[1]) != 2 or shapes[1][0] != d:
            raise ConfigError(f"affine w must be {d}xM for x {'x'.join(map(str, x))}")
        case = layers.affine_case(x, shapes[1][1])
    elif layer == "relu":
        case = layers.relu_case(x)
    elif layer in ("softmax-loss", "batchnorm"):
        if len(x) != 2:
            raise ConfigError(f"{layer} shape is x NxD")
        case = (layers.softmax_case if layer == "softmax-loss" else layers.batchnorm_case)(*x)
    else:
        raise ConfigError(f"unknown layer {layer!r}; known: {', '.join(layers.LAYERS)}")
    return [case] + (layers.default_cases(layer, True)[1:] if sweep else [])
