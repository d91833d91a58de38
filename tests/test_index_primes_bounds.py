r"""Primed indices and sum bounds written with size letters (issue 12).

How pages write a kernel gradient: the entry differentiated against carries primes
(``w_{m',n'}``, ``w_{m^{\prime},n^{\prime}}``, ``K(u', v')``), the sums over the output run to
sizes named only by letters (``\sum_{i=0}^{H-k_1}``, ``\sum_{i=1}^{m-p+1}``) that the prose ties
to the input and the kernel ("the kernel w is k_1 x k_2", "Let $I$ be an $m\times n$ image ...
a $p\times q$ filter $K$", "the $H \times W$ input").  Truth: torch autograd of conv2d; a wrong
bound's sum is compared with autograd's gradient here, by numpy, before symbp is asked.
"""
import numpy as np
import pytest
import torch

from symbp.check.checker import check_text

RNG = np.random.default_rng(11)


def kernel_grad(x, w):
    """(∂L/∂w, ∂L/∂y) by torch autograd, L = Σ y ⊙ g with y = conv2d(x, w) (cross-correlation)."""
    xt, wt = torch.tensor(x), torch.tensor(w, requires_grad=True)
    y = torch.nn.functional.conv2d(xt[None, None], wt[None, None])[0, 0]
    g = torch.tensor(RNG.integers(-3, 4, tuple(y.shape)).astype(float))
    (y * g).sum().backward()
    return wt.grad.numpy(), g.numpy()


def partial_sum(x, dy, rows, cols, m, n):
    """Σ_{i < rows} Σ_{j < cols} dy[i, j] x[i + m, j + n] (0-based), by loops."""
    return sum(dy[i, j] * x[i + m, j + n] for i in range(rows) for j in range(cols))


def test_truth_of_the_bounds():
    x, w = RNG.integers(-3, 4, (4, 5)).astype(float), RNG.integers(-3, 4, (2, 3)).astype(float)
    dw, dy = kernel_grad(x, w)
    full = [[partial_sum(x, dy, 3, 3, m, n) for n in range(3)] for m in range(2)]
    short = [[partial_sum(x, dy, 2, 2, m, n) for n in range(3)] for m in range(2)]
    assert np.array_equal(dw, full) and not np.array_equal(dw, short)


ZERO_BASED = r"""# Backpropagation in a convolution layer

The input of layer $l$ is {input_words}; the kernel {kernel_words}. The layer computes

$$x_{{i,j}}^l = \sum_{{m}}\sum_{{n}} w_{{m,n}}^l o_{{i+m,j+n}}^{{l-1}} + b^l$$

## Gradient of the kernel

$$\frac{{\partial E}}{{\partial w_{{{mp},{np}}}^l}} = \sum_{{i=0}}^{{H-k_1}} \sum_{{j=0}}^{{W-k_2}} \frac{{\partial E}}{{\partial x_{{i,j}}^{{l}}}} \frac{{\partial x_{{i,j}}^{{l}}}}{{\partial w_{{{mp},{np}}}^l}}$$

$$\frac{{\partial E}}{{\partial w_{{{mp},{np}}}^l}} = \sum_{{i=0}}^{{H-k_1}} \sum_{{j=0}}^{{W-k_2}} \frac{{\partial E}}{{\partial x_{{i,j}}^{{l}}}} o_{{i+{mp},j+{np}}}^{{l-1}}$$

$$\frac{{\partial E}}{{\partial w_{{{mp},{np}}}^l}} = \sum_{{i=0}}^{{H-k_1-1}} \sum_{{j=0}}^{{W-k_2-1}} \frac{{\partial E}}{{\partial x_{{i,j}}^{{l}}}} o_{{i+{mp},j+{np}}}^{{l-1}}$$
"""


@pytest.mark.parametrize("mp, np_", [("m'", "n'"), (r"m^{\prime}", r"n^{\prime}"), ("{m'}", "{n'}")])
@pytest.mark.parametrize("input_words, kernel_words", [
    ("H x W", "w is k_1 x k_2"),
    (r"$H \times W$", r"$w$ is $k_1 \times k_2$"),
    (r"of size $H \times W$", r"has size $k_1 \times k_2$"),
])
def test_zero_based_primes_and_letter_bounds(mp, np_, input_words, kernel_words):
    doc = ZERO_BASED.format(input_words=input_words, kernel_words=kernel_words, mp=mp, np=np_)
    chain, closed, short = [c for c in check_text(doc, "md").claims if r"\frac{\partial E}" in c.latex[:20]]
    assert chain.verdict == "holds", chain.detail
    assert closed.verdict == "holds", closed.detail
    assert short.verdict == "refuted", short.detail


ONE_BASED = r"""# Derivatives across a convolution step

Let $I$ be an $m\times n$ image on which a $p\times q$ filter $K$ is used to produce output $O$:

$$O(i,j)=\sum_{u=1}^p\sum_{v=1}^q I(i+u-1,j+v-1)K(u,v)$$

$$\frac{\partial L}{\partial K(u',v')} = \sum_{i=1}^{m-p+1}\sum_{j=1}^{n-q+1} \frac{\partial L}{\partial O(i,j)} I(i+u'-1,j+v'-1)$$

$$\frac{\partial L}{\partial K(u',v')} = \sum_{i=1}^{m-p}\sum_{j=1}^{n-q} \frac{\partial L}{\partial O(i,j)} I(i+u'-1,j+v'-1)$$
"""


def test_one_based_calls_with_primes_and_letter_bounds():
    right, short = [c for c in check_text(ONE_BASED, "md").claims if r"\partial K(u',v')" in c.latex]
    assert right.verdict == "holds", right.detail
    assert short.verdict == "refuted", short.detail


def test_width_letter_that_names_the_weight_is_not_a_size():
    """W the kernel's name and W in "H x W": the letter is not read as the input's width."""
    doc = r"""# A layer

The input $X$ is $H \times W$. The layer computes

$$Y_{i,j} = \sum_{m}\sum_{n} W_{m,n} X_{i+m,j+n}$$

$$\frac{\partial L}{\partial W_{a,b}} = \sum_{i=0}^{H-2} \sum_{j=0}^{W-2} \frac{\partial L}{\partial Y_{i,j}} X_{i+a,j+b}$$
"""
    claim = [c for c in check_text(doc, "md").claims if r"\partial W_{a,b}" in c.latex][0]
    assert claim.verdict != "holds", claim.detail


LAYERS = r"""# A convolution layer with channels

{directive}

$$
\begin{{align}}
&a^l_{{d,i,j}} = \sum_{{c=0}}^{{1}}\sum_{{m=0}}^{{1}}\sum_{{n=0}}^{{1}} K^{{l}}_{{d,c,m,n}} a^{{l-1}}_{{c,i+m,j+n}} + b^{{l}}_d  & i \in [0,H^l-1], j\in [0,W^l-1] \tag 1
\end{{align}}
$$

$$
\begin{{align}}
&\frac {{\partial L}} {{\partial K^{{l}}_{{d,c,m,n}}}} = \sum_i \sum_j \frac {{\partial L}} {{\partial a^l_{{d,i,j}}}} * \frac {{\partial a^l_{{d,i,j}}}} {{\partial K^{{l}}_{{d,c,m,n}}}} &// the chain rule \\
&= \sum_i \sum_j \delta^l_{{d,i,j}} * a^{{l-1}}_{{c,i+m,j+n}} \tag 2
\end{{align}} \\
$$

$$\frac {{\partial L}} {{\partial K^{{l}}_{{d,c,m,n}}}} = \sum_i \sum_j \delta^l_{{d,i,j}} * a^{{l-1}}_{{c,i+n,j+m}}$$

$$\frac {{\partial L}} {{\partial b^{{l}}_d}} =\sum_i \sum_j \delta^l_{{d,i,j}}  \tag 3$$

$$\frac {{\partial L}} {{\partial K^{{l}}_{{d,c,m,n}}}} = \sum_i \sum_j \delta^l_{{d,i,j}} \frac {{\partial ( \sum_{{c=1}}^{{2}}\sum_{{m=0}}^{{1}} \sum_{{n=0}}^{{1}} K^{{l}}_{{d,c,m,n}} a^{{l-1}}_{{c,i+m,j+n}} + b^{{l}}_d )}} {{\partial K^{{l}}_{{d,c,m,n}}}}$$
"""
DIRECTIVE = ("<!-- symbp: layer=conv2d input=4x5 kernel=2x2 channels=2,3 conv=cross index_base=0 names: "
             "a^{l-1}=input K^{l}=kernel a^l=output L=loss layout: a^{l-1}=CHW K^{l}=OIHW a^l=CHW -->")


def test_one_letter_for_two_layers_channels_and_row_comments():
    """a^{l-1} the input and a^l the output (no activation between), Σ over channels, rows of an
    align with a "//" comment and \\tag; * between two numbers is their product."""
    x = RNG.integers(-3, 4, (2, 4, 5)).astype(float)
    k = RNG.integers(-3, 4, (3, 2, 2, 2)).astype(float)
    xt, kt, bt = torch.tensor(x), torch.tensor(k, requires_grad=True), torch.zeros(3, dtype=torch.float64, requires_grad=True)
    y = torch.nn.functional.conv2d(xt[None], kt, bt)[0]
    g = torch.tensor(RNG.integers(-3, 4, tuple(y.shape)).astype(float))
    (y * g).sum().backward()
    dk, gn = kt.grad.numpy(), g.numpy()
    rows, cols = gn.shape[1:]
    written = np.array([[[[sum(gn[d, i, j] * x[c, i + m, j + n] for i in range(rows) for j in range(cols))
                           for n in range(2)] for m in range(2)] for c in range(2)] for d in range(3)])
    swapped = np.array([[[[sum(gn[d, i, j] * x[c, i + n, j + m] for i in range(rows) for j in range(cols))
                           for n in range(2)] for m in range(2)] for c in range(2)] for d in range(3)])
    assert np.array_equal(dk, written) and not np.array_equal(dk, swapped)
    assert np.array_equal(bt.grad.numpy(), gn.sum(axis=(1, 2)))
    claims = [c for c in check_text(LAYERS.format(directive=DIRECTIVE), "md").claims
              if r"\partial L" in c.latex or c.latex.lstrip().startswith("=")]
    chain, closed, wrong, bias, mixed = claims
    assert chain.verdict == "holds", chain.detail
    assert closed.verdict == "holds", closed.detail
    assert wrong.verdict == "refuted", wrong.detail
    assert bias.verdict == "holds", bias.detail
    assert mixed.verdict == "unchecked" and "mixed index base" in mixed.detail, mixed.detail


def test_plane_size_phrases():
    """Which phrases bind a plane's sizes (the meaning of the words, read by hand)."""
    from symbp.check.doc_axis_prose import prose_axis_sizes, sizes_not_named
    assert prose_axis_sizes("The H x W input map x is slid over") == {"H": ("input", "H"), "W": ("input", "W")}
    assert prose_axis_sizes(r"Let $I$ be an $m\times n$ image") == {"m": ("input", "H"), "n": ("input", "W")}
    assert prose_axis_sizes("a k x k kernel") == {"k": ("kernel", "H")}
    assert prose_axis_sizes("the input is H x W x 3") == {}           # one factor of three: no plane
    assert prose_axis_sizes("for x in range(3): y = 2 x n") == {}
    axes = prose_axis_sizes("The input X is H x W and a k x k kernel")
    assert "W" not in sizes_not_named(axes, {"W": "kernel"})          # W the weight is not a width
    assert "W" in sizes_not_named(axes, {"w": "kernel", "W": "kernel"})   # ∂E/∂W of the entries w_{m,n}
    assert "k" not in sizes_not_named(axes, {"x": "input"}, "pool-avg")  # a pooling window is not that kernel


WHOLE_W = r"""# A layer

The input $x$ is $H \times W$, the kernel $w$ is $k_1 \times k_2$.

$$z_{i,j} = \sum_{m}\sum_{n} w_{m,n} x_{i+m,j+n}$$

$$\frac{\partial E}{\partial W} = x \star \frac{\partial E}{\partial z}$$

$$\frac{\partial E}{\partial w_{m',n'}} = \sum_{i=0}^{H-k_1} \sum_{j=0}^{W-k_2} \frac{\partial E}{\partial z_{i,j}} x_{i+m',j+n'}$$
"""


def test_width_letter_beside_a_whole_lowercase_kernel():
    """∂E/∂W names the whole tensor of the entries w_{m,n}: W in the bounds is still the width."""
    claim = [c for c in check_text(WHOLE_W, "md").claims if r"w_{m',n'}" in c.latex][0]
    assert claim.verdict == "holds", claim.detail
