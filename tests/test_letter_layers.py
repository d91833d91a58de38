"""Two-layer networks whose index letters name the layers (x_i, z_j = b_j + Σ_i x_i w_{ij},
a_j = g(z_j), z_k = b_k + Σ_j a_j w_{jk}, a_k = g(z_k), E = ½ Σ_k (a_k - t_k)²), the textbook
derivation.  Truth from torch autograd (float64) on a network of 3 inputs, 4 hidden and 2
output units, each claim's right side written out here as a plain loop, never from symbp.
"""
import torch

from symbp.check.calc_letter_layers import LetterLayers
from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)
I, J, K = 3, 4, 2


def _network(hidden, output, seed=0):
    g = torch.Generator().manual_seed(seed)
    x, t = torch.randn(I, generator=g), torch.randn(K, generator=g)
    w1, b1 = torch.randn(I, J, generator=g, requires_grad=True), torch.randn(J, generator=g, requires_grad=True)
    w2, b2 = torch.randn(J, K, generator=g, requires_grad=True), torch.randn(K, generator=g, requires_grad=True)
    z1 = b1 + x @ w1
    a1 = hidden(z1)
    z2 = b2 + a1 @ w2
    a2 = output(z2)
    (0.5 * ((a2 - t) ** 2).sum()).backward()
    d = lambda f, z: torch.autograd.functional.jacobian(f, z).diagonal()   # f'(z), entrywise
    return dict(x=x, t=t, w1=w1.detach(), w2=w2.detach(), z1=z1.detach(), a1=a1.detach(), z2=z2.detach(),
                a2=a2.detach(), g1=d(hidden, z1.detach()), g2=d(output, z2.detach()),
                dw1=w1.grad, dw2=w2.grad, db2=b2.grad)


def _loop(n, entry, shape):
    return torch.tensor([[entry(n, p, q) for q in range(shape[1])] for p in range(shape[0])]) \
        if len(shape) == 2 else torch.tensor([entry(n, p) for p in range(shape[0])])


def _delta_k(n, k):
    return (n["a2"][k] - n["t"][k]) * n["g2"][k]


CLAIMS = [   # (row, the gradient it states, its right side entry by entry)
    (r"\frac{\partial E}{\partial w_{jk}} = (a_k - t_k) GK a_j", "dw2", lambda n, j, k: _delta_k(n, k) * n["a1"][j]),
    (r"\frac{\partial E}{\partial w_{jk}} = (a_k - t_k) GK x_j", None, None),          # x has I entries, not J
    (r"\frac{\partial E}{\partial b_k} = (a_k - t_k)GK", "db2", lambda n, k: _delta_k(n, k)),
    (r"\frac{\partial E}{\partial w_{ij}} = \sum_k (a_k - t_k) GK w_{jk} GJ x_i", "dw1",
     lambda n, i, j: sum(_delta_k(n, k) * n["w2"][j, k] for k in range(K)) * n["g1"][j] * n["x"][i]),
    (r"\frac{\partial E}{\partial w_{ij}} = \sum_k (a_k - t_k) GK w_{jk} GJ a_j", "dw1",
     lambda n, i, j: sum(_delta_k(n, k) * n["w2"][j, k] for k in range(K)) * n["g1"][j] * n["a1"][j]),
    (r"\frac{\partial E}{\partial w_{ij}} = \sum_k (a_k - t_k) GK w_{jk} x_i", "dw1",
     lambda n, i, j: sum(_delta_k(n, k) * n["w2"][j, k] for k in range(K)) * n["x"][i]),
]


def _page(activation_rows, prose="", sigma=False):
    gk, gj = (r"\sigma'(z_k)", r"\sigma'(z_j)") if sigma else ("g_k'(z_k)", "g_j'(z_j)")
    rows = "\n".join(f"$$ {row} $$".replace("GK", gk).replace("GJ", gj) for row, _, _ in CLAIMS)
    return rf"""# Backpropagation, two layers

$$ E = \frac{{1}}{{2}} \sum_{{k=1}}^K(a_k - t_k)^2 $$

{prose}

$$ z_j = b_j + \sum_i x_i w_{{ij}} $$
$$ z_k = b_k + \sum_j a_j w_{{jk}} $$
{activation_rows}

{rows}
"""


def _truth(n, which, rhs):
    if which is None:
        return "refuted"
    want = n[which]
    return "holds" if torch.allclose(_loop(n, rhs, tuple(want.shape)), want, atol=1e-12) else "refuted"


def test_the_sigmoid_network_is_checked_across_its_layers():
    n = _network(torch.sigmoid, torch.sigmoid)
    page = _page(r"$$ a_j = \sigma(z_j) $$" + "\n" + r"$$ a_k = \sigma(z_k) $$", "σ is the logistic sigmoid.", sigma=True)
    got = [c.verdict for c in check_text(page, "md").claims if c.verdict != "definition"]
    truth = [_truth(n, which, rhs) for _, which, rhs in CLAIMS]
    assert [g for g, t in zip(got, truth) if t == "holds"] == ["holds"] * 3, (got, truth)
    assert [g for g, t in zip(got, truth) if t == "refuted"] == ["unchecked", "refuted", "refuted"], (got, truth)
    # x_j names the input layer's x with the hidden layer's letter: no tensor of the page, not read


def test_activations_named_per_layer_in_the_prose_hold_for_every_activation():
    # g_j, g_k only in the prose: the true rows hold for tanh and the sigmoid alike, and a row
    # that is false for them is never "holds"
    n = _network(torch.tanh, torch.sigmoid, seed=1)
    page = _page("", r"Each unit's output is $a_j = g_j(z_j)$, and $a_k = g_k(z_k)$ for the outputs.")
    got = [c.verdict for c in check_text(page, "md").claims if c.verdict != "definition"]
    truth = [_truth(n, which, rhs) for _, which, rhs in CLAIMS]
    assert [g for g, t in zip(got, truth) if t == "holds"] == ["holds"] * truth.count("holds"), (got, truth)
    assert all(g != "holds" for g, t in zip(got, truth) if t == "refuted"), (got, truth)


def test_a_letter_reused_as_a_dummy_over_another_layer_is_not_this_convention():
    softmax = [r"p_k = \frac{e^{z_k}}{\sum_j e^{z_j}}", r"z_k = \sum_j w_{kj} x_j", r"z_j = \sum_i v_{ji} x_i"]
    assert not LetterLayers(softmax).active
    primed = [r"z_j = \sum_i x_i w_{ij}", r"z_k = \sum_j a_j w_{jk}", r"p_k = \frac{e^{z_k}}{\sum_{k'} e^{z_{k'}}}"]
    assert not LetterLayers(primed).active              # z_{k'}: which layer is not said
    both_orders = [r"z_j = \sum_i x_i w_{ij}", r"z_k = \sum_j a_j w_{jk}", r"y = w_{kj}"]
    assert not LetterLayers(both_orders).active
    assert LetterLayers([r"z_j = \sum_i x_i w_{ij}", r"z_k = \sum_j a_jw_{jk}"]).active


OUTPUT_FIRST = r"""# Output-first weights, tanh hidden layer, linear output

$$ E = \frac{1}{2} \sum_{k}(y_k - t_k)^2 $$

$$ z_j = \sum_i w_{ji} x_i $$
$$ h_j = \tanh(z_j) $$
$$ z_k = \sum_j w_{kj} h_j $$
$$ y_k = z_k $$

$$ \frac{\partial E}{\partial w_{kj}} = (y_k - t_k) h_j $$
$$ \frac{\partial E}{\partial w_{ji}} = \sum_k (y_k - t_k) w_{kj} (1 - h_j^2) x_i $$
$$ \frac{\partial E}{\partial w_{ji}} = \sum_k (y_k - t_k) w_{kj} (1 - h_j) x_i $$
"""


def _output_first(seed=2):
    g = torch.Generator().manual_seed(seed)
    x, t = torch.randn(I, generator=g), torch.randn(K, generator=g)
    w1, w2 = torch.randn(J, I, generator=g, requires_grad=True), torch.randn(K, J, generator=g, requires_grad=True)
    h = torch.tanh(w1 @ x)
    y = w2 @ h
    (0.5 * ((y - t) ** 2).sum()).backward()
    err = (y - t).detach()
    h = h.detach()
    return [torch.allclose(w2.grad, torch.outer(err, h)),
            torch.allclose(w1.grad, torch.outer((w2.detach().T @ err) * (1 - h ** 2), x)),
            torch.allclose(w1.grad, torch.outer((w2.detach().T @ err) * (1 - h), x))]


def test_output_first_weights_and_a_tanh_hidden_layer():
    truth = ["holds" if t else "refuted" for t in _output_first()]
    got = [c.verdict for c in check_text(OUTPUT_FIRST, "md").claims if c.verdict != "definition"]
    assert got == truth == ["holds", "holds", "refuted"]


def test_a_page_that_breaks_the_convention_gets_no_verdict_from_one_merged_z():
    # the last row writes w_{jk} beside the forward's w_{kj}: the letters are no longer read as
    # layers, and z_j, z_k would be one z: the true rows must not be refuted
    truth = ["holds" if t else "refuted" for t in _output_first()]
    page = OUTPUT_FIRST + r"$$ \frac{\partial E}{\partial w_{ji}} = \sum_k (y_k - t_k) w_{jk} (1 - h_j^2) x_i $$" + "\n"
    got = [c.verdict for c in check_text(page, "md").claims if c.verdict != "definition"]
    assert all(not (g == "refuted" and t == "holds") and not (g == "holds" and t == "refuted")
               for g, t in zip(got, truth)), (got, truth)
    assert "unchecked" in got[:2]
