"""Pooling layers: forward definitions and their documented backward closed forms.

Average pooling's forward is the window mean; its backward *upsample* spreads each
δ entry, divided by the window's divisor, over the window.  Max pooling's forward
is the window maximum, with PyTorch's tie rule (the first maximum in row-major
order wins); its backward routes each δ entry to the argmax, accumulating where
overlapping windows pick the same cell.

The max forward is written as a Piecewise over the argmax regions, so the chain
rule differentiates it region by region; :mod:`symbp.core.regions` turns those regions
into indicator symbols and the proof covers every argmax pattern at once.
"""
from __future__ import annotations

from functools import cached_property

import numpy as np
import sympy as sp

from ..core import chain, geometry
from ..allsizes import relation as rel, windows as rel_windows
from ..core.geometry import ConfigError
from ..core.geometry import pair_text
from ..core.layer import Gradients, LayerDefaults, ProofProse
from ..core.printing import shape_tex
from ..core.ops import Hadamard, ShapeError, Sigma, SigmaPrime, Spelling, TensorOp, code_tuple, entrywise_map, \
    evaluate
from ..core.regions import first_max_condition, last_max_condition, max_as_regions, region_symbol
from ..core.proof import evaluate_at
from ..core.tensor import A, DELTA, ZPREV, from_numbers, product, shape_text, symbolic, total


from .pooling_config import Pool2dConfig  # noqa: F401  (symbp.layers.pooling.Pool2dConfig)

# upsample(δ) in documents, for both upsamples: the reader picks average or max from a
# subscript (upsample_{avg}, upsample_{max}) or else from the section's layer.
UPSAMPLE_SPELLING = Spelling("upsample", words=("upsample", "unsample", "up sample"),
                             bare=("upsample", "unsample"))


def _divisor(cfg: Pool2dConfig, window: geometry.Window) -> int:
    """avg_pool2d's divisor for one window (divisor_override, count_include_pad)."""
    if cfg.divisor_override:
        return cfg.divisor_override
    return window.padded_count if cfg.count_include_pad else len(window.cells)


def _same_input(x: np.ndarray, cfg: Pool2dConfig) -> None:
    """The pooling's windows cover exactly cfg.input: any other size is undefined (no entry
    of a larger x may be silently left out)."""
    if x.ndim != 4 or x.shape[-2:] != cfg.input:
        raise ShapeError(f"the pooling is set up for a {cfg.input[0]}x{cfg.input[1]} input, "
                         f"not a {shape_text(x.shape)} one")


def _each_plane(x: np.ndarray, out_hw, fill):
    out = np.empty(x.shape[:2] + tuple(out_hw), dtype=object)
    for n in range(x.shape[0]):
        for c in range(x.shape[1]):
            fill(x[n, c], out[n, c])
    return out


# --------------------------------------------------------------------------- average

class AvgPool(TensorOp):
    """avgpool(x, *params): the mean of each window (PyTorch's avg_pool2d)."""

    numpy_name = "avg_pool2d"

    def numpy_params(self):
        c = Pool2dConfig.from_params(self.params[:13])
        return [code_tuple(c.kernel), code_tuple(c.stride), code_tuple(c.padding), str(c.ceil_mode),
                str(c.count_include_pad), str(c.divisor_override)]

    def text(self, args):
        return f"avgpool({args[0]})"

    def entrywise(self, x):
        cfg = Pool2dConfig.from_params(self.params)
        _same_input(x, cfg)
        windows = cfg.windows(dilated=False)

        def fill(plane, out):
            for win in windows:
                out[win.out] = total(plane[c] for c in win.cells) / _divisor(cfg, win)
        return _each_plane(x, cfg.output, fill)

    def index_relation(self, ctx, x):
        """out[n,c,o] = Σ_t x[n,c,cell(o,t)] / divisor(o), cells inside the input."""
        axes, flags = rel_windows.pool_axes(self, ctx, 1)
        shape = tuple(x.shape[:2]) + (axes[0].out, axes[1].out)

        def entry(idx):
            n, c, oh, ow = idx
            cells, offsets = (rel.fresh("h"), rel.fresh("w")), (rel.fresh("t"), rel.fresh("t"))
            member = rel_windows.window_member(axes, cells, (oh, ow), offsets) + \
                rel.in_range(idx, shape)
            return [t.where(*member, *cond, exists=cells + offsets)
                    .times(rel.Term((), (), (("1/", den),)))
                    for cond, den in rel_windows.divisors(axes, (oh, ow), flags)
                    for t in x.entry((n, c) + cells)]
        return rel.View(shape, entry, f"avgpool({x.label})")

    def _latex(self, printer):
        return rf"\operatorname{{avgpool}}\left({printer._print(self.args[0])}\right)"


class UpsampleAvg(TensorOp):
    """upsample_avg(δ, *params): each δ entry / divisor, spread over its window."""

    numpy_name = "avg_pool2d_scatter"
    spellings = UPSAMPLE_SPELLING

    def numpy_params(self):
        c = Pool2dConfig.from_params(self.params[:13])
        return [code_tuple(c.input)] + AvgPool.numpy_params(self)

    def text(self, args):
        return f"upsample_avg({args[0]})"

    def entrywise(self, g):
        cfg = Pool2dConfig.from_params(self.params)
        if cfg.dilation != (1, 1):
            raise ShapeError(f"upsample_avg is undefined for a dilated window (dilation "
                             f"{cfg.dilation[0]},{cfg.dilation[1]}): average pooling has none")
        windows = cfg.windows(dilated=False)
        if g.shape[-2:] != cfg.output:
            raise ConfigError(f"δ is {g.shape[-2]}x{g.shape[-1]} but the pooling output is "
                              f"{cfg.output[0]}x{cfg.output[1]}")

        def fill(plane, out):
            parts = {}
            for win in windows:
                share = plane[win.out] / _divisor(cfg, win)
                for c in win.cells:
                    parts.setdefault(c, []).append(share)
            for index in np.ndindex(*out.shape):
                out[index] = total(parts.get(index, ()))
        return _each_plane(g, cfg.input, fill)

    def index_relation(self, ctx, g):
        """out[n,c,x] = Σ over windows o with cell(o,t) = x of g[n,c,o] / divisor(o)."""
        axes, flags = rel_windows.pool_axes(self, ctx, 1)
        rel_windows.require_output_shape(ctx, self, g, axes)
        shape = tuple(g.shape[:2]) + (axes[0].size, axes[1].size)

        def entry(idx):
            n, c = idx[:2]
            outs, offsets, member = rel_windows.covering_window(axes, idx, shape)
            return [t.where(*member, *cond, exists=outs + offsets)
                    .times(rel.Term((), (), (("1/", den),)))
                    for cond, den in rel_windows.divisors(axes, outs, flags)
                    for t in g.entry((n, c) + outs)]
        return rel.View(shape, entry, f"upsample_avg({g.label})")

    def _latex(self, printer):
        return rf"\operatorname{{upsample}}_{{\mathrm{{avg}}}}\left({printer._print(self.args[0])}\right)"


# --------------------------------------------------------------------------- max

class MaxPool(TensorOp):
    """maxpool(x, *params): each window's maximum, as a Piecewise over argmax regions.

    Branch p holds where cell p is the first maximum in row-major order (PyTorch's
    tie rule); the last branch is the remaining region.
    """

    numpy_name = "max_pool2d"

    def numpy_params(self):
        c = Pool2dConfig.from_params(self.params[:13])
        return [code_tuple(c.kernel), code_tuple(c.stride), code_tuple(c.padding),
                code_tuple(c.dilation), str(c.ceil_mode)]

    def _numpycode(self, printer):   # the primitive returns (values, indices)
        return super()._numpycode(printer) + "[0]"

    def text(self, args):
        return f"maxpool({args[0]})"

    def entrywise(self, x):
        cfg = Pool2dConfig.from_params(self.params)
        _same_input(x, cfg)
        windows = cfg.windows()

        def fill(plane, out):
            for win in windows:
                cells = tuple(plane[c] for c in win.cells)
                branches = [(cells[p], first_max_condition(cells, p)) for p in range(len(cells) - 1)]
                out[win.out] = sp.Piecewise(*branches, (cells[-1], True), evaluate=False) \
                    if branches else cells[0]
        return _each_plane(x, cfg.output, fill)

    def index_relation(self, ctx, x):
        """out[n,c,o] = Σ_t [t is window o's first maximum] x[n,c,cell(o,t)].

        The indicator is the factor ``argmax_first[x]`` indexed by (n, c, o, t): which
        cell it selects (the tie rule) is proved per size, not here.
        """
        axes, _ = rel_windows.pool_axes(self, ctx, 1)
        shape = tuple(x.shape[:2]) + (axes[0].out, axes[1].out)

        def entry(idx):
            n, c, oh, ow = idx
            cells, offsets = (rel.fresh("h"), rel.fresh("w")), (rel.fresh("t"), rel.fresh("t"))
            member = rel_windows.window_member(axes, cells, (oh, ow), offsets) + \
                rel.in_range(idx, shape)
            pick = rel.Term((), (), ((f"argmax_first[{x.label}]", (n, c, oh, ow) + offsets),))
            return [t.times(pick).where(*member, exists=cells + offsets)
                    for t in x.entry((n, c) + cells)]
        return rel.View(shape, entry, f"maxpool({x.label})")

    def _latex(self, printer):
        return rf"\operatorname{{maxpool}}\left({printer._print(self.args[0])}\right)"


_TIE_RULES = {0: first_max_condition, 1: last_max_condition}


class UpsampleMax(TensorOp):
    """upsample_max(δ, x, *params, tie): each δ entry routed to its window's argmax.

    ``x`` is the pooling input that decides the argmax; tie 0 is PyTorch's rule
    (first maximum), tie 1 the last maximum (a rule PyTorch does not use).
    """

    numpy_name = "max_pool2d_scatter"
    spellings = UPSAMPLE_SPELLING

    def numpy_params(self):
        tie = ("first", "last")[self.params[-1]]
        return MaxPool.numpy_params(self) + [f"tie={tie!r}"]

    n_tensors = 2

    def text(self, args):
        return f"upsample_max({args[0]}; {args[1]})"

    def entrywise(self, g, x):
        *params, tie = self.params
        cfg = Pool2dConfig.from_params(tuple(params))
        _same_input(x, cfg)
        if g.shape[:-2] != x.shape[:-2] or g.shape[-2:] != cfg.output:
            raise ShapeError(f"δ is {shape_text(g.shape)} but the pooling of the "
                             f"{shape_text(x.shape)} input gives {shape_text(x.shape[:-2] + cfg.output)}")
        rule = _TIE_RULES[tie]
        windows = cfg.windows()
        out = np.empty(x.shape, dtype=object)
        for n in range(x.shape[0]):
            for c in range(x.shape[1]):
                parts: dict = {}
                for win in windows:
                    cells = tuple(x[n, c][cell] for cell in win.cells)
                    for p, cell in enumerate(win.cells):
                        routed = g[n, c][win.out] if len(cells) == 1 else \
                            product(g[n, c][win.out], region_symbol(cells, rule(cells, p)))
                        parts.setdefault(cell, []).append(routed)
                for index in np.ndindex(*x.shape[2:]):
                    out[n, c][index] = total(parts.get(index, ()))
        return out

    def index_relation(self, ctx, g, x):
        """out[n,c,y] = Σ over windows o with cell(o,t) = y of g[n,c,o] [t is o's argmax].

        The argmax indicator is the factor ``argmax_first[x]`` (tie 0) or
        ``argmax_last[x]`` (tie 1), indexed by (n, c, o, t).
        """
        axes, _ = rel_windows.pool_axes(self, ctx, 2)
        tie = ("first", "last")[int(self.args[-1])]
        rel_windows.require_output_shape(ctx, self, g, axes)
        shape = tuple(x.shape[:2]) + (axes[0].size, axes[1].size)

        def entry(idx):
            n, c = idx[:2]
            outs, offsets, member = rel_windows.covering_window(axes, idx, shape)
            pick = rel.Term((), (), ((f"argmax_{tie}[{x.label}]", (n, c) + outs + offsets),))
            return [t.times(pick).where(*member, exists=outs + offsets)
                    for t in g.entry((n, c) + outs)]
        return rel.View(shape, entry, f"upsample_max({g.label})")

    def _latex(self, printer):
        return (rf"\operatorname{{upsample}}_{{\max}}\left({printer._print(self.args[0])}; "
                rf"{printer._print(self.args[1])}\right)")


# --------------------------------------------------------------------------- layers

class Pool2d(LayerDefaults):
    """A symbolic pooling layer (``mode`` 'avg' or 'max') and its backward closed forms.

    Implements :class:`symbp.core.layer.Layer` (no weights: ``gradients`` has only ``"a"``).
    Example::

        >>> layer = Pool2d(Pool2dConfig.make(input=4, kernel=2), "avg")
        >>> layer.kind, layer.gradients["a"].shape
        ('avgpool', (1, 1, 4, 4))
    """

    def __init__(self, cfg: Pool2dConfig, mode: str = "avg"):
        if mode not in ("avg", "max"):
            raise ConfigError(f"unknown pooling mode {mode!r}")
        if mode == "avg" and cfg.dilation != (1, 1):
            raise ConfigError(f"avg_pool2d has no dilation, got dilation "
                              f"{cfg.dilation[0]},{cfg.dilation[1]}")
        self.cfg, self.mode = cfg, mode
        self.kind = f"{mode}pool"
        self.pooling_mode = mode
        self.column_vectors = False
        #: the numpy kernel (symbp.kernels.KERNELS) generated from the closed form, by key
        self.kernels = {"a": f"{mode}_pool2d_backward"}
        shape = (cfg.batch, cfg.channels)
        self.a = symbolic("a", shape + cfg.input)
        self.delta = symbolic("delta", shape + cfg.output)
        self.zprev = symbolic("z", shape + cfg.input, sup="l-1")
        self.env = {A: self.a, DELTA: self.delta, ZPREV: self.zprev}

    def forward_form(self, x=A) -> sp.Expr:
        op = AvgPool if self.mode == "avg" else MaxPool
        return op(x, *self.cfg.params())

    def forward(self, x=A) -> np.ndarray:
        """Forward entries; a max Piecewise is rewritten over its argmax regions."""
        empty = [w.out for w in self.cfg.windows() if not w.cells]
        if empty:   # PyTorch returns -inf there; no derivative exists to prove
            i, j = empty[0]
            raise ConfigError(f"pooling window ({i + 1},{j + 1}) lies entirely in the padding "
                              f"(dilation {self.cfg.dilation[0]},{self.cfg.dilation[1]}): its "
                              f"max and gradient are undefined")
        z = evaluate(self.forward_form(x), self.env)
        if self.mode == "max":
            z = entrywise_map(lambda e: max_as_regions(e) if isinstance(e, sp.Piecewise) else e, z)
        return z

    @cached_property
    def z(self) -> np.ndarray:
        return self.forward()

    def derive(self, z: np.ndarray, wrt: np.ndarray) -> np.ndarray:
        """∂J/∂wrt by the chain rule (indicators are constant inside their regions)."""
        return chain.derive(z, self.delta, [wrt])[0]

    @cached_property
    def input_grad(self) -> np.ndarray:
        """∂J/∂a by the chain rule through the pooling forward."""
        return self.derive(self.z, self.a)

    def input_grad_at(self, delta_values, a_values=None) -> np.ndarray:
        """∂J/∂a for a numeric δ (H_out x W_out lists); max pooling also needs the input a.

        The derivation is the same chain rule; the numbers are substituted into δ
        before differentiating, and into a's region indicators afterwards.
        """
        delta = from_numbers(delta_values).reshape(self.delta.shape)
        grad = chain.derive(self.z, delta, [self.a])[0]
        if a_values is None:
            if self.mode == "max":
                raise ConfigError("max pooling needs the input a to route δ to the argmax")
            return grad
        values = dict(zip(self.a.ravel(), from_numbers(a_values).ravel()))
        return entrywise_map(lambda e: evaluate_at(e, values), grad)

    @property
    def gradients(self) -> dict[str, np.ndarray]:
        """The chain rule's ∂J/∂a under the protocol's name (a pooling layer has no W, b)."""
        return Gradients(a=self.input_grad)

    @cached_property
    def delta_prev(self) -> np.ndarray:
        """∂J/∂z^{l-1} through a^{l-1} = σ(z^{l-1}) and the pooling."""
        return self.derive(self.forward(Sigma(ZPREV)), self.zprev)

    @property
    def derived_delta(self) -> np.ndarray:
        """δ^{l-1} under the protocol's name (:attr:`delta_prev`)."""
        return self.delta_prev

    def closed_forms(self) -> dict[str, sp.Expr]:
        """The proved closed forms by key: a (the upsample) and delta (δ^{l-1})."""
        return {"a": self.upsample_form(), "delta": self.delta_form()}

    def proof_prose(self) -> ProofProse:
        """What ``symbp prove``'s document says about this layer (core.layer.ProofProse)."""
        c, out = self.cfg, shape_tex(self.delta.shape)
        setup = (
            f"A 2-D {'mean' if self.mode == 'avg' else 'maximum'} pooling "
            f"layer maps its input $a$ (${shape_tex(c.input)}$) to $z$ with a "
            f"${shape_tex(c.kernel)}$ window, stride ${pair_text(c.stride)}$ and padding "
            f"${pair_text(c.padding)}$, so $z$ and the upstream gradient $\\delta = \\partial J / "
            f"\\partial z$ are ${out}$. With $R_{{ij}}$ the input cells of window $(i,j)$:")
        if self.mode == "avg":
            return ProofProse(setup, r"z_{ij} = \frac{1}{|R_{ij}|} \sum_{(u,v) \in R_{ij}} a_{uv}")
        return ProofProse(
            setup, r"z_{ij} = \max_{(u,v) \in R_{ij}} a_{uv} = \sum_{(u,v) \in R_{ij}}"
                   r" \mathbb{1}\left[a_{uv} = \operatorname{max}\right] a_{uv}",
            after_formula=(
                "where $\\mathbb{1}[a_{uv} = \\operatorname{max}]$ is 1 when $a_{uv}$ is the first "
                "maximum of its window in row-major order (PyTorch's tie rule) and 0 otherwise. "
                "The indicators are constant inside each argmax region, so the chain rule "
                "differentiates $z$ as the sum on the right."),
            forward_max_windows=True,
            conclusion_note=("; the polynomials are in $\\delta$ and the region indicators, so "
                             "the identity holds in every argmax region, ties included"))

    def document_forms(self) -> dict[str, sp.Expr]:
        """The closed forms as ``symbp check`` reports them, with the forward ("z")."""
        z = self.forward_form()
        return {**self.closed_forms(), "z": z, "z_nobias": z}

    def upsample_form(self, x=A, tie: int = 0) -> sp.Expr:
        """The documented backward: average spreads, max routes to the argmax."""
        if self.mode == "avg":
            return UpsampleAvg(DELTA, *self.cfg.params())
        return UpsampleMax(DELTA, x, *self.cfg.params(), tie)

    def delta_form(self) -> sp.Expr:
        """δ^{l-1} = upsample(δ^l) ⊙ σ'(z^{l-1})."""
        return Hadamard(self.upsample_form(Sigma(ZPREV)), SigmaPrime(ZPREV))
