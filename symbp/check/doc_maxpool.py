r"""Max pooling written in index notation: its forward, the indicator of the maximum, and
the exact check over every argmax pattern.

How authors write it (read here):

* forward: ``y_{ij} = \max_{0 \le m,n < k} x_{ki+m,kj+n}``, ``z_{x,y} = \max_{i,j}(a_{x+i,y+j})``
  (the window from a directive's kernel), ``\max_{m=0}^{k-1}``, ``\max(x_{11}, x_{12}, …)``;
* the indicator of the maximum: ``[x_{ij} = \max_{m,n} x_{…}]``, ``\mathbb{1}[…]``,
  ``\mathbb{1}\{…\}``, ``\mathbf{1}(…)``, ``\mathbb{I}(…)``; a ``\begin{cases}`` row
  ``\text{if } x_{ij} = \max(…)``; ``\frac{\partial \max_{m,n}(x_{…})}{\partial x_{ij}}``;
* ``\lfloor i/2 \rfloor`` and ``\floor{i/2}`` in the indices (:mod:`symbp.check.index_operators`).

The section's output entry of window o is ``Σ_t χ_{o,t} x_{cell(o,t)}`` with one 0/1 symbol
χ per cell of the window (``χ_{o,t} = 1``: cell t holds the window's maximum).  A claim's
difference from the chain rule is a polynomial in δ, x and the χ; it is zero for the layer
when it is zero under every assignment that makes exactly one χ of each window 1.  Only the
windows an entry's difference names are enumerated (at most ``MAX_PATTERNS`` assignments).

Ties: the check covers inputs whose window maxima are unique (the maximum is differentiable
there); at a tie it has no derivative (PyTorch sends δ to the first maximum in row-major
order, :mod:`symbp.core.regions`), so a claim that routes a tie to every tied cell is not
refuted for that.  An indicator is read on inputs with distinct values: ``[x_e = \max S]`` is
``χ`` of e when S is one of the layer's windows, 0 when e is not in S; a maximum over cells
that are not one window is not read (unchecked, with the reason).

Example::

    >>> from symbp.check.index_claims import parse
    >>> tree = parse(r"\max_{0 \le m,n < 2} x_{2i+m,2j+n}")
    >>> tree.kind, tree.args[0].vars, tree.args[0].hi
    ('maximum', ('m', 'n'), Op(kind='add', args=(2, Op(kind='neg', args=(1,)))))
    >>> parse(r"\mathbb{1}[x_{ij} = \max_{m,n} x_{mn}]").kind
    'ismax'
"""
from __future__ import annotations

import itertools
import random
import re

import numpy as np
import sympy as sp

from .index_tree import IndexError_, Op, OutOfRange, Ref, Sum, _index_name, names_in
from .pool_windows import directive_pattern, own_window_max

TIES_NOTE = (" on every argmax pattern with each window's maximum unique, where the maximum "
             "has a derivative")
MAX_PATTERNS = 4096
RANDOM_INPUTS = 24           # inputs a claim with a maximum over other cells is tried at          # argmax assignments enumerated for one entry's difference
_REL = {r"\le": "<=", r"\leq": "<=", r"\leqslant": "<=", "<": "<", r"\lt": "<"}


# =========================================================================== reading

def read_max(parser):
    r"""``\max_{sub}(body)`` / ``\max_{sub} body`` / ``\max(a, b, …)`` after the ``\max`` token:
    Op('maximum', (Sum(vars, lo, hi, body),)) (lo/hi inclusive, None when not written) or
    Op('maxlist', (a, b, …))."""
    parser.take(r"\max")
    if parser.peek() != "_":
        if parser.peek() != "(":
            raise IndexError_(r"\max without its window")
        args = parser.call_args(index=False)
        if len(args) < 2:
            raise IndexError_(r"\max of one argument: write the window, \max_{m,n} x_{…}")
        return Op("maxlist", tuple(args))
    parser.take("_")
    names, lo, hi = _window_vars(parser.braced_tokens(), parser)
    if parser.peek() == "^":
        parser.take()
        hi = _index_name(type(parser)(parser.braced_tokens(), parser.tensors).whole())
    if parser.peek() == "(":
        parser.take("(")
        body = parser.expr()
        parser.take(")")
    else:
        body = parser.factor()
    return Op("maximum", (Sum(tuple(names), lo, hi, body),))


def _window_vars(sub: list, parser):
    r"""``m,n`` / ``mn`` / ``m,n=0`` / ``0 \le m,n < k`` / ``0\le m,n \le k-1``: (names, lo, hi)."""
    if any(t in (r"\in", r"\subset") for t in sub):
        raise IndexError_(r"a maximum over a set (\max_{(m,n) \in R}) is not read: write its range, "
                          r"\max_{0 \le m,n < k}, and the window: <!-- symbp: layer=maxpool kernel=KxK stride=S -->")
    rels = [k for k, t in enumerate(sub) if t in _REL]
    if len(rels) == 4 and sub.count(",") == 1:     # 0 \le i < p,\; 0 \le j < p: read as 0 \le i,j < p
        first, second = sub[:sub.index(",")], sub[sub.index(",") + 1:]
        (a, b), (c, d) = ([k for k, t in enumerate(part) if t in _REL] for part in (first, second))
        if first[:a + 1] == second[:c + 1] and first[b:] == second[d:]:
            sub = first[:b] + [","] + second[c + 1:]
            rels = [k for k, t in enumerate(sub) if t in _REL]
    lo = hi = None
    if rels:
        if len(rels) != 2:
            raise IndexError_(r"a window range this reader does not take (write 0 \le m,n < k)")
        a, b = rels
        lo = _index_name(type(parser)(sub[:a], parser.tensors).whole())
        names = sub[a + 1:b]
        hi = _index_name(type(parser)(sub[b + 1:], parser.tensors).whole())
        if _REL[sub[a]] == "<":
            lo = Op("add", (lo, 1))
        if _REL[sub[b]] == "<":
            hi = Op("add", (hi, Op("neg", (1,))))
    elif "=" in sub:
        k = sub.index("=")
        names, lo = sub[:k], _index_name(type(parser)(sub[k + 1:], parser.tensors).whole())
    else:
        names = sub
    names = [t for t in names if t not in (",", "(", ")")]
    if not names or not all(len(t) == 1 and t.isalpha() for t in names):
        raise IndexError_("a maximum whose window indices are not single letters")
    return names, lo, hi


_INDICATOR_BRACE = re.compile(r"\\(?:mathbb|mathbf|boldsymbol|bm)\s*(?:\{\s*[1I]\s*\}|1)\s*\\\{")


def group_escaped_braces(latex: str) -> str:
    r"""``\mathbb{1}\{x = \max …\}``: each balanced ``\{ … \}`` written as ``\left\{ … \right\}``,
    so that splitting the equation at its top-level ``=`` keeps the indicator whole (only for
    an equation with a maximum or an indicator ``\mathbf{1}\{u = rs + a\}``; unchanged when the
    braces do not balance)."""
    if r"\max" not in latex and not _INDICATOR_BRACE.search(latex):
        return latex
    opens = re.findall(r"(?<!\\left)\\\{", latex)
    closes = re.findall(r"(?<!\\right)\\\}", latex)
    if len(opens) != len(closes) or not opens:
        return latex
    latex = re.sub(r"(?<!\\left)\\\{", lambda m: r"\left\{", latex)
    return re.sub(r"(?<!\\right)\\\}", lambda m: r"\right\}", latex)


def indicator(left, right):
    """Op('ismax', (entry, max)) when one side of ``left = right`` is a maximum, or both are
    tensor entries (``[x_{mn} = y_{ij}]``: the input entry is the output's maximum); else None."""
    if _is_max(right):
        return Op("ismax", (left, right))
    if _is_max(left):
        return Op("ismax", (right, left))
    if all(isinstance(n, Ref) and n.idx for n in (left, right)):
        return Op("ismax", (left, right))
    return None


def _is_max(n) -> bool:
    return isinstance(n, Op) and n.kind in ("maximum", "maxlist")


def has_max(n) -> bool:
    """Whether a tree holds a maximum or its indicator."""
    if isinstance(n, Op):
        return n.kind in ("maximum", "maxlist", "ismax", "ismax_own") or any(
            has_max(x) for a in n.args for x in (a if isinstance(a, tuple) else (a,)))
    if isinstance(n, Sum):
        return has_max(n.body)
    return False


def max_pool_forward(tree, window_reader, *readers) -> dict | None:
    r"""The settings of a max-pooling forward side (``\max_{…} x_{…}``), or None: the same
    reading of the window and the stride as average pooling's (``window_reader``:
    :func:`symbp.check.doc_pooling.avg_pool_forward`, called with ``readers``: the output's
    index letters and its stride readers), with ``layer_kind="pool-max"``."""
    if not (isinstance(tree, Op) and tree.kind == "maximum"):
        return None
    window = _as_sums(tree)
    found = window_reader(Op("mul", (sp.Integer(1), window)), *readers)
    if found is None:
        return None
    found.update(pool="max", pool_scale=sp.Integer(1), layer_kind="pool-max")
    if window.lo is not None and window.hi is not None and not names_in(window.lo) | names_in(window.hi) \
            and not isinstance(window.body, Sum):
        found["window"] = _number(window.hi) - _number(window.lo) + 1   # \max_{0\le m,n<2}
    return found


def _number(e) -> int:
    """The integer a bound written with numbers is (``2-1``, ``0``)."""
    if isinstance(e, Op):
        vals = [_number(a) for a in e.args]
        return -vals[0] if e.kind == "neg" else sum(vals) if e.kind == "add" else \
            vals[0] * vals[1] if e.kind == "mul" and len(vals) == 2 else _not_a_number(e)
    return int(e)


def _not_a_number(e):
    raise IndexError_(f"a window bound this reader does not take: {e}")


def _as_sums(tree):
    r"""A maximum (nested ``\max_a \max_b``) as the chain of sums average pooling's reader takes."""
    window = tree.args[0]
    body = _as_sums(window.body) if _is_max(window.body) and window.body.kind == "maximum" else window.body
    return Sum(window.vars, window.lo, window.hi, body)


# =========================================================================== the layer

def build_outputs(ctx) -> None:
    """``ctx.Z`` of a max-pooling section (``ctx``: a sized DocContext whose X is built):
    ``Σ_t χ_{o,t} x_{cell(o,t)}`` per window, channel by channel; ``ctx.windows`` maps each
    window's set of cells to its [(cell, χ)], ``ctx.window_of`` each χ to its window."""
    if any(getattr(ctx, "pads", (0, 0))):
        raise IndexError_("max pooling with padding is not read in index notation")
    nb, cin, h, w = ctx.X.shape
    cout, _, kh, kw = ctx.K.shape
    if ctx.settings.get("window") not in (None, kh) or ctx.settings.get("window") not in (None, kw):
        raise IndexError_(f"the forward's window is {ctx.settings['window']} wide, not {kh}x{kw}")
    if cout != cin:
        raise IndexError_(f"max pooling keeps the channels: {cin} in, {cout} out")
    sr, sc = ctx.strides
    oh, ow = (h - kh) // sr + 1, (w - kw) // sc + 1
    ctx.Z = np.empty((nb, cin, oh, ow), dtype=object)
    ctx.windows, ctx.window_of, ctx.window_cells = {}, {}, {}
    ctx.free_keys, ctx.free_indicators = {}, {}
    for e, c, i, j in np.ndindex(nb, cin, oh, ow):
        cells = [(ctx.X[e, c, i * sr + m, j * sc + n], sp.Symbol(f"chi_{e}_{c}_{i}_{j}_{m}_{n}"))
                 for m in range(kh) for n in range(kw)]
        ctx.Z[e, c, i, j] = sp.Add(*[x * chi for x, chi in cells])
        key = frozenset(x for x, _ in cells)
        ctx.windows.setdefault(key, cells)
        ctx.window_cells[(e, c, i, j)] = cells
        for _, chi in cells:
            ctx.window_of[chi] = (e, c, i, j)


def max_value(ev, n, env):
    """The value of Op max / maxlist / ismax / jacof-of-a-max at ``env`` (``ev``: the Evaluator)."""
    ctx = ev.ctx
    if getattr(ctx, "windows", None) is None:
        raise IndexError_(r"a maximum (\max) outside a max-pooling section")
    if n.kind == "jacof":
        top, bottom = n.args
        wrt = ctx.entry(bottom.name, bottom.label, ev.positions(bottom, env))
        return sp.diff(max_value(ev, top, env), wrt)
    if n.kind == "ismax" and not _is_max(n.args[1]):          # [x_{mn} = y_{ij}]: entries
        a, b = (ev.value(x, env) for x in n.args)
        if isinstance(a, sp.Symbol) and isinstance(b, sp.Symbol):
            return sp.Integer(int(a == b))                    # distinct values
        entry, output = (a, b) if isinstance(a, sp.Symbol) else (b, a)
        if not isinstance(entry, sp.Symbol) or not _is_output(ctx, output):
            raise IndexError_("an indicator that compares something other than an input entry "
                              "with an output entry or a window's maximum")
        return sp.expand(output).coeff(entry)
    if n.kind == "ismax":
        left, cells = ev.value(n.args[0], env), _cells(ev, n.args[1], env)
        if not (isinstance(left, sp.Symbol) and left in set(ctx.X.ravel())):
            raise IndexError_("an indicator of the maximum whose entry is not one of the input's")
        if left not in cells:
            return sp.Integer(0)                              # distinct values
        if frozenset(cells) not in ctx.windows:               # decided at random inputs only
            return _free_indicator(ctx, left, cells)
        return next((chi for x, chi in _window(ctx, cells) if x == left), sp.Integer(0))
    cells = _cells(ev, n, env)
    if frozenset(cells) not in ctx.windows:       # Σ x [x = max]: decided at random inputs only
        return sp.Add(*[x * _free_indicator(ctx, x, cells) for x in dict.fromkeys(cells)])
    return sp.Add(*[x * chi for x, chi in _window(ctx, cells)])


def _cells(ev, n, env) -> list:
    """The input entries a maximum runs over."""
    if n.kind == "maxlist":
        vals = [ev.value(a, env) for a in n.args]
    else:
        window = n.args[0]
        ranges = []
        for k, var in enumerate(window.vars):
            if window.lo is not None or window.hi is not None:
                lo = ev.index(window.lo, env) if window.lo is not None else ev.ctx.base
                if window.hi is None:
                    raise IndexError_(f"the maximum over {var} has a lower bound but no upper bound")
                ranges.append(range(lo, ev.index(window.hi, env) + 1))
            else:                           # \max_{i,j}: the layer's window, row then column
                (kh, kw) = ev.ctx.K.shape[-2:]
                size = (kh, kw)[k] if len(window.vars) == 2 else (kw if ev.ctx.spatial == 1 else 0)
                if not size:
                    raise IndexError_("a maximum over one index of a 2-D window: write its range")
                ranges.append(range(ev.ctx.base, ev.ctx.base + size))
        vals = []
        for combo in itertools.product(*ranges):
            inner = {**env, **dict(zip(window.vars, combo))}
            if _is_max(window.body):                  # \max_{a=0}^{k-1} \max_{b=0}^{k-1} X_{…}
                vals.extend(_cells(ev, window.body, inner))
                continue
            try:
                vals.append(ev.value(window.body, inner))
            except OutOfRange as err:
                raise IndexError_(f"the maximum reaches outside the input ({err})") from None
    if not vals or any(not isinstance(v, sp.Symbol) for v in vals):
        raise IndexError_("a maximum of something other than the input's entries (or one that "
                          "reaches outside the input)")
    return vals


def _is_output(ctx, value) -> bool:
    """Whether ``value`` is one output entry (Σ χ x over a window) of the section."""
    return any(value == z for z in ctx.Z.ravel()) if isinstance(value, sp.Expr) else False


def _free_indicator(ctx, left, cells) -> sp.Symbol:
    """A 0/1 symbol for ``[left = max(cells)]`` over cells that are not one window: the
    argmax patterns do not decide it, so a claim with it is only refuted, at a random input."""
    key = (left, frozenset(cells))
    if key not in ctx.free_keys:
        ctx.free_keys[key] = sp.Symbol(f"psi_{len(ctx.free_keys)}")
        ctx.free_indicators[ctx.free_keys[key]] = (left, tuple(cells))
    return ctx.free_keys[key]


def _window(ctx, cells: list) -> list:
    found = ctx.windows.get(frozenset(cells))
    if found is None or len(found) != len(cells):
        raise IndexError_("a maximum over cells that are not one of the layer's pooling windows "
                          f"({', '.join(map(str, cells[:4]))}{', …' if len(cells) > 4 else ''}): if the "
                          "layer's window or stride is another, say so: "
                          "<!-- symbp: layer=maxpool input=HxW kernel=KxK stride=S -->")
    return found


def cases_value(ev, n, env):
    """``\\begin{cases}`` whose conditions include the indicator of a maximum:
    Σ_k [cond_k] Π_{j<k} (1 - [cond_j]) value_k."""
    values = [ev.value(value, env) for value, _ in n.args]
    if any(isinstance(v, np.ndarray) for v in values):
        raise IndexError_("a tensor in a cases row of a maximum")
    if all(v == 0 for v in values):         # every row 0 here (δ outside its tensor): 0, whatever holds
        return sp.Integer(0)
    out, rest = sp.Integer(0), sp.Integer(1)
    for v, (_, cond) in zip(values, n.args):
        c = sp.Integer(1) if cond is None else _truth(ev, cond, env)
        out += rest * c * v
        rest *= 1 - c
        if rest == 0:
            break
    return out


def _truth(ev, cond, env):
    if cond.kind == "ismax":
        return max_value(ev, cond, env)
    if cond.kind == "ismax_own":                     # "x_{m,n} is the maximum" (pool_windows)
        return own_window_max(ev, cond, env)
    if cond.kind == "all":
        return sp.Mul(*[_truth(ev, c, env) for c in cond.args])
    return sp.Integer(int(ev.condition(cond, env)))


# =========================================================================== the check

def regions_differ(ctx, derived, claimed, one_entry: bool = False) -> str | None:
    """For a max-pooling section: "" when ``derived - claimed`` (one entry each) is zero under
    every argmax pattern of the windows it names, else ``"with the maxima at x_…: "`` and
    ``derived``/``claimed`` (numpy 0-d arrays are not passed) are not changed; None for another
    layer (the caller's ``expand(a - b) != 0`` decides).  ``one_entry``: the claim names one
    entry (``∂L/∂x_{11} = δ_{11}``, often said "if x_{11} is the maximum" in the prose): where it
    holds for some argmax pattern and not for others, IndexError_ (unchecked) names the pattern
    instead of refuting a statement whose condition is not read."""
    window_of = getattr(ctx, "window_of", None)
    if window_of is None:
        return None
    diff = sp.expand(derived - claimed)
    if diff == 0:
        return ""
    fixed = directive_pattern(ctx)                 # argmax=tl,…: the maxima where the document puts them
    if fixed is not None:
        at = ", ".join(str(x) for cells in ctx.window_cells.values() for x, chi in cells if fixed.get(chi))
        return "" if sp.expand(diff.xreplace(fixed)) == 0 else (
            f"with the window maxima where the directive's argmax= puts them ({at}): derived "
            f"{sp.expand(derived.xreplace(fixed))}, claimed {sp.expand(claimed.xreplace(fixed))}; in general ")
    if diff.free_symbols & set(ctx.free_indicators):
        return _at_random_inputs(ctx, derived, claimed, diff, one_entry)
    windows = list(dict.fromkeys(window_of[s] for s in sorted(diff.free_symbols, key=str)
                                 if s in window_of))
    choices = [ctx.window_cells[o] for o in windows]
    count = 1
    for c in choices:
        count *= len(c)
    if count > MAX_PATTERNS:
        raise IndexError_(f"{count} argmax patterns for one entry: check a smaller case")
    patterns = [{chi: int(k == p) for cells, p in zip(choices, pick) for k, (_, chi) in enumerate(cells)}
                for pick in itertools.product(*[range(len(c)) for c in choices])]
    good = next((subs for subs in patterns if sp.expand(diff.xreplace(subs)) == 0), None)
    if one_entry and good is not None:
        tops = [x for cells in choices for x, chi in cells if good[chi]]
        raise IndexError_(f"it holds only where the window maxima are at {', '.join(map(str, tops))} "
                          f"(not for every input): a condition in the prose is not read")
    for pick, subs in zip(itertools.product(*[range(len(c)) for c in choices]), patterns):
        if sp.expand(diff.xreplace(subs)) != 0:
            tops = [cells[p][0] for cells, p in zip(choices, pick)]
            shown = {**_display_pattern(ctx, derived, claimed, tops), **subs}
            return (f"with the window maxima at {', '.join(map(str, tops)) or 'any cells'}: derived "
                    f"{sp.expand(derived.xreplace(shown))}, claimed {sp.expand(claimed.xreplace(shown))}; "
                    f"in general ")
    return ""


def ties_note(ctx) -> str:
    """What a max-pooling "holds" covers: every argmax pattern, or the directive's argmax=."""
    return f" with the window maxima where argmax={ctx.settings['argmax']} puts them" \
        if ctx.settings.get("argmax") else TIES_NOTE


def _display_pattern(ctx, derived, claimed, tops) -> dict:
    """0/1 values for the χ of the other windows both sides name (for the message only): a
    window's maximum at a cell already chosen when it holds one, else at its first cell."""
    out = {}
    for o in dict.fromkeys(ctx.window_of[s] for s in (derived - claimed).free_symbols | derived.free_symbols
                           | claimed.free_symbols if s in ctx.window_of):
        cells = ctx.window_cells[o]
        at = next((k for k, (x, _) in enumerate(cells) if x in tops), 0)
        out.update({chi: int(k == at) for k, (_, chi) in enumerate(cells)})
    return out


def _at_random_inputs(ctx, derived, claimed, diff, one_entry: bool) -> str:
    """A difference with a maximum over cells that are not one window: evaluated at
    ``RANDOM_INPUTS`` inputs of distinct integers (each window's χ from its argmax, each such
    maximum from the values); a nonzero value refutes with that input, named; otherwise
    IndexError_ (unchecked: agreeing at random inputs proves nothing)."""
    rng = random.Random(12)
    xs = list(ctx.X.ravel())
    held = 0
    for _ in range(RANDOM_INPUTS):
        values = dict(zip(xs, rng.sample(range(1, 10 * len(xs) + 1), len(xs))))
        subs = dict(values)
        for cells in ctx.window_cells.values():
            top = max(cells, key=lambda cell: values[cell[0]])[0]
            subs.update({chi: int(x == top) for x, chi in cells})
        for psi, (left, cells) in ctx.free_indicators.items():
            subs[psi] = int(values[left] == max(values[c] for c in cells))
        if sp.expand(diff.xreplace(subs)) == 0:
            held += 1
            continue
        if one_entry and held:
            break
        shown = sorted({x for psi in diff.free_symbols & set(ctx.free_indicators)
                        for x in ctx.free_indicators[psi][1]}, key=str)[:9]
        return (f"at the input {', '.join(f'{x}={values[x]}' for x in shown)}, …: derived "
                f"{sp.expand(derived.xreplace(subs))}, claimed {sp.expand(claimed.xreplace(subs))}; in general ")
    raise IndexError_(f"a maximum over cells that are not one of the layer's pooling windows: the claim "
                      f"agrees with the chain rule at {held} of {RANDOM_INPUTS} random inputs, which proves "
                      f"nothing; if the layer's window or stride is another, say so: "
                      f"<!-- symbp: layer=maxpool input=HxW kernel=KxK stride=S -->")
