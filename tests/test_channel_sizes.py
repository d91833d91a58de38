r"""Sections whose stated sizes are too large to check entry by entry (32x32 inputs, 16
channels) are checked at reduced sizes that keep the kernel, stride and padding; the report
names both.  Truth: each claim's formula evaluated by numpy at the document's own sizes
against torch autograd of the section's forward (never symbp)."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from symbp.check.checker import check_text

H, CIN, COUT, K = 32, 3, 16, 3


def _torch_grads(stride: int, pad: int, seed: int = 0):
    """(X, W, delta, dX, dW, db) at the document's sizes, 0-based, NCHW with one sample."""
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(1, CIN, H, H, generator=g, dtype=torch.float64, requires_grad=True)
    w = torch.randn(COUT, CIN, K, K, generator=g, dtype=torch.float64, requires_grad=True)
    b = torch.randn(COUT, generator=g, dtype=torch.float64, requires_grad=True)
    out = torch.nn.functional.conv2d(x, w, b, stride=stride, padding=pad)
    delta = torch.randn(out.shape, generator=g, dtype=torch.float64)
    (out * delta).sum().backward()
    return (x.detach().numpy()[0], w.detach().numpy(), delta.numpy()[0],
            x.grad.numpy()[0], w.grad.numpy(), b.grad.numpy())


def _at(arr, c, i, j):
    """arr[c, i, j], zero outside (the zero padding, or an entry a sum reaches past)."""
    return arr[c, i, j] if 0 <= i < arr.shape[1] and 0 <= j < arr.shape[2] else 0.0


_M = 40      # zero border wide enough for every shift the formulas make


def _zero_padded(arr):
    return np.pad(arr, ((0, 0), (_M, _M), (_M, _M)))


def _dw_formula(X, delta, stride, pad, hi, same_channel=False):
    """Σ_{i,j=0}^{hi} δ_{c,i,j} X_{c',s i+u-p, s j+v-p} (X[c] with same_channel), zero outside,
    by numpy index arithmetic."""
    out = np.zeros((COUT, CIN, K, K))
    idx = np.arange(hi + 1)
    D = _zero_padded(delta)[:, idx + _M][:, :, idx + _M]
    Xz = _zero_padded(X)
    for u, v in np.ndindex(K, K):
        Xg = Xz[:, stride * idx + u - pad + _M][:, :, stride * idx + v - pad + _M]
        if same_channel:
            out[:, :, u, v] = np.einsum("cij,cij->c", D, Xg[np.arange(COUT) % CIN])[:, None]
        else:
            out[:, :, u, v] = np.einsum("cij,dij->cd", D, Xg)
    return out


def _dx_formula(W, delta, pad, sign):
    """Σ_c Σ_{u,v} W_{c,c',u,v} δ_{c, x - sign·(u - p), y - sign·(v - p)}, zero outside δ."""
    out = np.zeros((CIN, H, H))
    Dz, idx = _zero_padded(delta[:W.shape[0]]), np.arange(H)
    for u, v in np.ndindex(K, K):
        Dg = Dz[:, idx - sign * (u - pad) + _M][:, :, idx - sign * (v - pad) + _M]
        out += np.einsum("cd,cxy->dxy", W[:, :, u, v], Dg)
    return out


def _reads(stride, pad, c="c'"):
    """The input entry an output (i, j) reads: ``X_{c',2i+u-1,2j+v-1}``."""
    s, p = (f"{stride}" if stride != 1 else ""), (f"-{pad}" if pad else "")
    return f"X_{{{c},{s}i+u{p},{s}j+v{p}}}"


def _document(stride, pad, claims):
    head = (f"<!-- symbp: layer=conv2d input={H}x{H} kernel={K}x{K} stride={stride} padding={pad} "
            f"channels={CIN},{COUT} conv=cross index_base=0 names: X=input W=kernel S=output -->\n\n")
    forward = (r"$$S_{c,i,j} = \sum_{c'}\sum_{u}\sum_{v} W_{c,c',u,v} " +
               _reads(stride, pad) + " + b_c$$" + "\n\n")
    return "# conv\n\n" + head + forward + "\n\n".join(f"$${c}$$" for c in claims) + "\n"


def _verdicts(text):
    report = check_text(text, "md", time_limit=60)
    return [(c.verdict, c.detail) for c in report.claims][1:]      # the forward first


@pytest.mark.parametrize("stride,pad", [(1, 1), (2, 1), (1, 0)])
def test_reduced_sizes_follow_torch(stride, pad):
    X, W, delta, dX, dW, db = _torch_grads(stride, pad)
    oh = delta.shape[1]
    claims = [  # (latex, the formula's value at the document's sizes, torch's)
        (rf"\frac{{\partial L}}{{\partial W_{{c,c',u,v}}}} = \sum_{{i=0}}^{{{oh - 1}}}\sum_{{j=0}}^{{{oh - 1}}} "
         r"\delta_{c,i,j} " + _reads(stride, pad),
         _dw_formula(X, delta, stride, pad, oh - 1), dW),
        (rf"\frac{{\partial L}}{{\partial W_{{c,c',u,v}}}} = \sum_{{i,j}} "
         r"\delta_{c,i,j} " + _reads(stride, pad),
         _dw_formula(X, delta, stride, pad, oh - 1), dW),
        (rf"\frac{{\partial L}}{{\partial W_{{c,c',u,v}}}} = \sum_{{i,j}} "
         r"\delta_{c,i,j} " + _reads(stride, pad, "c"),
         None, dW),              # the output channel for the input's: false
        (r"\frac{\partial L}{\partial b_{c}} = \sum_{i,j} \delta_{c,i,j}", delta.sum(axis=(1, 2)), db),
    ]
    if stride == 1:
        claims += [
            (rf"\frac{{\partial L}}{{\partial X_{{c',x,y}}}} = \sum_{{c}}\sum_{{u,v}} W_{{c,c',u,v}} "
             rf"\delta_{{c,x-u+{pad},y-v+{pad}}}", _dx_formula(W, delta, pad, 1), dX),
            (rf"\frac{{\partial L}}{{\partial X_{{c',x,y}}}} = \sum_{{c}}\sum_{{u,v}} W_{{c,c',u,v}} "
             rf"\delta_{{c,x+u-{pad},y+v-{pad}}}", _dx_formula(W, delta, pad, -1), dX),
            # another size's last index (31: the rows') and a kernel-sized one (2) for the 16 channels
            (rf"\frac{{\partial L}}{{\partial X_{{c',x,y}}}} = \sum_{{c=0}}^{{{H - 1}}}\sum_{{u,v}} W_{{c,c',u,v}} "
             rf"\delta_{{c,x-u+{pad},y-v+{pad}}}", None, dX),      # W has no channel 16..31: false
            (rf"\frac{{\partial L}}{{\partial X_{{c',x,y}}}} = \sum_{{c=0}}^{{2}}\sum_{{u,v}} W_{{c,c',u,v}} "
             rf"\delta_{{c,x-u+{pad},y-v+{pad}}}", _dx_formula(W[:3], delta[:3], pad, 1), dX),
        ]
    got = _verdicts(_document(stride, pad, [c for c, _, _ in claims]))
    assert len(got) == len(claims)
    for (latex, value, truth), (verdict, detail) in zip(claims, got):
        true = value is not None and np.allclose(value, truth)
        if verdict == "holds":
            assert true, (latex, detail)
            assert f"instead of the document's {H}x{H} input, channels {CIN},{COUT} (too large entry by entry)" in detail
        elif verdict == "refuted":
            assert not true, (latex, detail)
            assert "too large entry by entry" in detail
    assert [v for v, _ in got][1:4:2] == ["holds", "holds"]       # letters: Σ_{i,j}, the bias
    assert got[2][0] == "refuted"
    # Σ_{i=0}^{31}: the document's last row, read as the reduced size's
    assert got[0][0] == "holds" and "bounds are the document's numbers" in got[0][1]
    if stride == 1:
        assert [v for v, _ in got][4:] == ["holds", "refuted", "refuted", "refuted"]


def test_numbers_that_are_not_sizes_and_numbered_entries_stay_unchecked():
    text = _document(1, 1, [
        r"\frac{\partial L}{\partial W_{c,c',u,v}} = \sum_{i=0}^{30}\sum_{j=0}^{31} \delta_{c,i,j} X_{c',i+u-1,j+v-1}",
        r"\frac{\partial L}{\partial X_{0,31,31}} = \sum_{c} W_{c,0,1,1} \delta_{c,31,31}",
        r"\frac{\partial L}{\partial b_{c}} = \frac{1}{1024}\sum_{i,j} \delta_{c,i,j}",
    ])
    got = _verdicts(text)
    assert [v for v, _ in got] == ["unchecked"] * 3, got
    assert "the bound 30 is not the last index of one of the document's sizes" in got[0][1]
    assert "the number 1024 in the claim may depend on the document's sizes" in got[2][1]
    assert "numbered entries exist only at the document's sizes" in got[1][1]


def test_a_one_dimensional_section_too_long_is_reduced_too():
    n, k = 5000, 3
    g = torch.Generator().manual_seed(1)
    x = torch.randn(1, 1, n, generator=g, dtype=torch.float64, requires_grad=True)
    w = torch.randn(1, 1, k, generator=g, dtype=torch.float64, requires_grad=True)
    out = torch.nn.functional.conv1d(x, w)
    delta = torch.randn(out.shape, generator=g, dtype=torch.float64)
    (out * delta).sum().backward()
    d, xs = delta.numpy()[0, 0], x.detach().numpy()[0, 0]
    right = np.array([d @ xs[m:m + n - k + 1] for m in range(k)])
    short = np.array([d[:-1] @ xs[m:m + n - k] for m in range(k)])      # the last output left out
    assert np.allclose(right, w.grad.numpy()[0, 0]) and not np.allclose(short, w.grad.numpy()[0, 0])
    text = ("# conv1d\n\n<!-- symbp: layer=conv1d input=5000 kernel=3 names: x=input w=kernel z=output -->\n\n"
            r"$$z_i = \sum_{m=0}^{2} w_m x_{i+m}$$" "\n\n"
            r"$$\frac{\partial L}{\partial w_m} = \sum_{i=0}^{4997} \delta_i x_{i+m}$$" "\n\n"
            r"$$\frac{\partial L}{\partial w_m} = \sum_{i} \delta_i x_{i+m}$$" "\n\n"
            r"$$\frac{\partial L}{\partial w_m} = \sum_{i=0}^{4996} \delta_i x_{i+m}$$" "\n")
    got = [(c.verdict, c.detail) for c in check_text(text, "md", time_limit=60).claims][1:]
    assert [v for v, _ in got] == ["holds", "holds", "unchecked"], got
    assert "instead of the document's length 5000 input (too large entry by entry)" in got[0][1]


# ---- a stride or padding the document gives only as a letter

def _conv_grads(x, w, stride, pad, delta_seed=5):
    xt = torch.tensor(x, requires_grad=True)
    wt = torch.tensor(w, requires_grad=True)
    out = torch.nn.functional.conv2d(xt[None, None], wt[None, None], stride=stride, padding=pad)[0, 0]
    delta = torch.randn(out.shape, generator=torch.Generator().manual_seed(delta_seed), dtype=torch.float64)
    (out * delta).sum().backward()
    return delta.numpy(), xt.grad.numpy(), wt.grad.numpy()


def _dw(delta, x, a, c, flip=1):
    """Σ_{i,j} δ_{i,j} x_{a i + flip·m + c, a j + flip·n + c} over every integer, zero outside."""
    k = 3
    out = np.zeros((k, k))
    for m, n in np.ndindex(k, k):
        out[m, n] = sum(delta[i, j] * _at(x[None], 0, a * i + flip * m + c, a * j + flip * n + c)
                        for i, j in np.ndindex(*delta.shape))
    return out


def test_a_stride_letter_is_checked_at_several_strides():
    rng = np.random.default_rng(3)
    x, w = rng.standard_normal((7, 7)), rng.standard_normal((3, 3))
    cases = [  # (latex, stride written as a function of s)
        (r"\sum_{i,j} \delta_{i,j} x_{s i + m, s j + n}", lambda s: s),
        (r"\sum_{i,j} \delta_{i,j} x_{2 i + m, 2 j + n}", lambda s: 2),
        (r"\sum_{i,j} \delta_{i,j} x_{i + m, j + n}", lambda s: 1),
    ]
    truth = []
    for _, a in cases:      # a formula in s: true only if it is at every stride
        truth.append(all(np.allclose(_dw(_conv_grads(x, w, s, 0)[0], x, a(s), 0), _conv_grads(x, w, s, 0)[2])
                         for s in (1, 2, 3)))
    assert truth == [True, False, False]
    text = ("# conv\n\n<!-- symbp: layer=conv2d input=7x7 kernel=3x3 names: x=input w=kernel z=output -->\n\n"
            r"$$z_{i,j} = \sum_{m}\sum_{n} w_{m,n} x_{s i + m, s j + n}$$" "\n\n" +
            "\n\n".join(rf"$$\frac{{\partial L}}{{\partial w_{{m,n}}}} = {c}$$" for c, _ in cases) + "\n")
    got = [(c.verdict, c.detail) for c in check_text(text, "md", time_limit=60).claims][1:]
    assert [v for v, _ in got] == ["holds" if t else "refuted" for t in truth], got
    assert "the stride s is not given as a number: checked at" in got[0][1]
    assert "stride 3" in got[1][1]          # x_{2i+m} is right at stride 2 only


def test_a_claim_with_numbers_under_a_stride_letter_is_not_refuted_at_another_stride():
    rng = np.random.default_rng(6)
    x, w = rng.standard_normal((7, 7)), rng.standard_normal((3, 3))
    right = {s: np.allclose(_dw(_conv_grads(x, w, s, 0)[0], x, s, 0), _conv_grads(x, w, s, 0)[2]) for s in (2, 3)}
    assert right == {2: True, 3: True}            # Σ_{i,j} δ_{ij} x_{s i + m, s j + n} at any stride
    shapes = {s: _conv_grads(x, w, s, 0)[0].shape for s in (2, 3)}
    assert shapes == {2: (3, 3), 3: (2, 2)}       # Σ_{i=0}^{2}: the rows δ has at stride 2 only
    text = ("# conv\n\n<!-- symbp: layer=conv2d input=7x7 kernel=3x3 names: x=input w=kernel z=output -->\n\n"
            r"$$z_{i,j} = \sum_{m}\sum_{n} w_{m,n} x_{s i + m, s j + n}$$" "\n\n"
            r"$$\frac{\partial L}{\partial w_{m,n}} = \sum_{i,j} \delta_{i,j} x_{s i + m, s j + n}$$" "\n\n"
            r"$$\frac{\partial L}{\partial w_{m,n}} = \sum_{i=0}^{2}\sum_{j=0}^{2} \delta_{i,j} x_{s i + m, s j + n}$$" "\n")
    got = [(c.verdict, c.detail) for c in check_text(text, "md", time_limit=60).claims][1:]
    assert [v for v, _ in got] == ["holds", "unchecked"], got
    assert "it holds at stride 2 but not at stride 1, stride 3" in got[1][1]     # strides 1, 2, 3 tried


_PROSE = ("The output has $H_{out} = \\frac{H - k + 2p}{s} + 1$ rows, with padding p and stride s. "
          "The pooling layer after it uses a stride of 2.\n\n")


def test_padding_named_by_a_letter_is_checked_at_several_paddings():
    rng = np.random.default_rng(4)
    x, w = rng.standard_normal((5, 5)), rng.standard_normal((3, 3))
    cases = [  # (latex, its value at padding p, from the deltas of that padding)
        (r"\frac{\partial L}{\partial w_{m,n}} = \sum_{i,j} \delta_{i,j} x_{i + m, j + n}",
         lambda d, p: _dw(d, x, 1, 0), lambda s, p: _conv_grads(x, w, s, p)[2]),
        (r"\frac{\partial L}{\partial w_{m,n}} = \sum_{i,j} \delta_{i,j} x_{i - m, j - n}",
         lambda d, p: _dw(d, x, 1, 0, flip=-1), lambda s, p: _conv_grads(x, w, s, p)[2]),
    ]
    verdicts_by_truth = []
    for _, value, grad in cases:
        # the prose's stride 2 may be the pooling's: strides 1 and 2, paddings 0, 1, 2
        at = [np.allclose(value(_conv_grads(x, w, s, p)[0], p), grad(s, p)) for s in (1, 2) for p in (0, 1, 2)]
        verdicts_by_truth.append("holds" if all(at) else "unchecked")     # refuted at each: 3 may be the author's
    assert verdicts_by_truth == ["unchecked", "unchecked"]      # right at padding 0 only; never
    text = ("# conv\n\n" + _PROSE + "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 names: x=input w=kernel z=output -->\n\n" +
            "\n\n".join(f"$${c}$$" for c, _, _ in cases) + "\n")
    got = [(c.verdict, c.detail) for c in check_text(text, "md", time_limit=60).claims]
    assert [v for v, _ in got] == verdicts_by_truth, got
    assert "it holds at stride 1, padding 0 but not at stride 1, padding 1, stride 1, padding 2, stride 2" in got[0][1]
    assert "fails at each value tried (stride 1, padding 0; stride 1, padding 1;" in got[1][1]


def test_a_forward_that_reads_only_the_input_settles_padding_zero():
    rng = np.random.default_rng(5)
    x, w = rng.standard_normal((5, 5)), rng.standard_normal((3, 3))
    delta, _, dw = _conv_grads(x, w, 1, 0)
    assert np.allclose(_dw(delta, x, 1, 0), dw)
    text = ("# conv\n\n" + _PROSE + "<!-- symbp: layer=conv2d input=5x5 kernel=3x3 names: x=input w=kernel y=output -->\n\n"
            r"$$y_{i,j} = \sum_{m=0}^{k-1}\sum_{n=0}^{k-1} w_{m,n} x_{i+m,j+n}$$" "\n\n"
            r"$$\frac{\partial L}{\partial w_{m,n}} = \sum_{i,j} \delta_{i,j} x_{i + m, j + n}$$" "\n")
    got = [(c.verdict, c.detail) for c in check_text(text, "md", time_limit=60).claims]
    assert got[-1][0] == "holds", got
