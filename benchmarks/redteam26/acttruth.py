"""Independent truth for a convolution layer around an activation:
   z_prev (n x n) -> a_prev = sigmoid(z_prev) -> z = xcorr(a_prev, W) + b -> a = sigmoid(z) -> C = <G, a>
torch autograd (float64) gives dC/dW, dC/db, dC/da_prev, dC/dz_prev, dC/dz (delta), dC/da.
Each claim's right side is evaluated by plain Python loops over its own sums (entries outside a
tensor are 0), at two sizes: (5, 3) and (4, 2)."""
import torch
torch.set_default_dtype(torch.float64)

def world(n, k, seed=0):
    g = torch.Generator().manual_seed(seed)
    z_prev = torch.randn(n, n, generator=g, requires_grad=True)
    a_prev = torch.sigmoid(z_prev); a_prev.retain_grad()
    W = torch.randn(k, k, generator=g, requires_grad=True)
    b = torch.randn((), generator=g, requires_grad=True)
    z = torch.nn.functional.conv2d(a_prev[None, None], W[None, None])[0, 0] + b; z.retain_grad()
    a = torch.sigmoid(z); a.retain_grad()
    G = torch.randn(z.shape, generator=g)
    (G * a).sum().backward()
    sp = lambda t: (torch.sigmoid(t) * (1 - torch.sigmoid(t))).detach()
    return dict(n=n, k=k, m=n - k + 1, z_prev=z_prev.detach(), a_prev=a_prev.detach(), W=W.detach(), b=b.detach(),
                z=z.detach(), a=a.detach(), dW=W.grad, db=b.grad, da_prev=a_prev.grad, dz_prev=z_prev.grad,
                dz=z.grad, da=a.grad, sp_z=sp(z), sp_zprev=sp(z_prev))

def at(t, i, j):
    return t[i, j].item() if 0 <= i < t.shape[0] and 0 <= j < t.shape[1] else 0.0

def check(lhs_key, rhs, shape_key):
    """lhs_key: the true gradient's key; rhs(w, i, j) -> claimed entry; True when equal everywhere at both sizes."""
    for n, k in ((5, 3), (4, 2)):
        w = world(n, k)
        T = w[lhs_key]
        if T.dim() == 0:
            if abs(T.item() - rhs(w, None, None)) > 1e-9:
                return False
            continue
        for i in range(T.shape[0]):
            for j in range(T.shape[1]):
                if abs(T[i, j].item() - rhs(w, i, j)) > 1e-9:
                    return False
    return True

def S(rng, f):
    return sum(f(u, v) for u in range(rng) for v in range(rng))
