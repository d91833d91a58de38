"""A page that states a general formula with letters for stride, padding and dilation, then works
two examples under their own headings, each writing its forward entry by entry (0-based) with its
stride or dilation said in the prose or shown only by the rows: each example's claims are checked
at that example's sizes, stride and dilation, with no directive.  The rows are written from torch's
own layer (which input entry each kernel entry meets), and each claim's truth is torch autograd's.
"""
import itertools

import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)

HEAD = r"""# Back propagation of the activation

In general, with padding $pad$, stride $stride$ and dilation $d$:

$$
dA(h, w) = \sum_{r} \sum_{s} O'(\frac{h + pad - r d}{stride}, \frac{w + pad - s d}{stride}) W(r, s)
$$
"""

SECTION = """
## {title}

A {what}: input 5x5, kernel {k}x{k}, {prose}. The forward pass:

$$
\\left\\{{
\\begin{{aligned}}
{rows}
\\end{{aligned}}
\\right.
$$

The gradient of the input:

$$
{claim}
$$
"""


def _layer(k: int, stride: int, dilation: int):
    """{output entry: [(input entry, kernel entry)]} of torch's conv2d, read from its Jacobian with
    kernel entries of distinct values; and the torch gradient of sum(g * Y) for random x, w, g."""
    w = torch.arange(1.0, k * k + 1).reshape(1, 1, k, k)
    x = torch.zeros(1, 1, 5, 5, requires_grad=True)
    y = torch.nn.functional.conv2d(x, w, stride=stride, dilation=dilation)
    pairs = {}
    for o in itertools.product(range(y.shape[2]), range(y.shape[3])):
        grad = torch.autograd.grad(y[0, 0][o], x, retain_graph=True)[0][0, 0]
        pairs[o] = [((i, j), divmod(int(grad[i, j].item()) - 1, k))
                    for i in range(5) for j in range(5) if grad[i, j] != 0]
    return pairs, y.shape[2:]


def _entry(letter, at):
    return f"{letter}_{{{at[0]}{at[1]}}}"


def _page(k, stride, dilation, prose, what, claim_of):
    pairs, _ = _layer(k, stride, dilation)
    rows = " \\\\\n".join(f"{_entry('Y', o)} &= " + " + ".join(f"{_entry('x', a)}*{_entry('w', b)}" for a, b in ps)
                          for o, ps in pairs.items())
    target, terms = claim_of(pairs)
    claim = f"\\frac{{\\partial L}}{{\\partial {_entry('x', target)}}} = " + " + ".join(
        f"\\frac{{\\partial L}}{{\\partial {_entry('Y', o)}}} * {_entry('w', b)}" for o, b in terms)
    return HEAD + SECTION.format(title=what.title(), what=what, k=k, prose=prose, rows=rows, claim=claim), target, terms


def _true(k, stride, dilation, target, terms) -> bool:
    torch.manual_seed(3)
    x = torch.randn(1, 1, 5, 5, requires_grad=True)
    w = torch.randn(1, 1, k, k)
    y = torch.nn.functional.conv2d(x, w, stride=stride, dilation=dilation)
    g = torch.randn(y.shape)
    gx = torch.autograd.grad((y * g).sum(), x)[0][0, 0]
    claimed = sum(g[0, 0][o] * w[0, 0][b] for o, b in terms)
    return bool(torch.isclose(gx[target], torch.as_tensor(claimed)))


def _right(pairs, target):
    return [(o, b) for o, ps in pairs.items() for a, b in ps if a == target]


def _swapped(pairs, target):          # the kernel entries of a two-term sum exchanged
    terms = _right(pairs, target)
    return [(terms[0][0], terms[1][1]), (terms[1][0], terms[0][1])] + terms[2:]


CASES = [   # (kernel, stride, dilation, prose, what)
    (3, 2, 1, "no padding, stride 2, so the output is 2x2", "strided convolution"),
    (2, 1, 2, "dilation 2 and no padding, so the output is 3x3", "dilated convolution"),
]


@pytest.mark.parametrize("k, stride, dilation, prose, what", CASES)
@pytest.mark.parametrize("entry", [(0, 2), (1, 2), (2, 2)])
@pytest.mark.parametrize("mutate", [False, True])
def test_example_rows_give_stride_and_dilation(k, stride, dilation, prose, what, entry, mutate):
    pairs, _ = _layer(k, stride, dilation)
    if mutate and len(_right(pairs, entry)) < 2:
        pytest.skip("one term: nothing to exchange")
    text, target, terms = _page(k, stride, dilation, prose, what,
                                lambda p: (entry, (_swapped if mutate else _right)(p, entry)))
    expected = "holds" if _true(k, stride, dilation, target, terms) else "refuted"
    assert expected == ("refuted" if mutate else "holds")
    got = check_text(text, "md").claims[-1]
    assert got.verdict == expected, got.detail
