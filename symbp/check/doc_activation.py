r"""Elementwise activations in index notation: a forward ``a_{ij} = \sigma(z_{ij})`` and claims
``\frac{\partial L}{\partial z_{ij}} = \frac{\partial L}{\partial a_{ij}} \sigma'(z_{ij})`` through it
(used by :class:`symbp.check.real_docs.NamesTracker`).

Example::

    >>> activation_forward(r"a_{ij} = \sigma(z_{ij})")
    ('a', 'z', '\\sigma')
"""
from __future__ import annotations

from dataclasses import dataclass

from .index_claims import IndexError_


@dataclass
class Verdict:
    verdict: str
    detail: str
    scope: str | None = None     # an all-sizes proof's scope (symbp.allsizes.index_terms)


def forward_roles_text(roles: dict) -> str:
    """How a forward equation bound the document's letters, for its ``definition`` verdict.

    Example: ``forward_roles_text({"W": "kernel", "a": "input"})`` is
    ``"the layer's forward: a is the input, W the kernel"``."""
    order = ("input", "kernel", "bias", "output", "activation", "loss")
    named = sorted(((r, n) for n, r in roles.items() if r in order and not (n.islower() and n.upper() in roles)),
                   key=lambda rn: (order.index(rn[0]), rn[1]))
    words = [f"{n} is the {r}" if k == 0 else f"{n} the {r}" for k, (r, n) in enumerate(named)]
    return "the layer's forward: " + ", ".join(words) if words else "the layer's forward"


def activation_forward(latex: str):
    """(A, B, f) for an elementwise activation ``A(i,j,k) = f(B(i,j,k))`` / ``a_{ij} = \\sigma(z_{ij})``."""
    from .index_claims import Op, Ref, parse
    from .latex_atoms import LatexAtomError, split_top_level
    try:
        sides = split_top_level(latex, ("=",))     # Y = [f(x_1) ⋯ f(x_i)] = f(X): the last side defines Y
        if len(sides) < 2:
            return None
        lhs, rhs = parse(sides[0]), parse(sides[-1])
    except (IndexError_, LatexAtomError, ValueError):
        return None
    if isinstance(lhs, Ref) and isinstance(rhs, Op) and rhs.kind == "func" and rhs.args[1] == 0 \
            and isinstance(rhs.args[2], Ref) and rhs.args[2].idx == lhs.idx and rhs.args[2].name != lhs.name:
        return lhs.name, rhs.args[2].name, rhs.args[0]
    return None


def check_activation_claim(latex: str, activations: dict, losses, whole_ok: bool = True) -> Verdict | None:
    """``∂L/∂Z(i,j,k) = ∂L/∂Y(i,j,k) f'(Z(i,j,k))`` after ``Y(i,j,k) = f(Z(i,j,k))``: the chain
    rule through an elementwise activation, compared entry by entry with every free index
    at 0, 1 and 2 (the entries are independent symbols, so the identity at these entries is
    the identity at every entry).  None when the claim is not about an activation's input, or
    is about whole tensors and ``whole_ok`` is False (the chapter speaks of a softmax)."""
    import itertools
    import sympy as sp
    from .index_claims import Grad, Op, Ref, Sum, free_vars, parse
    from .latex_atoms import LatexAtomError, split_top_level
    try:
        sides = split_top_level(latex, ("=",))
        trees = [parse(x, (), losses) for x in sides]
    except (IndexError_, LatexAtomError, ValueError):
        return None
    lhs = trees[0]
    inputs = {b: (a, f) for a, (b, f) in activations.items()}
    if len(trees) < 2 or not isinstance(lhs, Grad) or lhs.ref.name not in inputs:
        return None
    out_name, fname = inputs[lhs.ref.name]
    free = free_vars(lhs)
    whole = lhs.ref.idx is None         # ∂E/∂X = ∂E/∂Y ⊙ f'(X): whole tensors, entrywise only by ⊙
    if whole and not whole_ok:          # Y = f(X) where the page's f may be a softmax: not entrywise
        return None

    def idx(ref, env):
        if ref.idx is None:
            if not whole:
                raise IndexError_("a whole tensor in an entry's claim")
            return ()
        if whole:
            raise IndexError_("an entry in a whole tensor's claim")
        vals = []
        for e in ref.idx:
            if isinstance(e, Ref) and e.idx is None and e.name in env:
                vals.append(env[e.name])
            elif isinstance(e, (int, sp.Integer)):
                vals.append(int(e))
            else:
                raise IndexError_("an activation claim with index arithmetic")
        return tuple(vals)

    def at(ref, env) -> str:
        return "" if whole else str(idx(ref, env))

    def value(n, env):
        if isinstance(n, (int, sp.Integer)):
            return sp.Integer(n)
        if isinstance(n, Grad) and (n.ref.idx is not None or whole):
            return sp.Symbol(f"dL/d{n.ref.name}{at(n.ref, env)}")
        if isinstance(n, Ref) and n.label is not None and n.label.isdigit():
            raise IndexError_("a number written above a name: a power or a layer")   # (1 - y_i^2): never y_i
        if isinstance(n, Ref) and (n.idx is not None or whole):
            return sp.Symbol(f"{n.name}{at(n, env)}")
        if isinstance(n, Op) and n.kind == "func" and n.args[0] == fname and isinstance(n.args[2], Ref) \
                and (n.args[2].idx is not None or whole):
            return sp.Symbol(f"{fname}{chr(39) * n.args[1]}({n.args[2].name}{at(n.args[2], env)})")
        local = _local_factor(n, lhs.ref, out_name, fname, env, idx)
        if local is not None:           # ∂a_{ij}/∂z_{ij}, ∂/∂z_{ij} (σ(z_{ij})): [same entry] f'(z_{ij})
            return local
        if whole and isinstance(n, Op) and n.kind == "mul" and sum(
                not isinstance(a, (int, sp.Integer)) for a in n.args) > 1:
            raise IndexError_("a product of whole tensors: a matrix product or entrywise?")
        if isinstance(n, Op) and n.kind in ("mul", "add", "neg", "hadamard") and (whole or n.kind != "hadamard"):
            vals = [value(a, env) for a in n.args]
            return sp.Mul(*vals) if n.kind in ("mul", "hadamard") else sp.Add(*vals) if n.kind == "add" else -vals[0]
        raise IndexError_("not an activation claim")

    try:
        for combo in itertools.product(range(3), repeat=len(free)):
            env = dict(zip(free, combo))
            e = at(lhs.ref, env)
            derived = sp.Symbol(f"dL/d{out_name}{e}") * sp.Symbol(f"{fname}'({lhs.ref.name}{e})")
            for k, rhs in enumerate(trees[1:], start=2):
                if any(isinstance(x, Sum) for x in (rhs,)):
                    raise IndexError_("a sum in an activation claim")
                claimed = value(rhs, env)
                if not any(str(x).startswith(f"dL/d{out_name}") for x in claimed.free_symbols):
                    return None         # ∂L/∂z = ŷ - y: another forward's (σ and the loss), not this chain's
                if sp.expand(derived - claimed) != 0:
                    where = "entrywise" if whole else f"at {env}"
                    return Verdict("refuted", f"side {k} {where}: derived {derived}, claimed {claimed} "
                                              f"(after {out_name} = {shown_function(fname)}({lhs.ref.name}) entrywise)"
                                   + _square_example(derived, claimed, fname, out_name, lhs.ref.name))
    except IndexError_:
        return None
    return Verdict("holds", f"the chain rule through {out_name} = {shown_function(fname)}({lhs.ref.name}) entrywise "
                            + ("(whole tensors, entry by entry: ⊙)" if whole else
                               "(compared with every free index at 0, 1, 2)"))


def _square_example(derived, claimed, fname: str, out_name: str, in_name: str) -> str:
    """A counterexample a reader can check by hand where both sides differ for every f: f(t) = t²
    (so f'(t) = 2t), the inputs 1, 2, 3, … and every upstream gradient 1; '' where none is found."""
    import re
    import sympy as sp
    symbols = sorted(derived.free_symbols | claimed.free_symbols, key=str)
    inputs = sorted({re.sub(r"^" + re.escape(in_name), "", str(x)) for x in symbols if str(x).startswith(in_name)} |
                    {m.group(1) for x in symbols if (m := re.fullmatch(re.escape(fname) + r"'\((?:" + re.escape(in_name) +
                                                                         "|" + re.escape(out_name) + r")(.*)\)", str(x)))})
    value = {tag: sp.Integer(k + 2) for k, tag in enumerate(inputs)}
    subs = {}
    for x in symbols:
        name = str(x)
        m = re.fullmatch(re.escape(fname) + r"'\((.+)\)", name)
        if m:
            arg = m.group(1)
            tag = arg[len(in_name):] if arg.startswith(in_name) else arg[len(out_name):]
            subs[x] = 2 * (value[tag] if arg.startswith(in_name) else value[tag] ** 2)
        elif name.startswith("dL/d"):
            subs[x] = 1
        elif name.startswith(in_name) and name[len(in_name):] in value:
            subs[x] = value[name[len(in_name):]]
        elif name.startswith(out_name) and name[len(out_name):] in value:
            subs[x] = value[name[len(out_name):]] ** 2
        else:
            return ""
    left, right = derived.subs(subs), claimed.subs(subs)
    if left == right:
        return ""
    shown = ", ".join(f"{in_name}{tag} = {v}" for tag, v in value.items())
    return (f"; e.g. with {fname}(t) = t^2 ({fname}'(t) = 2t), {shown} and every upstream gradient 1: "
            f"the chain rule gives {left}, the claim {right}")


def _local_factor(node, wrt, out_name: str, fname: str, env: dict, idx):
    """The value of a local factor of the chain through ``out = f(wrt)`` entrywise: the Jacobian
    entry ``∂out(e)/∂wrt(e')`` or the operator form ``∂/∂wrt(e') (f(wrt(e)))``, both
    ``[e = e'] f'(wrt(e'))``, as the f' symbol the claim's written ``f'(wrt(e'))`` reads as; None
    when ``node`` is neither.  A layer label other than the claim's own leaves it unread."""
    import sympy as sp
    from .index_claims import Jac, Op, Ref
    if isinstance(node, Jac) and isinstance(node.top, Ref) and isinstance(node.bottom, Ref):
        top, bottom = node.top, node.bottom
    elif isinstance(node, Op) and node.kind == "dop" and isinstance(node.args[0], Ref) and \
            isinstance(node.args[1], Op) and node.args[1].kind == "func" and node.args[1].args[0] == fname \
            and node.args[1].args[1] == 0 and isinstance(node.args[1].args[2], Ref):
        top, bottom = node.args[1].args[2], node.args[0]           # f(wrt(e)) against wrt(e')
        if top.name != wrt.name:
            raise IndexError_(f"∂/∂{bottom.name} of {fname}({top.name})")
        top = Ref(out_name, top.label, top.idx)
    else:
        return None
    if top.name != out_name or bottom.name != wrt.name or top.idx is None or bottom.idx is None:
        raise IndexError_(f"∂{top.name}/∂{bottom.name}: not the activation's own factor")
    if len({lab for lab in (top.label, bottom.label, wrt.label) if lab is not None}) > 1:
        raise IndexError_(f"∂{top.name}/∂{bottom.name} across layer labels")
    at, other = idx(top, env), idx(bottom, env)
    if at != other:
        return sp.Integer(0)
    return sp.Symbol(f"{fname}'({bottom.name}{other})")


def shown_function(function: str) -> str:
    """A function token as the report writes it: ``\\NReLU`` (the word \\mathrm{ReLU}) as ReLU."""
    return function[2:] if function.startswith("\\N") else function
