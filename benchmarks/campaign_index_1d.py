r"""The index reader's campaign for 1-D convolutions: true and mutated index-notation claims
about ``z_i = \sum_m w_m a_{si+m} + b`` checked as whole ``symbp check`` documents, truth from
torch autograd (``torch.nn.functional.conv1d``).

Each document states the forward (0- or 1-based, stride 1 or a stride letter ``s`` that a
directive sets to 2 or 3, sizes in a directive or none at all) and a few claims drawn around
the true ones, with mutations: an off-by-one window (an offset, a written bound one too long
or one too short), a sign, the stride dropped, the roles of δ and the other tensor exchanged.

    ∂C/∂w_m = Σ_i δ_{i+o1} a_{σ i + m + o2}            (σ = s, or 1 when the stride is dropped)
    ∂C/∂a_j = Σ_m δ_{j ∓ m + o1} w_{m + o2}             (stride 1)
    ∂C/∂a_j = Σ_i Σ_m δ_i w_m [σ i + m + o1 = j]        (any stride: an Iverson bracket)
    ∂C/∂a_j = Σ_{m=lo}^{hi} δ_{j-m} w_m                  (written bounds)
    ∂C/∂b   = Σ_i δ_{i+o1}

The truth is computed here, independently of symbp, under the reader's stated meaning: a sum
without bounds runs over every integer (an entry outside its tensor is 0); a sum with written
bounds runs over them, and a claim whose written bounds reach an entry that does not exist is
false (the document did not say it is zero).  Both sides are compared entry by entry with
``torch.autograd`` gradients at wide random integers.

    python benchmarks/campaign_index_1d.py --n 300 --seed 0
"""
from __future__ import annotations

import random
import sys
import time
from dataclasses import dataclass, field

import torch
import torch.nn.functional as F

from campaign_tally import Tally, size_and_seed, wide_values

WIDE = range(-14, 18)


class Outside(Exception):
    """A written bound reached an entry that does not exist."""


@dataclass
class Claim:
    """One claim: its LaTeX, the tensor it differentiates, its sums and its factors."""
    latex: str
    wrt: str                                      # a | w | b
    sums: list = field(default_factory=list)      # (var, lo, hi) with lo/hi None: every integer
    factors: list = field(default_factory=list)   # (tensor, index function of the env, its variables)
    cond: object = None                           # an Iverson bracket: env -> bool
    mutated: bool = False


def _off(k: int) -> str:
    return "" if k == 0 else (f"+{k}" if k > 0 else f"-{-k}")


def forward_latex(base: int, strided: bool) -> str:
    s = "s" if strided else ""
    if base == 0:
        return rf"z_i = \sum_{{m=0}}^{{k-1}} w_m a_{{{s}i+m}} + b"
    inner = "s(i-1)+m" if strided else "i+m-1"
    return rf"z_i = \sum_{{m=1}}^{{k}} w_m a_{{{inner}}} + b"


def random_claim(rng: random.Random, base: int, stride: int, strided: bool, k: int) -> Claim:
    """A true claim of a random kind, mutated with probability 0.6 (some mutations are
    no-ops: the truth decides)."""
    kinds = ["w", "a_iverson", "a_bounds", "b"] + (["a_shift"] if stride == 1 else [])
    kind = rng.choice(kinds)
    mutate = rng.random() < 0.6
    o1 = o2 = 0
    sign, drop, swap = -1, False, False
    if mutate:
        what = rng.choice(["offset", "offset", "sign", "drop", "swap"])
        if what == "offset":
            o1, o2 = rng.choice([(1, 0), (-1, 0), (0, 1), (0, -1)])
        elif what == "sign":
            sign = 1
        elif what == "drop":
            drop = True
        else:
            swap = True
    sigma = 1 if drop else stride
    sig_tex = "" if drop or not strided else "s"
    # 1-based, the forward reads a at s(i-1)+m = si + m - s (i + m - 1 at stride 1)
    if kind == "w":                       # ∂C/∂w_m = Σ_i δ_i a_{σ i + m + shift}
        shift_tex = ("-s" if strided and not drop else "-1") if base == 1 else ""
        shift = (-sigma if strided else -1) if base == 1 else 0
        if strided and drop and base == 1:
            shift_tex, shift = "-1", -1
        idx = [f"i{_off(o1)}", f"{sig_tex}i+m{shift_tex}{_off(o2)}"]
        fns = [(lambda e, o1=o1: (e["i"] + o1,), "i"),
               (lambda e, o2=o2, sh=shift: (sigma * e["i"] + e["m"] + sh + o2,), "im")]
        if swap:                          # δ and a take each other's indices
            idx, fns = idx[::-1], fns[::-1]
        latex = rf"\frac{{\partial C}}{{\partial w_m}} = \sum_i \delta_{{{idx[0]}}} a_{{{idx[1]}}}"
        return Claim(latex, "w", [("i", None, None)], [("d", *fns[0]), ("a", *fns[1])], None, mutate)
    if kind == "b":
        latex = rf"\frac{{\partial C}}{{\partial b}} = \sum_i \delta_{{i{_off(o1 + o2)}}}"
        return Claim(latex, "b", [("i", None, None)], [("d", lambda e, o=o1 + o2: (e["i"] + o,), "i")],
                     None, mutate)
    if kind == "a_shift":                 # stride 1: ∂C/∂a_j = Σ_m δ_{j - m (+1)} w_m
        c = 1 if base == 1 else 0
        op = "-" if sign == -1 else "+"
        idx = [f"j{op}m{_off(c + o1)}", f"m{_off(o2)}"]
        fns = [(lambda e, c=c, o1=o1, sg=sign: (e["j"] + sg * e["m"] + c + o1,), "jm"),
               (lambda e, o2=o2: (e["m"] + o2,), "m")]
        if swap:
            idx, fns = idx[::-1], fns[::-1]
        latex = rf"\frac{{\partial C}}{{\partial a_j}} = \sum_m \delta_{{{idx[0]}}} w_{{{idx[1]}}}"
        return Claim(latex, "a", [("m", None, None)], [("d", *fns[0]), ("w", *fns[1])], None, mutate)
    if kind == "a_iverson":               # ∂C/∂a_j = Σ_i Σ_m δ_i w_m [σ i + m + shift = j]
        shift = -sigma if (base == 1 and strided and not drop) else (-1 if base == 1 else 0)
        shift_tex = ("-s" if (strided and not drop) else "-1") if base == 1 else ""
        op = "+" if sign == -1 else "-"
        first, second = ("m", "i") if swap else ("i", "m")      # δ_m w_i: the roles exchanged
        latex = (rf"\frac{{\partial C}}{{\partial a_j}} = \sum_i \sum_m \delta_{first} w_{second} "
                 rf"[{sig_tex}i{op}m{shift_tex}{_off(o1 + o2)} = j]")
        cond = lambda e, sh=shift, o=o1 + o2, sg=-sign: sigma * e["i"] + sg * e["m"] + sh + o == e["j"]  # noqa: E731
        return Claim(latex, "a", [("i", None, None), ("m", None, None)],
                     [("d", lambda e, v=first: (e[v],), first), ("w", lambda e, v=second: (e[v],), second)],
                     cond, mutate)
    # written bounds over the kernel: Σ_{m=lo}^{hi} δ_{(j - m)/σ} w_m -- only at stride 1 is it
    # a plain index; with a stride, the Iverson form with bounds on m
    lo, hi = (0, "k-1") if base == 0 else (1, "k")
    lo_v, hi_v = (0, k - 1) if base == 0 else (1, k)
    if o1:                                 # a window one too long or too short
        if rng.random() < 0.5:
            lo, lo_v = lo + o1, lo_v + o1
        else:
            hi, hi_v = f"{hi}{_off(o1)}", hi_v + o1
    shift = -sigma if (base == 1 and strided and not drop) else (-1 if base == 1 else 0)
    shift_tex = ("-s" if (strided and not drop) else "-1") if base == 1 else ""
    latex = (rf"\frac{{\partial C}}{{\partial a_j}} = \sum_i \sum_{{m={lo}}}^{{{hi}}} \delta_i w_m "
             rf"[{sig_tex}i+m{shift_tex}{_off(o2)} = j]")
    cond = lambda e, sh=shift, o=o2: sigma * e["i"] + e["m"] + sh + o == e["j"]     # noqa: E731
    return Claim(latex, "a", [("i", None, None), ("m", lo_v, hi_v)],
                 [("d", lambda e: (e["i"],), "i"), ("w", lambda e: (e["m"],), "m")], cond, mutate)


def truth(claim: Claim, base: int, a, w, delta, grads) -> bool:
    """Every entry of the claim's right side equals torch's gradient (module docstring)."""
    tensors = {"a": a, "w": w, "d": delta}

    def at(name, pos, explicit):
        t, p = tensors[name], pos[0] - base
        if 0 <= p < t.shape[0]:
            return int(t[p])
        if explicit:
            raise Outside(name)
        return 0

    written = {var for var, lo, _ in claim.sums if lo is not None}

    def total(env, sums):
        if not sums:              # the factors in written order, then the bracket; an entry
            out = 1               # that a written bound reaches outside its tensor: Outside
            for name, fn, uses in claim.factors:
                out *= at(name, fn(env), bool(set(uses) & written))
            if claim.cond is not None and not claim.cond(env):
                return 0
            return out
        var, lo, hi = sums[0]
        values = WIDE if lo is None else range(lo, hi + 1)
        return sum(total({**env, var: v}, sums[1:]) for v in values)

    target = grads[claim.wrt]
    letter = {"a": "j", "w": "m", "b": None}[claim.wrt]
    entries = range(target.numel()) if letter else [None]
    for p in entries:
        env = {letter: p + base} if letter else {}
        try:
            value = total(env, claim.sums)
        except Outside:
            return False
        want = int(target.reshape(-1)[p]) if letter else int(target.sum())
        if value != want:
            return False
    return True


def sample(length: int, k: int, stride: int, generator):
    """a, w, δ and torch's gradients of z = conv1d(a, w, stride) + b."""
    a = wide_values((length,), generator).requires_grad_()
    w = wide_values((k,), generator).requires_grad_()
    b = wide_values((1,), generator).requires_grad_()
    z = F.conv1d(a[None, None], w[None, None], b, stride=stride)[0, 0]
    delta = wide_values(tuple(z.shape), generator)
    z.backward(delta)
    return a.detach(), w.detach(), delta, {"a": a.grad, "w": w.grad, "b": b.grad}


def document(base, strided, stride, sizes, claims) -> str:
    directive = ""
    if sizes is not None:
        directive = (f"<!-- symbp: layer=conv1d input={sizes[0]} kernel={sizes[1]}"
                     f"{f' stride={stride}' if strided else ''} -->\n\n")
    elif strided:
        directive = f"<!-- symbp: stride={stride} -->\n\n"
    body = "\n\n".join(f"$${c.latex}$$" for c in claims)
    return f"# A 1-D derivation\n\n{directive}The forward:\n\n$${forward_latex(base, strided)}$$\n\n{body}\n"


# the sizes the reader tries when a document gives none (symbp.check.doc_names.SMALL_SIZES_1D)
UNSIZED = [(5, 2), (6, 3), (7, 3)]


def main(argv=None) -> int:
    n_claims, seed = size_and_seed(__doc__, 300, argv)
    rng = random.Random(seed)
    generator = torch.Generator().manual_seed(seed)
    tally, start = Tally(unread_fails=True), time.perf_counter()
    while tally.made < n_claims:
        base, strided = rng.choice([0, 1]), rng.random() < 0.4
        stride = rng.choice([2, 3]) if strided else 1
        with_sizes = rng.random() < 0.6
        length, k = rng.randint(5, 9), rng.randint(2, 3)
        sizes = [(length, k)] if with_sizes else UNSIZED
        claims = [random_claim(rng, base, stride, strided, k if with_sizes else 0) for _ in range(4)]
        if not with_sizes:            # a written bound over k: true at every size tried
            claims = [c if c.sums[-1][1] is None else random_claim(rng, base, stride, strided, 0)
                      for c in claims]
            claims = [c for c in claims if all(lo is None for _, lo, _ in c.sums)]
            if not claims:
                continue
        text = document(base, strided, stride, (length, k) if with_sizes else None, claims)
        samples = [sample(n, kk, stride, generator) for n, kk in sizes]
        report = tally.check(text, len(claims))
        if report is None:
            continue
        by_latex = {}
        for c in report.claims:
            by_latex.setdefault(c.latex.strip(), c)
        for claim in claims:
            tally.record(all(truth(claim, base, *s) for s in samples), by_latex.get(claim.latex.strip()),
                         text, ("mutant" if claim.mutated else "textbook") + f" {claim.wrt}")
        tally.made += len(claims)
    return tally.summary("1-D index campaign", seed, time.perf_counter() - start)

if __name__ == "__main__":
    sys.exit(main())
