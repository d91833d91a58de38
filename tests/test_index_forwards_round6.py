"""Index-notation forwards that bound nothing before (issue 12, round six), as several authors
write them, with no directive:

* a multi-channel forward whose product is a dot, ``W_{c,k,m,n}.X_{k,i+m,j+n}`` (a Markdown
  note), ``\\cdot`` / ``\\times`` / juxtaposition (the same note's other displays, a CUDA log),
  size names with word subscripts ``C_{in}``, ``K_H``, ``K_W``;
* entries in brackets with word-subscript indices, ``Y[m, h_\\text{out}, w_\\text{out}]``,
  ``X[c, (h_\\text{out} + p), …]``, summed as ``\\sum_{h_\\text{out}}`` (a "100 days of CUDA" log);
* a size letter the prose writes as a factor of a shape (``M \\times C \\times K \\times K``) that
  only a claim's sum bound ties to an axis, ``\\sum_{m=0}^{M-1}`` over the output channels (a
  letter the document never writes as a size stays unbound);
* the error written ``e`` (Chinese blog posts' 误差 e), ``\\frac{\\partial e}{\\partial x_{uv}}``,
  under a forward with a stride letter ``x_{i\\cdot t + r}``;
* a zero claim true only where the prose's condition holds (unchecked, never refuted) and one
  false everywhere (refuted);
* a "forward" whose sums run over its own output index binds nothing.

Truth: torch autograd gives the gradients; every claimed formula is evaluated by plain numpy
loops over its own indices, never by symbp."""
import numpy as np
import torch

from symbp.check.checker import check_text
from symbp.check.index_tree import tokenize

from conv_truth import entry_or_zero as _entry, torch_conv_grads as _grads

torch.set_default_dtype(torch.float64)


def _claims(doc):
    return [(c.verdict, c.detail) for c in check_text(doc, "md").claims]


def _verdict(truth: bool) -> str:
    return "holds" if truth else "refuted"


# ---- the dot product and friends, channels, sizes with word subscripts (no directive)

FORWARDS = [
    r"Y_{c,i,j} = \sum_{k=0}^{C_{in}-1} \sum_{m=0}^{K_H-1} \sum_{n=0}^{K_W-1} W_{c,k,m,n}.X_{k, i+m, j+n} + b_c",
    r"Y_{c,i,j} = \sum_{k=0}^{C_{in}-1} \sum_{m=0}^{K_H-1} \sum_{n=0}^{K_W-1} W_{c,k,m,n} \cdot X_{k, i+m, j+n} + b_c",
    r"Y_{c,i,j} = \sum_{k=0}^{C_{in}-1} \sum_{m=0}^{K_H-1} \sum_{n=0}^{K_W-1} W_{c,k,m,n} \times X_{k, i+m, j+n} + b_c",
    r"Y_{c,i,j} = \sum_{k} \sum_{m} \sum_{n} X_{k,i+m,j+n} W_{c,k,m,n} + b_c",
]

SHAPES = r"The output is $C_{out} \times H_{out} \times W_{out}$."

CLAIMS = r"""
$$\frac{\partial L}{\partial W_{c,k,m,n}} = \sum_{i,j} \delta_{c,i,j} X_{k,i+m,j+n}$$

$$\frac{\partial L}{\partial W_{c,k,m,n}} = \sum_{i,j} \delta_{c,i,j} X_{k,i+n,j+m}$$

$$\frac{\partial L}{\partial b_c} = \sum_{i,j} \delta_{c,i,j}$$

$$\frac{\partial L}{\partial X_{k,p,q}} = \sum_{c=0}^{C_{out} - 1} \sum_{i=0}^{H_{out} - 1} \sum_{j=0}^{W_{out} - 1} \frac{\partial L}{\partial Y_{c,i,j}} \frac{\partial Y_{c,i,j}}{\partial X_{k,p,q}}$$

$$\frac{\partial L}{\partial X_{k,p,q}} = \sum_{c} \sum_{m} \sum_{n} \delta_{c,p-m,q-n} W_{c,k,m,n}$$

$$\frac{\partial L}{\partial X_{k,p,q}} = \sum_{c} \sum_{m} \sum_{n} \delta_{c,p-m,q-n} W_{k,c,m,n}$$
"""


def _truth_channels():
    x, k, g, dx, dk, db = _grads(1, 2, 3, 4, 5, 2, 3)
    x, g, dx = x[0], g[0], dx[0]
    co, ci, kh, kw = k.shape
    oh, ow = g.shape[1:]
    dw = lambda swap: np.array([[[[sum(g[c, i, j] * _entry(x, q, i + (n if swap else m), j + (m if swap else n))  # noqa: E731
                                       for i in range(oh) for j in range(ow))
                                   for n in range(kw)] for m in range(kh)] for q in range(ci)] for c in range(co)])
    dxf = lambda swap: np.array([[[sum(_entry(g, c, p - m, q - n) * (_entry(k, kk, c, m, n) if swap else k[c, kk, m, n])  # noqa: E731
                                       for c in range(co) for m in range(kh) for n in range(kw))
                                   for q in range(x.shape[2])] for p in range(x.shape[1])] for kk in range(ci)])
    return [np.allclose(dw(False), dk), np.allclose(dw(True), dk), np.allclose(g.sum(axis=(1, 2)), db),
            True, np.allclose(dxf(False), dx), np.allclose(dxf(True), dx)]


def test_channel_forwards_with_a_dot_cdot_times_or_juxtaposition_bind_their_letters():
    truth = _truth_channels()
    assert truth == [True, False, True, True, True, False]
    for forward in FORWARDS:
        got = _claims(f"# Conv\n\n{SHAPES}\n\n$${forward}$$\n{CLAIMS}")
        assert got[0][0] == "definition", (forward, got[0])
        assert [v for v, _ in got[1:]] == [_verdict(t) for t in truth], (forward, got)
        assert "channels 2,3" in got[1][1]


def test_a_dot_is_a_product_only_between_factors():
    assert tokenize(r"W_{c,k}.X_{k}") == ["W", "_", "{", "c", ",", "k", "}", r"\cdot", "X", "_", "{", "k", "}"]
    assert tokenize("0.5 x") == ["0.5", "x"]                            # a decimal is one number
    assert tokenize(r"x_{ij}. \\ y") [-3:] == [".", "\\\\", "y"]       # a full stop before a new row stays


# ---- brackets with word-subscript indices; a size letter only a sum's bound names

DOC_BRACKETS = r"""# Day 54

The kernel $W$ is $M \times C \times K \times K$ and the output has $H \times V$ positions per channel.

$$Y[m,h_\text{out},w_\text{out}] = \sum_{c=0}^{C-1}\sum_{p=0}^{K-1}\sum_{q=0}^{K-1}W[m,c,p,q] \cdot X[c, (h_\text{out}+ p), (w_\text{out} + q)]$$

$$\frac{\partial E}{\partial X[c,h, w]} = \sum_m \sum_{h_\text{out}} \sum_{w_\text{out}} \frac{\partial E}{\partial Y[m,h_\text{out},w_\text{out}]} \cdot W[m,c,h - h_\text{out},w - w_\text{out}]$$

$$\frac{\partial E}{\partial X[c,h, w]} = \sum_m \sum_{h_\text{out}} \sum_{w_\text{out}} \frac{\partial E}{\partial Y[m,h_\text{out},w_\text{out}]} \cdot W[m,c,w - w_\text{out},h - h_\text{out}]$$

$$\frac{\partial E}{\partial W[m,c,p,q]} = \sum_{h=0}^{H-1} \sum_{w=0}^{V-1} \frac{\partial E}{\partial Y[m,h,w]} X[c, h+p, w+q]$$

$$\frac{\partial E}{\partial X[c, h, w]} = \sum_{m=0}^{M-1} \sum_{p=0}^{K-1} \sum_{q=0}^{K-1} \frac{\partial E}{\partial Y[m, h-p, w-q]} \cdot W[m, c, K-1-p, K-1-q]$$

$$\frac{\partial E}{\partial X[c, h, w]} = \sum_{m=0}^{M-1} \frac{\partial E}{\partial X[m, h, w]} W[m, c, 0, 0]$$

$$\frac{\partial E}{\partial W[m,c,p,q]} = \sum_{h=0}^{H} \sum_{w=0}^{V} \frac{\partial E}{\partial Y[m,h,w]} X[c, h+p, w+q]$$
"""


def test_bracket_entries_with_word_subscripts_and_sizes_named_by_bounds():
    x, k, g, dx, dk, _ = _grads(1, 2, 3, 5, 5, 3, 3)
    x, g, dx = x[0], g[0], dx[0]
    co, ci, kk, _ = k.shape
    oh, ow = g.shape[1:]
    dxf = lambda swap: np.array([[[sum(g[m, a, b] * _entry(k, m, c, (w - b) if swap else (h - a), (h - a) if swap else (w - b))  # noqa: E731
                                       for m in range(co) for a in range(oh) for b in range(ow))
                                   for w in range(5)] for h in range(5)] for c in range(ci)])
    dwf = np.array([[[[sum(g[m, a, b] * x[c, a + p, b + q] for a in range(oh) for b in range(ow))
                       for q in range(kk)] for p in range(kk)] for c in range(ci)] for m in range(co)])
    assert [np.allclose(dxf(False), dx), np.allclose(dxf(True), dx), np.allclose(dwf, dk)] == [True, False, True]
    got = _claims(DOC_BRACKETS)
    assert got[0][0] == "definition"
    assert [v for v, _ in got[1:4]] == ["holds", "refuted", "holds"]
    assert "H read as the length of the axis h runs over" in got[3][1]
    # a flip on top of h - p: the claimed sum reads dE/dY where it does not exist (M read as
    # the output channels: the one axis m runs over); refuted, never held
    assert got[4][0] == "refuted" and "M read as the length" in got[4][1]
    # m on X's channels (2) and W's output channels (3): M is not bound, nothing is decided
    assert got[5][0] == "unchecked" and "'M' is not bound" in got[5][1]
    # \sum_{h=0}^{H} where the document writes H as a size (H x V positions): an off-by-one,
    # reaching dE/dY[m, H, w] that does not exist (round eight, t17b: was left unchecked)
    assert got[6][0] == "refuted" and "no number gives H, V" in got[6][1]
    # a letter the document never writes as a size: its role is still the axis its sum runs
    # over (round eight), so the count form is read; \sum_{h=0}^{H} may then be a last index
    # (holds) or a count (refuted): unchecked, naming the letter
    bare = _claims(DOC_BRACKETS.replace(r"The kernel $W$ is $M \times C \times K \times K$ and the output has "
                                        r"$H \times V$ positions per channel.", "A layer."))
    assert [v for v, _ in bare[1:]] == ["holds", "refuted", "holds", "refuted", "unchecked", "unchecked"]
    assert "H read as the length" in bare[3][1] and "M read as the length" in bare[4][1]
    assert "'M' is not bound" in bare[5][1] and "'H' is not bound" in bare[6][1]


# ---- the error e, a stride letter, a zero under a prose condition

DOC_ERROR = r"""# Stride t

The convolution gives the g x h matrix Y, and the forward pass goes on to the error e.

$$y_{ij} = \sum_{i=0}^{m-2}\sum_{j=0}^{n-2}(x_{i,j}w_{00} + x_{i,j+1}w_{01}) + b$$

$$y_{ij} = \sum_{r=0}^{p-1}\sum_{s=0}^{q-1}x_{i\cdot t+r,\;j\cdot t+s}w_{rs}+b$$

$$\frac{\partial e}{\partial w_{uv}} = \sum_{i=0}^{g-1}\sum_{j=0}^{h-1}\frac{\partial e}{\partial y_{ij}}x_{i\cdot t+u,j\cdot t+v}$$

$$\frac{\partial e}{\partial w_{uv}} = \sum_{i=0}^{g-1}\sum_{j=0}^{h-1}\frac{\partial e}{\partial y_{ij}}x_{i+u,j+v}$$

$$\frac{\partial e}{\partial b} = \sum_{i=0}^{g-1}\sum_{j=0}^{h-1}\frac{\partial e}{\partial y_{ij}}$$

When $u, v$ lie in no window:

$$\frac{\partial e}{\partial x_{uv}} = 0$$
"""


def _strided(stride, h, w, kh, kw, seed=1):
    gen = torch.Generator().manual_seed(seed)
    x = torch.randn(1, 1, h, w, generator=gen, requires_grad=True)
    k = torch.randn(1, 1, kh, kw, generator=gen, requires_grad=True)
    b = torch.randn(1, generator=gen, requires_grad=True)
    z = torch.nn.functional.conv2d(x, k, b, stride=stride)
    g = torch.randn(*z.shape, generator=gen)
    (z * g).sum().backward()
    return [t.detach().numpy()[0, 0] if t.dim() == 4 else t.detach().numpy()
            for t in (x, k, g, x.grad, k.grad, b.grad)]


def test_the_error_e_under_a_stride_letter_and_a_conditional_zero():
    x, k, g, dx, dk, db = _strided(2, 5, 5, 2, 2)
    oh, ow = g.shape
    dw = lambda t: np.array([[sum(g[i, j] * x[i * t + u, j * t + v] for i in range(oh) for j in range(ow))  # noqa: E731
                              for v in range(2)] for u in range(2)])
    assert [np.allclose(dw(2), dk), np.allclose(dw(1), dk), np.allclose(g.sum(), db)] == [True, False, True]
    assert (dx == 0).any() and (dx != 0).any()          # a zero only where no window reaches
    got = _claims(DOC_ERROR)
    assert got[0][0] == "unchecked"                     # sums over the output's own i, j: no forward
    assert got[1][0] == "definition" and "x is the input, w the kernel" in got[1][1]
    assert [v for v, _ in got[2:5]] == ["holds", "refuted", "holds"]
    assert "stride 2" in got[2][1] and "stride 3" in got[2][1]      # the letter t tried at 2 and 3
    assert got[5][0] == "unchecked" and "= 0 holds at" in got[5][1] and "but not at" in got[5][1]


DOC_ZERO_EVERYWHERE = r"""# Stride 1

$$z_{i,j} = \sum_{m} \sum_{n} a_{i+m,j+n} w_{m,n}$$

$$\frac{\partial L}{\partial a_{p,q}} = 0$$
"""


def test_a_zero_false_at_every_entry_is_refuted():
    _, _, _, dx, _, _ = _grads(1, 1, 1, 3, 3, 2, 2)
    assert (dx != 0).all()
    got = _claims(DOC_ZERO_EVERYWHERE)
    assert got[1][0] == "refuted", got[1]


# ---- a forward given as numbered entries counted from 0: the sizes follow from them

DOC_ENTRIES = r"""# Entries

Input $X$, kernel $K$, output $O$.

$$O_{00} = K_{00} X_{00} + K_{01} X_{01} + K_{10} X_{10} + K_{11} X_{11}$$

$$O_{01} = K_{00} X_{01} + K_{01} X_{02} + K_{10} X_{11} + K_{11} X_{12}$$

$$O_{10} = K_{00} X_{10} + K_{01} X_{11} + K_{10} X_{20} + K_{11} X_{21}$$

$$O_{11} = K_{00} X_{11} + K_{01} X_{12} + K_{10} X_{21} + K_{11} X_{22}$$

$$\frac{\partial L}{\partial X_{11}} = \frac{\partial L}{\partial O_{00}} K_{11} + \frac{\partial L}{\partial O_{01}} K_{10} + \frac{\partial L}{\partial O_{10}} K_{01} + \frac{\partial L}{\partial O_{11}} K_{00}$$

$$\frac{\partial L}{\partial X_{02}} = \frac{\partial L}{\partial O_{10}} K_{01}$$

$$\frac{\partial L}{\partial K_{01}} = \frac{\partial L}{\partial O_{00}} X_{01} + \frac{\partial L}{\partial O_{01}} X_{02} + \frac{\partial L}{\partial O_{10}} X_{11} + \frac{\partial L}{\partial O_{11}} X_{12}$$
"""


def test_numbered_entries_counted_from_zero_give_the_sizes():
    x, k, g, dx, dk, _ = _grads(1, 1, 1, 3, 3, 2, 2)
    x, k, g, dx, dk = x[0, 0], k[0, 0], g[0, 0], dx[0, 0], dk[0, 0]
    truth = [np.isclose(dx[1, 1], g[0, 0] * k[1, 1] + g[0, 1] * k[1, 0] + g[1, 0] * k[0, 1] + g[1, 1] * k[0, 0]),
             np.isclose(dx[0, 2], g[1, 0] * k[0, 1]),
             np.isclose(dk[0, 1], g[0, 0] * x[0, 1] + g[0, 1] * x[0, 2] + g[1, 0] * x[1, 1] + g[1, 1] * x[1, 2])]
    assert truth == [True, False, True]
    got = _claims(DOC_ENTRIES)[-3:]
    assert [v for v, _ in got] == [_verdict(t) for t in truth], got
    assert "3x3 input, 2x2 kernel" in got[0][1]


def test_entries_that_do_not_fit_one_layer_give_no_sizes():
    """X_{44} beside a 2x2 output and a 2x2 kernel: no valid stride-1 layer has them all, so
    the numbered claims are not checked at sizes symbp would choose (nor at 5x5)."""
    doc = DOC_ENTRIES.replace("Input $X$, kernel $K$, output $O$.",
                              "Input $X$, kernel $K$, output $O$.\n\n$$X_{44} = 0$$")
    got = _claims(doc)[-3:]
    assert [v for v, _ in got] == ["unchecked"] * 3, got
    assert all("entries with numbers need the layer's sizes" in d for _, d in got)
