r"""A convolution claim in a section where no forward, directive or prose names the letters:
checked under every forward its letters allow, a verdict only where all of them agree.

``\frac{\partial L}{\partial w_{m,n}} = \sum_i \sum_j \delta_{i,j} x_{i+m,j+n}`` names two
tensors besides the error: the one differentiated (T) and one other (U), with δ or
``∂L/∂Y`` the output's gradient.  The candidate forwards are the stride-1 single-map layers
``Y_{i,j} = \sum_m \sum_n K_{m,n} I_{i+m,j+n}`` (cross-correlation) and ``… I_{i-m,j-n}`` (true
convolution, its output where the flipped sum starts), with T the kernel and U the input or
the other way round, unless the letters settle which (``w``, ``K``, ``F`` are kernels: only a
kernel letter beside a non-kernel one), and the convention the prose states, when it states
one.  Each candidate is read by the forward binder as if the page had written it
(:func:`symbp.check.doc_infer.infer_roles`), at the page's sizes or the no-sizes plans.

Only claims plain enough that these candidates cover what an author may mean: one or two
spatial indices, every index a letter or a sum or difference of two letters (no numbers, no
sizes, no stride), sums without bounds, products of the two tensors and the error alone.
Everything else, and every claim the candidates do not agree on, stays unchecked as before.

Example::

    >>> readings(r"\frac{\partial L}{\partial w_{m,n}} = \sum_{i}\sum_{j} \delta_{i,j} x_{i+m,j+n}", None)[0]
    ('w the kernel, x the input, cross-correlation', 'Y_{i,j} = \\sum_{m}\\sum_{n} w_{m,n} x_{i+m,j+n}')
"""
from __future__ import annotations

import functools
import re

from .doc_infer import KERNEL_LETTERS, infer_roles
from .index_claims import IndexError_, parse
from .index_tree import Grad, Op, Ref, Sum
from .forward_terms import UNREAD

_BIASES = ("b", "B")
_NAMES = {"cross": "cross-correlation", "true": "true convolution"}
_INDEX = ("i", "j")
_OFFSET = ("m", "n")


def readings(latex: str, conv: str | None, losses=None) -> list[tuple[str, str]]:
    """[(what the reading takes, its forward)] for a plain convolution claim (see the module's
    note); [] when the claim is not one.  ``conv``: the convention the page states, else None."""
    from .latex_atoms import LatexAtomError, split_top_level
    try:
        sides = split_top_level(latex.strip().rstrip(".,; "), ("=",))
        if len(sides) != 2:
            return []
        lhs, rhs = parse(sides[0], (), losses), parse(sides[1], (), losses)
    except (IndexError_, LatexAtomError, RecursionError, ValueError, TypeError):
        return []
    bias = isinstance(lhs, Grad) and lhs.ref.idx is None and lhs.ref.name in _BIASES
    if not isinstance(lhs, Grad) or not (bias or lhs.ref.idx and _plain_entry(lhs.ref, sliding=False)):
        return []
    tensors, grads = {}, {}
    if not _walk(rhs, tensors, grads) or lhs.ref.name in tensors or lhs.ref.name in grads:
        return []
    if not bias and not any(isinstance(e, Op) for ref in _refs(rhs) for e in ref.idx or ()):
        return []                                # no sliding index x_{i+m}: a dense layer's Σ_n δ_{n,i} X_{n,j}
    dims = (set() if bias else {len(lhs.ref.idx)}) | {n for n, _ in tensors.values()} | {n for n, _ in grads.values()}
    errors = set(grads) | ({r"\delta"} & set(tensors))
    others = sorted(set(tensors) - {r"\delta"})
    if len(dims) != 1 or dims - {1, 2} or len(errors) != 1 or len(others) != 1 - bias:
        return []
    n, err = dims.pop(), next(iter(errors))
    t = (lhs.ref.name, lhs.ref.label)
    used = {t[0], err, *others}
    free = lambda names: next(((c, None) for c in names if c not in used), (None, None))    # noqa: E731
    u = (others[0], tensors[others[0]][1]) if others else free(("X", "I", "A"))
    out = (free(("Y", "Z", "O", "S"))[0], tensors[err][1]) if err == r"\delta" else (err, grads[err][1])
    if None in (out[0], u[0]) or {t[0], u[0], out[0]} & set(_INDEX + _OFFSET):
        return []
    if bias:                                     # ∂L/∂b = Σ δ_{ij}: the bias of a layer of placeholders
        pairs, add = [(free(("K", "W", "F")), u)], f" + {_name(t)}"
    else:
        pairs, add = [(t, u), (u, t)], ""        # (kernel, input)
    if (t[0] in KERNEL_LETTERS) != (u[0] in KERNEL_LETTERS) and not bias:
        pairs = [p for p in pairs if p[0][0] in KERNEL_LETTERS]
    if pairs[0][0][0] is None:
        return []
    convs = [conv] if conv in ("cross", "true") else ["cross", "true"]
    what = "{} the bias, ".format(_name(t)) if bias else ""
    return [(what + (f"{_name(k)} the kernel, {_name(i)} the input, " if not bias else "") + _NAMES[c],
             _forward(out, k, i, c, n) + add) for k, i in pairs for c in convs]


def candidate_verdict(latex: str, context, check, conv: str | None, losses=None, text: str = ""):
    """(verdict, detail, scope) when every reading of :func:`readings` decides the claim alike,
    ("unchecked", why, None) when two decide it differently, None when none applies or one
    is not decided (the caller's own unchecked verdict stands).  ``context(roles, extra)`` makes
    the names context of a forward's reading, ``check(latex, ctx)`` checks the claim in it; ``text``
    the page (an activation it writes leaves δ's side of it open: a claim in δ then never holds)."""
    refused = refused_forward(text)
    if refused:                          # S(i,j) = Σ I(i+m, j+n) K(n,m): the page's own forward, not read
        return ("unchecked", f"{refused}; the claim is not read under another forward", None)
    found = readings(latex, conv, losses)
    outcomes = []
    for what, forward in found:
        try:
            roles, extra = infer_roles(forward)
            outcomes.append((what, check(latex, context(roles, {**extra, "_indexed": True}))))
        except (IndexError_, RecursionError, ValueError, TypeError, KeyError, AttributeError, ZeroDivisionError):
            return None
    verdicts = [o.verdict for _, o in outcomes]
    if not outcomes or any(v not in ("holds", "refuted") for v in verdicts):
        return None
    if set(verdicts) == {"holds"} and r"\delta" in latex and _delta_unsure(text):
        return ("unchecked", "no forward, directive or prose names the letters; it holds under every reading they "
                             "allow with δ the gradient of the convolution's output, but the page writes an "
                             "activation and does not say δ is the gradient before it (∂L/∂z): write the forward", None)
    if set(verdicts) == {"holds"} and any(re.search(r"\\partial\s*\{?\s*" + re.escape(a) + r"(?![A-Za-z])", latex)
                                          for a in _activated(text)):
        return ("unchecked", "no forward, directive or prose names the letters; it holds with them as a convolution's "
                             "output, but the page writes that letter as an activation's value (a = σ(…)): the "
                             "gradient by it is not the convolution's output's: write the forward", None)
    if len(set(verdicts)) == 1:
        first = outcomes[0][1]
        return (first.verdict, first.detail + f" (no forward, directive or prose names the letters: "
                f"{first.verdict} under every reading they allow, " + "; ".join(w for w, _ in outcomes) + ")",
                first.scope)
    split = "; ".join(f"{o.verdict} under {w}" for w, o in outcomes)
    return ("unchecked", f"no forward, directive or prose names the letters, and the readings they allow "
                         f"disagree ({split}): write the forward or say which is which", None)


_ACTIVATION = re.compile(r"\\sigma|\\tanh|ReLU|relu|sigmoid|\\phi\s*'|(?<![A-Za-z\\])[fg]\s*'\s*\(")
_DELTA_BY_Z = re.compile(r"\\delta[^=$\n]{0,40}(?:=|:=|\\equiv)\s*\\(?:d|t)?frac\s*\{\s*\\partial\s*[^{}]{0,20}\}\s*"
                         r"\{\s*\\partial\s*[zZ](?![A-Za-z])"
                         r"|\\delta[^=$\n]{0,40}(?:=|:=|\\equiv)\s*\\partial\s*\w+\s*/\s*\\partial\s*[zZ](?![A-Za-z])")


_APPLIED = re.compile(r"(?<![A-Za-z\\])([A-Za-z])\s*(?:\^\s*(?:\{[^{}]*\}|\w)\s*)?(?:_\s*(?:\{[^{}]*\}|\w)\s*)?="
                      r"\s*(?:\\sigma|\\phi|\\tanh|[fg]|\\(?:text|mathrm|operatorname)\s*\{\s*(?:ReLU|relu|sigmoid)\s*\})"
                      r"\s*(?:\\left\s*)?\(")


def _activated(text: str) -> set:
    """The letters the page writes as an activation's value, ``a^l = \\sigma(…)``."""
    return set(_APPLIED.findall(text))


def _delta_unsure(text: str) -> bool:
    """The page writes an activation but not δ = ∂L/∂z: δ may be the gradient after it."""
    return bool(_ACTIVATION.search(text)) and not _DELTA_BY_Z.search(text)


def _forward(out, kernel, inp, conv: str, n: int) -> str:
    sign = "+" if conv == "cross" else "-"
    sums = "".join(f"\\sum_{{{m}}}" for m in _OFFSET[:n])
    return (f"{_name(out)}_{{{','.join(_INDEX[:n])}}} = {sums} {_name(kernel)}_{{{','.join(_OFFSET[:n])}}} "
            f"{_name(inp)}_{{{','.join(f'{i}{sign}{m}' for i, m in zip(_INDEX, _OFFSET[:n]))}}}")


def _name(letter) -> str:
    return letter[0] + (f"^{{{letter[1]}}}" if letter[1] else "")


def _walk(node, tensors: dict, grads: dict) -> bool:
    """Collect the tensors (name -> (index count, label)) and the loss gradients of a right
    side made of unbounded sums, sums, differences and products of plain entries; False when
    anything else is written (numbers, functions, divisions, bounds)."""
    if isinstance(node, Sum):
        return node.lo is None and node.hi is None and _walk(node.body, tensors, grads)
    if isinstance(node, Op) and node.kind in ("add", "mul", "neg"):
        return all(_walk(a, tensors, grads) for a in node.args)
    if isinstance(node, Grad):
        node, into = node.ref, grads
    elif isinstance(node, Ref):
        into = tensors
    else:
        return False
    if not node.idx or not _plain_entry(node) or len(node.name.lstrip("\\")) != 1 and node.name != r"\delta":
        return False
    seen = into.setdefault(node.name, (len(node.idx), node.label))
    return seen == (len(node.idx), node.label)


def _refs(node):
    """The entries (and the entries differentiated) of a tree of sums, sums of terms and products."""
    if isinstance(node, Sum):
        return _refs(node.body)
    if isinstance(node, Op):
        return [r for a in node.args for r in _refs(a)]
    return [node.ref if isinstance(node, Grad) else node] if isinstance(node, (Grad, Ref)) else []


def _plain_entry(ref, sliding=True) -> bool:
    """Every index a letter, or (``sliding``) a sum or difference of two letters."""
    def letter(e):
        return isinstance(e, Ref) and e.idx is None and e.label is None and len(e.name) == 1
    for e in ref.idx:
        if letter(e):
            continue
        if not (sliding and isinstance(e, Op) and e.kind == "add" and len(e.args) == 2 and letter(e.args[0])):
            return False
        second = e.args[1]
        if isinstance(second, Op) and second.kind == "neg" and len(second.args) == 1:
            second = second.args[0]
        if not letter(second):
            return False
    return True


_DISPLAY = re.compile(r"\$\$(.*?)\$\$|(?<![$\\])\$([^$\n]+)\$", re.S)      # a display, or inline math (red team 49)


@functools.lru_cache(maxsize=16)
def refused_forward(text: str) -> str | None:
    """Why the page's own convolution forward is not read, where it writes one that indexes its
    kernel or input in another order (:func:`symbp.check.doc_channels.permuted_axes`), or that is no plain
    convolution (:func:`symbp.check.forward_terms.unread_forward`: a flipped kernel, a residual), else None:
    its claims are then read under no other forward either."""
    for m in _DISPLAY.finditer(text):
        tex = m.group(1) if m.group(1) is not None else m.group(2)
        if r"\sum" not in tex:
            continue
        try:
            infer_roles(tex)
        except IndexError_ as err:
            if "which symbp does not read" in str(err) or UNREAD in str(err):     # K(n,m); K_{2-u}, + X_{i,j}
                return str(err)
        except (RecursionError, ValueError, TypeError, KeyError, AttributeError):
            continue
    return None
