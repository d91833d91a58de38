r"""The index reader's adversarial campaign: true and mutated index-notation claims about a
conv2d layer, checked as whole `symbp check` documents, truth from torch autograd.

Each document states a cross-correlation forward in index notation (0- or 1-based, sizes in
a directive or none at all) and a few claims

    ∂E/∂x_{ij} = Σ_m Σ_n δ_{i+σ₁m+o₁, j+σ₂n+o₂} w_{m+o₃, n+o₄}      (and ∂E/∂w_{mn} alike)

drawn around the true ones (σ = −1, o = 0 for ∂E/∂x; δ_{ij} x_{i+m, j+n} for ∂E/∂w) with
random mutations: a sign, an offset, the roles of δ and the other tensor, transposed indices;
some ∂E/∂w claims write x_{i+m, j+n} as the derivative of the forward's own expression,
∂(Σ_p Σ_q w_{p,q} x_{i+p, j+q})/∂w_{m,n} (the mutations then inside the expression).
A document writes its entries one way throughout, as authors do: subscripts x_{i+m,j+n},
brackets x[i+m, j+n], chained brackets x[i+m][j+n] or calls x(i+m, j+n) (Goodfellow et al.),
drawn from a second random stream so a seed's claims are the same in every spelling; a third
stream dresses each claim as authors also do (``dress``: a ``\begin{equation}`` wrapper, the left
side in null delimiters ``\left. … \right.``, ``\partial E(x, w)``, ``\bigtriangledown_{x_{ij}} E``,
struts ``\rule{0mm}{5mm}``, colour ``\color{red}{…}`` / ``{\color{red} …}`` / ``\textcolor``, a label
``\underbrace{…}_{\text{…}}``); a fourth adds, to half the documents, a claim written as a Frobenius
product ``∂E/∂w_{mn} = ⟨∂E/∂z, ∂z/∂x_{nm}⟩_F`` (true only by the claim's own entry), and a fifth
names the indices (``NAMINGS``: Greek ``\alpha, \mu``, subscripted ``i_1, k_1``, word subscripts
``r_{out}, r_\text{k}``, double primes ``i''``), consistently across the document; a sixth adds, to
most documents with sizes, the output's derivative by one entry written as a matrix
(``entry_matrix_claim``: true, transposed, flipped, an entry moved, a row dropped, or a flat list;
truth from torch's Jacobian at distinct values).
The truth of a claim is computed here, independently of symbp: the sums run over every
integer (an entry outside its tensor is 0, as an implicit range means), entry by entry,
against ``torch.autograd`` gradients of the same forward.  A claim is "true" when every entry
agrees.  Counted: false holds (symbp says holds, torch says false), false refutations,
unchecked, crashes.

    python benchmarks/campaign_index.py --n 400 --seed 0
"""
from __future__ import annotations

import itertools
import random
import re
import sys
import time

import torch
import torch.nn.functional as F

from campaign_tally import Tally, size_and_seed, wide_values

WIDE = range(-12, 16)


def forward_latex(base: int) -> str:
    if base == 0:
        return r"z_{i,j} = \sum_m \sum_n x_{i+m,j+n} w_{m,n}"
    return r"z_{i,j} = \sum_{m=1}^{k} \sum_{n=1}^{k} x_{i+m-1,j+n-1} w_{m,n}"


def _off(k: int) -> str:
    return "" if k == 0 else (f"+{k}" if k > 0 else f"-{-k}")


def random_claim(rng: random.Random, wrt: str):
    """A claim spec: (wrt, first tensor, sign1, sign2, offsets, transposed)."""
    if wrt == "x":     # true: Σ δ_{i-m, j-n} w_{m, n}
        spec = dict(wrt="x", other="w", s1=-1, s2=-1, o=[0, 0, 0, 0], swap=False, transpose=False)
    else:              # true: Σ δ_{i, j} x_{i+m, j+n}
        spec = dict(wrt="w", other="x", s1=1, s2=1, o=[0, 0, 0, 0], swap=False, transpose=False)
    if rng.random() < 0.6:                       # mutate (some mutations are no-ops: truth decides)
        for _ in range(rng.randint(1, 2)):
            kind = rng.choice(["sign", "offset", "swap", "transpose"])
            if kind == "sign":
                key = rng.choice(["s1", "s2"])
                spec[key] = -spec[key]
            elif kind == "offset":
                spec["o"][rng.randrange(4)] += rng.choice([-1, 1])
            elif kind == "swap":
                spec["swap"] = not spec["swap"]
            else:
                spec["transpose"] = not spec["transpose"]
    # ∂E/∂w written through the forward's own expression, ∂(Σ_p Σ_q w_{p,q} x_{i+p,j+q})/∂w_{m,n} in
    # place of x_{i+m,j+n} (the same value: its mutations are the expression's)
    spec["written"] = wrt == "w" and rng.random() < 0.4
    return spec


def _indices(spec):
    """The index pairs of the two factors, as LaTeX and as functions of (entry, summed)."""
    o = spec["o"]
    if spec["wrt"] == "x":    # entry (i, j), summed (m, n): δ_{i±m+o0, j±n+o1} · other_{m+o2, n+o3}
        first = (f"i{'+' if spec['s1'] == 1 else '-'}m{_off(o[0])}",
                 f"j{'+' if spec['s2'] == 1 else '-'}n{_off(o[1])}")
        second = (f"m{_off(o[2])}", f"n{_off(o[3])}")
        if spec["transpose"]:
            second = second[::-1]
        return first, second, r"\frac{\partial E}{\partial x_{ij}}", r"\sum_m \sum_n "
    # entry (m, n), summed (i, j): δ_{i+o2, j+o3} · other_{i±m+o0, j±n+o1}
    first = (f"i{_off(o[2])}", f"j{_off(o[3])}")
    second = (f"i{'+' if spec['s1'] == 1 else '-'}m{_off(o[0])}",
              f"j{'+' if spec['s2'] == 1 else '-'}n{_off(o[1])}")
    if spec["transpose"]:
        second = second[::-1]
    return first, second, r"\frac{\partial E}{\partial w_{mn}}", r"\sum_i \sum_j "


SPELLINGS = ("subscripts", "brackets", "chained", "calls")


def spell(latex: str, spelling: str) -> str:
    """``latex`` with every entry x_{a,b} (x_{ij}: two one-letter indices) written in
    ``spelling``: x[a, b], x[a][b] or x(a, b); the same meaning."""
    def one(m):
        name, inner = m.group(1), m.group(2)
        parts = inner.split(",") if "," in inner else list(inner)
        if spelling == "brackets":
            return f"{name}[{', '.join(parts)}]"
        if spelling == "chained":
            return name + "".join(f"[{p}]" for p in parts)
        return f"{name}({', '.join(parts)})"
    return latex if spelling == "subscripts" else re.sub(r"(\\delta|[xwz])_\{([^{}]*)\}", one, latex)


# index names as authors write them (issue 12): the same bound variables under other names, one
# naming a document (a fourth stream): Greek letters, subscripted names, word subscripts, double primes
NAMINGS = {"plain": {},
           "greek": {"i": r"\alpha", "j": r"\beta", "m": r"\mu", "n": r"\nu"},
           "subscripted": {"i": "i_1", "j": "i_2", "m": "k_1", "n": "k_2"},
           "words": {"i": r"r_{out}", "j": r"c_{out}", "m": r"r_\text{k}", "n": r"c_\text{k}"},
           "primes": {"i": "i''", "j": "j''", "m": "m'", "n": "n'"}}
_PAIR = re.compile(r"_\{([ijmn])([ijmn])\}")
# a bare sum subscript \sum_i (braced when renamed), or an index letter anywhere else: one pass
_INDEX_LETTER = re.compile(r"\\sum_([ijmn])(?![A-Za-z])|(?<![\\A-Za-z])([ijmn])(?![A-Za-z'])")


def rename(latex: str, naming: str) -> str:
    r"""``latex`` with the index letters i, j, m, n named as ``NAMINGS[naming]`` says (``x_{ij}``
    written ``x_{i,j}`` first; a bare sum subscript braced): bound variables renamed, the same
    meaning."""
    names = NAMINGS[naming]
    if not names:
        return latex
    latex = _PAIR.sub(r"_{\1,\2}", latex)
    return _INDEX_LETTER.sub(lambda m: "\\sum_{" + names[m.group(1)] + "}" if m.group(1) else
                             names[m.group(2)] + " ", latex)


DRESSINGS = ("plain", "equation", "null", "loss_args", "triangle", "strut", "color", "katex_color", "underbrace",
             "lead_arrow", "annotated_equals")
# arrows authors put before a claim that continues a derivation, or between two claims in one row
ARROWS = (r"\Rightarrow", r"\implies", r"\Longrightarrow", r"\therefore", "⇒", "∴", r"\quad\Rightarrow\quad", r"\iff",
          r"\xrightarrow{\text{so}}", r"\;\to\;")
ANNOTATED_EQUALS = (r"\overset{\text{chain rule}}{=}", r"\stackrel{(a)}{=}", r"\underset{\text{by (2)}}{=}", r"=\!\!=")
_LHS = re.compile(r"^\\frac\{\\partial E\}\{\\partial ((?:[^{}]|\{[^{}]*\})*)\}")


def dress(latex: str, dressing: str) -> str:
    r"""``latex`` in one of the display spellings authors use around the same claim (the
    meaning unchanged): a ``\begin{equation}`` wrapper, the left side in null delimiters
    ``\left. … \right.``, the loss with its arguments ``\partial E(x, w)``, the gradient
    glyph ``\bigtriangledown_{x_{ij}} E``, or markup that prints no mathematics (struts,
    colour, an ``\underbrace`` label)."""
    if dressing == "equation":
        return r"\begin{equation} " + latex + r" \end{equation}"
    if dressing == "lead_arrow":                 # the row continues a derivation: ⇒ ∂E/∂x = …
        return f"{ARROWS[len(latex) % len(ARROWS)]} {latex}"
    if dressing == "annotated_equals":           # ∂E/∂x \overset{\text{chain rule}}{=} …
        return latex.replace(" = ", f" {ANNOTATED_EQUALS[len(latex) % len(ANNOTATED_EQUALS)]} ", 1)
    if dressing in ("strut", "color", "katex_color", "underbrace"):       # markup that prints no mathematics
        lhs, rhs = latex.split(" = ", 1)
        return {"strut": rf"\rule{{0mm}}{{5mm}} {lhs} = {rhs} \rule[-1ex]{{0pt}}{{3ex}}",
                "color": rf"\color{{red}}{{{lhs}}} = \color{{blue}}{{{rhs}}}",
                "katex_color": rf"{{\color{{red}} {lhs}}} = \textcolor{{blue}}{{{rhs}}}",
                "underbrace": rf"{lhs} = \underbrace{{{rhs}}}_{{\text{{the chain rule}}}}"}[dressing]
    lhs = _LHS.match(latex)
    if lhs is None or dressing == "plain":
        return latex
    if dressing == "null":
        return r"\left. " + lhs.group() + r" \right." + latex[lhs.end():]
    if dressing == "loss_args":
        return latex.replace(r"\partial E}", r"\partial E(x, w)}", 1)
    return rf"\bigtriangledown_{{{lhs.group(1)}}} E" + latex[lhs.end():]


def claim_latex(spec) -> str:
    first, second, lhs, sums = _indices(spec)
    names = ["\\delta", spec["other"]]
    if spec["swap"]:            # the roles of δ and the other tensor exchanged
        names = names[::-1]
    if spec.get("written") and names[1] == "x":
        inner = tuple(e.replace("m", "p").replace("n", "q") for e in second)
        return (f"{lhs} = {sums}{names[0]}_{{{first[0]},{first[1]}}} "
                rf"\frac{{\partial \left(\sum_p \sum_q w_{{p,q}} x_{{{inner[0]},{inner[1]}}}\right)}}"
                rf"{{\partial w_{{m,n}}}}")
    return (f"{lhs} = {sums}{names[0]}_{{{first[0]},{first[1]}}} "
            f"{names[1]}_{{{second[0]},{second[1]}}}")


def truth(spec, base: int, x, w, delta, grads) -> bool:
    """Every entry of the claim's right side (sums over every integer, 0 outside) equals
    torch's gradient; indices are the document's (``base``-based)."""
    tensors = {"x": x, "w": w, "d": delta}

    def at(name, i, j):
        t = tensors[name]
        i, j = i - base, j - base
        if 0 <= i < t.shape[0] and 0 <= j < t.shape[1]:
            return int(t[i, j])
        return 0

    o, other = spec["o"], spec["other"]
    first_name, second_name = ("d", "w" if other == "w" else "x")
    if spec["swap"]:
        first_name, second_name = second_name, first_name
    target = grads[spec["wrt"]]
    for p, q in itertools.product(range(target.shape[0]), range(target.shape[1])):
        i, j = p + base, q + base
        total = 0
        for u, v in itertools.product(WIDE, WIDE):
            if spec["wrt"] == "x":           # sum over m=u, n=v
                r1 = (i + spec["s1"] * u + o[0], j + spec["s2"] * v + o[1])
                r2 = (u + o[2], v + o[3])
                if spec["transpose"]:
                    r2 = (r2[1], r2[0])
                total += at(first_name, *r1) * at(second_name, *r2)
            else:                            # m=i, n=j entry; sum over i=u, j=v
                r1 = (u + o[2], v + o[3])
                r2 = (u + spec["s1"] * i + o[0], v + spec["s2"] * j + o[1])
                if spec["transpose"]:
                    r2 = (r2[1], r2[0])
                total += at(first_name, *r1) * at(second_name, *r2)
        if total != int(target[p, q]):
            return False
    return True


def frobenius_claim(rng: random.Random):
    r"""A claim written as a Frobenius product: ``∂E/∂w_{mn} = ⟨∂E/∂z, ∂z/∂x_{nm}⟩_F`` and the like
    (true where it differentiates by the claim's own entry), in several authors' spellings."""
    wrt, by, transpose = rng.choice("xw"), rng.choice("xw"), rng.random() < 0.3
    own = "ij" if wrt == "x" else "mn"
    at = own[::-1] if transpose else own
    bra, sep, ket = rng.choice([(r"\left\langle", ",", r"\right\rangle_F"), (r"\langle", ",", r"\rangle"),
                                ("⟨", r"\mid", "⟩_{F}"), (r"\langle", "|", r"\rangle_{\mathrm{F}}")])
    grad = rng.choice([r"\frac{\partial E}{\partial z}", r"\nabla_{z} E"])
    latex = (rf"\frac{{\partial E}}{{\partial {wrt}_{{{own}}}}} = {bra} {grad} {sep} "
             rf"\frac{{\partial z}}{{\partial {by}_{{{at}}}}} {ket}")
    return dict(frobenius=True, wrt=wrt, by=by, transpose=transpose), latex


def frobenius_truth(spec, grads) -> bool:
    """Σ_uv ∂E/∂z_uv ∂z_uv/∂by_(a,b) is ∂E/∂by_(a,b) (0 for an entry outside by): every entry of
    the claim's left side against it, from torch's gradients."""
    target, by = grads[spec["wrt"]], grads[spec["by"]]
    for p, q in itertools.product(range(target.shape[0]), range(target.shape[1])):
        a, b = (q, p) if spec["transpose"] else (p, q)
        value = int(by[a, b]) if a < by.shape[0] and b < by.shape[1] else 0
        if value != int(target[p, q]):
            return False
    return True


def entry_matrix_claim(rng: random.Random, h: int, k: int, base: int):
    r"""A claim writing the output's derivative by one entry as a matrix (a sixth stream),
    ``\frac{\partial z}{\partial w_{12}} = \begin{bmatrix} x_{12} & x_{13} \\ … \end{bmatrix}``: the
    true matrix, or it transposed, with the flipped kernel's entries, one entry moved, a row
    dropped, or written as a flat column.  Each entry (r, c) names the other tensor's entry (None: 0)."""
    wrt = rng.choice("xw")
    size, other = (k, "x") if wrt == "w" else (h, "w")
    p, q = rng.randrange(size), rng.randrange(size)
    truth = _entry_matrix(h, k, wrt, p, q)
    mutation = rng.choice(["truth", "truth", "transpose", "flip", "moved", "cropped", "flat"])
    other_size = h if other == "x" else k
    matrix = {"truth": truth, "transpose": [list(r) for r in zip(*truth)],
              "flip": [[None if e is None else (other_size - 1 - e[0], other_size - 1 - e[1]) for e in row]
                       for row in truth],
              "moved": [[(0, 0) if (a, b) == (0, 0) and e != (0, 0) else (0, 1) if (a, b) == (0, 0) else e
                         for b, e in enumerate(row)] for a, row in enumerate(truth)],
              "cropped": truth[:-1], "flat": [[e] for row in truth for e in row]}[mutation]
    env = rng.choice(["bmatrix", "pmatrix", "vmatrix"])
    cells = r" \\ ".join(" & ".join("0" if e is None else f"{other}_{{{e[0] + base}{e[1] + base}}}" for e in row)
                        for row in matrix)
    latex = (rf"\frac{{\partial z}}{{\partial {wrt}_{{{p + base}{q + base}}}}} = "
             rf"\begin{{{env}}} {cells} \end{{{env}}}")
    return dict(entry_matrix=True, true=matrix == truth), latex


def _entry_matrix(h: int, k: int, wrt: str, p: int, q: int):
    """torch's ∂z/∂wrt_{pq} (z = x ⋆ w, h x h input, k x k kernel) as a matrix of the other
    tensor's entries (r, c), None for 0: the Jacobian at distinct values, each value named back."""
    g = torch.Generator().manual_seed(10 * h + k)
    x = (torch.randperm(h * h, generator=g) + 1).double().reshape(h, h)
    w = (torch.randperm(k * k, generator=g) + 1000).double().reshape(k, k)
    conv = (lambda v: F.conv2d(x[None, None], v.reshape(1, 1, k, k))[0, 0]) if wrt == "w" else \
        (lambda v: F.conv2d(v.reshape(1, 1, h, h), w[None, None])[0, 0])
    jac = torch.autograd.functional.jacobian(conv, (w if wrt == "w" else x).reshape(-1))
    other = x if wrt == "w" else w
    where = {float(other[r, c]): (r, c) for r in range(other.shape[0]) for c in range(other.shape[1])}
    column = jac[:, :, p * (k if wrt == "w" else h) + q]
    return [[None if float(v) == 0 else where[float(v)] for v in row] for row in column]


def _sample(h: int, k: int, generator):
    """x (h x h), w (k x k), δ and torch's gradients of the cross-correlation z = x ⋆ w.

    Wide integers: a false claim cannot agree with torch by chance (with small values a
    transposed δ agrees whenever δ happens to be symmetric)."""
    xs = wide_values((h, h), generator).requires_grad_()
    ws = wide_values((k, k), generator).requires_grad_()
    z = F.conv2d(xs[None, None], ws[None, None])[0, 0]
    delta = wide_values(tuple(z.shape), generator)
    z.backward(delta)
    return xs.detach(), ws.detach(), delta, {"x": xs.grad, "w": ws.grad}


def document(rng: random.Random, base: int, with_directive: bool, claims: list[str], h: int, k: int,
             spelling: str = "subscripts", naming: str = "plain") -> str:
    directive = f"<!-- symbp: layer=conv2d input={h}x{h} kernel={k}x{k} -->\n\n" if with_directive else ""
    body = "\n\n".join(f"$${c}$$" for c in claims)
    forward = rename(spell(forward_latex(base), spelling), naming)
    return f"# A derivation\n\n{directive}The forward:\n\n$${forward}$$\n\n{body}\n"


def main(argv=None) -> int:
    n_claims, seed = size_and_seed(__doc__, 400, argv)
    rng, spellings = random.Random(seed), random.Random(seed + 1)
    dressings = random.Random(seed + 2)          # a third stream: a seed's claims stay the same
    frobenius = random.Random(seed + 3)
    namings = random.Random(seed + 4)            # a fifth: the index names (NAMINGS)
    entry_matrices = random.Random(seed + 5)     # a sixth: ∂z/∂w_{12} written as a matrix
    joins = random.Random(seed + 6)              # a seventh: two claims joined by an arrow
    generator = torch.Generator().manual_seed(seed)
    tally, start = Tally(), time.perf_counter()
    while tally.made < n_claims:
        base, with_directive = rng.choice([0, 1]), rng.random() < 0.7
        h, k = rng.randint(3, 5), rng.randint(2, 3)
        specs = [random_claim(rng, rng.choice(["x", "w"])) for _ in range(4)]
        spelling = spellings.choice(SPELLINGS)
        naming = namings.choice(sorted(NAMINGS))
        latex = [rename(dress(spell(claim_latex(s), spelling), dressings.choice(DRESSINGS)), naming) for s in specs]
        if frobenius.random() < 0.5 and spelling != "calls":     # a fourth stream: ⟨∂E/∂z, ∂z/∂w_{mn}⟩_F
            #                        (a bare z beside calls z(i, j): a function or a tensor? not read)
            spec, claim = frobenius_claim(frobenius)
            specs, latex = specs + [spec], latex + [rename(spell(claim, spelling), naming)]
        if with_directive and spelling != "calls" and entry_matrices.random() < 0.7:   # a sixth stream
            spec, claim = entry_matrix_claim(entry_matrices, h, k, base)    # ∂z/∂w_{12} as a matrix
            specs, latex = specs + [spec], latex + [spell(claim, spelling)]
        displays, keys = list(latex), list(latex)
        if joins.random() < 0.3 and not any("\\begin" in c for c in latex[:2]):   # a seventh: A = B ⇒ C = D
            arrow = joins.choice(ARROWS)
            displays[0:2] = [f"{latex[0]} {arrow} {latex[1]}"]
            keys[1] = f"{arrow.removeprefix(chr(92) + 'quad').removeprefix(chr(92) + ';')} {latex[1]}"   # the space before: claim 1's
        text = document(rng, base, with_directive, displays, h, k, spelling, naming)
        # a document without sizes states its claims for every size: true means true at
        # the stated size, or (no directive) at every size tried here
        sizes = [(h, k)] if with_directive else [(3, 2), (4, 2), (5, 3), (4, 3), (5, 2), (6, 3)]
        samples = [_sample(hh, kk, generator) for hh, kk in sizes]
        report = tally.check(text, len(specs))
        if report is None:
            continue
        by_latex = {}
        for c in report.claims:
            by_latex.setdefault(c.latex.strip(), c)
        for spec, claim in zip(specs, keys):
            true = spec["true"] if spec.get("entry_matrix") else \
                all(frobenius_truth(spec, sample[3]) if spec.get("frobenius") else truth(spec, base, *sample)
                    for sample in samples)
            tally.record(true, by_latex.get(claim.strip()), text)
        tally.made += len(specs)
    return tally.summary("index campaign", seed, time.perf_counter() - start)

if __name__ == "__main__":
    sys.exit(main())
