"""The operators that forward definitions and closed forms are written with.

Each operator is a SymPy function over *tensor placeholders* (plain symbols such as
``delta`` or ``W``) and integer parameters, so a closed form like
``Correlate(Pad(delta, 1, 1, 1, 1), Rot180(W))`` is one SymPy expression that

* prints as the LaTeX a document uses (``\\operatorname{pad}_{1}(\\delta) * \\operatorname{rot180}(W)``),
* expands entry by entry (:func:`evaluate`) into the object arrays the proof compares,
* prints to vectorised numpy calls under ``sympy.lambdify`` (see :mod:`symbp.kernels`).

``*`` is cross-correlation, as in the founding document and in ``torch.nn.functional.conv2d``.
All tensors are 4-D (NCHW / OIHW); bias and channel sums are 1-D.
"""
from __future__ import annotations

import numpy as np
import sympy as sp

from . import geometry
from ..allsizes import relation as rel
from .op_base import (  # noqa: F401  (re-exported: the operators' shared base)
    ShapeError, Spelling, TensorOp, _pairsub, _tex, code_tuple, entrywise_map, evaluate)
from .arrays import dilate as dilate_array, pad as pad_array, rot180 as rot180_array, \
    swap_io as swap_io_array
from .tensor import ZERO, product, total


# --------------------------------------------------------------------------- operators

class Pad(TensorOp):
    """pad(x, top, bottom, left, right): zeros around the last two axes (negative crops)."""

    numpy_name = "pad"
    spellings = Spelling("pad", words=("pad",), bare=("pad",))

    def text(self, args):
        t, b, l, r = self.params
        return f"pad_{t if t == b == l == r else (t, b, l, r)}({args[0]})"

    def entrywise(self, x):
        t, b, l, r = self.params
        h, w = x.shape[-2] + t + b, x.shape[-1] + l + r
        if h < 0 or w < 0:          # undefined, as its index relation requires h, w >= 0
            raise ShapeError(f"pad ({t}, {b}, {l}, {r}) crops a {x.shape[-2]}x{x.shape[-1]} "
                             f"tensor to a negative size {h}x{w}")
        return pad_array(x, *self.params)

    def index_relation(self, ctx, x):
        """Entry (.., i, j) is x[.., i - top, j - left] where that lies inside x."""
        t, b, l, r = (ctx.lin(v) for v in self.args[1:])
        shape = x.shape[:-2] + (x.shape[-2] + t + b, x.shape[-1] + l + r)
        ctx.require(f"{self} crops to a negative size", rel.ge(shape[-2], 0), rel.ge(shape[-1], 0))

        def entry(idx):
            inner = tuple(idx[:-2]) + (idx[-2] - t, idx[-1] - l)
            return [term.where(*rel.in_range(idx, shape)) for term in x.entry(inner)]
        return rel.View(shape, entry, f"pad({x.label})")

    def _latex(self, printer):
        t, b, l, r = self.params
        sub = str(t) if t == b == l == r else f"({t},{b},{l},{r})"
        return rf"\operatorname{{pad}}_{{{sub}}}\left({_tex(printer, self.args[0])}\right)"


class Dilate(TensorOp):
    """dilate(x, sh, sw): s-1 zeros between entries of the last two axes."""

    numpy_name = "dilate"
    spellings = Spelling("dilate", words=("dilate",), bare=("dilate",))

    def text(self, args):
        return f"dilate_{_pairsub(*self.params)}({args[0]})"

    def entrywise(self, x):
        return dilate_array(x, *self.params)

    def index_relation(self, ctx, x):
        """Entry (.., i, j) is x[.., i/sh, j/sw] where sh | i and sw | j, else 0."""
        sh, sw = (ctx.lin(v) for v in self.args[1:])
        shape = x.shape[:-2] + (sh * (x.shape[-2] - 1) + 1, sw * (x.shape[-1] - 1) + 1)

        def entry(idx):
            u, v = rel.fresh("j"), rel.fresh("j")
            inner = tuple(idx[:-2]) + (u, v)
            return [term.where(rel.eq(idx[-2], sh * u), rel.eq(idx[-1], sw * v),
                               *rel.in_range(idx, shape), exists=(u, v))
                    for term in x.entry(inner)]
        return rel.View(shape, entry, f"dilate({x.label})")

    def _latex(self, printer):
        return (rf"\operatorname{{dilate}}_{{{_pairsub(*self.params)}}}"
                rf"\left({_tex(printer, self.args[0])}\right)")


class Rot180(TensorOp):
    """rot180(x): the last two axes rotated by 180 degrees."""

    numpy_name = "rot180"
    spellings = Spelling("rot", words=("rot", "wtl"), bare=("rot",), number="180")

    def entrywise(self, x):
        return rot180_array(x)

    def index_relation(self, ctx, x):
        """Entry (.., i, j) is x[.., H-1-i, W-1-j]."""
        h, w = x.shape[-2:]
        return rel.View(x.shape, lambda idx: x.entry(tuple(idx[:-2]) + (h - 1 - idx[-2],
                                                                        w - 1 - idx[-1])),
                        f"rot180({x.label})")

    def _latex(self, printer):
        return rf"\operatorname{{rot180}}\left({_tex(printer, self.args[0])}\right)"


class SwapIO(TensorOp):
    """swapio(w, groups): a kernel's in/out channels swapped within each group."""

    numpy_name = "swap_io"
    spellings = Spelling("transpose", superscripts=("\\top", "T", "\\intercal", "\\mathsf{T}"))

    def text(self, args):
        return f"{args[0]}^T"

    def entrywise(self, w):
        groups = self.params[0]
        if w.shape[0] % groups:
            raise ShapeError(f"{w.shape[0]} output channels are not divisible by groups {groups}")
        return swap_io_array(w, groups)

    def index_relation(self, ctx, w):
        """Entry (g Cg + c, o, p, q) is w[g Og + o, c, p, q] for group g (Og = O / groups).

        One term per group (the group count is a given int, so every index stays affine).
        """
        groups = rel.group_count(self.args[1])
        o, cg = w.shape[:2]
        og = rel.per_group(ctx, o, groups, f"{self}: {o} output channels")
        shape = (groups * cg, og) + tuple(w.shape[2:])

        def entry(idx):
            ci, oo = idx[:2]
            where = rel.in_range(idx[:2], shape[:2])
            return [t.where(*where, *(() if groups == 1 else
                                      (rel.ge(ci, k * cg), rel.lt(ci, (k + 1) * cg))))
                    for k in range(groups)
                    for t in w.entry((k * og + oo, ci - k * cg) + tuple(idx[2:]))]
        return rel.View(shape, entry, f"{w.label}^T")

    def _latex(self, printer):
        return rf"{{{_tex(printer, self.args[0])}}}^{{\top}}"


class Correlate(TensorOp):
    """correlate(x, w, sh, sw, dh, dw, groups): valid cross-correlation ``x * w``.

    x: (N, C, H, W); w: (O, C/groups, kh, kw) -> (N, O, Ho, Wo) with
    out[n,o,i,j] = sum_{c,p,q} x[n, g(o)C/G + c, i sh + p dh, j sw + q dw] w[o,c,p,q].
    """

    numpy_name = "correlate"
    spellings = Spelling("star", macros=("*", "\\ast"))   # until the roles are known

    def numpy_params(self):
        sh, sw, dh, dw, groups = self.params
        return [code_tuple((sh, sw)), code_tuple((dh, dw)), str(groups)]

    n_tensors = 2

    def _tags(self) -> list[str]:
        sh, sw, dh, dw, _ = self.params
        return ([f"s={_pairsub(sh, sw)}"] if (sh, sw) != (1, 1) else []) + \
            ([f"d={_pairsub(dh, dw)}"] if (dh, dw) != (1, 1) else [])

    def text(self, args):
        tags = self._tags()
        return f"{args[0]} *{'_' + ','.join(tags) if tags else ''} {args[1]}"

    def entrywise(self, x, w):
        sh, sw, dh, dw, groups = self.params
        n, c, h, wd = x.shape
        o, cg, kh, kw = w.shape
        if c != cg * groups or o % groups:
            raise ShapeError(f"kernel of shape {w.shape} does not fit {c} input channels "
                             f"with groups={groups}")
        ho = geometry.conv_output_size(h, kh, sh, 0, dh)
        wo = geometry.conv_output_size(wd, kw, sw, 0, dw)
        if ho < 1 or wo < 1:
            raise ShapeError(f"the {kh}x{kw} kernel (dilation {dh},{dw}) is larger than "
                             f"the {h}x{wd} input")
        per = o // groups
        out = np.empty((n, o, ho, wo), dtype=object)
        rows = x.tolist()        # nested lists index faster than numpy object scalars
        for oc in range(o):
            c0 = (oc // per) * cg
            taps = [(c0 + ci, p * dh, q * dw, w[oc, ci, p, q])
                    for ci in range(cg) for p in range(kh) for q in range(kw)
                    if w[oc, ci, p, q] is not ZERO]
            for b in range(n):
                planes = rows[b]
                for i in range(ho):
                    for j in range(wo):
                        cells = [(planes[ch][i * sh + dp][j * sw + dq], k)
                                 for ch, dp, dq, k in taps]
                        out[b, oc, i, j] = total([product(v, k) for v, k in cells
                                                  if v is not ZERO])
        return out

    def index_relation(self, ctx, x, w):
        """out[n,o,i,j] = Σ_{c,p,q} x[n, g Cg + c, i sh + p dh, j sw + q dw] w[o,c,p,q] with
        g = o // (O / groups) the group of output channel o (one term per group)."""
        sh, sw, dh, dw = (ctx.lin(v) for v in self.args[2:6])
        groups = rel.group_count(self.args[6])
        (n, c, h, wd), (o, cg, kh, kw) = x.shape, w.shape
        times = "" if groups == 1 else f" times groups {groups}"
        ctx.require(f"{self}: the kernel's {cg} input channels{times} differ from the "
                    f"input's {c}", rel.eq(c, groups * cg))
        per = rel.per_group(ctx, o, groups, f"{self}: {o} output channels")
        ho = ctx.quotient(h - dh * (kh - 1) - 1, sh) + 1
        wo = ctx.quotient(wd - dw * (kw - 1) - 1, sw) + 1
        ctx.require(f"{self}: the kernel is larger than the input", rel.ge(ho, 1), rel.ge(wo, 1))
        shape = (n, o, ho, wo)

        def entry(idx):
            b, oc, i, j = idx
            ci, p, q = rel.fresh("c"), rel.fresh("p"), rel.fresh("q")
            out = []
            for k in range(groups):
                where = () if groups == 1 else (rel.ge(oc, k * per), rel.lt(oc, (k + 1) * per))
                terms = rel.product_terms(
                    x.entry((b, k * cg + ci, i * sh + p * dh, j * sw + q * dw)),
                    w.entry((oc, ci, p, q)))
                out += [t.where(*where, *rel.in_range(idx, shape), exists=(ci, p, q))
                        for t in terms]
            return out
        return rel.View(shape, entry, f"({x.label} * {w.label})")

    def _latex(self, printer):
        tags = self._tags()
        op = f"*_{{{','.join(tags)}}}" if tags else "*"
        return f"{_tex(printer, self.args[0])} {op} {_tex(printer, self.args[1])}"


class WeightCorrelate(TensorOp):
    """weightcorr(x, g, dh, dw, groups): the weight gradient's correlation ``x * g``.

    x: (N, C, H, W) padded input; g: (N, O, Hg, Wg) stride-dilated δ -> (O, C/G, Kh, Kw)
    with out[o,c,p,q] = sum_{n,y,x} x[n, g(o)C/G + c, p dh + y, q dw + x] g[n,o,y,x], at
    every position where g fits: Kh = (H - Hg) // dh + 1 (likewise Kw).  Nothing is
    cropped: when the stride leaves r >= d unreached rows this is larger than the layer's
    kernel, and the closed form says so with :class:`Crop`.
    """

    numpy_name = "weight_correlate"

    def numpy_params(self):   # None: no crop (Crop prints its own call)
        dh, dw, groups = self.params
        return ["None", code_tuple((dh, dw)), str(groups)]

    n_tensors = 2

    def text(self, args):
        return f"{args[0]} * {args[1]}"

    def entrywise(self, x, g):
        dh, dw, groups = self.params
        n, c, h, wd = x.shape
        ng, o, hg, wg = g.shape
        if ng != n:
            raise ShapeError(f"batch of δ ({ng}) differs from the input's ({n})")
        if hg > h or wg > wd:
            raise ShapeError(f"the {hg}x{wg} δ is larger than the {h}x{wd} input")
        if c % groups or o % groups:
            raise ShapeError(f"{c} input and {o} output channels do not split into "
                             f"groups={groups}")
        kh, kw = (h - hg) // dh + 1, (wd - wg) // dw + 1
        cg, per = c // groups, o // groups
        out = np.empty((o, cg, kh, kw), dtype=object)
        for oc in range(o):
            taps = [(b, y, xx, g[b, oc, y, xx]) for b in range(n) for y in range(hg)
                    for xx in range(wg) if g[b, oc, y, xx] is not ZERO]
            c0 = (oc // per) * cg
            for ci in range(cg):
                for p in range(kh):
                    for q in range(kw):
                        out[oc, ci, p, q] = total([
                            product(x[b, c0 + ci, p * dh + y, q * dw + xx], v) for b, y, xx, v in taps
                            if x[b, c0 + ci, p * dh + y, q * dw + xx] is not ZERO])
        return out

    def index_relation(self, ctx, x, g):
        """out[o,c,p,q] = Σ_{n,y,x} x[n, g Cg + c, p dh + y, q dw + x] g[n,o,y,x] at every
        step, g the group of output channel o (one term per group).

        The correlation as printed (``x * g`` stepping by the dilation): its size is
        floor((H - Hg)/dh) + 1, which exceeds kh when the stride remainder r >= dh (as
        ``entrywise`` computes it; the closed form then says :class:`Crop`).
        """
        dh, dw = (ctx.lin(v) for v in self.args[2:4])
        groups = rel.group_count(self.args[4])
        (n, c, h, wd), (ng, o, hg, wg) = x.shape, g.shape
        ctx.require(f"{self}: the batch of δ differs from the input's", rel.eq(n, ng))
        ctx.require(f"{self}: δ does not fit in the input", rel.ge(h, hg), rel.ge(wd, wg))
        cg = rel.per_group(ctx, c, groups, f"{self}: {c} input channels")
        per = rel.per_group(ctx, o, groups, f"{self}: {o} output channels")
        shape = (o, cg, ctx.quotient(h - hg, dh) + 1, ctx.quotient(wd - wg, dw) + 1)

        def entry(idx):
            oc, ci, p, q = idx
            b, y, xx = rel.fresh("n"), rel.fresh("y"), rel.fresh("x")
            out = []
            for k in range(groups):
                where = () if groups == 1 else (rel.ge(oc, k * per), rel.lt(oc, (k + 1) * per))
                terms = rel.product_terms(x.entry((b, k * cg + ci, p * dh + y, q * dw + xx)),
                                          g.entry((b, oc, y, xx)))
                out += [t.where(*where, *rel.in_range(idx, shape), exists=(b, y, xx))
                        for t in terms]
            return out
        return rel.View(shape, entry, f"({x.label} * {g.label})")

    def _latex(self, printer):
        dh, dw, _ = self.params
        op = "*" if (dh, dw) == (1, 1) else rf"*_{{s={_pairsub(dh, dw)}}}"
        return f"{_tex(printer, self.args[0])} {op} {_tex(printer, self.args[1])}"


class Crop(TensorOp):
    """crop(x, h, w): the top-left h x w block of the last two axes.

    out[..., i, j] = x[..., i, j] for i < h, j < w.  Undefined (ShapeError) when x is
    smaller than h x w.  The weight gradient of a strided convolution needs it when the
    stride leaves r >= d trailing rows unreached: ``crop_{kh x kw}(pad_p(a) * dilate_s(δ))``.
    Written ``\\operatorname{crop}_{2\\times 3}(x)`` in LaTeX, ``crop_2x3(x)`` in text.
    """

    numpy_name = "crop"
    spellings = Spelling("crop", words=("crop",), bare=("crop",))

    def text(self, args):
        h, w = self.params
        return f"crop_{h}x{w}({args[0]})"

    def entrywise(self, x):
        h, w = self.params
        if x.ndim < 2 or x.shape[-2] < h or x.shape[-1] < w:
            have = "x".join(map(str, x.shape[-2:]))
            raise ShapeError(f"crop to {h}x{w} of a {have} tensor")
        return x[..., :h, :w].copy()

    def _latex(self, printer):
        h, w = self.params
        return (rf"\operatorname{{crop}}_{{{h}\times {w}}}"
                rf"\left({_tex(printer, self.args[0])}\right)")


class AddBias(TensorOp):
    """addbias(x, b): b[o] added to every entry of output channel o."""

    numpy_name = "add_bias"

    n_tensors = 2

    def text(self, args):
        return f"{args[0]} + {args[1]}"

    def entrywise(self, x, b):
        if b.shape != (x.shape[1],):
            raise ShapeError(f"bias of shape {b.shape} does not match {x.shape[1]} channels")
        out = np.empty(x.shape, dtype=object)
        for index in np.ndindex(*x.shape):
            out[index] = total((x[index], b[index[1]]))
        return out

    def index_relation(self, ctx, x, b):
        """out[n,o,i,j] = x[n,o,i,j] + b[o]."""
        ctx.require(f"{self}: the bias does not match the channels", rel.eq(b.shape[0], x.shape[1]))

        def entry(idx):
            return [t.where(*rel.in_range(idx, x.shape)) for t in x.entry(idx) + b.entry(idx[1:2])]
        return rel.View(x.shape, entry, f"{x.label} + {b.label}")

    def _latex(self, printer):
        return f"{_tex(printer, self.args[0])} + {_tex(printer, self.args[1])}"


class ChannelSum(TensorOp):
    """channelsum(g): (N, O, H, W) -> (O,), the sum over batch and positions."""

    numpy_name = "channel_sum"
    spellings = Spelling("sum", macros=("\\sum",))

    def text(self, args):
        return f"Σ_(u,v) {args[0]}"

    def entrywise(self, g):
        out = np.empty((g.shape[1],), dtype=object)
        for oc in range(g.shape[1]):
            out[oc] = total(g[:, oc].ravel())
        return out

    def index_relation(self, ctx, g):
        """out[o] = Σ_{n,u,v} g[n,o,u,v]."""
        shape = (g.shape[1],)

        def entry(idx):
            b, u, v = rel.fresh("n"), rel.fresh("u"), rel.fresh("v")
            return [t.where(*rel.in_range(idx, shape), exists=(b, u, v))
                    for t in g.entry((b, idx[0], u, v))]
        return rel.View(shape, entry, f"Σ {g.label}")

    def _latex(self, printer):
        return rf"\sum_{{u,v}} \left({_tex(printer, self.args[0])}\right)_{{u,v}}"


class Hadamard(TensorOp):
    """hadamard(x, y): the entrywise product ``x ⊙ y``."""

    numpy_name = "hadamard"
    spellings = Spelling("hadamard", macros=("\\odot", "\\bigodot", "\\bullet"))

    n_tensors = 2

    def text(self, args):
        return f"({args[0]}) ⊙ {args[1]}"

    def entrywise(self, x, y):
        if x.shape != y.shape:
            raise ShapeError(f"⊙ of a {'x'.join(map(str, x.shape[-2:]))} and a "
                             f"{'x'.join(map(str, y.shape[-2:]))} matrix")
        return entrywise_map(lambda u, v: u * v, x, y)

    def index_relation(self, ctx, x, y):
        """out[idx] = x[idx] y[idx] (shapes must agree)."""
        ctx.require(f"{self}: ⊙ of different shapes", *(rel.eq(a, b) for a, b in zip(x.shape, y.shape)))
        if len(x.shape) != len(y.shape):
            raise rel.NoRelation(f"{self}: ⊙ of tensors of different rank")
        return rel.View(x.shape, lambda idx: rel.product_terms(x.entry(idx), y.entry(idx)),
                        f"{x.label} ⊙ {y.label}")

    def _latex(self, printer):
        return rf"\left({_tex(printer, self.args[0])}\right) \odot {_tex(printer, self.args[1])}"


sigma = sp.Function("sigma")


def sigma_prime_at(z: sp.Symbol) -> sp.Expr:
    """σ'(z) for the general (undefined) activation σ, as SymPy writes it."""
    return sigma(z).diff(z)


class _SigmaMap(TensorOp):
    """σ or σ' applied to every entry of z (σ a general activation): the two differ only in
    the mark after σ and the function of one entry."""

    spellings = Spelling("sigma", macros=("\\sigma",))      # σ(z); with a prime: σ'(z)
    mark = ""

    @staticmethod
    def at(z):
        raise NotImplementedError

    def text(self, args):
        return f"σ{self.mark}({args[0]})"

    def entrywise(self, z):
        return entrywise_map(self.at, z)

    def index_relation(self, ctx, z):
        """σ(z) (σ'(z)) entrywise: the factor z[idx] becomes σ(z)[idx] (σ'(z)[idx])."""
        name = f"σ{self.mark}"
        return rel.rename(z, lambda label: f"{name}({label})", f"{name}({z.label})")

    def _latex(self, printer):
        return rf"\sigma{self.mark}\left({_tex(printer, self.args[0])}\right)"


class SigmaPrime(_SigmaMap):
    """sigmaprime(z): σ' applied to every entry of z (σ a general activation)."""

    mark = "'"
    at = staticmethod(sigma_prime_at)


class Sigma(_SigmaMap):
    """sigma(z): the general activation applied to every entry of z."""

    at = staticmethod(sigma)
