"""A scalar network with named activations (σ_h, σ_o) and numbered names (z_1, w_2), as course
notes write it: the chain-rule claims are read over the forward's definitions, a claim true for
every activation holds, a false one is refuted or left unchecked, never held.  Truth comes from
torch autograd with two different activations standing in for σ_h and σ_o."""
import pytest
import torch

from symbp.check.calc_graph import CalcGraph
from symbp.check.checker import check_text

FORWARD = [r"z_1 = w_1 \cdot x + b_1", r"h = \sigma_h(z_1)", r"z_2 = w_2 \cdot h + b_2",
           r"\hat{y} = \sigma_o(z_2)", r"L = \frac{1}{2}(y - \hat{y})^2"]
D_SIGMA_O = r"\sigma_o'(z_2)"
CLAIMS = {   # claim -> its value in terms of the torch quantities (None: the left side itself)
    r"\frac{\partial L}{\partial w_2} = (\hat{y} - y) \sigma_o'(z_2) h": "w2",
    r"\frac{\partial L}{\partial w_1} = (\hat{y} - y) \sigma_o'(z_2) w_2 \sigma_h'(z_1) x": "w1",
    r"\frac{\partial L}{\partial b_1} = (\hat{y} - y) \sigma_o'(z_2) w_2 \sigma_h'(z_1)": "b1",
    r"\frac{\partial L}{\partial w_1} = (\hat{y} - y) \sigma_o'(z_2) \sigma_h'(z_1) x": "w1",   # w_2 left out
    r"\frac{\partial L}{\partial b_2} = (y - \hat{y}) \sigma_o'(z_2)": "b2",                    # sign
    r"\frac{\partial L}{\partial w_2} = (\hat{y} - y) \sigma_o'(z_2) x": "w2",                  # x for h
}


def _torch_truth(claim: str, act_h, act_o) -> bool:
    """Does the claim hold at a random point with σ_h = act_h, σ_o = act_o (torch autograd)?"""
    g = torch.Generator().manual_seed(7)
    w1, b1, w2, b2, x, y = (torch.randn((), generator=g, dtype=torch.float64, requires_grad=True)
                            for _ in range(6))
    z1 = w1 * x + b1
    h = act_h(z1)
    z2 = w2 * h + b2
    yhat = act_o(z2)
    loss = 0.5 * (y - yhat) ** 2
    grads = dict(zip(["w1", "b1", "w2", "b2"], torch.autograd.grad(loss, [w1, b1, w2, b2])))
    zz1, zz2 = z1.detach().requires_grad_(), z2.detach().requires_grad_()
    dh = torch.autograd.grad(act_h(zz1), zz1)[0]
    do = torch.autograd.grad(act_o(zz2), zz2)[0]
    e, hv, xv, w2v = (yhat - y).detach(), h.detach(), x.detach(), w2.detach()
    rhs = {
        0: e * do * hv, 1: e * do * w2v * dh * xv, 2: e * do * w2v * dh, 3: e * do * dh * xv,
        4: -e * do, 5: e * do * xv,
    }[list(CLAIMS).index(claim)]
    return bool(torch.isclose(grads[CLAIMS[claim]], rhs))


@pytest.mark.parametrize("claim", list(CLAIMS))
def test_named_activation_claims_follow_torch(claim):
    true_for_both = _torch_truth(claim, torch.sigmoid, torch.tanh) and _torch_truth(claim, torch.tanh, torch.sigmoid)
    graph = CalcGraph()
    graph.section({}, FORWARD)
    verdict = graph.check(claim)[0]
    if true_for_both:
        assert verdict == "holds"
    else:
        assert verdict in ("refuted", "unchecked")


def test_a_wrong_activation_label_is_never_held():
    graph = CalcGraph()
    graph.section({}, FORWARD)
    claim = r"\frac{\partial \hat{y}}{\partial z_2} = \sigma_h'(z_2)"
    assert not _torch_truth_local(torch.sigmoid, torch.tanh)
    assert graph.check(claim)[0] != "holds"


def _torch_truth_local(act_h, act_o) -> bool:
    """σ_h'(z) = σ_o'(z) at a point, for the two stand-ins: false when they differ."""
    z = torch.tensor(0.3, dtype=torch.float64, requires_grad=True)
    a = torch.autograd.grad(act_h(z), z)[0]
    z2 = torch.tensor(0.3, dtype=torch.float64, requires_grad=True)
    b = torch.autograd.grad(act_o(z2), z2)[0]
    return bool(torch.isclose(a, b))


def test_forward_in_one_section_chain_in_the_next():
    """The forward under one heading, the chain rule under the next (a dense layer's directive):
    the definitions are carried, numbered names and all."""
    doc = ("## Forward\n\n" + "\n".join(f"$$ {row} $$" for row in FORWARD) +
           "\n\n<!-- symbp: layer=fc in=1 out=1 names: z_1=output w_1=kernel x=input L=loss -->\n"
           "## Backward\n\n"
           "$$ \\frac{\\partial L}{\\partial w_2} = \\frac{\\partial L}{\\partial \\hat{y}} \\cdot "
           "\\frac{\\partial \\hat{y}}{\\partial z_2} \\cdot \\frac{\\partial z_2}{\\partial w_2} $$\n\n"
           "$$ \\frac{\\partial L}{\\partial b_2} = (y - \\hat{y}) \\sigma_o'(z_2) $$\n")
    report = check_text(doc, "md")
    verdicts = [r.verdict for r in report.claims if r.verdict != "definition"]
    assert _torch_truth(r"\frac{\partial L}{\partial w_2} = (\hat{y} - y) \sigma_o'(z_2) h", torch.sigmoid, torch.tanh)
    assert verdicts[-2] == "holds"
    assert verdicts[-1] != "holds"


def test_a_claim_true_for_the_identity_only_is_not_decided():
    """∂a/∂z = 1 for a = σ_h(z): false for the sigmoid (torch), true for the identity."""
    z = torch.tensor(0.4, dtype=torch.float64, requires_grad=True)
    assert not torch.isclose(torch.autograd.grad(torch.sigmoid(z), z)[0], torch.tensor(1.0, dtype=torch.float64))
    graph = CalcGraph()
    graph.section({}, [r"a = \sigma_h(z)", r"z = w x + b"])
    assert graph.check(r"\frac{\partial a}{\partial z} = 1")[0] == "unchecked"


def test_numbered_entries_some_undefined_are_not_names():
    """p_1 defined by number and p_2 not: p_2 is no free input, so no claim through it holds."""
    y = torch.tensor([0.3, -0.2], dtype=torch.float64, requires_grad=True)
    t = torch.tensor([0.7, 0.3], dtype=torch.float64)
    p = torch.softmax(y, 0)
    loss = -(t * torch.log(p)).sum()
    grad = torch.autograd.grad(loss, y)[0]
    assert not torch.isclose(grad[1], t[0] * p[0])
    graph = CalcGraph()
    graph.section({}, [r"p_1 = \frac{e^{y_1}}{S}", r"S = e^{y_1} + e^{y_2}", r"L = -t_1 \log p_1 - t_2 \log p_2"])
    assert (graph.check(r"\frac{\partial L}{\partial y_2} = t_1 p_1") or ("unread",))[0] != "holds"
