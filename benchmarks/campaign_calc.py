r"""Mutation campaign for the scalar-layer reader (softmax, cross-entropy, σ, tanh in index
notation; :mod:`symbp.check.calc_graph`): true claims and mutated ones (wrong sign, swapped
index, missing δ, dropped term, the i = k rows of a cases swapped), in several authors'
letters, with and without a ``classes=K`` directive.

The truth of every claim comes from torch autograd (float64) at C = 2, 3, 4 — the Jacobian
of the softmax, the gradient of the loss by the logits, of the loss by the probabilities held
as leaves, and of σ and tanh — compared with the claim's right side written here as a plain
Python function of those tensors.  Each document is generated twice: once saying its target is
one-hot (the truth then takes a random distribution, Σ y = 1), once saying nothing (the truth
takes a target that does not sum to 1): there a claim true only when Σ y = 1 (``p_k - y_k``) is
"conditional", and the right verdict is unchecked (naming the directive), never holds or
refuted.  symbp never decides the truth.

``python benchmarks/campaign_calc.py`` prints the counts (docs/reliability.md).
"""
from __future__ import annotations

import itertools
import re
import sys
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

D = lambda a, b: float(a == b)      # noqa: E731  the Kronecker delta

# (kind, right side with @-placeholders, right side as a function of the torch tensors)
# kinds: J = ∂s_i/∂z_k, G = ∂L/∂z_k, H = ∂L/∂s_i, S = ∂a_i/∂z_k (σ), T = ∂h_i/∂z_k (tanh)
SOFTMAX = [
    ("J", r"@s_@i(\delta_{@i@k} - @s_@k)", lambda t, i, k: t.s[i] * (D(i, k) - t.s[k])),
    ("J", r"@s_@k(\delta_{@i@k} - @s_@i)", lambda t, i, k: t.s[k] * (D(i, k) - t.s[i])),
    ("J", r"-@s_@i(\delta_{@i@k} - @s_@k)", lambda t, i, k: -t.s[i] * (D(i, k) - t.s[k])),
    ("J", r"@s_@i(1 - @s_@k)", lambda t, i, k: t.s[i] * (1 - t.s[k])),
    ("J", r"@s_@i(\delta_{@i@k} - @s_@i)", lambda t, i, k: t.s[i] * (D(i, k) - t.s[i])),
    ("J", r"@s_@k(\delta_{@i@k} - @s_@k)", lambda t, i, k: t.s[k] * (D(i, k) - t.s[k])),
    ("J", r"@s_@i \delta_{@i@k}", lambda t, i, k: t.s[i] * D(i, k)),
    ("J", r"- @s_@i @s_@k", lambda t, i, k: -t.s[i] * t.s[k]),
    ("J", r"@s_@i(\delta_{@i@k} - @s_@k^2)", lambda t, i, k: t.s[i] * (D(i, k) - t.s[k] ** 2)),
    ("J", r"\begin{cases} @s_@i(1 - @s_@i) & \text{if } @i = @k \\ -@s_@i @s_@k & \text{if } @i \neq @k \end{cases}",
     lambda t, i, k: t.s[i] * (1 - t.s[i]) if i == k else -t.s[i] * t.s[k]),
    ("J", r"\begin{cases} -@s_@i @s_@k & \text{if } @i = @k \\ @s_@i(1 - @s_@i) & \text{if } @i \neq @k \end{cases}",
     lambda t, i, k: -t.s[i] * t.s[k] if i == k else t.s[i] * (1 - t.s[i])),
    ("J", r"\begin{cases} @s_@i(1 + @s_@i) & \text{if } @i = @k \\ -@s_@i @s_@k & \text{otherwise} \end{cases}",
     lambda t, i, k: t.s[i] * (1 + t.s[i]) if i == k else -t.s[i] * t.s[k]),
    ("J", r"\frac{\exp(@z_@i) \delta_{@i@k}}{\sum_@j \exp(@z_@j)} - \frac{\exp(@z_@i) \exp(@z_@k)}{(\sum_@j \exp(@z_@j))^2}",
     lambda t, i, k: t.s[i] * D(i, k) - t.s[i] * t.s[k]),
    ("J", r"\frac{\exp(@z_@i) \delta_{@i@k}}{\sum_@j \exp(@z_@j)} - \frac{\exp(@z_@i) \exp(@z_@k)}{\sum_@j \exp(@z_@j)}",
     lambda t, i, k: t.s[i] * D(i, k) - t.s[i] * t.e[k]),
    ("J", r"\frac{ \frac{\partial \exp(@z_@i)}{\partial @z_@k} \sum_@j \exp(@z_@j) - \frac{\partial \sum_@j \exp(@z_@j)}{\partial @z_@k} \exp(@z_@i) }{(\sum_@j \exp(@z_@j))^2}",
     lambda t, i, k: t.J[i, k]),
    ("J", r"\frac{ \frac{\partial \exp(@z_@i)}{\partial @z_@k} \sum_@j \exp(@z_@j) + \frac{\partial \sum_@j \exp(@z_@j)}{\partial @z_@k} \exp(@z_@i) }{(\sum_@j \exp(@z_@j))^2}",
     lambda t, i, k: t.s[i] * D(i, k) + t.s[i] * t.s[k]),
    ("G", r"@s_@k - @y_@k", lambda t, i, k: t.s[k] - t.y[k]),
    ("G", r"@y_@k - @s_@k", lambda t, i, k: t.y[k] - t.s[k]),
    ("G", r"@s_@k + @y_@k", lambda t, i, k: t.s[k] + t.y[k]),
    ("G", r"\sum_@i @y_@i @s_@k - @y_@k", lambda t, i, k: t.y.sum() * t.s[k] - t.y[k]),
    ("G", r"- @y_@k (1 - @s_@k) + \sum_{@i \neq @k} @y_@i @s_@k",
     lambda t, i, k: -t.y[k] * (1 - t.s[k]) + (t.y.sum() - t.y[k]) * t.s[k]),
    ("G", r"- @y_@k (1 - @s_@k) - \sum_{@i \neq @k} @y_@i @s_@k",
     lambda t, i, k: -t.y[k] * (1 - t.s[k]) - (t.y.sum() - t.y[k]) * t.s[k]),
    ("G", r"- @y_@k (1 - @s_@k)", lambda t, i, k: -t.y[k] * (1 - t.s[k])),
    ("G", r"-\sum_@i \frac{@y_@i}{@s_@i} \frac{\partial @s_@i}{\partial @z_@k}",
     lambda t, i, k: -sum(t.y[m] / t.s[m] * t.J[m, k] for m in range(t.C))),
    ("G", r"\sum_@i \frac{@y_@i}{@s_@i} \frac{\partial @s_@i}{\partial @z_@k}",
     lambda t, i, k: sum(t.y[m] / t.s[m] * t.J[m, k] for m in range(t.C))),
    ("G", r"-\sum_@i @y_@i \frac{\partial \log @s_@i}{\partial @z_@k}",
     lambda t, i, k: -sum(t.y[m] / t.s[m] * t.J[m, k] for m in range(t.C))),
    ("G", r"-\sum_@i @y_@i \frac{\partial \log @s_@i}{\partial @s_@i} \frac{\partial @s_@i}{\partial @z_@k}",
     lambda t, i, k: -sum(t.y[m] / t.s[m] * t.J[m, k] for m in range(t.C))),
    ("G", r"\sum_@i \frac{\partial @L}{\partial @s_@i} \frac{\partial @s_@i}{\partial @z_@k}",
     lambda t, i, k: sum(t.H[m] * t.J[m, k] for m in range(t.C))),
    ("G", r"\sum_@i \frac{\partial @L}{\partial @s_@i} \frac{\partial @s_@k}{\partial @z_@i}",
     lambda t, i, k: sum(t.H[m] * t.J[k, m] for m in range(t.C))),
    ("G", r"\frac{\partial @L}{\partial @s_@k} \frac{\partial @s_@k}{\partial @z_@k}",
     lambda t, i, k: t.H[k] * t.J[k, k]),
    ("G", r"-\sum_@i @y_@i (\delta_{@i@k} - @s_@k)", lambda t, i, k: -(t.y[k] - t.y.sum() * t.s[k])),
    ("G", r"-\sum_@i @y_@i (\delta_{@i@k} - @s_@i)", lambda t, i, k: -(t.y[k] - (t.y * t.s).sum())),
    ("H", r"-\frac{@y_@i}{@s_@i}", lambda t, i, k: -t.y[i] / t.s[i]),
    ("H", r"\frac{@y_@i}{@s_@i}", lambda t, i, k: t.y[i] / t.s[i]),
    ("H", r"-@y_@i @s_@i", lambda t, i, k: -t.y[i] * t.s[i]),
    ("H", r"-\frac{@y_@i}{@s_@i^2}", lambda t, i, k: -t.y[i] / t.s[i] ** 2),
    ("H", r"-@y_@i \frac{\partial \log @s_@i}{\partial @s_@i}", lambda t, i, k: -t.y[i] / t.s[i]),
    ("H", r"\frac{\partial}{\partial @s_@i} \left( -@y_@i \log @s_@i \right)", lambda t, i, k: -t.y[i] / t.s[i]),
]
ACTIVATIONS = [
    ("S", r"\delta_{@i@k} @a_@i(1 - @a_@i)", lambda t, i, k: D(i, k) * t.a[i] * (1 - t.a[i])),
    ("S", r"@a_@i(1 - @a_@i)", lambda t, i, k: t.a[i] * (1 - t.a[i])),
    ("S", r"\delta_{@i@k} @a_@i(1 + @a_@i)", lambda t, i, k: D(i, k) * t.a[i] * (1 + t.a[i])),
    ("S", r"\delta_{@i@k} \sigma(@z_@i)(1 - \sigma(@z_@i))", lambda t, i, k: D(i, k) * t.a[i] * (1 - t.a[i])),
    ("S", r"\delta_{@i@k} \sigma(@z_@k)(1 - \sigma(@z_@i))", lambda t, i, k: D(i, k) * t.a[i] * (1 - t.a[i])),
    ("S", r"\delta_{@i@k} \sigma(@z_@i)^2", lambda t, i, k: D(i, k) * t.a[i] ** 2),
    ("S", r"\delta_{@i@k} (1 - @a_@i^2)", lambda t, i, k: D(i, k) * (1 - t.a[i] ** 2)),
    ("T", r"\delta_{@i@k}(1 - @h_@i^2)", lambda t, i, k: D(i, k) * (1 - t.h[i] ** 2)),
    ("T", r"\delta_{@i@k}(1 - \tanh^2(@z_@i))", lambda t, i, k: D(i, k) * (1 - t.h[i] ** 2)),
    ("T", r"\delta_{@i@k}(1 - @h_@i)^2", lambda t, i, k: D(i, k) * (1 - t.h[i]) ** 2),
    ("T", r"\delta_{@i@k}(1 + @h_@i^2)", lambda t, i, k: D(i, k) * (1 + t.h[i] ** 2)),
    ("T", r"(1 - @h_@i^2)", lambda t, i, k: 1 - t.h[i] ** 2),
]
LEFT = {"J": r"\frac{\partial @s_@i}{\partial @z_@k}", "G": r"\frac{\partial @L}{\partial @z_@k}",
        "H": r"\frac{\partial @L}{\partial @s_@i}", "S": r"\frac{\partial @a_@i}{\partial @z_@k}",
        "T": r"\frac{\partial @h_@i}{\partial @z_@k}"}
# the authors' letters: probabilities, logits, target, loss, index letters
LETTERS = [
    dict(s="p", z="o", y="y", L="L", i="i", k="k", j="j", a="a", h="h"),
    dict(s="s", z="z", y="t", L="E", i="m", k="n", j="r", a="g", h="u"),
    dict(s=r"\hat{y}", z="x", y="y", L="J", i="i", k="j", j="l", a="q", h="v"),
    dict(s="q", z="a", y="c", L="L", i="u", k="v", j="w", a="b", h="f"),
]


# a fully connected layer with σ and a squared error: z_j = Σ_k w_{jk} x_k + b_j, a_j = σ(z_j),
# L = ½ Σ_j (a_j - y_j)²; kinds W = ∂L/∂w_{jk}, X = ∂L/∂x_k, B = ∂L/∂b_j, Z = ∂L/∂z_j
MLP = [
    ("Z", r"(@a_@j - @y_@j) @a_@j (1 - @a_@j)", lambda t, j, k: (t.a[j] - t.y[j]) * t.a[j] * (1 - t.a[j])),
    ("Z", r"(@a_@j - @y_@j)", lambda t, j, k: t.a[j] - t.y[j]),
    ("Z", r"(@y_@j - @a_@j) @a_@j (1 - @a_@j)", lambda t, j, k: (t.y[j] - t.a[j]) * t.a[j] * (1 - t.a[j])),
    ("Z", r"\frac{\partial @L}{\partial @a_@j} \frac{\partial @a_@j}{\partial @z_@j}", lambda t, j, k: t.gZ[j]),
    ("B", r"(@a_@j - @y_@j) @a_@j (1 - @a_@j)", lambda t, j, k: (t.a[j] - t.y[j]) * t.a[j] * (1 - t.a[j])),
    ("B", r"\frac{\partial @L}{\partial @z_@j} \frac{\partial @z_@j}{\partial @b_@j}", lambda t, j, k: t.gZ[j]),
    ("B", r"(@a_@j - @y_@j) @a_@j", lambda t, j, k: (t.a[j] - t.y[j]) * t.a[j]),
    ("W", r"(@a_@j - @y_@j) @a_@j (1 - @a_@j) @x_@k", lambda t, j, k: t.gZ[j] * t.x[k]),
    ("W", r"(@a_@j - @y_@j) @a_@j (1 - @a_@j) @x_@j", lambda t, j, k: t.gZ[j] * t.x[j]),
    ("W", r"\frac{\partial @L}{\partial @z_@j} @x_@k", lambda t, j, k: t.gZ[j] * t.x[k]),
    ("W", r"\frac{\partial @L}{\partial @z_@j} @w_{@j@k}", lambda t, j, k: t.gZ[j] * t.w[j, k]),
    ("W", r"\frac{\partial @L}{\partial @a_@j} \frac{\partial @a_@j}{\partial @z_@j} \frac{\partial @z_@j}{\partial @w_{@j@k}}",
     lambda t, j, k: t.gZ[j] * t.x[k]),
    ("W", r"-(@a_@j - @y_@j) @a_@j (1 - @a_@j) @x_@k", lambda t, j, k: -t.gZ[j] * t.x[k]),
    ("X", r"\sum_@j @w_{@j@k} (@a_@j - @y_@j) @a_@j (1 - @a_@j)", lambda t, j, k: sum(t.w[m, k] * t.gZ[m] for m in range(t.out))),
    ("X", r"\sum_@j @w_{@k@j} (@a_@j - @y_@j) @a_@j (1 - @a_@j)", lambda t, j, k: sum(t.w[k, m] * t.gZ[m] for m in range(t.out))),
    ("X", r"\sum_@j \frac{\partial @L}{\partial @z_@j} @w_{@j@k}", lambda t, j, k: sum(t.w[m, k] * t.gZ[m] for m in range(t.out))),
    ("X", r"\sum_@j (@a_@j - @y_@j) @w_{@j@k}", lambda t, j, k: sum(t.w[m, k] * (t.a[m] - t.y[m]) for m in range(t.out))),
]
MLP_LEFT = {"Z": r"\frac{\partial @L}{\partial @z_@j}", "B": r"\frac{\partial @L}{\partial @b_@j}",
            "W": r"\frac{\partial @L}{\partial @w_{@j@k}}", "X": r"\frac{\partial @L}{\partial @x_@k}"}
MLP_LETTERS = [dict(z="z", w="w", x="x", b="b", a="a", y="y", L="L", j="j", k="k"),
               dict(z="u", w="W", x="h", b="c", a="o", y="t", L="E", j="i", k="m")]


class MlpTensors:
    """torch autograd for the fully connected σ layer with a squared error, out x inp."""

    def __init__(self, out: int, inp: int, seed: int):
        gen = torch.Generator().manual_seed(seed)
        self.out, self.inp = out, inp
        self.w = torch.randn(out, inp, generator=gen, dtype=torch.float64)
        self.x = torch.randn(inp, generator=gen, dtype=torch.float64)
        self.b = torch.randn(out, generator=gen, dtype=torch.float64)
        self.y = torch.rand(out, generator=gen, dtype=torch.float64)
        w, x, b = (v.clone().requires_grad_(True) for v in (self.w, self.x, self.b))
        z = w @ x + b
        z.retain_grad()
        a = torch.sigmoid(z)
        (0.5 * ((a - self.y) ** 2).sum()).backward()
        self.a, self.gZ, self.gW, self.gX, self.gB = a.detach(), z.grad, w.grad, x.grad, b.grad


def mlp_truth(kind: str, fn, shapes=((3, 2), (4, 3), (2, 4)), seeds=(1, 2)) -> str:
    for (out, inp), seed in itertools.product(shapes, seeds):
        t = MlpTensors(out, inp, seed)
        for j, k in itertools.product(range(out), range(inp)):
            lhs = {"Z": lambda: t.gZ[j], "B": lambda: t.gB[j], "W": lambda: t.gW[j, k],
                   "X": lambda: t.gX[k]}[kind]()
            try:
                rhs = float(fn(t, j, k))
            except IndexError:                      # the claim reaches outside a tensor
                return "refuted"
            if abs(float(lhs) - rhs) > 1e-9:
                return "refuted"
    return "holds"


def mlp_campaign():
    """[(letters index, None, claim, truth, verdict, detail)] for the fully connected documents."""
    from symbp.check.checker import check_text
    rows, truths = [], {}
    defs = [r"@z_@j = \sum_@k @w_{@j@k} @x_@k + @b_@j", r"@a_@j = \sigma(@z_@j)",
            r"@L = \frac{1}{2} \sum_@j (@a_@j - @y_@j)^2"]
    for n, letters in enumerate(MLP_LETTERS):
        claims = [(fill(MLP_LEFT[kind] + " = " + rhs, letters), kind, fn) for kind, rhs, fn in MLP]
        text = "σ is the logistic sigmoid.\n\n" + "\n\n".join(f"$$ {fill(d, letters)} $$" for d in defs) + "\n\n" + \
            "\n\n".join(f"$$ {c} $$" for c, _, _ in claims) + "\n"
        got = {c.latex.strip(): c for c in check_text(text, "md", time_limit=20).claims}
        for latex, kind, fn in claims:
            truths.setdefault(id(fn), mlp_truth(kind, fn))
            hit = got.get(latex.strip())
            rows.append((n, None, latex, truths[id(fn)], hit.verdict if hit else "missing",
                         hit.detail if hit else ""))
    return rows


def fill(text: str, letters: dict) -> str:
    for key in sorted(letters, key=len, reverse=True):
        text = text.replace("@" + key, letters[key])
    return text


# other authors' spellings of the same documents (a letter set's "style"): e^{z} and a bare ``ln``
# / ``tanh`` in the definitions, ``\frac{\delta L}{\delta z_k}`` for ∂ beside the Kronecker
# ``\delta_{ik}``, ``\partial{s_i}`` in braces, and the softmax written as ``\text{softmax}(z)_i``
# in right sides that take no derivative
STYLED_DEFS = [r"@s_@i = \frac{e^{@z_@i}}{\sum_{@j} e^{@z_@j}}", r"@L = -\sum_{@i} @y_@i ln(@s_@i)",
               r"@a_@i = \sigma(@z_@i)", r"@h_@i = tanh(@z_@i)"]
STYLED = [dict(s="p", z="o", y="y", L="L", i="i", k="k", j="j", a="a", h="h", style="delta"),
          dict(s="s", z="z", y="t", L="E", i="m", k="n", j="r", a="g", h="u", style="braces"),
          dict(s="q", z="x", y="c", L="C", i="u", k="v", j="w", a="b", h="f", style="softmax")]


def styled(claim: str, style: str | None) -> str:
    """``claim`` (letters filled) in a letter set's style."""
    if style == "delta":          # both parts of a derivative fraction, not the operator form
        return re.sub(r"\\frac\{\\partial ([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}\{\\partial ",
                      r"\\frac{\\delta \1}{\\delta ", claim)
    if style == "braces":
        return re.sub(r"\\partial ([A-Za-z]_[a-z])", r"\\partial{\1}", claim)
    return claim


def document(letters: dict, classes: int | None, stated: bool = True):
    """(Markdown text, [(claim latex, kind, truth function)]) for one letter set; ``stated``:
    the prose says the target is one-hot."""
    head = f"<!-- symbp: classes={classes} -->\n\n" if classes else ""
    if stated:
        head += f"The target ${fill('@y', letters)}$ is a one-hot vector.\n\n"
    style = letters.get("style")
    defs = STYLED_DEFS if style else [r"@s_@i = \frac{\exp(@z_@i)}{\sum_@j \exp(@z_@j)}",
                                      r"@L = -\sum_@i @y_@i \log @s_@i", r"@a_@i = \sigma(@z_@i)",
                                      r"@h_@i = \tanh(@z_@i)"]
    letters = {k: v for k, v in letters.items() if k != "style"}
    claims = []
    for kind, rhs, fn in SOFTMAX + ACTIVATIONS:
        if style == "softmax" and kind in "JG" and "\\partial" not in rhs:
            rhs = re.sub(r"@s_(@[a-z])", r"\\text{softmax}(@z)_\1", rhs)
        claims.append((styled(fill(LEFT[kind] + " = " + rhs, letters), style), kind, fn))
    body = "Here σ is the logistic sigmoid.\n\n" + "\n\n".join(f"$$ {fill(d, letters)} $$" for d in defs)
    body += "\n\n" + "\n\n".join(f"$$ {c} $$" for c, _, _ in claims)
    return head + body + "\n", claims


class Tensors:
    """torch autograd values at one random point with C classes."""

    def __init__(self, C: int, seed: int, normalized: bool = True):
        gen = torch.Generator().manual_seed(seed)
        z = torch.randn(C, generator=gen, dtype=torch.float64)
        self.C = C
        raw = torch.rand(C, generator=gen, dtype=torch.float64) + 0.1
        self.y = raw / raw.sum() if normalized else 2 * raw      # Σ y = 1, or a sum other than 1
        softmax = lambda v: torch.exp(v) / torch.exp(v).sum()       # noqa: E731
        self.s = softmax(z)
        self.e = torch.exp(z)
        self.J = torch.autograd.functional.jacobian(softmax, z)
        zz = z.clone().requires_grad_(True)
        (-(self.y * torch.log(softmax(zz))).sum()).backward()
        self.G = zz.grad
        ss = self.s.clone().requires_grad_(True)
        (-(self.y * torch.log(ss)).sum()).backward()
        self.H = ss.grad
        self.a = torch.sigmoid(z)
        self.S = torch.autograd.functional.jacobian(torch.sigmoid, z)
        self.h = torch.tanh(z)
        self.T = torch.autograd.functional.jacobian(torch.tanh, z)


def truth(kind: str, fn, sizes=(2, 3, 4), seeds=(1, 2), normalized: bool = True) -> str:
    """"holds" when the right side equals torch's left side at every entry, size and point
    (targets summing to 1, or with ``normalized=False`` not)."""
    for C, seed in itertools.product(sizes, seeds):
        t = Tensors(C, seed, normalized)
        for i, k in itertools.product(range(C), repeat=2):
            lhs = {"J": lambda: t.J[i, k], "G": lambda: t.G[k], "H": lambda: t.H[i],
                   "S": lambda: t.S[i, k], "T": lambda: t.T[i, k]}[kind]()
            if abs(float(lhs) - float(fn(t, i, k))) > 1e-9:
                return "refuted"
    return "holds"


def campaign(letter_sets=None, directives=(None, 3), stated=(True, False)):
    """[(letters index, classes, claim, truth, verdict, detail)] over the generated documents;
    truth "conditional": true only for a target summing to 1, which the document does not state."""
    from symbp.check.checker import check_text
    rows = []
    truths: dict = {}
    for n, letters in enumerate(letter_sets if letter_sets is not None else LETTERS):
        for classes, says in itertools.product(directives, stated):
            text, claims = document(letters, classes, says)
            report = check_text(text, "md", time_limit=20)
            got = {c.latex.strip(): c for c in report.claims}
            sizes = (classes,) if classes else (2, 3, 4)
            for latex, kind, fn in claims:
                for normalized in (True, False):
                    key = (kind, id(fn), sizes, normalized)
                    if key not in truths:
                        truths[key] = truth(kind, fn, sizes=sizes, normalized=normalized)
                one_hot, general = truths[(kind, id(fn), sizes, True)], truths[(kind, id(fn), sizes, False)]
                want = one_hot if says or general == one_hot else "conditional"
                hit = got.get(latex.strip())
                rows.append((n, classes, latex, want, hit.verdict if hit else "missing",
                             hit.detail if hit else ""))
    return rows


def summary(rows) -> dict:
    out = {"claims": len(rows), "true": 0, "false": 0, "conditional": 0, "true held": 0,
           "false refuted": 0, "conditional unchecked": 0, "false holds": 0, "true refuted": 0,
           "unchecked": 0}
    for *_, t, v, _ in rows:
        out["true" if t == "holds" else "false" if t == "refuted" else "conditional"] += 1
        out["true held"] += t == "holds" and v == "holds"
        out["false refuted"] += t == "refuted" and v == "refuted"
        out["conditional unchecked"] += t == "conditional" and v == "unchecked"
        out["false holds"] += t in ("refuted", "conditional") and v == "holds"   # Σ y = 1 unsaid
        out["true refuted"] += t in ("holds", "conditional") and v == "refuted"
        out["unchecked"] += v not in ("holds", "refuted")
    return out


if __name__ == "__main__":
    start = time.perf_counter()
    rows = campaign() + campaign(STYLED) + mlp_campaign()
    took = time.perf_counter() - start
    for n, classes, latex, t, v, detail in rows:
        if t != v and not (t == "conditional" and v == "unchecked"):
            print(f"MISS letters {n} classes={classes}: truth {t}, got {v}: {latex[:90]} :: {detail[:140]}")
    print(summary(rows), f"{took:.1f} s")
