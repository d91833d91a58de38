"""Soundness probe for the dense weight's index order (issue 12, t16a): a dense forward stated
only inline in a sentence (`$u = hW + b \\in \\mathbb{R}^{1\\times m}$`, `\\(u = Wh + b\\)`, kramdown
`$$…$$` mid-sentence, `W^T h`), or no forward at all (the order unbound), followed by every entry
claim dE/dW_{ij} = dE/du_a h_b (a, b in {i, j}) and every product of two of dE/du, h, W (each
maybe transposed) claimed as dE/dW and dE/dh.  Truth from torch autograd on the layer the
forward or the directive (`weight=`) states (E = sum sin(u), one sample); a forward of layer l
with a generic l binds every layer; where the weight's order is not bound before a claim (claims
about layer l+1 above layer l's forward, which says columns), a claim true under one
convention and false under another may only be unchecked: "holds" is wrong where the claim
fails under any convention, "refuted" where it holds under any.
Prints the verdict counts per forward and every wrong verdict.
Run: PYTHONPATH=. python benchmarks/campaign_fc_order.py"""
import itertools
import re

import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)
IN, OUT = 4, 3


def layer(kind: str, seed: int = 5):
    """{"G", "X", "W"} as the document's shapes and {"W", "X"} their gradients, by torch:
    rows (u = hW + b, h 1 x in, W in x out), cols (u = Wh + b, W out x in), cols-t (u = W^T h + b)."""
    torch.manual_seed(seed)
    rows = kind == "rows"
    x = torch.randn(*((1, IN) if rows else (IN, 1)), requires_grad=True)
    W = torch.randn(*((OUT, IN) if kind == "cols" else (IN, OUT)), requires_grad=True)
    b = torch.randn(*((1, OUT) if rows else (OUT, 1)))
    u = x @ W + b if rows else (W @ x + b if kind == "cols" else W.T @ x + b)
    u.retain_grad()
    torch.sin(u).sum().backward()
    return {"G": u.grad, "X": x.detach(), "W": W.detach()}, {"W": W.grad, "X": x.grad}


KINDS = ("rows", "cols", "cols-t")
FORWARDS = [("rows", r"the layer is $u = hW + b \in \mathbb{R}^{1\times m}$, one sample a row"),
            ("rows", r"the layer is \(u = h \cdot W + b \in R^{1 \times m}\) for one sample"),
            ("rows", r"the layer is $$u=hW+b\in\mathbb{R}^{1\times m}$$ with h a row"),
            ("cols", r"the layer is $u = W h + b \in \mathbb{R}^{m}$"),
            ("cols", r"the layer is \(u = W h + b\) with column vectors"),
            ("cols-t", r"the layer is $u = W^T h + b$ with column vectors"),
            (None, "the layer is dense (the post never writes its forward)"),
            ("cols", "<!-- symbp: layer=fc in=4 out=3 names: h=input W=kernel u=output E=loss -->"),
            ("cols-t", "<!-- symbp: layer=fc in=4 out=3 weight=in-out names: h=input W=kernel u=output E=loss -->"),
            ("rows", "<!-- symbp: layer=fc in=4 out=3 weight=rows batch=1 names: h=input W=kernel u=output E=loss -->"),
            ("cols", "AFTER:the layer, written after its rules, is $$u = W h + b$$"),
            ("cols", "NEXT:the layer before it is $$u^l = W^l h^{l-1} + b^l$$"),   # a generic l: every layer
            # the section's forward, written after claims about the next layer, says columns; the
            # weight's order of layer l+1 is not bound before it: either column convention
            (("cols", "cols-t"), "NEXT-AFTER:the layer before, written after these rules, is $$u^l = W^l h^{l-1} + b^l$$")]
NEXT = (("W_{ij}", "W^{l+1}_{ij}"), ("u_i", "u^{l+1}_i"), ("u_j", "u^{l+1}_j"), ("h_i", "h^{l}_i"), ("h_j", "h^{l}_j"),
        (r"\partial u}", r"\partial u^{l+1}}"), ("h^T", "(h^{l})^T"), ("W^T", "(W^{l+1})^T"))


def next_layer(claim: str) -> str:
    """The claim about layer l+1 (its input h^l) where only layer l's forward is written."""
    for old, new in NEXT:
        claim = claim.replace(old, new)
    claim = claim.replace("{\\partial W}", "{\\partial W^{l+1}}").replace("{\\partial h}", "{\\partial h^{l}}")
    claim = re.sub(r"(?<![\\A-Za-z{(])h(?![\^_A-Za-z}])", "h^{l}", claim)
    return re.sub(r"(?<![\\A-Za-z{(])W(?![\^_A-Za-z}])", "W^{l+1}", claim)


D = r"\frac{\partial E}{\partial u}"
TEX = {"G": D, "X": "h", "W": "W"}


def entry_claims():
    """(claim, {kind: truth}) for dE/dW_{ij} = dE/du_a h_b."""
    out = []
    for a, b in itertools.product("ij", repeat=2):
        claim = rf"\frac{{\partial E}}{{\partial W_{{ij}}}} = \frac{{\partial E}}{{\partial u_{a}}} h_{b}"
        truth = {}
        for kind in KINDS:
            T, grads = layer(kind)
            g, x, dW = T["G"].reshape(-1), T["X"].reshape(-1), grads["W"]
            ok = True
            for i in range(dW.shape[0]):
                for j in range(dW.shape[1]):
                    env = {"i": i, "j": j}
                    if env[a] >= len(g) or env[b] >= len(x) or not torch.isclose(g[env[a]] * x[env[b]], dW[i, j]):
                        ok = False
            truth[kind] = ok
        out.append((claim, truth))
    return out


def vector_claims():
    """(claim, {kind: truth}) for dE/dW and dE/dh = A B, A and B two of G, X, W (maybe ^T)."""
    out = []
    for target in ("W", "X"):
        for p, q in itertools.permutations("GXW", 2):
            if target in (p, q) and target == "W" and "W" in (p, q):
                continue
            for tp, tq in itertools.product([False, True], repeat=2):
                side = lambda n, t: (rf"\left({TEX[n]}\right)^T" if n == "G" else f"{TEX[n]}^T") if t else TEX[n]  # noqa: E731
                claim = rf"\frac{{\partial E}}{{\partial {TEX[target]}}} = {side(p, tp)} {side(q, tq)}"
                truth = {}
                for kind in KINDS:
                    T, grads = layer(kind)
                    A = T[p].T if tp else T[p]
                    B = T[q].T if tq else T[q]
                    truth[kind] = A.shape[1] == B.shape[0] and (A @ B).shape == grads[target].shape and \
                        bool(torch.allclose(A @ B, grads[target]))
                out.append((claim, truth))
    return out


def main():
    claims = entry_claims() + vector_claims()
    bad = total = 0
    for kind, forward in FORWARDS:
        relabel = next_layer if forward.startswith("NEXT") else (lambda c: c)
        rules = "".join(f"$${relabel(c)}$$\n\n" for c, _ in claims)
        if forward.startswith("AFTER:"):          # written after the claims: nothing binds them
            text = f"# A dense layer\n\n{rules}Here {forward[6:]}.\n"
        elif forward.startswith("NEXT-AFTER:"):   # layer l's forward after claims about layer l+1: unbound
            text = f"# A dense layer\n\n{rules}Here {forward[11:]}.\n"
        elif forward.startswith("NEXT:"):         # layer l's forward; the claims are about layer l+1
            text = f"# A dense layer\n\nIn this post {forward[5:]}.\n\n{rules}"
        elif forward.startswith("<!--"):
            text = f"# A dense layer\n\n{forward}\n\n{rules}"
        else:
            text = f"# A dense layer\n\nIn this post {forward}.\n\n{rules}"
        got = {c.latex: c.verdict for c in check_text(text, "md", time_limit=20).claims}
        counts = {"holds": 0, "refuted": 0, "unchecked": 0}
        for claim, truth in claims:
            total += 1
            v = got.get(relabel(claim), "missing")
            counts[v] = counts.get(v, 0) + 1
            possible = [truth[k] for k in kind] if isinstance(kind, tuple) else [truth[kind]] if kind \
                else list(truth.values())
            if (v == "holds" and not all(possible)) or (v == "refuted" and any(possible)):
                bad += 1
                print("BAD", kind, forward[:40], claim, truth, v)
        true_here = sum(all(truth[k] for k in (kind if isinstance(kind, tuple) else [kind] if kind else KINDS))
                        for _, truth in claims)
        print(kind, forward[:48].ljust(48), counts, "true:", true_here)
    print("claims", total, "wrong verdicts", bad)


if __name__ == "__main__":
    main()
