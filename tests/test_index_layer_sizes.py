"""Batched, multi-channel convolutions in index notation as authors write them (issue 12):
index letters that are the lowercase of the size letters (``z^l_{n,c,h,w}``, sums to
``N-1``, ``H^l-1``, ``W^l-1`` with ``w`` an index and ``W^l`` a size), sizes carrying a layer
label (``C^{l-1}``, ``F^l``, ``H^{(l)}``) bound from the forward's sums and from prose shapes
(``$Z^l$ of size $N \\times C^l \\times H^l \\times W^l$``), ranges written as inequalities
(``\\sum_{0 \\le n < N}``, ``\\sum_{h<H^{(l)}}``), primed indices in comma lists
(``k_{c,c',i,j}``, ``w_{m^{\\prime},n^{\\prime}}``, ``\\sum_{i',j'}``) and free indices whose
range only the right side or the forward's sums give (``∂x^{l+1}_{i'-m,j'-n}/∂x^l_{i',j'}``).
Spellings follow a framework's Markdown summary (NCHW, 0-based, C^{l-1}), a Number Smithy
style post (``n_H^{(l-1)}``), a Data Science StackExchange derivation and a Chinese GitBook
note (``\\sum_m \\sum_n w_{m,n} o_{i+m,j+n}``, primes).

Truth: torch autograd gives the gradients; every claimed formula is evaluated by plain numpy
loops over its own indices, never by symbp."""
import numpy as np
import torch

from symbp.check.checker import check_text

from conv_truth import entry_or_zero as _entry, torch_conv_grads as _torch_grads

torch.set_default_dtype(torch.float64)


def _verdicts(doc):
    return [c.verdict for c in check_text(doc, "md").claims]


# ---- A: a framework's summary: NCHW with a batch, sizes with layer labels, 0-based

DOC_A = r"""# Convolution

The output $Z^l$ has size $N \times C^l \times H^l \times W^l$, the input $X^l$ is of size
$N \times C^{l-1} \times H^{l-1} \times W^{l-1}$ and the kernel $K^l$ of size
$C^l \times C^{l-1} \times F^l \times F^l$.

$$z^l_{n,c,h,w} = \sum_{c'=0}^{C^{l-1}-1}\sum_{i=0}^{F^l-1}\sum_{j=0}^{F^l-1} x^l_{n,c',h+i,w+j} k^l_{c,c',i,j} + b^l_c$$

$$\frac{\partial\mathcal{L}}{\partial k^l_{c,c',i,j}} = \sum_{n=0}^{N-1}\sum_{h=0}^{H^l-1}\sum_{w=0}^{W^l-1} \delta^l_{n,c,h,w}x^l_{n,c',h+i,w+j}$$

$$\frac{\partial\mathcal{L}}{\partial k^l_{c,c',i,j}} = \sum_{n=0}^{N-1}\sum_{h=0}^{H^l-1}\sum_{w=0}^{W^l-1} \delta^l_{n,c,h,w}x^l_{n,c',h+j,w+i}$$

$$\frac{\partial\mathcal{L}}{\partial b^l_c} = \sum_{0 \le n < N}\sum_{h < H^l}\sum_{w=1}^{W^l} \frac{\partial\mathcal{L}}{\partial z^l_{n,c,h,w-1}}$$

$$\frac{\partial\mathcal{L}}{\partial b^l_c} = \sum_{0 \le n < N}\sum_{h < H^l}\sum_{w=1}^{W^l-1} \frac{\partial\mathcal{L}}{\partial z^l_{n,c,h,w-1}}$$

$$\frac{\partial\mathcal{L}}{\partial x^l_{n,c,h,w}} = \sum_{c'=0}^{C^l-1}\sum_{i}\sum_{j} \delta^l_{n,c',h-i,w-j} k^l_{c',c,i,j}$$

$$\frac{\partial\mathcal{L}}{\partial x^l_{n,c,h,w}} = \sum_{c'=0}^{C^l-1}\sum_{i}\sum_{j} \delta^l_{n,c',h-i,w-j} k^l_{c',c,j,i}$$

$$\frac{\partial\mathcal{L}}{\partial x^l_{n,c,h,w}} = \sum_{c'=0}^{C^l-1}\sum_{i=0}^{F^l-1}\sum_{j=0}^{F^l-1} \delta^l_{n,c',h-F^l+1+i,w-F^l+1+j} k^l_{c',c,F^l-1-i,F^l-1-j}$$
"""


def _truth_a():
    x, k, g, dx, dk, db = _torch_grads(2, 2, 3, 5, 5, 2, 2)
    N, C0, H0, W0 = x.shape
    C1, _, F, _ = k.shape
    H1, W1 = g.shape[2:]
    dk1 = np.array([[[[sum(g[n, c, h, w] * x[n, d, h + i, w + j] for n in range(N) for h in range(H1) for w in range(W1))
                       for j in range(F)] for i in range(F)] for d in range(C0)] for c in range(C1)])
    dk2 = np.array([[[[sum(g[n, c, h, w] * x[n, d, h + j, w + i] for n in range(N) for h in range(H1) for w in range(W1))
                       for j in range(F)] for i in range(F)] for d in range(C0)] for c in range(C1)])
    db1 = np.array([sum(g[n, c, h, w - 1] for n in range(N) for h in range(H1) for w in range(1, W1 + 1)) for c in range(C1)])
    db2 = np.array([sum(g[n, c, h, w - 1] for n in range(N) for h in range(H1) for w in range(1, W1)) for c in range(C1)])

    def dx_of(entry):
        return np.array([[[[sum(entry(n, c, d, h, w, i, j) for d in range(C1) for i in range(F) for j in range(F))
                            for w in range(W0)] for h in range(H0)] for c in range(C0)] for n in range(N)])
    dx1 = dx_of(lambda n, c, d, h, w, i, j: _entry(g, n, d, h - i, w - j) * k[d, c, i, j])
    dx2 = dx_of(lambda n, c, d, h, w, i, j: _entry(g, n, d, h - i, w - j) * k[d, c, j, i])
    return [np.allclose(dk1, dk), np.allclose(dk2, dk), np.allclose(db1, db), np.allclose(db2, db),
            np.allclose(dx1, dx), np.allclose(dx2, dx)]


def test_layer_labelled_sizes_batch_and_channels():
    truth = _truth_a()
    assert truth == [True, False, True, False, True, False]
    got = _verdicts(DOC_A)
    assert got[0] == "definition"
    assert got[1:7] == ["holds" if t else "refuted" for t in truth]
    # the window written with F^l reaches δ outside its map (the author ignores the border):
    # no padding is said, so that is a refutation, never a holds
    assert got[7] == "refuted"


def test_a_size_of_another_layer_is_not_this_layers_size():
    """Σ_h to H^{l-1}-1 over δ^l's rows reaches rows δ^l does not have: refuted."""
    doc = DOC_A.split("$$\\frac")[0] + r"""
$$\frac{\partial\mathcal{L}}{\partial b^l_c} = \sum_{n=0}^{N-1}\sum_{h=0}^{H^{l-1}-1}\sum_{w=0}^{W^l-1} \frac{\partial\mathcal{L}}{\partial z^l_{n,c,h,w}}$$
"""
    assert _verdicts(doc)[1] == "refuted"


def test_an_unbound_labelled_size_stays_unchecked():
    doc = DOC_A.split("$$\\frac")[0] + r"""
$$\frac{\partial\mathcal{L}}{\partial b^l_c} = \sum_{n=0}^{N-1}\sum_{h=0}^{H^{l+1}-1}\sum_{w=0}^{W^l-1} \frac{\partial\mathcal{L}}{\partial z^l_{n,c,h,w}}$$
"""
    assert _verdicts(doc)[1] == "unchecked"


# ---- B: parenthesised labels, sizes with subscripts, sums with inequalities or implicit

DOC_B = r"""# A layer with channels

The input $A^{(l-1)}$ has shape $m \times n_C^{(l-1)} \times n_H^{(l-1)} \times n_W^{(l-1)}$ and the
output $Z^{(l)}$ has shape $m \times n_C^{(l)} \times n_H^{(l)} \times n_W^{(l)}$.

$$z_{i,c,h,w} = \sum_{c'}\sum_{u}\sum_{v} a_{i,c',h+u,w+v} W_{c,c',u,v} + b_c$$

$$\frac{\partial J}{\partial W_{c,c',u,v}} = \sum_{i=1}^{m}\sum_{h=0}^{n_H^{(l)}-1}\sum_{w<n_W^{(l)}} \frac{\partial J}{\partial z_{i-1,c,h,w}} a_{i-1,c',h+u,w+v}$$

$$\frac{\partial J}{\partial W_{c,c',u,v}} = \sum_{i=1}^{m}\sum_{h=0}^{n_H^{(l)}-1}\sum_{w<n_W^{(l)}} \frac{\partial J}{\partial z_{i-1,c,h,w}} a_{i-1,c,h+u,w+v}$$

$$\frac{\partial J}{\partial a_{i,c',h',w'}} = \sum_{c}\sum_{u',v'} \frac{\partial J}{\partial z_{i,c,h'-u',w'-v'}} W_{c,c^{\prime},u',v'}$$

$$\frac{\partial J}{\partial a_{i,c',h',w'}} = \sum_{c}\sum_{u^{\prime}}\sum_{v'} \frac{\partial J}{\partial z_{i,c,h'-u',w'-v'}} W_{c',c,u',v'}$$

$$\frac{\partial J}{\partial b_{c}} = \sum_{i,h,w} \frac{\partial J}{\partial z_{i,c,h,w}}$$
"""


def _truth_b():
    x, k, g, dx, dk, db = _torch_grads(2, 3, 3, 4, 5, 2, 3, seed=1)
    N, C0, H0, W0 = x.shape
    C1, _, KH, KW = k.shape
    H1, W1 = g.shape[2:]

    def dk_of(swap):
        return np.array([[[[sum(g[i, c, h, w] * x[i, c if swap else d, h + u, w + v]
                                for i in range(N) for h in range(H1) for w in range(W1))
                            for v in range(KW)] for u in range(KH)] for d in range(C0)] for c in range(C1)])

    def dx_of(swap):
        return np.array([[[[sum(_entry(g, i, c, h - u, w - v) * (k[d, c, u, v] if swap else k[c, d, u, v])
                                for c in range(C1) for u in range(KH) for v in range(KW))
                            for w in range(W0)] for h in range(H0)] for d in range(C0)] for i in range(N)])
    return [np.allclose(dk_of(False), dk), np.allclose(dk_of(True), dk), np.allclose(dx_of(False), dx),
            np.allclose(dx_of(True), dx), np.allclose(g.sum(axis=(0, 2, 3)), db)]


def test_parenthesised_labels_inequalities_and_primes():
    truth = _truth_b()
    assert truth == [True, False, True, False, True]
    got = _verdicts(DOC_B)
    assert got[0] == "definition"
    assert got[1:] == ["holds" if t else "refuted" for t in truth]


# ---- C: one map, implicit forward sums, primed letters (a Chinese GitBook note's spelling)

DOC_C = r"""# 卷积层

$$ o_{i,j}^l = f(x_{i,j}^l) $$

$$ x_{i,j}^l = \sum_{m}\sum_{n} w_{m,n}^l o_{i+m,j+n}^{l-1} + b^l $$

$$\frac{\partial E}{\partial w_{m^{\prime},n^{\prime}}^l} = \sum_{i}\sum_{j} \delta^{l}_{i,j} o^{l-1}_{i+m^{\prime},j+n^{\prime}}$$

$$\frac{\partial E}{\partial w_{m',n'}^l} = \sum_{i}\sum_{j} \delta^{l}_{i,j} o^{l-1}_{i+m',j+m'}$$

$$\frac{\partial E}{\partial o^{l-1}_{i',j'}} = \sum_{m',n'} \delta^{l}_{i'-m',j'-n'} w^{l}_{m',n'}$$

$$\frac{\partial E}{\partial o^{l-1}_{i',j'}} = \sum_{m',n'} \delta^{l}_{i'+m',j'+n'} w^{l}_{m',n'}$$

$$\frac{\partial x^{l}_{i'-m,j'-n}}{\partial o^{l-1}_{i',j'}} = w^{l}_{m,n}$$

$$\frac{\partial x^{l}_{i'-m,j'-n}}{\partial o^{l-1}_{i',j'}} = w^{l}_{n,m}$$
"""


def _truth_c():
    x, k, g, dx, dk, _ = _torch_grads(1, 1, 1, 4, 5, 2, 3, seed=2)
    o, w, d, do = x[0, 0], k[0, 0], g[0, 0], dx[0, 0]
    (H, W), (KH, KW), (OH, OW) = o.shape, w.shape, d.shape
    dw1 = np.array([[sum(d[i, j] * o[i + m, j + n] for i in range(OH) for j in range(OW)) for n in range(KW)] for m in range(KH)])
    dw2 = np.array([[sum(d[i, j] * _entry(o, i + m, j + m) for i in range(OH) for j in range(OW)) for n in range(KW)]
                    for m in range(KH)])
    do1 = np.array([[sum(_entry(d, p - m, q - n) * w[m, n] for m in range(KH) for n in range(KW)) for q in range(W)]
                    for p in range(H)])
    do2 = np.array([[sum(_entry(d, p + m, q + n) * w[m, n] for m in range(KH) for n in range(KW)) for q in range(W)]
                    for p in range(H)])
    # the Jacobian ∂x_{p-m,q-n}/∂o_{p,q} by torch, where that output entry exists
    jac_ok, jac_swap_ok = True, True
    for p in range(H):
        for q in range(W):
            for m in range(KH):
                for n in range(KW):
                    if 0 <= p - m < OH and 0 <= q - n < OW:
                        oo = torch.tensor(o, requires_grad=True)
                        out = torch.nn.functional.conv2d(oo[None, None], torch.tensor(w)[None, None])[0, 0, p - m, q - n]
                        out.backward()
                        jac_ok &= bool(np.isclose(oo.grad[p, q].item(), w[m, n]))
                        jac_swap_ok &= bool(n < KH and m < KW and np.isclose(oo.grad[p, q].item(), w[n, m]))
    return [np.allclose(dw1, dk[0, 0]), np.allclose(dw2, dk[0, 0]), np.allclose(do1, do), np.allclose(do2, do),
            jac_ok, jac_swap_ok]


def test_primes_and_ranges_from_the_forward():
    truth = _truth_c()
    assert truth == [True, False, True, False, True, False]
    got = _verdicts(DOC_C)
    assert got[:2] == ["definition", "definition"]
    assert got[2:] == ["holds" if t else "refuted" for t in truth]


# ---- D: plane sizes only the prose names (English and Chinese), a size written k_1

DOC_D = r"""# Convolution

The input is $H \times W$ and the kernel $w$ is $k_1 \times k_2$.

$$ x_{i,j} = \sum_{m}\sum_{n} w_{m,n} o_{i+m,j+n} + b $$

$$\frac{\partial E}{\partial w_{m',n'}} = \sum_{i=0}^{H-k_1} \sum_{j=0}^{W-k_2} \delta_{i,j} o_{i+m',j+n'}$$

$$\frac{\partial E}{\partial w_{m',n'}} = \sum_{i=0}^{H-k_1-1} \sum_{j=0}^{W-k_2} \delta_{i,j} o_{i+m',j+n'}$$
"""

DOC_D_ZH = DOC_D.replace("The input is $H \\times W$ and the kernel $w$ is $k_1 \\times k_2$.",
                         "输入是 $H\\times W$ 的，下标用 $i,j$；卷积核 $w$ 是 $k_1\\times k_2$ 的，下标用 $m,n$。")


def _truth_d():
    x, k, g, _, dk, _ = _torch_grads(1, 1, 1, 4, 5, 2, 3, seed=3)
    o, d = x[0, 0], g[0, 0]
    (H, W), (k1, k2) = o.shape, k.shape[2:]

    def dw(rows):
        return np.array([[sum(d[i, j] * o[i + m, j + n] for i in range(rows) for j in range(W - k2 + 1))
                          for n in range(k2)] for m in range(k1)])
    return [np.allclose(dw(H - k1 + 1), dk[0, 0]), np.allclose(dw(H - k1), dk[0, 0])]


def test_plane_sizes_from_the_prose_in_two_languages():
    truth = _truth_d()
    assert truth == [True, False]
    for doc in (DOC_D, DOC_D_ZH):
        assert _verdicts(doc) == ["definition"] + ["holds" if t else "refuted" for t in truth]
    # without the sentence H and k_1 are bound by nothing: unchecked, never a guess
    assert _verdicts(DOC_D.replace("The input is $H \\times W$ and the kernel $w$ is $k_1 \\times k_2$.", ""))[1:] == \
        ["unchecked", "unchecked"]


def test_w_as_a_column_index_beside_a_kernel_named_w():
    """``w`` the kernel and ``w`` the column index in one forward: read by position."""
    doc = r"""# conv

$$z_{n,c,h,w} = \sum_{c'}\sum_{i}\sum_{j} x_{n,c',h+i,w+j} w_{c,c',i,j} + b_c$$

$$\frac{\partial L}{\partial w_{c,c',i,j}} = \sum_{n}\sum_{h}\sum_{w} \frac{\partial L}{\partial z_{n,c,h,w}} x_{n,c',h+i,w+j}$$

$$\frac{\partial L}{\partial w_{c,c',i,j}} = \sum_{n}\sum_{h}\sum_{w} \frac{\partial L}{\partial z_{n,c,h,w}} x_{n,c',h+j,w+i}$$

$$\frac{\partial L}{\partial x_{n,c,h,w}} = \sum_{c'}\sum_{i}\sum_{j} \frac{\partial L}{\partial z_{n,c',h-i,w-j}} w_{c',c,i,j}$$
"""
    dk_true, dk_swapped, _, _, dx_true, _ = _truth_a()       # the same three formulas, by loops
    assert (dk_true, dk_swapped, dx_true) == (True, False, True)
    assert _verdicts(doc) == ["definition", "holds", "refuted", "holds"]


# ---- the bias of channel c: ∂z_{n,c,h,w}/∂b_c is 1 for every channel, not only channel 0

DOC_BIAS_JACOBIAN = r"""# Convolution bias

<!-- symbp: layer=conv2d input=4x3 kernel=2x2 channels=1,3 batch=2 index_base=0 names: x=input k=kernel b=bias z=output L=loss layout: x=NCHW k=OIHW z=NCHW -->

$$z_{n,c,h,w} = \sum_{i=0}^{1}\sum_{j=0}^{1} x_{n,0,h+i,w+j} k_{c,0,i,j} + b_c$$

$$\frac{\partial L}{\partial b_c} = \sum_{n=0}^{1}\sum_{h=0}^{2}\sum_{w=0}^{1}\frac{\partial L}{\partial z_{n,c,h,w}}\frac{\partial z_{n,c,h,w}}{\partial b_c}$$

$$\frac{\partial L}{\partial b_c} = \sum_{n=0}^{1}\sum_{h=0}^{2}\sum_{w=0}^{1}\frac{\partial L}{\partial z_{n,c,h,w}}\frac{\partial z_{n,c,h,w}}{\partial b_0}$$
"""


def test_bias_jacobian_is_the_claimed_channels():
    x, k, g, _, _, db = _torch_grads(2, 1, 3, 4, 3, 2, 2, seed=5)
    jac = torch.autograd.functional.jacobian(                 # jac[n,c,h,w,c'] = ∂z_{n,c,h,w}/∂b_{c'}
        lambda b: torch.nn.functional.conv2d(torch.tensor(x), torch.tensor(k), b), torch.zeros(3)).numpy()
    with_c = [(g[:, c] * jac[:, c, :, :, c]).sum() for c in range(3)]
    with_0 = [(g[:, c] * jac[:, c, :, :, 0]).sum() for c in range(3)]
    assert np.allclose(with_c, db) and not np.allclose(with_0, db)   # the first holds, the second not
    assert _verdicts(DOC_BIAS_JACOBIAN)[1:] == ["holds", "refuted"]


def test_a_tensor_with_another_layers_letter_label_is_not_the_sections():
    """The directive names W^c and Z^c; W^d, Z^d, b^d belong to another layer (a dense layer d in
    the same network) and are never read as this convolution's: before, ∂L/∂W^d = X * ∂L/∂Z^d
    held as the conv kernel's gradient.  The W^c form is checked (torch: dL/dW = X ⋆ dL/dZ)."""
    x, k, g, _, dk, _ = _torch_grads(1, 1, 1, 3, 3, 2, 2, seed=9)
    corr = np.array([[(x[0, 0, m:m + 2, n:n + 2] * g[0, 0]).sum() for n in range(2)] for m in range(2)])
    assert np.allclose(corr, dk[0, 0])                      # the claim's right side is the truth
    doc = ("<!-- symbp: layer=conv2d input=3x3 kernel=2x2 conv=cross index_base=0 names: X=input "
           "W^c=kernel Z^c=output L=loss -->\n\n$$Z^c = X * W^c + b^c$$\n\n"
           "$$\\frac{\\partial L}{\\partial W^d} = X * \\frac{\\partial L}{\\partial Z^d}$$\n\n"
           "$$\\frac{\\partial L}{\\partial W^c} = X * \\frac{\\partial L}{\\partial Z^c}$$\n")
    assert _verdicts(doc)[1:] == ["unchecked", "holds"]
