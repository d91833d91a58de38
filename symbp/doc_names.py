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

    >>> ctx = DocContext.from_forward(r"Y = X * W + b", {"input": "3x3", "kernel": "2x2"})
    >>> ctx.roles["X"], ctx.roles["W"], ctx.roles["Y"], ctx.roles["x"]
    ('input', 'kernel', 'output', 'input')
"""
from __future__ import annotations

import re

import numpy as np
import sympy as sp

from .index_claims import LOSSES, IndexError_, Op, OutOfRange, Ref, Sum, free_vars, names_in, parse

KERNEL_LETTERS = {"W", "w", "K", "k", "F", r"\omega", "\\omega'", "w'", "K'", "\\Theta"}
SMALL_SIZES = (((3, 3), (2, 2)), ((4, 5), (2, 3)), ((5, 5), (3, 3)))
FC_SIZES = ((3, 4), (4, 2))


def _pair(text):
    m = re.fullmatch(r"\s*(\d+)\s*(?:[x×,]\s*(\d+))?\s*", str(text))
    return (int(m.group(1)), int(m.group(2) or m.group(1))) if m else None


def label_offset(label):
    """``l+1`` → ('l', 1), ``l-1`` → ('l', -1), ``(L)`` → ('L', 0); None for none or T."""
    if not label:
        return None
    m = re.fullmatch(r"\(?\s*\[?([A-Za-z])\]?\s*(?:([+-])\s*(\d+))?\s*\)?", label.replace(" ", ""))
    if not m or m.group(1) in ("T",):
        return None
    return m.group(1), (int(m.group(3)) * (1 if m.group(2) == "+" else -1) if m.group(2) else 0)


class DocContext:
    """One section's names and sizes; :meth:`instances` gives one context per size tried."""

    def __init__(self, roles: dict, settings: dict, sizes=None):
        base_roles = {r"\delta": "delta"}
        entry_letters = settings.get("entry_letters", ())
        for name, role in list(roles.items()):
            if len(name) == 1 and name.isupper() and name.lower() not in roles and \
                    name.lower() in entry_letters:
                base_roles[name.lower()] = role
        self.roles = {**base_roles, **roles}
        self.settings = settings
        self.convention = settings.get("conv", "cross")
        self.base = int(settings.get("index_base", 0))
        self.layer = settings.get("layer_kind", "conv")
        self.bias_indexed = settings.get("bias_indexed", False)
        self.layout = settings.get("layouts") or settings.get("layouts_by_role", {})
        self.labels = settings.get("labels", {})         # role -> label offset in the forward
        self.symbols: dict[str, int] = {}
        self.sizes = sizes
        self.current = None                              # (letter, offset) of this equation
        self._grads: dict = {}
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
        given = _pair(self.settings.get("input", "")), _pair(self.settings.get("kernel", ""))
        if all(given):
            return [DocContext(self.roles, self.settings, given)]
        if self.layer == "fc":
            return [DocContext(self.roles, self.settings, FC_SIZES)]
        out = []
        for s in SMALL_SIZES:
            try:
                out.append(DocContext(self.roles, self.settings, s))
            except IndexError_:            # e.g. a centred kernel needs an odd size
                continue
        if not out:
            raise IndexError_("no small size fits the document's index formulas: add "
                              "<!-- symbp: layer=conv2d input=HxW kernel=KxK -->")
        return out

    def describe_sizes(self) -> str:
        return "; ".join(f"{a[0]}x{a[1]} input, {k[0]}x{k[1]} kernel" for a, k in SMALL_SIZES)

    def describe(self) -> str:
        (h, w), (kh, kw) = self.sizes
        if self.layer == "fc":
            return f"(W {h}x{w}, X {kh}x{kw})"
        return f"({h}x{w} input, {kh}x{kw} kernel, {self.convention}-correlation, " \
               f"{self.base}-based)".replace("true-correlation", "true convolution")

    def _build(self):
        (h, w), (kh, kw) = self.sizes
        sym = lambda p, *shape: np.array(  # noqa: E731
            [sp.Symbol(f"{p}_{''.join(map(str, ix))}") for ix in np.ndindex(*shape)],
            dtype=object).reshape(shape)
        if self.layer == "fc":
            self.K, self.X = sym("W", h, w), sym("X", kh, kw)
            cols = self.settings.get("fc_bias") == "cols"
            self.bias = sym("b", kw) if cols else sym("b", h)
            self.Z = self.K.dot(self.X) + (self.bias[None, :] if cols else self.bias[:, None])
            self.G = sym("g", h, kw)
            self.S = None
            self.origin = (self.base, self.base)
            return
        cin, cout = _pair(self.settings.get("channels", "1")) or (1, 1)
        self.X, self.K = sym("x", cin, h, w), sym("k", cout, cin, kh, kw)
        kern = self.K[:, :, ::-1, ::-1] if self.convention == "true" else self.K
        oh, ow = h - kh + 1, w - kw + 1
        if oh < 1 or ow < 1:
            raise IndexError_("the kernel is larger than the input")
        has_bias = "bias" in self.roles.values()
        self.bias = sym("b", cout, oh, ow) if self.bias_indexed else \
            np.array([[[sp.Symbol(f"b_{c}") if has_bias else sp.Integer(0)] * ow] * oh
                      for c in range(cout)], dtype=object)
        self.Z = np.empty((cout, oh, ow), dtype=object)
        for o, i, j in np.ndindex(cout, oh, ow):
            self.Z[o, i, j] = sp.Add(*[self.X[c, i + m, j + n] * kern[o, c, m, n]
                                       for c in range(cin) for m in range(kh) for n in range(kw)]) \
                + self.bias[o, i, j]
        self.G = sym("g", cout, oh, ow)
        self.S = sym("s", cin, h, w)                 # σ'(z) at the input's pre-activation
        for name, (role, axis) in self.settings.get("dims", {}).items():
            arr = self.view(role)
            if arr is not None and axis < arr.ndim:
                self.symbols.setdefault(name, arr.shape[axis])
        self.symbols.update({"#kr": kh, "#kc": kw})
        origin = self.settings.get("out_origins", {}).get(self.convention, self.settings.get("out_origin"))
        if origin is None:
            self.origin = (self.base, self.base)
        else:
            self.origin = tuple(_eval_size(o, self.symbols) for o in
                                (origin if isinstance(origin, tuple) else (origin, origin)))

    # ---- views in the document's index order
    _CANON = {"input": "CHW", "output": "CHW", "delta": "CHW", "preact_in": "CHW",
              "preact_grad": "CHW", "kernel": "OIHW", "bias": "CHW"}

    def view(self, role: str):
        key = ("view", role)
        if key not in self._grads:
            self._grads[key] = self._view(role)
        return self._grads[key]

    def _view(self, role: str):
        table = {"input": self.X, "kernel": self.K, "output": self.Z, "delta": self.G,
                 "preact_in": self.S, "bias": self.bias}
        arr = table.get(role)
        if arr is None or self.layer == "fc":
            return arr
        return self._doc_order(arr, role)

    def _doc_order(self, arr, role):
        canon = self._CANON[role]
        want = self.layout.get(role)
        if want is None:                                  # single channel: drop O/I/C axes of size 1
            drop = tuple(k for k, c in enumerate(canon) if c in "OIC")
            if any(arr.shape[k] != 1 for k in drop):
                raise IndexError_("a layer with several channels needs the index order: add "
                                  "<!-- symbp: ... layout: X=HWC K=HWIO Z=HWC -->")
            return arr.reshape([s for k, s in enumerate(arr.shape) if k not in drop])
        want = want.replace("O", "O").upper()
        if sorted(want) != sorted(canon):
            raise IndexError_(f"layout {want} for the {role} (expected the letters {canon})")
        return np.transpose(arr, [canon.index(c) for c in want])

    def origin_of(self, role, ndim: int = 2) -> tuple:
        """The first index of each axis of a tensor in the document's index order."""
        if role not in ("output", "delta", "bias") or self.layer == "fc":
            return (self.base,) * ndim
        lay = self.layout.get(role)
        if lay is None:
            return self.origin[:ndim] if ndim == 2 else (self.base,) * ndim
        return tuple(self.origin[0] if c == "H" else self.origin[1] if c == "W" else self.base
                     for c in lay)

    # ---- roles
    def tensor_names(self):
        return set(self.roles)

    def span(self) -> int:
        return max(max(self.sizes[0]), max(self.sizes[1]), 4) + 1

    def role(self, name: str, label) -> str:
        role = self.roles.get(name) or self.roles.get(name.rstrip("'"))
        if role is None:
            raise IndexError_(f"the name {name} has no role: say which it is, e.g. <!-- symbp: "
                              f"names: {name}=output_grad --> (roles: input, kernel, output, bias, "
                              "output_grad, preactivation, loss)")
        off = label_offset(label)
        if off is None or self.current is None or role not in ("output", "delta", "input"):
            return role
        d = off[1] - self.current[1]
        if role == "input":
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
        if len(outs) == 2:
            self.current = max(outs, key=lambda o: o[1])
        elif len(outs) == 1:
            self.current = next(iter(outs))

    # ---- values
    def _at(self, arr, pos, name, role):
        if pos is None:
            return arr
        origin = self.origin_of(role, arr.ndim)
        p = tuple(int(i) - o for i, o in zip(pos, origin))
        if len(pos) != arr.ndim or any(not 0 <= x < s for x, s in zip(p, arr.shape)):
            first = origin[0] if len(set(origin)) == 1 else origin
            raise OutOfRange(f"{name}{tuple(int(i) for i in pos)} does not exist (its shape is "
                             f"{'x'.join(map(str, arr.shape))}, indices from {first})")
        return arr[p]

    def entry(self, name, label, pos):
        role = self.role(name, label)
        if label in ("T", r"\top", r"\intercal") and pos is None:
            return self.entry(name, None, None).T
        if role == "bias" and self.layer != "fc" and not self.bias_indexed and pos is None:
            return self.bias.ravel()[0]
        if role == "preact_grad":
            return self._at(self.grad_array("preact_in"), pos, name, "input")
        if role == "preact_in":
            raise IndexError_(f"the pre-activation {name} outside σ'(…)")
        arr = self.view(role)
        if arr is None:
            raise IndexError_(f"no entries for the {role}")
        return self._at(arr, pos, name, role)

    def axis_bounds(self, name, label, axis):
        """(first index, length) of an axis of the named tensor, or None when unknown."""
        key = ("axis", name, label, axis, self.current)
        if key not in self._grads:
            self._grads[key] = self._axis_bounds(name, label, axis)
        return self._grads[key]

    def _axis_bounds(self, name, label, axis):
        try:
            role = self.role(name, label)
        except IndexError_:
            return None
        role = {"preact_in": "input", "preact_grad": "input"}.get(role, role)
        try:
            arr = self.view(role) if self.layer != "fc" else \
                {"input": self.X, "kernel": self.K, "output": self.Z, "delta": self.G,
                 "bias": self.bias}.get(role)
        except IndexError_:
            return None
        if arr is None or axis >= np.ndim(arr) or (role == "bias" and not self.bias_indexed):
            return None
        return self.origin_of(role, np.ndim(arr))[axis], arr.shape[axis]

    def grad_array(self, role):
        if role in self._grads:
            return self._grads[role]
        if role in ("output", "delta"):
            out = self.view("delta") if self.layer != "fc" else self.G
        elif role == "preact_in":
            out = self.grad_array("input") * self.view("preact_in")
        elif role == "bias" and self.layer != "fc" and not self.bias_indexed:
            out = np.array(sp.Add(*self.G.ravel()), dtype=object) if self.G.shape[0] == 1 else \
                np.array([sp.Add(*self.G[o].ravel()) for o in range(self.G.shape[0])], dtype=object)
        else:
            arr = self.view(role) if self.layer != "fc" else {"input": self.X, "kernel": self.K,
                                                              "bias": self.bias}[role]
            out = np.empty(arr.shape, dtype=object)
            pairs = list(zip(self.G.ravel(), self.Z.ravel()))
            for ix in np.ndindex(*arr.shape):
                s = arr[ix]
                out[ix] = sp.expand(sp.Add(*[g * z.coeff(s) for g, z in pairs if z.has(s)]))
        self._grads[role] = out
        return out

    def grad(self, name, label, pos):
        role = self.role(name, label)
        if role == "preact_grad":
            role = "preact_in"
        if role == "bias" and self.layer != "fc" and not self.bias_indexed:
            g = self.grad_array("bias")
            return g[()] if g.ndim == 0 else self._at(g, pos, name, "input")
        return self._at(self.grad_array(role), pos, name, "input" if role == "preact_in" else role)

    def jacobian(self, top, tlabel, tpos, bottom, blabel, bpos):
        scalar_bias = self.roles.get(bottom) == "bias" and not self.bias_indexed and self.layer != "fc"
        if tpos is None or (bpos is None and not scalar_bias):
            raise IndexError_(f"∂{top}/∂{bottom} between whole tensors is a Jacobian; symbp "
                              "checks its entries (∂y_{ij}/∂x_{pq})")
        if self.role(top, tlabel) != "output":
            raise IndexError_(f"∂{top}/∂{bottom}: only derivatives of the output are derived")
        z = self.entry(top, tlabel, tpos)
        brole = self.role(bottom, blabel)
        if brole == "preact_in":
            x = self._at(self.view("input"), bpos, bottom, "input")
            return _d(z, x) * self._at(self.view("preact_in"), bpos, bottom, "input")
        if brole == "bias" and self.layer != "fc" and not self.bias_indexed:
            return _d(z, self.bias.ravel()[0])
        return _d(z, self.entry(bottom, blabel, bpos))

    def activation(self, name, primes, arg, pos):
        if primes == 1 and isinstance(arg, Ref) and self.role(arg.name, arg.label) == "preact_in" \
                and self.S is not None:
            return self._at(self.view("preact_in"), pos, arg.name, "input")
        raise IndexError_(f"{name}{chr(39) * primes}(...) of something that is not the input's "
                          "pre-activation")

    def domains(self, lhs, free, positions_of):
        """The range of each free index: the axis of the tensor it indexes on the left."""
        from .index_claims import Grad, Jac
        found: dict[str, range] = {}

        def visit(ref, shape_role, value_role=None):
            if ref.idx is None:
                return
            arr = self.view(shape_role) if self.layer != "fc" else \
                {"input": self.X, "kernel": self.K, "output": self.Z, "delta": self.G,
                 "bias": self.bias}.get(shape_role)
            if arr is None:
                return
            origin = self.origin_of(value_role or shape_role, arr.ndim)
            for axis, e in enumerate(ref.idx):
                if isinstance(e, Ref) and e.idx is None and e.name in free and axis < arr.ndim:
                    found.setdefault(e.name, range(origin[axis], origin[axis] + arr.shape[axis]))

        def role_of(ref):
            r = self.role(ref.name, ref.label)
            return {"preact_in": "input", "preact_grad": "input"}.get(r, r)

        if isinstance(lhs, Grad):
            visit(lhs.ref, role_of(lhs.ref))
        elif isinstance(lhs, Jac):
            visit(lhs.top, role_of(lhs.top))
            visit(lhs.bottom, role_of(lhs.bottom))
        elif isinstance(lhs, Ref):
            visit(lhs, role_of(lhs))
        missing = [v for v in free if v not in found]
        if missing:
            raise IndexError_(f"cannot tell the range of index {', '.join(missing)}")
        return [found[v] for v in free]

    def other_convention(self) -> "DocContext | None":
        if self.layer == "fc":
            return None
        other = dict(self.settings, conv="true" if self.convention == "cross" else "cross")
        return DocContext(self.roles, other, self.sizes)


_DERIVATIVES: dict = {}


def _d(z, s):
    """∂z/∂s for a forward entry z (a polynomial of degree one in each entry), from a cached
    map of its terms; the same value as ``sp.diff(z, s)``."""
    if not isinstance(s, sp.Symbol):
        return sp.diff(z, s)
    table = _DERIVATIVES.get(z)
    if table is None:
        if len(_DERIVATIVES) > 20_000:
            _DERIVATIVES.clear()
        table = {}
        for t in sp.Add.make_args(sp.expand(z)):
            coeff, term = t.as_coeff_Mul()
            factors = sp.Mul.make_args(term)
            for f in factors:
                if isinstance(f, sp.Symbol):
                    rest = sp.Mul(*[g for g in factors if g is not f])
                    if f in rest.free_symbols:
                        table = None
                        break
                    table[f] = table.get(f, 0) + coeff * rest
            if table is None:
                break
        if table is None:
            return sp.diff(z, s)
        _DERIVATIVES[z] = table
    return table.get(s, sp.Integer(0))


def _bad_layer(name, label):
    raise IndexError_(f"{name}^{{{label}}} belongs to a layer this section does not set up")


def _eval_size(expr, symbols):
    from .index_eval import Evaluator
    ev = Evaluator.__new__(Evaluator)
    ev.ctx = type("S", (), {"symbols": symbols})()
    value = ev.scalar_index(expr, {})
    if getattr(value, "denominator", 1) == 1:
        value = int(value)
    if not isinstance(value, (int, sp.Integer)):
        raise IndexError_(f"the output's first index {value} is not a whole number at these sizes")
    return int(value)


# =========================================================================== inference

_ROLE_WORDS = {"input": "input", "kernel": "kernel", "filter": "kernel", "weight": "kernel",
               "weights": "kernel", "output": "output", "loss": "loss", "bias": "bias",
               "delta": "delta", "output_grad": "delta", "grad_output": "delta", "error": "delta",
               "preactivation": "preact_in", "pre-activation": "preact_in"}
_AXES = {"rows": 0, "cols": 1, "height": 0, "width": 1}


def directive_roles(text: str) -> dict:
    """``X=input K=kernel Y=output L=loss`` → {letter: role} (losses join :data:`LOSSES`)."""
    roles = {}
    for item in re.split(r"[\s,]+", text.strip()):
        if "=" in item:
            name, role = item.split("=", 1)
            word = _ROLE_WORDS.get(role.lower().split(".")[0])
            if word == "loss":
                LOSSES.add(name)
            elif word and "." not in role:
                roles[name] = word
    return roles


def directive_dims(text: str) -> dict:
    """``m=input.rows n=input.cols`` → {symbol: (role, axis)}."""
    dims = {}
    for item in re.split(r"[\s,]+", text.strip()):
        m = re.fullmatch(r"(\w+)=(\w+)\.(rows|cols|height|width)", item)
        if m and m.group(2).lower() in _ROLE_WORDS:
            dims[m.group(1)] = (_ROLE_WORDS[m.group(2).lower()], _AXES[m.group(3)])
    return dims


def directive_layouts(text: str, roles: dict) -> dict:
    """``Y=HWC W=HWIO`` → {role: layout}."""
    out = {}
    for item in re.split(r"[\s,]+", text.strip()):
        if "=" in item:
            name, lay = item.split("=", 1)
            if name in roles:
                out[roles[name]] = lay.upper()
                if roles[name] == "output":
                    out["delta"] = out["bias"] = lay.upper()
                if roles[name] == "input":
                    out["preact_in"] = lay.upper()
    return out


_ENTRY = re.compile(r"(\\?[A-Za-z]+)\s*_\s*\{?\s*(\d)\s*,?\s*(\d)\s*\}?")
_STRIP = [(re.compile(r"\\(?:boldsymbol|mathbf|bm)\s*\{([^{}]*)\}"), r"\1"),
          (re.compile(r"_\s*\{[^{}]*\}"), ""), (re.compile(r"\^\s*\{[^{}]*\}|\^\s*\w"), ""),
          (re.compile(r"\\(?:left|right)"), "")]


def infer_roles(latex: str) -> tuple[dict, dict]:
    """Roles and settings (conv, index_base, out_origin, dims, bias_indexed, labels) from one
    forward equation; IndexError_ when it is not one."""
    from .latex_atoms import LatexAtomError, split_top_level
    try:
        sides = split_top_level(latex, ("=",))
    except LatexAtomError:
        raise IndexError_("not a forward equation") from None
    if len(sides) < 2 or "\\partial" in latex:
        raise IndexError_("not a forward equation")
    roles, extra = {}, {}
    heads = [_first_ref(side) for side in sides]
    named = [k for k, h in enumerate(heads) if h is not None and h.name != r"\delta"
             and (h.idx is None or all(not isinstance(e, sp.Integer) for e in h.idx))]
    if not named or named[0] not in (0, len(sides) - 1) or re.search(r"\\sigma\s*'|f'|\\prime", latex):
        raise IndexError_("not a forward equation")
    out_side = named[0]
    plain = [s for s in sides]
    for pattern, repl in _STRIP:
        plain = [pattern.sub(repl, s) for s in plain]
    ops = [k for k, s in enumerate(plain) if k != out_side and "\\begin" not in s
           and re.search(r"\*|\\ast|\\star|\\otimes|conv", s)]
    if ops:
        k = ops[0]
        wrapped = re.search(r"\\sigma|\bf\s*\(|\bg\s*\(", plain[k])
        if not wrapped:
            roles[heads[out_side].name] = "output"
        m = re.search(r"(\\?[A-Za-z]+)\s*(?:\([^()]*\))?\s*(?:\*|\\ast|\\star|\\otimes)\s*(\\?[A-Za-z]+)",
                      plain[k]) or re.search(r"conv2?\s*\(\s*(\\?[A-Za-z]+)\s*,\s*(\\?[A-Za-z]+)", plain[k])
        if m:
            a, b = m.group(1), m.group(2)
            if a in KERNEL_LETTERS and b not in KERNEL_LETTERS:
                a, b = b, a
            roles[a], roles[b] = "input", "kernel"
            for bm in re.finditer(r"\+\s*(\\?[A-Za-z])", plain[k]):
                roles.setdefault(bm.group(1), "bias")
        if wrapped:
            roles.pop(heads[out_side].name, None)
    for k, side in enumerate(sides):
        if r"\sum" in side and k != out_side:
            try:
                _roles_from_index_forward(parse(side), roles, extra)
            except IndexError_:
                pass
            roles.setdefault(heads[out_side].name, "output")
            layouts = _channel_layouts(heads[out_side], side, roles)
            if layouts:
                extra["layouts_by_role"] = layouts
            if heads[out_side].label:
                extra.setdefault("labels_raw", {})["output"] = heads[out_side].label
            break
    if sum(r in ("input", "kernel") for r in roles.values()) < 2:
        entries = _ENTRY.findall(sides[-1])
        if not entries:
            raise IndexError_("no forward pattern recognised")
        biggest: dict[str, int] = {}
        for name, i, j in entries:
            biggest[name] = max(biggest.get(name, 0), int(i) * 10 + int(j))
        ordered = sorted(biggest, key=lambda n: -biggest[n])
        if len(ordered) < 2:
            raise IndexError_("no forward pattern recognised")
        a, b = ordered[0], ordered[1]
        if a in KERNEL_LETTERS and b not in KERNEL_LETTERS:
            a, b = b, a
        roles[a], roles[b] = "input", "kernel"
        roles.setdefault(heads[out_side].name, "output")
        for m in re.finditer(r"\+\s*(\\?[a-z])\s*(?:\\tag|$)", sides[-1]):
            roles[m.group(1)] = "bias"
        extra["index_base"] = 1 if min(int(i) for _, i, _ in entries) >= 1 else 0
    _labels(extra, roles, latex)
    return roles, extra


def _channel_layouts(out, side, roles) -> dict:
    """Index orders of a forward with channels (``out[o,i,j] = Σ_{c,u,v} x[c,i+u,j+v] W[o,c,u,v]``):
    indices that move with the window are rows then columns, the input's lone index its
    channel, the kernel's lone indices the output (a free index) and input channel."""
    try:
        refs = [r for r in _refs(parse(side)) if r.idx is not None]
    except IndexError_:
        return {}
    x = next((r for r in refs if roles.get(r.name) == "input"), None)
    k = next((r for r in refs if roles.get(r.name) == "kernel"), None)
    if x is None or k is None or out.idx is None or (len(x.idx) < 3 and len(k.idx) < 4):
        return {}
    lone = lambda e: e.name if isinstance(e, Ref) and e.idx is None else None  # noqa: E731
    moving = set().union(*(names_in(e) for e in x.idx if lone(e) is None))
    in_ch = next((lone(e) for e in x.idx if lone(e)), None)

    def order(idx, channel):
        it = iter("HW")
        return "".join(next(it, "?") if (lone(e) is None or lone(e) in moving) and lone(e) != channel
                       else channel for e in idx)
    free = {lone(e) for e in out.idx}
    lay_x = order(x.idx, "C")
    lay_out = "".join("C" if lone(e) not in moving else c for e, c in zip(out.idx, order(out.idx, "C")))
    it = iter("HW")
    lay_k = "".join("O" if lone(e) in free else "I" if lone(e) == in_ch else next(it, "?")
                    for e in k.idx)
    if "?" in lay_x + lay_out + lay_k or sorted(lay_k) != sorted("OIHW"):
        return {}
    return {"input": lay_x, "preact_in": lay_x, "output": lay_out, "delta": lay_out,
            "bias": lay_out, "kernel": lay_k}


def _first_ref(side):
    """The side as one name (``Y``, ``z^l_{i,j}``, ``O(i,j)``, ``\\boldsymbol{H}_{…}``), else None."""
    side = re.sub(r"\\boldsymbol\s*\{([^{}]*)\}", r"\1", side)
    side = re.sub(r"_\s*\{\s*\(?[a-z]\s*-?\s*\d?\)?\s*\\times[^{}]*\}", "", side)   # G_{p\times q}
    try:
        tree = parse(side)
    except IndexError_:
        return None
    if isinstance(tree, Op) and tree.kind == "call" and isinstance(tree.args[0], Ref):
        return tree.args[0]
    return tree if isinstance(tree, Ref) else None


def _labels(extra, roles, latex):
    """Offsets of the input's and kernel's labels relative to the output's (a^{l-1}: -1)."""
    out_label = extra.pop("labels_raw", {}).get("output")
    found = {}
    for name, role in roles.items():
        m = re.search(re.escape(name) + r"\)?\s*\^\s*\{([^{}]*)\}", latex) or \
            re.search(re.escape(name) + r"\)?\s*\^\s*([A-Za-z])", latex)
        if m and label_offset(m.group(1)):
            found[role] = label_offset(m.group(1))
    out = label_offset(out_label) if out_label else found.get("output")
    if out:
        extra["labels"] = {r: off[1] - out[1] for r, off in found.items() if off[0] == out[0]}


def _roles_from_index_forward(tree, roles, extra):
    """Input, kernel, bias; convention; base; where the output starts; size symbols."""
    sums = []
    node = tree
    terms = node.args if isinstance(node, Op) and node.kind == "add" else (node,)
    for t in terms:
        n = t
        while isinstance(n, Sum):
            sums.append(n)
            n = n.body
        parts = n.args if isinstance(n, Op) and n.kind == "add" else (n,)
        for part in parts:
            if isinstance(part, Ref) and part.name not in roles:
                roles[part.name] = "bias"
                extra["bias_indexed"] = part.idx is not None
            if isinstance(part, Op) and part.kind == "mul":
                _product_roles(part, sums, roles, extra)
    if any(s.lo is not None and s.lo == 1 for s in sums):
        extra["index_base"] = 1
    kernel = next((f for f in _refs(tree) if roles.get(f.name) == "kernel"), None)
    if kernel is not None:
        for s in sums:
            if s.hi is None:
                continue
            hi_syms = sorted(names_in(s.hi))
            for axis, e in enumerate(kernel.idx or ()):
                if isinstance(e, Ref) and e.name in s.vars and len(hi_syms) == 1:
                    extra.setdefault("dims", {})[hi_syms[0]] = ("kernel", axis)


def _refs(tree):
    out = []

    def walk(n):
        if isinstance(n, Ref):
            out.append(n)
        elif isinstance(n, Sum):
            walk(n.body)
        elif isinstance(n, Op):
            for a in n.args:
                if isinstance(a, (Ref, Sum, Op)):
                    walk(a)
    walk(tree)
    return out


def _product_roles(prod, sums, roles, extra):
    bound = {v for s in sums for v in s.vars}
    for f in prod.args:
        if not (isinstance(f, Ref) and f.idx is not None):
            continue
        used = set(free_vars(f))
        lone = all(isinstance(e, Ref) and e.idx is None for e in f.idx)
        mixed = [f2 for f2 in prod.args if isinstance(f2, Ref) and f2.idx is not None and f2 is not f
                 and not all(isinstance(e, Ref) and e.idx is None for e in f2.idx)]
        if used <= bound or (lone and mixed):
            roles.setdefault(f.name, "kernel")
            continue
        roles.setdefault(f.name, "input")
        origins, flipped = [], []
        for axis, e in enumerate(f.idx[:2]):
            terms = e.args if isinstance(e, Op) and e.kind == "add" else (e,)
            flip = any(isinstance(a, Op) and a.kind == "neg" and isinstance(a.args[0], Ref)
                       and a.args[0].name in bound for a in terms)
            const = [a for a in terms if not (isinstance(a, Ref) and a.idx is None)
                     and not (isinstance(a, Op) and a.kind == "neg" and isinstance(a.args[0], Ref)
                              and a.args[0].idx is None)]
            flipped.append(flip)
            # cross: index i + u + c sits at (i - origin) + (u - base), so origin = -c;
            # true convolution: i - u + c reaches back k - 1 entries, so origin = k - 1 - c
            minus_c = Op("neg", (Op("add", tuple(const)),)) if const else sp.Integer(0)
            origins.append((minus_c, Op("add", (Ref("#kr" if axis == 0 else "#kc", None, None),
                                                 sp.Integer(-1), minus_c))))
        extra["conv"] = "true" if any(flipped) else "cross"
        origins = origins * 2 if len(origins) == 1 else origins
        extra["out_origins"] = {"cross": tuple(o[0] for o in origins),
                                "true": tuple(o[1] for o in origins)}
        extra["out_origin"] = extra["out_origins"][extra["conv"]]
