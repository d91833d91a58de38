r"""Campaign for pooling sections with no directive (symbp.check.doc_pool_prose): the rule
``δ^{l-1} = upsample(δ^l) ⊙ σ'(z^{l-1})`` and its mutants under prose that names the mode,
window and stride in several authors' spellings, checked as whole ``symbp check`` documents,
truth from torch autograd.

Each document: a heading and a sentence naming max pooling, average pooling or both (MAX /
Average, 最大池化 / 平均池化), the window and stride ("2x2 windows, stride 2", "F=2, S=2",
"a kernel of size 3×3 and a stride of 3", 池化窗口 2*2，步长 2), sometimes a numeric example of
δ (its shape gives the sizes), and claims: the rule, the rule without σ', with σ for σ',
upsample(δ) alone.  Windows are non-overlapping (stride = window), as ``upsample`` assumes.

Truth: a = tanh(z), pooled = max_pool2d / avg_pool2d(a), L = Σ δ ⊙ pooled at distinct inputs
(one maximum a window); each claim's right side by torch (max_unpool2d for max, δ repeated and
divided by the window's size for average) against autograd's ∂L/∂z; a section naming both
modes is true only where the claim holds in both, false where it fails in both (else the
honest verdict is unchecked, counted apart).  ``upsample(δ^l)`` alone writes no activation: the
truth takes a^{l-1} = tanh(z^{l-1}) as the founding reading does, the reader leaves it unchecked
(the text does not say whether the layer before has one), which is not a failure.

    python benchmarks/campaign_pool_prose.py --n 200 --seed 0
"""
from __future__ import annotations

import random
import time

import torch
import torch.nn.functional as F

from campaign_tally import Tally, size_and_seed

CLAIMS = {"rule": r"\delta^{l-1} = upsample(\delta^l) \odot \sigma'(z^{l-1})",
          "no sigma prime": r"\delta^{l-1} = upsample(\delta^l)",
          "sigma": r"\delta^{l-1} = upsample(\delta^l) \odot \sigma(z^{l-1})",
          "prime first": r"\delta^{l-1} = \sigma'(z^{l-1}) \odot upsample(\delta^l)"}
MODE_WORDS = {("max",): ["For max pooling", "MAX pooling is used", "最大池化"],
              ("avg",): ["For average pooling", "An Average pooling layer", "平均池化"],
              ("max", "avg"): ["For MAX pooling the error goes to the maximum; for Average pooling it is spread evenly"]}
WINDOW_WORDS = ["with {k}x{k} windows, stride {k}", "with F={k}, S={k}", "with a kernel of size {k}×{k} and a stride of {k}",
                "，池化窗口 {k}*{k}，步长 {k}"]


def _truth(mode: str, h: int, k: int, g) -> dict:
    z = (torch.randperm(h * h, generator=g).double().reshape(1, 1, h, h) - h * h / 2) / 7
    z.requires_grad_(True)
    a = torch.tanh(z)
    if mode == "max":
        pooled, where = F.max_pool2d(a, k, k, return_indices=True)
    else:
        pooled = F.avg_pool2d(a, k, k)
    delta = torch.randint(-9, 10, pooled.shape, generator=g).double()
    (pooled * delta).sum().backward()
    up = F.max_unpool2d(delta, where, k, k, output_size=(h, h)) if mode == "max" else \
        delta.repeat_interleave(k, -1).repeat_interleave(k, -2) / (k * k)
    prime, sig = 1 - torch.tanh(z.detach()) ** 2, torch.tanh(z.detach())
    values = {"rule": up * prime, "no sigma prime": up, "sigma": up * sig, "prime first": prime * up}
    return {kind: torch.allclose(v, z.grad) for kind, v in values.items()}


def run(n: int, seed: int) -> int:
    rng, g, tally = random.Random(seed), torch.Generator().manual_seed(seed), Tally()
    start = time.time()
    while tally.made < n:
        modes = rng.choice(sorted(MODE_WORDS))
        k = rng.choice([2, 2, 3])
        side = rng.randint(2, 3)                       # the pooled map is side x side
        example = rng.random() < 0.5
        prose = rng.choice(MODE_WORDS[modes]) + rng.choice(WINDOW_WORDS).format(k=k) + "."
        doc = f"# Pooling layer: the error of layer l-1\n\n{prose}\n\n"
        if example:
            body = r" \\ ".join(" & ".join(str(rng.randint(1, 9)) for _ in range(side)) for _ in range(side))
            doc += f"$$\n\\delta_k^l = \\left(\\begin{{array}}{{{'c' * side}}} {body} \\end{{array}}\\right)\n$$\n\n"
        sizes = [side] if example else [2, 3]
        kinds = rng.sample(sorted(CLAIMS), 2)
        doc += "".join(f"$$\n{CLAIMS[c]}\n$$\n\n" for c in kinds)
        report = tally.check(doc, len(kinds))
        if report is None:
            continue
        got = {c.latex.strip(): c for c in report.claims}
        for kind in kinds:
            truths = [_truth(m, side * k, k, g)[kind] for m in modes for side in sizes]
            tally.made += 1
            verdict = got.get(CLAIMS[kind])
            if all(truths) or not any(truths):
                tally.record(all(truths), verdict, doc, kind=kind)
            else:                                     # true in one mode only: unchecked is the answer
                v = verdict.verdict if verdict else "missing"
                tally.counts[f"one mode→{v}"] += 1
                if v in ("holds", "refuted"):
                    tally.failures.append((f"one mode→{v}", doc, verdict.detail))
    return tally.summary("pooling-prose campaign", seed, time.time() - start)


def main() -> int:
    n_claims, seed = size_and_seed(__doc__, 200)
    return run(n_claims, seed)


if __name__ == "__main__":
    raise SystemExit(main())
