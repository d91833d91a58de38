"""Wrong closed forms the all-sizes engine must refute: each is a built-in form with one
mistake a derivation commonly makes, applied to the operator tree (so the same mutation
serves the symbolic sizes and the per-size replay).

Example::

    >>> [check(m, Options(stride=(2, 2))).verdict for m in MUTANTS.values()][:1]
    ['refuted']
"""
from __future__ import annotations

from dataclasses import replace

from ..layers import conv
from ..layers.conv import Conv2d
from ..core.ops import Dilate, Pad, Rot180
from ..layers.pooling import UpsampleAvg
from .verify import SPECS, Spec


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
}
