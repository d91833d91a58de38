"""Soundness probe for torch.nn.Linear forwards (issue 12, t12r1): every product of two of
dL/dY, W, X (each maybe transposed) claimed as dL/dX or dL/dW after `Y = XW^T + b`, and every
index pattern of sum_s A B claimed as dL/dx_{ij} / dL/dw_{ij} after the entry form
`y_{ij} = sum_k x_{ik} w_{jk} + b_j`; the transpose also as a small t (`Y = XW^{t} + b`,
`X^{t}`, t14d); truth from torch autograd (plain loops for the entries).
Prints the verdict counts and every wrong verdict.  Run: PYTHONPATH=. python benchmarks/campaign_fc_linear.py"""
import itertools, torch
from symbp.check.checker import check_text
torch.set_default_dtype(torch.float64)
torch.manual_seed(3)
lin = torch.nn.Linear(4, 3); X = torch.randn(2, 4, requires_grad=True)
Y = lin(X); Y.retain_grad(); torch.sin(Y).sum().backward()
T = {"G": Y.grad, "W": lin.weight.detach(), "X": X.detach()}
grads = {"X": X.grad, "W": lin.weight.grad}
d = lambda v: rf"\frac{{\partial L}}{{\partial {v}}}"
tex = {"G": d("Y"), "W": "W", "X": "X"}
bad = total = 0
for fwd in [r"Y = XW^T + b", r"Y = X W^{\top} + b", r"Y = XW^{t} + b"]:
    claims = []
    for target in ("X", "W"):
        for a, b in itertools.permutations(["G", "W", "X"], 2):
            for ta, tb in itertools.product([False, True], repeat=2):
                A = T[a].T if ta else T[a]; B = T[b].T if tb else T[b]
                ok = A.shape[1] == B.shape[0] and (A @ B).shape == grads[target].shape and torch.allclose(A @ B, grads[target])
                sa = (rf"\left({tex[a]}\right)^T" if a == "G" else f"{tex[a]}^T") if ta else tex[a]
                sb = (rf"\left({tex[b]}\right)^T" if b == "G" else f"{tex[b]}^T") if tb else tex[b]
                claim = rf"{d(target)} = {sa} {sb}"
                claims.append((claim.replace("^T", "^{t}") if "{t}" in fwd else claim, ok))
    text = "# l\n\n$$" + fwd + "$$\n\n" + "".join(f"$${c}$$\n\n" for c, _ in claims)
    got = {c.latex: c.verdict for c in check_text(text, "md").claims}
    for c, ok in claims:
        total += 1
        v = got[c]
        if (v == "holds" and not ok) or (v == "refuted" and ok):
            bad += 1; print("BAD", fwd, c, ok, v)
    print(fwd, {k: sum(1 for c, ok in claims if got[c] == k) for k in ("holds", "refuted", "unchecked")}, "true:", sum(ok for _, ok in claims))
print("claims", total, "wrong verdicts", bad)


torch.manual_seed(4)
lin = torch.nn.Linear(4, 3); X = torch.randn(2, 4, requires_grad=True)
Y = lin(X); Y.retain_grad(); torch.sin(Y).sum().backward()
G, W, Xd = Y.grad, lin.weight.detach(), X.detach()
arr = {"y": G, "w": W, "x": Xd}
d = lambda v: rf"\frac{{\partial L}}{{\partial {v}}}"
def val(name, idx, env):
    a = arr[name]; i = tuple(env[c] for c in idx)
    if any(k >= s for k, s in zip(i, a.shape)): return None
    return a[i]
claims = []
# dx_{ij} = sum_s A_{..} B_{..} ; dw_{ij} likewise
for target, shape, grad in (("x", (2, 4), X.grad), ("w", (3, 4), lin.weight.grad)):
    others = [n for n in ("y", "w", "x") if n != target]
    for i1, i2, j1, j2 in itertools.product("ijs", repeat=4):
        if "s" not in (i1 + i2) or "s" not in (j1 + j2) or {"i", "j"} - set(i1 + i2 + j1 + j2): continue
        A, B = others
        ok = True
        for i in range(shape[0]):
            for j in range(shape[1]):
                tot = 0
                n_s = {"y": None}
                rng = None
                # range of s: the axis it indexes in A
                ax = (i1 + i2).index("s"); rng = arr[A].shape[ax]
                bx = (j1 + j2).index("s")
                if arr[B].shape[bx] != rng: ok = False; break
                for s in range(rng):
                    env = {"i": i, "j": j, "s": s}
                    a, b = val(A, i1 + i2, env), val(B, j1 + j2, env)
                    if a is None or b is None: ok = False; tot = None; break
                    tot = tot + a * b
                if tot is None or not torch.isclose(torch.as_tensor(tot), grad[i, j]): ok = False


        ta = d(f"y_{{{i1}{i2}}}") if A == "y" else f"{A}_{{{i1}{i2}}}"
        tb = d(f"y_{{{j1}{j2}}}") if B == "y" else f"{B}_{{{j1}{j2}}}"
        claims.append((rf"{d(target + '_{ij}')} = \sum_{{s}} {ta} {tb}", ok))
text = r"# l" + "\n\n$$y_{ij} = \\sum_{k} x_{ik} w_{jk} + b_{j}$$\n\n" + "".join(f"$${c}$$\n\n" for c, _ in claims)
got = {c.latex: c.verdict for c in check_text(text, "md").claims}
bad = 0
for c, ok in claims:
    v = got[c]
    if (v == "holds" and not ok) or (v == "refuted" and ok): bad += 1; print("BAD", c, ok, v)
print(len(claims), {k: sum(1 for c, _ in claims if got[c] == k) for k in ("holds", "refuted", "unchecked")}, "true:", sum(ok for _, ok in claims), "wrong", bad)


# column form z = W a + b with the error δ: every product of two of W, a, δ, each maybe with a
# small-t transpose (`a \delta^{t}`, `W^{t} \delta`), claimed as dJ/da and dJ/dW; once on a page
# where ^t is only a transpose, once where t is also a time step (`h_{t} = \tanh(z_{t})`): no holds of a false
# claim, no refutation of a true one (red-team t4, t10, t11)
bad = total = 0
for n_in, n_out in ((3, 3), (3, 2), (2, 4)):
    torch.manual_seed(5)
    Wc = torch.randn(n_out, n_in, requires_grad=True); ac = torch.randn(n_in, 1, requires_grad=True)
    zc = Wc @ ac + torch.randn(n_out, 1); dc = torch.randn(n_out, 1); (zc * dc).sum().backward()
    T = {"W": Wc.detach(), "a": ac.detach(), "d": dc}
    grads = {"a": ac.grad, "W": Wc.grad}
    tex = {"W": "W", "a": "a", "d": r"\delta"}
    claims = []
    for target in ("a", "W"):
        for x, y in itertools.permutations("Wad", 2):
            for tx, ty in itertools.product([False, True], repeat=2):
                A = T[x].T if tx else T[x]; B = T[y].T if ty else T[y]
                ok = A.shape[1] == B.shape[0] and (A @ B).shape == grads[target].shape and torch.allclose(A @ B, grads[target])
                rhs = f"{tex[x]}{'^{t}' if tx else ''} {tex[y]}{'^{t}' if ty else ''}"
                claims.append((rf"\frac{{\partial J}}{{\partial {target}}} = {rhs}", ok))
    for prose in ("", "At each time step t the cell computes the map below; $h_t$ is the state at step t.\n\n"):
        text = (f"<!-- symbp: layer=fc in={n_in} out={n_out} -->\n\n{prose}$$z = W a + b$$\n\n"
                + "".join(f"$${c}$$\n\n" for c, _ in claims) + ("$$h_{t} = \\tanh(z_{t})$$\n" if prose else ""))
        got = {c.latex: c.verdict for c in check_text(text, "md").claims}
        for c, ok in claims:
            total += 1
            if (got[c] == "holds" and not ok) or (got[c] == "refuted" and ok):
                bad += 1; print("BAD", n_in, n_out, bool(prose), c, ok, got[c])
        print(f"z = W a + b {n_in}->{n_out}", "time step t" if prose else "^t only",
              {k: sum(1 for c, _ in claims if got[c] == k) for k in ("holds", "refuted", "unchecked")},
              "true:", sum(ok for _, ok in claims))
print("column form claims", total, "wrong verdicts", bad)
