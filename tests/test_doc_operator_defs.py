r"""Operators and forwards a document defines by its own index formulas (issue 12).

Spellings from several authors' pages: ``(I \otimes K)_{ij} = \sum I(i+m, j+n) K(m,n)`` and
``(I \ast K)_{ij} = \sum I(i-m, j-n) K(m,n)`` (a blog deriving conv backprop), ``(X * W)[i,j] =
\sum_h \sum_w X[i-h, j-w] W[h,w]`` (a note on "convolution" being cross-correlation),
``(I\star K)(i,j) = \sum_{u=1}^p \sum_{v=1}^q I(i+u-1, j+v-1) K(u,v)`` (a Q&A post), the 1-D
``(f * g)[n] = \sum_m f[m] g[n-m]``.  Truth: every formula's convention is decided here by a plain
loop that evaluates the formula as written, compared with torch's conv2d (a cross-correlation);
claims' truth comes from torch autograd.
"""
import numpy as np
import pytest
import torch

from symbp.check.checker import check_text
from symbp.check.doc_operator_defs import UNREAD, definition, operator_definitions

RNG = np.random.default_rng(3)
IMAGE, KERNEL = RNG.integers(-3, 4, (5, 6)).astype(float), RNG.integers(-3, 4, (2, 3)).astype(float)


def torch_corr(image, kernel):
    """torch's conv2d: the valid cross-correlation."""
    image, kernel = np.ascontiguousarray(image), np.ascontiguousarray(kernel)
    return torch.nn.functional.conv2d(torch.tensor(image)[None, None], torch.tensor(kernel)[None, None])[0, 0].numpy()


def loop(image, kernel, sign, offset=0):
    """Σ_m Σ_n image[i + sign·m + offset, j + sign·n + offset] kernel[m, n] over the outputs
    where every read is inside the image (the formula as written, by plain loops)."""
    kr, kc = kernel.shape
    rows = [i for i in range(-20, 20) if all(0 <= i + sign * m + offset < image.shape[0] for m in range(kr))]
    cols = [j for j in range(-20, 20) if all(0 <= j + sign * n + offset < image.shape[1] for n in range(kc))]
    return np.array([[sum(image[i + sign * m + offset, j + sign * n + offset] * kernel[m, n]
                          for m in range(kr) for n in range(kc)) for j in cols] for i in rows])


def truth(sign, offset=0):
    """"cross" when the written formula is torch's cross-correlation, "true" when it is torch's
    cross-correlation with the kernel turned by 180 degrees."""
    got = loop(IMAGE, KERNEL, sign, offset)
    if np.array_equal(got, torch_corr(IMAGE, KERNEL)):
        return "cross"
    assert np.array_equal(got, torch_corr(IMAGE, KERNEL[::-1, ::-1]))
    return "true"


@pytest.mark.parametrize("latex, kind, sign, offset", [
    (r"(I \otimes K)_{ij} = \sum_{m = 0}^{k_1 - 1} \sum_{n = 0}^{k_2 - 1} I(i+m, j+n)K(m,n)", "corr", 1, 0),
    (r"(I \ast K)_{ij} &= \sum_{m = 0}^{k_1 - 1} \sum_{n = 0}^{k_2 - 1} I(i-m, j-n)K(m,n) \tag {2}", "star", -1, 0),
    (r"(X * W)[i,j] = \sum_{h} \sum_{w} X[i-h, j-w] \cdot W[h,w]", "star", -1, 0),
    (r"(X \star W)[i,j] = \sum_{h} \sum_{w} X[i+h, j+w] \cdot W[h,w]", "corr", 1, 0),
    (r"O(i,j)=(I\star K) (i,j)=\sum_{u=1}^p\sum_{v=1}^qI(i+u-1,j+v-1)K(u,v)", "corr", 1, 0),
    (r"(A \circledast B)_{i,j} = \sum_{p}\sum_{q} A_{i-p,j-q} B_{p,q}", "conv", -1, 0),
])
def test_definitions_read_in_the_convention_their_formula_computes(latex, kind, sign, offset):
    assert definition(latex) == (kind, truth(sign, offset))


def test_one_dimensional_definition():
    f, g = RNG.integers(-3, 4, 6).astype(float), RNG.integers(-3, 4, 3).astype(float)
    written = [sum(f[m] * g[n - m] for m in range(6) if 0 <= n - m < 3) for n in range(8)]
    assert np.array_equal(written, np.convolve(f, g))          # numpy's convolve flips: a true convolution
    assert definition(r"(f * g)[n] = \sum_{m} f[m]g[n-m]") == ("star", "true")


@pytest.mark.parametrize("latex", [
    r"(I \ast K)_{ij} = I_{ij} K_{ij}",                               # no sum
    r"Y_{ij} = \sum_m \sum_n X_{i+m,j+n} K_{m,n}",                    # a forward, not an operator
])
def test_displays_that_define_no_operator(latex):
    assert definition(latex) is None


@pytest.mark.parametrize("latex", [
    r"(H \otimes F)[i,j] = \sum_u \sum_v H[u,v] F[i+u,j+v]",        # slides the first over the second
    r"(I * K)_{ij} = \sum_m \sum_n I(i+m, j+n)K(M-1-m, N-1-n)",      # a flipped read of the kernel
    r"(I \ast K)_{ij} = \sum_{m} \sum_{n} I(i+m, j-n) K(m,n)",       # mixed signs
    r"(I \ast K)_{ij} = \sum_{m}\sum_{n} K_{m,n} I_{i+m, j+n} + b",   # a bias inside the operator
    r"(I \star K)_{ij} = \sum_{m} I_{i+m, j+n} K_{m,n}",              # n is not summed
    r"O(i,j)=(I\star K)(i,j)=\frac{1}{pq}\sum_{u=1}^p\sum_{v=1}^q I(i+u-1,j+v-1)K(u,v)",   # an average
    r"(I \star K)_{ij} = \frac{1}{2}\sum_{m,n} I_{i+m, j+n} K_{m,n}",   # one sum over both, scaled
    r"(I \star K)_{ij} = -\sum_{m}\sum_{n} I_{i+m, j+n} K_{m,n}",      # a sign
])
def test_definitions_of_neither_convention_are_unread(latex):
    kind, conv = definition(latex)
    assert conv.startswith(UNREAD) and " ".join(latex.split("=")[0].split()) in conv


def test_two_definitions_that_disagree_are_both():
    assert operator_definitions([r"(I \ast K)_{ij} = \sum_{m}\sum_{n} I(i-m, j-n)K(m,n)",
                                 r"(I \ast K)_{ij} = \sum_{m}\sum_{n} K_{m,n} I_{i+m, j+n}"]) == {"star": "both"}


def defined_by_loops(image, kernel, scale=1.0, stride=1, dilation=1, swapped=False):
    """scale · Σ_m Σ_n image[stride·i + dilation·m, stride·j + dilation·n] kernel[m, n] (kernel[n, m]
    when ``swapped``) over the outputs whose reads all fall inside the image: the page's formula as written."""
    kr, kc = kernel.shape
    read = kernel.T if swapped else kernel
    rows = [i for i in range(20) if stride * i + dilation * (kr - 1) < image.shape[0]]
    cols = [j for j in range(20) if stride * j + dilation * (kc - 1) < image.shape[1]]
    return scale * np.array([[sum(image[stride * i + dilation * m, stride * j + dilation * n] * read[m, n]
                                  for m in range(kr) for n in range(kc)) for j in cols] for i in rows])


# how several authors write an operator that is not a bare cross-correlation or true convolution:
# an average (1/k², 1/2), a kernel read transposed, a stride written into the index, a dilation ("à trous")
NOT_A_CONVENTION = [
    (r"(X \star W)[i,j] = \frac{1}{2} \sum_{h} \sum_{w} X[i+h, j+w] \cdot W[h,w]", dict(scale=0.5)),
    (r"(X \star W)_{ij} = \frac{1}{4}\sum_{m=0}^{1}\sum_{n=0}^{1} X_{i+m,j+n} W_{m,n}", dict(scale=0.25)),
    (r"(X \star W)[i,j] = \sum_{h} \sum_{w} X[i+h, j+w] \cdot W[w,h]", dict(swapped=True)),
    (r"(X \star W)[i,j] = \sum_{h} \sum_{w} X[2i+h, 2j+w] \cdot W[h,w]", dict(stride=2)),
    (r"(X \star W)(i,j) = \sum_{m}\sum_{n} X(2 i + m, 2 j + n)\, W(m,n)", dict(stride=2)),
    (r"(X \star W)[i,j] = \sum_{h} \sum_{w} X[i+2h, j+2w] \cdot W[h,w]", dict(dilation=2)),
    (r"(X \star W)_{i,j} = \sum_{m}\sum_{n} W_{m,n} X_{i+2m,j+2n}", dict(dilation=2)),
]


@pytest.mark.parametrize("latex,form", NOT_A_CONVENTION)
def test_an_operator_defined_otherwise_is_never_read_as_cross_correlation(latex, form):
    """The red-team's pages: ∂L/∂W = X ⋆ ∂L/∂Y holds for torch's ⋆ (a cross-correlation) but not for
    the ⋆ the page defines (plain loops); the claim is left unchecked, naming the definition."""
    x, w = RNG.integers(-3, 4, (6, 6)).astype(float), RNG.integers(-3, 4, (2, 2)).astype(float)
    dw, dy = _grads(x, w)
    assert np.array_equal(dw, torch_corr(x, dy))
    as_defined = defined_by_loops(x, dy, **form)
    assert as_defined.shape != dw.shape or not np.array_equal(as_defined, dw)   # the claim is false as written
    page = PAGE.replace(PAGE[PAGE.index("$$(X * W)"):PAGE.index("The layer")], f"$${latex}$$\n\n")
    report = check_text(page.replace("{directive}", "<!-- symbp: layer=conv2d input=6x6 kernel=2x2 names: "
                                     "X=input W=kernel Y=output L=loss -->").replace("{{", "{").replace("}}", "}"), "md")
    corr = next(c for c in report.claims if r"X \star \frac" in c.latex)
    assert corr.verdict == "unchecked", corr.detail
    assert "neither a cross-correlation nor a true convolution" in corr.detail


@pytest.mark.parametrize("latex", [
    r"(X \star W)[i,j] = \sum_{h=0}^{1} \sum_{w=0}^{1} X[i+h, j+w] \, W[h,w]",
    r"(X \star W)_{i,j} = \sum\limits_{m}\sum\limits_{n} W_{m,n} \cdot X_{i+m,j+n}",
    r"(X \star W)(i,j) = \sum_{u=1}^{2}\sum_{v=1}^{2} X(i+u-1, j+v-1) \times W(u,v).",
    r"(X \star W)_{ij} = \displaystyle\sum_{m,n} X_{i+m,j+n} W_{m,n}",
])
def test_a_bare_cross_correlation_is_still_read(latex):
    x, w = RNG.integers(-3, 4, (6, 6)).astype(float), RNG.integers(-3, 4, (2, 2)).astype(float)
    assert np.array_equal(defined_by_loops(x, w), torch_corr(x, w))
    assert definition(latex) == ("corr", "cross")


LAYERS = r"""# Two layers

## Layer 1

$$x^{1}_{i,j} = \sum_{m}\sum_{n} w^{1}_{m,n} o^{0}_{i-m,j-n} + b^{1}$$

## Layer 2

<!-- symbp: layer=conv2d input=5x5 kernel=2x2 conv=cross index_base=0 names: o^{1}=input w^{2}=kernel x^{2}=output E=loss -->

$$\frac{\partial E}{\partial w^{2}_{m',n'}} = \sum_{i}\sum_{j} \frac{\partial E}{\partial x^{2}_{i,j}} o^{1}_{i+m',j+n'}$$

$$\frac{\partial E}{\partial w^{2}_{m',n'}} = \sum_{i}\sum_{j} \frac{\partial E}{\partial x^{2}_{i,j}} o^{1}_{i-m',j-n'}$$
"""


@pytest.mark.parametrize("label", ["{1}", "{(1)}", "{[1]}"])
def test_a_forward_written_for_layer_1_is_not_layer_2s(label):
    """Layer 1 is written as a true convolution; layer 2's directive says cross-correlation (torch's
    conv2d): ∂E/∂w_{m',n'} = Σ δ_{i,j} o_{i+m',j+n'} holds there (torch autograd), the flipped one not."""
    x, w = RNG.integers(-3, 4, (5, 5)).astype(float), RNG.integers(-3, 4, (2, 2)).astype(float)
    dw, dy = _grads(x, w)
    assert all(dw[m, n] == sum(dy[i, j] * x[i + m, j + n] for i in range(4) for j in range(4))
               for m in range(2) for n in range(2))
    assert not all(dw[m, n] == sum(dy[i, j] * x[i - m, j - n] for i in range(4) for j in range(4) if i >= m and j >= n)
                   for m in range(2) for n in range(2))
    page = LAYERS.replace("^{1}", "^" + label).replace("^{0}", "^" + label.replace("1", "0"))
    right, wrong = [c for c in check_text(page, "md").claims if r"\partial w^" in c.latex]
    assert right.verdict == "holds", right.detail
    assert wrong.verdict == "refuted", wrong.detail


def _grads(x, w):
    """(∂L/∂W, ∂L/∂Y) by torch autograd for L = Σ Y ⊙ G (G fixed) with Y = conv2d(X, W)."""
    xt, wt = torch.tensor(x, requires_grad=True), torch.tensor(w, requires_grad=True)
    y = torch.nn.functional.conv2d(xt[None, None], wt[None, None])[0, 0]
    g = torch.tensor(RNG.integers(-3, 4, tuple(y.shape)).astype(float))
    (y * g).sum().backward()
    return wt.grad.numpy(), g.numpy()


PAGE = r"""# Convolution

We define the operators by their entries:

$$(X * W)[i,j] = \sum_{h} \sum_{w} X[i-h, j-w] \cdot W[h,w]$$

$$(X \star W)[i,j] = \sum_{h} \sum_{w} X[i+h, j+w] \cdot W[h,w]$$

The layer computes

$$Y_{i,j} = \sum_{m}\sum_{n} W_{m,n} X_{i+m,j+n}$$

{directive}

$$\frac{{\partial L}}{{\partial W}} = X \star \frac{{\partial L}}{{\partial Y}}$$

$$\frac{{\partial L}}{{\partial W}} = X * \frac{{\partial L}}{{\partial Y}}$$
"""


def _claims(directive: str):
    report = check_text(PAGE.replace("{directive}", directive).replace("{{", "{").replace("}}", "}"), "md")
    return [c for c in report.claims if r"\frac{\partial L}{\partial W} =" in c.latex]


def test_star_read_as_the_page_defines_it():
    x, w = RNG.integers(-3, 4, (4, 4)).astype(float), RNG.integers(-3, 4, (2, 2)).astype(float)
    dw, dy = _grads(x, w)
    assert np.array_equal(dw, torch_corr(x, dy))                          # X ⋆ ∂L/∂Y is the gradient
    assert not np.array_equal(dw, torch_corr(x, dy[::-1, ::-1]))          # X * ∂L/∂Y (defined: true) is not
    corr, star = _claims("<!-- symbp: layer=conv2d input=4x4 kernel=2x2 names: X=input W=kernel Y=output L=loss -->")
    assert corr.verdict == "holds", corr.detail
    assert star.verdict == "refuted", star.detail
    assert "read as the document defines it, true convolution" in star.detail


def test_directive_against_the_definition_is_not_decided_on_a_guess():
    _, star = _claims("<!-- symbp: layer=conv2d input=4x4 kernel=2x2 conv=cross "
                      "names: X=input W=kernel Y=output L=loss -->")
    assert star.verdict == "unchecked", star.detail
    assert "defines * by an index formula as true convolution" in star.detail


WRITTEN_BEFORE = r"""# A layer

The convolved input of layer $l$:

$$z_{i,j}^l = \sum_{m}\sum_{n} w_{m,n}^l a_{i+m,j+n}^{l-1} + b^l$$

## Gradients

<!-- symbp: layer=conv2d input=5x6 kernel=2x3 conv=true index_base=0 names: a^{l-1}=input w^l=kernel z^l=output E=loss -->

$$\frac{\partial z_{i,j}^{l}}{\partial w_{m',n'}^l} = a_{i+m',j+n'}^{l-1}$$

$$\frac{\partial z_{i,j}^{l}}{\partial w_{m^{\prime},n^{\prime}}^l} = a_{i-m^{\prime},j-n^{\prime}}^{l-1}$$

$$\frac{\partial z_{i,j}^{l}}{\partial w_{m',n'}^l} = \frac{\partial}{\partial w_{m',n'}^l}\left( \sum_{m} \sum_{n} w_{m,n}^{l}a_{i+m, j+n}^{l-1} + b^l \right)$$
"""


def test_forward_written_before_beats_the_directives_word():
    x, w = RNG.integers(-3, 4, (5, 6)).astype(float), RNG.integers(-3, 4, (2, 3)).astype(float)
    xt, wt = torch.tensor(x), torch.tensor(w, requires_grad=True)
    jac = torch.autograd.functional.jacobian(
        lambda k: torch.nn.functional.conv2d(xt[None, None], k[None, None])[0, 0], wt).numpy()
    rows, cols = jac.shape[:2]
    assert all(jac[i, j, m, n] == x[i + m, j + n] for i in range(rows) for j in range(cols)
               for m in range(2) for n in range(3))
    assert any(jac[i, j, m, n] != x[i - m, j - n] for i in range(rows) for j in range(cols)
               for m in range(2) for n in range(3) if i >= m and j >= n)
    claims = check_text(WRITTEN_BEFORE, "md").claims
    right, wrong, expanded = [c for c in claims if r"\partial z_{i,j}^{l}" in c.latex]
    assert right.verdict == "holds", right.detail
    assert wrong.verdict == "refuted", wrong.detail
    assert expanded.verdict == "holds", expanded.detail


def test_written_definitions_campaign_has_no_false_verdict():
    """A small run of benchmarks/campaign_index_written.py (truth from torch): no false hold, no
    false refutation, no crash, no claim missing from the report."""
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import campaign_index_written
    assert campaign_index_written.main(["--n", "30", "--seed", "5"]) == 0
