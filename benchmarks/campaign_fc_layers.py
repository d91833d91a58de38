r"""Campaign for two-layer networks whose layers are numbered (symbp.check.fc_layers): random
matrix-form claims about a gradient, checked as whole ``symbp check`` documents with no
directive, truth from torch autograd.

Each document writes the forward in one of the spellings real authors use (``z^1 = W^1 x +
b^1``, Ng's ``Z^{[1]}``, UFLDL's ``z^{(2)} = W^{(1)} x + b^{(1)}``, samples as rows with a hat
``Y^1 = XW^1 + b^1``, ``\hat y = H^1 W^2 + b^2``) and claims ``∂L/∂T = F_1 F_2 …`` whose right
side is drawn from the network's tensors, their transposes and σ'(pre-activation), joined by
matrix products or ⊙: true forms, their mutants (a transpose dropped, factors swapped, the
other layer's tensor, σ' dropped) and random products.  Truth: both sides evaluated on torch's
tensors (a shape that differs is false).  A false claim must never hold; a true one must never
be refuted.

Each document also dresses its gradients one way (issue 12, display_forms / latex_macros): plain
``\frac{\partial L}{\partial T}``, an operator before the loss (``\frac{\partial}{\partial T} L``,
``{\partial \over \partial T} L``, ``\partial_{T} L``, ``\frac{d}{dT}\left(L\right)``), a macro
the document defines (``\newcommand{\pd}[2]{…}``, ``\def\g#1{…}``) or display wrappers
(``\displaystyle``, ``\,``, bold over the whole right side).

    python benchmarks/campaign_fc_layers.py --n 300 --seed 0
"""
from __future__ import annotations

import random
import time
from collections import Counter

import torch

from campaign_tally import Tally, size_and_seed


def _net(rows: bool, g):
    """Tensors and autograd gradients of x -> z1 -> a1 = tanh -> z2 -> L = Σ r ⊙ z2 (columns) or
    its row form X (2, 3) -> Y1 -> H1 -> yhat (2, 2)."""
    rnd = lambda *s: torch.randn(*s, generator=g, dtype=torch.float64)     # noqa: E731
    if rows:
        x, w1, b1, w2, b2, r = rnd(2, 3), rnd(3, 4), rnd(4), rnd(4, 2), rnd(2), rnd(2, 2)
    else:
        x, w1, b1, w2, b2, r = rnd(3, 1), rnd(4, 3), rnd(4, 1), rnd(2, 4), rnd(2, 1), rnd(2, 1)
    for t in (x, w1, b1, w2, b2):
        t.requires_grad_(True)
    z1 = x @ w1 + b1 if rows else w1 @ x + b1
    z1.retain_grad()
    a1 = torch.tanh(z1)
    a1.retain_grad()
    z2 = a1 @ w2 + b2 if rows else w2 @ a1 + b2
    z2.retain_grad()
    (r * z2).sum().backward()
    val = {k: v.detach() for k, v in dict(x=x, W1=w1, W2=w2, z1=z1, a1=a1, z2=z2).items()}
    val["s1"] = 1 - torch.tanh(val["z1"]) ** 2
    grad = dict(W1=w1.grad, W2=w2.grad, b1=b1.grad, b2=b2.grad, x=x.grad, z1=z1.grad, a1=a1.grad, z2=z2.grad)
    return val, grad


SPELLINGS = {       # name: (forward text, {quantity: LaTeX}, rows)
    "plain": ("$$\nz^1 = W^1 x + b^1, \\quad a^1 = \\sigma(z^1)\n$$\n\n$$\nz^2 = W^2 a^1 + b^2\n$$\n",
              dict(x="x", W1="W^1", W2="W^2", b1="b^1", b2="b^2", z1="z^1", a1="a^1", z2="z^2"), False),
    "ng": ("$$\nZ^{[1]} = W^{[1]} x + b^{[1]}\n$$\n\n$$\nA^{[1]} = g(Z^{[1]})\n$$\n\n"
           "$$\nZ^{[2]} = W^{[2]} A^{[1]} + b^{[2]}\n$$\n",
           dict(x="x", W1="W^{[1]}", W2="W^{[2]}", b1="b^{[1]}", b2="b^{[2]}", z1="Z^{[1]}", a1="A^{[1]}",
                z2="Z^{[2]}"), False),
    "ufldl": ("$$\nz^{(2)} = W^{(1)} x + b^{(1)}\n$$\n\n$$\na^{(2)} = f(z^{(2)})\n$$\n\n"
              "$$\nz^{(3)} = W^{(2)} a^{(2)} + b^{(2)}\n$$\n",
              dict(x="x", W1="W^{(1)}", W2="W^{(2)}", b1="b^{(1)}", b2="b^{(2)}", z1="z^{(2)}", a1="a^{(2)}",
                   z2="z^{(3)}"), False),
    "subscripts": ("$$\nz_1 = W_1 x + b_1, \\quad a_1 = \\sigma(z_1)\n$$\n\n$$\nz_2 = W_2 a_1 + b_2\n$$\n",
                   dict(x="x", W1="W_1", W2="W_2", b1="b_1", b2="b_2", z1="z_1", a1="a_1", z2="z_2"), False),
    "rows-hat": ("The hidden layer is $Y^1 = XW^1 + b^1$ with $H^1 = f(Y^1)$.\n\n"
                 "$$\n\\hat y = H^1 W^2 + b^2\n$$\n",
                 dict(x="X", W1="W^1", W2="W^2", b1="b^1", b2="b^2", z1="Y^1", a1="H^1", z2="\\hat y"), True),
}
TRUE_FORMS = {      # columns: the gradient and its true right side as factors ((name, transposed) | "s1")
    False: {"W2": [("z2", False, "d"), ("a1", True)], "a1": [("W2", True), ("z2", False, "d")],
            "b2": [("z2", False, "d")], "W1": [("z1", False, "d"), ("x", True)],
            "z1": [("W2", True), ("z2", False, "d"), "odot", "s1"]},
    True: {"W2": [("a1", True), ("z2", False, "d")], "a1": [("z2", False, "d"), ("W2", True)],
           "W1": [("x", True), ("z1", False, "d")], "x": [("z1", False, "d"), ("W1", True)],
           "z1": [("z2", False, "d"), ("W2", True), "odot", "s1"]},
}


# how a document writes ∂L/∂T (the left side, and the factors of the right side), and its preamble
DRESSES = {
    "plain": ("", lambda t: f"\\frac{{\\partial L}}{{\\partial {t}}}", lambda t: f"\\frac{{\\partial L}}{{\\partial {t}}}"),
    "operator": ("", lambda t: f"\\frac{{\\partial}}{{\\partial {t}}} L", lambda t: f"{{\\partial L \\over \\partial {t}}}"),
    "over": ("", lambda t: f"{{\\partial \\over \\partial {t}}} L", lambda t: f"\\frac{{\\partial L}}{{\\partial {t}}}"),
    "subscript": ("", lambda t: f"\\partial_{{{t}}} L", lambda t: f"\\frac{{\\mathrm{{d}} L}}{{\\mathrm{{d}} {t}}}"),
    "d-operator": ("", lambda t: f"\\frac{{d}}{{d {t}}}\\left( L \\right)", lambda t: f"\\frac{{\\partial L}}{{\\partial {t}}}"),
    "macro": ("$$\\newcommand{\\pd}[2]{\\frac{\\partial #1}{\\partial #2}}$$\n\n\\def\\g#1{\\frac{\\partial L}{\\partial #1}}\n\n",
              lambda t: f"\\pd{{L}}{{{t}}}", lambda t: f"\\g{{{t}}}"),
    "display": ("", lambda t: f"\\displaystyle \\frac{{\\partial L}}{{\\partial {t}}}",
                lambda t: f"\\, \\frac{{\\partial L}}{{\\partial {t}}}"),
}


def _factor(item, names, val, grad, dress="plain"):
    """(LaTeX, tensor) of one factor: a tensor, its transpose, ∂L/∂tensor, or σ'(z1)."""
    if item == "s1":
        return f"\\sigma'({names['z1']})", val["s1"]
    name, transposed, *d = item
    tensor = grad[name] if d else val[name]
    text = DRESSES[dress][2](names[name]) if d else names[name]
    if transposed:
        text, tensor = f"({text})^T", tensor.T
    return text, tensor


def _evaluate(items, names, val, grad, dress="plain"):
    """(LaTeX, tensor or None) of a product of factors; ⊙ where "odot" stands between two."""
    text, value, odot = "", None, False
    for item in items:
        if item == "odot":
            odot, text = True, text + " \\odot "
            continue
        t, v = _factor(item, names, val, grad, dress)
        text += ("" if not text or odot else " ") + t
        if value is None:
            value = v
        elif odot:
            value = value * v if value.shape == v.shape else None
        else:
            value = value @ v if value is not None and value.shape[1] == v.shape[0] else None
        odot = False
    return text, value


def _mutants(items, rng):
    out = [list(items)]
    plain = [i for i in items if i != "odot"]
    k = rng.randrange(len(plain))
    flipped = [(i[0], not i[1], *i[2:]) if i is plain[k] and i != "s1" else i for i in items]
    out.append(flipped)                                            # a transpose dropped or added
    if len(plain) >= 2 and "odot" not in items:
        out.append(list(reversed(items)))                          # factors swapped
    swap = {"a1": "x", "x": "a1", "W2": "W1", "W1": "W2", "z2": "z1", "z1": "z2"}
    j = rng.randrange(len(plain))
    out.append([(swap.get(i[0], i[0]), *i[1:]) if i is plain[j] and i != "s1" else i for i in items])
    if "s1" in items:
        out.append([i for i in items if i not in ("s1", "odot")])    # σ' dropped
    return out


def run(n: int, seed: int) -> int:
    rng, g, tally = random.Random(seed), torch.Generator().manual_seed(seed), Tally()
    dressed = Counter()                               # verdicts by the way ∂L/∂T is written
    start = time.time()
    while tally.made < n:
        spelling = rng.choice(sorted(SPELLINGS))
        forward, names, rows = SPELLINGS[spelling]
        val, grad = _net(rows, g)
        dress = rng.choice(sorted(DRESSES))
        claims = []
        for wrt in rng.sample(sorted(TRUE_FORMS[rows]), 3):
            for items in _mutants(TRUE_FORMS[rows][wrt], rng):
                text, value = _evaluate(items, names, val, grad, dress)
                if dress == "display" and rng.random() < 0.5:
                    text = f"\\mathbf{{{text}}}"                  # bold over the whole right side
                lhs = DRESSES[dress][1](names[wrt])
                true = value is not None and value.shape == grad[wrt].shape and torch.allclose(value, grad[wrt])
                claims.append((f"{lhs} = {text}", true, f"{spelling} {wrt} {dress}"))
        doc = f"# Two layers ({spelling})\n\n{DRESSES[dress][0]}{forward}\n" + "".join(f"$$\n{c}\n$$\n\n" for c, _, _ in claims)
        report = tally.check(doc, len(claims))
        if report is None:
            continue
        got = {c.latex.strip(): c for c in report.claims}
        for claim, true, kind in claims:
            tally.made += 1
            tally.record(true, got.get(claim), doc, kind=kind.split()[0])
            found = got.get(claim)
            dressed[f"{kind.split()[2]}: {'true' if true else 'false'}→{found.verdict if found else 'missing'}"] += 1
    for key in sorted(dressed):
        print(f"    dress {key}: {dressed[key]}")
    return tally.summary("numbered-layers campaign", seed, time.time() - start)


def main() -> int:
    n_claims, seed = size_and_seed(__doc__, 300)
    return run(n_claims, seed)


if __name__ == "__main__":
    raise SystemExit(main())
