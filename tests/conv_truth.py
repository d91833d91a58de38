"""Independent truth for the index-notation tests of a batched, multi-channel convolution:
torch autograd in float64, and entries read with zero outside (a sum written without bounds)."""
import torch

torch.set_default_dtype(torch.float64)


def torch_conv_grads(nb, cin, cout, h, w, kh, kw, seed=0):
    """(x NCHW, k OIHW, g = dL/dz NCHW, dx, dk, db) as numpy for z = conv2d(x, k) + b (stride 1),
    L = Σ g ⊙ z.  Example: ``x, k, g, dx, dk, db = torch_conv_grads(2, 1, 3, 4, 3, 2, 2)``."""
    gen = torch.Generator().manual_seed(seed)
    x = torch.randn(nb, cin, h, w, generator=gen, requires_grad=True)
    k = torch.randn(cout, cin, kh, kw, generator=gen, requires_grad=True)
    b = torch.randn(cout, generator=gen, requires_grad=True)
    z = torch.nn.functional.conv2d(x, k, b)
    g = torch.randn(*z.shape, generator=gen)
    (z * g).sum().backward()
    return [t.detach().numpy() for t in (x, k, g, x.grad, k.grad, b.grad)]


def entry_or_zero(arr, *ix):
    """arr[ix], zero outside the array (the implicit ranges of a sum written without bounds)."""
    return arr[ix] if all(0 <= i < n for i, n in zip(ix, arr.shape)) else 0.0
