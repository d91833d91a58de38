"""The adversarial campaign's claims: true closed forms and their mutants, written as
``symbp check`` documents, each claim carrying its own evaluator (campaign_ref operators)
so that its truth comes from torch autograd, never from symbp.

A claim's right side is an expression tree of tuples:

    ("leaf", "delta")                      δ (also "a", "W", "zprev", "b")
    ("pad", (t, b, l, r), X)  ("dilate", (sh, sw), X)  ("rot", X)  ("T", X)
    ("star", (sh, sw), (dh, dw), X, Y)     X *_{s=…,d=…} Y, read as the notation reads it
    ("had", X, Y)  ("sp", X)  ("sum", X)  ("up", "avg"|"max", X, A)  ("mm", X, Y)  ("tr", X)
    ("esum", N)                            Σ_n X_n (fc)

Entry claims carry a list of terms (coefficient, [(tensor, index)], window) instead.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from fractions import Fraction

import campaign_ref as ref


@dataclass
class Claim:
    family: str          # conv-input, conv-weight, ..., avgpool-entry, fc, softmax, act-sigmoid
    mutation: str        # "true" for an unmutated form, else what was changed
    latex: str           # the display equation
    evaluate: object     # env -> array (or raises ref.Mismatch)
    lhs: str             # key of the torch gradient in env
    index: tuple | None = None   # an entry of it
    exact: bool = True
    truth: bool | None = None


@dataclass
class Doc:
    kind: str            # conv2d avgpool maxpool fc softmax activation
    cfg: dict
    directive: str
    claims: list[Claim] = field(default_factory=list)

    def text(self) -> str:
        out = ["# campaign document", "", f"<!-- symbp: {self.directive} -->", ""]
        for c in self.claims:
            out += [f"$${c.latex}$$", ""]
        return "\n".join(out)

    def lines(self) -> list[int]:
        """The 1-based line of each claim's equation in :meth:`text`."""
        return [5 + 2 * k for k in range(len(self.claims))]


# =========================================================================== operator forms

def evaluate(t, env: dict, ctx: dict):
    op = t[0]
    if op == "leaf":
        return env[t[1]]
    if op == "pad":
        return ref.pad(evaluate(t[2], env, ctx), *t[1])
    if op == "dilate":
        return ref.dilate(evaluate(t[2], env, ctx), *t[1])
    if op == "rot":
        return ref.rot180(evaluate(t[1], env, ctx))
    if op == "T":
        return ref.swap_io(evaluate(t[1], env, ctx), ctx.get("groups", 1))
    if op == "star":
        x, y = evaluate(t[3], env, ctx), evaluate(t[4], env, ctx)
        if _has(t[4], "delta") and not _has(t[4], "W") and _has(t[3], "a"):
            return ref.weight_correlate(x, y, t[1], ctx.get("groups", 1))
        return ref.correlate(x, y, t[1], t[2], ctx.get("groups", 1) if _has(t[4], "W") else 1)
    if op == "had":
        return ref.hadamard(evaluate(t[1], env, ctx), evaluate(t[2], env, ctx))
    if op == "sp":
        return env["sp"]
    if op == "sum":
        return ref.channel_sum(evaluate(t[1], env, ctx))
    if op == "up":
        a = evaluate(t[3], env, ctx) if t[3] is not None else None
        return ref.upsample(evaluate(t[2], env, ctx), a, ctx, t[1])
    if op == "mm":
        return ref.matmul(evaluate(t[1], env, ctx), evaluate(t[2], env, ctx))
    if op == "tr":
        return evaluate(t[1], env, ctx).T
    if op == "esum":
        return evaluate(t[1], env, ctx).sum(axis=1, keepdims=True)
    if op == "sigma":
        return env["act"]
    raise ValueError(op)


def _has(t, leaf: str) -> bool:
    return (t[0] == "leaf" and t[1] == leaf) or any(isinstance(x, tuple) and _has(x, leaf) for x in t[1:])


def _pair(p) -> str:
    return str(p[0]) if p[0] == p[1] else f"({p[0]},{p[1]})"


class Style:
    """One claim's spelling of the operators (chosen at random, all accepted by symbp)."""

    ROT = [r"\operatorname{rot180}\left({x}\right)", r"\text{rot}180({x})", r"\operatorname{rot}_{180}({x})",
           r"\mathrm{rot180}({x})"]
    PAD = [r"\operatorname{{pad}}_{{{n}}}\left({x}\right)", r"\text{{pad}}_{{{n}}}({x})", r"\mathrm{{pad}}_{{{n}}}({x})"]
    DIL = [r"\operatorname{{dilate}}_{{{n}}}\left({x}\right)", r"\text{{dilate}}_{{{n}}}({x})"]

    def __init__(self, rng: random.Random, labels: bool = False):
        self.rot, self.pad, self.dil = rng.choice(self.ROT), rng.choice(self.PAD), rng.choice(self.DIL)
        self.labels, self.pad4 = labels, rng.random() < 0.3

    def leaf(self, name: str) -> str:
        lab = self.labels
        return {"delta": r"\delta^{l}" if lab else r"\delta", "W": "W^{l}" if lab else "W",
                "a": "a^{l-1}" if lab else "a", "zprev": "z^{l-1}", "b": "b"}[name]

    def render(self, t) -> str:
        op = t[0]
        if op == "leaf":
            return self.leaf(t[1])
        if op == "pad":
            tb, lr = t[1][:2], t[1][2:]
            n = str(t[1][0]) if len(set(t[1])) == 1 and not self.pad4 else \
                f"({tb[0]},{lr[0]})" if tb[0] == tb[1] and lr[0] == lr[1] and not self.pad4 else \
                "({},{},{},{})".format(*t[1])
            return self.pad.format(n=n, x=self.render(t[2]))
        if op == "dilate":
            return self.dil.format(n=_pair(t[1]), x=self.render(t[2]))
        if op == "rot":
            return self.rot.replace("{x}", self.render(t[1]))
        if op == "T":
            return self.render(t[1]) + "^T"
        if op == "star":
            tags = ([f"s={_pair(t[1])}"] if t[1] != (1, 1) else []) + \
                   ([f"d={_pair(t[2])}"] if t[2] != (1, 1) else [])
            star = "*" + (f"_{{{','.join(tags)}}}" if tags else "")
            return f"{self.render(t[3])} {star} {self.render(t[4])}"
        if op == "had":
            return rf"\left({self.render(t[1])}\right) \odot {self.render(t[2])}"
        if op == "sp":
            return r"\sigma'(z^{l-1})"
        if op == "sigma":
            return r"\sigma(z^{l-1})"
        if op == "sum":
            return r"\sum_{u,v} " + self.render(t[1])
        if op == "mm":
            return f"{self._operand(t[1])} {self._operand(t[2])}"
        if op == "tr":
            inner = self.render(t[1])
            return (inner if t[1][0] == "leaf" and not self.labels else rf"\left({inner}\right)") + "^T"
        if op == "esum":
            return r"\sum_n " + self.render(t[1]) + "_n"
        if op == "up":
            arg = self.render(t[2]) + (f"; {self.render(t[3])}" if t[3] is not None else "")
            return rf"\operatorname{{upsample}}_{{\{t[1]}}}\left({arg}\right)" if t[1] == "max" else \
                rf"\operatorname{{upsample}}_{{avg}}\left({arg}\right)"
        raise ValueError(op)


    def _operand(self, t) -> str:
        s = self.render(t)
        return s if t[0] in ("leaf", "tr") else rf"\left({s}\right)"


L, DEL, WT, ZP = ("leaf", "a"), ("leaf", "delta"), ("leaf", "W"), ("leaf", "zprev")
GRAD = {"grad_a": r"\frac{\partial J}{\partial a}", "grad_w": r"\frac{\partial J}{\partial W}",
        "grad_b": r"\frac{\partial J}{\partial b}", "delta_prev": r"\delta^{l-1}"}


def form_claim(family, mutation, lhs, tree, ctx, rng, exact=True) -> Claim:
    style = Style(rng, labels=lhs == "delta_prev")
    return Claim(family, mutation, f"{GRAD[lhs]} = {style.render(tree)}",
                 lambda env, t=tree: evaluate(t, env, ctx), lhs, exact=exact)


# =========================================================================== entry claims

def entry_name(base: str, shape: tuple, index: tuple, compact: bool) -> str:
    """symbp's entry names: the axes of size > 1 and the last two, 1-based."""
    shown = [d for d in range(len(shape)) if shape[d] > 1 or d >= len(shape) - 2]
    idx = [index[d] + 1 for d in shown]
    sub = "".join(map(str, idx)) if compact and all(i < 10 for i in idx) else ",".join(map(str, idx))
    return {"delta": "\\delta", "W": "w"}.get(base, base) + "_{" + sub + "}"


def render_terms(terms, shapes: dict, compact: bool) -> str:
    """Σ coef · Π factors (· 1[a = max or lastmax]) as LaTeX."""
    if not terms:
        return "0"
    out = []
    for coef, factors, ind in terms:
        body = " ".join(entry_name(b, shapes[b], i, compact) for b, i in factors)
        if ind is not None:
            rule = r"\max" if ind[2] == "max" else r"\operatorname{lastmax}"
            body += rf" \cdot \mathbb{{1}}[{entry_name('a', shapes['a'], ind[0], compact)} = {rule}]"
        c = Fraction(coef)
        mag = abs(c)
        text = body if mag == 1 else rf"\frac{{{body}}}{{{mag.denominator}}}" if mag.numerator == 1 \
            else rf"\frac{{{mag.numerator}}}{{{mag.denominator}}} {body}"
        out.append(("- " if c < 0 else ("+ " if out else "")) + text)
    return " ".join(out)


def eval_terms(terms, env: dict, shapes: dict) -> float:
    total = 0.0
    for coef, factors, ind in terms:
        v = float(Fraction(coef))
        for b, i in factors:
            if any(not 0 <= k < n for k, n in zip(i, shapes[b])):
                raise ref.Mismatch(f"{b}{i} is not an entry")
            v *= env[b][i]
        if ind is not None:
            cell, cells, rule = ind
            vals = [env["a"][cell[:2] + rc] for rc in cells]
            pick = ref.first_max(vals) if rule == "max" else ref.last_max(vals)
            v *= cells[pick] == cell[2:]
        total += v
    return total


def entry_claim(family, mutation, lhs, index, terms, shapes, rng, exact=True, lhs_name=None):
    compact = rng.random() < 0.5
    name = lhs_name or entry_name({"grad_a": "a", "grad_w": "w", "grad_b": "b"}[lhs],
                                  shapes[{"grad_a": "a", "grad_w": "W", "grad_b": "b"}[lhs]],
                                  index, compact)
    latex = rf"\frac{{\partial J}}{{\partial {name}}} = {render_terms(terms, shapes, compact)}"
    return Claim(family, mutation, latex, lambda env, t=terms: eval_terms(t, env, shapes),
                 lhs, index, exact)


def mutate_terms(terms, shapes, rng: random.Random) -> list[tuple[str, list]]:
    """Generic entry mutations: a sign flip, a dropped term, an index off by one."""
    out = []
    if terms:
        k = rng.randrange(len(terms))
        flipped = list(terms)
        flipped[k] = (-Fraction(terms[k][0]),) + terms[k][1:]
        out.append(("sign flipped", flipped))
        if len(terms) > 1:
            out.append(("term dropped", terms[:k] + terms[k + 1:]))
        coef, factors, ind = terms[k]
        f = rng.randrange(len(factors))
        base, idx = factors[f]
        axes = [d for d in range(len(idx)) if shapes[base][d] > 1]
        if axes:
            d = rng.choice(axes)
            step = rng.choice([-1, 1])
            new = list(idx)
            new[d] += step
            if not 0 <= new[d] < shapes[base][d]:
                new[d] -= 2 * step
            changed = list(factors)
            changed[f] = (base, tuple(new))
            wrong = list(terms)
            wrong[k] = (coef, changed, ind)
            out.append(("wrong index", wrong))
    return out
