r"""The index reader's campaign for average pooling: true and mutated index-notation claims
about ``y_{ij} = \frac{1}{k^2}\sum_{m=0}^{k-1}\sum_{n=0}^{k-1} x_{ki+m,kj+n}`` (window k, stride
k) checked as whole ``symbp check`` documents, truth from torch autograd
(``torch.nn.functional.avg_pool2d``).

Claims about ∂L/∂x_{pq}, around the two textbook forms

    \frac{1}{k^2} δ_{⌊p/k⌋, ⌊q/k⌋}                                        (floor form)
    \frac{1}{k^2} Σ_{i,j} Σ_{m=0}^{k-1} Σ_{n=0}^{k-1} δ_{ij} [ki+m = p][kj+n = q]   (Iverson form)
    \frac{1}{k^2} \text{up}(δ, k)                                        (upsample form)
    \frac{1}{k^2} δ_{ij}, (i, j) the window that holds (p, q)             (entry form; an entry in
        no window is not claimed; "(p,q) \in R_{i,j}" or "for (p,q) in the window of (i,j)" after it or not)

with mutations: the 1/k² missing or written 1/k, an off-by-one window (an upper bound k or
k-2, an offset in a bracket or in δ's index), the stride dropped (``[i+m = p]``, ``δ_{p,q}``).
The truth is computed here by plain loops, independently of symbp: sums without bounds over
every integer, δ outside its tensor 0, compared entry by entry with torch's gradient at wide
random integers.  Documents give no sizes (the reader tries several) or a directive.  About
one sized document in three goes on, after its claims, with a second section (a sentence such as
"Overlapping average pooling, window k, stride 1:" and its own directive and stride-1 forward):
the first section's claims must be read with the first section's stride, whose directive then
sometimes leaves the stride to PyTorch's default (the window).

    python benchmarks/campaign_index_pool.py --n 200 --seed 0
"""
from __future__ import annotations

import random
import sys
import time
from fractions import Fraction

import torch
import torch.nn.functional as F

from campaign_tally import Tally, size_and_seed, wide_values

WIDE = range(-2, 9)
FORWARD = r"y_{ij} = \frac{1}{k^2}\sum_{m=0}^{k-1}\sum_{n=0}^{k-1} x_{ki+m,kj+n}"
# the sizes the reader tries when a document gives none (square windows of
# symbp.check.doc_names.SMALL_SIZES_POOL: the stride letter is the window)
UNSIZED = [(4, 4, 2), (5, 5, 2), (6, 6, 3)]
SECOND = ["Overlapping average pooling, window {k}, stride 1:", "Now the same window with a stride of 1.",
          "再看步长为 1 的重叠平均池化：", "Next, overlapping pooling (stride = 1, kernel size {k})."]


# how the entry form says (i, j) is the window of (p, q), or leaves it to the reader
TAILS = ["", r", \quad (p,q) \in R_{i,j}", r" \quad \text{for } (p,q) \text{ in the window of } (i,j)"]


def _off(k: int) -> str:
    return "" if k == 0 else (f"+{k}" if k > 0 else f"-{-k}")


def random_claim(rng: random.Random) -> dict:
    """A claim spec: form, scale (k², k or 1), offsets, window end, stride dropped."""
    spec = dict(form=rng.choice(["floor", "iverson", "up", "entry"]), scale="k^2", o=[0, 0], hi=0, drop=False,
                mutated=False)
    if spec["form"] == "entry":               # its one mutation: the scale
        spec["tail"] = rng.choice(TAILS)
        if rng.random() < 0.6:
            spec["mutated"], spec["scale"] = True, rng.choice(["k", "1"])
        return spec
    if rng.random() < 0.6:
        spec["mutated"] = True
        what = rng.choice(["scale", "offset", "window", "drop"])
        if what == "scale":
            spec["scale"] = rng.choice(["k", "1"])
        elif what == "offset":
            spec["o"][rng.randrange(2)] = rng.choice([-1, 1])
        elif what == "window" and spec["form"] == "iverson":
            spec["hi"] = rng.choice([-1, 1])
        else:
            spec["drop"] = True
    return spec


def claim_latex(spec) -> str:
    scale = {"k^2": r"\frac{1}{k^2}", "k": r"\frac{1}{k}", "1": ""}[spec["scale"]]
    o1, o2 = spec["o"]
    lhs = r"\frac{\partial L}{\partial x_{pq}} = "
    if spec["form"] == "up":                  # \frac{1}{k^2} up(δ): δ's entries over k×k blocks
        block = "1" if spec["drop"] else f"k{_off(o1 + o2)}"
        return r"\frac{\partial L}{\partial x} = " + rf"{scale}\text{{up}}(\delta, {block})"   # whole x
    if spec["form"] == "entry":
        return lhs + rf"{scale}\delta_{{ij}}" + spec["tail"]
    if spec["form"] == "floor":
        if spec["drop"]:
            return lhs + rf"{scale}\delta_{{p{_off(o1)},q{_off(o2)}}}"
        return lhs + rf"{scale}\delta_{{\lfloor p/k \rfloor{_off(o1)}, \lfloor q/k \rfloor{_off(o2)}}}"
    s = "" if spec["drop"] else "k"
    hi = f"k{_off(spec['hi'] - 1)}"
    return lhs + (rf"{scale}\sum_{{i,j}}\sum_{{m=0}}^{{{hi}}}\sum_{{n=0}}^{{{hi}}} \delta_{{ij}} "
                  rf"[{s}i+m{_off(o1)} = p][{s}j+n{_off(o2)} = q]")


def truth(spec, k: int, delta, grad) -> bool:
    """The claim's right side by plain loops equals torch's gradient at every entry."""
    scale = {"k^2": Fraction(1, k * k), "k": Fraction(1, k), "1": Fraction(1)}[spec["scale"]]
    o1, o2 = spec["o"]
    stride = 1 if spec["drop"] else k

    def d(i, j):
        if 0 <= i < delta.shape[0] and 0 <= j < delta.shape[1]:
            return int(delta[i, j])
        return 0
    if spec["form"] == "up":                  # the shapes must agree: no cropping
        block = 1 if spec["drop"] else k + o1 + o2
        if block < 1 or (delta.shape[0] * block, delta.shape[1] * block) != tuple(grad.shape):
            return False
    for p in range(grad.shape[0]):
        for q in range(grad.shape[1]):
            if spec["form"] == "up":
                value = d(p // block, q // block)
            elif spec["form"] == "entry":         # the window (p // k, q // k) when there is one
                if p // k >= delta.shape[0] or q // k >= delta.shape[1]:
                    continue
                value = d(p // k, q // k)
            elif spec["form"] == "floor":
                value = d(p // stride + o1, q // stride + o2)
            else:
                window = range(0, k + spec["hi"])
                value = sum(d(i, j) for i in WIDE for j in WIDE for m in window for n in window
                            if stride * i + m + o1 == p and stride * j + n + o2 == q)
            if scale * value != Fraction(grad[p, q].item()).limit_denominator(10 ** 6):
                return False
    return True


def sample(h: int, w: int, k: int, generator):
    x = torch.zeros((h, w), dtype=torch.float64, requires_grad=True)
    y = F.avg_pool2d(x[None, None], k, k)[0, 0]
    delta = wide_values(tuple(y.shape), generator)
    y.backward(delta)
    return delta, x.grad


def main(argv=None) -> int:
    n_claims, seed = size_and_seed(__doc__, 200, argv)
    rng, later = random.Random(seed), random.Random(seed + 3)       # later: the second sections
    generator = torch.Generator().manual_seed(seed)
    tally, start = Tally(unread_fails=True), time.perf_counter()
    while tally.made < n_claims:
        sized = rng.random() < 0.5
        k = rng.choice([2, 3])
        h, w = rng.randint(k, 3 * k + 1), rng.randint(k, 3 * k + 1)
        sizes = [(h, w, k)] if sized else UNSIZED
        specs = [random_claim(rng) for _ in range(4)]
        second = sized and later.random() < 0.35
        stride = "" if second and later.random() < 0.5 else f" stride={k}"     # PyTorch's default: the window
        directive = f"<!-- symbp: layer=avgpool input={h}x{w} kernel={k}{stride} -->\n\n" if sized else ""
        body = "\n\n".join(f"$${claim_latex(s)}$$" for s in specs)
        text = f"# Average pooling\n\n{directive}$${FORWARD}$$\n\n{body}\n"
        if second:
            text += (f"\n{later.choice(SECOND).format(k=k)}\n\n<!-- symbp: layer=avgpool input={k + 1}x{k + 1} "
                     f"kernel={k} stride=1 -->\n\n$${FORWARD.replace('ki+m,kj+n', 'i+m,j+n')}$$\n")
        samples = [(kk, *sample(hh, ww, kk, generator)) for hh, ww, kk in sizes]
        report = tally.check(text, len(specs))
        if report is None:
            continue
        by_latex = {}
        for c in report.claims:
            by_latex.setdefault(c.latex.strip(), c)
        for spec in specs:
            tally.record(all(truth(spec, kk, d, g) for kk, d, g in samples), by_latex.get(claim_latex(spec).strip()),
                         text, ("mutant" if spec["mutated"] else "textbook") + f" {spec['form']}")
        tally.made += len(specs)
    return tally.summary("average-pooling index campaign", seed, time.perf_counter() - start)

if __name__ == "__main__":
    sys.exit(main())
