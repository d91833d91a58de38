"""Scalar worked examples with numbers (worked_scalars): the page's given values bind its scalar
forward, and each claimed number is decided against the true value rounded as written.

Truth from torch (float64) at test time; the pages paraphrase three real genres of this example:
the classic 2-2-2 logistic network with squared error (M. Mazur, "A Step by Step Backpropagation
Example"), a two-neuron chain x → σ → σ → ½(y - a)² (NBIS workshop exercise on back propagation),
and a single neuron whose chain reuses 4-decimal intermediates (a GitHub "manual backpropagation"
tutorial); plus tanh, ReLU and a softmax of three logits with cross-entropy.
"""
from __future__ import annotations

import torch

from symbp.check.checker import check_text

D = torch.float64


def _t(v, grad=False):
    return torch.tensor(v, dtype=D, requires_grad=grad)


def _claims(text: str) -> list:
    return [(c.latex.strip(), c.verdict, c.detail) for c in check_text(text, "md", time_limit=30).claims]


def _verdict(claims, start: str):
    found = [c for c in claims if c[0].startswith(start)]
    assert len(found) == 1, (start, claims)
    return found[0]


def _two_neurons():
    x, y = _t(0.05), _t(0.01)
    w1, b1, w2, b2 = _t(0.1, True), _t(-0.1, True), _t(0.3, True), _t(0.3, True)
    z1 = w1 * x + b1
    a1 = torch.sigmoid(z1)
    z2 = w2 * a1 + b2
    a2 = torch.sigmoid(z2)
    loss = 0.5 * (y - a2) ** 2
    for t in (z1, a1, z2, a2):
        t.retain_grad()
    loss.backward()
    return {"z1": z1, "a1": a1, "z2": z2, "a2": a2, "L": loss, "dz2": z2.grad, "dw2": w2.grad,
            "da2": a2.grad, "dw1": w1.grad, "dz1": z1.grad}


_TWO = ("Given $x = 0.05$, $y = 0.01$, $w_1 = 0.1$, $b_1 = -0.1$, $w_2 = 0.3$ and $b_2 = 0.3$.\n\n"
        "$$z_1 = w_1 x + b_1$$\n\n$$a_1 = \\sigma(z_1)$$\n\n$$z_2 = w_2 a_1 + b_2$$\n\n"
        "$$a_2 = \\frac{1}{1+e^{-z_2}}$$\n\n$$L = \\frac{1}{2}(y - a_2)^2$$\n\n")


def _f(t, places=6) -> str:
    return f"{float(t):.{places}f}"


def test_two_neuron_chain_torch_numbers_hold():
    v = _two_neurons()
    text = _TWO + (f"$$z_1 = 0.1 \\cdot 0.05 - 0.1 = {_f(v['z1'], 3)}$$\n\n"
                   f"$$a_1 = \\frac{{1}}{{1+e^{{0.095}}}} = {_f(v['a1'])}$$\n\n"
                   f"$$L = {_f(v['L'])}$$\n\n"
                   f"$$\\frac{{\\partial L}}{{\\partial a_2}} = a_2 - y = {_f(v['da2'])}$$\n\n"
                   f"$$\\frac{{\\partial L}}{{\\partial z_2}} = (a_2 - y) a_2 (1 - a_2) = {_f(v['dz2'])}$$\n\n"
                   f"$$\\frac{{\\partial L}}{{\\partial w_2}} = \\frac{{\\partial L}}{{\\partial z_2}} a_1 = {_f(v['dw2'])}$$\n\n"
                   f"$$\\frac{{\\partial L}}{{\\partial w_1}} = {_f(v['dw1'], 9)}$$\n")
    claims = _claims(text)
    for start in ("z_1 = 0.1", "a_1 = \\frac", "L = 0", "\\frac{\\partial L}{\\partial a_2}",
                  "\\frac{\\partial L}{\\partial z_2}", "\\frac{\\partial L}{\\partial w_2}",
                  "\\frac{\\partial L}{\\partial w_1}"):
        assert _verdict(claims, start)[1] == "holds", _verdict(claims, start)
    assert _verdict(claims, "L = \\frac")[1] == "definition"


def test_two_neuron_chain_planted_slips_refute_with_the_true_value():
    v = _two_neurons()
    text = _TWO + (f"$$\\frac{{\\partial L}}{{\\partial a_2}} = y - a_2 = {_f(-v['da2'])}$$\n\n"      # sign slip
                   f"$$\\frac{{\\partial L}}{{\\partial w_1}} = {_f(v['dz1'], 6)}$$\n\n"             # factor x missing
                   f"$$a_1 = {_f(v['a1'] + 2e-4)}$$\n")                                   # a wrong fourth digit
    claims = _claims(text)
    sign = _verdict(claims, "\\frac{\\partial L}{\\partial a_2}")
    assert sign[1] == "refuted" and f"{float(v['da2']):.10g}" in sign[2], sign
    missing = _verdict(claims, "\\frac{\\partial L}{\\partial w_1}")
    assert missing[1] == "refuted" and f"{float(v['dw1']):.10g}" in missing[2], missing
    assert _verdict(claims, "a_1 = 0")[1] == "refuted"


def _mazur_page(net_h1: str = "0.3775") -> str:
    return ("Inputs $i_1 = 0.05$, $i_2 = 0.10$; weights $w_1 = 0.15$, $w_2 = 0.20$, $w_5 = 0.40$, "
            "$w_6 = 0.45$; biases $b_1 = 0.35$, $b_2 = 0.60$; target $target_{o1} = 0.01$.\n\n"
            "$$net_{h1} = w_1 \\times i_1 + w_2 \\times i_2 + b_1 \\times 1$$\n\n"
            f"$$net_{{h1}} = 0.15 \\times 0.05 + 0.2 \\times 0.1 + 0.35 \\times 1 = {net_h1}$$\n\n"
            "$$out_{h1} = \\frac{1}{1+e^{-net_{h1}}} = \\frac{1}{1+e^{-0.3775}} = 0.593269992$$\n\n"
            "Carrying out the same process for $h_2$ we get $out_{h2} = 0.596884378$.\n\n"
            "$$net_{o1} = w_5 \\times out_{h1} + w_6 \\times out_{h2} + b_2 \\times 1$$\n\n"
            "$$out_{o1} = \\frac{1}{1+e^{-net_{o1}}}$$\n\n"
            "$$E_{o1} = \\frac{1}{2}(target_{o1} - out_{o1})^{2}$$\n\n"
            "$$\\frac{\\partial out_{o1}}{\\partial net_{o1}} = out_{o1}(1 - out_{o1}) = "
            "0.75136507(1 - 0.75136507) = 0.186815602$$\n\n"
            "$$\\frac{\\partial net_{o1}}{\\partial w_5} = out_{h1} = 0.593269992$$\n")


def test_mazur_forward_numbers_and_a_planted_sum():
    i1, i2, w1, w2, b1 = _t(0.05), _t(0.10), _t(0.15), _t(0.20), _t(0.35)
    w5, w6, b2 = _t(0.40), _t(0.45), _t(0.60)
    out_h1 = torch.sigmoid(w1 * i1 + w2 * i2 + b1)
    out_h2 = _t(0.596884378)                       # the page's own rounded value of the other unit
    out_o1 = torch.sigmoid(w5 * out_h1 + w6 * out_h2 + b2)
    assert f"{float(out_h1):.9f}" == "0.593269992"
    assert f"{float(out_o1 * (1 - out_o1)):.9f}" == "0.186815602"
    claims = _claims(_mazur_page())
    assert _verdict(claims, "net_{h1} = 0.15")[1] == "holds"
    assert _verdict(claims, "out_{h1} = ")[1] == "holds"
    assert _verdict(claims, "\\frac{\\partial out_{o1}}")[1] == "holds"
    # out_{h2} is given by value only: what it depends on is not on the page, so ∂net_{o1}/∂w_5 is not derived
    assert _verdict(claims, "\\frac{\\partial net_{o1}}")[1] == "unchecked"
    planted = _claims(_mazur_page("0.3757"))
    wrong = _verdict(planted, "net_{h1} = 0.15")
    assert wrong[1] == "refuted" and "0.3775" in wrong[2], wrong


def _neuron():
    x1, x2, y = _t(1.0), _t(2.0), _t(1.0)
    w11, w12, b = _t(0.5, True), _t(-0.4, True), _t(0.1, True)
    z = w11 * x1 + w12 * x2 + b
    z.retain_grad()
    p = torch.sigmoid(z)
    loss = 0.5 * (y - p) ** 2
    loss.backward()
    return z, p, loss, w12.grad


def test_rounded_intermediates_drift_is_never_refuted_and_never_held_beyond_the_rule():
    """A chain of 4-decimal intermediates whose product is written to 8 decimals: the last digits
    drift by far more than one unit, so the number is not held, and not refuted (the drift of the
    rounded numbers it reuses explains it); a planted factor of 2 refutes."""
    z, p, loss, g12 = _neuron()
    dp = round(float(p) - 1.0, 4)
    dz = round(float(p * (1 - p)), 4)
    chained = f"{dp * dz * 2.0:.8f}"
    text = ("Let $x_1 = 1.0$, $x_2 = 2.0$, $w_{11} = 0.5$, $w_{12} = -0.4$, $b = 0.1$ and $y = 1.0$.\n\n"
            "$$z = w_{11} x_1 + w_{12} x_2 + b$$\n\n$$\\hat{y} = \\sigma(z)$$\n\n"
            "$$L = \\frac{1}{2}(y - \\hat{y})^2$$\n\n"
            f"$$\\frac{{\\partial L}}{{\\partial w_{{12}}}} = {dp:.4f} \\cdot {dz:.4f} \\cdot 2.0 = {chained}$$\n\n"
            f"$$\\frac{{\\partial L}}{{\\partial w_{{12}}}} = {float(g12):.4f}$$\n\n"
            f"$$\\frac{{\\partial L}}{{\\partial b}} = {2 * float(g12) / 2.0 * 2:.4f}$$\n")
    claims = _claims(text)
    drift = [c for c in claims if chained in c[0]][0]
    assert drift[1] == "unchecked", drift
    assert [c for c in claims if c[0].endswith(f"{float(g12):.4f}")][0][1] == "holds"
    assert [c for c in claims if "\\partial b}" in c[0]][0][1] == "refuted"


def test_tanh_relu_softmax_cross_entropy():
    z = _t([1.2, -0.3, 0.5], True)
    loss = torch.nn.functional.cross_entropy(z[None], torch.tensor([0]))
    loss.backward()
    h_in, w = _t(0.8, True), _t(-1.5, True)
    r = torch.relu(w * h_in + 0.4)
    t = torch.tanh(w * h_in)
    (r + t).backward()
    text = ("The logits are $z_1 = 1.2$, $z_2 = -0.3$, $z_3 = 0.5$; also $h = 0.8$, $w = -1.5$, $c = 0.4$.\n\n"
            "$$p_1 = \\frac{e^{z_1}}{e^{z_1} + e^{z_2} + e^{z_3}}$$\n\n$$L = -\\log p_1$$\n\n"
            "$$u = \\max(0, w h + c)$$\n\n$$v = \\tanh(w h)$$\n\n$$s = u + v$$\n\n"
            f"$$L = {float(loss):.6f}$$\n\n"
            f"$$\\frac{{\\partial L}}{{\\partial z_1}} = p_1 - 1 = {float(z.grad[0]):.6f}$$\n\n"
            f"$$\\frac{{\\partial L}}{{\\partial z_2}} = {-float(z.grad[1]):.6f}$$\n\n"          # sign slip
            f"$$\\frac{{\\partial s}}{{\\partial w}} = {float(w.grad):.6f}$$\n\n"
            f"$$\\frac{{\\partial s}}{{\\partial h}} = {float(h_in.grad) + 1.5:.6f}$$\n")       # ReLU's part kept: it is 0
    claims = _claims(text)
    assert _verdict(claims, "L = 0")[1] == "holds"
    assert _verdict(claims, "\\frac{\\partial L}{\\partial z_1}")[1] == "holds"
    assert _verdict(claims, "\\frac{\\partial L}{\\partial z_2}")[1] == "refuted"
    assert _verdict(claims, "\\frac{\\partial s}{\\partial w}")[1] == "holds"
    assert _verdict(claims, "\\frac{\\partial s}{\\partial h}")[1] == "refuted"
