r"""A convolution's forward written without indices (``Y = W * X + b``, ``O = X * K``) whose
claims write channels: the claims' own letters settle the index orders (issue 12, no directive).
Truth comes from torch autograd on a random layer; every claim is also evaluated by plain loops
in the document's own index order, so a claim is true exactly when those loops match autograd.
Styles: a course note (Y, W, X, b, L; CHW), a Q&A answer (O = X * K, E, filters f), a
channels-last note (Z = X * W + b, HWC maps, an OHWI kernel as in TensorFlow-style answers)."""
from __future__ import annotations

import itertools

import numpy as np
import pytest
import torch

from symbp.check.checker import check_text

CIN, COUT, H, WID, KH, KW = 2, 3, 4, 5, 2, 3
OH, OW = H - KH + 1, WID - KW + 1


def torch_grads(seed=0):
    """(x CHW, w OIHW, g CHW: ∂L/∂y, ∂L/∂x, ∂L/∂w, ∂L/∂b) for L = Σ g·conv2d(x, w) + b."""
    gen = torch.Generator().manual_seed(seed)
    x = torch.randn(1, CIN, H, WID, dtype=torch.float64, generator=gen, requires_grad=True)
    w = torch.randn(COUT, CIN, KH, KW, dtype=torch.float64, generator=gen, requires_grad=True)
    b = torch.randn(COUT, dtype=torch.float64, generator=gen, requires_grad=True)
    g = torch.randn(1, COUT, OH, OW, dtype=torch.float64, generator=gen)
    (torch.nn.functional.conv2d(x, w, b) * g).sum().backward()
    n = lambda t: t.detach().numpy()[0] if t.dim() == 4 and t.shape[0] == 1 else t.detach().numpy()  # noqa: E731
    return n(x), w.detach().numpy(), n(g), n(x.grad), w.grad.numpy(), b.grad.numpy()


def at(a, *i):
    """a[i] or 0 outside the array (a claim's Y_{k,i-m,j-n} where it does not exist)."""
    return a[i] if all(0 <= v < s for v, s in zip(i, a.shape)) else 0.0


# loops in the documents' own index orders: x (c,i,j), w (k,c,m,n), g (k,i,j)
def dx_minus(x, w, g, sign=-1):
    return np.array([[[sum(at(g, k, i + sign * m, j + sign * n) * w[k, c, m, n] for k in range(COUT)
                           for m in range(KH) for n in range(KW)) for j in range(WID)] for i in range(H)]
                     for c in range(CIN)])


def dw_plus(x, w, g, sign=1):
    return np.array([[[[sum(g[k, i, j] * at(x, c, i + sign * m, j + sign * n) for i in range(OH) for j in range(OW))
                        for n in range(KW)] for m in range(KH)] for c in range(CIN)] for k in range(COUT)])


def db_sum(x, w, g, factor=1):
    return factor * g.sum(axis=(1, 2))


TRUTH = torch_grads()
PAGES = {
    "course": ("A convolutional layer with input $X$, weights $W$ and bias $b$:\n\n$$Y = W * X + b$$\n\n"
               "where $*$ is the cross-correlation (what deep learning calls convolution).\n\n", "L", "Y", "W", "X"),
    "qa": ("The layer takes an input $X$, applies the kernels $K$ and produces an output $O$:\n\n"
           "$$O = X * K$$\n\nwith $*$ the cross-correlation; the backward pass receives the error.\n\n",
           "E", "O", "K", "X"),
}

CASES = [   # (page, claim in the page's letters with {L} {Y} {W} {X}, which gradient, loops)
    ("course", r"\frac{{\partial {L}}}{{\partial b_k}} = \sum_{{i,j}} \frac{{\partial {L}}}{{\partial {Y}_{{k,i,j}}}}", "b", db_sum),
    ("course", r"\frac{{\partial {L}}}{{\partial b_k}} = 2 \sum_{{i,j}} \frac{{\partial {L}}}{{\partial {Y}_{{k,i,j}}}}", "b",
     lambda x, w, g: db_sum(x, w, g, 2)),
    ("course", r"\frac{{\partial {L}}}{{\partial {W}_{{k,c,m,n}}}} = \sum_{{i,j}} \frac{{\partial {L}}}{{\partial {Y}_{{k,i,j}}}} "
               r"\cdot {X}_{{c, i+m, j+n}}", "w", dw_plus),
    ("course", r"\frac{{\partial {L}}}{{\partial {W}_{{k,c,m,n}}}} = \sum_{{i,j}} \frac{{\partial {L}}}{{\partial {Y}_{{k,i,j}}}} "
               r"\cdot {X}_{{c, i-m, j-n}}", "w", lambda x, w, g: dw_plus(x, w, g, -1)),
    ("course", r"\frac{{\partial {L}}}{{\partial {X}_{{c,i,j}}}} = \sum_{{k,m,n}} \frac{{\partial {L}}}{{\partial {Y}_{{k, i-m, j-n}}}} "
               r"\cdot {W}_{{k,c,m,n}}", "x", dx_minus),
    ("course", r"\frac{{\partial {L}}}{{\partial {X}_{{c,i,j}}}} = \sum_{{k,m,n}} \frac{{\partial {L}}}{{\partial {Y}_{{k, i+m, j+n}}}} "
               r"\cdot {W}_{{k,c,m,n}}", "x", lambda x, w, g: dx_minus(x, w, g, 1)),
    ("qa", r"\frac{{\partial {L}}}{{\partial {W}_{{f,c,u,v}}}} = \sum_{{i}} \sum_{{j}} \frac{{\partial {L}}}{{\partial {Y}_{{f,i,j}}}} "
           r"{X}_{{c,i+u,j+v}}", "w", dw_plus),
    ("qa", r"\frac{{\partial {L}}}{{\partial {X}_{{c,i,j}}}} = \sum_{{f}} \sum_{{u,v}} \frac{{\partial {L}}}{{\partial {Y}_{{f,i-u,j-v}}}} "
           r"{W}_{{f,c,u,v}}", "x", dx_minus),
    ("qa", r"\frac{{\partial {L}}}{{\partial {X}_{{c,i,j}}}} = \sum_{{f}} \sum_{{u,v}} \frac{{\partial {L}}}{{\partial {Y}_{{f,i-u,j-v}}}} "
           r"{W}_{{f,c,v,u}}", "x", lambda x, w, g: dx_minus(x, w.transpose(0, 1, 3, 2)[:, :, :KH, :KW], g)
     if KH == KW else None),
]


def verdict(page: str, claim: str) -> str:
    text, *letters = PAGES[page]
    latex = claim.format(**dict(zip("LYWX", letters)))
    report = check_text(text + "$$" + latex + "$$\n", "md", time_limit=10)
    return [c for c in report.claims if c.verdict != "definition"][-1].verdict


@pytest.mark.parametrize("page, claim, wrt, loops", CASES)
def test_claim_letters_settle_the_orders(page, claim, wrt, loops):
    x, w, g, dx, dw, db = TRUTH
    want = {"x": dx, "w": dw, "b": db}[wrt]
    got = loops(x, w, g)
    true = got is not None and got.shape == want.shape and np.allclose(got, want)
    v = verdict(page, claim)
    if true:
        assert v == "holds", (claim, v)
    else:
        assert v != "holds", (claim, v)            # never a false hold
        assert v in ("refuted", "unchecked")


def test_swapped_kernel_channels_stay_unchecked():
    """``∂L/∂W_{c,k,m,n}`` pairing the kernel's first index with the input channel reads only as an
    IOHW kernel, not stated anywhere: unchecked with the layout directive to paste, never holds."""
    claim = (r"\frac{{\partial {L}}}{{\partial {W}_{{c,k,m,n}}}} = \sum_{{i,j}} \frac{{\partial {L}}}{{\partial {Y}_{{k,i,j}}}} "
             r"\cdot {X}_{{c, i+m, j+n}}")
    x, w, g, dx, dw, db = TRUTH
    as_oihw = dw_plus(x, w, g).transpose(1, 0, 2, 3)       # the claim's entry W_{c,k} in PyTorch's order
    assert as_oihw.shape != dw.shape                       # false under OIHW: 2x3 against 3x2 channels
    assert verdict("course", claim) == "unchecked"


def test_channels_last_page():
    """Channels last (HWC maps, an OHWI kernel): ``∂L/∂W_{f,m,n,c} = Σ ∂L/∂Z_{i,j,f} X_{i+m,j+n,c}``."""
    text = ("For an input $X$ with channels last, filters $W$ and bias $b$ the layer computes\n\n"
            "$$Z = X * W + b$$\n\n(a cross-correlation).\n\n")
    x, w, g, dx, dw, db = TRUTH
    xl, gl = x.transpose(1, 2, 0), g.transpose(1, 2, 0)
    true_claim = r"\frac{\partial L}{\partial W_{f,m,n,c}} = \sum_{i,j} \frac{\partial L}{\partial Z_{i,j,f}} X_{i+m,j+n,c}"
    loops = np.array([[[[sum(gl[i, j, f] * xl[i + m, j + n, c] for i in range(OH) for j in range(OW))
                         for c in range(CIN)] for n in range(KW)] for m in range(KH)] for f in range(COUT)])
    assert np.allclose(loops, dw.transpose(0, 2, 3, 1))
    false_claim = true_claim.replace("X_{i+m,j+n,c}", "X_{i+n,j+m,c}")
    assert not all(np.isclose(sum(gl[i, j, f] * at(xl, i + n, j + m, c) for i in range(OH) for j in range(OW)),
                              dw[f, c, m, n]) for f, c, m, n in itertools.product(range(COUT), range(CIN), range(KH), range(KW)))
    verdicts = [c.verdict for c in check_text(text + f"$${true_claim}$$\n\n$${false_claim}$$\n", "md",
                                              time_limit=10).claims if c.verdict != "definition"]
    assert verdicts[0] == "holds"
    assert verdicts[1] != "holds"


def test_tensorflow_kernel_order_and_its_swap():
    """TensorFlow's HWIO kernel (``W_{m,n,c,k}``: rows, columns, input channel, output channel)
    reads; the same claim with the kernel's two channels exchanged (HWOI) is false under HWIO and
    reads as no framework's order: unchecked, never holds."""
    text = ("A conv layer with input $X$, filters $W$, output $Z$ (channels last):\n\n$$Z = X * W$$\n\n"
            "with $*$ the cross-correlation.\n\n")
    x, w, g, dx, dw, db = TRUTH
    gl, wl = g.transpose(1, 2, 0), w.transpose(2, 3, 1, 0)          # HWC, HWIO
    loops = np.array([[[sum(at(gl, p - m, q - n, k) * wl[m, n, c, k] for k in range(COUT)
                            for m in range(KH) for n in range(KW)) for c in range(CIN)]
                       for q in range(WID)] for p in range(H)])
    assert np.allclose(loops, dx.transpose(1, 2, 0))
    true_claim = (r"\frac{\partial L}{\partial X_{p,q,c}} = \sum_{k}\sum_{m}\sum_{n} "
                  r"\frac{\partial L}{\partial Z_{p-m,q-n,k}} W_{m,n,c,k}")
    swapped = true_claim.replace("W_{m,n,c,k}", "W_{m,n,k,c}")
    verdicts = [c.verdict for c in check_text(text + f"$${true_claim}$$\n\n$${swapped}$$\n", "md",
                                              time_limit=10).claims if c.verdict != "definition"]
    assert verdicts == ["holds", "unchecked"], verdicts


@pytest.mark.parametrize("shape, want", [(r"C_{in} \times C_{out} \times k \times k", "unchecked"),
                                         (r"C_{out} \times C_{in} \times k \times k", "holds")])
def test_a_stated_kernel_shape_input_channel_first_is_not_overridden(shape, want):
    """The page says the kernel's first axis is the input channel: the claim's ``W_{k,c,…}`` with k
    the output's channel is then false in the page's own order, so the claim's letters do not
    settle it (unchecked); stated output channel first, they agree (holds, as torch says)."""
    x, w, g, dx, dw, db = TRUTH
    assert np.allclose(dw_plus(x, w, g), dw)               # the claim, read OIHW, is torch's gradient
    text = (f"A convolutional layer with input $X$, weights $\\mathbf{{W}} \\in \\mathbb{{R}}^{{{shape}}}$ and bias $b$:"
            "\n\n$$Y = W * X + b$$\n\nwhere $*$ is the cross-correlation.\n\n")
    claim = (r"\frac{\partial L}{\partial W_{k,c,m,n}} = \sum_{i,j} \frac{\partial L}{\partial Y_{k,i,j}} "
             r"\cdot X_{c, i+m, j+n}")
    got = [c.verdict for c in check_text(text + f"$${claim}$$\n", "md", time_limit=10).claims
           if c.verdict != "definition"]
    assert got == [want], got
