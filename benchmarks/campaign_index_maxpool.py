r"""The index reader's campaign for max pooling: true and mutated index-notation claims about
``y_{ij} = \max_{0 \le m,n < K} x_{Si+m,Sj+n}`` (window K, stride S ≤ K: overlapping windows
too) checked as whole ``symbp check`` documents, truth from torch autograd
(``torch.nn.functional.max_pool2d``) at random inputs with distinct values.

Claims about ∂L/∂x_{pq}, around the spellings real derivations use:

    \sum_{i,j} δ_{ij} [x_{pq} = y_{ij}]                                      (sum form)
    Σ_{i,j} Σ_{m,n} δ_{ij} [Si+m = p][Sj+n = q] [x_{pq} = \max_{0≤a,b<K} x_{Si+a,Sj+b}]   (window form)
    δ_{⌊p/S⌋,⌊q/S⌋} [x_{pq} = \max_{0≤a,b<K} x_{S⌊p/S⌋+a, S⌊q/S⌋+b}]         (floor form: only S = K)
    the floor form as \begin{cases} … \text{if } x_{pq} = \max … \end{cases}    (cases form)
    \begin{cases} δ_{ij} & \text{if } x_{pq} = y_{ij} \\ 0 & \text{otherwise} \end{cases}  (entry form: (i, j)
        free on the right, the window that holds (p, q))
    the entry form with the condition in words, "x_{pq} is the maximum of its window",
        "es el máximo", "是最大值", "이 최대"                                         (words form)
    \sum_{(i,j) : (p,q) \in R_{i,j}} δ_{ij} [x_{pq} = y_{ij}]   (member form: right under overlap too)

with mutations: the indicator dropped (δ to every cell of the window), a factor 2, a stride
written 1 in the brackets, δ's index shifted.  An entry-form claim is true when, for every
input entry, every window that holds it gives torch's gradient (an entry in no window: nothing
claimed); overlapping windows make it false wherever an entry is the maximum of two.  The truth is computed here by plain loops over
the claim's formula, independently of symbp, and compared entry by entry with torch's
gradient at three random inputs and, for every input entry, one where it is the largest
(the maximum of every window it is in: random inputs alone miss patterns); a claim the reader cannot place (a maximum over cells that
are not one window) may stay unchecked, never hold or be refuted wrongly.

    python benchmarks/campaign_index_maxpool.py --n 200 --seed 0
"""
from __future__ import annotations

import itertools
import random
import sys
import time

import torch
import torch.nn.functional as F

from campaign_tally import Tally, size_and_seed, wide_values


def random_claim(rng: random.Random) -> dict:
    spec = dict(form=rng.choice(["sum", "window", "floor", "cases", "entry", "words", "member"]), scale=1, mark=True,
                bracket=None, shift=0, words=rng.randrange(len(WORDS)))
    mutation = rng.choice([None, None, "mark", "scale", "bracket", "shift"])
    if mutation == "mark" and spec["form"] != "sum":          # member: δ to every cell of its windows
        spec["mark"] = False
    elif mutation == "scale":
        spec["scale"] = 2
    elif mutation == "bracket" and spec["form"] == "window":
        spec["bracket"] = 1
    elif mutation == "shift" and spec["form"] in ("floor", "cases", "entry", "words"):
        spec["shift"] = 1
    spec["mutated"] = mutation is not None
    return spec


WORDS = [r"\text{if } x_{pq} \text{ is the maximum of its window}", r"\text{si } x_{pq} \text{ es el máximo}",
         r"\text{如果 } x_{pq} \text{ 是最大值}", r"\text{if } x_{pq} \text{ 이 최대}",
         r"\text{if } x_{pq} \text{ was the max in the pooling region}"]


def claim_latex(spec, k: int, s: int) -> str:
    scale = "2" if spec["scale"] == 2 else ""
    left = r"\frac{\partial L}{\partial x_{pq}} = "
    if spec["form"] in ("entry", "words"):
        delta = rf"{scale}\delta_{{i{'+1' if spec['shift'] else ''}j}}"
        cond = r"\text{if } x_{pq} = y_{ij}" if spec["form"] == "entry" else WORDS[spec["words"]]
        if not spec["mark"]:
            return left + delta
        return left + rf"\begin{{cases}} {delta} & {cond} \\ 0 & \text{{otherwise}} \end{{cases}}"
    top = rf"\max_{{0 \le a,b < {k}}}"
    if spec["form"] == "sum":
        return left + rf"{scale}\sum_{{i,j}} \delta_{{ij}} [x_{{pq}} = y_{{ij}}]"
    if spec["form"] == "member":
        mark = r" [x_{pq} = y_{ij}]" if spec["mark"] else ""
        return left + rf"{scale}\sum_{{(i,j) : (p,q) \in R_{{i,j}}}} \delta_{{ij}}{mark}"
    if spec["form"] == "window":
        b = spec["bracket"] or s
        mark = rf" [x_{{pq}} = {top} x_{{{s}i+a,{s}j+b}}]" if spec["mark"] else ""
        return left + (rf"{scale}\sum_{{i,j}}\sum_{{m=0}}^{{{k - 1}}}\sum_{{n=0}}^{{{k - 1}}} \delta_{{ij}} "
                       rf"[{b}i+m = p][{b}j+n = q]{mark}")
    fi, fj = rf"\lfloor p/{s} \rfloor", rf"\lfloor q/{s} \rfloor"
    shift = "+1" if spec["shift"] else ""
    delta = rf"{scale}\delta_{{{fi}{shift}, {fj}}}"
    cond = rf"x_{{pq}} = {top} x_{{{s}{fi}+a, {s}{fj}+b}}"
    if spec["form"] == "floor":
        return left + delta + (f" [{cond}]" if spec["mark"] else "")
    if not spec["mark"]:
        return left + delta
    return left + rf"\begin{{cases}} {delta} & \text{{if }} {cond} \\ 0 & \text{{otherwise}} \end{{cases}}"


def claim_value(spec, k: int, s: int, x, delta, p: int, q: int) -> float:
    """The claim's right side at (p, q) by plain loops (δ outside its tensor 0)."""
    oh, ow = delta.shape

    def d(i, j):
        return float(delta[i, j]) if 0 <= i < oh and 0 <= j < ow else 0.0

    def top(r, c):                          # the window starting at (r, c); None: not inside x
        if r < 0 or c < 0 or r + k > x.shape[0] or c + k > x.shape[1]:
            return None
        return max(float(x[r + a, c + b]) for a in range(k) for b in range(k))

    if spec["form"] in ("entry", "words"):      # (i, j): every window that holds (p, q), checked each
        raise ValueError("entry forms are valued per window: entry_values")
    if spec["form"] == "sum":
        value = sum(d(i, j) for i in range(oh) for j in range(ow) if float(x[p, q]) == top(s * i, s * j))
    elif spec["form"] == "member":          # the windows that hold (p, q)
        value = sum(d(i, j) for i in range(oh) for j in range(ow) if s * i <= p < s * i + k and s * j <= q < s * j + k
                    and (not spec["mark"] or float(x[p, q]) == top(s * i, s * j)))
    elif spec["form"] == "window":
        b = spec["bracket"] or s
        value = sum(d(i, j) for i in range(oh) for j in range(ow) for m in range(k) for n in range(k)
                    if b * i + m == p and b * j + n == q
                    and (not spec["mark"] or float(x[p, q]) == top(s * i, s * j)))
    else:
        i, j = p // s + spec["shift"], q // s
        value = d(i, j)
        if spec["mark"] and value:
            value *= float(x[p, q]) == top(s * (p // s), s * (q // s))
    return spec["scale"] * value


def entry_values(spec, k: int, s: int, x, delta, p: int, q: int) -> list:
    """The entry form's value at (p, q) for each window (i, j) that holds it, by plain loops."""
    oh, ow = delta.shape
    out = []
    for i, j in itertools.product(range(oh), range(ow)):
        if not (s * i <= p < s * i + k and s * j <= q < s * j + k):
            continue
        ii = i + spec["shift"]
        value = float(delta[ii, j]) if ii < oh else None          # δ outside its tensor: not a value
        if value is not None and spec["mark"]:
            value *= float(x[p, q]) == max(float(x[s * i + a, s * j + b]) for a in range(k) for b in range(k))
        out.append(None if value is None else spec["scale"] * value)
    return out


def truth(spec, k, s, samples) -> bool:
    if spec["form"] in ("entry", "words"):
        return all(v == float(grad[p, q]) for x, delta, grad in samples
                   for p, q in itertools.product(range(x.shape[0]), range(x.shape[1]))
                   for v in entry_values(spec, k, s, x, delta, p, q))
    return all(claim_value(spec, k, s, x, delta, p, q) == float(grad[p, q])
               for x, delta, grad in samples for p, q in itertools.product(range(x.shape[0]), range(x.shape[1])))


def sample(h: int, w: int, k: int, s: int, generator, top=None):
    """(x, δ, ∂L/∂x by torch) at a random input of distinct values; ``top``: the flat position
    that holds the largest value (then it is the maximum of every window it is in)."""
    x = torch.randperm(h * w, generator=generator).double()
    if top is not None:
        x[top] = h * w
    x = (x.reshape(h, w) * 7 - 50).requires_grad_(True)
    y = F.max_pool2d(x[None, None], k, s)[0, 0]
    delta = wide_values(tuple(y.shape), generator)
    y.backward(delta)
    return x.detach(), delta, x.grad


def main(argv=None) -> int:
    n_claims, seed = size_and_seed(__doc__, 200, argv)
    rng = random.Random(seed)
    generator = torch.Generator().manual_seed(seed)
    tally, start = Tally(), time.perf_counter()
    while tally.made < n_claims:
        k = rng.choice([2, 3])
        s = rng.randint(1, k)
        h, w = rng.randint(k, 2 * k + 2), rng.randint(k, 2 * k + 2)
        specs = [random_claim(rng) for _ in range(4)]
        forward = rf"y_{{ij}} = \max_{{0 \le m,n < {k}}} x_{{{s}i+m,{s}j+n}}"
        body = "\n\n".join(f"$${claim_latex(spec, k, s)}$$" for spec in specs)
        text = (f"# Max pooling\n\n<!-- symbp: layer=maxpool input={h}x{w} kernel={k} stride={s} "
                f"names: x=input y=output L=loss -->\n\n$${forward}$$\n\n{body}\n")
        samples = [sample(h, w, k, s, generator, top) for top in [None] * 3 + list(range(h * w))]
        report = tally.check(text, len(specs))
        if report is None:
            continue
        by_latex = {}
        for c in report.claims:
            by_latex.setdefault(c.latex.strip(), c)
        for spec in specs:
            tally.record(truth(spec, k, s, samples), by_latex.get(claim_latex(spec, k, s).strip()), text,
                         ("mutant" if spec["mutated"] else "textbook") + f" {spec['form']}")
        tally.made += len(specs)
    return tally.summary("max-pooling index campaign", seed, time.perf_counter() - start)


if __name__ == "__main__":
    sys.exit(main())
