"""What the index reader's campaigns share (``campaign_index*.py``): wide random integers for
the tensors, and the tally of verdicts against the truth with its printed summary.

    tally = Tally()
    report = tally.check(text, n_claims)          # None when the document crashed
    tally.record(true, verdict, text, kind="mutant x")
    return tally.summary("index campaign", seed, seconds)
"""
from __future__ import annotations

import argparse
import platform
import sys
import time
from collections import Counter

import torch

from symbp.check.checker import check_text


def wide_values(shape, generator) -> torch.Tensor:
    """Integers of size 1000..9999 with random signs, float64 (exact in every sum here): a
    false claim cannot agree with torch by chance."""
    magnitude = torch.randint(1000, 10000, shape, generator=generator)
    sign = torch.randint(0, 2, shape, generator=generator) * 2 - 1
    return (magnitude * sign).to(torch.float64)


def conv_sample(h: int, k: int, s: int, p: int, generator):
    """One single-channel conv2d at input h×h, kernel k×k, stride s, padding p, on wide integer
    values: ``(x, w, δ, {"x": ∂L/∂x, "w": ∂L/∂w})`` by torch autograd for L = Σ δ ⊙ z."""
    xs = wide_values((h, h), generator).requires_grad_()
    ws = wide_values((k, k), generator).requires_grad_()
    z = torch.nn.functional.conv2d(xs[None, None], ws[None, None], stride=s, padding=p)[0, 0]
    delta = wide_values(tuple(z.shape), generator)
    z.backward(delta)
    return xs.detach(), ws.detach(), delta, {"x": xs.grad, "w": ws.grad}


class Tally:
    """Counts of 'true→holds', 'false→refuted', … and the failures to show.

    ``unread_fails``: an unchecked or missing verdict is a failure too (the campaigns whose
    claims the reader should always read); a claim left unchecked because the forward leaves
    the index base open is counted apart, never a failure."""

    def __init__(self, unread_fails: bool = False):
        self.counts, self.kinds, self.failures, self.made = Counter(), Counter(), [], 0
        self.unread_fails = unread_fails

    def check(self, text: str, claims: int):
        """``check_text``'s report of one document, or None (counted) when it crashed."""
        try:
            return check_text(text, "md")
        except Exception as err:                      # a crash of the whole document
            self.counts["crash"] += claims
            self.failures.append(("crash", text, repr(err)))
            self.made += claims
            return None

    def record(self, true: bool, verdict, text: str, kind: str | None = None) -> None:
        v = verdict.verdict if verdict else "missing"
        if v == "unchecked" and "holds only if the indices start at" in verdict.detail:
            v = "unchecked (other base)"          # honest: the forward leaves the base open
        key = ("true" if true else "false") + "→" + v
        self.counts[key] += 1
        if kind is not None:
            self.kinds[f"{kind}: {key}"] += 1
        unread = v in ("unchecked", "missing") if self.unread_fails else v == "missing"
        if (v == "holds" and not true) or (v == "refuted" and true) or unread:
            self.failures.append((key, text, verdict.detail if verdict else ""))

    def summary(self, title: str, seed: int, seconds: float) -> int:
        """Print the counts, the false holds and false refutations and the first failures;
        1 when there is any failure."""
        print(f"{title}: seed {seed}, {self.made} claims, {seconds:.0f} s on {platform.machine()} "
              f"({sys.platform}), {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
        for key in sorted(self.counts):
            print(f"  {key}: {self.counts[key]}")
        for key in sorted(self.kinds):
            print(f"    {key}: {self.kinds[key]}")
        false_holds = sum(1 for f in self.failures if f[0] == "false→holds")
        false_refuted = sum(1 for f in self.failures if f[0] == "true→refuted")
        unread = sum(1 for f in self.failures if f[0].endswith(("unchecked", "missing")))
        print(f"false holds: {false_holds}; false refuted: {false_refuted}; "
              + (f"unchecked: {unread}; " if self.unread_fails else "") + f"crashes: {self.counts['crash']}")
        base_open = sum(n for k, n in self.counts.items() if k.endswith("(other base)"))
        if base_open:
            print(f"unchecked because the forward leaves the index base open (the verdict names "
                  f"the directive to add): {base_open}")
        for kind, text, detail in self.failures[:5]:
            print("----", kind, "\n", text, "\n", detail[:400])
        return 1 if self.failures else 0


def size_and_seed(doc: str, default_n: int, argv=None) -> tuple[int, int]:
    """``(n, seed)`` from a campaign's command line (``--n`` claims, about; ``--seed``), its
    help the first line of the campaign's docstring ``doc``."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--n", type=int, default=default_n, help="claims (about)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    return args.n, args.seed
