r"""Operator spellings inside index-notation claims that :mod:`symbp.check.index_claims`
hands over here: zero padding and flipping of a whole tensor.

* ``\text{pad}(A, p)``, ``\text{pad}_{p}(A)``, ``pad(A, p)``: A with p zeros added on both
  sides of each spatial axis (the last two; the last one in a 1-D section);
* ``\text{flip}(A)``, ``\operatorname{flip}(A)``: A turned by 180° on its spatial axes (the
  same as ``rot180``);
* ``\{ A \}``: a group (``\text{rot}_{180^\circ}\{K\}``);
* ``\lfloor p/k \rfloor`` in an index: rounded down (average pooling's ``δ_{⌊p/k⌋,⌊q/k⌋}``).

The tokenizer turns ``\text{pad}`` into the letters ``p a d``; :func:`read_operator` sees the
word (followed by ``(`` or ``_``) and reads its arguments.  Evaluation (numpy object arrays of
SymPy entries) is :func:`pad_spatial` and :func:`flip_spatial`.

Example::

    >>> from symbp.check.index_claims import parse        # the parser calls read_operator
    >>> parse(r"\text{pad}(\delta, k-1)").kind, parse(r"\text{pad}_{1}(D)").args[1]
    ('pad', 1)
    >>> parse(r"\text{flip}(K)").kind
    'rot'
    >>> import numpy as np
    >>> pad_spatial(np.array([[1, 2]], dtype=object), 1, 2).tolist()
    [[0, 0, 0, 0], [0, 1, 2, 0], [0, 0, 0, 0]]
"""
from __future__ import annotations

import numpy as np
import sympy as sp

from .index_subscripts import split_tokens
from .index_tree import IndexError_, Op, OutOfRange, Ref, _index_name, names_in

_WORDS = {"pad": "pad", "flip": "rot", "upsample": "up", "up": "up", "kron": "kron", "dilate": "dilate"}
# several-word names (``\text{zero\_pad}``, ``zero\_pad``: one token each) read as the operators
_NAMED_WORDS = {"zero_pad": "pad", "zeropad": "pad", "pad_zeros": "pad", "dilate": "dilate",
                "dilation": "dilate", "insert_zeros": "dilate"}


def read_operator(parser, tok: str):
    """The Op for ``pad``/``flip``/``up``/``kron``/``dilate`` spelled from the current token on,
    or None (nothing read); ``op(…)_{i,j}`` is the entry (i, j) of the result."""
    for word, kind in _WORDS.items():
        n = len(word)
        if tok != word[0] or "".join(parser.t[parser.i:parser.i + n - 1]) != word[1:] or \
                parser.peek(n - 1) not in ("(", "_", "{") or set(word) & set(parser.tensors) and kind == "up":
            continue
        parser.i += n - 1
        return _entry_of(parser, _read_kind(parser, kind))
    return None


def read_named_operator(parser, word: str):
    r"""``\text{zero\_pad}(A, p)``, ``zero\_pad_{p}(A)``, ``\text{insert\_zeros}(A, s-1)``:
    the Op of a several-word operator name (its token taken), or None (not such a name)."""
    kind = _NAMED_WORDS.get(word.lower())
    if kind is None or word in parser.tensors or parser.peek() not in ("(", "_", "{") or \
            parser.peek() == "_" and _after_script(parser.t, parser.i + 1) not in ("(", "{"):
        return None                             # zero_pad_{ij}: an entry of an array so named
    op = _read_kind(parser, kind)
    if word.lower() == "insert_zeros":                  # insert s-1 zeros: dilation by s
        if op.args[1] is None:
            raise IndexError_("insert_zeros(A) without how many zeros: write insert_zeros(A, s-1) or dilate_{s}(A)")
        op = Op("dilate", (op.args[0], Op("add", (op.args[1], 1))))
    return _entry_of(parser, op)


def _after_script(tokens: list, k: int):
    """The token after the subscript that starts at ``tokens[k]`` (``{…}`` or one token)."""
    if k >= len(tokens):
        return None
    if tokens[k] != "{":
        return tokens[k + 1] if k + 1 < len(tokens) else None
    depth = 0
    for j in range(k, len(tokens)):
        depth += {"{": 1, "}": -1}.get(tokens[j], 0)
        if depth == 0:
            return tokens[j + 1] if j + 1 < len(tokens) else None
    return None


def _entry_of(parser, op):
    """``op`` or, with a subscript after it (``\text{pad}_{1}(a)_{2i+m,2j+n}``), its entry."""
    if parser.peek() != "_":
        return op
    ref = parser.scripts("result", None)
    if not isinstance(ref, Ref) or ref.idx is None or ref.label is not None:
        raise IndexError_("an operator's result with a superscript or a transpose")
    return Op("call", (op, list(ref.idx)))


def _read_kind(parser, kind: str):
    """The arguments of a pad / flip / up / kron / dilate after its name."""
    if kind in ("up", "kron"):
        return _read_upsample(parser, kind)
    if kind == "dilate":
        return _read_dilate(parser)
    width = None
    if kind == "pad" and parser.peek() == "_":
        parser.take()
        width = _index_name(type(parser)(parser.braced_tokens(), parser.tensors).whole())
    if parser.peek() == "{":                        # flip{K}, pad_{1}{D}
        args = [type(parser)(parser.braced_tokens(), parser.tensors, parser.losses).whole()]
    else:
        args = parser.call_args(index=False)
    if kind == "rot":
        if len(args) != 1:
            raise IndexError_("flip takes one tensor")
        return Op("rot", (args[0],))
    if width is None and len(args) == 2:
        width, args = _index_name(args[1]), args[:1]
    if width is None or len(args) != 1:
        raise IndexError_("pad takes a tensor and its width: write pad(A, p) or pad_{p}(A)")
    return Op("pad", (args[0], width))


def _read_dilate(parser):
    r"""``dilate_{s}(A)``, ``dilate_s(A)``, ``dilate(A, s)``: Op('dilate', (A, s)), s-1 zeros
    between neighbouring entries on each spatial axis; ``dilate(A)``: (A, None), by the
    section's stride."""
    factor = None
    if parser.peek() == "_":
        parser.take()
        factor = _index_name(type(parser)(parser.braced_tokens(), parser.tensors).whole())
    if parser.peek() == "{":
        args = [type(parser)(parser.braced_tokens(), parser.tensors, parser.losses).whole()]
    else:
        args = parser.call_args(index=False)
    if factor is None and len(args) == 2:
        factor, args = _index_name(args[1]), args[:1]
    if len(args) != 1:
        raise IndexError_("dilate takes a tensor and its factor: write dilate_{s}(A) or dilate(A, s)")
    return Op("dilate", (args[0], factor))


def dilate_spatial(a, rows: int, cols: int, spatial: int = 2):
    """``a`` with rows-1 (cols-1) zeros between neighbouring entries of its last two axes (a
    1-D map: of its last axis); an n-long axis becomes (n-1)·s + 1 long.

    >>> dilate_spatial(np.array([[1, 2], [3, 4]], dtype=object), 2, 2).tolist()
    [[1, 0, 2], [0, 0, 0], [3, 0, 4]]
    """
    if not isinstance(a, np.ndarray) or a.ndim < spatial:
        raise IndexError_("dilate of something that is not a tensor")
    if rows < 1 or cols < 1:
        raise IndexError_(f"dilate by {min(rows, cols)}: the factor is at least 1")
    steps = (cols,) if spatial == 1 else (rows, cols)
    lead = a.ndim - len(steps)
    shape = a.shape[:lead] + tuple((n - 1) * s + 1 if n else 0 for n, s in zip(a.shape[lead:], steps))
    out = np.full(shape, sp.Integer(0), dtype=object)
    out[(slice(None),) * lead + tuple(slice(None, None, s) for s in steps)] = a
    return out


def dilated_kernel(kern, dilation, layer: str):
    """A convolution's kernel (out, in, kh, kw) with ``d - 1`` zeros between its taps for the
    section's ``dilation`` (rows, cols; None: 1), PyTorch's meaning: a dilated convolution is the
    plain one with this kernel.  A layer other than a convolution with a dilation is refused."""
    rows, cols = dilation or (1, 1)
    if (rows, cols) == (1, 1):
        return kern
    if layer != "conv":
        raise IndexError_(f"dilation {rows},{cols} is read for a convolution only")
    return dilate_spatial(kern, rows, cols)


def _read_upsample(parser, kind: str):
    r"""``up(A)`` / ``upsample(A)`` (each entry repeated over a stride-by-stride block),
    ``up(A, s)``, ``kron(A, 1_{a\times b})``: Op('up', (A, rows, cols)), rows/cols None for
    the section's stride."""
    parser.take("(")
    arg = parser.expr()
    rows = cols = None
    if parser.peek() == ",":
        parser.take()
        depth, raw = 0, []
        while depth > 0 or parser.peek() != ")":
            tok = parser.take()
            depth += {"(": 1, "{": 1, ")": -1, "}": -1}.get(tok, 0)
            raw.append(tok)
        if kind == "kron":                      # 1_{k\times k}, \mathbf{1}_{2 \times 2}
            raw = raw[3:] if raw[:3] == ["{", "1", "}"] else raw[1:] if raw[:1] == ["1"] else []
            if raw[:2] != ["_", "{"] or raw[-1:] != ["}"] or r"\times" not in raw:
                raise IndexError_("kron(A, 1_{a\\times b}): a block of ones written another way")
            k = raw.index(r"\times")
            rows = _index_name(type(parser)(raw[2:k], parser.tensors).whole())
            cols = _index_name(type(parser)(raw[k + 1:-1], parser.tensors).whole())
        else:
            rows = cols = _index_name(type(parser)(raw, parser.tensors).whole())
    elif kind == "kron":
        raise IndexError_("kron takes a tensor and a block of ones")
    parser.take(")")
    return Op("up", (arg, rows, cols))


def upsample_spatial(a, rows: int, cols: int, spatial: int = 2):
    """Each entry of ``a`` repeated over a rows-by-cols block (a 1-D map: over ``cols``)."""
    if not isinstance(a, np.ndarray) or a.ndim < spatial or rows < 1 or cols < 1:
        raise IndexError_("up / kron of something that is not a tensor, or by less than 1")
    out = np.repeat(a, cols, axis=-1)
    return np.repeat(out, rows, axis=-2) if spatial == 2 else out


def read_conv2(parser, full_conv: bool):
    """``conv2(A, B[, 'full'|'valid'|'same'])`` (MATLAB) or ``\\text{full\\_conv}(A, B)`` (a full
    convolution in the document's sense of ``*``), after its name."""
    if full_conv:
        args = parser.call_args(index=False)      # "full convolution" in the document's sense of *
        return Op("star", (args[0], args[1], "full"))
    parser.take("(")
    a = parser.expr()
    parser.take(",")
    b = parser.expr()
    shape = "full"
    if parser.peek() == ",":
        parser.take()
        parser.take("'")
        word = ""
        while parser.peek() != "'":
            word += parser.take()
        parser.take("'")
        shape = word
    parser.take(")")
    if shape not in ("full", "valid", "same"):
        raise IndexError_(f"conv2 shape '{shape}'")
    return Op("conv", (a, b, shape))


def read_rot(parser):
    """``rot180(A)``, ``rot_{180^\\circ}\\{A\\}``, ``rot180{A}``, after ``r``; ``rot180(A)_{m,n}``
    the entry (m, n) of the result."""
    parser.i += 2
    while parser.peek() in ("_", "^") or (parser.peek() or "").isdigit() or parser.peek() == r"\circ":
        tok = parser.take()
        if tok in ("_", "^"):
            parser.braced_tokens()
    if parser.peek() == "(":                  # rot180(w)_{m,n}: an entry of the rotated tensor
        args = parser.call_args(index=False)
        if len(args) != 1:
            raise IndexError_("rot180 takes one tensor")
        return _entry_of(parser, Op("rot", (args[0],)))
    arg = parser.factor()
    return Op("rot", (arg,))


def escaped_group(parser):
    r"""``\{ expr \}`` (as in ``\text{rot}_{180^\circ}\{K\}``): the expression inside."""
    parser.take(r"\{")
    depth, inner = 1, []
    while True:
        tok = parser.take()
        depth += {r"\{": 1, r"\}": -1}.get(tok, 0)
        if depth == 0:
            return type(parser)(inner, parser.tensors, parser.losses).whole()
        inner.append(tok)


def d_as_partial(num: list, den: list) -> tuple:
    r"""``\frac{dJ}{da_{11}}`` and ``\frac{\mathrm{d}J}{\mathrm{d}a_{11}}`` (tokens of the numerator
    and denominator): the same tokens with ``\partial`` for the upright or plain d, when both
    start with it and go on with a name; otherwise unchanged.

    >>> d_as_partial(["{", "d", "}", "J"], ["{", "d", "}", "a"])
    (['\\partial', 'J'], ['\\partial', 'a'])
    >>> d_as_partial(["d"], ["d", "x"])
    (['d'], ['d', 'x'])
    """
    def rest(tokens):
        if tokens[:3] == ["{", "d", "}"]:
            tokens = tokens[3:]
        elif tokens[:1] == ["d"]:
            tokens = tokens[1:]
        else:
            return None
        return tokens if tokens and (tokens[0].isalpha() or tokens[0].startswith("\\")) else None
    top, bottom = rest(num), rest(den)
    if top is None or bottom is None:
        return num, den
    return [r"\partial"] + top, [r"\partial"] + bottom


def floor_group(parser):
    r"""``\lfloor p/k \rfloor`` or a macro's ``\floor{p/k}``: Op('floor', (p/k,)), an index
    rounded down."""
    if parser.take() == r"\floor":
        return Op("floor", (type(parser)(parser.braced_tokens(), parser.tensors).whole(),))
    inner = parser.expr()
    parser.take(r"\rfloor")
    return Op("floor", (inner,))


def pad_spatial(a, width: int, spatial: int = 2):
    """``a`` (an object array) with ``width`` zeros on both sides of its last ``spatial``
    axes; IndexError_ for a negative width or an entry (not a tensor)."""
    if not isinstance(a, np.ndarray) or a.ndim < spatial:
        raise IndexError_("pad of something that is not a tensor")
    if width < 0:
        raise IndexError_(f"pad by {width}")
    lead = a.ndim - spatial
    out = np.full(a.shape[:lead] + tuple(s + 2 * width for s in a.shape[lead:]), sp.Integer(0),
                  dtype=object)
    out[(slice(None),) * lead + tuple(slice(width, width + s) for s in a.shape[lead:])] = a
    return out


def flip_spatial(a, spatial: int = 2):
    """``a`` reversed along its last ``spatial`` axes (rot180 of a map; a 1-D map reversed)."""
    if not isinstance(a, np.ndarray) or a.ndim < spatial:
        raise IndexError_("rot180 / flip of something that is not a tensor")
    return a[(Ellipsis,) + (slice(None, None, -1),) * spatial].copy()


def sum_condition(sub: list, parser):
    r"""``\sum_{p,q:\, pS+m=i,\ qS+n=j}`` / ``\sum_{k \mid k < n}`` / ``\sum_{(m,n) \in R_{i,j}}`` (tokens of the subscript):
    (the index names, the condition as a 0/1 factor) -- ``Op('cases', ((1, condition), (0, None)))``
    read by :mod:`symbp.check.index_cases` -- or (``sub``, None) when there is no ``:``/``|``."""
    from .index_cases import _condition
    from .pool_windows import window_membership
    cut = next((k for k, t in enumerate(sub) if t in (":", "|", r"\mid", r"\colon")), None)
    if cut is None and r"\in" in sub and (member := window_membership(sub)) is not None:   # (m,n) \in R_{i,j}
        return [t for t in sub[:sub.index(r"\in")] if t not in ("(", ")", ",")], Op("cases", ((1, member), (0, None)))
    if cut is None:
        return sub, None
    names, rest = [t for t in sub[:cut] if t not in ("(", ")")], sub[cut + 1:]      # \sum_{(i,j) : …}
    if not names or not rest:
        raise IndexError_("a sum over a set with an empty index or condition")
    cond = _condition(rest, parser)
    if cond is None:
        raise IndexError_("a sum over a set whose condition is not read")
    return names, Op("cases", ((1, cond), (0, None)))


def substack_rows(sub: list, parser) -> tuple[list, list]:
    r"""``\sum_{\substack{m,n \\ i=m+p}}`` (tokens of the subscript): (the first row's tokens,
    one ``Op('iverson', (lhs, rhs))`` per equality of the other rows, split at ``,``/``;``); a
    subscript without ``\substack`` comes back as it is, with no constraints.  ``parser``: the
    claim's parser (its class reads each side)."""
    if not sub or sub[0] != r"\substack":
        return sub, []
    rows, cur = [], []
    for tok in type(parser)(sub[1:], parser.tensors).braced_tokens():
        if tok == "\\\\":
            rows.append(cur)
            cur = []
        else:
            cur.append(tok)
    rows.append(cur)
    constraints = []
    for row in rows[1:]:
        for part in split_tokens(row, (",", ";")):
            if "=" not in part:
                raise IndexError_("a sum condition that is not an equality")
            k = part.index("=")
            constraints.append(Op("iverson", (type(parser)(part[:k], parser.tensors).whole(),
                                              type(parser)(part[k + 1:], parser.tensors).whole())))
    return rows[0], constraints


def solved_sum(names: list, cond, body):
    r"""``\sum_{i,m:\, 2p+m=i} f`` → (["m"], f with i := 2p+m): each equality of the condition
    that gives a summed index alone on one side (and not on the other) replaces that index and
    leaves the sum (the same terms: the other values of it contribute 0); the rest stays a
    factor.  ``cond``: the Op('cases') of :func:`sum_condition`."""
    parts = list(cond.args[0][1].args) if cond.args[0][1].kind == "all" else [cond.args[0][1]]
    kept = []
    for part in parts:
        (a, b), rels = part.args if part.kind == "cmp" and len(part.args[0]) == 2 else ((None, None), None)
        var, expr = (a.name, b) if isinstance(a, Ref) and a.idx is None and a.name in names else \
            (b.name, a) if isinstance(b, Ref) and b.idx is None and b.name in names else (None, None)
        if rels != ("=",) or var is None or var in names_in(expr) or len(part.args[0]) != 2:
            kept.append(part)
            continue
        names = [n for n in names if n != var]
        body = substitute(body, var, expr)
        kept = [substitute(k, var, expr) for k in kept]
    if kept:
        body = Op("mul", (Op("cases", ((1, kept[0] if len(kept) == 1 else Op("all", tuple(kept))), (0, None))), body))
    return names, body


def substitute(node, var: str, expr):
    """``node`` with the free index ``var`` replaced by ``expr`` (an index tree)."""
    from .index_tree import Grad, Jac, Sum
    if isinstance(node, Ref):
        if node.idx is None:
            return expr if node.name == var else node
        return Ref(node.name, node.label, tuple(substitute(e, var, expr) for e in node.idx))
    if isinstance(node, Sum):
        if var in node.vars:
            return node
        return Sum(node.vars, substitute(node.lo, var, expr), substitute(node.hi, var, expr),
                   substitute(node.body, var, expr))
    if isinstance(node, Grad):
        return Grad(substitute(node.ref, var, expr))
    if isinstance(node, Jac):
        return Jac(substitute(node.top, var, expr), substitute(node.bottom, var, expr))
    if isinstance(node, Op):
        return Op(node.kind, tuple(tuple(substitute(x, var, expr) for x in a) if isinstance(a, tuple)
                                   else substitute(a, var, expr) for a in node.args))
    return node


def ones_block(parser):
    r"""After ``⊗``: a block of ones ``1_{a\times b}``, ``\mathbf{1}_{k\times k}``,
    ``\mathbb{1}_{2\times 2}`` (its tokens taken): (rows, cols) index expressions; or None
    (nothing taken).  ``δ ⊗ 1_{2×2}`` is the Kronecker product: each δ entry repeated over a
    2-by-2 block (average pooling's upsampling)."""
    k = parser.i
    if parser.peek() == r"\mathbb":
        k += 1
    toks = parser.t[k:k + 3]
    if toks[:1] == ["1"]:
        k += 1
    elif toks == ["{", "1", "}"]:
        k += 3
    else:
        return None
    if parser.t[k:k + 2] != ["_", "{"]:
        return None
    end = k + 2
    depth = 1
    while end < len(parser.t) and depth:
        depth += {"{": 1, "}": -1}.get(parser.t[end], 0)
        end += 1
    inner = parser.t[k + 2:end - 1]
    if depth or r"\times" not in inner:
        return None
    cut = inner.index(r"\times")
    rows = _index_name(type(parser)(inner[:cut], parser.tensors).whole())
    cols = _index_name(type(parser)(inner[cut + 1:], parser.tensors).whole())
    parser.i = end
    return rows, cols


def correlate(x: np.ndarray, k: np.ndarray, mode: str = "cross", shape: str = "valid") -> np.ndarray:
    """2-D cross-correlation (mode 'cross') or true convolution ('true') of object matrices;
    shape 'valid', 'full' or 'same' as in MATLAB's conv2.

    >>> correlate(np.array([[1, 2], [3, 4]], dtype=object), np.array([[1]], dtype=object)).tolist()
    [[1, 2], [3, 4]]
    """
    if x.ndim != 2 or k.ndim != 2:
        raise IndexError_("a convolution of tensors that are not matrices")
    kk = k[::-1, ::-1] if mode == "true" else k
    kh, kw = kk.shape
    h, w = x.shape
    if shape in ("full", "same"):
        pad = np.full((h + 2 * (kh - 1), w + 2 * (kw - 1)), sp.Integer(0), dtype=object)
        pad[kh - 1:kh - 1 + h, kw - 1:kw - 1 + w] = x
        x = pad
    oh, ow = x.shape[0] - kh + 1, x.shape[1] - kw + 1
    if oh < 1 or ow < 1:
        raise OutOfRange(f"the {kh}x{kw} kernel is larger than the {h}x{w} input")
    out = np.empty((oh, ow), dtype=object)
    for i in range(oh):
        for j in range(ow):
            out[i, j] = sp.Add(*[x[i + m, j + n] * kk[m, n] for m in range(kh) for n in range(kw)])
    if shape == "same":                     # MATLAB: the central part, the size of x
        r0, c0 = kh // 2, kw // 2
        out = out[r0:r0 + h, c0:c0 + w]
    return out


_SHAPES = ("full", "valid", "same")


def operator_shape(parser) -> str | None:
    r"""After ``*`` / ``\ast`` / ``\star`` / ``\circledast`` / ``\otimes``: the shape its subscript
    writes, ``*_{full}``, ``\ast_{\text{full}}``, ``*_{\mathrm{valid}}``, ``\circledast_{same}``
    (its tokens taken): 'full', 'valid' or 'same', as MATLAB's conv2 means them (a full one
    zero-pads by the kernel less one); None where no such subscript follows (nothing taken).
    Any other subscript on the operator (``*_{s}``, a stride?) is not read."""
    if parser.peek() != "_":
        return None
    k = parser.i + 1
    if parser.peek(1) == "{":
        end, depth = k + 1, 1
        while end < len(parser.t) and depth:
            depth += {"{": 1, "}": -1}.get(parser.t[end], 0)
            end += 1
        inner = parser.t[k + 1:end - 1]
    else:
        inner, end = parser.t[k:k + 1], k + 1
    word = "".join(tok for tok in inner if tok not in ("{", "}")).lower()
    if word not in _SHAPES:
        raise IndexError_(f"an operator with the subscript '{''.join(inner)}' (read: *_{{full}}, *_{{valid}}, *_{{same}})")
    parser.i = end
    return word
