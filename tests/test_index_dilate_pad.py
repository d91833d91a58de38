"""Padding and dilation written as operations inside index-notation claims (the spellings of
several authors: ``\\text{pad}_{w}(\\text{dilate}_{s}(\\delta))``, ``\\text{zero\\_pad}(…, w)``,
``dilate(\\delta, s)``, ``\\text{insert\\_zeros}(\\delta, s-1)``, an entry of an operator's
result ``\\text{pad}_{w}(…)_{i+m,j+n}``).  Truth: torch autograd of conv2d(stride, padding)
against each claimed formula computed here by plain numpy loops (pad, dilate, correlate)."""
import numpy as np
import pytest
import torch

from symbp.check.checker import check_text

K = 3


def _grads(h: int, stride: int, pad: int):
    rng = np.random.default_rng(100 * h + 10 * stride + pad)
    x = torch.tensor(rng.integers(-5, 6, (h, h)).astype(float), requires_grad=True)
    k = torch.tensor(rng.integers(-5, 6, (K, K)).astype(float), requires_grad=True)
    y = torch.nn.functional.conv2d(x[None, None], k[None, None], stride=stride, padding=pad)[0, 0]
    g = torch.tensor(rng.integers(-5, 6, tuple(y.shape)).astype(float))
    (y * g).sum().backward()
    return x.detach().numpy(), k.detach().numpy(), g.numpy(), x.grad.numpy(), k.grad.numpy()


def _pad(a, w):
    out = np.zeros((a.shape[0] + 2 * w, a.shape[1] + 2 * w))
    for i in range(a.shape[0]):
        for j in range(a.shape[1]):
            out[i + w, j + w] = a[i, j]
    return out


def _dilate(a, s):
    out = np.zeros(((a.shape[0] - 1) * s + 1, (a.shape[1] - 1) * s + 1))
    for i in range(a.shape[0]):
        for j in range(a.shape[1]):
            out[s * i, s * j] = a[i, j]
    return out


def _xcorr(x, k):
    rows, cols = x.shape[0] - k.shape[0] + 1, x.shape[1] - k.shape[1] + 1
    if rows < 1 or cols < 1:
        return None
    return np.array([[sum(x[i + m, j + n] * k[m, n] for m in range(k.shape[0]) for n in range(k.shape[1]))
                      for j in range(cols)] for i in range(rows)])


def _same(got, want) -> bool:
    return got is not None and got.shape == want.shape and np.array_equal(got, want)


def _claims(s: int, p: int):
    """(LaTeX, gradient key, numpy value of the claimed side) in several authors' spellings."""
    w = K - 1 - p
    rot = lambda k: k[::-1, ::-1]                                                 # noqa: E731
    return [
        (rf"\frac{{\partial L}}{{\partial X}} = \text{{pad}}_{{{w}}}(\text{{dilate}}_{{{s}}}(\delta)) * \text{{rot180}}(K)",
         "x", lambda x, k, g: _xcorr(_pad(_dilate(g, s), w), rot(k))),
        (rf"\frac{{\partial L}}{{\partial X}} = \text{{zero\_pad}}(\text{{dilate}}(\delta, {s}), {w}) * \text{{rot180}}(K)",
         "x", lambda x, k, g: _xcorr(_pad(_dilate(g, s), w), rot(k))),
        (rf"\frac{{\partial L}}{{\partial X}} = pad(dilate(\delta), {K - 1}) * \text{{rot180}}(K)",
         "x", lambda x, k, g: _xcorr(_pad(_dilate(g, s), K - 1), rot(k))),
        (rf"\frac{{\partial L}}{{\partial X}} = \text{{pad}}_{{{w}}}(\text{{insert\_zeros}}(\delta, {s - 1})) * \text{{rot180}}(K)",
         "x", lambda x, k, g: _xcorr(_pad(_dilate(g, s), w), rot(k))),
        (rf"\frac{{\partial L}}{{\partial X}} = \text{{pad}}_{{{w}}}(\delta) * \text{{rot180}}(K)",
         "x", lambda x, k, g: _xcorr(_pad(g, w), rot(k))),
        (rf"\frac{{\partial L}}{{\partial X_{{i,j}}}} = \sum_{{m,n}} \text{{pad}}_{{{w}}}(\text{{dilate}}_{{{s}}}(\delta))_{{i+m,j+n}} K_{{{K - 1}-m,{K - 1}-n}}",
         "x", lambda x, k, g: _entries(lambda i, j: sum(_at(_pad(_dilate(g, s), w), i + m, j + n) * k[K - 1 - m, K - 1 - n]
                                                        for m in range(K) for n in range(K)), x.shape[0])),
        (rf"\frac{{\partial L}}{{\partial K}} = \text{{pad}}_{{{p}}}(X) * \text{{dilate}}_{{{s}}}(\delta)",
         "k", lambda x, k, g: _xcorr(_pad(x, p), _dilate(g, s))),
        (rf"\frac{{\partial L}}{{\partial K}} = X * \text{{dilate}}(\delta)",
         "k", lambda x, k, g: _xcorr(x, _dilate(g, s))),
        (rf"\frac{{\partial L}}{{\partial K_{{m,n}}}} = \sum_{{i,j}} \delta_{{i,j}} \, \text{{pad}}_{{{p}}}(X)_{{{s if s > 1 else ''}i+m,{s if s > 1 else ''}j+n}}",
         "k", lambda x, k, g: _entries(lambda m, n: sum(g[i, j] * _pad(x, p)[s * i + m, s * j + n]
                                                         for i in range(g.shape[0]) for j in range(g.shape[1])))),
    ]


def _entries(fn, size=K):
    """The size-by-size array of fn(m, n) (a gradient written entry by entry)."""
    return np.array([[fn(m, n) for n in range(size)] for m in range(size)])


def _at(a, i, j):
    """a[i, j], zero outside a (an index sum without written bounds runs where entries exist)."""
    return a[i, j] if 0 <= i < a.shape[0] and 0 <= j < a.shape[1] else 0


@pytest.mark.parametrize("h,stride,pad", [(5, 2, 1), (5, 2, 0), (6, 2, 1), (7, 3, 1), (5, 1, 1), (6, 2, 2)])
def test_pad_dilate_spellings_against_torch(h, stride, pad):
    x, k, g, dx, dk = _grads(h, stride, pad)
    claims = _claims(stride, pad)
    step = f"{stride}" if stride > 1 else ""
    at = (lambda v, w: f"{step}{v}+{w}-{pad}") if pad else (lambda v, w: f"{step}{v}+{w}")
    forward = rf"Y_{{i,j}} = \sum_{{m=0}}^{{{K - 1}}}\sum_{{n=0}}^{{{K - 1}}} K_{{m,n}} X_{{{at('i', 'm')},{at('j', 'n')}}}"
    head = (f"<!-- symbp: layer=conv2d input={h}x{h} kernel={K}x{K} stride={stride} padding={pad} "
            f"names: X=input K=kernel Y=output L=loss -->\n\n")
    text = head + f"$$ {forward} $$\n\n" + "".join(f"$$ {c[0]} $$\n\n" for c in claims)
    report = check_text(text, "md", time_limit=60)
    verdicts = [c.verdict for c in report.claims][-len(claims):]
    for (latex, key, claimed), verdict in zip(claims, verdicts):
        truth = _same(claimed(x, k, g), dx if key == "x" else dk)
        assert verdict == ("holds" if truth else "refuted"), (latex, verdict, truth)


def test_unwritten_widths_stay_unchecked():
    text = ("<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=2 names: X=input K=kernel Y=output L=loss -->\n\n"
            r"$$ Y_{i,j} = \sum_{m=0}^{2}\sum_{n=0}^{2} K_{m,n} X_{2i+m,2j+n} $$" "\n\n"
            r"$$ \frac{\partial L}{\partial X} = \text{zero\_pad}(\text{dilate}_{2}(\delta)) * \text{rot180}(K) $$" "\n\n"
            r"$$ \frac{\partial L}{\partial X} = \text{pad}_{2}(\text{dilate}_{s}(\delta)) * \text{rot180}(K) $$" "\n\n"
            r"$$ \frac{\partial L}{\partial X} = \text{pad}_{2}(\text{insert\_zeros}(\delta)) * \text{rot180}(K) $$" "\n")
    report = check_text(text, "md", time_limit=60)
    claims = report.claims[-3:]
    assert [c.verdict for c in claims] == ["unchecked"] * 3
    from symbp.check.index_claims import IndexError_, parse
    for latex, reason in [(r"\text{zero\_pad}(\delta)", "width"), (r"\text{insert\_zeros}(\delta)", "how many zeros"),
                          (r"\text{dilate}_{2}(\delta, 3)", "dilate takes")]:
        with pytest.raises(IndexError_, match=reason):
            parse(latex)


def test_dilate_spatial_against_a_loop():
    from symbp.check.index_operators import dilate_spatial
    from symbp.witness.spatial_loops import dilated
    rng = np.random.default_rng(3)
    for shape, s in [((3, 4), 2), ((2, 5, 3), 3), ((1, 1), 4)]:
        a = rng.integers(-9, 9, shape).astype(object)
        want = np.stack([_dilate(m, s) for m in a.reshape(-1, *shape[-2:])]).reshape(
            shape[:-2] + ((shape[-2] - 1) * s + 1, (shape[-1] - 1) * s + 1))
        assert np.array_equal(dilate_spatial(a, s, s).astype(float), want)
        assert np.array_equal(dilated(a, s, s, False).astype(float), want)


def test_operator_words_as_array_names_stay_names():
    """``\\text{zero\\_pad}_{ij}`` is an entry of an array so named, not a pad by ij."""
    from symbp.check.index_claims import Op, Ref, parse
    assert parse(r"\text{zero\_pad}_{ij}") == Ref("zero_pad", None, (Ref("i", None, None), Ref("j", None, None)))
    assert parse(r"\text{zero\_pad}_{1}(\delta)") == Op("pad", (Ref(r"\delta", None, None), 1))
    assert parse(r"\text{dilate}_{2}(\delta)").kind == "dilate"
