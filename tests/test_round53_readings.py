r"""Round 53: a loss named by a word (``CE(y, \hat{y}) = -\sum_i y_i \log \hat{y}_i``, ``\text{NLL}``, a divergence
``KL(p, q)``; doc_letters.py), a softmax named with a layer label and a second name (``\hat{y} = a^{(2)} = \mbox{ softmax
}(z^{(2)})``; calc_softmax_said.py) and matrix-form rows beside it (calc_paths.matrix_rows); sizes and strides a page
gives only for a pooling example, forward rows that end open (doc_prose.py, stride_prose.py, doc_padding.py,
section_scan.py, equation_rows.open_end_reason); batch-norm rows with remarks, expectations, ``\mathrm{…}`` displays,
``O_2[i,k]`` (display_wrappers.py, calc_rows.py, calc_tokens.py); MathType's export (display_markup.py); a second
head's own target (calc_verdict.py).  Truth from torch autograd (float64), never from symbp."""
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)


def _verdict(page: str, claim: str) -> str:
    found = [c.verdict for c in check_text(page, "md", time_limit=10).claims if claim.strip() in c.latex]
    assert found, claim
    return found[-1]


def _gradient_truth(closed_form) -> str:
    """Whether ∂(-Σ y_i log softmax(z)_i)/∂z = closed_form(p, y) at one-hot y, by torch autograd."""
    for size, hot in ((2, 0), (3, 2), (5, 1)):
        z = (torch.linspace(-1.3, 0.8, size) ** 3).requires_grad_()
        y = torch.zeros(size)
        y[hot] = 1.0
        loss = -(y * torch.log_softmax(z, 0)).sum()
        (grad,) = torch.autograd.grad(loss, z)
        p = torch.softmax(z, 0).detach()
        if not torch.allclose(grad, closed_form(p, y), atol=1e-12):
            return "refuted"
    return "holds"


RIGHT_SIDES = [(r"\hat{y} - y", lambda p, y: p - y),
               (r"y - \hat{y}", lambda p, y: y - p),
               (r"\frac{1}{2}(\hat{y} - y)", lambda p, y: (p - y) / 2)]


def _word_page(word: str, claim: str) -> str:
    return (f"The output is\n\n$$\n\\hat{{y}} = \\text{{softmax}}(z)\n$$\n\nwith $y$ a one-hot label, and the loss\n\n"
            f"$$\n{word}(y, \\hat{{y}}) = - \\sum_i y_i \\log(\\hat{{y}}_i)\n$$\n\nThen\n\n$$\n{claim}\n$$\n")


@pytest.mark.parametrize("word", ["CE", "NLL", r"\text{XE}", r"\mathrm{CE}"])
@pytest.mark.parametrize("rhs,closed_form", RIGHT_SIDES)
def test_a_loss_named_by_a_word(word, rhs, closed_form):
    claim = rf"\frac{{\partial {word}(y, \hat{{y}})}}{{\partial z}} = {rhs}"
    assert _verdict(_word_page(word, claim), claim) == _gradient_truth(closed_form)


def test_the_word_written_without_its_arguments():
    claim = r"\frac{\partial CE}{\partial z} = y - \hat{y}"
    assert _gradient_truth(RIGHT_SIDES[1][1]) == "refuted"
    assert _verdict(_word_page("CE", claim), claim) == "refuted"


def test_a_call_with_other_arguments_is_not_the_pages_loss():
    r"""``CE(a, y)`` beside ``CE(y, \hat{y}) = …``: the function at other arguments, not the loss; never a verdict
    about the loss."""
    claim = r"\frac{\partial CE(a, y)}{\partial z} = \hat{y} - y"
    assert _verdict(_word_page("CE", claim), claim) == "unchecked"


def test_a_word_defined_twice_otherwise_is_not_renamed():
    page = _word_page("CE", r"\frac{\partial CE(y, \hat{y})}{\partial z} = \hat{y} - y") + \
        "\n$$\nCE(p, q) = - \\sum_i p_i \\log q_i\n$$\n"
    assert _verdict(page, r"\frac{\partial CE(y, \hat{y})}{\partial z} = \hat{y} - y") == "unchecked"


def test_the_truths_cover_both_verdicts():
    assert {_gradient_truth(c) for _, c in RIGHT_SIDES} == {"holds", "refuted"}


# ------------------------------------------------------------------ a labelled softmax over matrix rows
NETWORK = (r"$$" "\nz^{(1)} = W^{(1)}x + b^{(1)}\n$$\n\n$$\na^{(1)} = \\sigma(z^{(1)})\n$$\n\n"
           "$$\nz^{(2)} = W^{(2)}a^{(1)} + b^{(2)}\n$$\n\n$$\n\\hat{y} = a^{(2)} = \\mbox{ softmax }(z^{(2)} )\n$$\n\n"
           "The label $y$ is one-hot and the loss is\n\n$$\nL = - \\sum_{i=1}^{C} y_i \\log(\\hat{y}_i)\n$$\n\n")


@pytest.mark.parametrize("name", [r"\hat{y}", "a^{(2)}"])
@pytest.mark.parametrize("rhs,closed_form", RIGHT_SIDES)
def test_a_softmax_named_twice_with_a_layer_label(name, rhs, closed_form):
    claim = r"\frac{\partial L}{\partial z^{(2)}} = " + rhs.replace(r"\hat{y}", name)
    assert _verdict(NETWORK + f"$$\n{claim}\n$$\n", claim) == _gradient_truth(closed_form)


def _matrix_truth(of: str, closed_form) -> bool:
    """Whether ∂L/∂(a1 or b2) equals closed_form(W2, p, y) for the two-layer network, by torch autograd."""
    torch.manual_seed(3)
    W1, b1, x = torch.randn(4, 3), torch.randn(4), torch.randn(3)
    W2, b2 = torch.randn(3, 4), torch.randn(3)
    a1 = torch.sigmoid(W1 @ x + b1).requires_grad_()
    b2.requires_grad_()
    y = torch.tensor([0.0, 1.0, 0.0])
    loss = -(y * torch.log_softmax(W2 @ a1 + b2, 0)).sum()
    grads = dict(zip(("a", "b"), torch.autograd.grad(loss, (a1, b2))))
    p = torch.softmax(W2 @ a1 + b2, 0).detach()
    return torch.allclose(grads[of], closed_form(W2, p, y), atol=1e-12)


def test_names_behind_a_matrix_row_get_no_verdict_from_the_scalar_reading():
    r"""z^{(2)} = W^{(2)} a^{(1)} + b^{(2)} is read by entry beside the softmax, so its entries are no scalar
    product: the scalar reading makes z^{(2)} a leaf and says nothing of a^{(1)} (∂L/∂a^{(1)} = 0 is false)."""
    assert not _matrix_truth("a", lambda W2, p, y: torch.zeros(4))
    claim = r"\frac{\partial L}{\partial a^{(1)}} = 0"
    assert _verdict(NETWORK + f"$$\n{claim}\n$$\n", claim) != "holds"


def test_a_true_bias_row_behind_a_matrix_row_is_not_refuted():
    assert _matrix_truth("b", lambda W2, p, y: p - y)
    claim = r"\frac{\partial L}{\partial b^{(2)}} = \hat{y} - y"
    assert _verdict(NETWORK + f"$$\n{claim}\n$$\n", claim) != "refuted"


# ------------------------------------------------------------------ sizes a page does not give its convolution
def _conv_input_gradient(size, kernel, at, closed_form) -> bool:
    """Whether ∂J/∂x at the 1-based entry ``at`` of a stride-1 cross-correlation equals closed_form(g, k) (g
    = ∂J/∂y, both 1-based dicts), by torch autograd."""
    torch.manual_seed(5)
    x = torch.randn(1, 1, size, size, requires_grad=True)
    k = torch.randn(1, 1, kernel, kernel)
    y = torch.nn.functional.conv2d(x, k)
    g = torch.randn(y.shape)
    (grad,) = torch.autograd.grad((y * g).sum(), x)
    entry = lambda t: {(i + 1, j + 1): t[0, 0, i, j] for i in range(t.shape[2]) for j in range(t.shape[3])}  # noqa: E731
    return torch.isclose(grad[0, 0, at[0] - 1, at[1] - 1], closed_form(entry(g), entry(k)), atol=1e-12)


POOLED = ("## Pooling\n\nA 4 x 4 image pooled with 2 x 2 windows and stride 2 keeps the largest value of each.\n\n"
          "## Backpropagation\n\n<!-- symbp: layer=conv2d input=4x4 kernel=3x3 index_base=1 names: x=input k=kernel "
          "y=output J=loss -->\n\n$$\n{claim}\n$$\n")
X12 = [(r"\frac{\partial J}{\partial x_{12}} = \frac{\partial J}{\partial y_{11}}k_{12} + \frac{\partial J}{\partial y_{12}}k_{11}",
        lambda g, k: g[1, 1] * k[1, 2] + g[1, 2] * k[1, 1]),
       (r"\frac{\partial J}{\partial x_{12}} = \frac{\partial J}{\partial y_{11}}k_{11} + \frac{\partial J}{\partial y_{12}}k_{12}",
        lambda g, k: g[1, 1] * k[1, 1] + g[1, 2] * k[1, 2])]


@pytest.mark.parametrize("claim,closed_form", X12)
def test_a_pooling_stride_in_the_prose_is_not_the_convolutions(claim, closed_form):
    """The page's only stride number is a pooling example's: the convolution keeps stride 1 (it used to take
    stride 2 and padding 1 from it, and refuted the page's correct rows)."""
    truth = "holds" if _conv_input_gradient(4, 3, (1, 2), closed_form) else "refuted"
    assert _verdict(POOLED.format(claim=claim), claim) == truth


OPEN_ROWS = ("With input X and kernel K, the output Y:\n\n$$\n\\begin{{gather*}}\n"
             "y_{{11}} = x_{{11}}k_{{11}} + x_{{12}}k_{{12}} + x_{{13}}k_{{13}} + {dots}\n\\\\\n"
             "y_{{12}} = x_{{12}}k_{{11}} + x_{{13}}k_{{12}} + x_{{14}}k_{{13}} + {dots}\n\\\\\n"
             "y_{{21}} = x_{{21}}k_{{11}} + x_{{22}}k_{{12}} + x_{{23}}k_{{13}} + {dots}\n\\end{{gather*}}\n$$\n\n"
             "The kernel:\n\n$$\n{claim}\n$$\n")
DK11 = (r"\frac{\partial J}{\partial k_{11}} = \frac{\partial J}{\partial y_{11}}x_{11} + \frac{\partial J}{\partial y_{12}}x_{12}"
        r" + \frac{\partial J}{\partial y_{21}}x_{21} + \frac{\partial J}{\partial y_{22}}x_{22}")


@pytest.mark.parametrize("dots", ["...", r"\dots", r"\cdots"])
def test_a_forward_whose_rows_end_open_gives_no_sizes(dots):
    r"""Rows ``y_{11} = x_{11}k_{11} + x_{12}k_{12} + x_{13}k_{13} + ...`` leave terms out: k_{13} is no kernel
    size.  The kernel row below holds for a 3x3 kernel on a 4x4 input and fails for a 1x3 kernel there (the
    sizes the written subscripts alone give), so no size is guessed: unchecked, with the directive to add."""
    torch.manual_seed(7)
    x = torch.randn(1, 1, 4, 4)
    g = {3: torch.randn(1, 1, 2, 2), 1: torch.randn(1, 1, 4, 2)}
    for kernel, shape in ((3, (3, 3)), (1, (1, 3))):
        k = torch.randn(1, 1, *shape, requires_grad=True)
        (grad,) = torch.autograd.grad((torch.nn.functional.conv2d(x, k) * g[kernel]).sum(), k)
        stated = sum(g[kernel][0, 0, i, j] * x[0, 0, i, j] for i in range(2) for j in range(2))
        assert torch.isclose(grad[0, 0, 0, 0], stated) == (kernel == 3)
    page = OPEN_ROWS.format(dots=dots, claim=DK11)
    found = [c for c in check_text(page, "md", time_limit=10).claims if DK11 in c.latex][-1]
    assert found.verdict == "unchecked" and "input=HxW kernel=KxK" in found.detail


# ------------------------------------------------------------------ a batch-norm derivation with remarks beside its rows
BN_FORWARD = (r"$$" "\n\\begin{align}\n\\mu_B &= \\frac{1}{m}\\sum_{i=1}^{m}x_i \\\\\n"
              "\\sigma_B^2 &= \\frac{1}{m}\\sum_{i=1}^{m}(x_i - \\mu_B)^2 \\\\\n"
              "\\hat{x}_i &= \\frac{x_i - \\mu_B}{\\sqrt{\\sigma_B^2 + \\epsilon}} \\\\\n"
              "y_i &= \\gamma\\hat{x}_i + \\beta\n\\end{align}\n$$\n\n")
INTRO = ("Each feature is normalised,\n\n$$\n\\hat{x}^{(k)} = \\frac{x^{(k)} - E\\big[x^{(k)}\\big]}{\\sqrt{\\text{Var}\\big[x^{(k)}"
         "\\big]}}\n$$\n\nthen scaled and shifted:\n\n$$\ny^{(k)} = \\gamma^{(k)}\\hat{x}^{(k)} + \\beta^{(k)}\n$$\n\n")


def _batch_norm_grads(m: int = 4, eps: float = 0.5):
    """(x, g, γ, ∂L/∂γ, ∂L/∂σ² as the graph's local derivative (μ held), x̂) for L = Σ g_i y_i, by torch autograd."""
    torch.manual_seed(11)
    x, g = torch.randn(m), torch.randn(m)
    gamma = torch.tensor(1.7, requires_grad=True)
    mu = x.mean()
    var = ((x - mu) ** 2).mean().clone().requires_grad_()
    xhat = (x - mu) / torch.sqrt(var + eps)
    d_gamma, d_var = torch.autograd.grad((g * (gamma * xhat + 0.3)).sum(), (gamma, var))
    return x, g, gamma.detach(), d_gamma, d_var, xhat.detach(), mu, var.detach(), eps


REMARK_ROWS = [
    (r"\frac{\partial L}{\partial \gamma} &= \sum_{i = 1}^{m}\hat{x}_i\frac{\partial L}{\partial y_i} &&&& (\text{Because gradients add up at forks})",
     lambda x, g, gm, xh, mu, v, e: (g * xh).sum(), "gamma"),
    (r"\frac{\partial L}{\partial \gamma} &= \sum_{i = 1}^{m}x_i\frac{\partial L}{\partial y_i} &&&& (\text{Because gradients add up at forks})",
     lambda x, g, gm, xh, mu, v, e: (g * x).sum(), "gamma"),
    (r"\frac{\partial L}{\partial \sigma_B^2} &= \frac{-\gamma\cdot t^3}{2}\sum_{i = 1}^{m}\frac{\partial L}{\partial y_i}\cdot(x_i - \mu_B)"
     r" &&&& \boldsymbol{(\text{Let } \frac{1}{\sqrt{\sigma_B^2 + \epsilon}} = t)}",
     lambda x, g, gm, xh, mu, v, e: -gm / 2 * (v + e) ** -1.5 * (g * (x - mu)).sum(), "var"),
    (r"\frac{\partial L}{\partial \sigma_B^2} &= \frac{\gamma\cdot t^3}{2}\sum_{i = 1}^{m}\frac{\partial L}{\partial y_i}\cdot(x_i - \mu_B)"
     r" &&&& \boldsymbol{(\text{Let } \frac{1}{\sqrt{\sigma_B^2 + \epsilon}} = t)}",
     lambda x, g, gm, xh, mu, v, e: gm / 2 * (v + e) ** -1.5 * (g * (x - mu)).sum(), "var"),
]


def _remark_truth(closed_form, of: str) -> str:
    x, g, gamma, d_gamma, d_var, xhat, mu, var, eps = _batch_norm_grads()
    want = {"gamma": d_gamma, "var": d_var}[of]
    return "holds" if torch.isclose(want, closed_form(x, g, gamma, xhat, mu, var, eps), atol=1e-12) else "refuted"


@pytest.mark.parametrize("intro", ["", INTRO])
@pytest.mark.parametrize("claim,closed_form,of", REMARK_ROWS)
def test_remarks_beside_batch_norm_rows(intro, claim, closed_form, of):
    r"""A reason after the row (``&&&& (\text{Because …})``) is dropped, a remark that defines a letter
    (``(\text{Let } \frac{1}{\sqrt{\sigma_B^2 + \epsilon}} = t)``) defines it, and an introduction written with
    expectations (``E[x^{(k)}]``, ``\text{Var}``) is no forward: it does not stop the section's own rows."""
    page = intro + BN_FORWARD + f"$$\n\\begin{{align}}\n{claim}\n\\end{{align}}\n$$\n"
    shown = claim.split("&&&&")[0].replace("&", "").strip()
    found = [c.verdict for c in check_text(page, "md", time_limit=10).claims if c.latex.replace("&", "").startswith(shown[:40])]
    assert found and found[-1] == _remark_truth(closed_form, of)


def test_a_condition_in_parentheses_is_no_reason():
    from symbp.check.display_wrappers import plain_wrappers
    assert "if" in plain_wrappers(r"\frac{\partial y}{\partial x} = 1 \quad (\text{if } x > 0)")
    assert "Because" not in plain_wrappers(r"a = b \quad (\text{Because } \frac{\partial y}{\partial x} = 2x)")
    assert "since" in plain_wrappers(r"\frac{\partial p_i}{\partial z_j} = -p_i p_j \quad (\text{since } i \neq j)")


def test_the_remark_truths_cover_both_verdicts():
    assert {_remark_truth(c, of) for _, c, of in REMARK_ROWS} == {"holds", "refuted"}


# ------------------------------------------------------------------ an upright display and layer digits before brackets
UPRIGHT = ("$$\\mathrm{U[i,k] = e^{S[i,k]}}$$\n\nand\n\n$$\\mathrm{O_2[i,k] = \\frac{U[i,k]}{\\sum_{p=1}^3 U[i,p]}}$$\n\n"
           "$$\nCLAIM\n$$\n")


@pytest.mark.parametrize("rhs,entry", [(r"O_2[i,k] \times (1 - O_2[i,k])", lambda p, i, k: p[k] * (1 - p[k])),
                                       (r"O_2[i,k] \times O_2[i,k]", lambda p, i, k: p[k] * p[k])])
def test_an_upright_display_with_layer_digits_before_brackets(rhs, entry):
    r"""``\mathrm{O_2[i,k] = …}`` is the row inside; ``O_2[i,k]`` is entry (i, k) of layer 2's O."""
    s = torch.tensor([0.3, -1.1, 0.8])
    jac = torch.autograd.functional.jacobian(lambda v: torch.softmax(v, 0), s)
    p = torch.softmax(s, 0)
    truth = "holds" if all(torch.isclose(jac[k, k], entry(p, 0, k)) for k in range(3)) else "refuted"
    claim = r"\frac{\partial O_2[i,k]}{\partial S[i,k]} = " + rhs
    assert _verdict(UPRIGHT.replace("CLAIM", claim), claim) == truth


# ------------------------------------------------------------------ MathType's export
MATHTYPE = "$${ {a}}=\\frac{1}{1+{ {e}^{-z}}}$$\n\nso that\n\n$$\\frac{\\partial a}{\\partial z}\\text{=}CLAIM$$\n"


@pytest.mark.parametrize("rhs,closed_form", [(r"a\left( 1-a \right)", lambda a: a * (1 - a)),
                                             (r"{ {a}^{2}}\left( 1-a \right)", lambda a: a ** 2 * (1 - a))])
def test_mathtype_braced_atoms_and_a_sign_written_as_text(rhs, closed_form):
    r"""MathType writes ``{ {e}^{-z}}`` for e^{-z}, ``{ {f}^{'}}`` for f' and ``\text{=}`` for =."""
    z = torch.linspace(-2.0, 2.0, 9, requires_grad=True)
    a = torch.sigmoid(z)
    (grad,) = torch.autograd.grad(a.sum(), z)
    truth = "holds" if torch.allclose(grad, closed_form(a.detach()), atol=1e-12) else "refuted"
    page = MATHTYPE.replace("CLAIM", rhs)
    found = [c.verdict for c in check_text(page, "md", time_limit=10).claims if rhs in c.latex]
    assert found and found[-1] == truth


def test_mathtype_atoms_are_written_plainly():
    from symbp.check.display_markup import plain_markup
    assert plain_markup(r"{ {b}^{l}} + ro{ {t}_{ { {180}^{\circ }}}}\left\{ { {k}^{l+1}} \right\}{ {f}^{'}}") == \
        r"b^{l} + rot_{180^{\circ }}\left\{ k^{l+1} \right\}f'"


# ------------------------------------------------------------------ red team 77's pages (truth: torch conv2d)
def _input_grad(size, kernel, stride, at, closed_form) -> bool:
    """Whether ∂J/∂x at the 1-based ``at`` of a cross-correlation (no padding) equals closed_form(g, k)."""
    torch.manual_seed(13)
    x = torch.randn(1, 1, size, size, requires_grad=True)
    k = torch.randn(1, 1, kernel, kernel)
    y = torch.nn.functional.conv2d(x, k, stride=stride)
    g = torch.randn(y.shape)
    (grad,) = torch.autograd.grad((y * g).sum(), x)
    entry = lambda t: {(i + 1, j + 1): t[0, 0, i, j] for i in range(t.shape[2]) for j in range(t.shape[3])}  # noqa: E731
    return bool(torch.isclose(grad[0, 0, at[0] - 1, at[1] - 1], torch.as_tensor(closed_form(entry(g), entry(k))), atol=1e-12))


def _conv_page(prose: str, size: int, kernel: int, claims: list) -> str:
    return (f"# A convolution layer\n\n{prose}\n\n<!-- symbp: layer=conv2d input={size}x{size} kernel={kernel}x{kernel} "
            "index_base=1 names: x=input k=kernel y=output J=loss -->\n\nBackpropagation:\n\n" +
            "".join(f"$$\n{c}\n$$\n\n" for c in claims))


def _bad(page: str, claim: str, holds: bool) -> bool:
    """A false hold or a true row refuted."""
    verdict = _verdict(page, claim)
    return verdict == ("refuted" if holds else "holds")


def test_a_stride_said_of_the_convolution_and_the_pooling_is_the_convolutions():
    x12 = r"\frac{\partial J}{\partial x_{12}} = \frac{\partial J}{\partial y_{11}}k_{12} + \frac{\partial J}{\partial y_{12}}k_{11}"
    x33 = (r"\frac{\partial J}{\partial x_{33}} = \frac{\partial J}{\partial y_{11}}k_{33} + \frac{\partial J}{\partial y_{12}}k_{31}"
           r" + \frac{\partial J}{\partial y_{21}}k_{13} + \frac{\partial J}{\partial y_{22}}k_{11}")
    truths = [_input_grad(7, 3, 2, (1, 2), lambda g, k: g[1, 1] * k[1, 2] + g[1, 2] * k[1, 1]),
              _input_grad(7, 3, 2, (3, 3), lambda g, k: g[1, 1] * k[3, 3] + g[1, 2] * k[3, 1] + g[2, 1] * k[1, 3] + g[2, 2] * k[1, 1])]
    assert truths == [False, True]
    for prose in ("Stride 2 is used for the convolution as well as for the max pooling.",
                  "Both the convolution and the pooling after it use stride 2."):
        page = _conv_page(prose, 7, 3, [x12, x33])
        assert not any(_bad(page, c, t) for c, t in zip((x12, x33), truths))


def test_a_padding_the_page_never_speaks_of_is_not_guessed():
    claim = r"\frac{\partial J}{\partial x_{33}} = \frac{\partial J}{\partial y_{22}}k_{22}"
    assert not _input_grad(6, 2, 2, (3, 3), lambda g, k: g[2, 2] * k[2, 2])
    page = _conv_page("The convolution moves the kernel with stride 2 and is followed by a 2 x 2 max pooling.", 6, 2, [claim])
    assert _verdict(page, claim) != "holds"


def test_a_pooling_examples_image_is_not_the_convolutions_input():
    rows = [r"y_{11} = x_{11}k_{11} + x_{12}k_{12} + x_{21}k_{21} + x_{22}k_{22}",
            r"y_{12} = x_{12}k_{11} + x_{13}k_{12} + x_{22}k_{21} + x_{23}k_{22}",
            r"y_{21} = x_{21}k_{11} + x_{22}k_{12} + x_{31}k_{21} + x_{32}k_{22}",
            r"y_{22} = x_{22}k_{11} + x_{23}k_{12} + x_{32}k_{21} + x_{33}k_{22}"]
    claim = r"\frac{\partial J}{\partial x_{13}} = \frac{\partial J}{\partial y_{12}}k_{12}"
    assert _input_grad(3, 2, 1, (1, 3), lambda g, k: g[1, 2] * k[1, 2])
    page = ("# CNN\n\n## Pooling\n\nA 6 x 6 image pooled with 2 x 2 windows and stride 2 gives a 3 x 3 map.\n\n"
            "## Convolution\n\nThe whole output Y (4 entries):\n\n" + "".join(f"$$\n{r}\n$$\n\n" for r in rows) +
            f"Gradients:\n\n$$\n{claim}\n$$\n")
    assert _verdict(page, claim) == "holds"


@pytest.mark.parametrize("dots", [r"\dots", r"\cdots", r"\ldots"])
def test_a_forward_row_that_ends_open_is_not_compared(dots):
    row = rf"y_{{11}} = x_{{11}}k_{{11}} + x_{{12}}k_{{12}} + x_{{13}}k_{{13}} + {dots}"
    page = ("# CNN\n\n<!-- symbp: layer=conv2d input=4x4 kernel=3x3 index_base=1 names: x=input k=kernel y=output J=loss -->"
            f"\n\nSome entries of the output:\n\n$$\n{row}\n$$\n")
    found = [c for c in check_text(page, "md", time_limit=10).claims if row in c.latex][-1]
    assert found.verdict == "unchecked" and "open run" in found.detail


KL = ("With $p$ a one-hot label,\n\n$$\nq = \\text{softmax}(z)\n$$\n\n$$\nKL(p, q) = FORM\n$$\n\n"
      "$$\nCLAIM\n$$\n")
KL_FORMS = [r"\sum_i p_i \log\frac{p_i}{q_i}", r"\sum_i p_i (\log p_i - \log q_i)", r"-\sum_i p_i \log\frac{q_i}{p_i}"]


@pytest.mark.parametrize("form", KL_FORMS)
@pytest.mark.parametrize("rhs,closed_form", [("q - p", lambda q, p: q - p), ("p - q", lambda q, p: p - q)])
def test_a_divergence_named_by_a_word_keeps_its_target(form, rhs, closed_form):
    z = torch.tensor([0.4, -1.3, 0.9], requires_grad=True)
    p = torch.tensor([0.0, 1.0, 0.0])
    q = torch.softmax(z, 0)
    (grad,) = torch.autograd.grad((p * torch.log(torch.where(p > 0, p, torch.ones(3)) / q)).sum(), z)
    holds = bool(torch.allclose(grad, closed_form(q.detach(), p)))
    claim = r"\frac{\partial KL(p, q)}{\partial z} = " + rhs
    assert not _bad(KL.replace("FORM", form).replace("CLAIM", claim), claim, holds)


TWO_HEADS = ("# Two heads\n\n$$\np = \\text{softmax}(z)\n$$\n\nwith one-hot $y$ and the loss\n\n$$\nL = -\\sum_i y_i \\log(p_i)\n$$\n\n"
             "The second head:\n\n$$\nq = \\text{softmax}(u)\n$$\n\nwith one-hot $t$ and\n\n$$\nM = -\\sum_i t_i \\log(q_i)\n$$\n\n"
             "$$\nCLAIM\n$$\n")


@pytest.mark.parametrize("rhs,closed_form", [("q - t", lambda q, t: q - t), ("t - q", lambda q, t: t - q)])
def test_a_second_heads_loss_has_its_own_target(rhs, closed_form):
    """∂M/∂u for M = -Σ t log softmax(u): t is M's target (one-hot), not the first head's y."""
    u = torch.tensor([0.2, -0.9, 1.4], requires_grad=True)
    t = torch.tensor([0.0, 0.0, 1.0])
    (grad,) = torch.autograd.grad(-(t * torch.log_softmax(u, 0)).sum(), u)
    truth = "holds" if torch.allclose(grad, closed_form(torch.softmax(u, 0).detach(), t)) else "refuted"
    claim = r"\frac{\partial M}{\partial u} = " + rhs
    assert _verdict(TWO_HEADS.replace("CLAIM", claim), claim) == truth


# ------------------------------------------------------------------ red team 78's pages (truth: torch autograd)
def _weighted_ce_truth(weights) -> bool:
    """Whether ∂(-Σ y log softmax(z))/∂z = softmax(z) - y at the target ``weights``."""
    z = torch.tensor([0.3, -0.8, 1.1], requires_grad=True)
    y = torch.tensor(weights)
    (grad,) = torch.autograd.grad(-(y * torch.log_softmax(z, 0)).sum(), z)
    return bool(torch.allclose(grad, torch.softmax(z, 0).detach() - y))


@pytest.mark.parametrize("said", ["The softmax output $q$ sums to one.",
                                  "The softmax output $q$ sums to one. The label vector $y$ is arbitrary.",
                                  "# Cross-entropy\n\nHere $y$ holds raw counts (not normalised)."])
def test_a_sum_to_one_said_of_another_letter_is_not_the_targets(said):
    assert _weighted_ce_truth([1.0, 0.0, 0.0]) and not _weighted_ce_truth([2.0, 0.5, 1.0])
    claim = r"\frac{\partial L}{\partial z_j} = q_j - y_j"
    page = (f"{said}\n\n$$\nq_i = \\frac{{e^{{z_i}}}}{{\\sum_k e^{{z_k}}}}\n$$\n\n$$\nL = -\\sum_i y_i \\log q_i\n$$\n\n"
            f"$$\n{claim}\n$$\n")
    assert _verdict(page, claim) != "holds"


@pytest.mark.parametrize("remark,closed_form", [
    (r"(\text{where } i \neq j)", lambda p, i, j: -p[i] * p[j] if i != j else None),
    (r"(\text{with } i = j)", None)])
def test_a_remark_that_states_a_condition_is_kept(remark, closed_form):
    """``-p_i p_j`` holds off the diagonal only; the remark says so: never refuted for all i, j."""
    s = torch.tensor([0.2, -0.4, 0.9])
    jac = torch.autograd.functional.jacobian(lambda v: torch.softmax(v, 0), s)
    p = torch.softmax(s, 0)
    assert all(torch.isclose(jac[i, j], -p[i] * p[j]) for i in range(3) for j in range(3) if i != j)
    assert not torch.isclose(jac[0, 0], -p[0] * p[0])
    claim = r"\frac{\partial p_i}{\partial z_j} = -p_i p_j \quad " + remark
    page = f"$$\np_i = \\frac{{e^{{z_i}}}}{{\\sum_k e^{{z_k}}}}\n$$\n\n$$\n{claim}\n$$\n"
    if closed_form is None:                             # with i = j: -p_i p_i is false on the diagonal too
        assert _verdict(page, claim) != "holds"
    else:
        assert _verdict(page, claim) != "refuted"


def test_a_remark_that_sets_a_forward_letter_is_not_dropped():
    r"""``(\text{Let } \gamma = 1)`` after ``\frac{\partial L}{\partial \hat{x}_i} = \frac{\partial L}{\partial y_i}``: the
    row holds under it (∂L/∂x̂ = γ ∂L/∂y), so it is never refuted at γ = 2."""
    claim = r"\frac{\partial L}{\partial \hat{x}_i} = \frac{\partial L}{\partial y_i} \quad (\text{Let } \gamma = 1)"
    assert _verdict(BN_FORWARD + f"$$\n{claim}\n$$\n", claim) != "refuted"
