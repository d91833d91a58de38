r"""The document's own names: which letter is the input, the kernel, the output, the bias and
the loss; the convolution convention; the index base and where the output's indices start;
the sizes; and the layer's entries and chain-rule gradients under those names.

A forward equation binds the letters (see :func:`infer_roles`): ``Y = X * K + b``,
``X * W + b = Y``, ``Z = W*A+b`` (the kernel is the letter among W, w, K, k, F, \omega),
``O = conv(I, F)``, ``y_{11} = x_{11}w_{11} + …`` (the letter with the larger subscripts is the
input), ``z_{i,j} = \sum_m \sum_n a_{i+m,j+n} w_{m,n} + b`` (the entry indexed by output and
sum indices together is the input; ``i-m`` means true convolution; ``i+m-1`` or sums from 1
mean 1-based indices; an offset such as ``-\frac{n-1}{2}`` moves where the output starts).
A lower-case letter takes the role of its capital (``x_{11}`` is an entry of ``X``).  A
directive ``<!-- symbp: … names: X=input K=kernel Y=output L=loss m=input.rows -->`` overrides;
``layout: Y=HWC W=HWIO Z=HWC`` gives the order of a tensor's indices (default ``HW``).

Layer labels are labels: in an equation, the kernel's label (else the later of two δ/z
labels) is the current layer; z and δ one layer earlier are the input's pre-activation and
its error (``δ^l = (Σ δ^{l+1} w^{l+1}) σ'(z^l)``).

Example::

    >>> ctx = DocContext.from_forward(r"Y = X * W + b", {"input": "3x3", "kernel": "2x2",
    ...                                                  "entry_letters": ("x", "w", "y")})
    >>> ctx.roles["X"], ctx.roles["W"], ctx.roles["Y"], ctx.roles["x"]
    ('input', 'kernel', 'output', 'input')
"""
from __future__ import annotations

import re

import numpy as np
import sympy as sp

from .doc_aux import aux_bounds, aux_entry, definition_of, refuse_defined
from .doc_channels import count_variants, counted_axes, counts_text, layout_example, resolve_axis_letters
from .doc_forward_rows import labelled_role
from .directive_names import delta_renamed, entry_roles
from .doc_infer import directive_roles, infer_roles
from .doc_maxpool import build_outputs
from .doc_transpose import build_transposed, transposed_size
from .doc_pooling import pool_kernel
from .doc_padding import bind_parameter_letters, in_padding, output_origin, padding_of, whole_index
from .entry_derivative import chain_rule, entry_derivative as _d
from .entry_poly import conv_outputs
from .layer_letters import foreign_label, other_letter_label
from .fc_names import build_fc, fc_input_role, fc_size_list, input_labels, vector_axis
from .index_tree import label_offset
from .index_claims import IndexError_, OutOfRange, Ref
from .local_partials import local_partial
from .index_domains import TRANSPOSE_LABELS, free_index_ranges, read_transposed
from .index_geometry import guessed_instances
from .index_operators import dilated_kernel
from .kernel_ranges import bind_centre, kernel_origins
from .index_reduce import MAX_ENTRIES, reduced_instance, too_large
from .window_sets import window_unsettled

SMALL_SIZES = (((3, 3), (2, 2)), ((4, 5), (2, 3)), ((5, 5), (3, 3)))
# a 1-D convolution (``z_i = \sum_m w_m a_{i+m}``) is held as a conv2d of height 1
SMALL_SIZES_1D = (((1, 5), (1, 2)), ((1, 6), (1, 3)), ((1, 7), (1, 3)))
SMALL_SIZES_POOL = (((4, 4), (2, 2)), ((5, 5), (2, 2)), ((6, 6), (3, 3)), ((5, 6), (2, 3)), ((6, 4), (2, 2)))
SMALL_SIZES_POOL_1D = (((1, 6), (1, 2)), ((1, 7), (1, 2)), ((1, 7), (1, 3)), ((1, 9), (1, 3)))
FC_SIZES = ((3, 4), (4, 2))


def _pair(text):
    m = re.fullmatch(r"\s*(\d+)\s*(?:[x×,]\s*(\d+))?\s*", str(text))
    return (int(m.group(1)), int(m.group(2) or m.group(1))) if m else None


class DocContext:
    """One section's names and sizes; :meth:`instances` gives one context per size tried."""

    def __init__(self, roles: dict, settings: dict, sizes=None):
        own_delta = {} if delta_renamed(str(settings.get("names", "")), bool(settings.get("labels"))) else {r"\delta": "delta"}   # δ=input_grad: not ours
        self.roles = {**own_delta, **entry_roles(roles, settings), **roles}     # X's entries written x_{ij}
        self.convention = settings.get("conv", "cross")
        self.base = int(settings.get("index_base", 0))
        self.layer = settings.get("layer_kind", "conv")
        self.bias_indexed = settings.get("bias_indexed", False)
        # the directive's layouts first; the forward's reading (doc_channels) for the tensors it leaves out
        self.layout = {**settings.get("layouts_by_role", {}), **(settings.get("layouts") or {})}
        settings = counted_axes(settings, self.layout, self.layer)       # NCHW with no counts: 2 of each
        self.settings = settings = resolve_axis_letters(settings, self.layout)   # N=output.batch
        self.spatial = 1 if str(settings.get("spatial", 2)) == "1" else 2   # axes of a map
        self.labels = settings.get("labels", {})         # role -> label offset in the forward
        self.symbols: dict[str, int] = {}
        self.sizes = sizes
        self.current = None                              # (letter, offset) of this equation
        self._grads: dict = {}
        given = _pair(settings.get("stride", "")) if settings.get("stride") is not None else None
        # the stride the directive gives (rows, cols); else the number the forward writes (x_{2i+m}); 2 for a letter; else 1
        dflt = tuple(settings.get("stride_value") or (2 if settings.get("stride_symbol") else 1,) * 2)
        pooled = given is None and sizes is not None and "out_origin" not in settings and (   # PyTorch's default, the
            settings.get("layer") in ("maxpool", "avgpool") or settings.get("window_set"))   # window, unless x_{i+m}
        self.strides = given if given and min(given) >= 1 else tuple(sizes[1]) if pooled and dflt == (1, 1) else dflt
        if sizes is not None and (off := window_unsettled(settings, self.strides, self.base, tuple(sizes[1]), pooled and dflt == (1, 1))):
            raise IndexError_(off)          # "unit stride"; R_{i,j} = \{i-1, i, i+1\}: not the window this reader takes
        if sizes is not None:
            self._build()

    @classmethod
    def from_forward(cls, latex: str, settings: dict) -> "DocContext":
        roles, extra = infer_roles(latex)
        roles.update(directive_roles(settings.get("names", "")))
        return cls(roles, {**extra, **settings})

    # ---- sizes
    def instances(self) -> list["DocContext"]:
        if self.sizes is not None:
            return [self]
        guessed = guessed_instances(self, lambda settings: DocContext(self.roles, settings))
        if guessed is not None:                     # x_{s i + m}; H - k + 2p: several values
            return guessed
        given = _pair(self.settings.get("input", "")), _pair(self.settings.get("kernel", ""))
        given = tuple((1, g[1]) for g in given) if all(given) and self.spatial == 1 else given   # input=7: a length
        if self.layer == "fc" and all(str(self.settings.get(k, "")).isdigit() for k in ("in", "out")):
            given = ()                # in=2 out=2 (or written out): a convolution's sizes from the prose are not this layer's
        counts = count_variants(self.settings)      # channels, batch not given: two counts each
        if given and all(given):
            reduced = reduced_instance(self, given, _pair, padding_of)       # CIFAR's 32x32, 16 channels: smaller
            return [DocContext(self.roles, c, given) for c in counts] if reduced is None else [reduced]
        if self.layer == "fc":
            return [DocContext(self.roles, self.settings, s) for s in fc_size_list(self.settings, FC_SIZES)]
        out, pool = [], self.layer.startswith("pool-")
        tried = (SMALL_SIZES_POOL_1D if pool else SMALL_SIZES_1D) if self.spatial == 1 else SMALL_SIZES_POOL if pool else SMALL_SIZES
        if pool and given[1] and self.spatial == 2:      # "a 2×2 window" without the input's size: that window
            tried = [(i, given[1]) for i in dict.fromkeys(i for i, _ in tried) if min(i) >= max(given[1])]
        for k, s in enumerate(tried):
            try:
                out.append(DocContext(self.roles, counts[k % len(counts)], s))
            except IndexError_:            # e.g. a centred kernel needs an odd size
                continue
        if not out:
            raise IndexError_("no small size fits the document's index formulas: add <!-- symbp: layer=conv2d input=HxW kernel=KxK -->")
        return out

    def describe(self) -> str:
        (h, w), (kh, kw) = self.sizes
        if self.layer == "fc":
            return f"(W {h}x{w}, X {kh}x{kw})"
        sr, sc = self.strides
        extra = (f", stride {sr}" if sr == sc else f", stride {sr},{sc}") if (sr, sc) != (1, 1) else ""
        extra += f", padding {','.join(map(str, self.pads))}" if any(getattr(self, "pads", ())) else ""
        extra += f", dilation {self.settings['dilation']}" if str(self.settings.get("dilation", "1")) not in ("1", "1x1") else ""
        extra += counts_text(_pair(self.settings.get("channels", "1")) or (1, 1), str(self.settings.get("batch", "1")),
                             self.settings.get("counts_unsaid", ()))
        if self.spatial == 1:
            extra = extra.replace(f", stride {sr},{sc}", f", stride {sc}")
            if self.layer == "pool-avg":
                return f"(length {w} input, length {kw} average-pooling window{extra}, {self.base}-based)"
            return f"(length {w} input, length {kw} kernel{extra}, {self.convention}-correlation, " \
                   f"{self.base}-based)".replace("true-correlation", "true convolution")
        if self.layer in ("pool-avg", "pool-max"):
            return f"({h}x{w} input, {kh}x{kw} {'max' if self.layer == 'pool-max' else 'average'}-pooling window{extra}, {self.base}-based)"
        conv = "transposed convolution" if self.layer == "conv-transpose" else f"{self.convention}-correlation"
        return f"({h}x{w} input, {kh}x{kw} kernel{extra}, {conv}, " \
               f"{self.base}-based)".replace("true-correlation", "true convolution")

    def _build(self):
        (h, w), (kh, kw) = self.sizes
        sym = lambda p, *shape: np.array(  # noqa: E731   x_0012; x_0_0_1_10 where an index has 2 digits
            [sp.Symbol(f"{p}_{('' if max(ix, default=0) < 10 else '_').join(map(str, ix))}") for ix in np.ndindex(*shape)],
            dtype=object).reshape(shape)                   # (x_{0,0,1,10} and x_{0,0,11,0}: never one symbol)
        if self.layer == "fc":
            build_fc(self, sym, MAX_ENTRIES)
            for name, (role, axis) in self.settings.get("dims", {}).items():     # x^l is N × M^{l-1}
                arr = self.view(role)
                if arr is not None and axis < getattr(arr, "ndim", 0) and arr.ndim == 2:
                    self.symbols.setdefault(name, arr.shape[axis])
            return
        (cin, cout), dilation = _pair(self.settings.get("channels", "1")) or (1, 1), _pair(self.settings.get("dilation", "1"))
        if too_large(self.sizes, (cin, cout)):
            raise IndexError_(f"{h}x{w} input, {kh}x{kw} kernel, channels {cin},{cout}: too large "
                              f"to check entry by entry (at most {MAX_ENTRIES} entries a tensor; check a smaller "
                              "case: <!-- symbp: input=4x4 kernel=2x2 -->)")
        nb = int(self.settings.get("batch", 1)) if str(self.settings.get("batch", 1)).isdigit() else 1
        if nb < 1 or nb * cin * h * w > MAX_ENTRIES:
            raise IndexError_(f"batch {nb}: give a batch of 1 to {MAX_ENTRIES // (cin * h * w)}")
        pr, pc = self.pads = padding_of(self)
        self.X, self.K = sym("x", nb, cin, h, w), sym("k", cout, cin, kh, kw)
        if self.layer.startswith("pool-"):               # pooling: the kernel is the document's constant
            self.K = pool_kernel(self, cout, cin, kh, kw)
        kh, kw = (kern := dilated_kernel(self.K[:, :, ::-1, ::-1] if self.convention == "true" else self.K, dilation, self.layer)).shape[2:]
        sr, sc = self.strides
        oh, ow = transposed_size(self) if self.layer == "conv-transpose" else (   # doc_transpose's scatter
            (h + 2 * pr - kh) // sr + 1, (w + 2 * pc - kw) // sc + 1)
        if oh < 1 or ow < 1:
            raise IndexError_("the kernel is larger than the input")
        has_bias = "bias" in self.roles.values()
        self.bias = sym("b", cout, oh, ow) if self.bias_indexed else \
            np.array([[[sp.Symbol(f"b_{c}") if has_bias else sp.Integer(0)] * ow] * oh
                      for c in range(cout)], dtype=object)
        self.Z = conv_outputs(self.X, kern, self.bias, (oh, ow), (sr, sc), (pr, pc))     # Σ x k + b
        if self.layer in ("pool-max", "conv-transpose"):      # Σ χ x over windows; the scatter
            (build_outputs if self.layer == "pool-max" else build_transposed)(self)
        self.G = sym("g", nb, cout, oh, ow)
        self.S = sym("s", nb, cin, h, w)             # σ'(z) at the input's pre-activation
        for (r1, a1), (r2, a2) in self.settings.get("same_size", ()):
            arr1, arr2 = self.view(r1), self.view(r2)
            if arr1 is not None and arr2 is not None and arr1.shape[a1] != arr2.shape[a2]:
                raise IndexError_(f"the document's {r1} has equal sides; {arr1.shape} does not")
        for name, (role, axis) in self.settings.get("dims", {}).items():
            arr = self.view(role) if not (role == "kernel" and self.layer.startswith("pool-")) else \
                self.K[0, 0, 0] if self.spatial == 1 else self.K[0, 0]        # a pooling window: no tensor
            if arr is not None and axis < arr.ndim:
                self.symbols.setdefault(name, arr.shape[axis])
        self.symbols.update({"#kr": kh if self.spatial == 2 else kw, "#kc": kw, "#base": self.base, **({
            "#sr": sr, "#sc": sc, "#pr": pr, "#pc": pc} if self.layer.startswith("pool-") else {})})   # a pooling window's place
        bind_centre(self, kh, kw, whole_index)               # H_{u,v}, u = -k..k (kernel_ranges)
        bind_parameter_letters(self, (sr, sc), (pr, pc))     # x_{si+m-p}, x_{s_h i+k-p_h}: s, p, s_h, p_h
        origin = self.settings.get("out_origins", {}).get(self.convention, self.settings.get("out_origin"))
        self.origin = output_origin(self, (self.base, self.base) if origin is None else tuple(
            whole_index(o, self.symbols) for o in (origin if isinstance(origin, tuple) else (origin, origin))))
        self.symbols.update({"#or": self.origin[0], "#oc": self.origin[1]} if self.layer.startswith("pool-") else {})

    # ---- views in the document's index order
    _CANON = {"input": "NCHW", "output": "NCHW", "delta": "NCHW", "preact_in": "NCHW",
              "preact_grad": "NCHW", "kernel": "OIHW", "bias": "CHW"}

    def view(self, role: str):
        key = ("view", role)
        if key not in self._grads:
            self._grads[key] = self._view(role)
        return self._grads[key]

    def _view(self, role: str):
        arr = {"input": self.X, "kernel": self.K, "output": self.Z, "delta": self.G, "preact_in": self.S,
               "bias": self.bias, "target": getattr(self, "T", None)}.get(role)
        return arr if arr is None or self.layer == "fc" else self._doc_order(arr, role)

    def _doc_order(self, arr, role):
        canon = self._CANON[role]
        if self.spatial == 1:                 # a 1-D layer: the height axis (size 1) is not written
            arr, canon = arr[(slice(None),) * canon.index("H") + (0,)], canon.replace("H", "")
        want = self.layout.get(role)
        if want is None and role == "kernel" and self.layer in ("pool-max", "pool-avg"):   # a window: no channel axes
            return arr[0, 0]
        if want is None:                  # single channel, one sample: drop N/O/I/C axes of size 1
            drop = tuple(k for k, c in enumerate(canon) if c in "NOIC")
            if any(arr.shape[k] != 1 for k in drop):
                raise IndexError_("a layer with several channels or samples needs each tensor's index "
                                  "order, which its forward does not settle: add <!-- symbp: ... layout: "
                                  + layout_example(self.roles) + " --> (the letters in the document's order)")
            return arr.reshape([s for k, s in enumerate(arr.shape) if k not in drop])
        want = want.upper()
        if "N" in canon and "N" not in want:              # one sample: the batch axis dropped
            if arr.shape[0] != 1:
                raise IndexError_(f"layout {want} for the {role} has no batch axis N but the "
                                  f"batch is {arr.shape[0]}")
            arr, canon = arr[0], canon.replace("N", "")
        if sorted(want) != sorted(canon):
            raise IndexError_(f"layout {want} for the {role} (expected the letters {canon})")
        return np.transpose(arr, [canon.index(c) for c in want])

    def origin_of(self, role, ndim: int = 2) -> tuple:
        """The first index of each axis of a tensor in the document's index order."""
        if role == "kernel" and self.settings.get("kernel_half") and self.layer != "fc":
            return kernel_origins(self, ndim)            # H_{u,v}, u = -k..k
        if role not in ("output", "delta", "bias") or self.layer == "fc":
            return (self.base,) * ndim
        lay = self.layout.get(role)
        if lay is None and self.spatial == 1:
            return (self.origin[1],) if ndim == 1 else (self.base,) * ndim
        if lay is None:
            return self.origin[:ndim] if ndim == 2 else (self.base,) * ndim
        return tuple(self.origin[0] if c == "H" else self.origin[1] if c == "W" else self.base
                     for c in lay)

    # ---- roles
    def tensor_names(self):
        return {n for n, r in self.roles.items() if r != "loss"} | {n for n, _ in self.settings.get("aux") or {}}

    def losses(self) -> set:
        """The loss's names: the usual letters and any the directive names."""
        from .index_claims import LOSSES
        return LOSSES | {n for n, r in self.roles.items() if r == "loss"}

    def span(self) -> int:      # wider than every axis (channels and batch too)
        b, c = str(self.settings.get("batch", 1)), _pair(self.settings.get("channels", "1")) or (1, 1)
        return max(*self.sizes[0], *self.sizes[1], 4, *(() if self.layer == "fc" else (*c, int(b) if b.isdigit() else 1))) + 1

    def role(self, name: str, label) -> str:
        """The role of ``name`` with ``label`` in this equation (see :meth:`_role`), remembered
        per current layer, roles, settings object and the section's own definitions (which
        grow as it is read); a convolution's claim asks it once an entry."""
        aux = tuple((k, id(d)) for k, d in (self.settings.get("aux") or {}).items())
        key = ("role", name, label, self.current, tuple(self.roles.items()), aux)
        found = self._grads.get(key)
        if found is None or found[0] is not self.settings or self.layer == "fc":
            try:
                found = self._grads[key] = self.settings, self._role(name, label), None
            except IndexError_ as err:
                found = self._grads[key] = self.settings, None, err
        if found[2] is not None:
            raise found[2]
        return found[1]

    def _role(self, name: str, label) -> str:
        refuse_defined(self, name, label)             # \tilde x, w^{rot}: the document's definition, not a role
        role = self.roles.get(name) or labelled_role(self.roles, name, label)
        if role is None:
            raise IndexError_(f"the name {name} has no role: say which it is, e.g. <!-- symbp: "
                              f"names: {name}=output_grad --> (roles: input, kernel, output, bias, "
                              "output_grad, preactivation, loss)")
        off = label_offset(label)
        if off and off[0] == "#" and str(label).strip().isdigit() and \
                name.rstrip("'") not in self.settings.get("digit_labels", ()):
            paste = f"; if it is layer {label}, say so: <!-- symbp: layer=fc names: {name}^{label}={role} -->" \
                if self.layer == "fc" else ""         # a directive's W^2=kernel numbers the layer (fc_layers)
            raise IndexError_(f"{name}^{label}: a power or layer {label}? (a layer number needs "
                              f"{name}^{label}_{{…}}, {name} with two numbers, or a forward naming it){paste}")
        if self.layer != "fc" and off is not None and off[0] != "#" and (
                other_letter_label(self.roles, name, off[0]) or
                foreign_label(off[0], self.settings.get("label_stem"))):
            _bad_layer(name, label)                   # W^d where the conv section names W^c (or its forward)
        if self.layer == "fc" and role == "input" and (off is None) != (self.current is None):
            return fc_input_role(self, name, label)          # a without its layer, or a^L alone
        if self.layer == "fc" and role in ("bias", "kernel") and off is not None and self.current is not None and \
                off[0] == self.current[0] and off[1] - self.current[1] != self.labels.get(role, 0):
            return _bad_layer(name, label)           # ∂C/∂b^l beside δ^{l+1}, W^{l+1}: layer l's bias
        if off is None or self.current is None or role not in ("output", "delta", "input"):
            return role
        d = off[1] - self.current[1] if off[0] == self.current[0] else _bad_layer(name, label)   # l vs L
        if role == "input":
            if d == 0 and self.layer == "fc" and self.labels.get("input", -1) != 0:
                return "activation"                  # a^L = σ(z^L): the output's activation
            return "input" if d in (-1, 0) and self.labels.get("input", -1) == d or d == -1 else \
                _bad_layer(name, label)
        if d == 0:
            return role
        if d == -1:
            return "preact_in" if role == "output" else "preact_grad"
        return _bad_layer(name, label)

    def set_current(self, refs) -> None:
        """The current layer of an equation, from the labels its names carry."""
        self.current = None
        kern = [label_offset(r.label) for r in refs if self.roles.get(r.name) == "kernel" and r.label]
        kern = [k for k in kern if k]
        if kern:
            shift = self.labels.get("kernel", 0)
            self.current = (kern[0][0], kern[0][1] - shift)
            return
        outs = {label_offset(r.label) for r in refs
                if self.roles.get(r.name) in ("output", "delta") and r.label}
        outs.discard(None)
        if not outs and self.layer == "fc":      # ∂a^{l+1}_i/∂a^l_j: the later label is the layer's
            outs = input_labels(self.roles, refs)
        if len(outs) == 2:
            self.current = max(outs, key=lambda o: o[1])
        elif len(outs) == 1:
            self.current = next(iter(outs))

    # ---- values
    def _at(self, arr, pos, name, role):
        if pos is None:             # one sample: the bias is a column like δ and z (a row: Y = XW + b)
            rows = self.settings.get("fc_kernel") in ("rows", "rows-oi")
            return (arr[None, :] if rows else arr[:, None]) if self.layer == "fc" and role == "bias" and \
                arr.ndim == 1 and self.settings.get("fc_bias") != "cols" else arr
        origin = self.origin_of(role, arr.ndim)
        if self.layer == "fc" and len(pos) == 1 and arr.ndim == 2 and 1 in arr.shape:
            pos = (pos[0], origin[1]) if arr.shape[1] == 1 else (origin[0], pos[0])   # a vector indexed once
        if len(pos) != arr.ndim:
            raise IndexError_(f"{name} is written with {len(pos)} ind{'ex' if len(pos) == 1 else 'ices'} "
                              f"but has {arr.ndim} axes here ({'x'.join(map(str, arr.shape))})")
        p = tuple(int(i) - o for i, o in zip(pos, origin))
        if any(not 0 <= x < s for x, s in zip(p, arr.shape)):
            if in_padding(self, role, p, arr.shape, name):
                return sp.Integer(0)        # the document's zero padding, or its prose: zero outside
            first = origin[0] if len(set(origin)) == 1 else origin
            raise OutOfRange(f"{name}{tuple(int(i) for i in pos)} does not exist (its shape is "
                             f"{'x'.join(map(str, arr.shape))}, indices from {first})")
        return arr[p]

    def entry(self, name, label, pos):
        defined = definition_of(self, name, label)
        if defined is not None:
            return aux_entry(self, defined, pos)
        role = self.role(name, label)
        if role == "activation":
            return self._at(self.A, pos, name, "output")
        if label in TRANSPOSE_LABELS:      # X^T_{p,q} is X_{q,p}; x^T_i is x_i
            return read_transposed(self.entry, name, pos)
        if role == "bias" and self.layer != "fc" and not self.bias_indexed and pos is None:
            return self.bias.ravel()[0]
        if role == "bias" and self.layer != "fc" and not self.bias_indexed and len(pos) == 1:
            return self._at(self.bias[:, 0, 0], pos, name, "input")       # one bias per channel
        if role == "preact_grad":
            return self._at(self.grad_array("preact_in"), pos, name, "input")
        if role == "preact_in":
            raise IndexError_(f"the pre-activation {name} outside σ'(…)")
        arr = self.view(role)
        if arr is None:
            raise IndexError_(f"no entries for the {role}")
        return self._at(arr, pos, name, role)

    def axis_bounds(self, name, label, axis, written=None):
        """(first index, length) of an axis of the named tensor, or None when unknown
        (``written``: how many indices the reference writes; a dense vector indexed once,
        ``h_k`` of a one-row h, runs along its long axis, as in ``_at``)."""
        key = ("axis", name, label, axis, self.current, written)
        return self._grads[key] if key in self._grads else self._grads.setdefault(key, self._axis_bounds(name, label, axis, written))

    def _axis_bounds(self, name, label, axis, written=None):
        if label in ("T", r"\top", r"\intercal") and written == 2 and axis < 2:    # (X^T)_{k,i}: X's axes swapped
            return self._axis_bounds(name, None, 1 - axis, written)                # as entry() reads X_{i,k}
        if definition_of(self, name, label) is not None:
            return aux_bounds(self, definition_of(self, name, label), axis)
        try:
            role = {"preact_in": "input", "preact_grad": "input"}.get(r := self.role(name, label), r)
        except IndexError_:
            return None
        try:
            arr = self.view(role) if self.layer != "fc" else \
                {"input": self.X, "kernel": self.K, "output": self.Z, "delta": self.G,
                 "bias": self.bias, "activation": getattr(self, "A", None)}.get(role)
        except IndexError_:
            return None
        if arr is None or axis >= np.ndim(arr) or (role == "bias" and not self.bias_indexed):
            return None
        axis = vector_axis(self.layer, np.shape(arr), written, axis)    # h_k of a one-row h
        return self.origin_of(role, np.ndim(arr))[axis], arr.shape[axis]

    def grad_array(self, role):
        if role in self._grads:
            return self._grads[role]
        if role in ("output", "delta"):
            out = self.view("delta") if self.layer != "fc" else self.G
        elif role == "preact_in":
            out = self.grad_array("input") * self.view("preact_in")
        elif role == "bias" and self.layer != "fc" and not self.bias_indexed:
            out = np.array(sp.Add(*self.G.ravel()), dtype=object) if self.G.shape[1] == 1 else \
                np.array([sp.Add(*self.G[:, o].ravel()) for o in range(self.G.shape[1])], dtype=object)
        else:
            arr = self.view(role) if self.layer != "fc" else {"input": self.X, "kernel": self.K,
                                                              "bias": self.bias}.get(role)   # the loss: none
            if arr is None:                      # a layer without a bias (or that tensor) here
                raise IndexError_(f"this section's layer has no {role} to differentiate by")
            out = chain_rule(arr, self.G.ravel(), self.Z.ravel())
        self._grads[role] = out
        return out

    def grad(self, name, label, pos):
        if label in TRANSPOSE_LABELS:      # dY^T: the gradient transposed, as entry() reads X^T
            return read_transposed(self.grad, name, pos)
        role = self.role(name, label)
        if role == "activation":
            return self._at(self.GA, pos, name, "output")
        if role == "preact_grad":
            role = "preact_in"
        if role == "bias" and self.layer != "fc" and not self.bias_indexed:
            g = self.grad_array("bias")
            if g.ndim == 0 and pos is not None and len(pos) > 1:      # ∂E/∂b_{i,j}: not this layer's one bias
                raise IndexError_(f"{name} is written with {len(pos)} indices but the layer has one bias a channel")
            return g[()] if g.ndim == 0 else self._at(g, pos, name, "input")
        return self._at(self.grad_array(role), pos, name, "input" if role == "preact_in" else role)

    def _one(self, name):
        return (self.base,) * (2 if self.roles.get(name) == "kernel" else 1)

    def jacobian(self, top, tlabel, tpos, bottom, blabel, bpos):
        scalar_bias = self.roles.get(bottom) == "bias" and not self.bias_indexed and self.layer != "fc"
        if self.layer == "fc" and self.sizes == ((1, 1), (1, 1)):     # one neuron a layer: numbers
            tpos, bpos = tpos or self._one(top), bpos or self._one(bottom)
        if tpos is None or (bpos is None and not scalar_bias):
            raise IndexError_(f"∂{top}/∂{bottom} between whole tensors is a Jacobian; symbp "
                              "checks its entries (∂y_{ij}/∂x_{pq})")
        if self.role(top, tlabel) != "output":      # ∂a_j/∂z_j = σ'(z_j), ∂a^l_k/∂z^l_j, ∂a^l_j/∂w^l_{jk}
            return local_partial(self, (top, tlabel, tpos), (bottom, blabel, bpos))
        z = self.entry(top, tlabel, tpos)
        brole = self.role(bottom, blabel)
        if brole == "preact_in":
            x = self._at(self.view("input"), bpos, bottom, "input")
            return _d(z, x) * self._at(self.view("preact_in"), bpos, bottom, "input")
        if brole == "bias" and self.layer != "fc" and not self.bias_indexed and bpos is None:
            return _d(z, self.bias.ravel()[0])
        return _d(z, self.entry(bottom, blabel, bpos))           # b_c: the bias of channel c

    def activation(self, name, primes, arg, pos):
        if primes == 1 and isinstance(arg, Ref) and self.role(arg.name, arg.label) == "preact_in" \
                and self.S is not None:
            return self._at(self.view("preact_in"), pos, arg.name, "input")
        if primes == 1 and isinstance(arg, Ref) and self.layer == "fc" and \
                self.role(arg.name, arg.label) == "output":
            return self._at(self.SO, pos, arg.name, "output")       # σ'(z^L) at the output
        raise IndexError_(f"{name}{chr(39) * primes}(...) of something that is not the input's "
                          "pre-activation")

    def domains(self, lhs, free, positions_of, rhs=None):
        """The range of each free index (see :func:`index_domains.free_index_ranges`)."""
        return free_index_ranges(self, lhs, free, rhs)

    def other_convention(self) -> "DocContext | None":
        if self.layer == "fc" or any(getattr(self, "pads", (0, 0))):     # padding: cross only
            return None
        other = dict(self.settings, conv="true" if self.convention == "cross" else "cross")
        return DocContext(self.roles, other, self.sizes)


def _bad_layer(name, label):
    raise IndexError_(f"{name}^{{{label}}} belongs to a layer this section does not set up")
