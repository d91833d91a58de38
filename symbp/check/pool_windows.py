r"""Pooling backward written per input entry with the output's indices left to the window:
``\frac{\partial L}{\partial x_{m,n}} = \frac{1}{k^2} \frac{\partial L}{\partial y_{i,j}}`` "for
(m,n) in the window R_{i,j}", ``\begin{cases} \frac{\partial L}{\partial O_{m,n}} & \text{if }
I_{i,j} \text{ was the maximum in the pooling region} \\ 0 & \text{otherwise} \end{cases}``.

How authors write it (read here):

* the output's indices free on the right only (``(i,j)`` the window that holds ``(m,n)``): each
  such letter, written bare as a row or column index of the output, its gradient or δ, is bound
  to the windows that hold the left side's input entry (:func:`window_binder`).  One window per
  entry (non-overlapping windows): the claim is checked as written.  An entry in several windows
  (overlapping windows): refuted only at an argmax pattern (a feasible one) where every choice of
  window disagrees with the chain rule, else unchecked naming the windows; an entry in no window
  is not compared (the claim speaks of entries in a window);
* the condition in words (:func:`worded_max`): an entry, or the pair of its indices, followed by
  words that say it is the window's maximum ("is the max", "was the maximum in the pooling
  region", "is the arg-max in that window", "最大值", "最大", "최대", "máximo", "الأكبر"), or
  ``(i,j) = (i^*, j^*)`` (a starred pair: the argmax); a negated phrase is not read.  It is the
  indicator that the entry holds the maximum of its one window (``Op("ismax_own")``); an entry in
  several windows leaves it unread (which window is not said).

Example::

    >>> from symbp.check.index_claims import tokenize
    >>> worded_max(tokenize(r"I_{i,j} \text{ was the maximum in the pooling region}"))[0]
    ['I', '_', '{', 'i', ',', 'j', '}']
    >>> worded_max(tokenize(r"I_{i,j} \text{ was not the maximum}")) is None
    True
"""
from __future__ import annotations

import re

import sympy as sp

from .index_tree import Grad, IndexError_, Jac, Op, Ref, Sum, names_in
from .tree_maps import map_refs

# the words of a condition come as one run of letters (the reader drops spaces): substrings
_MAX_WORDS = re.compile(r"max|largest|greatest|biggest|máx|最大|최대|أكبر|عظمى|قصوى")
_NOT_WORDS = re.compile(r"not|non|no|never|except|不|非|没|아닌|아니|않|ليس|غير|لا")


# =========================================================================== conditions in words

def worded_max(tokens: list):
    """(entry tokens or ``"pair"`` letters, 'words') when ``tokens`` (a cases condition after its
    *if* word) say an entry or an index pair is the window's maximum; else None."""
    toks = [t for t in tokens if t not in ("&", ";", r"\;", r"\,", r"\quad")]
    while toks and toks[-1] in (",", ".", "。"):
        toks = toks[:-1]
    head, rest = _entry_head(toks)
    if head is None:
        return None
    if not rest or any(t in ("=", "<", ">", r"\le", r"\ge", r"\neq", r"\leq", r"\geq") for t in rest):
        return _starred(toks)
    words = "".join(t[2:] if t.startswith("\\N") else t for t in rest
                    if t.startswith("\\N") or t.isalpha()).lower()
    if not _MAX_WORDS.search(words) or _NOT_WORDS.search(words):
        return None
    return head, words


def _entry_head(toks: list):
    """(head, rest): a leading entry ``x_{m,n}`` (a letter, its scripts) or pair ``(u,v)``."""
    if len(toks) >= 5 and toks[0] == "(" and toks[4] == ")" and toks[2] == "," and \
            all(len(t) == 1 and t.isalpha() for t in (toks[1], toks[3])):
        return ("pair", toks[1], toks[3]), toks[5:]
    if not toks or not (toks[0].isalpha() and len(toks[0]) == 1 or toks[0] in (r"\delta", r"\hat")):
        return None, toks
    k = 1
    while k < len(toks) and toks[k] in ("_", "^"):
        if k + 1 >= len(toks):
            return None, toks
        if toks[k + 1] != "{":
            k += 2
            continue
        depth, j = 0, k + 1
        while j < len(toks):
            depth += {"{": 1, "}": -1}.get(toks[j], 0)
            if depth == 0:
                break
            j += 1
        k = j + 1
    if k == 1:
        return None, toks
    return list(toks[:k]), toks[k:]


def _starred(toks: list):
    """``(i,j) = (i^*, j^*)``: the pair is the argmax."""
    text = "".join(toks).replace(r"\ast", "*").replace("{*}", "*")
    m = re.fullmatch(r"\(([A-Za-z]),([A-Za-z])\)=\(([A-Za-z])\^\*,([A-Za-z])\^\*\)", text)
    if not m or (m.group(1), m.group(2)) != (m.group(3), m.group(4)):
        return None
    return ("pair", m.group(1), m.group(2)), "starred"


def read_worded(tokens: list, parser):
    """Op("ismax_own", (entry,)) for a condition :func:`worded_max` reads (an index pair: the
    entry is the claim's left side's, resolved by :func:`resolve_left`), else None."""
    found = worded_max(tokens)
    if found is None:
        return None
    head, _ = found
    if head[0] == "pair":
        return Op("ismax_own", (("pair", head[1], head[2]),))
    return Op("ismax_own", (parser.__class__(head, parser.tensors, parser.losses).whole(),))


def resolve_left(tree, lhs):
    """``tree`` with each ``ismax_own`` of an index pair made the left side's entry (``lhs``: a
    Grad of an entry); IndexError_ for another left side or where the pair's letters are not the left
    entry's last two indices (``(u,v)`` of ``x_{2p+u,2q+v}``, ``(i,j)`` of ``I_{i,j}``)."""
    if isinstance(tree, Op) and tree.kind == "ismax_own" and isinstance(tree.args[0], tuple):
        ref = lhs.ref if isinstance(lhs, Grad) else None      # δ^{[A]}_{…}: not read as ∂L/∂A here
        if ref is None or not ref.idx or len(ref.idx) < 2:
            raise IndexError_("an index pair called the maximum beside a left side that is not ∂L/∂(an entry)")
        letters = tree.args[0][1:]
        for letter, e in zip(letters, ref.idx[-2:]):
            if letter not in names_in(e):
                raise IndexError_(f"the condition's ({letters[0]},{letters[1]}) is not the left entry's position")
        return Op("ismax_own", (ref,))
    if isinstance(tree, Op):
        return Op(tree.kind, tuple(resolve_left(a, lhs) if isinstance(a, Op) else
                                   tuple(resolve_left(x, lhs) if isinstance(x, Op) else x for x in a)
                                   if isinstance(a, tuple) else a for a in tree.args))
    return tree


def own_window_max(ev, n, env, lhs=None):
    """The value of ``ismax_own``: χ of the entry in the one window that holds it (0 in none)."""
    ctx = ev.ctx
    if getattr(ctx, "window_cells", None) is None:
        raise IndexError_("'the maximum' in words outside a max-pooling section")
    ref = n.args[0]
    if isinstance(ref, tuple):
        raise IndexError_(f"the condition's ({ref[1]},{ref[2]}) is not tied to the left side's entry")
    x = ev.value(ref, env)
    if not isinstance(x, sp.Symbol) or x not in set(ctx.X.ravel()):
        raise IndexError_("the entry the condition calls the maximum is not one of the input's")
    holding = [cells for cells in ctx.window_cells.values() if any(c == x for c, _ in cells)]
    if not holding:
        return sp.Integer(0)
    if len(holding) > 1:
        raise IndexError_(f"{x} is in {len(holding)} overlapping windows: the condition does not say "
                          f"which window's maximum it is")
    return next(chi for c, chi in holding[0] if c == x)


_STARS = ("*", r"\ast", r"\star")


def star_argmax(ctx, trees) -> tuple:
    r"""``\frac{\partial L}{\partial x_{2h+i^*,2w+j^*}} = \frac{\partial L}{\partial y_{h,w}}`` (``(i^*, j^*)`` the
    argmax of window (h, w)) in a max-pooling section: (the trees with the starred letters plain
    and each right side read only where the left entry is its window's maximum, elsewhere equal
    to the left side, so the claim says nothing of the other entries; a note), or (``trees``, "")
    where the left side writes no starred index or the section is not max pooling.  A letter
    written both starred and plain is not read (IndexError_); an entry in two windows leaves
    the claim unchecked (:func:`own_window_max`)."""
    lhs = trees[0]
    if ctx.layer != "pool-max" or not isinstance(lhs, Grad) or not lhs.ref.idx:
        return trees, ""
    starred, plain_seen = set(), set()

    def plain(ref):
        if ref.idx is None and ref.label in _STARS:
            starred.add(ref.name)
            return Ref(ref.name, None, None)
        plain_seen.update([ref.name] if ref.idx is None else [])
        return ref
    entry = map_refs(lhs, plain).ref
    if not starred:
        return trees, ""
    rights = [map_refs(t, plain) for t in trees[1:]]
    if starred & plain_seen:
        raise IndexError_(f"{', '.join(sorted(starred & plain_seen))} written both with a star (the argmax) and without")

    def letters(n) -> set:                       # every index letter a side writes, inside ∂L/∂y_{h,w} too
        if isinstance(n, Grad):
            return names_in(n.ref)
        if isinstance(n, Op):
            return set().union(set(), *(letters(a) for a in n.args if isinstance(a, (Ref, Grad, Op, Sum))))
        return letters(n.body) - set(n.vars) if isinstance(n, Sum) else names_in(n)
    written = set().union(*map(letters, rights))
    loose = sorted(names_in(entry) - starred - written - set(getattr(ctx, "symbols", {})))
    if loose:                                    # x_{2h+i^*, 2w+j}: every j, not only the maximum's
        raise IndexError_(f"the left entry's {', '.join(loose)} has no star: it names entries that are not "
                          "the window's maximum")
    _star_axes(ctx, entry, starred, rights)
    cond = Op("ismax_own", (entry,))
    named = ", ".join(f"{n}^*" for n in sorted(starred))
    return [Grad(entry)] + [Op("cases", ((t, cond), (Grad(entry), None))) for t in rights], \
        f"read where the left entry is its window's maximum ({named}: the argmax)"


def _star_axes(ctx, entry, starred: set, rights) -> None:
    r"""IndexError_ where a starred claim's letters do not stand where the section's forward writes
    them (``settings["window_letters"]``: each spatial axis's offset and output letter): ``X_{2h+j^*,
    2w+i^*}`` under ``X_{2h+i,2w+j}``; and, for the argmax's absolute position (``X_{i^*,j^*}``, whose
    window is found by position), a right side that orders the output letters otherwise (``Y_{w,h}``);
    and a section whose forward does not give them (a directive alone ties no letter to an axis)."""
    spatial = [e for e in entry.idx if names_in(e) & starred]
    letters = ctx.settings.get("window_letters")
    absolute = any(not (names_in(e) - starred - set(getattr(ctx, "symbols", {}))) for e in spatial)
    if letters is None:                          # a directive alone: nothing says i^* is the row's offset
        raise IndexError_("the argmax is starred, and no forward of the section says which letter is the row's "
                          "(write the forward, y_{h,w} = \\max_{i,j} x_{2h+i,2w+j})")
    offsets, outs = letters
    if len(spatial) != len(offsets):
        raise IndexError_(f"the left entry stars {len(spatial)} of the window's {len(offsets)} axes")
    for axis, e in enumerate(spatial):
        star = sorted(names_in(e) & starred)
        if len(star) != 1 or (star[0] in offsets and star[0] != offsets[axis]):
            raise IndexError_(f"{', '.join(star)}^* stands where the forward's window offset is {offsets[axis]}")
    if absolute:
        for ref in (r for t in rights for r in _refs(t) if r.idx):
            order = [e.name for e in ref.idx if isinstance(e, Ref) and e.idx is None and e.name in outs]
            if order and order != [o for o in outs if o in order]:
                raise IndexError_(f"the right side writes {ref.name} with {', '.join(order)}, which the forward "
                                  f"writes {', '.join(o for o in outs if o in order)}")


def _refs(tree) -> list:
    """Every tensor entry of a tree (through gradients, sums and operators)."""
    found = []
    map_refs(tree, lambda r: found.append(r) or r)
    return found


def window_offset_ranges(ctx, lhs, free, found) -> dict:
    """Ranges of a pooling claim's letters written only in the left entry's indices as
    ``s p + u`` (``\\frac{\\partial L}{\\partial X_{2p+u,2q+v}}``, ``X_{i \\cdot s + a}``): p over the
    output's rows (columns), u over the window's offsets, where s is the section's stride on that
    axis and the indices count from 0; {} for anything else."""
    ref = lhs.ref if isinstance(lhs, Grad) else lhs
    if ctx.layer not in ("pool-max", "pool-avg") or ctx.base != 0 or not isinstance(ref, Ref) or \
            not ref.idx or len(ref.idx) < 2:
        return {}
    out, (kh, kw), strides = {}, ctx.K.shape[-2:], getattr(ctx, "strides", (1, 1))
    outs = ctx.Z.shape[-2:]
    for e, k, s, n in zip(ref.idx[-2:], (kh, kw), strides, outs):
        if not (isinstance(e, Op) and e.kind == "add" and len(e.args) == 2):
            continue
        scaled, offset = e.args
        if not (isinstance(scaled, Op) and scaled.kind == "mul" and len(scaled.args) == 2):
            scaled, offset = offset, scaled
        if not (isinstance(scaled, Op) and scaled.kind == "mul" and isinstance(offset, Ref) and offset.idx is None):
            continue
        stride_letter = ctx.settings.get("stride_symbol")            # X_{hs+i}: s the forward's stride letter
        number = [a for a in scaled.args if isinstance(a, int) or getattr(a, "is_Integer", False)] or \
            [ctx.symbols[a.name] for a in scaled.args if isinstance(a, Ref) and a.idx is None and
             a.name == stride_letter and a.name in ctx.symbols]
        letter = [a for a in scaled.args if isinstance(a, Ref) and a.idx is None and a.name != stride_letter]
        if len(number) != 1 or len(letter) != 1 or int(number[0]) != s or k > s:
            continue                      # overlapping windows: an entry's s p + u is not unique
        for name, span in ((letter[0].name, n), (offset.name, k)):
            if name in free and name not in found:
                out[name] = range(0, span)
    return out


ARGMAX_CORNERS = {"tl": (0, 0), "tr": (0, -1), "bl": (-1, 0), "br": (-1, -1)}


def directive_pattern(ctx) -> dict | None:
    """The χ values a directive's ``argmax=tl,br,…`` (each window's maximum, in row-major window
    order: a corner or two 1-based digits, row then column in the window) fixes, or None when
    the section's directive gives none; IndexError_ when it does not fit the windows."""
    spec = str(ctx.settings.get("argmax") or "").strip().lower()
    if not spec:
        return None
    parts, windows = spec.split(","), list(ctx.window_cells.values())
    if len(parts) != len(windows):
        raise IndexError_(f"argmax={spec} names {len(parts)} positions for {len(windows)} windows")
    kh, kw = ctx.K.shape[-2:]
    out = {}
    for part, cells in zip(parts, windows):
        if part in ARGMAX_CORNERS:
            r, c = (x % k for x, k in zip(ARGMAX_CORNERS[part], (kh, kw)))
        elif re.fullmatch(r"[1-9]{2}", part) and int(part[0]) <= kh and int(part[1]) <= kw:
            r, c = int(part[0]) - 1, int(part[1]) - 1
        else:
            raise IndexError_(f"argmax position {part!r} is not a cell of its {kh}x{kw} window")
        out.update({chi: int(n == r * kw + c) for n, (_, chi) in enumerate(cells)})
    return out


_PAIR_RX = r"\(\s*([A-Za-z])\s*,\s*([A-Za-z])\s*\)"
_MEMBER = re.compile(
    r"(?:\s|,|;|\\q?quad\b|\\[,;: ])*(?:\\text\s*\{\s*(?:for|where|with|para|若|当)\s*\}\s*|\b(?:for|where)\s+)?"
    + _PAIR_RX + r"\s*(?:(?:\\in|∈)\s*(?:\\mathcal\s*\{?\s*[A-Za-z]\s*\}?|\\text\s*\{\s*\w+\s*\}|[A-Za-z]+)\s*_\s*\{?\s*"
    r"\(?\s*([A-Za-z])\s*,?\s*([A-Za-z])\s*\)?\s*\}?"
    r"|\\text\s*\{\s*(?:in|within|inside)\s+(?:the\s+)?(?:pooling\s+)?(?:window|region|block|patch)\s*(?:of\s*)?\}\s*"
    + _PAIR_RX.replace("([A-Za-z])", "([A-Za-z])") + r")\s*[.,;]?\s*$")


def strip_window_condition(latex: str):
    r"""(the display without it, ((m, n), (i, j))) for a display that ends in the membership of the
    left entry's indices in a window, ``(m,n) \in R_{i,j}``, ``\text{for } (m,n) \text{ in the window
    of } (i,j)``; (latex, None) otherwise.  The claim is then read with (i, j) the window that holds
    (m, n), which the caller checks the letters allow."""
    m = _MEMBER.search(latex)
    if not m or "=" not in latex[:m.start()]:
        return latex, None
    g = m.groups()
    window = (g[2], g[3]) if g[2] else (g[4], g[5])
    return latex[:m.start()], ((g[0], g[1]), window)


def window_condition_note(member, trees) -> tuple:
    """(note, None) when the letters of ``member`` ((m, n), (i, j)) fit the claim (``trees``: the
    left side, then the right sides): the left entry's last two indices are m, n and every right
    side leaves i, j free; else (None, why the condition is not read)."""
    from .index_tree import free_vars
    (m, n), (i, j) = member
    lhs = trees[0]
    idx = lhs.ref.idx if isinstance(lhs, Grad) and lhs.ref.idx else ()
    if len(idx) < 2 or [getattr(e, "name", None) for e in idx[-2:]] != [m, n] or \
            any(getattr(e, "idx", 0) is not None for e in idx[-2:]) or {i, j} & set(free_vars(lhs)) or \
            any(not {i, j} <= set(free_vars(t)) for t in trees[1:]):
        return None, f"a window condition ({m},{n}) in the window of ({i},{j}) whose letters are not the left entry's and the right side's free ones"
    return f"({m},{n}) in the window of ({i},{j}) read as: ({i},{j}) the window that holds ({m},{n})", None


def implicit_window(lhs, ctx, zero_claim=False):
    r"""The membership ``(m,n) \in R_{i,j}`` a local derivative ``\frac{\partial y_{i,j}}{\partial x_{m,n}}``
    (``lhs``: the claim's parsed left side) leaves unwritten in a section whose forward names each
    window as a set (``ctx.settings["window_set"]``: ``y_{i,j} = \frac{1}{k^2}\sum_{(m,n) \in R_{i,j}}
    x_{m,n}``): (the condition, a note) when the left side is the output's entry over the input's,
    four bare letters; else None.  The claim is then compared only where the input entry lies in
    that output's window, as the page's own forward ranges over it.  A claim that is 0 on every right
    side (``zero_claim``) speaks of the entries outside that window, or in a max pooling of those that are not
    its maximum, a condition the display leaves to the words around it: IndexError_, naming what to write."""
    if not ctx.settings.get("window_set") or not isinstance(lhs, Jac):
        return None
    top, bottom = lhs.top, lhs.bottom
    letters = [getattr(e, "name", None) if isinstance(e, Ref) and e.idx is None else None
               for e in (*(top.idx or ()), *(bottom.idx or ()))]
    if len(letters) != 4 or None in letters or len(set(letters)) != 4 or \
            ctx.roles.get(top.name) != "output" or ctx.roles.get(bottom.name) != "input":
        return None
    i, j, m, n = letters
    if zero_claim:
        raise IndexError_(f"a local derivative of 0 is said of the entries outside the window R_{{{i},{j}}} (or those that "
                          f"are not its maximum), which the display does not write: write its condition, e.g. "
                          f"0 \\text{{ if }} ({m},{n}) \\notin R_{{{i},{j}}}")
    cond = Op("all", (_inside(m, i, "#sr", "#or", "#pr", "#kr"), _inside(n, j, "#sc", "#oc", "#pc", "#kc")))
    return cond, (f"read where ({m},{n}) is in the window R_{{{i},{j}}} the forward sums over "
                  f"(the local derivative, as the page's forward ranges over that window)")


def window_membership(tokens: list):
    r"""``(m,n) \in R_{i,j}``, ``(m,n) \in \mathcal{R}_{ij}``, ``(m,n) \text{ in the window of } (i,j)``
    (tokens of a condition, a sum's ``\sum_{(i,j) : (m,n) \in R_{i,j}}`` too) as the comparisons
    that say input entry (m, n) lies in the window of output (i, j): the window's first row is
    ``#sr (i - #or) - #pr + #base`` and it is ``#kr`` rows high (the section's stride, output
    origin, padding, first index and window, :class:`symbp.check.doc_names.DocContext`'s
    symbols), columns alike; None for any other condition."""
    toks = [t for t in tokens if t not in ("&", ";")]
    text = "".join(t[2:] if t.startswith("\\N") else t for t in toks)
    m = re.fullmatch(r"\(([A-Za-z]),([A-Za-z])\)(?:\\in|∈)(?:\\mathcal\{?[A-Za-z]\}?|[A-Za-z]+)_\{?\(?"
                     r"([A-Za-z]),?([A-Za-z])\)?\}?", text) or \
        re.fullmatch(r"\(([A-Za-z]),([A-Za-z])\)(?:\\text)?\{?(?:in|within|inside)(?:the)?(?:pooling)?"
                     r"(?:window|region|block|patch)(?:of)?\}?\(([A-Za-z]),([A-Za-z])\)", text)
    if not m:
        return None
    rows = [_inside(m.group(1), m.group(3), "#sr", "#or", "#pr", "#kr"),
            _inside(m.group(2), m.group(4), "#sc", "#oc", "#pc", "#kc")]
    return Op("all", tuple(rows))


def _inside(entry: str, window: str, stride: str, origin: str, pad: str, size: str) -> Op:
    """first(window) <= entry <= first(window) + size - 1, as an Op('cmp') chain."""
    def ref(name):
        return Ref(name, None, None)
    first = Op("add", (Op("mul", (ref(stride), Op("add", (ref(window), Op("neg", (ref(origin),)))))),
                       Op("neg", (ref(pad),)), ref("#base")))
    last = Op("add", (first, ref(size), Op("neg", (1,))))
    return Op("cmp", ((first, ref(entry), last), ("<=", "<=")))
