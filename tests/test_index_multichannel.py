"""Multi-channel convolutions in index notation as real authors write them (issue 12): batch
and channel indices in NCHW, NHWC and HWC orders read from the document's own forward
equation (never guessed), a kernel of filter f written as a function ``w(f)_{i,j,c}``, the
layer label before or after the subscript, sums over channels, filters and the batch,
multi-letter channel indices (``ch``), code-style gradient names with ``\\_`` (``dL\\_dX``,
``grad\\_X``) and ``\\begin{equation}`` wrappers.  Spellings follow a Data Science
StackExchange derivation (``O_{f,i,j} = Σ_ch Σ_r Σ_c W_{f,ch,r,c} X_{ch,…}``), a Markdown
note in HWC with an HWIO kernel, a GPU kernel's comment in brackets with a batch, and a
Jekyll post in NHWC with ``w(f)``.

Truth: torch autograd gives the gradients; every claimed formula is evaluated by plain numpy
loops over its own indices (1-based formulas shifted by hand), never by symbp."""
import itertools

import numpy as np
import torch

from symbp.check.checker import check_text

from conv_truth import entry_or_zero as _entry, torch_conv_grads as _torch_grads

torch.set_default_dtype(torch.float64)


def _verdicts(doc):
    return [(c.verdict, c.detail) for c in check_text(doc, "md").claims]


# ---- A: NCHW, no batch, 1-based, channel index "ch" (Data Science StackExchange style)

DOC_A = r"""# A convolution layer with channels

$$O_{f,i,j} = \sum_{ch=1}^{n_{ch}}\sum_{r=1}^{f_r}\sum_{c=1}^{f_c} W_{f,ch,r,c} X_{ch,i+r-1,j+c-1} + b_f$$

$$\frac{\partial L}{\partial W_{f,ch,r,c}} = \sum_{i} \sum_{j} \frac{\partial L}{\partial O_{f,i,j}} X_{ch,i+r-1,j+c-1}$$

$$\frac{\partial L}{\partial W_{f,ch,r,c}} = \sum_{i} \sum_{j} \frac{\partial L}{\partial O_{f,i,j}} X_{ch,i+r,j+c}$$

$$\frac{\partial L}{\partial X_{ch,p,q}} = \sum_{f} \sum_{r} \sum_{c} \frac{\partial L}{\partial O_{f,p-r+1,q-c+1}} W_{f,ch,r,c}$$

$$\text{dL\_dX}_{ch,p,q} = \sum_{f} \sum_{r} \sum_{c} \frac{\partial L}{\partial O_{f,p-r+1,q-c+1}} W_{ch,f,r,c}$$

$$\frac{\partial L}{\partial b_f} = \sum_i \sum_j \frac{\partial L}{\partial O_{f,i,j}}$$
"""


def _truth_a():
    x, k, g, dx, dk, db = _torch_grads(1, 2, 2, 4, 5, 2, 3)
    x, g, dx = x[0], g[0], dx[0]
    F, C, KH, KW = k.shape
    OH, OW = g.shape[1:]
    dW1 = np.array([[[[sum(g[f, i, j] * x[c, i + r, j + s] for i in range(OH) for j in range(OW))
                       for s in range(KW)] for r in range(KH)] for c in range(C)] for f in range(F)])
    dW2 = np.array([[[[sum(g[f, i, j] * _entry(x, c, i + r + 1, j + s + 1) for i in range(OH) for j in range(OW))
                       for s in range(KW)] for r in range(KH)] for c in range(C)] for f in range(F)])
    dX = lambda swap: np.array([[[sum(_entry(g, f, p - r, q - s) * (k[c, f, r, s] if swap else k[f, c, r, s])  # noqa: E731
                                      for f in range(F) for r in range(KH) for s in range(KW))
                                  for q in range(x.shape[2])] for p in range(x.shape[1])] for c in range(C)])
    db1 = g.sum(axis=(1, 2))
    return [np.allclose(dW1, dk), np.allclose(dW2, dk), np.allclose(dX(False), dx),
            np.allclose(dX(True), dx), np.allclose(db1, db)]


def test_nchw_without_batch_and_a_two_letter_channel_index():
    truth = _truth_a()
    assert truth == [True, False, True, False, True]
    got = _verdicts(DOC_A)[1:]
    assert [v for v, _ in got] == ["holds" if t else "refuted" for t in truth]
    assert "channels 2,3" in got[0][1]           # the check tried several channels, not 1


# ---- C: HWC input, HWIO kernel, 0-based (a Markdown note's order)

DOC_C = r"""# Channels last

$$O_{i,j,f} = \sum_{c} \sum_{u} \sum_{v} I_{i+u,j+v,c} K_{u,v,c,f} + b_f$$

$$\frac{\partial E}{\partial I_{p,q,c}} = \sum_f \sum_u \sum_v \frac{\partial E}{\partial O_{p-u,q-v,f}} K_{u,v,c,f}$$

$$\frac{\partial E}{\partial I_{p,q,c}} = \sum_f \sum_u \sum_v \frac{\partial E}{\partial O_{p-u,q-v,f}} K_{u,v,f,c}$$

$$\frac{\partial E}{\partial K_{u,v,c,f}} = \sum_i \sum_j \frac{\partial E}{\partial O_{i,j,f}} I_{i+u,j+v,c}$$
"""


def _truth_c():
    x, k, g, dx, dk, _ = _torch_grads(1, 2, 2, 4, 4, 2, 2, seed=1)
    I, K, G = x[0].transpose(1, 2, 0), k.transpose(2, 3, 1, 0), g[0].transpose(1, 2, 0)   # HWC, HWIO
    dI, dK = dx[0].transpose(1, 2, 0), dk.transpose(2, 3, 1, 0)
    H, W, C = I.shape
    KH, KW, _, F = K.shape

    def d_input(swap):
        return np.array([[[sum(_entry(G, p - u, q - v, f) * (K[u, v, f, c] if swap else K[u, v, c, f])
                               for f in range(F) for u in range(KH) for v in range(KW))
                           for c in range(C)] for q in range(W)] for p in range(H)])
    d_kernel = np.array([[[[sum(G[i, j, f] * I[i + u, j + v, c] for i in range(G.shape[0]) for j in range(G.shape[1]))
                            for f in range(F)] for c in range(C)] for v in range(KW)] for u in range(KH)])
    return [np.allclose(d_input(False), dI), np.allclose(d_input(True), dI), np.allclose(d_kernel, dK)]


def test_channels_last_order_read_from_the_forward():
    truth = _truth_c()
    assert truth == [True, False, True]
    assert [v for v, _ in _verdicts(DOC_C)[1:]] == ["holds" if t else "refuted" for t in truth]


# ---- D: brackets, NCHW with a batch (a GPU kernel's comment), grad\_X

DOC_D = r"""# Batched

$$Y[b,o,h,w] = \sum_{c} \sum_{p} \sum_{q} X[b,c,h+p,w+q] K[o,c,p,q]$$

$$\frac{\partial L}{\partial K[o,c,p,q]} = \sum_{b} \sum_{h} \sum_{w} \frac{\partial L}{\partial Y[b,o,h,w]} X[b,c,h+p,w+q]$$

$$\text{grad\_X}[b,c,h,w] = \sum_{o} \sum_{p} \sum_{q} \frac{\partial L}{\partial Y[b,o,h-p,w-q]} K[o,c,p,q]$$

$$\text{grad\_X}[b,c,h,w] = \sum_{o} \sum_{p} \sum_{q} \frac{\partial L}{\partial Y[b,o,h+p,w+q]} K[o,c,p,q]$$
"""


def _truth_d():
    x, k, g, dx, dk, _ = _torch_grads(2, 2, 3, 4, 4, 2, 2, seed=2)
    N, C, H, W = x.shape
    O, _, KH, KW = k.shape
    OH, OW = g.shape[2:]
    d_kernel = np.zeros_like(k)
    for o, c, p, q in itertools.product(range(O), range(C), range(KH), range(KW)):
        d_kernel[o, c, p, q] = sum(g[b, o, h, w] * x[b, c, h + p, w + q]
                                   for b in range(N) for h in range(OH) for w in range(OW))

    def d_input(sign):
        out = np.zeros_like(x)
        for b, c, h, w in itertools.product(range(N), range(C), range(H), range(W)):
            out[b, c, h, w] = sum(_entry(g, b, o, h + sign * p, w + sign * q) * k[o, c, p, q]
                                  for o in range(O) for p in range(KH) for q in range(KW))
        return out
    return [np.allclose(d_kernel, dk), np.allclose(d_input(-1), dx), np.allclose(d_input(1), dx)]


def test_brackets_with_a_batch_and_an_escaped_underscore_name():
    truth = _truth_d()
    assert truth == [True, True, False]
    got = _verdicts(DOC_D)[1:]
    assert [v for v, _ in got] == ["holds" if t else "refuted" for t in truth]
    assert "batch 2" in got[0][1]


# ---- B: NHWC, labels, the kernel of filter f as w(f), \begin{equation}

DOC_B = r"""# Channels last with a batch

$$ \begin{equation} z^{l+1}_{n,i,j,f} = \sum_{m=1}^{H_k}\sum_{v=1}^{W_k}\sum_{c=1}^{D} x^{l}_{n,i+m-1,j+v-1,c} w(f)^{l+1}_{m,v,c} + b(f)^{l+1} \end{equation} \label{eq:fwd} $$

$$ \begin{equation} \frac{\partial L}{\partial w(f)^{l+1}_{m,v,c}} = \sum_{n}\sum_{i}\sum_{j} \frac{\partial L}{\partial z^{l+1}_{n,i,j,f}} x^{l}_{n,i+m-1,j+v-1,c} \end{equation} $$

$$\frac{\partial L}{\partial x_{n,p,q,c}^{l}} = \sum_{f}\sum_{m}\sum_{v} \frac{\partial L}{\partial z_{n,p-m+1,q-v+1,f}^{l+1}} w(f)_{m,v,c}^{l+1}$$

$$\frac{\partial L}{\partial w(f)^{l+1}_{m,v,c}} = \sum_{n}\sum_{i}\sum_{j} \frac{\partial L}{\partial z^{l+1}_{n,i,j,f}} x^{l}_{n,i+m-1,j+v-1,f}$$

$$\frac{\partial L}{\partial x^{l}_{n,p,q,c}} = \sum_{f}\sum_{m}\sum_{n} \frac{\partial L}{\partial z^{l+1}_{n,p-m+1,q-n+1,f}} w(f)^{l+1}_{m,n,c}$$
"""


def _truth_b():
    x, k, g, dx, dk, _ = _torch_grads(2, 2, 2, 4, 5, 2, 3, seed=3)
    X, G = x.transpose(0, 2, 3, 1), g.transpose(0, 2, 3, 1)          # NHWC
    Wk, dX, dWk = k.transpose(0, 2, 3, 1), dx.transpose(0, 2, 3, 1), dk.transpose(0, 2, 3, 1)   # OHWI
    N, H, W, C = X.shape
    F, KH, KW, _ = Wk.shape
    OH, OW = G.shape[1:3]

    def d_kernel(channel_of_x_is_f):
        out = np.zeros_like(Wk)
        for f, m, v, c in itertools.product(range(F), range(KH), range(KW), range(C)):
            out[f, m, v, c] = sum(G[n, i, j, f] * X[n, i + m, j + v, f if channel_of_x_is_f else c]
                                  for n in range(N) for i in range(OH) for j in range(OW))
        return out
    d_input = np.zeros_like(X)
    for n, p, q, c in itertools.product(range(N), range(H), range(W), range(C)):
        d_input[n, p, q, c] = sum(_entry(G, n, p - m, q - v, f) * Wk[f, m, v, c]
                                  for f in range(F) for m in range(KH) for v in range(KW))
    return [np.allclose(d_kernel(False), dWk), np.allclose(d_input, dX), np.allclose(d_kernel(True), dWk)]


def test_channels_last_with_labels_and_the_kernel_of_filter_f():
    truth = _truth_b()
    assert truth == [True, True, False]
    got = _verdicts(DOC_B)[1:]
    assert [v for v, _ in got[:3]] == ["holds" if t else "refuted" for t in truth]
    # n is the example on the left and a kernel column in the sum: not read either way
    assert got[3][0] == "unchecked"


def test_a_spatial_index_summed_again_keeps_the_usual_reading():
    """Σ_{i'} over the left side's own i' (a spatial index both times) is the sum's variable:
    the right side no longer depends on i', so the claim is refuted (torch: the Jacobian
    entry is one kernel weight, not a sum of them)."""
    x = torch.randn(1, 1, 4, 4)
    k = torch.randn(1, 1, 2, 2)
    jac = torch.autograd.functional.jacobian(lambda t: torch.nn.functional.conv2d(t, k), x)[0, 0, :, :, 0, 0]
    assert not np.allclose(jac.numpy()[0, 0], k.sum().item())      # Σ over all offsets is wrong
    doc = ("$$y_{i,j} = \\sum_{m} \\sum_{n} w_{m,n} x_{i+m,j+n}$$\n\n"
           "$$\\frac{\\partial y_{i',j'}}{\\partial x_{i,j}} = \\sum_{i'} \\sum_{j'} w_{i-i',j-j'}$$\n")
    assert _verdicts(doc)[1][0] == "refuted"


# ---- a 1-D convolution with channels (y_{f,t} = Σ_c Σ_k w_{f,c,k} x_{c,t+k})

DOC_1D = r"""# A 1-D layer with channels

$$y_{f,t} = \sum_{c} \sum_{k} w_{f,c,k} x_{c,t+k} + b_f$$

$$\frac{\partial L}{\partial x_{c,s}} = \sum_{f} \sum_{k} \frac{\partial L}{\partial y_{f,s-k}} w_{f,c,k}$$

$$\frac{\partial L}{\partial x_{c,s}} = \sum_{f} \sum_{k} \frac{\partial L}{\partial y_{f,s-k}} w_{c,f,k}$$

$$\frac{\partial L}{\partial w_{f,c,k}} = \sum_{t} \frac{\partial L}{\partial y_{f,t}} x_{c,t+k}$$
"""


def test_one_dimensional_with_channels():
    gen = torch.Generator().manual_seed(4)
    x = torch.randn(1, 2, 6, generator=gen, requires_grad=True)
    w = torch.randn(2, 2, 3, generator=gen, requires_grad=True)
    y = torch.nn.functional.conv1d(x, w)
    g = torch.randn(*y.shape, generator=gen)
    (y * g).sum().backward()
    xs, ws, gs, dx, dw = x[0].detach().numpy(), w.detach().numpy(), g[0].numpy(), x.grad[0].numpy(), w.grad.numpy()
    F, C, K = ws.shape

    def d_input(swap):
        return np.array([[sum(_entry(gs, f, s - k) * (ws[c, f, k] if swap else ws[f, c, k])
                              for f in range(F) for k in range(K)) for s in range(xs.shape[1])] for c in range(C)])
    d_kernel = np.array([[[sum(gs[f, t] * xs[c, t + k] for t in range(gs.shape[1])) for k in range(K)]
                          for c in range(C)] for f in range(F)])
    truth = [np.allclose(d_input(False), dx), np.allclose(d_input(True), dx), np.allclose(d_kernel, dw)]
    assert truth == [True, False, True]
    got = _verdicts(DOC_1D)[1:]
    assert [v for v, _ in got] == ["holds" if t else "refuted" for t in truth]
    assert "length" in got[0][1] and "channels 2,3" in got[0][1]


def test_a_small_campaign_over_the_orders_authors_use(capsys):
    """benchmarks/campaign_index_channels.py: random orders (NCHW, NHWC, CHW, HWC, 1-D CW;
    kernels OIHW, OHWI, HWIO), bases and mutants, truth from torch and loops: every claim
    read, no false holds, no correct claim refuted."""
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(__file__)), "benchmarks"))
    from campaign_index_channels import run
    assert run(16, 5) == 0
    assert "false holds: 0; false refuted: 0" in capsys.readouterr().out


def test_an_order_the_forward_does_not_settle_is_asked_for_in_the_documents_letters():
    """A kernel written without its input channel (W_{a,e,f} beside I_{i+a,j+e,c}): which index
    is which is not settled, so the claim is unchecked with a layout line in the document's
    own letters, never read in a guessed order."""
    doc = ("$$O_{i,j,f} = \\sum_{c}\\sum_{a} \\sum_{e} I_{i+a,j+e,c} W_{a,e,f} + b_{f}$$\n\n"
           "$$\\frac{\\partial L}{\\partial W_{a,e,f}} = \\sum_i \\sum_j \\frac{\\partial L}{\\partial O_{i,j,f}} "
           "\\sum_c I_{i+a,j+e,c}$$\n")
    verdict, detail = _verdicts(doc)[1]
    assert verdict == "unchecked" and "layout: I=NCHW W=OIHW O=NCHW" in detail


# ---- sizes declared as X ∈ R^{N×C×H×W}: written bounds over the batch and the output's sides

DOC_SHAPES = r"""# A batched layer

The input is $X \in \mathbb{R}^{N \times C \times H \times W}$, the filters
$K \in \mathbb{R}^{F \times C \times R \times S}$ and the output $Y \in \mathbb{R}^{N \times F \times H' \times W'}$.

$$Y_{n,f,i,j} = \sum_{c=1}^{C} \sum_{r=1}^{R} \sum_{s=1}^{S} K_{f,c,r,s} X_{n,c,i+r-1,j+s-1}$$

$$\frac{\partial L}{\partial K_{f,c,r,s}} = \sum_{n=1}^{N} \sum_{i=1}^{H'} \sum_{j=1}^{W'} \frac{\partial L}{\partial Y_{n,f,i,j}} X_{n,c,i+r-1,j+s-1}$$

$$\frac{\partial L}{\partial K_{f,c,r,s}} = \sum_{n=1}^{N} \sum_{i=1}^{H} \sum_{j=1}^{W} \frac{\partial L}{\partial Y_{n,f,i,j}} X_{n,c,i+r-1,j+s-1}$$

$$\frac{\partial L}{\partial K_{f,c,r,s}} = \sum_{i=1}^{H'} \sum_{j=1}^{W'} \frac{\partial L}{\partial Y_{1,f,i,j}} X_{1,c,i+r-1,j+s-1}$$
"""


class _Missing(Exception):
    """A written bound reached an entry that does not exist (the document did not say zero)."""


def _strict(arr, *ix):
    if not all(0 <= i < n for i, n in zip(ix, arr.shape)):
        raise _Missing
    return arr[ix]


def test_sizes_declared_in_the_prose_bind_written_bounds():
    x, k, g, dx, dk, _ = _torch_grads(2, 2, 3, 4, 5, 2, 3, seed=6)
    N, C, H, W = x.shape
    F, _, R, S = k.shape
    OH, OW = g.shape[2:]

    def d_kernel(rows, cols, batch):
        try:
            return np.array([[[[sum(_strict(g, n, f, i, j) * _strict(x, n, c, i + r, j + s)
                                    for n in batch for i in range(rows) for j in range(cols))
                                for s in range(S)] for r in range(R)] for c in range(C)] for f in range(F)])
        except _Missing:
            return None
    truth = [d is not None and np.allclose(d, dk) for d in (
        d_kernel(OH, OW, range(N)), d_kernel(H, W, range(N)), d_kernel(OH, OW, range(1)))]
    assert truth == [True, False, False]
    got = _verdicts(DOC_SHAPES)[1:]
    assert [v for v, _ in got] == ["holds" if t else "refuted" for t in truth]


def test_a_directive_binds_the_batch_and_the_output_sides_in_the_documents_order():
    """``N=output.batch H^{l+1}_o=output.rows`` in an NHWC section: rows are the layout's H
    (before, a directive's rows meant the first written index, here the batch)."""
    x, k, g, dx, dk, _ = _torch_grads(2, 2, 3, 4, 5, 2, 3, seed=7)
    X, G, dW = x.transpose(0, 2, 3, 1), g.transpose(0, 2, 3, 1), dk.transpose(0, 2, 3, 1)   # NHWC, OHWI
    N, OH, OW, F = G.shape
    right = np.array([[[[sum(G[n, a, b, f] * X[n, a + i, b + j, c] for n in range(N) for a in range(OH)
                             for b in range(OW)) for c in range(2)] for j in range(3)] for i in range(2)]
                      for f in range(F)])
    shifted = np.array([[[[sum(G[n, a, b, f] * _entry(X, n, a + i + 1, b + j, c) for n in range(N)
                               for a in range(OH) for b in range(OW)) for c in range(2)] for j in range(3)]
                          for i in range(2)] for f in range(F)])
    assert np.allclose(right, dW) and not np.allclose(shifted, dW)
    doc = ("<!-- symbp: layer=conv2d input=4x5 kernel=2x3 channels=2,3 batch=2 conv=cross index_base=1 "
           "names: x=input w=kernel b=bias z=output L=loss N=output.batch H^{l+1}_o=output.rows "
           "W^{l+1}_o=output.cols layout: x=NHWC w=OHWI z=NHWC -->\n\n"
           "$$\\frac{\\partial L}{\\partial w(f)_{i,j,c}^{l+1}} = \\sum_{n=1}^N \\sum_{a=1}^{H^{l+1}_o} "
           "\\sum_{b=1}^{W^{l+1}_o} \\frac{\\partial L}{\\partial z_{n,a,b,f}^{l+1}} x_{n,a+i-1, b+j-1, c}^{l}$$\n\n"
           "$$\\frac{\\partial L}{\\partial w(f)_{i,j,c}^{l+1}} = \\sum_{n=1}^N \\sum_{a=1}^{H^{l+1}_o} "
           "\\sum_{b=1}^{W^{l+1}_o} \\frac{\\partial L}{\\partial z_{n,a,b,f}^{l+1}} x_{n,a+i, b+j-1, c}^{l}$$\n")
    assert [v for v, _ in _verdicts(doc)] == ["holds", "refuted"]


def test_escaped_underscores_in_names():
    """``dL\\_dx``, ``grad\\_x``, ``\\text{d\\_w}`` are gradients; ``\\text{conv\\_backward}(…)`` and
    ``zero \\_ interweave(…)`` are one name each, a function the reader names as unknown
    (they were '\\_ is not understood')."""
    import pytest
    from symbp.check.index_claims import Grad, IndexError_, parse
    for text, name in ((r"dL\_dx_{i,j}", "x"), (r"grad\_x", "x"), (r"\text{d\_w}_{m,n}", "w")):
        tree = parse(text, {"x", "w"})
        assert isinstance(tree, Grad) and tree.ref.name == name
    for text, name in ((r"\text{conv\_backward}(\delta, W)", "conv_backward"),
                       (r"zero \_ interweave(\frac{\partial L}{\partial z})", "zero_interweave")):
        with pytest.raises(IndexError_, match=name + r"\(…\) is a function this reader does not know"):
            parse(text, {"W"})


# ---- CS231n-style code names in brackets: out[n,f,i,j], dout, dw, db, a stride letter S

DOC_CODE = r"""# conv_backward_naive, derived

$$out[n,f,i,j] = \sum_{c} \sum_{k} \sum_{l} x[n,c,iS+k,jS+l] \, w[f,c,k,l] + b[f]$$

$$dw[f,c,k,l] = \sum_{n} \sum_{i} \sum_{j} dout[n,f,i,j] \, x[n,c,iS+k,jS+l]$$

$$dw[f,c,k,l] = \sum_{n} \sum_{i} \sum_{j} dout[n,f,i,j] \, x[n,c,i+k,j+l]$$

$$db[f] = \sum_{n} \sum_{i} \sum_{j} dout[n,f,i,j]$$
"""


def test_code_style_names_in_brackets_with_a_stride_letter():
    gen = torch.Generator().manual_seed(8)
    x = torch.randn(2, 2, 5, 5, generator=gen)
    w = torch.randn(3, 2, 3, 3, generator=gen, requires_grad=True)
    b = torch.randn(3, generator=gen, requires_grad=True)
    out = torch.nn.functional.conv2d(x, w, b, stride=2)
    dout = torch.randn(*out.shape, generator=gen)
    (out * dout).sum().backward()
    X, G = x.numpy(), dout.numpy()

    def d_kernel(stride):
        return np.array([[[[sum(G[n, f, i, j] * _entry(X, n, c, stride * i + k, stride * j + m)
                                for n in range(2) for i in range(G.shape[2]) for j in range(G.shape[3]))
                            for m in range(3)] for k in range(3)] for c in range(2)] for f in range(3)])
    truth = [np.allclose(d_kernel(2), w.grad.numpy()), np.allclose(d_kernel(1), w.grad.numpy()),
             np.allclose(G.sum(axis=(0, 2, 3)), b.grad.numpy())]
    assert truth == [True, False, True]
    got = _verdicts(DOC_CODE)[1:]
    assert [v for v, _ in got] == ["holds" if t else "refuted" for t in truth]
    assert "stride 2" in got[0][1]
