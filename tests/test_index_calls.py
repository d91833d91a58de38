r"""Entries written with brackets, as function calls, and arrays named by a word
(symbp/check/index_calls.py), read as the subscripted entries the index reader checks.

The spellings are real authors' (found with the search tool): brackets as in NumPy notes and
blog posts, ``(X \star W)[i,j] = \sum_h \sum_w X[i+h, j+w] \cdot W[h,w]``, and in CUDA puzzle
comments, ``∂L/∂W[k][c][fh][fw] = Σ_b Σ_h Σ_w grad_out[b][k][h][w] × input[b][c][h+fh][w+fw]``,
``∂L/∂bias[k]``; calls as in Goodfellow et al.'s *Deep Learning*, ``S(i,j) = \sum_m \sum_n
I(i+m, j+n) K(m,n)`` (and the notes quoting it), and in lecture notes with primed letters,
``\frac{\partial y(r,c)}{\partial k(a',b')}``; words as in kernel notes, ``bias_{j}``.
Truth comes from torch autograd and plain loops evaluating each written formula, never from symbp.
"""
import re

import numpy as np
import pytest
import torch

from symbp.check.checker import check_text
from symbp.check.index_calls import EntryNames, entry_latex, entry_names

torch.set_default_dtype(torch.float64)
H, W, KH, KW = 5, 4, 2, 3                                   # one channel, one sample
OH, OW = H - KH + 1, W - KW + 1


def _single():
    torch.manual_seed(1)
    x = torch.randn(H, W, requires_grad=True)
    k = torch.randn(KH, KW, requires_grad=True)
    y = torch.nn.functional.conv2d(x[None, None], k[None, None])[0, 0]
    g = torch.randn(OH, OW)
    y.backward(g)
    return x.detach().numpy(), k.detach().numpy(), g.numpy(), x.grad.numpy(), k.grad.numpy()


X, K, G, DX, DK = _single()


def _at(a, i, j):
    """An entry, 0 outside the array (the sums run where the entries exist)."""
    return a[i, j] if 0 <= i < a.shape[0] and 0 <= j < a.shape[1] else 0.0


def _kernel_grad(di, dj, swap=False):
    """∂L/∂k[m,n] = Σ_{i,j} g[i,j] x[i+m', j+n'] with (m', n') = (m, n) or swapped, by loops."""
    out = np.zeros((KH, KW))
    for m in range(KH):
        for n in range(KW):
            a, b = (n, m) if swap else (m, n)
            out[m, n] = sum(G[i, j] * _at(X, di * i + a, dj * j + b) for i in range(OH) for j in range(OW))
    return out


def _input_grad(sign):
    """∂L/∂x[i,j] = Σ_{m,n} g[i ∓ m, j ∓ n] k[m,n] (sign -1: the true form), by loops."""
    out = np.zeros((H, W))
    for i in range(H):
        for j in range(W):
            out[i, j] = sum(_at(G, i + sign * m, j + sign * n) * K[m, n] for m in range(KH) for n in range(KW))
    return out


# claim -> its truth, each formula evaluated by loops and compared with autograd
SINGLE = {
    # brackets (NumPy-style notes)
    r"\frac{\partial L}{\partial W[h,w]} = \sum_{i} \sum_{j} \frac{\partial L}{\partial Y[i,j]} \cdot X[i+h, j+w]":
        np.allclose(_kernel_grad(1, 1), DK),
    r"\frac{\partial L}{\partial W[h,w]} = \sum_{i} \sum_{j} \frac{\partial L}{\partial Y[i,j]} \cdot X[i+w, j+h]":
        np.allclose(_kernel_grad(1, 1, swap=True), DK),
    r"\frac{\partial L}{\partial X[i,j]} = \sum_{h} \sum_{w} \frac{\partial L}{\partial Y[i-h,j-w]} \cdot W[h,w]":
        np.allclose(_input_grad(-1), DX),
    r"\frac{\partial L}{\partial X[i,j]} = \sum_{h} \sum_{w} \frac{\partial L}{\partial Y[i+h,j+w]} \cdot W[h,w]":
        np.allclose(_input_grad(+1), DX),
}
CALLS = {
    # Goodfellow et al.'s calls
    r"\frac{\partial L}{\partial K(m,n)} = \sum_i \sum_j \frac{\partial L}{\partial S(i,j)} I(i+m, j+n)":
        np.allclose(_kernel_grad(1, 1), DK),
    r"\frac{\partial L}{\partial K(m,n)} = \sum_i \sum_j \frac{\partial L}{\partial S(i,j)} I(i+n, j+m)":
        np.allclose(_kernel_grad(1, 1, swap=True), DK),
    r"\frac{\partial L}{\partial I(i,j)} = \sum_m \sum_n \frac{\partial L}{\partial S(i-m,j-n)} K(m,n)":
        np.allclose(_input_grad(-1), DX),
    r"\frac{\partial L}{\partial I(i,j)} = \sum_m \sum_n \frac{\partial L}{\partial S(i+m,j+n)} K(m,n)":
        np.allclose(_input_grad(+1), DX),
}
PRIMES = {
    r"\frac{\partial L}{\partial k(a',b')} = \sum_{r} \sum_{c} \frac{\partial L}{\partial y(r,c)} x(r+a', c+b')":
        np.allclose(_kernel_grad(1, 1), DK),
    r"\frac{\partial L}{\partial k(a',b')} = \sum_{r} \sum_{c} \frac{\partial L}{\partial y(r,c)} x(2r+a', c+b')":
        np.allclose(_kernel_grad(2, 1), DK),
}
WORDS = {   # a word indexed by a call, as in blog posts' out(i, j) = Σ image(i+x, j+y) filter(x, y)
    r"\frac{\partial L}{\partial filter(x,y)} = \sum_{i}\sum_{j}\frac{\partial L}{\partial out(i,j)} image(i+x, j+y)":
        np.allclose(_kernel_grad(1, 1), DK),
    r"\frac{\partial L}{\partial filter(x,y)} = \sum_{i}\sum_{j}\frac{\partial L}{\partial out(i,j)} image(i+y, j+x)":
        np.allclose(_kernel_grad(1, 1, swap=True), DK),
    r"\frac{\partial L}{\partial image(i,j)} = \sum_{x}\sum_{y}\frac{\partial L}{\partial out(i-x,j-y)} filter(x,y)":
        np.allclose(_input_grad(-1), DX),
    r"\frac{\partial L}{\partial image(i,j)} = \sum_{x}\sum_{y}\frac{\partial L}{\partial out(i+x,j+y)} filter(x,y)":
        np.allclose(_input_grad(+1), DX),
}
LISTED = {  # words with subscript lists, as in blog posts' net/out notation
    r"\frac{\partial E}{\partial w_{m,n}} = \sum_{i}\sum_{j}\frac{\partial E}{\partial net_{i,j}} out_{i+m,j+n}":
        np.allclose(_kernel_grad(1, 1), DK),
    r"\frac{\partial E}{\partial w_{m,n}} = \sum_{i}\sum_{j}\frac{\partial E}{\partial net_{i,j}} out_{2i+m,j+n}":
        np.allclose(_kernel_grad(2, 1), DK),
    r"\frac{\partial E}{\partial out_{i,j}} = \sum_{m}\sum_{n}\frac{\partial E}{\partial net_{i-m,j-n}} w_{m,n}":
        np.allclose(_input_grad(-1), DX),
    r"\frac{\partial E}{\partial out_{i,j}} = \sum_{m}\sum_{n}\frac{\partial E}{\partial net_{i+m,j+n}} w_{m,n}":
        np.allclose(_input_grad(+1), DX),
}
SECTION = "<!-- symbp: layer=conv2d input=5x4 kernel=2x3 conv=cross index_base=0 -->"
FORWARDS = {"brackets": (r"Y[i,j] = \sum_{h} \sum_{w} X[i+h, j+w] \cdot W[h,w]", SINGLE),
            "calls": (r"S(i,j) = \sum_m \sum_n I(i+m, j+n) K(m,n)", CALLS),
            "primes": (r"y(r,c) = \sum_{a'} \sum_{b'} x(r+a', c+b') k(a',b')", PRIMES),
            "words": (r"out(i,j) = \sum_{x}\sum_{y} image(i+x, j+y) filter(x,y)", WORDS),
            "listed words": (r"net_{i,j} = \sum_{m}\sum_{n} w_{m,n} out_{i+m,j+n}", LISTED)}


def _verdicts(text):
    return {c.latex: (c.verdict, c.detail) for c in check_text(text, "md").claims}


def test_truth_is_not_vacuous():
    truths = [t for _, claims in FORWARDS.values() for t in claims.values()]
    assert sum(truths) == 9 and sum(not t for t in truths) == 9


@pytest.mark.parametrize("spelling", FORWARDS)
def test_single_channel_spellings(spelling):
    forward, claims = FORWARDS[spelling]
    text = f"# {spelling}\n{SECTION}\n\n$${forward}$$\n\n" + "".join(f"$${c}$$\n\n" for c in claims)
    got = _verdicts(text)
    assert got[forward][0] == "definition", got[forward]
    for claim, truth in claims.items():
        assert got[claim][0] == ("holds" if truth else "refuted"), (claim, got[claim])


def _batched():
    """NCHW input 2x2x5x4, OIHW weight 3x2x2x3, bias 3: autograd's gradients."""
    torch.manual_seed(2)
    x = torch.randn(2, 2, H, W, requires_grad=True)
    w = torch.randn(3, 2, KH, KW, requires_grad=True)
    b = torch.randn(3, requires_grad=True)
    out = torch.nn.functional.conv2d(x, w, b)
    g = torch.randn(*out.shape)
    out.backward(g)
    return x.detach().numpy(), g.numpy(), w.grad.numpy(), b.grad.numpy()


def test_cuda_style_chained_brackets_and_words():
    x, g, dw, db = _batched()
    loops_dw = np.zeros_like(dw)                              # Σ_b Σ_i Σ_j g[b][k][i][j] input[b][c][i+p][j+q]
    for k, c, p, q in np.ndindex(*dw.shape):
        loops_dw[k, c, p, q] = sum(g[n, k, i, j] * x[n, c, i + p, j + q]
                                   for n in range(2) for i in range(OH) for j in range(OW))
    claims = {
        r"\frac{\partial L}{\partial W[k][c][p][q]} = \sum_{b} \sum_{i} \sum_{j} \frac{\partial L}{\partial out[b][k][i][j]} \cdot input[b][c][i+p][j+q]":
            np.allclose(loops_dw, dw),
        r"\frac{\partial L}{\partial bias[k]} = \sum_{b} \sum_{i} \sum_{j} \frac{\partial L}{\partial out[b][k][i][j]}":
            np.allclose(g.sum(axis=(0, 2, 3)), db),
        r"\frac{\partial L}{\partial bias[k]} = \sum_{i} \sum_{j} \frac{\partial L}{\partial out[0][k][i][j]}":
            np.allclose(g[0].sum(axis=(1, 2)), db),
    }
    assert list(claims.values()) == [True, True, False]
    text = ("# cuda\n<!-- symbp: layer=conv2d input=5x4 kernel=2x3 channels=2,3 batch=2 conv=cross index_base=0 "
            "names: input=input W=kernel out=output L=loss layout: input=NCHW W=OIHW out=NCHW -->\n\n"
            r"$$out[b][k][i][j] = bias[k] + \sum_{c} \sum_{p} \sum_{q} input[b][c][i+p][j+q] \cdot W[k][c][p][q]$$"
            "\n\n" + "".join(f"$${c}$$\n\n" for c in claims))
    got = _verdicts(text)
    for claim, truth in claims.items():
        assert got[claim][0] == ("holds" if truth else "refuted"), (claim, got[claim])


# --------------------------------------------------------------- what is read, and what stays as written

def test_rewrites():
    names = entry_names(r"$$S(i, j) = \sum_m \sum_n I(i+m, j+n) K(m, n)$$ $\frac{\partial L}{\partial w^{l}(a,b)}$")
    assert names.calls == {"S": 2, "I": 2, "K": 2, "w": 2}
    assert entry_latex(r"w^{l+1}(-a', b^{'}) + W[k][c][F-1-p][q]", names) == r"w^{l+1}_{-a',b'} + W_{k,c,F-1-p,q}"
    assert entry_latex(r"x[i \cdot s + m, 2j]", EntryNames()) == r"x_{i\cdot s+m,2j}"
    assert entry_latex(r"grad_output[b, k] + bias_{j} + dY[i]", EntryNames()) == \
        r"grad\_output_{b,k} + bias_{j} + dY_{i}"
    words = entry_names(r"$$out[b] = bias[k]$$")                 # words indexed with brackets
    assert entry_latex(r"\frac{\partial L}{\partial bias_{k}} = \sum_{b} out_{b} + XW_1", words) == \
        r"\frac{\partial L}{\partial \mathrm{bias}_{k}} = \sum_{b} \mathrm{out}_{b} + XW_1"


@pytest.mark.parametrize("latex", [
    r"\max_{m \in [0, k_h), n \in [0, k_w)} x[i = j]",          # an interval, an Iverson bracket
    r"input[b][c][oh+fh][ow+fw]",                               # index words: not single letters
    r"x_t[i] + y_{out}[i, j, c_{out}]",                         # two subscripts
    r"\max[i] + \sqrt[3]{x} + \left[ a \right]",                # macros
])
def test_brackets_left_as_written(latex):
    assert entry_latex(latex, EntryNames()) == latex


@pytest.mark.parametrize("doc, latex", [
    (r"$$f(x) = x^2$$ $f_{i}$", "f(i)"),                         # f: a function
    (r"$$g(z) = \frac{1}{1+e^{-z}}$$ $$a = g(z_{i})$$", "g(i)"),  # called with an entry: a function
    (r"$$\sigma(i, j)$$", r"\sigma(i, j)"),                     # σ
    (r"$$L(W, B)$$ $W_{i}$", "L(W, B)"),                        # a loss of arrays
    (r"$$h(x)$$ $x_{i}$ $h_{i}$", "h(x)"),                      # a function of an array
    (r"$$S(i, j) + S(i)$$", "S(i, j)"),                         # two numbers of arguments
    (r"$$h(i)$$", "h(i)"),                                      # one argument, no tensor use
    (r"$$f'(m, n) + u'(m, n)$$", "u'(m, n)"),                   # primed: a derivative
    (r"$$\frac{\partial C}{\partial w} + C(i, j)$$", "C(i, j)"),  # the cost
    (r"$$I_{region}(i, j)$$", "I_{region}(i, j)"),              # a subscript before the call
    (r"$$\max(i, j) + conv(x, w)$$", r"\max(i, j) + conv(i, j)"),   # words that name operations
    (r"$$out (i, j)$$", "out (i, j)"),                          # a word, then a space: prose
    (r"$$dx(i, j)$$", "dx(i, j)"),                              # d and a letter: a gradient's name
])
def test_calls_left_as_written(doc, latex):
    assert entry_latex(latex, entry_names(doc)) == latex


def test_a_function_and_an_entry_in_one_formula():
    names = entry_names(r"$\delta^{l}(x,y)=\frac{\partial C}{\partial z^{l}(x,y)}$ $\sigma(z)$")
    assert entry_latex(r"\sigma'(z^{l}(x,y)) \delta^{l}(x-a, y-b)", names) == r"\sigma'(z^{l}_{x,y}) \delta^{l}_{x-a,y-b}"


@pytest.mark.parametrize("entry", ["x_pad[{a}, {b}]", "x_pad[{a}][{b}]"])
def test_a_snake_case_name_in_brackets(entry):
    """``x_pad[i+m, j+n]`` (the padded input, as NumPy notes name it) with padding 1: torch's
    kernel gradient against the written sums by loops over the padded input."""
    torch.manual_seed(3)
    x = torch.randn(4, 4)
    k = torch.randn(2, 2, requires_grad=True)
    y = torch.nn.functional.conv2d(x[None, None], k[None, None], padding=1)[0, 0]
    g = torch.randn(*y.shape)
    y.backward(g)
    xp, gn = np.pad(x.numpy(), 1), g.numpy()

    def written(shift):
        return np.array([[sum(gn[i, j] * _at(xp, i + m + shift, j + n) for i in range(5) for j in range(5))
                          for n in range(2)] for m in range(2)])
    claims = {shift: r"\frac{\partial L}{\partial w[m,n]} = \sum_{i} \sum_{j} \frac{\partial L}{\partial y[i,j]} "
              + entry.format(a="i+m" + ("+1" if shift else ""), b="j+n") for shift in (0, 1)}
    truth = {shift: np.allclose(written(shift), k.grad.numpy()) for shift in claims}
    assert truth == {0: True, 1: False}
    text = ("# pad\n<!-- symbp: layer=conv2d input=4x4 kernel=2x2 padding=1 conv=cross index_base=0 -->\n\n"
            f"$$y[i,j] = \\sum_{{m}} \\sum_{{n}} {entry.format(a='i+m', b='j+n')} w[m,n]$$\n\n"
            + "".join(f"$${c}$$\n\n" for c in claims.values()))
    got = _verdicts(text)
    for shift, claim in claims.items():
        assert got[claim][0] == ("holds" if truth[shift] else "refuted"), (claim, got[claim])


@pytest.mark.parametrize("spelling", ["subscripts", "brackets"])
def test_a_fully_connected_layer_with_word_names(spelling):
    """A linear layer named by words (``linear_{ij} = \\sum_k input_{ik} weight_{jk} + bias_{j}``,
    as kernel notes write it) with a directive naming them, its entries as subscripts or
    brackets: torch.nn.functional.linear's gradients against each written sum by loops."""
    torch.manual_seed(4)
    x = torch.randn(2, 3, requires_grad=True)
    w = torch.randn(2, 3, requires_grad=True)
    b = torch.randn(2, requires_grad=True)
    out = torch.nn.functional.linear(x, w, b)
    g = torch.randn(2, 2)
    out.backward(g)
    xn, wn, gn = x.detach().numpy(), w.detach().numpy(), g.numpy()
    written = {
        (r"\frac{\partial L}{\partial bias_{j}} = \sum_{i} \frac{\partial L}{\partial linear_{ij}}", "b"):
            gn.sum(axis=0),
        (r"\frac{\partial L}{\partial bias_{j}} = \frac{\partial L}{\partial linear_{0j}}", "b"): gn[0],
        (r"\frac{\partial L}{\partial weight_{jk}} = \sum_{i} \frac{\partial L}{\partial linear_{ij}} input_{ik}", "w"):
            np.array([[sum(gn[i, j] * xn[i, k] for i in range(2)) for k in range(3)] for j in range(2)]),
        (r"\frac{\partial L}{\partial input_{ik}} = \sum_{j} \frac{\partial L}{\partial linear_{ij}} weight_{jk}", "x"):
            np.array([[sum(gn[i, j] * wn[j, k] for j in range(2)) for k in range(3)] for i in range(2)]),
        (r"\frac{\partial L}{\partial input_{ik}} = \sum_{j} \frac{\partial L}{\partial linear_{ij}} weight_{kj}", "x"):
            np.array([[sum(gn[i, j] * _at(wn, k, j) for j in range(2)) for k in range(3)] for i in range(2)]),
    }
    grads = {"b": b.grad.numpy(), "w": w.grad.numpy(), "x": x.grad.numpy()}
    truth = {claim: np.allclose(value, grads[key]) for (claim, key), value in written.items()}
    assert list(truth.values()) == [True, False, True, True, False]

    def spelled(latex):
        if spelling == "subscripts":
            return latex
        return re.sub(r"(bias|linear|input|weight)_\{(\w)(\w?)\}",
                      lambda m: m.group(1) + "".join(f"[{c}]" for c in m.groups()[1:] if c), latex)
    forward = r"linear_{ij} = \sum_{k} input_{ik} \cdot weight_{jk} + bias_{j}"
    text = ("# fc\n<!-- symbp: layer=fc in=3 out=2 batch=2 index_base=0 names: input=input weight=kernel "
            "bias=bias linear=output L=loss -->\n\n" + f"$${spelled(forward)}$$\n\n"
            + "".join(f"$${spelled(c)}$$\n\n" for c in truth))
    got = _verdicts(text)
    for claim, true in truth.items():
        assert got[spelled(claim)][0] == ("holds" if true else "refuted"), (spelled(claim), got[spelled(claim)])


@pytest.mark.parametrize("forward, transposed", [
    (r"S(i,j) = \sum_m \sum_n I(i+m, j+n) K(n,m)", "kernel"),
    (r"out(i,j) = \sum_{x}\sum_{y} image(i+x, j+y) filter(y,x)", "kernel"),
    (r"net_{i,j} = \sum_{m}\sum_{n} w_{n,m} out_{i+m,j+n}", "kernel"),
    (r"out(i,j) = \sum_{x}\sum_{y} image(j+y, i+x) filter(x,y)", "input"),
])
def test_a_forward_with_a_transposed_kernel_or_input_is_not_read_as_the_plain_one(forward, transposed):
    # round 32's red team: K(n,m) beside I(i+m, j+n) was read as K(m,n), so the plain kernel gradient
    # held (false: the true one swaps the offsets) and the true one was refuted
    torch.manual_seed(7)
    x, k = torch.randn(5, 5), torch.randn(3, 3, requires_grad=True)
    xt, kt = (x.T, k) if transposed == "input" else (x, k.T)
    y = torch.nn.functional.conv2d(xt[None, None], kt[None, None])[0, 0]
    g = torch.randn(*y.shape)
    (g * y).sum().backward()
    plain = torch.tensor([[float((g * x[m:m + 3, n:n + 3]).sum()) for n in range(3)] for m in range(3)])
    assert not torch.allclose(k.grad, plain)          # the plain kernel gradient is false for this forward
    letters = re.findall(r"\\frac|[A-Za-z]+(?=[(_])", forward)
    out, inp, ker = letters[0], letters[1], letters[2]
    idx = (lambda a, b: f"({a},{b})") if "(" in forward else (lambda a, b: f"_{{{a},{b}}}")
    m, n = ("m", "n") if "_{" in forward or "I(" in forward else ("x", "y")
    claim = (rf"\frac{{\partial L}}{{\partial {ker}{idx(m, n)}}} = \sum_i \sum_j "
             rf"\frac{{\partial L}}{{\partial {out}{idx('i', 'j')}}} {inp}{idx('i+' + m, 'j+' + n)}")
    verdicts = {c.latex: c.verdict for c in check_text(f"# Layer\n\n$${forward}$$\n\n$${claim}$$\n", "md").claims}
    assert verdicts[claim] == "unchecked", verdicts
