"""Wrong closed forms the all-sizes engine must refute: each is a built-in form with one
mistake a derivation commonly makes, applied to the operator tree (so the same mutation
serves the symbolic sizes and the per-size replay).

Example::

    >>> from symbp.allsizes.verify import check
    >>> check(MUTANTS["rot180 dropped"]).verdict
    'refuted'
"""
from __future__ import annotations

from dataclasses import replace

from ..layers import conv
from ..layers.conv import Conv2d
from ..core.ops import Correlate, Dilate, Hadamard, Pad, Rot180, SwapIO, WeightCorrelate
from ..layers.pooling import UpsampleAvg
from .verify import SPECS, Options, Spec


def _map(op, build):
    """A transform replacing every ``op`` node by build(node)."""
    return lambda form: form.replace(lambda e: isinstance(e, op), build)


def _pad(f):
    return _map(Pad, lambda e: Pad(e.args[0], *f(*e.args[1:])))


#: name -> the mutant spec (a built-in spec with a transform); each is wrong for some size
MUTANTS: dict[str, Spec] = {
    "rot180 dropped": replace(SPECS["conv-input"], transform=_map(Rot180, lambda e: e.args[0])),
    "padding off by one": replace(SPECS["conv-input"],
                                  transform=_pad(lambda t, b, l, r: (t - 1, b + 1, l - 1, r + 1))),
    "K instead of K-1": replace(SPECS["conv-input"],
                                transform=_pad(lambda t, b, l, r: (t + 1, b + 1, l + 1, r + 1))),
    "r forgotten": replace(SPECS["conv-input"], transform=_pad(lambda t, b, l, r: (t, t, l, l))),
    "delta not dilated": replace(SPECS["conv-input"], transform=_map(
        Dilate, lambda e: e.args[0] if e.args[0] == conv.DELTA else e)),
    "stride and dilation swapped": replace(SPECS["conv-input"], swap_stride_dilation=True),
    "weight: delta not dilated": replace(SPECS["conv-weight"], transform=_map(
        Dilate, lambda e: e.args[0] if e.args[0] == conv.DELTA else e)),
    "founding document's delta * rot180(a)": replace(
        SPECS["conv-weight"], form=lambda L: Conv2d.seed_weight_form()),
    "avg divisor with the padding flag flipped": replace(SPECS["pool-avg"], transform=_map(
        UpsampleAvg, lambda e: UpsampleAvg(*e.args[:12], 1 - e.args[12], e.args[13]))),
    # δ^{l-1} through pooling without σ'(z^{l-1}): the upsample alone
    "pooling delta: sigma' dropped": replace(SPECS["pool-delta-avg"], transform=_map(
        Hadamard, lambda e: e.args[0])),
    "max pooling delta: sigma' dropped": replace(SPECS["pool-delta-max"], transform=_map(
        Hadamard, lambda e: e.args[0])),
    # global average pooling divided by the height only (the divisor override is H)
    "global average over one axis": replace(SPECS["pool-global-avg"], transform=_map(
        UpsampleAvg, lambda e: UpsampleAvg(*e.args[:13], e.args[1]))),
}


#: grouped-convolution mutants, each with the options (groups, channels) it is wrong at
GROUP_MUTANTS: dict[str, tuple[Spec, Options]] = {
    # the weight gradient correlates every input channel with every output channel
    "groups mixed in the weight gradient": (
        replace(SPECS["conv-weight"], transform=_map(
            WeightCorrelate, lambda e: WeightCorrelate(*e.args[:4], 1))),
        Options(stride=(2, 2), groups=2)),
    # the kernel's in/out channels not swapped within each group (right only when each
    # group has one channel each way)
    "kernel not transposed within groups": (
        replace(SPECS["conv-input"], transform=_map(SwapIO, lambda e: e.args[0])),
        Options(stride=(2, 2), groups=2, channels=(4, 4))),
    # the transposed kernel treated as ungrouped: every δ channel feeds every input channel
    "groups mixed in the input gradient": (
        replace(SPECS["conv-input"], transform=lambda form: _map(
            Correlate, lambda e: Correlate(*e.args[:6], 1))(
            _map(SwapIO, lambda e: SwapIO(e.args[0], 1))(form))),
        Options(stride=(1, 1), groups=2)),
}
