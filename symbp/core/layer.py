"""The layer protocol: the same names for the same things on every layer.

Every layer symbp derives (conv2d, pooling, fully connected, softmax with cross-entropy,
and the layers added through this protocol: conv_transpose2d, conv1d) offers

* ``kind``: its name in directives and built-in names (``"conv2d"``, ``"maxpool"``, ...);
* ``cfg``: its sizes (a frozen dataclass with ``describe()`` and
  ``from_directive(settings, read, kind)``: the config a ``symbp:`` directive's settings
  ask for, read with a :class:`SettingReader`, validated; :class:`MissingSetting` when a
  size the layer needs is absent);
* ``env``: tensor placeholder -> object array of symbols (what closed forms evaluate in);
* ``forward_form(x)``: the forward definition as an operator expression of the input ``x``;
* ``gradients``: the chain rule's results by what they are taken with respect to,
  keys among :data:`GRADIENT_KEYS` (``"a"``, ``"W"``, ``"b"``; softmax: ``"z"``);
* ``derived_delta``: δ^{l-1} = ∂J/∂z^{l-1} through a^{l-1} = σ(z^{l-1}), by the chain rule
  (``None`` where the layer is not preceded by an activation, e.g. softmax);
* ``closed_forms()``: the closed forms symbp proves for those quantities, same keys,
  plus ``"delta"`` for δ^{l-1};
* ``kernels``: key -> the name of the numpy kernel in :data:`symbp.kernels.KERNELS`
  generated from that closed form (empty where none is generated);
* ``cfg.size_counts()``: a :class:`SizeCounts` (entries per tensor, forward terms) that
  ``symbp check`` caps; layers with kernels also give ``cfg.kernel_config()`` (batch 1) and
  ``cfg.reduced()`` (a small configuration with the same closed form, proved on generation);
* ``proof_prose()``: a :class:`ProofProse` for the layers ``symbp prove`` expands
  (conv2d, pooling, conv_transpose2d, conv1d), ``None`` for the others;
* ``pooling_mode``: ``"avg"`` or ``"max"`` for a pooling layer, ``None`` otherwise (what
  ``upsample`` defaults to, whether a lone matrix or ``1[x = max]`` can be read);
* ``cfg.softmax_equations``, ``cfg.defines_sigma`` (class attributes of every config):
  ``symbp check`` reads a section's equations as softmax equations, or as σ'(z) of the
  config itself (an activation), instead of as the layer's claims;
* ``pad_widths(subscript)``, ``dilate_factors(subscript)``: what a document's ``pad_{...}`` and
  ``dilate_{...}`` subscripts mean on the layer's tensors (:func:`plane_pad_widths` on 2-d
  planes; a 1-d layer's act on the length only, :func:`length_pad_widths`);
* :class:`LayerDefaults` (a base class) gives the usual answers to the last three;
* ``column_vectors``: documents write the layer's vectors as columns (fully connected);
  ``weight_grad_operands`` (convolutions): ∂J/∂W's ``*`` operands in document order.

A built-in claim is then one row: the gradient the chain rule gives next to the closed
form, both looked up by the same key (:func:`symbp.claims.layer_claim`).

Example::

    >>> from symbp.layers.conv import Conv2d, Conv2dConfig
    >>> layer = Conv2d(Conv2dConfig.make(input=3, kernel=2))
    >>> sorted(layer.closed_forms())
    ['W', 'a', 'b', 'delta']
    >>> layer.gradients["a"].shape
    (1, 1, 3, 3)
"""
from __future__ import annotations

from typing import Any, NamedTuple, Protocol, runtime_checkable

import numpy as np
import sympy as sp

#: what a gradient is taken with respect to: the input a, the weight W, the bias b
GRADIENT_KEYS = ("a", "W", "b")

#: the LaTeX left-hand side and the plain-text name of each key's quantity
LHS = {"a": r"\frac{\partial J}{\partial a}", "W": r"\frac{\partial J}{\partial W}",
       "b": r"\frac{\partial J}{\partial b}", "z": r"\frac{\partial J}{\partial z}",
       "delta": r"\delta^{l-1}"}
WHAT = {"a": "∂J/∂a", "W": "∂J/∂W", "b": "∂J/∂b", "z": "∂J/∂z", "delta": "δ^{l-1}"}


class Gradients(dict):
    """Gradients by key (``"a"``, ``"W"``, ``"b"``); ``"w"`` is read as ``"W"`` for old callers."""

    def __missing__(self, key):
        if key == "w" and "W" in self:
            return self["W"]
        raise KeyError(key)


@runtime_checkable
class Layer(Protocol):
    """What every layer offers (see the module docstring)."""

    kind: str
    cfg: Any
    env: dict

    def forward_form(self, x: sp.Expr = ...) -> sp.Expr: ...

    @property
    def gradients(self) -> dict[str, np.ndarray]: ...

    @property
    def derived_delta(self) -> np.ndarray | None: ...

    def closed_forms(self) -> dict[str, sp.Expr]: ...

    kernels: dict[str, str]
    pooling_mode: str | None

    def proof_prose(self) -> "ProofProse | None": ...

    def pad_widths(self, subscript: tuple[int, ...]) -> tuple[int, int, int, int]: ...

    def dilate_factors(self, subscript: tuple[int, ...]) -> tuple[int, int]: ...


class SizeCounts(NamedTuple):
    """How big a layer's symbolic tensors and forward are, before anything is built (what
    ``symbp check`` caps): entries per tensor (``{"a": ..., "W": ..., "δ": ...}``, in the
    order errors name them) and the product terms of the forward.

    Example: a 3x3 conv2d with a 2x2 kernel gives
    ``SizeCounts({"a": 9, "W": 4, "δ": 4}, 16)``.
    """
    tensors: dict[str, int]
    terms: int


class ProofProse(NamedTuple):
    r"""What ``symbp prove``'s document says about a layer, in LaTeX (``layer.proof_prose()``),
    so the proof writer never branches on the layer's kind.

    setup: the setup paragraph after "Setup." (sizes, what ``*`` means); formula: the display
    formula of an entry of z; after_formula: prose after it (max pooling's tie rule);
    forward_max_windows: list the forward entries as the max of their windows (shown, not
    re-checked); matrices: show the forward as one matrix equation when a and W are single
    planes; conclusion_note: added to what "equal" means in the conclusion.

    Example: ``Pool2d(cfg, "avg").proof_prose().formula`` is
    ``r"z_{ij} = \frac{1}{|R_{ij}|} \sum_{(u,v) \in R_{ij}} a_{uv}"``.
    """
    setup: str
    formula: str
    after_formula: str = ""
    forward_max_windows: bool = False
    matrices: bool = False
    conclusion_note: str = ""


def plane_pad_widths(widths: tuple[int, ...]) -> tuple[int, int, int, int]:
    """What a document's ``pad_{...}`` subscript means on (H, W) planes: ``(p,)`` pads every
    side, ``(ph, pw)`` the height and the width, ``(t, b, l, r)`` each side.

    Example: ``plane_pad_widths((1,)) == (1, 1, 1, 1)``,
    ``plane_pad_widths((1, 2)) == (1, 1, 2, 2)``.
    """
    if len(widths) == 1:
        return widths * 4
    if len(widths) == 2:
        return widths[0], widths[0], widths[1], widths[1]
    return tuple(widths)


def plane_dilation(factors: tuple[int, ...]) -> tuple[int, int]:
    """What a document's ``dilate_{...}`` subscript means on (H, W) planes: ``(s,)`` both
    axes, ``(sh, sw)`` each. Example: ``plane_dilation((2,)) == (2, 2)``."""
    return factors[0], factors[-1]


def length_pad_widths(widths: tuple[int, ...]) -> tuple[int, int, int, int]:
    """``pad_{...}`` on a 1-d layer's tensors (height 1, the length is the width): ``(p,)``
    pads both ends of the length, ``(before, after)`` each end, ``(t, b, l, r)`` as on planes.

    Example: ``length_pad_widths((2,)) == (0, 0, 2, 2)``,
    ``length_pad_widths((1, 3)) == (0, 0, 1, 3)``.
    """
    if len(widths) == 1:
        return 0, 0, widths[0], widths[0]
    if len(widths) == 2:
        return 0, 0, widths[0], widths[1]
    return tuple(widths)


def length_dilation(factors: tuple[int, ...]) -> tuple[int, int]:
    """``dilate_{s}`` on a 1-d layer's tensors: along the length only (``(sh, sw)`` as on
    planes). Example: ``length_dilation((2,)) == (1, 2)``."""
    return (1, factors[0]) if len(factors) == 1 else (factors[0], factors[-1])


class LayerDefaults:
    """The protocol's answers most layers share (a base class): not a pooling layer
    (``pooling_mode`` None), documents' ``pad_{...}``/``dilate_{...}`` on (H, W) planes, and
    no :class:`ProofProse` (``symbp prove`` writes the claims its own way or gives the verdict)."""
    pooling_mode: str | None = None
    pad_widths = staticmethod(plane_pad_widths)
    dilate_factors = staticmethod(plane_dilation)

    def proof_prose(self) -> "ProofProse | None":
        return None


class MissingSetting(Exception):
    """A directive lacks a setting its layer needs; the message says which and how to add it
    (``symbp check`` leaves that section's equations unchecked with it)."""


class SettingReader(Protocol):
    """How ``from_directive`` reads one directive setting (``symbp.check.docsetup`` parses the
    document's spellings; a bad value raises ``ValueError`` naming the key).

    Example: for ``input=3x4 stride=2 bias=no``, ``read.pair("input", 0) == (3, 4)``,
    ``read.pair("padding", 0) == (0, 0)``, ``read.count("batch", 1) == 1``,
    ``read.flag("bias", 1) is False``.
    """

    def pair(self, key: str, default) -> tuple[int, int]: ...

    def count(self, key: str, default) -> int: ...

    def flag(self, key: str, default) -> bool: ...
