r"""Vectors and matrices marked by typeface in fully connected derivations with no directive
(issue 12): ``\mathbf{W}^{(l)}``, ``\boldsymbol{\delta}``, ``\bm{x}``, ``\vec{z}^l``, an
author's own ``\matr{W}``, ``\partial{}C`` / ``\odot{}`` spacing and ``\sigma'{(z)}``, as
several authors write them.  The truth of every claim is torch autograd on a 3-out, 4-in layer
(the identities are generic in the sizes), never symbp; a wrong claim must never hold and a
right one never be refuted."""
import pytest
import torch

from symbp.check.checker import check_text
from symbp.check.fc_typography import plain_typography

torch.set_default_dtype(torch.float64)


def layer_truth():
    """Autograd gradients of C = Σ (σ(z2))² through z = W a_prev + b, a = σ(z), z2 = W2 a + b2,
    and the closed forms the claims below state (right and wrong ones)."""
    torch.manual_seed(0)
    a_prev = torch.randn(4, requires_grad=True)
    W, b = torch.randn(3, 4, requires_grad=True), torch.randn(3, requires_grad=True)
    z = W @ a_prev + b
    z.retain_grad()
    a = torch.sigmoid(z)
    a.retain_grad()
    cost = (torch.sigmoid(torch.randn(2, 3) @ a + torch.randn(2)) ** 2).sum()
    cost.backward()
    delta, d_a = z.grad, a.grad
    s_prime = torch.sigmoid(z.detach()) * (1 - torch.sigmoid(z.detach()))
    same = lambda x, y: x.shape == y.shape and torch.allclose(x, y)     # noqa: E731
    return {
        "dW": same(W.grad, torch.outer(delta, a_prev.detach())),
        "dW_swapped": same(W.grad, torch.outer(a_prev.detach(), delta)),
        "db": same(b.grad, delta),
        "da": same(a_prev.grad, W.detach().T @ delta),
        "da_no_T": W.shape[0] == W.shape[1] and same(a_prev.grad, W.detach() @ delta),
        "delta": same(delta, d_a * s_prime),
        "delta_no_sigma": same(delta, d_a),
    }


TRUTH = layer_truth()

BOLD = (r"$$\mathbf{z}^{(l)} = \mathbf{W}^{(l)} \mathbf{a}^{(l-1)} + \mathbf{b}^{(l)}$$",
        r"$$\mathbf{a}^{(l)} = \sigma(\mathbf{z}^{(l)})$$", {
            "dW": r"\frac{\partial C}{\partial \mathbf{W}^{(l)}} = \boldsymbol{\delta}^{(l)} (\mathbf{a}^{(l-1)})^T",
            "dW_swapped": r"\frac{\partial C}{\partial \mathbf{W}^{(l)}} = \mathbf{a}^{(l-1)} (\boldsymbol{\delta}^{(l)})^T",
            "db": r"\nabla_{\mathbf{b}^{(l)}} C = \boldsymbol{\delta}^{(l)}",
            "da": r"\frac{\partial C}{\partial \mathbf{a}^{(l-1)}} = (\mathbf{W}^{(l)})^{\top} \boldsymbol{\delta}^{(l)}",
            "da_no_T": r"\frac{\partial C}{\partial \mathbf{a}^{(l-1)}} = \mathbf{W}^{(l)} \boldsymbol{\delta}^{(l)}",
            "delta": r"\boldsymbol{\delta}^{(l)} = \frac{\partial C}{\partial \mathbf{a}^{(l)}} \odot \sigma'\left(\mathbf{z}^{(l)}\right)",
            "delta_no_sigma": r"\boldsymbol{\delta}^{(l)} = \frac{\partial C}{\partial \mathbf{a}^{(l)}}",
        })
# an author's own bold macro, \vec, {} as spacing and σ'{(…)} (a LaTeX-source style)
MACRO = (r"$$\vec{z}^l = \matr{W}^l \vec{a}^{l-1} + \vec{b}^l$$",
         r"$$\vec{a}^l = \sigma(\vec{z}^l)$$", {
             "dW": r"\nabla_{W^l}C = \vec{\delta}^l (\vec{a}^{l-1})^T",
             "dW_swapped": r"\nabla_{W^l}C = \vec{a}^{l-1} (\vec{\delta}^{l})^T",
             "db": r"\frac{\partial{}C}{\partial{}\vec{b}^l} = \vec{\delta}^l",
             "da": r"\nabla_{a^{l-1}}C = (\matr{W}^l)^T\vec{\delta}^l",
             "da_no_T": r"\nabla_{a^{l-1}}C = \matr{W}^l\vec{\delta}^l",
             "delta": r"\vec{\delta}^l = \nabla_{a^l}C \odot{}\sigma'{(\vec{z}^l)}",
             "delta_no_sigma": r"\vec{\delta}^l = \nabla_{a^l}C",
         })
# \bm with a one-layer forward and the gradient named by ∂L/∂z (no δ)
BM = (r"$$\bm{z} = \bm{W}\bm{x} + \bm{b}$$", "", {
    "dW": r"\frac{\partial L}{\partial \bm{W}} = \frac{\partial L}{\partial \bm{z}} \bm{x}^T",
    "dW_swapped": r"\frac{\partial L}{\partial \bm{W}} = \bm{x} \left(\frac{\partial L}{\partial \bm{z}}\right)^T",
    "db": r"\nabla_{\bm{b}} L = \nabla_{\bm{z}} L",
    "da": r"\nabla_{\bm{x}} L = \bm{W}^{\top} \nabla_{\bm{z}} L",
})


def verdicts(text):
    return {c.latex: (c.verdict, c.detail) for c in check_text(text, "md", time_limit=10).claims}


@pytest.mark.parametrize("style", [BOLD, MACRO, BM], ids=["mathbf-boldsymbol", "vec-matr-spacing", "bm"])
def test_typeface_claims_follow_autograd(style):
    forward, activation, claims = style
    text = "# notes\n\n" + forward + "\n\n" + activation + "\n\n" + \
        "".join(f"$${c}$$\n\n" for c in claims.values())
    got = verdicts(text)
    for cid, claim in claims.items():
        verdict, detail = got[claim]
        assert not (verdict == "holds" and not TRUTH[cid]), (cid, detail)
        assert not (verdict == "refuted" and TRUTH[cid]), (cid, detail)
        if cid == "da_no_T" or (not TRUTH[cid] and "one neuron a layer" in detail):
            continue          # W δ is a product only if W is square; x (δ)^T equals δ x^T for numbers
        assert verdict == ("holds" if TRUTH[cid] else "refuted"), (cid, verdict, detail)


def test_truth_is_not_vacuous():
    assert [k for k, v in TRUTH.items() if v] == ["dW", "db", "da", "delta"]


@pytest.mark.parametrize("latex", [
    r"\mathbf{1}^T \delta", r"\vec{xy}", r"a^{(l)}_i", r"\frac{(a+b)}{c}", r"x^{(l)} = W^{(l)}{(x)}",
    r"{}^{T}A", r"\text{}x", r"\operatorname{softmax}(z)",
])
def test_what_is_not_typography_stays(latex):
    kept = plain_typography(latex)
    for part in (r"\mathbf{1}", r"\vec{xy}", "^{(l)}", r"\frac{(a+b)}{c}", "{}^{T}", r"\text{}"):
        assert (part in latex) <= (part in kept), (latex, kept)


def test_report_keeps_the_written_text():
    text = "# n\n\n" + BOLD[0] + "\n\n$$" + BOLD[2]["db"] + "$$\n"
    assert any(BOLD[2]["db"] == c.latex for c in check_text(text, "md").claims)


def test_letter_indexed_sum_is_not_refuted_by_the_whole_tensor_shape():
    """Σ_j δ_j w_{ji} is (W^T δ)_i: read as the product of whole tensors δ W it has no shape,
    which is no refutation (before: "undefined: δ W", a correct statement refuted)."""
    torch.manual_seed(1)
    a_prev, W = torch.randn(3, requires_grad=True), torch.randn(2, 3)
    z = W @ a_prev
    z.retain_grad()
    (torch.tanh(z) ** 2).sum().backward()
    rows = {"ji": torch.allclose(a_prev.grad, torch.stack([sum(z.grad[j] * W[j, i] for j in range(2))
                                                           for i in range(3)])),
            "ij": False}        # w_{ij} with i up to 2: no row 2 of the 2x3 W
    text = ("<!-- symbp: layer=fc in=3 out=2 names: a=input w=kernel z=output b=bias C=loss -->\n\n"
            "$$z^l_i = \\sum_j w^l_{i,j}a^{l-1}_j + b^l_i$$\n\n"
            "$$\\frac{\\partial C}{\\partial a^{l-1}_i} = \\sum_j\\delta^l_j w^l_{ji}$$\n\n"
            "$$\\frac{\\partial C}{\\partial a^{l-1}_i} = \\sum_j\\delta^l_j w^l_{ij}$$\n")
    got = [c.verdict for c in check_text(text, "md").claims[1:]]
    assert got == ["holds" if rows["ji"] else "refuted", "holds" if rows["ij"] else "refuted"]
