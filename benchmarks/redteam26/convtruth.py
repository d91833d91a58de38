"""Independent truth for a convolution written out entry by entry: the rows are generated from
torch.nn.functional.conv2d's own Jacobian (cross-correlation), and each claim 'dL/dx_t (or dL/dw_t)
= sum of dL/dY_o * w_k (or x_i)' is evaluated against torch autograd of L = sum(g * Y) in float64."""
import itertools
import torch
torch.set_default_dtype(torch.float64)

def layer_pairs(n, k, stride=1, dilation=1, padding=0, flip=False):
    """{out (a,b): [((i,j) input, (m,n) kernel)]} of conv2d (0-based), read from torch's Jacobian."""
    w = torch.arange(1.0, k * k + 1).reshape(1, 1, k, k)
    x = torch.zeros(1, 1, n, n, requires_grad=True)
    y = torch.nn.functional.conv2d(x, w, stride=stride, dilation=dilation, padding=padding)
    pairs = {}
    for o in itertools.product(range(y.shape[2]), range(y.shape[3])):
        g = torch.autograd.grad(y[0, 0][o], x, retain_graph=True)[0][0, 0]
        ps = []
        for i in range(n):
            for j in range(n):
                if g[i, j] != 0:
                    m, nn_ = divmod(int(g[i, j].item()) - 1, k)
                    if flip:
                        m, nn_ = k - 1 - m, k - 1 - nn_
                    ps.append(((i, j), (m, nn_)))
        pairs[o] = ps
    return pairs

def truth(n, k, of, target, terms, stride=1, dilation=1, padding=0, flip=False, trials=4):
    """of: 'x' or 'w'; terms: [(out (a,b), other entry)] meaning dL/dY_o * w_other (of x) or * x_other (of w).
    flip=True: the document's layer is the true convolution Y = x conv rot180(w)."""
    for t in range(trials):
        torch.manual_seed(t)
        x = torch.randn(1, 1, n, n, requires_grad=True)
        w = torch.randn(1, 1, k, k, requires_grad=True)
        wk = torch.flip(w, (2, 3)) if flip else w
        y = torch.nn.functional.conv2d(x, wk, stride=stride, dilation=dilation, padding=padding)
        g = torch.randn(y.shape)
        gx, gw = torch.autograd.grad((y * g).sum(), [x, w])
        val = (gx if of == "x" else gw)[0, 0][target]
        other = w if of == "x" else x
        claimed = sum((g[0, 0][o] * other[0, 0][e] for o, e in terms), torch.tensor(0.))
        if not torch.isclose(val, claimed, atol=1e-10):
            return False
    return True

def right_terms(pairs, of, target):
    if of == "x":
        return [(o, kk) for o, ps in pairs.items() for a, kk in ps if a == target]
    return [(o, a) for o, ps in pairs.items() for a, kk in ps if kk == target]
