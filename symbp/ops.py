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
from .arrays import dilate as dilate_array, pad as pad_array, rot180 as rot180_array, \
    swap_io as swap_io_array
from .tensor import product, total

Z = sp.S.Zero


class ShapeError(ValueError):
    """A closed form that is undefined for the shapes it is applied to."""


# --------------------------------------------------------------------------- base class

class TensorOp(sp.Function):
    """A tensor operator: ``args[:n_tensors]`` are tensors, the rest integer parameters.

    SymPy's default ``eval`` leaves an applied operator as it is, so the operator tree
    is the closed form as written; :func:`evaluate` expands it when asked.
    """

    n_tensors = 1

    @property
    def tensors(self):
        return self.args[:self.n_tensors]

    @property
    def params(self) -> tuple[int, ...]:
        return tuple(int(p) for p in self.args[self.n_tensors:])

    def entrywise(self, *tensors: np.ndarray) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def text(self, args: list[str]) -> str:
        """One-line plain text, given the printed tensor arguments."""
        return f"{type(self).__name__.lower()}({', '.join(args)})"

    def _sympystr(self, printer):
        return self.text([printer._print(t) for t in self.tensors])

    def _latex(self, printer):
        args = ", ".join(printer._print(t) for t in self.tensors)
        return rf"\operatorname{{{type(self).__name__.lower()}}}\left({args}\right)"


def evaluate(expr: sp.Basic, env: dict[sp.Symbol, np.ndarray]) -> np.ndarray:
    """Expand an operator expression into an object array, entry by entry.

    ``env`` binds each tensor placeholder to its symbolic (or numeric) entries.
    Raises :class:`ShapeError` when an operator is undefined for its shapes.
    """
    if expr in env:
        return env[expr]
    if isinstance(expr, TensorOp):
        return expr.entrywise(*(evaluate(t, env) for t in expr.tensors))
    raise ShapeError(f"no tensor bound to {expr}")


def entrywise_map(f, *arrays: np.ndarray) -> np.ndarray:
    """Object array of f applied to the entries at each index of equally shaped arrays."""
    out = np.empty(arrays[0].shape, dtype=object)
    for index in np.ndindex(*out.shape):
        out[index] = f(*(a[index] for a in arrays))
    return out


def _tex(printer, arg) -> str:
    return printer._print(arg)


def _pairsub(h: int, w: int) -> str:
    return str(h) if h == w else f"({h},{w})"


# --------------------------------------------------------------------------- operators

class Pad(TensorOp):
    """pad(x, top, bottom, left, right): zeros around the last two axes (negative crops)."""

    def text(self, args):
        t, b, l, r = self.params
        return f"pad_{t if t == b == l == r else (t, b, l, r)}({args[0]})"

    def entrywise(self, x):
        return pad_array(x, *self.params)

    def _latex(self, printer):
        t, b, l, r = self.params
        sub = str(t) if t == b == l == r else f"({t},{b},{l},{r})"
        return rf"\operatorname{{pad}}_{{{sub}}}\left({_tex(printer, self.args[0])}\right)"


class Dilate(TensorOp):
    """dilate(x, sh, sw): s-1 zeros between entries of the last two axes."""

    def text(self, args):
        return f"dilate_{_pairsub(*self.params)}({args[0]})"

    def entrywise(self, x):
        return dilate_array(x, *self.params)

    def _latex(self, printer):
        return (rf"\operatorname{{dilate}}_{{{_pairsub(*self.params)}}}"
                rf"\left({_tex(printer, self.args[0])}\right)")


class Rot180(TensorOp):
    """rot180(x): the last two axes rotated by 180 degrees."""

    def entrywise(self, x):
        return rot180_array(x)

    def _latex(self, printer):
        return rf"\operatorname{{rot180}}\left({_tex(printer, self.args[0])}\right)"


class SwapIO(TensorOp):
    """swapio(w, groups): a kernel's in/out channels swapped within each group."""

    def text(self, args):
        return f"{args[0]}^T"

    def entrywise(self, w):
        groups = self.params[0]
        if w.shape[0] % groups:
            raise ShapeError(f"{w.shape[0]} output channels are not divisible by groups {groups}")
        return swap_io_array(w, groups)

    def _latex(self, printer):
        return rf"{{{_tex(printer, self.args[0])}}}^{{\top}}"


class Correlate(TensorOp):
    """correlate(x, w, sh, sw, dh, dw, groups): valid cross-correlation ``x * w``.

    x: (N, C, H, W); w: (O, C/groups, kh, kw) -> (N, O, Ho, Wo) with
    out[n,o,i,j] = sum_{c,p,q} x[n, g(o)C/G + c, i sh + p dh, j sw + q dw] w[o,c,p,q].
    """

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
                    if w[oc, ci, p, q] is not Z]
            for b in range(n):
                planes = rows[b]
                for i in range(ho):
                    for j in range(wo):
                        cells = [(planes[ch][i * sh + dp][j * sw + dq], k)
                                 for ch, dp, dq, k in taps]
                        out[b, oc, i, j] = total([product(v, k) for v, k in cells
                                                  if v is not Z])
        return out

    def _latex(self, printer):
        tags = self._tags()
        op = f"*_{{{','.join(tags)}}}" if tags else "*"
        return f"{_tex(printer, self.args[0])} {op} {_tex(printer, self.args[1])}"


class WeightCorrelate(TensorOp):
    """weightcorr(x, g, kh, kw, dh, dw, groups): the weight gradient's correlation.

    x: (N, C, H, W) padded input; g: (N, O, Hg, Wg) stride-dilated δ -> (O, C/G, kh, kw)
    with out[o,c,p,q] = sum_{n,y,x} x[n, g(o)C/G + c, p dh + y, q dw + x] g[n,o,y,x].
    """

    n_tensors = 2

    def text(self, args):
        return f"{args[0]} * {args[1]}"

    def entrywise(self, x, g):
        kh, kw, dh, dw, groups = self.params
        n, c, h, wd = x.shape
        ng, o, hg, wg = g.shape
        if ng != n:
            raise ShapeError(f"batch of δ ({ng}) differs from the input's ({n})")
        if (kh - 1) * dh + hg > h or (kw - 1) * dw + wg > wd:
            raise ShapeError(f"the {hg}x{wg} δ does not fit {kh}x{kw} kernel steps "
                             f"in the {h}x{wd} input")
        cg, per = c // groups, o // groups
        out = np.empty((o, cg, kh, kw), dtype=object)
        for oc in range(o):
            taps = [(b, y, xx, g[b, oc, y, xx]) for b in range(n) for y in range(hg)
                    for xx in range(wg) if g[b, oc, y, xx] is not Z]
            c0 = (oc // per) * cg
            for ci in range(cg):
                for p in range(kh):
                    for q in range(kw):
                        out[oc, ci, p, q] = total([
                            product(x[b, c0 + ci, p * dh + y, q * dw + xx], v) for b, y, xx, v in taps
                            if x[b, c0 + ci, p * dh + y, q * dw + xx] is not Z])
        return out

    def _latex(self, printer):
        _, _, dh, dw, _ = self.params
        op = "*" if (dh, dw) == (1, 1) else rf"*_{{s={_pairsub(dh, dw)}}}"
        return f"{_tex(printer, self.args[0])} {op} {_tex(printer, self.args[1])}"


class AddBias(TensorOp):
    """addbias(x, b): b[o] added to every entry of output channel o."""

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

    def _latex(self, printer):
        return f"{_tex(printer, self.args[0])} + {_tex(printer, self.args[1])}"


class ChannelSum(TensorOp):
    """channelsum(g): (N, O, H, W) -> (O,), the sum over batch and positions."""

    def text(self, args):
        return f"Σ_(u,v) {args[0]}"

    def entrywise(self, g):
        out = np.empty((g.shape[1],), dtype=object)
        for oc in range(g.shape[1]):
            out[oc] = total(g[:, oc].ravel())
        return out

    def _latex(self, printer):
        return rf"\sum_{{u,v}} \left({_tex(printer, self.args[0])}\right)_{{u,v}}"


class Hadamard(TensorOp):
    """hadamard(x, y): the entrywise product ``x ⊙ y``."""

    n_tensors = 2

    def text(self, args):
        return f"({args[0]}) ⊙ {args[1]}"

    def entrywise(self, x, y):
        if x.shape != y.shape:
            raise ShapeError(f"⊙ of a {'x'.join(map(str, x.shape[-2:]))} and a "
                             f"{'x'.join(map(str, y.shape[-2:]))} matrix")
        return entrywise_map(lambda u, v: u * v, x, y)

    def _latex(self, printer):
        return rf"\left({_tex(printer, self.args[0])}\right) \odot {_tex(printer, self.args[1])}"


sigma = sp.Function("sigma")


def sigma_prime_at(z: sp.Symbol) -> sp.Expr:
    """σ'(z) for the general (undefined) activation σ, as SymPy writes it."""
    return sigma(z).diff(z)


class SigmaPrime(TensorOp):
    """sigmaprime(z): σ' applied to every entry of z (σ a general activation)."""

    def text(self, args):
        return f"σ'({args[0]})"

    def entrywise(self, z):
        return entrywise_map(sigma_prime_at, z)

    def _latex(self, printer):
        return rf"\sigma'\left({_tex(printer, self.args[0])}\right)"


class Sigma(TensorOp):
    """sigma(z): the general activation applied to every entry of z."""

    def text(self, args):
        return f"σ({args[0]})"

    def entrywise(self, z):
        return entrywise_map(sigma, z)

    def _latex(self, printer):
        return rf"\sigma\left({_tex(printer, self.args[0])}\right)"
