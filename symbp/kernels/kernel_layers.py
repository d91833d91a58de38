"""The layers the kernels are generated on: one :class:`KernelLayer` per layer, each row of
:data:`symbp.kernels.KERNELS` naming one.  What the kernels need of a layer is asked of it
here (build, configuration class, the CLI's Setup both ways), never by branching on its kind.

Example::

    >>> CONV2D.build(CONV2D.config.make(input=3, kernel=2)).kind
    'conv2d'
"""
from __future__ import annotations

from typing import Callable, NamedTuple

from ..core.geometry import ConfigError
from ..layers.conv import Conv2d, Conv2dConfig
from ..layers.conv1d import Conv1d, Conv1dConfig
from ..layers.conv_transpose import ConvTranspose2d, ConvTranspose2dConfig
from ..layers.pooling import Pool2d, Pool2dConfig


class KernelLayer(NamedTuple):
    """The layer a row of :data:`KERNELS` is generated on: ``build(config)`` makes it,
    ``config`` is the configuration class it takes, ``from_setup(setup)`` reads the CLI's size
    flags (:class:`symbp.claims.Setup`) into one and ``to_setup(config)`` is the inverse
    (the built-in claim a kernel's form comes from is proved at that Setup).  ``same_form``: the configuration's
    ``reduced()`` has the very same closed form (convolutions), not only the same operator
    (pooling, whose form carries the input size).  ``regions``: the form carries argmax region
    indicators (max pooling: no unrolled kernel, proof skipped past
    :data:`symbp.kernels.PROVE_MAX_POOL_CELLS`).  The configuration itself offers ``kernel_config()`` (the
    batch-1 configuration kernels are cached per) and ``reduced()``."""
    build: Callable
    config: type
    from_setup: Callable
    to_setup: Callable
    same_form: bool = True
    regions: bool = False


def _avg_from_setup(setup):
    if setup.dilation != (1, 1):
        raise ConfigError("avg pooling has no dilation")
    return setup.pool("avg")


def _setup(**sizes):
    from ..claims import Setup
    return Setup(**sizes)


def _conv_setup(c):
    return _setup(input=c.input, kernel=c.kernel, stride=c.stride, padding=c.padding,
                  dilation=c.dilation, channels=tuple(c.channels), groups=c.groups, batch=c.batch)


def _pool_setup(c):
    return _setup(input=c.input, kernel=c.kernel, stride=c.stride, padding=c.padding,
                  dilation=c.dilation, channels=(c.channels, c.channels), batch=c.batch,
                  ceil_mode=c.ceil_mode, count_include_pad=c.count_include_pad,
                  divisor_override=c.divisor_override)


def _conv_transpose_setup(c):
    return _setup(input=c.input, kernel=c.kernel, stride=c.stride, padding=c.padding,
                  dilation=c.dilation, channels=tuple(c.channels), groups=c.groups, batch=c.batch,
                  output_padding=c.output_padding)


def _conv1d_setup(c):
    return _setup(input=c.length, kernel=c.kernel, stride=c.stride, padding=c.padding,
                  dilation=c.dilation, channels=tuple(c.channels), groups=c.groups, batch=c.batch)


CONV2D = KernelLayer(Conv2d, Conv2dConfig, lambda setup: setup.conv(), _conv_setup)
AVG_POOL2D = KernelLayer(lambda cfg: Pool2d(cfg, "avg"), Pool2dConfig, _avg_from_setup,
                         _pool_setup, False)
MAX_POOL2D = KernelLayer(lambda cfg: Pool2d(cfg, "max"), Pool2dConfig,
                         lambda setup: setup.pool("max"), _pool_setup, False, True)
CONV_TRANSPOSE2D = KernelLayer(ConvTranspose2d, ConvTranspose2dConfig,
                               ConvTranspose2dConfig.from_setup, _conv_transpose_setup)
CONV1D = KernelLayer(Conv1d, Conv1dConfig, Conv1dConfig.from_setup, _conv1d_setup)
