r"""Transposed convolution (ConvTranspose2d, "deconvolution") in index notation read by
``symbp check``.  Truth is independent of symbp: ``torch.nn.functional.conv_transpose2d``
autograd, and each claim's right side computed by plain loops here."""
from __future__ import annotations

import itertools

import pytest
import torch
import torch.nn.functional as F

from symbp.check.checker import check_text


def _verdicts(text):
    return {c.latex.strip(): c for c in check_text(text, "md").claims}


# Spellings: the scatter with Iverson brackets (lecture notes on "deconvolution"), the sum over
# the set a condition gives (``\sum_{p,q:\, pS+m=i}``), and a directive layer=conv-transpose2d.

def _torch_transposed(h, w, k, s, seed):
    g = torch.Generator().manual_seed(seed)
    x = torch.randint(-5, 6, (h, w), generator=g).double().requires_grad_(True)
    wt = torch.randint(-5, 6, (k, k), generator=g).double().requires_grad_(True)
    y = F.conv_transpose2d(x[None, None], wt[None, None], stride=s)[0, 0]
    delta = torch.randint(-9, 10, tuple(y.shape), generator=g).double()
    y.backward(delta)
    return x.detach(), wt.detach(), delta, x.grad, wt.grad


def test_transposed_convolution_loops_agree_with_torch():
    for (h, k, s), seed in itertools.product(((3, 2, 2), (4, 3, 2), (3, 3, 1)), range(3)):
        x, wt, delta, gx, gw = _torch_transposed(h, h, k, s, seed)
        for p, q in itertools.product(range(h), range(h)):       # ∂L/∂x_pq = Σ_mn δ_{sp+m,sq+n} w_mn
            assert sum(float(delta[s * p + m, s * q + n] * wt[m, n]) for m in range(k) for n in range(k)) \
                == float(gx[p, q])
        for m, n in itertools.product(range(k), range(k)):       # ∂L/∂w_mn = Σ_pq δ_{sp+m,sq+n} x_pq
            assert sum(float(delta[s * p + m, s * q + n] * x[p, q]) for p in range(h) for q in range(h)) \
                == float(gw[m, n])
        if s > 1:                                                # the stride dropped: wrong
            assert any(sum(float(delta[p + m, q + n] * wt[m, n]) for m in range(k) for n in range(k))
                       != float(gx[p, q]) for p in range(h) for q in range(h))


TRANSPOSED = [r"y_{ij} = \sum_{p,q}\sum_{m,n} x_{pq}\, w_{mn}\, [2p+m = i][2q+n = j]",
              r"y_{ij} = \sum_{p,q,m,n:\, 2p+m=i,\ 2q+n=j} x_{pq} w_{mn}"]


@pytest.mark.parametrize("forward", TRANSPOSED)
def test_transposed_convolution_in_index_notation(forward):
    dx = r"\frac{\partial L}{\partial x_{pq}} = \sum_{m}\sum_{n} \delta_{2p+m,2q+n} w_{mn}"
    dw = r"\frac{\partial L}{\partial w_{mn}} = \sum_{p}\sum_{q} \delta_{2p+m,2q+n} x_{pq}"
    dx_set = r"\frac{\partial L}{\partial x_{pq}} = \sum_{i,j,m,n:\, 2p+m=i,\, 2q+n=j} \delta_{ij} w_{mn}"
    no_stride = r"\frac{\partial L}{\partial x_{pq}} = \sum_{m}\sum_{n} \delta_{p+m,q+n} w_{mn}"
    got = _verdicts(f"# deconvolution\n\n$${forward}$$\n\n" + "\n\n".join(
        f"$${c}$$" for c in (dx, dw, dx_set, no_stride)))
    for claim in (dx, dw, dx_set):
        assert got[claim].verdict == "holds", got[claim].detail
        assert "stride 2" in got[claim].detail and "transposed convolution" in got[claim].detail or \
            "no sizes given" in got[claim].detail
    assert got[no_stride].verdict == "refuted", got[no_stride].detail


def test_transposed_convolution_with_a_directive():
    text = ("# deconvolution\n\n<!-- symbp: layer=conv-transpose2d input=3x3 kernel=3x3 stride=2 "
            "names: X=input K=kernel Y=output L=loss -->\n\n"
            "$$\\frac{\\partial L}{\\partial X_{p,q}} = \\sum_{m,n} \\delta_{2p+m,2q+n} K_{m,n}$$\n\n"
            "$$\\frac{\\partial L}{\\partial X_{p,q}} = \\sum_{m,n} \\delta_{2p+m,2q+n} K_{n,m}$$\n")
    claims = check_text(text, "md").claims
    assert [c.verdict for c in claims] == ["holds", "refuted"], [c.detail for c in claims]
    assert "3x3 input, 3x3 kernel, stride 2, transposed convolution" in claims[0].detail


def _claim_value(form, s, k, x, wt, delta, p, q, mutation):
    """The right side of ∂L/∂x_pq (form "x") or ∂L/∂w_pq (form "w") by loops; δ outside is 0."""
    sd = 1 if mutation == "stride" else s
    shift = 1 if mutation == "shift" else 0

    def d(i, j):
        return float(delta[i, j]) if 0 <= i < delta.shape[0] and 0 <= j < delta.shape[1] else 0.0
    if form == "x":
        return sum(d(sd * p + m + shift, sd * q + n) * float(wt[n, m] if mutation == "swap" else wt[m, n])
                   for m in range(k) for n in range(k))
    return sum(d(sd * i + p + shift, sd * j + q) * float(x[i, j]) for i in range(x.shape[0]) for j in range(x.shape[1]))


def _claim_latex(form, s, mutation):
    sd = 1 if mutation == "stride" else s
    shift = "+1" if mutation == "shift" else ""
    if form == "x":
        w = "w_{nm}" if mutation == "swap" else "w_{mn}"
        return rf"\frac{{\partial L}}{{\partial x_{{pq}}}} = \sum_{{m}}\sum_{{n}} \delta_{{{sd}p+m{shift},{sd}q+n}} {w}"
    return rf"\frac{{\partial L}}{{\partial w_{{pq}}}} = \sum_{{i}}\sum_{{j}} \delta_{{{sd}i+p{shift},{sd}j+q}} x_{{ij}}"


@pytest.mark.parametrize("seed", range(6))
def test_random_transposed_claims_agree_with_torch(seed):
    import random
    rng = random.Random(seed)
    s, k, h = rng.choice([1, 2, 3]), rng.choice([2, 3]), rng.choice([2, 3, 4])
    x, wt, delta, gx, gw = _torch_transposed(h, h, k, s, seed)
    specs = [(form, mutation) for form in ("x", "w") for mutation in (None, rng.choice(["stride", "shift", "swap"]))]
    forward = rf"y_{{ij}} = \sum_{{p,q}}\sum_{{m,n}} x_{{pq}}\, w_{{mn}}\, [{s}p+m = i][{s}q+n = j]"
    text = (f"# deconvolution\n\n<!-- symbp: input={h}x{h} kernel={k}x{k} -->\n\n$${forward}$$\n\n"
            + "\n\n".join(f"$${_claim_latex(f, s, m)}$$" for f, m in specs))
    got = _verdicts(text)
    for form, mutation in specs:
        grad, size = (gx, h) if form == "x" else (gw, k)
        true = all(_claim_value(form, s, k, x, wt, delta, p, q, mutation) == float(grad[p, q])
                   for p in range(size) for q in range(size))
        verdict = got[_claim_latex(form, s, mutation)]
        assert verdict.verdict in (("holds",) if true else ("refuted", "unchecked")), (form, mutation, verdict.detail)


@pytest.mark.parametrize("h,k,s,pad,outpad", [(3, 3, 2, 1, 1), (3, 3, 2, 1, 0), (4, 2, 2, 1, 0),
                                               (3, 3, 1, 1, 0), (3, 3, 3, 2, 2)])
def test_transposed_convolution_with_padding_and_output_padding(h, k, s, pad, outpad):
    """PyTorch's padding crops the scatter's output and output_padding adds rows after it: the
    claims read δ at s·p + m - padding.  Truth: conv_transpose2d autograd and loops here."""
    g = torch.Generator().manual_seed(10 * h + s + pad)
    x = torch.randint(-5, 6, (h, h), generator=g).double().requires_grad_(True)
    wt = torch.randint(-5, 6, (k, k), generator=g).double().requires_grad_(True)
    y = F.conv_transpose2d(x[None, None], wt[None, None], stride=s, padding=pad, output_padding=outpad)[0, 0]
    delta = torch.randint(-9, 10, tuple(y.shape), generator=g).double()
    y.backward(delta)
    x, wt, gx, gw = x.detach(), wt.detach(), x.grad, wt.grad

    def d(i, j):
        return float(delta[i, j]) if 0 <= i < delta.shape[0] and 0 <= j < delta.shape[1] else 0.0
    step = f"{s}" if s > 1 else ""
    claims = []
    for off in (-pad, 0, -pad + 1):
        at = f"{off:+d}" if off else ""
        claims.append((rf"\frac{{\partial L}}{{\partial X_{{p,q}}}} = \sum_{{m,n}} \delta_{{{step}p+m{at},{step}q+n{at}}} K_{{m,n}}",
                       all(sum(d(s * p + m + off, s * q + n + off) * float(wt[m, n]) for m in range(k) for n in range(k))
                           == float(gx[p, q]) for p in range(h) for q in range(h))))
        claims.append((rf"\frac{{\partial L}}{{\partial K_{{m,n}}}} = \sum_{{p,q}} \delta_{{{step}p+m{at},{step}q+n{at}}} X_{{p,q}}",
                       all(sum(d(s * p + m + off, s * q + n + off) * float(x[p, q]) for p in range(h) for q in range(h))
                           == float(gw[m, n]) for m in range(k) for n in range(k))))
    assert any(truth for _, truth in claims) and not all(truth for _, truth in claims)
    text = (f"<!-- symbp: layer=conv-transpose2d input={h}x{h} kernel={k}x{k} stride={s} padding={pad} "
            f"output_padding={outpad} names: X=input K=kernel Y=output L=loss -->\n\n" +
            "\n\n".join(f"$${c}$$" for c, _ in claims) + "\n")
    got = check_text(text, "md").claims
    assert [c.verdict for c in got] == ["holds" if t else "refuted" for _, t in claims], \
        [(c.latex, c.verdict, c.detail[:160]) for c in got]


def test_transposed_output_padding_not_below_the_stride_is_unchecked():
    text = ("<!-- symbp: layer=conv-transpose2d input=3x3 kernel=3x3 stride=2 padding=1 "
            "names: X=input K=kernel Y=output L=loss -->\n\n"
            "$$\\frac{\\partial L}{\\partial X_{p,q}} = \\sum_{m,n} \\delta_{2p+m-1,2q+n-1} K_{m,n}$$\n")
    from symbp.check.doc_transpose import transposed_size
    ctx = type("C", (), {"sizes": ((3, 3), (3, 3)), "strides": (2, 2), "settings": {"output_padding": "2"},
                         "transposed_crop": (1, 1)})()
    with pytest.raises(Exception, match="smaller than the stride"):
        transposed_size(ctx)
    assert check_text(text, "md").claims[0].verdict == "holds"
