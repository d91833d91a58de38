"""Layer labels with two letters (W^l beside delta^L) are two layers unless the author says
otherwise: never read as one (a claim about the output layer L written for layer l held)."""
import numpy as np
import torch

from symbp.check.checker import check_text

DIRECTIVE = "<!-- symbp: layer=fc in=3 out=2 names: a=input W=kernel z=output b=bias C=loss -->"


def _outer_rule_is_the_gradient() -> bool:
    """dC/dW = delta a^T for z = W a + b (torch autograd), the rule both claims state."""
    rng = np.random.default_rng(0)
    w = torch.tensor(rng.standard_normal((2, 3)), requires_grad=True)
    a, b, g = (torch.tensor(rng.standard_normal(s)) for s in ((3,), (2,), (2,)))
    ((w @ a + b) * g).sum().backward()
    return torch.allclose(w.grad, torch.outer(g, a))


def _verdict(claim: str):
    text = f"{DIRECTIVE}\n\n$$z^l=W^la^{{l-1}}+b^l$$\n\n$$ {claim} $$\n"
    return next(c for c in check_text(text, "md", time_limit=30).claims if c.latex.strip() == claim)


def test_one_label_letter_is_read():
    assert _outer_rule_is_the_gradient()
    got = _verdict(r"\frac{\partial C}{\partial W^l}=\delta^l(a^{l-1})^T")
    assert got.verdict == "holds", got.detail


def test_two_label_letters_are_not_one_layer():
    got = _verdict(r"\frac{\partial C}{\partial W^l}=\delta^L(a^{L-1})^T")
    assert got.verdict == "unchecked" and "layer labels L and l" in got.detail


def test_products_of_entries_are_entries_not_a_matrix_product():
    # dC/dw_{jk} = a_k delta_j (Nielsen's BP4) was read as the product a delta of two columns
    # and refuted; the entries agree with torch's gradient (outer(delta, a))
    assert _outer_rule_is_the_gradient()
    for claim in (r"\frac{\partial C}{\partial w^l_{jk}} = a^{l-1}_k \delta^l_j",
                  r"\frac{\partial C}{\partial W^l_{jk}} = \delta^l_j a^{l-1}_k"):
        got = _verdict(claim)
        assert got.verdict == "holds", got.detail
    wrong = _verdict(r"\frac{\partial C}{\partial W^l_{jk}} = \delta^l_k a^{l-1}_j")
    assert wrong.verdict in ("refuted", "unchecked") and wrong.verdict != "holds"


def test_a_bias_gradient_vector_against_a_one_column_delta():
    rng = np.random.default_rng(1)
    w, a = torch.tensor(rng.standard_normal((2, 3))), torch.tensor(rng.standard_normal(3))
    b, g = torch.tensor(rng.standard_normal(2), requires_grad=True), torch.tensor(rng.standard_normal(2))
    ((w @ a + b) * g).sum().backward()
    assert torch.allclose(b.grad, g)                # dC/db = delta (torch)
    got = _verdict(r"\nabla_{b^l}C = \delta^l")
    assert got.verdict == "holds", got.detail
    assert _verdict(r"\nabla_{b^l}C = 2\delta^l").verdict == "refuted"


NIELSEN = "<!-- symbp: layer=fc in=3 out=2 names: a=input W=kernel z=output b=bias C=loss -->"


def _nielsen(claim: str):
    text = f"{NIELSEN}\n\n$$ z^l = W^l a^{{l-1}} + b^l $$\n\n$$ {claim} $$\n"
    return next(c for c in check_text(text, "md", time_limit=30).claims if c.latex.strip() == claim)


def test_the_forward_places_the_input_label():
    # with z^l = W^l a^{l-1} + b^l, a^l is layer l's activation: delta^l (a^l)^T is not the
    # weight gradient (torch: it is delta a_prev^T, and the shapes differ), so it may not hold
    assert _outer_rule_is_the_gradient()
    for claim in (r"\frac{\partial C}{\partial W^l} = \delta^l (a^{l})^T",
                  r"\frac{\partial C}{\partial W^l} = \delta^l {a^{l}}^T"):
        got = _nielsen(claim)
        assert got.verdict in ("refuted", "unchecked"), got.detail
        assert "not this layer's input" in got.detail or "shape (2, 2)" in got.detail, got.detail
    for claim in (r"\frac{\partial C}{\partial W^l} = \delta^l (a^{l-1})^T",
                  r"\frac{\partial C}{\partial W^l} = \delta^l (a^{l-1})^\top",
                  r"\nabla_{W^l} C = \delta^l (a^{l-1})^{\mathsf{T}}",
                  r"\frac{\partial{}C}{\partial{}W^l} = \delta^l (a^{l-1})^T"):
        assert _nielsen(claim).verdict == "holds", claim


def test_ufldl_labels_keep_their_input():
    # z^{(l+1)} = W^{(l)} a^{(l)} + b^{(l)}: there a^{(l)} is the input of W^{(l)}
    text = (f"{NIELSEN}\n\n$$ z^{{(l+1)}} = W^{{(l)}} a^{{(l)}} + b^{{(l)}} $$\n\n"
            r"$$ \frac{\partial C}{\partial W^{(l)}} = \delta^{(l+1)} (a^{(l)})^T $$" "\n")
    got = [c for c in check_text(text, "md", time_limit=30).claims][-1]
    assert got.verdict == "holds", got.detail


def test_label_steps():
    from symbp.check.notation_names import label_step
    assert [label_step(x) for x in ("l", "l-1", "(l+1)", "2", "(3)", "L", None, "l,d")] == \
        [("l", 0), ("l", -1), ("l", 1), ("", 2), ("", 3), ("L", 0), None, None]


def test_an_unlabelled_gradient_beside_a_weight_is_not_given_deltas_layer():
    # z^{l+1} = w^l a^l + b^l (weights in the layer they multiply): ∇_a C = (w^l)^T δ^{l+1} is
    # the gradient at a^l (torch: W^T δ), not at a^{l+1}; read as a^{l+1} it was refuted
    rng = np.random.default_rng(2)
    w, g = torch.tensor(rng.standard_normal((2, 3))), torch.tensor(rng.standard_normal(2))
    a = torch.tensor(rng.standard_normal(3), requires_grad=True)
    ((w @ a) * g).sum().backward()
    assert torch.allclose(a.grad, w.T @ g)
    text = ("<!-- symbp: layer=fc in=3 out=2 names: a=input w=kernel z=output b=bias C=loss -->\n\n"
            "$$ z^{l+1}_j =\\sum_k w^l_{jk} a^l_k + b^l_j $$\n\n"
            "$$ \\nabla_a C = (w^l)^T \\delta^{l+1} $$\n")
    got = check_text(text, "md", time_limit=30).claims[-1]
    assert got.verdict != "refuted", got.detail
