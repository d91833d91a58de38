r"""Round 55: a dense layer's entries written up to a size letter (``X^T = [x_{11} \cdots x_{M1}]``,
``w_{DN}``) give no sizes (section_scan.letter_sized_letters: their largest numbers, 1, had made a 1x1
layer, where every index order holds), and ``\centerdot`` read as the product it is
(``y_{ij} = \sum_k x_{ik} \centerdot w_{kj}``; index_tree).  Truth from torch autograd (float64), never
from symbp."""
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)


def _verdict(page: str, claim: str) -> str:
    found = [c.verdict for c in check_text(page, "md", time_limit=10).claims if claim.strip() in c.latex]
    assert found, claim
    return found[-1]


def _dense_truth(form, wrt: str) -> str:
    """Whether ∂L/∂x_{ij} (``wrt`` "x") or ∂L/∂w_{ij} ("w") of Y = XW, L = Σ G ⊙ Y + Σ Y³ (X M x D, W D x N),
    equals ``form(X, W, ∂L/∂Y, i, j)`` (0-based i, j) at every entry, at three unequal sizes (torch autograd)."""
    torch.manual_seed(5)
    for m, d, n in ((3, 4, 2), (2, 3, 4), (4, 2, 3)):
        x, w, g = torch.randn(m, d, requires_grad=True), torch.randn(d, n, requires_grad=True), torch.randn(m, n)
        y = x @ w
        y.retain_grad()
        ((g * y).sum() + (y ** 3).sum()).backward()
        want, dy = (x.grad if wrt == "x" else w.grad), y.grad
        for i in range(want.shape[0]):
            for j in range(want.shape[1]):
                try:
                    got = form(x.detach(), w.detach(), dy, i, j)
                except (IndexError, RuntimeError):
                    return "refuted"
                if abs(float(got) - float(want[i, j])) > 1e-9:
                    return "refuted"
    return "holds"


_MATRICES = r"""# Dense layer

Take $$X\in { {R}^{M\times D}}$$, $$W\in { {R}^{D\times N}}$$ and the layer $$Y=XW\in { {R}^{M\times N}}$$,
entry by entry
$${ {y}_{ij}}=\sum\limits_{k=1}^{D}{ { {x}_{ik}}\centerdot { {w}_{kj}}}$$

Transposed:

$${ {X}^{T}}=\left[ \begin{matrix}
   { {x}_{11}} & \cdots  & { {x}_{M1}}  \\
\end{matrix} \right]$$

$${ {W}^{T}}=\left[ \begin{matrix}
   { {w}_{11}} & \cdots  & { {w}_{D1}}  \\
\end{matrix} \right]$$

So

$$%s$$
"""

DENSE_CLAIMS = [
    (r"\frac{\partial L}{\partial { {x}_{ij}}}\text{=}\sum\limits_{\text{k}=1}^{N}{\frac{\partial L}{\partial { {y}_{ik}}}{ {w}_{jk}}}",
     "x", lambda x, w, dy, i, j: sum(dy[i, k] * w[j, k] for k in range(dy.shape[1]))),
    (r"\frac{\partial L}{\partial { {x}_{ij}}}\text{=}\sum\limits_{\text{k}=1}^{N}{\frac{\partial L}{\partial { {y}_{ik}}}{ {w}_{kj}}}",
     "x", lambda x, w, dy, i, j: sum(dy[i, k] * w[k, j] for k in range(dy.shape[1]))),
    (r"\frac{\partial L}{\partial { {w}_{ij}}}=\sum\limits_{m=1}^{M}{\frac{\partial L}{\partial { {y}_{mj}}}{ {x}_{mi}}}",
     "w", lambda x, w, dy, i, j: sum(dy[m, j] * x[m, i] for m in range(dy.shape[0]))),
    (r"\frac{\partial L}{\partial { {w}_{ij}}}=\sum\limits_{m=1}^{M}{\frac{\partial L}{\partial { {y}_{mj}}}{ {x}_{im}}}",
     "w", lambda x, w, dy, i, j: sum(dy[m, j] * x[i, m] for m in range(dy.shape[0]))),
    (r"\frac{\partial L}{\partial X}=\frac{\partial L}{\partial Y}{ {W}^{T}}", "x", lambda x, w, dy, i, j: (dy @ w.T)[i, j]),
    (r"\frac{\partial L}{\partial X}=\frac{\partial L}{\partial Y}{ {W}}", "x", lambda x, w, dy, i, j: (dy @ w)[i, j]),
]


@pytest.mark.parametrize("claim,wrt,form", DENSE_CLAIMS)
def test_entries_written_up_to_a_size_letter_give_no_sizes(claim, wrt, form):
    """A wrong index order never holds (it held at the 1x1 layer the entries x_{11}, w_{11} made); the right
    one holds at the sizes symbp chooses."""
    verdict, truth = _verdict(_MATRICES % claim, claim), _dense_truth(form, wrt)
    assert verdict == truth or truth == "refuted" and verdict == "unchecked"
    if truth == "holds":
        assert verdict == "holds"


CENTERDOT_ROWS = [
    (r"\frac{\partial { {y}_{in}}}{\partial { {x}_{ij}}}=\frac{\partial \sum\limits_{k=1}^{D}{ { {x}_{ik}}\centerdot "
     r"{ {w}_{kn}}}}{\partial { {x}_{ij}}}=\sum\limits_{k=1}^{D}{\frac{\partial { {x}_{ik}}}{\partial { {x}_{ij}}}"
     r"\centerdot { {w}_{kn}}}", "holds"),
    (r"\frac{\partial { {y}_{in}}}{\partial { {x}_{ij}}}=\frac{\partial \sum\limits_{k=1}^{D}{ { {x}_{ik}}\centerdot "
     r"{ {w}_{kn}}}}{\partial { {x}_{ij}}}=\sum\limits_{k=1}^{D}{\frac{\partial { {x}_{ik}}}{\partial { {x}_{ij}}}"
     r"\centerdot { {w}_{nk}}}", "refuted"),
]


def _row_truth(transposed: bool) -> str:
    """Whether ∂y_{in}/∂x_{ij} = w_{jn} (``transposed``: w_{nj}) for Y = XW at unequal sizes (torch autograd)."""
    torch.manual_seed(7)
    for m, d, n in ((2, 3, 4), (3, 2, 2)):
        x, w = torch.randn(m, d), torch.randn(d, n)
        jac = torch.autograd.functional.jacobian(lambda t: t @ w, x)      # [i, n, i', j]
        for i in range(m):
            for col in range(n):
                for j in range(d):
                    if transposed and (col >= d or j >= n):
                        return "refuted"
                    want = w[col, j] if transposed else w[j, col]
                    if abs(float(jac[i, col, i, j]) - float(want)) > 1e-12:
                        return "refuted"
    return "holds"


@pytest.mark.parametrize("claim,kind", CENTERDOT_ROWS)
def test_centerdot_is_a_product(claim, kind):
    truth, verdict = _row_truth(kind == "refuted"), _verdict(_MATRICES % claim, claim)
    assert verdict == truth or truth == "refuted" and verdict == "unchecked"
    if truth == "holds":
        assert verdict == "holds"


# ---------------------------------------------------------------- an algorithm box's assignments (μ_B ← …)

def _bn_page(hat_row: str, claim: str, directive: bool = True) -> str:
    said = ("<!-- symbp: layer=batchnorm batch=m features=1 names: x=input y=output \\hat{x}=normalized "
            "\\hat{x_i}=normalized \\mu_B=mean \\sigma_B^2=variance \\gamma=scale \\beta=shift L=loss -->\n\n" if directive else "")
    return (f"## Batch normalisation\n\n{said}The mean and the variance of the mini-batch (batch normalization):\n\n"
            "$$\\mu_{B} \\leftarrow \\frac{1}{m} \\sum_{i=1}^{m} x_i$$\n\n"
            "$$\\sigma_B^2 \\leftarrow \\frac{1}{m} \\sum_{i=1}^{m} (x_i-\\mu_B)^2$$\n\n"
            f"The normalisation:\n\n$${hat_row}$$\n\n$$y_i = \\gamma \\hat{{x_i}} + \\beta$$\n\nThen\n\n$${claim}$$\n")


def _bn_truth(inside: bool, form) -> str:
    """Whether ∂L/∂σ_B² (x̂ read through σ² alone, μ held) equals ``form(x, mu, var, eps, gx_hat)`` for
    x̂_i = (x_i - μ)/√(σ² + ε) (``inside``) or (x_i - μ)/(√σ² + ε), L = Σ_i g_i y_i (torch autograd)."""
    torch.manual_seed(3)
    for m in (2, 3, 5):
        x, g, gamma, eps = torch.randn(m), torch.randn(m), 1.7, 0.3
        mu = x.mean()
        var = ((x - mu) ** 2).mean().clone().requires_grad_()
        x_hat = (x - mu) / (torch.sqrt(var + eps) if inside else torch.sqrt(var) + eps)
        (grad,) = torch.autograd.grad((g * (gamma * x_hat)).sum(), var)
        if abs(float(grad) - float(form(x, mu, var.detach(), eps, g * gamma))) > 1e-9:
            return "refuted"
    return "holds"


_DVAR = (r"\frac{\partial L}{\partial \sigma_B^2} = \sum_{i=1}^{m} \frac{\partial L}{\partial \hat{x_i}} \cdot (x_i - \mu_B) \cdot "
         r"\frac{-1}{2}( \sigma_B^2 + \epsilon)^{-3/2}")
_DVAR_FORM = lambda x, mu, var, eps, gx: (gx * (x - mu)).sum() * -0.5 * (var + eps) ** -1.5     # noqa: E731
_HAT_ROWS = [
    (r"\hat{x_i} \leftarrow \frac{x_i-\mu_B}{\sqrt{\sigma_B^2} + \epsilon}", False),
    (r"\hat{x_i} \leftarrow \frac{x_i-\mu_B}{\sqrt{\sigma_B^2 + \epsilon}}", True),
    (r"\hat{x_i} \gets \frac{x_i-\mu_B}{\sqrt{\sigma_B^2} + \epsilon}", False),
    (r"\hat{x_i} := \frac{x_i-\mu_B}{\sqrt{\sigma_B^2} + \epsilon}", False),
    (r"\hat{x_i} \stackrel{def}{=} \frac{x_i-\mu_B}{\sqrt{\sigma_B^2 + \epsilon}}", True),
    (r"\hat{x_i} \triangleq \frac{x_i-\mu_B}{\sqrt{\sigma_B^2} + \epsilon}", False),
]


@pytest.mark.parametrize("hat_row,inside", _HAT_ROWS)
@pytest.mark.parametrize("directive", [True, False])
def test_an_assignment_defines_the_page_own_forward(hat_row, inside, directive):
    """The page's own x̂ row, written as an algorithm's step, is its forward: with ε outside the root, the
    standard ∂L/∂σ² is refuted (it held against the directive's standard forward, ε inside)."""
    truth = _bn_truth(inside, _DVAR_FORM)
    assert _verdict(_bn_page(hat_row, _DVAR, directive), _DVAR) == truth


@pytest.mark.parametrize("hat_row", [
    r"\hat{x_i} \leftarrow \frac{x_i-\mu_B}{\sqrt[3]{\sigma_B^2 + \epsilon}}",
    r"\hat{x_i} \leftarrow \frac{x_i-\mu_B}{\left| \sigma_B \right| + \epsilon}",
    r"\hat{x_i} = \frac{x_i-\mu_B}{\operatorname{std}(x) + \epsilon}",
    r"\hat{x_i} \mapsto \frac{x_i-\mu_B}{\sqrt{\sigma_B^2} + \epsilon}",
    r"\hat{x_i} \equiv \frac{x_i-\mu_B}{\sqrt{\sigma_B^2} + \epsilon}",
])
@pytest.mark.parametrize("directive", [True, False])
def test_a_directive_never_stands_in_for_a_row_the_page_writes(hat_row, directive):
    """A page's x̂ row symbp does not read is no place for the directive's standard forward, nor for the one its
    words ("the mean", "batch normalisation") name: the standard ∂L/∂σ² (true only with ε inside the root, which
    none of these rows is) gets no "holds"."""
    assert _bn_truth(False, _DVAR_FORM) == "refuted"
    assert _verdict(_bn_page(hat_row, _DVAR, directive), _DVAR) != "holds"


def test_an_update_is_no_definition():
    page = ("## Step\n\n$$y = 3 x^2$$\n\n$$x \\leftarrow x - \\eta \\frac{\\partial y}{\\partial x}$$\n\n"
            "$$\\frac{\\partial y}{\\partial x} = 6 x$$\n")
    verdicts = {c.latex: c.verdict for c in check_text(page, "md", time_limit=10).claims}
    assert verdicts[r"x \leftarrow x - \eta \frac{\partial y}{\partial x}"] != "definition"


# ---------------------------------------------------------------- a written-out forward's stride over the prose's

_STRIDE_PAGE = r"""## The convolutional layer

<!-- symbp: layer=conv2d input=3x3 kernel=2x2 conv=cross index_base=1 names: X=input F=kernel O=output L=loss -->

$$
\begin{aligned}
O_{11}&=X_{11}F_{11}+X_{12}F_{12}+X_{21}F_{21}+X_{22}F_{22}\\
O_{12}&=X_{12}F_{11}+X_{13}F_{12}+X_{22}F_{21}+X_{23}F_{22}\\
O_{21}&=X_{21}F_{11}+X_{22}F_{12}+X_{31}F_{21}+X_{32}F_{22}\\
O_{22}&=X_{22}F_{11}+X_{23}F_{12}+X_{32}F_{21}+X_{33}F_{22}
\end{aligned}
$$

### Stride

Moving the filter one step at a time over a 7 x 7 image leaves 5 x 5; moving it two steps (stride 2) leaves
3 x 3. With P zeros of padding on each side the size is

$$
O=1+\frac{N-F+2P}{S}
$$

## Gradients

$$%s$$
"""


def _conv_truth(entry, form) -> str:
    """Whether ∂L/∂X at ``entry`` (1-based) of the valid stride-1 correlation of a 3x3 X with a 2x2 F equals
    ``form(F, dO)`` (1-based access) for L = Σ G ⊙ O (torch autograd)."""
    torch.manual_seed(11)
    x, f, g = torch.randn(1, 1, 3, 3, requires_grad=True), torch.randn(1, 1, 2, 2), torch.randn(1, 1, 2, 2)
    (torch.nn.functional.conv2d(x, f) * g).sum().backward()
    at = lambda t: (lambda i, j: t[0, 0, i - 1, j - 1])     # noqa: E731
    return "holds" if abs(float(x.grad[0, 0, entry[0] - 1, entry[1] - 1]) - float(form(at(f), at(g)))) < 1e-12 else "refuted"


@pytest.mark.parametrize("claim,entry,form", [
    (r"\frac{\partial L}{\partial X_{22}}=\frac{\partial L}{\partial O_{11}} * {F}_{22}+\frac{\partial L}{\partial O_{12}} * {F}_{21}"
     r"+\frac{\partial L}{\partial O_{21}} * {F}_{12}+\frac{\partial L}{\partial O_{22}} * {F}_{11}", (2, 2),
     lambda f, g: g(1, 1) * f(2, 2) + g(1, 2) * f(2, 1) + g(2, 1) * f(1, 2) + g(2, 2) * f(1, 1)),
    (r"\frac{\partial L}{\partial X_{22}}=\frac{\partial L}{\partial O_{22}} * {F}_{11}", (2, 2), lambda f, g: g(2, 2) * f(1, 1)),
    (r"\frac{\partial L}{\partial X_{32}}=\frac{\partial L}{\partial O_{21}} * {F}_{22}+\frac{\partial L}{\partial O_{22}} * {F}_{21}",
     (3, 2), lambda f, g: g(2, 1) * f(2, 2) + g(2, 2) * f(2, 1)),
])
def test_the_written_forward_stride_beats_the_prose(claim, entry, form):
    """The forward written entry by entry moves by one; the prose's "stride 2" (a general remark) does not
    make the layer strided (it did, and refuted the page's true rows)."""
    assert _verdict(_STRIDE_PAGE % claim, claim) == _conv_truth(entry, form)


# ---------------------------------------------------------------- one neuron in the prose, vectors in the claim

def _recursion_truth(transposed: bool) -> str:
    """Whether δ^l = (W^{l+1}[^T] δ^{l+1}) ⊙ σ'(z^l) for z^{l+1} = W^{l+1} σ(z^l) + b, δ = ∂L/∂z, at unequal
    widths (torch autograd; L = Σ G ⊙ z^{l+1} + Σ (z^{l+1})^3)."""
    torch.manual_seed(2)
    for n_l, n_next in ((3, 2), (2, 4)):
        z = torch.randn(n_l, requires_grad=True)
        w, b, g = torch.randn(n_next, n_l), torch.randn(n_next), torch.randn(n_next)
        z_next = w @ torch.tanh(z) + b
        z_next.retain_grad()
        ((g * z_next).sum() + (z_next ** 3).sum()).backward()
        try:
            form = ((w.T if transposed else w) @ z_next.grad) * (1 - torch.tanh(z.detach()) ** 2)
        except RuntimeError:
            return "refuted"
        if form.shape != z.grad.shape or float((form - z.grad).abs().max()) > 1e-9:
            return "refuted"
    return "holds"


_ONE_NEURON = ("## Backpropagation\n\nThe forward pass of one neuron:\n\n$$z = \\mathbf{w}^T \\mathbf{x} + b, \\quad a = \\sigma(z)$$\n\n"
               "### Multi-layer generalization\n\nFor a layer $l$ with $\\mathbf{z}^{(l)} = W^{(l)} \\mathbf{a}^{(l-1)} + \\mathbf{b}^{(l)}$:\n\n"
               "$$%s$$\n")


@pytest.mark.parametrize("claim,transposed", [
    (r"\boldsymbol{\delta}^{(l)} = \left(W^{(l+1)T} \boldsymbol{\delta}^{(l+1)}\right) \odot \sigma'(\mathbf{z}^{(l)})", True),
    (r"\boldsymbol{\delta}^{(l)} = \left(W^{(l+1)} \boldsymbol{\delta}^{(l+1)}\right) \odot \sigma'(\mathbf{z}^{(l)})", False),
    (r"\delta^l = (W^{l+1}^\top \delta^{l+1}) \odot \sigma'(z^l)", True),
    (r"\delta^l = (W^{l+1} \delta^{l+1}) \odot \sigma'(z^l)", False),
])
def test_one_neuron_in_the_prose_does_not_read_a_vector_claim_as_numbers(claim, transposed):
    """The prose's "one neuron" made every layer 1x1, where a missing transpose held: a claim that marks vectors is
    read for vectors too, and where the readings disagree it gets no verdict."""
    truth, verdict = _recursion_truth(transposed), _verdict(_ONE_NEURON % claim, claim)
    assert verdict != ("holds" if truth == "refuted" else "refuted")
    assert _recursion_truth(False) == "refuted" and _recursion_truth(True) == "holds"


def test_a_labelled_forward_still_reads_the_recursion():
    page = "## Backprop\n\n$$z^l = W^l a^{l-1} + b^l, \\quad a^l = \\sigma(z^l)$$\n\n$$%s$$\n"
    for claim, transposed in ((r"\delta^l = (W^{l+1})^\top \delta^{l+1} \odot \sigma'(z^l)", True),
                              (r"\delta^l = W^{l+1} \delta^{l+1} \odot \sigma'(z^l)", False)):
        assert _verdict(page % claim, claim) == _recursion_truth(transposed)


# ---------------------------------------------------------------- a function and its derivative side by side

def _derivative_truth(fn, claimed) -> str:
    """Whether d fn(a)/da = claimed(a) at points away from 0 (torch autograd)."""
    for value in (-2.3, -0.7, 0.4, 1.9):
        a = torch.tensor(value, requires_grad=True)
        (grad,) = torch.autograd.grad(fn(a), a)
        if abs(float(grad) - float(claimed(torch.tensor(value)))) > 1e-9:
            return "refuted"
    return "holds"


_SIG = lambda a: 1 / (1 + torch.exp(-a))     # noqa: E731


@pytest.mark.parametrize("row,fn,claimed", [
    (r"h(a)=\dfrac{1}{1+e^{-a}},\quad h'(a)=h(a)(1-h(a))", _SIG, lambda a: _SIG(a) * (1 - _SIG(a))),
    (r"h(a)=\dfrac{1}{1+e^{-a}},\quad h'(a)=h(a)(1+h(a))", _SIG, lambda a: _SIG(a) * (1 + _SIG(a))),
    (r"h(a)=\dfrac{e^a-e^{-a}}{e^a+e^{-a}},\quad h'(a)=1-h(a)^2", torch.tanh, lambda a: 1 - torch.tanh(a) ** 2),
    (r"h(a)=\dfrac{e^a-e^{-a}}{e^a+e^{-a}},\quad h'(a)=1-h(a)", torch.tanh, lambda a: 1 - torch.tanh(a)),
    ("h(a)=\\max(0,a),\\quad h'(a)=\\left\\{\\begin{array}{lll}\n1,&&a>0\n\\\\\n0,&&\\rm otherwise\n\\end{array}\\right.",
     torch.relu, lambda a: (a > 0).double()),
    ("h(a)=\\max(0,a),\\quad h'(a)=\\left\\{\\begin{array}{lll}\n0,&&a>0\n\\\\\n1,&&\\rm otherwise\n\\end{array}\\right.",
     torch.relu, lambda a: (a <= 0).double()),
])
def test_a_function_and_its_derivative_in_one_display(row, fn, claimed):
    page, claim = f"## Activation\n\n$${row}$$\n", row.split(r",\quad ")[1]
    assert _verdict(page, claim) == _derivative_truth(fn, claimed)


@pytest.mark.parametrize("where", ["mapsto", "power"])
def test_a_row_the_page_writes_elsewhere_keeps_the_standard_forward_out(where):
    """Red team 81: the page's own x̂ written ``\\hat{x} : x_i \\mapsto …``, or its own σ² (a power on the left) in a
    form symbp cannot read: the directive's standard row stands in for neither."""
    page = _bn_page(r"\hat{x}_i \leftarrow \frac{x_i-\mu_B}{\sqrt{\sigma_B^2} + \epsilon}", _DVAR)
    if where == "mapsto":
        page = page.replace(r"$$\hat{x}_i \leftarrow", r"$$\hat{x} : x_i \mapsto")
    else:
        page = page.replace(r"\sigma_B^2 \leftarrow \frac{1}{m} \sum_{i=1}^{m} (x_i-\mu_B)^2",
                            r"\sigma_B^2 \leftarrow \frac{1}{m} \sum_{i=1}^{m} |x_i-\mu_B|^{3}")
    assert page != _bn_page(r"\hat{x}_i \leftarrow \frac{x_i-\mu_B}{\sqrt{\sigma_B^2} + \epsilon}", _DVAR)
    assert _verdict(page, _DVAR) != "holds"
