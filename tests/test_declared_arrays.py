"""Round thirty-five: lower-case names the prose declares vectors or matrices are no numbers.

``$x$ is a row vector of 3 entries, $w$ a $3\\times 2$ matrix`` above ``z = x w + b``: the scalar reader
read ``x`` and ``w`` as numbers and proved ``∂L/∂w = ∂L/∂z x`` "for scalars", a claim whose shapes
do not even meet (``(1×2)(1×3)``) and whose true form is ``x^T ∂L/∂z``.  A page's own words that a
name is an array take that name out of the scalar reading; where its words call the names numbers,
the scalar reading stands.

Truth: torch autograd on the shapes the page declares, never symbp.
"""
import pytest
import torch

from symbp.check.checker import check_text
from symbp.check.declared_arrays import declared_arrays

torch.set_default_dtype(torch.float64)

FORWARD = "$$z = x w + b$$\n\n$$a = \\sigma(z)$$\n\n"
CLAIMS = [r"\frac{\partial L}{\partial w} = \frac{\partial L}{\partial z} x",
          r"\frac{\partial L}{\partial x} = \frac{\partial L}{\partial z} w",
          r"\frac{\partial L}{\partial w} = x \frac{\partial L}{\partial a} \odot \sigma'(z)"]

DECLARATIONS = [
    r"The input $x$ is a row vector of 3 entries, $w$ a $3\times 2$ matrix; $\sigma$ is the sigmoid.",
    r"Let $x$ and $w$ be a row vector and a matrix; $\sigma$ is the sigmoid.",
    r"The input vector $x$ and the weight matrix $w$; $\sigma$ is the sigmoid.",
    r"Here $x \in \mathbb{R}^{1 \times 3}$ and $w \in \mathbb{R}^{3 \times 2}$; $\sigma$ is the sigmoid.",
    r"输入 $x$ 是行向量, $w$ 是矩阵; $\sigma$ 是 sigmoid.",
    "",                    # no words at all: the page's own ⊙ says its quantities are arrays
]


def _row_vector_layer():
    torch.manual_seed(35)
    x, w, b = torch.randn(1, 3, requires_grad=True), torch.randn(3, 2, requires_grad=True), torch.randn(1, 2)
    z = x @ w + b
    z.retain_grad()
    a = torch.sigmoid(z)
    a.retain_grad()
    torch.sin(a).sum().backward()
    return x, w, z, a


def test_the_claims_are_false_for_the_declared_shapes():
    x, w, z, a = _row_vector_layer()
    assert w.grad.shape == (3, 2) and x.grad.shape == (1, 3)
    assert torch.allclose(w.grad, x.detach().T @ z.grad)                          # the true form: x^T ∂L/∂z
    with pytest.raises(RuntimeError):                                             # ∂L/∂z x: (1×2)(1×3)
        z.grad @ x.detach()
    assert (z.grad.T @ x.detach()).shape != w.grad.shape                         # any order of it: 2×3, not 3×2
    with pytest.raises(RuntimeError):
        z.grad @ w.detach()                                                       # ∂L/∂z w: (1×2)(3×2)


@pytest.mark.parametrize("lead", DECLARATIONS)
def test_names_declared_arrays_are_not_read_as_numbers(lead):
    page = lead + "\n\n" + FORWARD + "".join(f"$${c}$$\n\n" for c in CLAIMS)
    claims = check_text(page, "md").claims
    assert [c.verdict for c in claims[:2]] == ["definition", "definition"]
    assert all(c.verdict != "holds" for c in claims[2:]), [c.detail for c in claims[2:]]


def test_an_elementwise_claim_on_such_a_page_still_holds():
    x, w, z, a = _row_vector_layer()
    assert torch.allclose(z.grad, a.grad * torch.sigmoid(z.detach()) * (1 - torch.sigmoid(z.detach())))
    page = DECLARATIONS[0] + "\n\n" + FORWARD + "".join(f"$${c}$$\n\n" for c in CLAIMS) + \
        "$$\\frac{\\partial L}{\\partial z} = \\frac{\\partial L}{\\partial a} \\odot \\sigma'(z)$$\n"
    assert check_text(page, "md").claims[-1].verdict == "holds"


@pytest.mark.parametrize("lead", [r"The input $x$, the weight $w$ and the bias $b$ are numbers; $\sigma$ is the sigmoid.",
                                  r"One unit: $x$ is a number and $w$ a scalar weight; $\sigma$ is the sigmoid."])
def test_names_the_page_calls_numbers_are_still_read_as_numbers(lead):
    x, w, b = (torch.tensor(v, requires_grad=True) for v in (0.6, -1.1, 0.3))
    z = x * w + b
    z.retain_grad()
    torch.sin(torch.sigmoid(z)).backward()
    assert torch.isclose(w.grad, z.grad * x) and torch.isclose(x.grad, z.grad * w)   # both claims true
    page = lead + "\n\n" + FORWARD + "".join(f"$${c}$$\n\n" for c in CLAIMS[:2])
    assert [c.verdict for c in check_text(page, "md").claims[2:]] == ["holds", "holds"]


@pytest.mark.parametrize("prose, names", [
    (r"Let $x$ and $w$ be vectors.", {"x", "w"}),
    (r"where $x$ is a scalar and $w$ a vector", {"w"}),
    (r"$x$ is the input and $W$ the weight matrix", {"W"}),
    (r"the weight matrices $W$ and $V$, the bias $b$", {"W", "V"}),
    (r"$z \in \mathbb{R}$ and $h \in \mathbb{R}^{1}$ and $g \in \mathbb{R}^{n}$", {"g"}),
    (r"\(\mathbf{h}\) is a hidden vector", {"h"}),
])
def test_which_names_a_sentence_declares(prose, names):
    assert declared_arrays(prose) == names


# red team 39: lower-case vectors declared by their sizes or not at all, products the scalar reading lost
UV_PAGE = ("The input $x$ is 3-dimensional, the hidden layer $h$ has 4 units, the output $p$ has 2; "
           "$u$ is $4\\times 3$ and $v$ is $2\\times 4$.\n\n$$h = \\tanh(u x)$$\n\n$$p = v h$$\n\n"
           "$$L = \\frac{1}{2} (p - t)^2$$\n\n")
UV_CLAIMS = [r"\frac{\partial L}{\partial h} = v (p - t)", r"\frac{\partial L}{\partial h} = (p - t) v",
             r"\frac{\partial L}{\partial v} = (p - t) h", r"\frac{\partial L}{\partial v} = \frac{\partial L}{\partial p} h",
             r"\frac{\partial L}{\partial x} = u (1 - h^2) v (p - t)"]


def test_products_of_vectors_declared_by_their_sizes_are_not_proved_as_numbers():
    torch.manual_seed(39)
    x, u, v, t = torch.randn(3, 1), torch.randn(4, 3), torch.randn(2, 4, requires_grad=True), torch.randn(2, 1)
    h = torch.tanh(u @ x).requires_grad_()
    p = v @ h
    (0.5 * ((p - t) ** 2).sum()).backward()
    assert torch.allclose(h.grad, v.detach().T @ (p - t).detach())          # vᵀ(p - t), not v(p - t)
    assert torch.allclose(v.grad, (p - t).detach() @ h.detach().T)          # (p - t)hᵀ, not (p - t)h
    for bad in (lambda: v.detach() @ (p - t).detach(), lambda: (p - t).detach() @ h.detach()):
        with pytest.raises(RuntimeError):
            bad()                                                           # the claims' shapes do not meet
    claims = check_text(UV_PAGE + "".join(f"$${c}$$\n\n" for c in UV_CLAIMS), "md").claims
    assert all(c.verdict != "holds" for c in claims[3:]), [(c.latex, c.detail) for c in claims[3:]]


def test_the_same_claims_on_a_page_of_numbers_still_hold():
    u, v, x, t = (torch.tensor(a, requires_grad=True) for a in (0.3, -0.8, 1.1, 0.2))
    h = torch.tanh(u * x)
    h.retain_grad()
    p = v * h
    (0.5 * (p - t) ** 2).backward()
    assert torch.isclose(h.grad, v * (p - t)) and torch.isclose(v.grad, (p - t) * h)
    page = ("Every quantity here is a single number: $x$, $u$, $v$, $t$.\n\n$$h = \\tanh(u x)$$\n\n$$p = v h$$\n\n"
            "$$L = \\frac{1}{2} (p - t)^2$$\n\n" + "".join(f"$${c}$$\n\n" for c in UV_CLAIMS[:3]))
    assert [c.verdict for c in check_text(page, "md").claims[3:]] == ["holds"] * 3


# red team 40: vectors said in ways no list of words covers ("3 inputs and 2 outputs", `x ∈ ℝ^3`, shapes
# in code); a page that does not say its names are numbers gets no hold for a product of different shapes
@pytest.mark.parametrize("sentence", ["The layer has 3 inputs and 2 outputs.", "$x ∈ ℝ^3$ and $z ∈ ℝ^2$.",
                                      "In NumPy, `x.shape == (3, 1)` and `w.shape == (2, 3)`.", ""])
def test_a_product_of_different_shapes_holds_only_where_the_page_says_numbers(sentence):
    torch.manual_seed(40)
    w, x, b, y = torch.randn(2, 3), torch.randn(3, 1, requires_grad=True), torch.randn(2, 1), torch.randn(2, 1)
    a = torch.sigmoid(w @ x + b)
    (0.5 * ((a - y) ** 2).sum()).backward()
    slope = ((a - y) * a * (1 - a)).detach()
    assert torch.allclose(x.grad, w.T @ slope)
    with pytest.raises(RuntimeError):
        w @ slope                                        # w (a - y) a(1 - a): (2×3)(2×1)
    page = (sentence + "\n\n$$z = w x + b$$\n\n$$a = \\sigma(z) = \\frac{1}{1 + e^{-z}}$$\n\n"
            "$$L = \\frac{1}{2} (a - y)^2$$\n\n$$\\frac{\\partial L}{\\partial x} = w (a - y) a (1 - a)$$\n")
    assert check_text(page, "md").claims[-1].verdict != "holds"
    said = page.replace(sentence, "A single neuron: $w$, $x$, $b$ are numbers.") if sentence else \
        "A single neuron: $w$, $x$, $b$ are numbers.\n\n" + page
    ws, xs, bs, ys = (torch.tensor(v, requires_grad=True) for v in (0.8, -0.4, 0.1, 0.3))
    a_s = torch.sigmoid(ws * xs + bs)
    (0.5 * (a_s - ys) ** 2).backward()
    assert torch.isclose(xs.grad, ws * (a_s - ys) * a_s * (1 - a_s))    # one unit: the claim is true
    assert check_text(said, "md").claims[-1].verdict == "holds"


SCALAR_NETWORK = r"""## Two layers

Every layer has one unit: $x$, $w_1$, $b_1$, $w_2$, $b_2$ are single numbers.

$$z_1 = w_1 x + b_1$$

$$a_1 = \sigma(z_1)$$

$$z_2 = w_2 a_1 + b_2$$

$$a_2 = \sigma(z_2)$$

$$L = \frac{1}{2} (a_2 - y)^2$$

$$\delta_1 = \frac{\partial L}{\partial z_1}$$

$$\delta_1 = \frac{\partial L}{\partial a_1} \sigma'(z_1)$$
"""


def test_a_page_of_single_numbers_keeps_its_true_delta_from_a_refutation_at_vector_sizes():
    """Red team 39's last correct claim refuted: the numbered-layers reader checked δ_1 = ∂L/∂a_1 σ'(z_1)
    at sizes of its own choosing, where the product of two columns is undefined; the page says its names
    are single numbers, and there the claim is the chain rule (torch)."""
    x, w1, b1, w2, b2, y = (torch.tensor(v, requires_grad=True) for v in (0.4, -1.1, 0.2, 0.7, -0.3, 0.5))
    z1 = w1 * x + b1
    z1.retain_grad()
    a1 = torch.sigmoid(z1)
    a1.retain_grad()
    loss = 0.5 * (torch.sigmoid(w2 * a1 + b2) - y) ** 2
    loss.backward()
    assert torch.isclose(z1.grad, a1.grad * torch.sigmoid(z1) * (1 - torch.sigmoid(z1)))
    assert check_text(SCALAR_NETWORK, "md").claims[-1].verdict != "refuted"


# red team 41: a page that numbers its layers (z_1 = W_1 x + b_1) or says "scalar" of something else is
# no page of numbers where its sizes are given some other way or its forward multiplies by a capital
NUMBERED = (r"$$z_1 = W_1 x + b_1$$" "\n\n" r"$$a_1 = \sigma(z_1)$$" "\n\n" r"$$z_2 = W_2 a_1 + b_2$$" "\n\n"
            r"$$a_2 = \sigma(z_2)$$" "\n\n" r"$$\sigma(t) = \frac{1}{1 + e^{-t}}$$" "\n\n"
            r"$$L = \frac{1}{2} (a_2 - y)^2$$" "\n\n")
LOWER = NUMBERED.replace("W_1", "w_1").replace("W_2", "w_2")
SIZES = ["The input has 3 features, the hidden layer 4 neurons and the output 2 neurons.",
         "| layer | size |\n|---|---|\n| input | 3 |\n| hidden | 4 |\n| output | 2 |",
         "```python\nW1 = np.random.randn(4, 3)\nW2 = np.random.randn(2, 4)\n```",
         "A 3-4-2 architecture; the learning rate is a scalar.",
         "Here $w_1$ holds 12 weights and $w_2$ holds 8; the hidden layer has 4 nodes."]
FALSE_ROWS = [r"\frac{\partial L}{\partial a_1} = {w} (a_2 - y) a_2 (1 - a_2)",
              r"\frac{\partial L}{\partial {W}} = (a_2 - y) a_2 (1 - a_2) a_1"]


def test_the_missing_transposes_are_false_at_the_pages_sizes():
    torch.manual_seed(41)
    x, W1, W2, y = torch.randn(3, 1), torch.randn(4, 3), torch.randn(2, 4, requires_grad=True), torch.randn(2, 1)
    a1 = torch.sigmoid(W1 @ x).requires_grad_()
    a2 = torch.sigmoid(W2 @ a1)
    (0.5 * ((a2 - y) ** 2).sum()).backward()
    g = ((a2 - y) * a2 * (1 - a2)).detach()
    with pytest.raises(RuntimeError):
        W2.detach() @ g                                   # W_2 (a_2 - y) …: (2×4)(2×1)
    assert torch.allclose(a1.grad, W2.detach().T @ g)     # the true row has the transpose
    assert (g @ a1.detach().T).shape == W2.shape and not (g.shape == W2.shape)


@pytest.mark.parametrize("lead", SIZES)
@pytest.mark.parametrize("row", FALSE_ROWS)
def test_numbered_layers_with_sizes_said_otherwise_are_no_numbers(lead, row):
    lower = "w_1" in lead
    page = lead + "\n\n" + (LOWER if lower else NUMBERED) + \
        "$$" + row.replace("{w}", "w_2" if lower else "W_2").replace("{W}", "w_2" if lower else "W_2") + "$$\n"
    assert check_text(page, "md").claims[-1].verdict != "holds"


@pytest.mark.parametrize("lead", ["The layer maps 3 inputs to 2 outputs; the loss $L$ is a scalar.",
                                  "In the scalar case of the last post one weight did; now $x$ has 3 entries.",
                                  "$x$ is not a scalar: it has 3 entries, and the learning rate is a scalar."])
def test_scalar_said_of_something_else_is_no_page_of_numbers(lead):
    page = (lead + "\n\n" r"$$z = W x + b$$" "\n\n" r"$$a = \sigma(z)$$" "\n\n" r"$$\sigma(t) = \frac{1}{1 + e^{-t}}$$"
            "\n\n" r"$$L = \frac{1}{2} (a - y)^2$$" "\n\n" r"$$\frac{\partial L}{\partial x} = W (a - y) a (1 - a)$$" "\n")
    assert check_text(page, "md").claims[-1].verdict != "holds"


def test_a_derivative_order_is_no_layer_label_and_a_named_true_class_is_read():
    page = (r"Here $\sigma^{(n)}$ is the $n$-th derivative of $\sigma$." "\n\n" r"$$\sigma(z) = \frac{1}{1 + e^{-z}}$$"
            "\n\n" r"$$\sigma^{(1)}(z) = \sigma(z)(1 - \sigma(z))$$" "\n")
    z = torch.tensor(0.3, requires_grad=True)
    torch.sigmoid(z).backward()
    assert torch.isclose(z.grad, torch.sigmoid(z) * (1 - torch.sigmoid(z)))      # the claim is true
    assert check_text(page, "md").claims[-1].verdict != "refuted"
    soft = ("There are 3 classes; $c$ is the true class and $y$ its one-hot vector.\n\n"
            r"$$p_j = \frac{e^{z_j}}{\sum_k e^{z_k}}$$" "\n\n" r"$$L = -\sum_j y_j \log p_j$$" "\n\n"
            r"$$\frac{\partial L}{\partial z_c} = p_c - 1$$" "\n")
    logits = torch.randn(3, requires_grad=True)
    torch.nn.functional.cross_entropy(logits[None], torch.tensor([1])).backward()
    assert torch.isclose(logits.grad[1], torch.softmax(logits, 0)[1] - 1)            # true at the true class
    assert check_text(soft, "md").claims[-1].verdict != "refuted"
