"""Truth for z^{l+1}_{x,y} = sum_a sum_b sigma(z^l_{x+a,y+b}) w^{l+1}_{a,b} + b^{l+1}, C = <G, sigma(z^{l+1})>
(or C = <G, z^{l+1}> with cost='linear'); torch autograd float64; claims by plain loops; sizes (5,3), (4,2)."""
import torch
torch.set_default_dtype(torch.float64)

def world(n, k, seed=1):
    g = torch.Generator().manual_seed(seed)
    zl = torch.randn(n, n, generator=g, requires_grad=True)
    al = torch.sigmoid(zl); al.retain_grad()
    w = torch.randn(k, k, generator=g, requires_grad=True)
    b = torch.randn((), generator=g, requires_grad=True)
    z1 = torch.nn.functional.conv2d(al[None, None], w[None, None])[0, 0] + b; z1.retain_grad()
    a1 = torch.sigmoid(z1); a1.retain_grad()
    G = torch.randn(z1.shape, generator=g)
    (G * a1).sum().backward()
    sp = lambda t: (torch.sigmoid(t) * (1 - torch.sigmoid(t))).detach()
    return dict(n=n, k=k, m=n - k + 1, zl=zl.detach(), al=al.detach(), w=w.detach(), z1=z1.detach(),
                dzl=zl.grad, dal=al.grad, dw=w.grad, db=b.grad, dz1=z1.grad, da1=a1.grad, sp_zl=sp(zl), sp_z1=sp(z1))

def at(t, i, j):
    return t[i, j].item() if 0 <= i < t.shape[0] and 0 <= j < t.shape[1] else 0.0

def S(r, f): return sum(f(u, v) for u in range(r) for v in range(r))

def check(lhs, rhs):
    for n, k in ((5, 3), (4, 2)):
        W = world(n, k)
        T = W[lhs]
        if T.dim() == 0:
            if abs(T.item() - rhs(W, 0, 0)) > 1e-9: return False
            continue
        for i in range(T.shape[0]):
            for j in range(T.shape[1]):
                if abs(T[i, j].item() - rhs(W, i, j)) > 1e-9: return False
    return True
