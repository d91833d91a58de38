r"""Campaign for layers whose letters, sizes and forward only the PROSE gives
(symbp.check.prose_roles): no directive, no display forward.  Each document names its input,
kernel and output in one of several authors' phrasings ("a convolutional layer (input X, kernel
K, output Y)", "Let $x$ be the input and $w$ the kernel", "takes an input $X$, applies a filter
$W$ and produces an output $Z$", "输入 $X$,卷积核 $K$,输出 $Y$"), types the forward's every output
entry as text or inline math (``y_1 = x_1 w_1 + x_2 w_2``; 2-D ``y_{11} = …``; cross-correlation
or true convolution, 0- or 1-based, random sizes), then states claims:

* an entry of ∂L/∂input or ∂L/∂kernel as its true sum of products, or a mutant (a term dropped,
  the kernel entry mirrored, the output entry shifted);
* a whole-tensor rule ``∂L/∂K = X * ∂L/∂Y``, ``∂L/∂X = ∂L/∂Y * rot180(K)`` or ``∂L/∂Y * K``, with
  the sentence before it calling the ``*`` a "full" or a "valid" convolution, or saying nothing.

Truth: torch autograd (conv1d / conv2d, the kernel flipped for a true convolution) at wide
random integers, against the claim's right side evaluated here by plain loops (a ``*`` is the
document's operator in the mode its sentence names, valid when it names none; a shape that
differs is false).  A false claim must never hold, a true one never be refuted; unchecked is
allowed (a rule with no mode word whose shapes fit only a full convolution is left unchecked).

    python benchmarks/campaign_prose_roles.py --n 200 --seed 0
"""
from __future__ import annotations

import itertools
import random
import sys
import time

import torch
import torch.nn.functional as F

from campaign_tally import Tally, size_and_seed, wide_values

LETTERS = [("X", "K", "Y"), ("x", "w", "y"), ("X", "W", "Z"), ("P", "Q", "R")]
PHRASES = [
    "Backpropagating through a convolutional layer (input {i}, kernel {k}, output {o}) starts from dL/d{o}.",
    "Let ${i}$ be the input and ${k}$ the kernel; the output is ${o}$.",
    "The layer takes an input ${i}$, applies a filter ${k}$ and produces an output ${o}$.",
    "设输入 ${i}$,卷积核 ${k}$,输出 ${o}$,损失 $L$。",
    "${i}$ is the input image, ${k}$ denotes the weights and ${o}$ the output feature map.",
    # a glossary naming subscripted entries; Korean and Japanese role words (issue 12, round 18)
    "where ${o}_{{i,j}}$ is the output feature map at (i,j), ${i}_{{i,j}}$ the input tensor and ${k}_{{m,n}}$ the kernel weight.",
    "여기서 ${o}_{{i,j}}$는 출력 특징 맵, ${i}_{{i,j}}$는 입력 텐서, ${k}_{{m,n}}$은 커널 가중치입니다.",
    "入力 ${i}$、カーネル ${k}$、出力 ${o}$ とします (畳み込み層)。",
]


def _sub(idx: tuple) -> str:
    return "_{" + "".join(map(str, idx)) + "}" if len(idx) > 1 else f"_{idx[0]}"


def _grid(shape, base):
    return [tuple(base + v for v in t) for t in itertools.product(*(range(n) for n in shape))]


def _reach(o, m, shape_k, base, conv):
    """The input entry that output entry ``o`` multiplies by kernel entry ``m``."""
    return tuple(oi + (mi - base if conv == "cross" else kk - 1 - (mi - base)) for oi, mi, kk in zip(o, m, shape_k))


def forward_text(names, n_in, n_k, base, conv, inline):
    i, k, o = (c.lower() for c in names)
    n_out = tuple(a - b + 1 for a, b in zip(n_in, n_k))
    rows = []
    for out in _grid(n_out, base):
        terms = " + ".join(f"{i}{_sub(_reach(out, m, n_k, base, conv))} {k}{_sub(m)}" for m in _grid(n_k, base))
        rows.append(f"{o}{_sub(out)} = {terms}")
    return ", ".join(f"${r}$" if inline else r for r in rows)


def slide(a, b, flip, mode):
    """The document's ``a * b`` by loops (b flipped for a true convolution), 'valid' or 'full'."""
    if flip:
        b = torch.flip(b, dims=list(range(b.dim())))
    if mode == "full":
        pad = [p for n in reversed(b.shape) for p in (n - 1, n - 1)]
        a = F.pad(a, pad)
    shape = [x - y + 1 for x, y in zip(a.shape, b.shape)]
    if min(shape) < 1:
        return None
    out = torch.zeros(shape, dtype=torch.float64)
    for pos in itertools.product(*(range(n) for n in shape)):
        out[pos] = sum(a[tuple(p + q for p, q in zip(pos, off))] * b[off]
                       for off in itertools.product(*(range(n) for n in b.shape)))
    return out


def sample(n_in, n_k, conv, generator):
    x = wide_values(n_in, generator).requires_grad_()
    k = wide_values(n_k, generator).requires_grad_()
    kk = torch.flip(k, dims=list(range(k.dim()))) if conv == "true" else k
    y = (F.conv1d if len(n_in) == 1 else F.conv2d)(x[None, None], kk[None, None])[0, 0]
    g = wide_values(tuple(y.shape), generator)
    y.backward(g)
    return {"x": x.detach(), "k": k.detach(), "g": g, "dx": x.grad, "dk": k.grad}


def entry_claim(rng, names, n_in, n_k, base, conv, t):
    """(latex, truth) of ∂L/∂(an input or kernel entry) as a sum of products, maybe mutated."""
    i, k, o = (c.lower() for c in names)
    n_out = tuple(a - b + 1 for a, b in zip(n_in, n_k))
    wrt_input = rng.random() < 0.5
    target = rng.choice(_grid(n_in if wrt_input else n_k, base))
    terms = []                                    # (output entry, other factor's letter, its entry)
    for out in _grid(n_out, base):
        for m in _grid(n_k, base):
            x_at = _reach(out, m, n_k, base, conv)
            if wrt_input and x_at == target:
                terms.append((out, k, m))
            elif not wrt_input and m == target:
                terms.append((out, i, x_at))
    mutation = rng.choice([None, None, "drop", "mirror", "shift"])
    if mutation == "drop" and len(terms) > 1:
        terms = terms[:-1]
    elif mutation == "mirror":
        shape = n_k if terms and terms[0][1] == k else n_in
        terms = [(out, c, tuple(base + s - 1 - (e - base) for e, s in zip(at, shape))) for out, c, at in terms]
    elif mutation == "shift":
        terms = [(tuple(base + (e - base + 1) % n for e, n in zip(out, n_out)), c, at) for out, c, at in terms]
    if not terms:
        return None
    lhs = rf"\frac{{\partial L}}{{\partial {i if wrt_input else k}{_sub(target)}}}"
    rhs = " + ".join(rf"\frac{{\partial L}}{{\partial {o}{_sub(out)}}} {c}{_sub(at)}" for out, c, at in terms)

    def value(s):
        got = sum(s["g"][tuple(e - base for e in out)] * s["k" if c == k else "x"][tuple(e - base for e in at)]
                  for out, c, at in terms)
        want = s["dx" if wrt_input else "dk"][tuple(e - base for e in target)]
        return bool(got == want)
    return f"{lhs} = {rhs}", value, f"entry {'input' if wrt_input else 'kernel'} {mutation or 'true'}"


RULES = [  # (lhs tensor, a, b, rot on b): ∂L/∂(lhs) = a * b
    ("k", "x", "g", False), ("x", "g", "k", True), ("x", "g", "k", False)]


def rule_claim(rng, names, conv):
    lhs, a, b, rot = rng.choice(RULES)
    mode = rng.choice(["full", "valid", None])
    sym = {"x": names[0], "k": names[1], "g": rf"\frac{{\partial L}}{{\partial {names[2]}}}"}
    right = rf"\text{{rot180}}({sym[b]})" if rot else sym[b]
    latex = rf"\frac{{\partial L}}{{\partial {sym[lhs]}}} = {sym[a]} * {right}"
    sentence = {"full": "It is the full convolution below:", "valid": "It is the valid convolution below:",
                None: "Then:"}[mode]

    def value(s):
        bb = torch.flip(s[b], dims=list(range(s[b].dim()))) if rot else s[b]
        got = slide(s[a], bb, conv == "true", mode or "valid")
        want = s["d" + lhs]
        return got is not None and got.shape == want.shape and bool(torch.equal(got, want))
    return latex, value, f"rule {lhs}={a}*{'rot' if rot else ''}{b} {mode}", sentence


def main(argv=None) -> int:
    n_claims, seed = size_and_seed(__doc__, 200, argv)
    rng = random.Random(seed)
    generator = torch.Generator().manual_seed(seed)
    tally, start = Tally(), time.perf_counter()
    while tally.made < n_claims:
        names = rng.choice(LETTERS)
        one_d = rng.random() < 0.5
        n_in = (rng.randint(3, 5),) if one_d else (rng.randint(3, 4),) * 2
        n_k = (rng.randint(2, n_in[0] - 1),) * len(n_in)
        base, conv = rng.choice([0, 1]), rng.choice(["cross", "true"])
        phrase = rng.choice(PHRASES).format(i=names[0], k=names[1], o=names[2])
        forward = forward_text(names, n_in, n_k, base, conv, rng.random() < 0.4)
        claims = [c for c in (entry_claim(rng, names, n_in, n_k, base, conv, t) for t in range(3)) if c]
        rules = [rule_claim(rng, names, conv) for _ in range(2)]
        paragraphs = [phrase, f"The forward pass: {forward}."]
        paragraphs += [f"$${latex}$$" for latex, _, _ in claims]
        for latex, _, _, sentence in rules:
            paragraphs += [sentence, f"$${latex}$$"]
        text = "# A layer named in prose\n\n" + "\n\n".join(paragraphs) + "\n"
        everything = claims + [r[:3] for r in rules]
        report = tally.check(text, len(everything))
        if report is None:
            continue
        s = sample(n_in, n_k, conv, generator)
        for k, (latex, value, kind) in enumerate(everything):
            hits = [c for c in report.claims if c.latex.strip() == latex.strip()]
            # the same LaTeX twice (two equal rules) gets the verdict of its own place
            same = [j for j, (other, _, _) in enumerate(everything) if other.strip() == latex.strip()]
            got = hits[same.index(k)] if len(hits) == len(same) else None
            tally.record(value(s), got, text, kind)
        tally.made += len(everything)
    return tally.summary("prose-roles campaign", seed, time.perf_counter() - start)


if __name__ == "__main__":
    sys.exit(main())
