r"""Adversarial campaign: conv pages that write their own definitions, primed indices and sums to
size letters, true and mutated claims, truth from torch autograd (issue 12).

Each document is a page of the kind authors write:

- the sizes only in words, in one of several spellings ("The input $x$ is $H \times W$ and the
  kernel $w$ is $k_1 \times k_2$", "the H x W input map ... a k_1 x k_2 kernel", "of size");
- sometimes the operators defined by index formulas, ``(A * B)_{ij} = \sum A_{i-m,j-n} B_{m,n}``
  (a true convolution) or ``(A * B)[i,j] = \sum A[i+m, j+n] B[m,n]`` (a cross-correlation),
  sometimes both (the page contradicts itself);
- the forward written in entries in one section (a cross-correlation, 0-based), the gradients in
  the next, under a directive that says ``conv=true``, ``conv=cross`` or nothing, or no directive;
- claims about the kernel's gradient with the entry primed (``w_{m',n'}``, ``w_{m^{\prime},n^{\prime}}``,
  ``w_{{m'},{n'}}``) and the sums' bounds in the size letters, ``\sum_{i=0}^{H-k_1}`` (mutated: a
  bound one short or one long, an offset, a sign, the roles of the primed letters exchanged), and
  whole-tensor claims with the operators, ``\frac{\partial E}{\partial w} = x * \delta`` or
  ``x \star \delta``;
- sometimes ``\star`` defined by the page: a bare cross-correlation in several spellings, or scaled
  (``\frac{1}{2}\sum``), with the kernel read transposed (``B[n,m]``), strided (``A[2i+m, 2j+n]``) or
  dilated (``A[i+2m, j+2n]``): ``x \star \delta`` is then true only as that formula computes
  (plain loops), and symbp may never read it as a plain cross-correlation.

- a claim whose sums end at letters no number binds (``\sum_{i=0}^{I-1}``, ``H_{out}``, ``n_H``;
  round eight), the letters the output's size, sometimes written so in the prose, sometimes a
  bound off by one (``\sum_{i=1}^{I}``, ``\sum_{i=0}^{I}``): true when it is true with the letters
  the output's rows and columns.

Truth, independent of symbp: an index claim is true when every sum it writes reads only entries
that exist and equals torch's gradient entry by entry; ``x * δ`` is true when ``*`` as the page
defines it (its one definition; where it defines none or both ways, the directive's ``conv=``;
where nothing settles it the page writes no operator claim) applied to x and δ by torch equals
torch's gradient ("unchecked" is always allowed: a directive against the page's definition
should leave such a claim unchecked).  Counted: false holds, false refutations, unchecked, crashes.

    python benchmarks/campaign_index_written.py --n 200 --seed 0
"""
from __future__ import annotations

import itertools
import random
import sys
import time

import torch
import torch.nn.functional as F

from campaign_tally import Tally, size_and_seed, wide_values

PRIMES = ("m'", r"m^{\prime}", "{m'}")
SIZE_WORDS = (
    "The input $x$ is $H \\times W$ and the kernel $w$ is $k_1 \\times k_2$.",
    "The H x W input map x is slid over by a k_1 x k_2 kernel w.",
    "The input $x$ is of size $H \\times W$; the kernel $w$ has size $k_1 \\times k_2$.",
)
DEFINITIONS = {
    "true": r"(A * B)_{ij} = \sum_{m}\sum_{n} A_{i-m,j-n} B_{m,n}",
    "cross": r"(A * B)[i,j] = \sum_{m} \sum_{n} A[i+m, j+n] \cdot B[m,n]",
}

# what pages write for ⋆ (form: the formula's scale, stride, dilation, kernel read transposed): a bare
# cross-correlation in several spellings, or an operator that is none of the two conventions
STAR_DEFINITIONS = (
    (r"(A \star B)[i,j] = \sum_{m} \sum_{n} A[i+m, j+n] \, B[m,n]", {}),
    (r"(A \star B)_{i,j} = \sum\limits_{u}\sum\limits_{v} B_{u,v} \cdot A_{i+u,j+v}", {}),
    (r"(A \star B)[i,j] = \frac{1}{2} \sum_{m} \sum_{n} A[i+m, j+n] \cdot B[m,n]", {"scale": 0.5}),
    (r"(A \star B)_{ij} = \frac{1}{4}\sum_{m}\sum_{n} A_{i+m,j+n} B_{m,n}", {"scale": 0.25}),
    (r"(A \star B)[i,j] = \sum_{m} \sum_{n} A[i+m, j+n] \cdot B[n,m]", {"swapped": True}),
    (r"(A \star B)[i,j] = \sum_{m} \sum_{n} A[2i+m, 2j+n] \cdot B[m,n]", {"stride": 2}),
    (r"(A \star B)(i,j) = \sum_{m}\sum_{n} A(i+2m, j+2n)\, B(m,n)", {"dilation": 2}),
)


def defined_star(x, delta, scale=1.0, stride=1, dilation=1, swapped=False):
    """scale · Σ_m Σ_n x[stride·i + dilation·m, stride·j + dilation·n] δ[m, n] (δ[n, m] when ``swapped``;
    None when δ is not square then) over the outputs whose reads all exist: the page's ⋆ by plain loops."""
    kr, kc = delta.shape
    if swapped and kr != kc:
        return None
    read = delta.T if swapped else delta
    rows = [i for i in range(x.shape[0]) if stride * i + dilation * (kr - 1) < x.shape[0]]
    cols = [j for j in range(x.shape[1]) if stride * j + dilation * (kc - 1) < x.shape[1]]
    return torch.tensor([[scale * sum(float(x[stride * i + dilation * m, stride * j + dilation * n]) * float(read[m, n])
                                      for m in range(kr) for n in range(kc)) for j in cols] for i in rows],
                        dtype=x.dtype)


def primed(letter: str, spelling: str) -> str:
    return spelling.replace("m", letter)


def index_claim(rng: random.Random, spelling: str):
    """(latex, spec) of ∂E/∂w_{m',n'} = Σ_{i=0}^{H-k_1+a} Σ_{j=0}^{W-k_2+b} δ_{i,j} x_{i±m'+o, j±n'+p}."""
    spec = dict(a=0, b=0, o=0, p=0, s=1, t=1, swap=False)
    if rng.random() < 0.6:
        for _ in range(rng.randint(1, 2)):
            kind = rng.choice(["bound", "offset", "sign", "swap"])
            if kind == "bound":
                spec[rng.choice("ab")] += rng.choice([-1, 1])
            elif kind == "offset":
                spec[rng.choice("op")] += rng.choice([-1, 1])
            elif kind == "sign":
                spec[rng.choice("st")] *= -1
            else:
                spec["swap"] = not spec["swap"]
    mp, np_ = primed("m", spelling), primed("n", spelling)
    first, second = (np_, mp) if spec["swap"] else (mp, np_)

    def bound(size, k, extra):
        return f"{size}-{k}" + ("" if extra == 0 else (f"+{extra}" if extra > 0 else f"-{-extra}"))

    def idx(var, sign, letter, off):
        return f"{var}{'+' if sign == 1 else '-'}{letter}" + ("" if off == 0 else (f"+{off}" if off > 0 else f"-{-off}"))
    latex = (rf"\frac{{\partial E}}{{\partial w_{{{mp},{np_}}}}} = \sum_{{i=0}}^{{{bound('H', 'k_1', spec['a'])}}} "
             rf"\sum_{{j=0}}^{{{bound('W', 'k_2', spec['b'])}}} \delta_{{i,j}} "
             rf"x_{{{idx('i', spec['s'], first, spec['o'])},{idx('j', spec['t'], second, spec['p'])}}}")
    return latex, spec


def index_truth(spec, x, w, delta, grad) -> bool:
    """Every read exists and the sums equal torch's gradient (0-based, cross-correlation forward)."""
    (h, wd), (kr, kc) = x.shape, w.shape
    rows, cols = h - kr + 1 + spec["a"], wd - kc + 1 + spec["b"]
    for m, n in itertools.product(range(kr), range(kc)):
        a, b = (n, m) if spec["swap"] else (m, n)
        total = 0
        for i, j in itertools.product(range(rows), range(cols)):
            r, c = i + spec["s"] * a + spec["o"], j + spec["t"] * b + spec["p"]
            if not (i < delta.shape[0] and j < delta.shape[1] and 0 <= r < h and 0 <= c < wd):
                return False
            total += int(delta[i, j]) * int(x[r, c])
        if total != int(grad[m, n]):
            return False
    return True


LETTERS = (("I", "J"), ("H_{out}", "W_{out}"), ("n_H", "n_W"), ("P", "Q"))
# (first index, constant after the letter): the count form from 0, and off-by-ones people write
LETTER_SUMS = ((0, -1), (0, -1), (1, 0), (0, 0), (1, -1), (0, -2))


def letter_claim(rng: random.Random):
    r"""(latex, spec) of ∂E/∂w_{m,n} = Σ_{i=a}^{I+c} Σ_{j=b}^{J+d} δ_{i,j} x_{i+m,j+n}, I and J the
    output's size letters no number binds (round eight), sometimes one bound off by one."""
    rows, cols = rng.choice(LETTERS)
    (a, c), (b, d) = rng.choice(LETTER_SUMS), rng.choice(LETTER_SUMS[:3])
    end = lambda letter, k: letter + ("" if k == 0 else f"+{k}" if k > 0 else f"-{-k}")   # noqa: E731
    latex = (rf"\frac{{\partial E}}{{\partial w_{{m,n}}}} = \sum_{{i={a}}}^{{{end(rows, c)}}} "
             rf"\sum_{{j={b}}}^{{{end(cols, d)}}} \delta_{{i,j}} x_{{i+m,j+n}}")
    return latex, dict(a=a, c=c, b=b, d=d, sized=rng.random() < 0.5, letters=(rows, cols))


def letter_truth(spec, x, w, delta, grad) -> bool:
    """The letters the output's rows and columns (counts), 0-based: every read exists and the sums equal torch."""
    oh, ow = delta.shape
    for m, n in itertools.product(range(w.shape[0]), range(w.shape[1])):
        total = 0
        for i, j in itertools.product(range(spec["a"], oh + spec["c"] + 1), range(spec["b"], ow + spec["d"] + 1)):
            if not (0 <= i < oh and 0 <= j < ow):
                return False
            total += int(delta[i, j]) * int(x[i + m, j + n])
        if total != int(grad[m, n]):
            return False
    return True


def operator_truth(op: str, defined: str, x, delta, grad, star_form=None) -> bool:
    """``x op δ`` (valid) against torch's gradient; ``defined``: what * means on this page;
    ``star_form``: how the page defines ⋆ (:data:`STAR_DEFINITIONS`), None where it does not."""
    if op == r"\star" and star_form is not None:
        got = defined_star(x, delta, **star_form)
        return got is not None and got.shape == grad.shape and bool(torch.equal(got, grad))
    kernel = delta if op == r"\star" or defined == "cross" else torch.flip(delta, (0, 1))
    got = F.conv2d(x[None, None], kernel[None, None])[0, 0]
    return got.shape == grad.shape and bool(torch.equal(got, grad))


def sample(h: int, w: int, kr: int, kc: int, generator):
    xs = wide_values((h, w), generator)
    ws = wide_values((kr, kc), generator).requires_grad_()
    z = F.conv2d(xs[None, None], ws[None, None])[0, 0]
    delta = wide_values(tuple(z.shape), generator)
    z.backward(delta)
    return xs, ws.detach(), delta, ws.grad


def page(rng: random.Random, sizes, claims: list[str], star=None):
    """(text, what * means by the page's definitions or words, directive's conv or None);
    ``star``: a definition of ⋆ the page writes (:data:`STAR_DEFINITIONS`), or None."""
    (h, w, kr, kc) = sizes
    defs = rng.choice([[], ["true"], ["cross"], ["true", "cross"]])
    directive = rng.choice([None, "none", "true", "cross"])
    parts = ["# Backpropagation in a convolution layer", rng.choice(SIZE_WORDS)]
    if defs or star:
        parts.append("The operators, entry by entry:")
        parts += [f"$${DEFINITIONS[d]}$$" for d in defs] + ([f"$${star}$$"] if star else [])
    parts += ["The convolution of the layer:", r"$$z_{i,j} = \sum_{m}\sum_{n} w_{m,n} x_{i+m,j+n}$$",
              "## Gradients"]
    if directive is not None:
        conv = "" if directive == "none" else f" conv={directive}"
        parts.append(f"<!-- symbp: layer=conv2d input={h}x{w} kernel={kr}x{kc}{conv} index_base=0 "
                     f"names: x=input w=kernel z=output E=loss -->")
    # what * means: the page's one definition; else a directive's conv=; else nothing settles it
    meaning = defs[0] if len(defs) == 1 else (directive if directive in ("true", "cross") else None)
    if meaning is None:
        claims = [c for c in claims if not c.startswith(r"\frac{\partial E}{\partial w} =")]
    parts += [f"$${c}$$" for c in claims]
    return "\n\n".join(parts) + "\n", meaning, directive


def main(argv=None) -> int:
    n_claims, seed = size_and_seed(__doc__, 200, argv)
    rng, generator = random.Random(seed), torch.Generator().manual_seed(seed)
    tally, start = Tally(), time.perf_counter()
    while tally.made < n_claims:
        h, w, kr, kc = rng.randint(3, 5), rng.randint(3, 5), rng.randint(2, 3), rng.randint(2, 3)
        spelling = rng.choice(PRIMES)
        specs = [index_claim(rng, spelling) for _ in range(3)]
        ops = [rng.choice(["*", r"\star"]) for _ in range(2)]
        op_claims = [rf"\frac{{\partial E}}{{\partial w}} = x {op} \delta" for op in ops]
        star, star_form = rng.choice(STAR_DEFINITIONS) if rng.random() < 0.4 else (None, None)
        letter = letter_claim(rng)
        text, meaning, _ = page(rng, (h, w, kr, kc), [s[0] for s in specs] + [letter[0]] + op_claims, star)
        if letter[1]["sized"]:              # the page writes the letters as the output's size
            text = text.replace("## Gradients", "## Gradients\n\nThe output $z$ is $%s \\times %s$."
                                % letter[1]["letters"], 1)
        # no directive: the page's sizes are letters, true means true at every size tried here
        sizes = [(h, w, kr, kc)] if "symbp:" in text else [(3, 3, 2, 2), (4, 5, 2, 3), (5, 5, 3, 3)]
        samples = [sample(*s, generator) for s in sizes]
        made = len(specs) + 1 + (len(ops) if meaning is not None else 0)
        report = tally.check(text, made)
        if report is None:
            continue
        by_latex = {}
        for c in report.claims:
            by_latex.setdefault(c.latex.strip(), c)
        for latex, spec in specs:
            tally.record(all(index_truth(spec, x, k, d, g) for x, k, d, g in samples), by_latex.get(latex), text)
        tally.record(all(letter_truth(letter[1], x, k, d, g) for x, k, d, g in samples),
                     by_latex.get(letter[0].strip()), text)
        for op, latex in zip(ops, op_claims if meaning is not None else []):
            tally.record(all(operator_truth(op, meaning, x, d, g, star_form) for x, k, d, g in samples),
                         by_latex.get(latex), text)
        tally.made += made
    return tally.summary("index written-definitions campaign", seed, time.perf_counter() - start)


if __name__ == "__main__":
    sys.exit(main())
