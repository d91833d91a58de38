r"""Convolution written as a matrix product: the Toeplitz (doubly block circulant) matrix of
the kernel acting on the flattened input, and im2col.

How authors write it (read here):

* the forward ``y = C x``, ``h = Wa``, ``Y' = W X'``, ``\mathrm{vec}(Y) = C\,\mathrm{vec}(X)``
  (the section's output and input letters, flattened row by row; primes and ``vec`` allowed;
  the other letter becomes the layer's matrix);
* the backward ``\frac{\partial L}{\partial x} = C^T \frac{\partial L}{\partial y}``,
  ``\nabla_x L = C^\top \nabla_y L``, ``dx = C^T dy`` (a row-vector reading
  ``\frac{\partial L}{\partial y} C`` is accepted and said so);
* the matrix written out, ``C = \begin{pmatrix} w_{0,0} & w_{0,1} & 0 & \dots \end{pmatrix}``,
  compared entry by entry (a wrong entry is refuted with its row and column);
* im2col: ``Y = W_{col} X_{col}`` (CS231n: rows of ``X_{col}`` are (channel, kernel row, kernel
  column), its columns the output positions row by row; ``W_{col}`` the kernel reshaped to
  (out channels, in channels·KH·KW)), or ``Y = X_{col} W_{col}`` (the transposed layout), and the
  rules ``dW_{col} = dY X_{col}^T``, ``dX_{col} = W_{col}^T dY``.

The matrices are built from the section's layer (:class:`symbp.check.doc_names.DocContext`:
its sizes, stride, padding, convention); the gradients they are compared with come from the
chain rule over the layer's written-out output entries.  Equality is exact (``expand`` of each
entry's difference).  When the text leaves the stride or padding unsettled, the claim is
checked at every geometry tried and holds only if it holds at all of them.

Example::

    >>> from symbp.check.doc_names import DocContext
    >>> ctx = DocContext({"x": "input", "w": "kernel", "y": "output"},
    ...                  {"input": "3x3", "kernel": "2x2"})
    >>> mats = ConvMatrices()
    >>> mats.observe("y = C x", ctx).verdict
    'definition'
    >>> mats.check(r"\frac{\partial L}{\partial x} = C^T \frac{\partial L}{\partial y}", ctx).verdict
    'holds'
"""
from __future__ import annotations

import itertools
import re

import numpy as np
import sympy as sp

from .doc_activation import Verdict
from .entry_poly import coeff_sums
from .index_tree import IndexError_
from .doc_jacobian_chain import check_chain, stated_shapes
from .doc_written_product import blocks, doc_names_of, written_product
from .written_scalars import WrittenScalars
from .matrix_expr import ACCENTS, COL2IM, DELTA, VEC, evaluate, keys_in, parse_side, show

_MATRIX = re.compile(r"\\begin\{([pbBvV]?matrix)\}(.*)\\end\{\1\}", re.S)
_ENTRY = re.compile(r"(-?)\s*([A-Za-z])\s*_\s*\{?\s*(\d+)\s*,?\s*(\d+)?\s*\}?")
MAX_FLAT = 144                # rows/columns of a flattened matrix this reader builds (12x12 planes)
MAX_CHARS = 200_000           # a longer written matrix is not read


class ConvMatrices:
    """The matrix letters one section binds (``C`` of ``y = C x``, ``W_{col}``, ``X_{col}``)."""

    def __init__(self):
        self.stated: dict = {}    # (top, bottom) -> the (rows, cols) the section states
        self.form = None          # ("toeplitz", {key: part}) or ("im2col", {...})
        self._built: dict = {}    # (context, settings) -> the layer built at each size
        self.scalars = WrittenScalars()   # c_1 = a_1b_1 + a_2b_3: a small example's rows (written_scalars)

    def reset(self, displays=()) -> None:
        """A new section; ``displays``: its equations (the shapes they state, for chains of
        whole-tensor Jacobians)."""
        self.form, self._built = None, {}
        self.stated = stated_shapes(displays)
        self.scalars = WrittenScalars(displays)

    # ---- the forward
    def observe(self, latex: str, ctx) -> Verdict | None:
        """A ``definition`` verdict when ``latex`` writes the section's convolution as a matrix
        product of its flattened input (binding the matrix letters), else None."""
        if ctx is None or ctx.layer not in ("conv", "conv-transpose") or latex.count("=") != 1:
            return None
        lhs, rhs = latex.split("=")
        left, right = parse_side(lhs), parse_side(rhs)
        if not left or not right or left[1] or left[0][0] != "name":
            return None
        roles = {n.lower(): r for n, r in ctx.roles.items() if len(n) == 1}
        out_key = left[0][1]
        if roles.get(out_key[0].lower()) != "output" or out_key[1].split("~")[0] in ACCENTS:
            return None                       # \hat{Y}: another tensor than the output Y
        tree = right[0]
        if tree[0] != "mul" or len(tree[1]) != 2:
            return None
        flips = [f[0] == "T" and f[1][0] == "name" for f in tree[1]]
        if any(f[0] != "name" and not t for f, t in zip(tree[1], flips)):
            return None
        (a, b) = [(f[1] if t else f)[1] for f, t in zip(tree[1], flips)]
        ra, rb = roles.get(a[0].lower()), roles.get(b[0].lower())
        vec = bool(VEC.search(latex))
        what = "transposed convolution" if ctx.layer == "conv-transpose" else "convolution"
        if out_key[1] == "" and a[1] == "" and b[1] == "" and rb == "input" and ra != "input" and not flips[1]:
            self.form = ("toeplitz", {"out": out_key, "in": b, "mat": a, "side": "left", "T": flips[0], "vec": vec})
            return Verdict("definition", f"the {what} as a matrix product: {a[0]}{'ᵀ' if flips[0] else ''} "
                                         f"is the layer's matrix acting on the flattened input {b[0]} (row by row)")
        if out_key[1] == "" and a[1] == "" and b[1] == "" and ra == "input" and rb != "input" and not flips[0]:
            self.form = ("toeplitz", {"out": out_key, "in": a, "mat": b, "side": "right", "T": flips[1], "vec": vec})
            return Verdict("definition", f"the {what} as a matrix product of row vectors: {b[0]}{'ᵀ' if flips[1] else ''} "
                                         f"is the transpose of the layer's matrix, {a[0]} the flattened input")
        if ctx.layer == "conv" and not any(flips) and a[1] and b[1] and {ra, rb} == {"input", "kernel"}:
            cols = ra == "kernel"                       # W_col X_col: positions are columns
            w, x = (a, b) if cols else (b, a)
            self.form = ("im2col", {"out": out_key, "w": w, "x": x, "cols": cols})
            return Verdict("definition", f"im2col: {show(x)} holds the input's patches "
                                         f"({'one per column' if cols else 'one per row'}), "
                                         f"{show(w)} the kernel reshaped")
        return None

    # ---- claims
    def check(self, latex: str, ctx) -> Verdict | None:
        """The verdict on a gradient or written-out matrix claim about the bound matrices, or
        None when the display is not one (another reader takes it); first, a derivative of an
        entry a written-out row defines, where the section's layer does not name its letter."""
        if not _layer_letters(latex, ctx) and (written := self.scalars.check(latex)) is not None:
            return written
        if ctx is None or latex.count("=") != 1:
            return None
        if ctx.layer in ("conv", "conv-transpose") and latex.count(r"\begin{") >= 3 and \
                len(latex) <= MAX_CHARS and blocks(latex) is not None:       # [y] = [w …][x]: entries named
            return self._geometries(ctx, lambda inst: Verdict(*written_product(latex, inst)))
        chain = check_chain(latex, ctx, self.stated) if len(latex) <= MAX_CHARS else None
        if chain is not None:                  # ∂L/∂X = ∂L/∂O ∂O/∂X (doc_jacobian_chain)
            return chain
        if self.form is None:
            return None
        if len(latex) > MAX_CHARS:
            return Verdict("unchecked", f"a display of {len(latex)} characters: too long to read as a matrix")
        lhs, rhs = latex.split("=")
        matrix = _MATRIX.search(rhs)
        left = parse_side(lhs)
        if matrix and left and left[0][0] in ("name", "T"):
            return self._geometries(ctx, lambda inst: self._written(inst, left[0], matrix.group(2)))
        right = parse_side(rhs)
        if not left or not right or right[1] or left[1] or left[0][0] != "grad":
            return None
        known = set(self._keys()) | ({DELTA} if ctx.roles.get(r"\delta") == "delta" else set())
        if self.form[0] == "im2col":           # dX = col2im(dX_col): the input itself, folded back
            known |= {COL2IM, (self.form[1]["x"][0], "")}
        if not keys_in(right[0]) <= known or left[0][2] not in known:
            return None
        return self._geometries(ctx, lambda inst: self._gradient(inst, left[0], right[0]))

    def _keys(self):
        kind, part = self.form
        return [part["out"], part["in"], part["mat"]] if kind == "toeplitz" else \
            [part["out"], part["w"], part["x"]]

    def _geometries(self, ctx, judge) -> Verdict:
        """``judge`` at each size (and, with stride or padding unsettled, each geometry) tried."""
        settings = dict(ctx.settings)
        tries = [settings]
        if str(settings.get("padding", "")) == "unsettled" or str(settings.get("stride", "")) == "unsettled":
            base = {k: v for k, v in settings.items() if k not in ("padding", "stride")}
            pads = ["0", "1"] if str(settings.get("padding", "")) == "unsettled" else [settings.get("padding")]
            strides = ["1", "2"] if str(settings.get("stride", "")) == "unsettled" else [settings.get("stride")]
            tries = [{**base, "_geometry_tried": True, **({"padding": p} if p is not None else {}), **({"stride": s} if s is not None else {})}
                     for p in pads for s in strides]
        results = []
        for s in tries:
            try:
                key = (id(ctx), repr(sorted(s.items(), key=str)))
                if key not in self._built:
                    self._built[key] = (ctx, type(ctx)(ctx.roles, s).instances())
                for inst in self._built[key][1]:
                    results.append((inst, judge(inst)))
            except IndexError_ as err:
                if len(tries) == 1:
                    return Verdict("unchecked", str(err))
        if not results:
            return Verdict("unchecked", "no geometry of the section could be built")
        bad = [(i, v) for i, v in results if v.verdict != "holds"]
        many = len(results) > 1
        where = "; ".join(dict.fromkeys(i.describe().strip("()") for i, _ in results))
        if not bad:
            note = f" (checked at {where})" if many else ""
            return Verdict("holds", results[0][1].detail + note)
        if len(bad) == len(results) and all(v.verdict == "refuted" for _, v in bad):
            return Verdict("refuted", bad[0][1].detail + (f" (at {bad[0][0].describe().strip('()')}; "
                                                          f"refuted at every geometry tried)" if many else ""))
        if any(v.verdict == "refuted" for _, v in bad):
            inst, v = next((i, v) for i, v in bad if v.verdict == "refuted")
            return Verdict("unchecked", f"holds at some of the sizes tried but not at "
                                        f"{inst.describe().strip('()')}: {v.detail}; give the sizes, "
                                        "stride and padding, e.g. <!-- symbp: input=4x4 kernel=3x3 stride=1 padding=0 -->")
        return bad[0][1]

    # ---- the matrices of one instance
    def _tables(self, inst):
        """(values, gradients): key -> sympy Matrix, for one built layer (kept on it)."""
        cached = getattr(inst, "_matrix_tables", None)
        if cached is None or cached[0] != self.form:
            inst._matrix_tables = (self.form, self._build_tables(inst))
        return inst._matrix_tables[1]

    def _build_tables(self, inst):
        X, K, Z, G = inst.X, inst.K, inst.Z, inst.G
        nb, cin, h, w = X.shape
        _, cout, oh, ow = Z.shape
        if nb != 1:
            raise IndexError_("a batch in a matrix form: the flattening of the batch is not read")
        kind, part = self.form
        zero = {x: 0 for x in X.ravel()}
        z = [sp.expand(v) - sp.expand(v).xreplace(zero) for v in Z[0].ravel()]    # the bias taken off
        g = list(G[0].ravel())
        if kind == "toeplitz":
            if cin != 1 or cout != 1:
                raise IndexError_("several channels: the flattening order of a matrix form is not read "
                                  "(one channel only)")
            if h * w > MAX_FLAT or oh * ow > MAX_FLAT:
                raise IndexError_(f"{oh * ow}x{h * w}: too large a matrix to build")
            xs = list(X[0, 0].ravel())
            T = sp.Matrix(oh * ow, h * w, lambda r, c: z[r].coeff(xs[c]))
            chain = coeff_sums(g, z)            # Σ_i g_i ∂z_i/∂x_c, read off once (entry_poly)
            gx = sp.Matrix([chain(xc) for xc in xs])
            col = part["side"] == "left"
            vec = (lambda v: sp.Matrix(v)) if col else (lambda v: sp.Matrix([list(v)]))
            mat = T if col else T.T
            values = {part["out"]: vec(z), part["in"]: vec(xs), part["mat"]: mat.T if part["T"] else mat,
                      DELTA: vec(g)}
            grads = {part["out"]: vec(g), part["in"]: gx if col else gx.T}
            return values, grads
        if inst.convention == "true":
            raise IndexError_("im2col with true convolution: the flattened kernel's order is not settled")
        sr, sc = inst.strides
        pr, pc = inst.pads
        rows = [(c, m, n) for c in range(cin) for m in range(K.shape[2]) for n in range(K.shape[3])]
        pos = [(i, j) for i in range(oh) for j in range(ow)]
        if len(rows) * len(pos) > MAX_FLAT * MAX_FLAT // 4:
            raise IndexError_("too large an im2col matrix to build")
        at = lambda c, y, x: X[0, c, y, x] if 0 <= y < h and 0 <= x < w else sp.Integer(0)  # noqa: E731
        Xc = sp.Matrix(len(rows), len(pos), lambda r, q: at(rows[r][0], pos[q][0] * sr + rows[r][1] - pr,
                                                           pos[q][1] * sc + rows[r][2] - pc))
        Wc = sp.Matrix(cout, len(rows), lambda o, r: K[(o,) + rows[r]])
        Y = sp.Matrix(cout, len(pos), lambda o, q: z[o * len(pos) + q])
        if (Wc * Xc - Y).expand() != sp.zeros(cout, len(pos)):
            raise IndexError_("the section's layer is not the im2col product this reader builds")
        dY = sp.Matrix(cout, len(pos), lambda o, q: g[o * len(pos) + q])
        chain = coeff_sums(g, z)                # Σ_i g_i ∂z_i/∂v, read off once (entry_poly)
        dW = sp.Matrix(cout, len(rows), lambda o, r: chain(K[(o,) + rows[r]]))
        free = sp.Matrix(len(rows), len(pos), lambda r, q: sp.Symbol(f"xcol_{r}_{q}"))
        product = Wc * free
        loss = sum(dY[o, q] * product[o, q] for o in range(cout) for q in range(len(pos)))
        dXc = free.applyfunc(_linear_derivatives(loss, set(free)).__getitem__)
        plain = (part["x"][0], "")              # X itself: channels stacked, cin·H x W
        xs = [X[0, c, y, x] for c in range(cin) for y in range(h) for x in range(w)]
        image = sp.Matrix(cin * h, w, xs)
        dx = sp.Matrix(cin * h, w, [chain(xc) for xc in xs])

        def col2im(m):
            """The unfolded matrix folded back onto the input, overlapping entries summed."""
            m = m if part["cols"] else m.T
            if m.shape != (len(rows), len(pos)):
                raise ValueError(f"col2im of a {m.shape[0]}x{m.shape[1]} matrix: the unfolded input is "
                                 f"{len(rows)}x{len(pos)}")
            out = sp.zeros(cin * h, w)
            for (r, (c, mm, nn)), (q, (i, j)) in itertools.product(enumerate(rows), enumerate(pos)):
                y, x = i * sr + mm - pr, j * sc + nn - pc
                if 0 <= y < h and 0 <= x < w:
                    out[c * h + y, x] += m[r, q]
            return out.applyfunc(sp.expand)
        if part["cols"]:
            return ({part["out"]: Y, part["w"]: Wc, part["x"]: Xc, DELTA: dY, plain: image, COL2IM: col2im},
                    {part["out"]: dY, part["w"]: dW, part["x"]: dXc, plain: dx})
        return ({part["out"]: Y.T, part["w"]: Wc.T, part["x"]: Xc.T, DELTA: dY.T, plain: image, COL2IM: col2im},
                {part["out"]: dY.T, part["w"]: dW.T, part["x"]: dXc.T, plain: dx})

    def _gradient(self, inst, left, right) -> Verdict:
        values, grads = self._tables(inst)
        key = left[2]
        if key not in grads:
            return Verdict("unchecked", f"∂/∂{key[0]}: the matrix's entries are tied to the kernel, so its "
                                        "gradient as a free matrix is not the layer's")
        want = grads[key]
        name = show(key)
        right_form = self._correct(key)
        try:
            got = evaluate(right, values, grads)
        except (ValueError, sp.ShapeError) as err:
            return Verdict("refuted", f"the right side is not defined: {err}; {right_form}")
        if got.shape != want.shape:
            if self.form[0] == "toeplitz" and got.shape == want.T.shape and 1 in want.shape and \
                    (got - want.T).expand() == sp.zeros(*got.shape):
                self._witness(inst, key, right)
                return Verdict("holds", f"∂L/∂{name}, read as a row vector (numerator layout), equals the "
                                        "chain rule's entry by entry")
            return Verdict("refuted", f"the right side is {got.shape[0]}x{got.shape[1]} but ∂L/∂{name} is "
                                      f"{want.shape[0]}x{want.shape[1]}; {right_form}")
        found = _compare(got, want, f"∂L/∂{name}", inst)
        if found.verdict == "holds":
            self._witness(inst, key, right)
            return found
        return Verdict("refuted", f"{found.detail}; {right_form}")

    def _witness(self, inst, key, right) -> None:
        """The second witness (plain loops at random integers) for a convolution's "holds"."""
        if inst.layer != "conv":
            return
        from ..witness.matrix_witness import confirm_matrix
        (nb, cin, h, w), (cout, _, kh, kw) = inst.X.shape, inst.K.shape
        geometry = dict(batch=nb, cin=cin, cout=cout, h=h, w=w, kh=kh, kw=kw, stride=inst.strides,
                        pads=inst.pads, flip=inst.convention == "true")
        confirm_matrix(f"∂L/∂{show(key)}", self.form, key, right, geometry, evaluate)

    def _correct(self, key) -> str:
        """The chain rule's form of ∂L/∂(key) in the section's own letters."""
        kind, part = self.form
        d = lambda k: f"∂L/∂{show(k)}"  # noqa: E731
        if kind == "toeplitz":
            mat = show(part["mat"]) + ("" if part["T"] else "ᵀ")
            rule = {part["in"]: f"{mat} {d(part['out'])}" if part["side"] == "left" else f"{d(part['out'])} {mat}",
                    part["out"]: "the incoming gradient"}
        elif part["cols"]:
            rule = {part["w"]: f"{d(part['out'])} {show(part['x'])}ᵀ", part["x"]: f"{show(part['w'])}ᵀ {d(part['out'])}",
                    part["out"]: "the incoming gradient",
                    (part["x"][0], ""): f"col2im({show(part['w'])}ᵀ {d(part['out'])})"}
        else:
            rule = {part["w"]: f"{show(part['x'])}ᵀ {d(part['out'])}", part["x"]: f"{d(part['out'])} {show(part['w'])}ᵀ",
                    part["out"]: "the incoming gradient",
                    (part["x"][0], ""): f"col2im({d(part['out'])} {show(part['w'])}ᵀ)"}
        return f"the chain rule gives {d(key)} = {rule.get(key, '?')}"

    def _written(self, inst, left, body) -> Verdict:
        values, _ = self._tables(inst)
        trans = left[0] == "T"
        key = (left[1] if trans else left)[1]
        if key not in values:
            return Verdict("unchecked", f"{key[0]} is not a matrix of the section's matrix form")
        want = values[key].T if trans else values[key]
        rows = [r for r in re.split(r"\\\\", body) if r.strip()]
        cells = [[c.strip() for c in r.split("&")] for r in rows]
        if len({len(r) for r in cells}) != 1:
            return Verdict("unchecked", "rows of different lengths in the written matrix")
        kern = inst.view("kernel")
        base = inst.base
        if not inst.settings.get("base_given"):      # the matrix's own subscripts: w_{0,0} or w_{11}
            digits = [d for cell in sum(cells, []) for m in [_ENTRY.fullmatch(_squash(cell))] if m
                      for d in "".join(x for x in m.groups()[2:] if x)]
            base = 0 if "0" in digits else 1 if digits else base
        got = []
        for row in cells:
            out = []
            for cell in row:
                out.append(_cell(cell, kern, base))
                if out[-1] is None:
                    return Verdict("unchecked", f"entry '{cell}' of the written matrix is not read "
                                                "(0 or a kernel entry such as w_{1,1})")
            got.append(out)
        got = sp.Matrix(got)
        if got.shape != want.shape:
            sized = inst.settings.get("input") and inst.settings.get("kernel") and \
                not inst.settings.get("_geometry_tried")
            return Verdict("refuted" if sized else "unchecked",
                           f"the written matrix is {got.shape[0]}x{got.shape[1]}, the layer's is "
                           f"{want.shape[0]}x{want.shape[1]}" + ("" if sized else " at the sizes tried: give the "
                           "sizes, stride and padding (<!-- symbp: input=4x4 kernel=3x3 stride=1 padding=0 -->)"))
        name = show(key) + ("ᵀ" if trans else "")
        found = _compare(got, want, name, inst, "the layer's matrix has")
        if self.form[0] != "toeplitz":
            return found
        part = self.form[1]
        rows, cols = (_column_order(*shape) for shape in self._flat_shapes(inst))
        if trans ^ (part["side"] == "right") ^ part["T"]:
            rows, cols = cols, rows
        other = _compare(got, want.extract(rows, cols), name, inst, "")
        if (found.verdict == "holds") == (other.verdict == "holds"):
            return other if part["vec"] else found
        if part["vec"] and other.verdict == "holds":
            return Verdict("holds", other.detail.replace("row by row", "column by column, as vec stacks them"))
        if part["vec"]:
            return Verdict("unchecked", "the matrix holds with the tensors flattened row by row, but vec "
                                        "stacks columns (say which order the text means)")
        if other.verdict == "holds":
            return Verdict("unchecked", "the matrix holds only if the tensors are flattened column by column "
                                        "(the text does not say; flattened row by row it does not)")
        return found

    @staticmethod
    def _flat_shapes(inst):
        """(output plane, input plane) shapes of the flattened vectors."""
        return inst.Z.shape[2:], inst.X.shape[2:]


def _linear_derivatives(form, symbols: set) -> dict:
    """∂form/∂s for each s of ``symbols``, ``form`` linear in them (each expanded term holds one):
    the terms grouped by their symbol, read off in one pass (a diff per symbol took seconds)."""
    out: dict = {s: [] for s in symbols}
    for term in sp.Add.make_args(sp.expand(form)):
        held = [s for s in term.free_symbols if s in symbols]
        rest = term / held[0] if held else None     # degree 1 in held[0]: the rest is free of it
        if len(held) > 1 or (held and held[0] in rest.free_symbols):
            raise IndexError_("a form that is not linear in the unfolded entries")
        if held:
            out[held[0]].append(rest)
    return {s: sp.expand(sp.Add(*v)) for s, v in out.items()}


def _column_order(h: int, w: int) -> list:
    """Row-major positions listed in column-major order (vec's flattening)."""
    return [i * w + j for j in range(w) for i in range(h)]


def _squash(cell: str) -> str:
    return re.sub(r"\s+", "", cell)


def _cell(cell: str, kern, base):
    cell = _squash(cell)
    if re.fullmatch(r"0|\\cdot|\.", cell):
        return sp.Integer(0)
    m = _ENTRY.fullmatch(cell)
    if not m:
        return None
    digits = [m.group(3)] + ([m.group(4)] if m.group(4) else [])
    if len(digits) == 1 and kern.ndim == 2 and len(digits[0]) == 2:
        digits = list(digits[0])
    idx = tuple(int(d) - base for d in digits)
    if len(idx) != kern.ndim or any(not 0 <= i < n for i, n in zip(idx, kern.shape)):
        return None
    return -kern[idx] if m.group(1) else kern[idx]


def _compare(got, want, name, inst, source="the chain rule gives") -> Verdict:
    rename = doc_names_of(inst)
    got, want = got.xreplace(rename), want.xreplace(rename)
    for (r, c), v in np.ndenumerate(np.array(got - want, dtype=object)):
        if sp.expand(v) != 0:
            point = _separating_point(got[r, c], want[r, c])
            return Verdict("refuted", f"{name}, row {r + 1}, column {c + 1} (1-based, flattened row by row): "
                                      f"claimed {got[r, c]}, {source} {want[r, c]}; at the small integers "
                                      f"{_point(point, got[r, c], want[r, c])}: {got[r, c].subs(point)} ≠ {want[r, c].subs(point)}")
    return Verdict("holds", f"{name}: all {want.shape[0]}x{want.shape[1]} entries equal the chain rule's "
                            f"exactly (flattened row by row) {inst.describe()}")


def _separating_point(claimed, derived) -> dict:
    """Small distinct integers for the symbols of the two entries (1, 2, 3, …; then other
    distinct runs) at which ``claimed`` and ``derived`` differ; the first run if none separates
    (the entries then differ as polynomials but not at these points: the text still names both)."""
    symbols = sorted(claimed.free_symbols | derived.free_symbols, key=str)
    runs = [[k + 1 for k in range(len(symbols))], [2 * k + 1 for k in range(len(symbols))],
            [(k + 1) ** 2 + 1 for k in range(len(symbols))]]
    for run in runs:
        point = dict(zip(symbols, run))
        if sp.expand(claimed.subs(point) - derived.subs(point)) != 0:
            return point
    return dict(zip(symbols, runs[0]))


def _point(point, *exprs) -> str:
    used = set().union(*(e.free_symbols for e in exprs))
    return ", ".join(f"{s} = {point[s]}" for s in sorted(used, key=str)) or "any values"




def _layer_letters(latex: str, ctx) -> bool:
    """Whether the section's layer names a letter ``latex`` differentiates (``∂Y^c_{11}/∂K^c_{11}``
    under a conv forward is the index reader's)."""
    if ctx is None:
        return False
    tops = set(re.findall(r"\\partial\s*\{?\s*(\\?[A-Za-z]+)", latex))
    return any(n.split("^")[0].split("_")[0] in tops for n in ctx.roles)
