"""Fully connected derivations with no directive (issue 12): the section is read from the
document's forward.  Truth of every claim comes from torch autograd on the same sizes the
claim's text implies (a 3-out, 4-in layer, any sizes would do: the identities are generic),
never from symbp; mutated claims (transposed weight, missing σ', wrong layer, a_k for a_j)
must be refuted and never hold."""
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)

FWD = r"""Forward of layer $l$:

$$z^l_j = \sum_k w^l_{jk} a^{l-1}_k + b^l_j$$

$$a^l_j = \sigma(z^l_j)$$

"""
FWD_WRAPPED = "$$a^l_j = \\sigma\\left(\\sum_k w^l_{jk} a^{l-1}_k + b^l_j\\right)$$\n\n" \
              "with $z^l = w^l a^{l-1} + b^l$.\n\n"
FWD_VECTOR = "$$z^l = w^l a^{l-1} + b^l$$\n\n"


def torch_truth():
    """The four Nielsen equations and their mutants, evaluated with autograd (entry form)."""
    out_n, in_n, nxt = 3, 4, 2
    a_prev = torch.randn(in_n)
    W, b = torch.randn(out_n, in_n, requires_grad=True), torch.randn(out_n, requires_grad=True)
    W2, b2 = torch.randn(nxt, out_n), torch.randn(nxt)
    z = W @ a_prev + b
    z.retain_grad()
    a = torch.sigmoid(z)
    z2 = W2 @ a + b2
    z2.retain_grad()
    cost = (torch.sigmoid(z2) ** 2).sum()
    cost.backward()
    sp = torch.sigmoid(z.detach()) * (1 - torch.sigmoid(z.detach()))
    d, d2 = z.grad, z2.grad
    return {
        "bp2": torch.allclose(d, (W2.T @ d2) * sp),
        "bp2_transposed": W2.shape[0] == W2.shape[1] and torch.allclose(d, (W2 @ d2) * sp),
        "bp2_no_sigma": torch.allclose(d, W2.T @ d2),
        "bp3": torch.allclose(b.grad, d),
        "bp4": torch.allclose(W.grad, d[:, None] * a_prev[None, :]),
        "bp4_swapped": False,    # a_j δ_k has the wrong shape for w_{jk} unless square: never equal
    }


TRUTH = torch_truth()
CLAIMS = [
    ("bp2", r"\delta^l_j = \sum_k w^{l+1}_{kj} \delta^{l+1}_k \sigma'(z^l_j)"),
    ("bp2_transposed", r"\delta^l_j = \sum_k w^{l+1}_{jk} \delta^{l+1}_k \sigma'(z^l_j)"),
    ("bp2_no_sigma", r"\delta^l_j = \sum_k w^{l+1}_{kj} \delta^{l+1}_k"),
    ("bp2_wrong_layer", r"\delta^l_j = \sum_k w^{l}_{kj} \delta^{l+1}_k \sigma'(z^l_j)"),
    ("bp3", r"\frac{\partial C}{\partial b^l_j} = \delta^l_j"),
    ("bp4", r"\frac{\partial C}{\partial w^l_{jk}} = a^{l-1}_k \delta^l_j"),
    ("bp4_swapped", r"\frac{\partial C}{\partial w^l_{jk}} = a^{l-1}_j \delta^l_k"),
]


def verdicts(text):
    return {c.latex: (c.verdict, c.detail) for c in check_text(text, "md", time_limit=10).claims}


@pytest.mark.parametrize("forward", [FWD, FWD_WRAPPED, FWD_VECTOR], ids=["entry", "wrapped", "vector"])
def test_nielsen_equations_without_directive(forward):
    text = "# notes\n\n" + forward + "".join(f"$${c}$$\n\n" for _, c in CLAIMS)
    got = verdicts(text)
    for cid, claim in CLAIMS:
        verdict, detail = got[claim]
        truth = TRUTH.get(cid, False)          # the wrong-layer weight is no weight of layer l+1
        assert verdict in ("holds", "refuted", "unchecked"), (cid, verdict)
        assert not (verdict == "holds" and not truth), (cid, detail)
        assert not (verdict == "refuted" and truth), (cid, detail)
        if cid in ("bp2", "bp3", "bp4"):
            assert verdict == "holds", (forward, cid, detail)
        if cid in ("bp2_transposed", "bp2_no_sigma", "bp4_swapped"):
            assert verdict == "refuted", (forward, cid, detail)


def test_the_weight_order_before_any_forward_is_not_guessed():
    # w_{jk} δ_j a_k holds output-first, is refuted input-first: with no forward for its layer
    # yet, unchecked with a pasteable directive; the input-first forward of layer l written
    # further on decides it for w^l (refuted before and after it), not for w^{l+1}
    claim = r"\frac{\partial C}{\partial w^l_{jk}} = a^{l-1}_k \delta^l_j"
    other = r"\frac{\partial C}{\partial w^{l+1}_{jk}} = a^{l}_k \delta^{l+1}_j"
    text = (f"$${other}$$\n\n$${claim}$$\n\n$$z^l_k = \\sum_j w^l_{{jk}} a^{{l-1}}_j + b^l_k$$\n\n$${claim} $$\n")
    rows = check_text(text, "md", time_limit=10).claims
    first, mine, last = rows[0], rows[1], rows[-1]
    assert first.verdict == "unchecked" and "<!-- symbp: layer=fc" in first.detail
    assert "index order of w" in first.detail
    assert mine.verdict == "refuted" and "written further on" in mine.detail
    assert last.verdict == "refuted"          # the forward says w_{jk}: j input, k output
    W = torch.randn(4, 3, requires_grad=True)                # w_{jk}: 4 inputs j, 3 outputs k
    a = torch.randn(4)
    z = W.T @ a
    g = torch.randn(3)
    (z * g).sum().backward()
    assert not torch.allclose(W.grad[:3, :3], g[:3, None] * a[None, :3])


def test_bias_claim_holds_before_the_forward_either_order():
    text = ("$$\\frac{\\partial C}{\\partial b^l_j} = \\delta^l_j$$\n\n"
            "$$z^l_j = \\sum_k w^l_{jk} a^{l-1}_k + b^l_j$$\n")
    row = check_text(text, "md", time_limit=10).claims[0]
    assert row.verdict == "holds" and "output-first or input-first alike" in row.detail


def test_multi_letter_names_and_a_split_off_term():
    # ecomnet-style: logit, bias, h, Cost; the forward splits w_{ij} h_j off the sum
    text = ("$$logit_i^{(l)} = w_{ij}^{(l)} h_j^{(l-1)} + \\sum_{k \\neq j} w_{ik}^{(l)} h_k^{(l-1)} + bias_i^{(l)}$$\n\n"
            "$$\\frac{\\partial Cost}{\\partial bias_i^{(l)}} = \\delta_i^{(l)}$$\n\n"
            "$$\\frac{\\partial Cost}{\\partial w_{ij}^{(l)}} = \\delta_i^{(l)} h_j^{(l-1)}$$\n\n"
            "$$\\frac{\\partial Cost}{\\partial w_{ij}^{(l)}} = \\delta_j^{(l)} h_i^{(l-1)}$$\n")
    rows = check_text(text, "md", time_limit=10).claims
    assert [r.verdict for r in rows[1:]] == ["holds", "holds", "refuted"], [r.detail for r in rows]


def test_activation_jacobian_and_the_sigmoid_form():
    # ∂a_j/∂w_{jk} = σ'(z_j) a_k holds (autograd below); a_j(1-a_j) a_k is the sigmoid's form:
    # never refuted (symbp keeps σ generic), and a_j a_k (no σ') is refuted
    text = FWD + ("$$\\frac{\\partial a^l_j}{\\partial w^l_{jk}} = \\sigma'(z^l_j) a^{l-1}_k$$\n\n"
                  "$$\\frac{\\partial a^l_j}{\\partial w^l_{jk}} = a^l_j(1-a^l_j) a^{l-1}_k$$\n\n"
                  "$$\\frac{\\partial a^l_j}{\\partial w^l_{jk}} = a^{l-1}_k$$\n")
    rows = check_text(text, "md", time_limit=10).claims[-3:]
    assert [r.verdict for r in rows] == ["holds", "unchecked", "refuted"], [r.detail for r in rows]
    W, x = torch.randn(3, 4, requires_grad=True), torch.randn(4)
    torch.sigmoid(W @ x)[1].backward()
    z = (W @ x).detach()
    assert torch.allclose(W.grad[1], torch.sigmoid(z[1]) * (1 - torch.sigmoid(z[1])) * x)


def test_cal_loss_with_arguments_and_a_layer_sum_as_a_set():
    text = FWD_WRAPPED + (
        "$$\\frac{\\partial{\\cal C}(\\hat{W^L})}{\\partial b^l_j} = \\delta^l_j$$\n\n"
        "$$\\frac{\\partial C}{\\partial a^l_j} = \\sum_{i \\in \\{1,\\ldots,n(l+1)\\}} "
        "\\frac{\\partial C}{\\partial a^{l+1}_i} \\frac{\\partial a^{l+1}_i}{\\partial a^l_j}$$\n\n"
        "$$\\frac{\\partial C}{\\partial a^l_j} = \\sum_{i \\in \\{1,\\ldots,n(l+1)\\}} "
        "\\frac{\\partial C}{\\partial a^{l+1}_i} \\frac{\\partial a^{l+1}_i}{\\partial a^l_i}$$\n")
    rows = check_text(text, "md", time_limit=10).claims[-3:]
    assert [r.verdict for r in rows] == ["holds", "holds", "refuted"], [r.detail for r in rows]


def _rows(text):
    return check_text(text, "md", time_limit=10).claims


def test_vector_form_nielsen_with_transposes():
    # truth: autograd on z = W a + b, a' = σ(z), next layer z2 = W2 a' + b2 (shapes 3x4, 2x3)
    a_prev, W, b = torch.randn(4), torch.randn(3, 4, requires_grad=True), torch.randn(3, requires_grad=True)
    z = W @ a_prev + b
    z.retain_grad()
    z2 = torch.randn(2, 3) @ torch.sigmoid(z)
    (z2 ** 2).sum().backward()
    assert torch.allclose(W.grad, z.grad[:, None] * a_prev[None, :])     # δ (a^{l-1})^T
    assert torch.allclose(b.grad, z.grad)                                 # ∂C/∂b = δ
    text = ("Forward: $z^l = w^l a^{l-1} + b^l$, $a^l = \\sigma(z^l)$.\n\n"
            "$$\\frac{\\partial C}{\\partial w^l} = \\delta^l (a^{l-1})^T$$\n\n"
            "$$\\frac{\\partial C}{\\partial b^l} = \\delta^l$$\n\n"
            "$$\\delta^l = ((w^{l+1})^T \\delta^{l+1}) \\circ \\sigma'(z^l)$$\n\n"
            "$$\\delta^l = (w^{l+1} \\delta^{l+1}) \\odot \\sigma'(z^l)$$\n\n"
            "$$\\frac{\\partial C}{\\partial w^l} = (a^{l-1})^T \\delta^l$$\n\n"
            "$$\\delta^L = \\nabla_a C \\odot \\sigma'(z^L)$$\n\n"
            "$$\\delta^L = \\nabla_a C$$\n\n"
            "$$\\delta^L = \\nabla_a C \\odot \\sigma'(z^{L-1})$$\n\n"
            "$$\\delta^L = a \\odot \\sigma'(z^L)$$\n")
    got = [r.verdict for r in _rows(text)]
    # ∇_a C next to δ^L, σ'(z^L) is the gradient by a^L (Nielsen's BP1); without σ' refuted;
    # with two layers named, or a bare a, the layer is asked, never guessed
    assert got == ["holds", "holds", "holds", "refuted", "refuted", "holds", "refuted", "unchecked",
                   "unchecked"], got


def test_quadratic_cost_target_only_at_its_layer():
    text = ("$$z^L_j = \\sum_k w^L_{jk} a^{L-1}_k + b^L_j$$\n\n$$a^L_j = \\sigma(z^L_j)$$\n\n"
            "$$C = \\frac{1}{2}\\sum_j (a^L_j - y_j)^2$$\n\n"
            "$$\\frac{\\partial C}{\\partial w^L_{jk}} = (a^L_j - y_j) \\sigma'(z^L_j) a^{L-1}_k$$\n\n"
            "$$\\frac{\\partial C}{\\partial w^L_{jk}} = (y_j - a^L_j) \\sigma'(z^L_j) a^{L-1}_k$$\n\n"
            "$$\\frac{\\partial C}{\\partial b^L_j} = 2(a^L_j - y_j) \\sigma'(z^L_j)$$\n\n"
            "$$\\delta^l_j = \\sum_k w^{l+1}_{kj} (a^{l+1}_k - y_k) \\sigma'(z^{l+1}_k) \\sigma'(z^l_j)$$\n")
    rows = _rows(text)[-4:]
    # autograd: C = ½Σ(σ(z)-y)², ∂C/∂w_{jk} = (a_j - y_j) σ'(z_j) a_k; the ½ makes the factor 1
    W, a_prev, y = torch.randn(3, 4, requires_grad=True), torch.randn(4), torch.randn(3)
    z = W @ a_prev
    (0.5 * ((torch.sigmoid(z) - y) ** 2).sum()).backward()
    s = torch.sigmoid(z.detach())
    assert torch.allclose(W.grad, ((s - y) * s * (1 - s))[:, None] * a_prev[None, :])
    assert [r.verdict for r in rows[:3]] == ["holds", "refuted", "refuted"], [r.detail for r in rows]
    assert rows[3].verdict == "unchecked"          # y is layer L's target, not layer l+1's


def test_one_neuron_a_layer():
    text = ("# Backpropagation with a single neuron per layer\n\n$$C_0 = (a^{(L)}-y)^2$$\n\n"
            "$$z^{(L)}=w^{(L)}a^{(L-1)}+b^{(L)}$$\n\n$$a^{(L)}=\\sigma(z^{(L)})$$\n\n"
            "$$\\frac{\\partial C_0}{\\partial w^{(L)}} = 2(a^{(L)}-y)\\sigma'(z^{(L)})a^{(L-1)}$$\n\n"
            "$$\\frac{\\partial C_0}{\\partial w^{(L)}} = (a^{(L)}-y)\\sigma'(z^{(L)})a^{(L-1)}$$\n\n"
            "$$\\frac{\\partial C_0}{\\partial a^{(L-1)}} = 2(a^{(L)}-y)\\sigma'(z^{(L)})w^{(L)}$$\n")
    w, b, a0, y = (torch.randn((), requires_grad=True) for _ in range(4))
    z = w * a0 + b
    ((torch.sigmoid(z) - y) ** 2).backward()
    s = torch.sigmoid(z.detach())
    assert torch.allclose(w.grad, 2 * (s - y.detach()) * s * (1 - s) * a0.detach())
    assert torch.allclose(a0.grad, 2 * (s - y.detach()) * s * (1 - s) * w.detach())
    assert [r.verdict for r in _rows(text)[-3:]] == ["holds", "refuted", "holds"]


def test_never_indexed_vectors_or_numbers_is_asked():
    # z = w a + b never indexed and no word on the sizes: δ a (no transpose) holds for numbers
    # and is mis-shaped for vectors, so it is unchecked and the directive to paste says in=1 out=1
    text = ("$$z = w a + b$$\n\n$$\\frac{\\partial C}{\\partial w} = \\delta a$$\n\n"
            "$$\\frac{\\partial C}{\\partial b} = \\delta$$\n")
    rows = _rows(text)
    assert rows[1].verdict == "unchecked" and "in=1 out=1" in rows[1].detail, rows[1].detail
    assert rows[2].verdict == "holds"


def test_hatted_vectors_and_the_cal_loss():
    text = ("$$z_j^{L} = \\sum_{k} w_{jk}^{L} a_k^{L-1} + b_j^{L}$$\n\n$$a^L_j = f(z^L_j)$$\n\n"
            "$$\\hat{\\delta}^L = f'(\\hat{z}^L)\\circ\\frac{\\partial {\\cal C}}{\\partial (\\hat{a}^L)}$$\n\n"
            "$$\\hat{\\delta}^L = \\frac{\\partial {\\cal C}}{\\partial (\\hat{a}^L)}$$\n")
    assert [r.verdict for r in _rows(text)[-2:]] == ["holds", "refuted"]


def test_a_defined_hat_is_not_its_letter():
    # ŷ = σ(z) is a prediction: it is never read as y
    text = ("$$z^L_j = \\sum_k w^L_{jk} a^{L-1}_k + b^L_j$$\n\n$$\\hat{y}_j = \\sigma(z^L_j)$$\n\n"
            "$$\\frac{\\partial C}{\\partial b^L_j} = \\hat{y}_j$$\n")
    assert _rows(text)[-1].verdict != "holds"


def test_a_later_forward_sets_the_order_only_for_its_own_layer():
    # the forward (layer l, output-first) comes last: claims about w^{(l)} use its order, a
    # claim about w^{(l+1)} that holds only output-first stays unchecked
    text = ("$$\\frac{\\partial E}{\\partial w_{ij}^{(l)}} = \\delta_i^{(l)} h_j^{(l-1)}$$\n\n"
            "$$\\frac{\\partial E}{\\partial w_{ij}^{(l)}} = \\delta_j^{(l)} h_i^{(l-1)}$$\n\n"
            "$$\\delta_i^{(l)} = \\sum_j \\delta_j^{(l+1)} w_{ji}^{(l+1)} \\sigma'(z_i^{(l)})$$\n\n"
            "$$z_i^{(l)} = \\sum_j w_{ij}^{(l)} h_j^{(l-1)} + b_i^{(l)}$$\n")
    assert [r.verdict for r in _rows(text)[:3]] == ["holds", "refuted", "unchecked"]


def test_rows_are_samples_y_equals_xw_plus_b():
    # Y = XW + b: X (batch, in), W (in, out); autograd truth for the three gradients
    X, W, b = torch.randn(2, 4, requires_grad=True), torch.randn(4, 3, requires_grad=True), \
        torch.randn(3, requires_grad=True)
    Y = X @ W + b
    G = torch.randn(2, 3)
    (Y * G).sum().backward()
    assert torch.allclose(W.grad, X.detach().T @ G) and torch.allclose(X.grad, G @ W.detach().T)
    assert torch.allclose(b.grad, G.sum(0))
    text = ("A linear layer on a batch of rows, $Y = XW + b$.\n\n"
            "$$\\frac{\\partial L}{\\partial W} = X^T \\frac{\\partial L}{\\partial Y}$$\n\n"
            "$$\\frac{\\partial L}{\\partial X} = \\frac{\\partial L}{\\partial Y} W^T$$\n\n"
            "$$\\frac{\\partial L}{\\partial W_{ij}} = \\sum_n X_{ni} \\frac{\\partial L}{\\partial Y_{nj}}$$\n\n"
            "$$\\frac{\\partial L}{\\partial b_j} = \\sum_n \\frac{\\partial L}{\\partial Y_{nj}}$$\n\n"
            "$$\\frac{\\partial L}{\\partial W} = \\frac{\\partial L}{\\partial Y} X^T$$\n\n"
            "$$\\frac{\\partial L}{\\partial X} = \\frac{\\partial L}{\\partial Y} W$$\n\n"
            "$$\\frac{\\partial L}{\\partial W_{ij}} = \\sum_n X_{nj} \\frac{\\partial L}{\\partial Y_{ni}}$$\n")
    rows = _rows(text)
    assert [r.verdict for r in rows] == ["holds"] * 4 + ["refuted"] * 3, [r.detail for r in rows]
    assert "X 4x2" in rows[0].detail               # a batch of two rows


def test_ng_notation_bracket_labels_and_backward_rules_are_claims():
    # Z = W A + b with labels [l]; dA = W^T dZ is a claim (before: read as a second forward and
    # dropped); '*' between vectors (Ng's entrywise product) is asked, never read as a product
    text = ("Examples as columns, each layer $[l]$ with its own sizes.\n\n"
            "$$Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}$$\n\n$$A^{[l]} = \\sigma(Z^{[l]})$$\n\n"
            "$$W^{[l]}_{jk} \\ne 0$$\n\n"
            "$$dZ^{[l]} = dA^{[l]} \\odot \\sigma'(Z^{[l]})$$\n\n"
            "$$dZ^{[l]} = dA^{[l]} * \\sigma'(Z^{[l]})$$\n\n"
            "$$dW^{[l]} = dZ^{[l]} A^{[l-1]T}$$\n\n"
            "$$dA^{[l-1]} = W^{[l]T} dZ^{[l]}$$\n\n"
            "$$dW^{[l]} = A^{[l-1]} dZ^{[l]T}$$\n")
    rows = {r.latex: r for r in _rows(text)}
    got = [rows[k].verdict for k in rows if k.startswith("d")]
    # autograd: z = W a, dW = dz a^T, da = W^T dz (W 3x4); A dZ^T is (4x3), not W's shape
    W, a = torch.randn(3, 4, requires_grad=True), torch.randn(4, 1, requires_grad=True)
    dz = torch.randn(3, 1)
    ((W @ a) * dz).sum().backward()
    assert torch.allclose(W.grad, dz @ a.detach().T) and torch.allclose(a.grad, W.detach().T @ dz)
    assert got == ["holds", "unchecked", "holds", "holds", "refuted"], [r.detail for r in rows.values()]


def test_a_transposed_weight_in_the_forward_is_input_first():
    # z = W^T x + b: W is (in, out), z_j = Σ_i W_{ij} x_i (autograd below)
    W, x = torch.randn(4, 3, requires_grad=True), torch.randn(4, requires_grad=True)
    g = torch.randn(3)
    ((W.T @ x) * g).sum().backward()
    assert torch.allclose(W.grad, x.detach()[:, None] * g[None, :]) and torch.allclose(x.grad, W.detach() @ g)
    text = ("$$z = W^T x + b$$\n\n"
            "$$\\frac{\\partial L}{\\partial W_{ij}} = x_i \\frac{\\partial L}{\\partial z_j}$$\n\n"
            "$$\\frac{\\partial L}{\\partial W_{ij}} = x_j \\frac{\\partial L}{\\partial z_i}$$\n\n"
            "$$\\frac{\\partial L}{\\partial x} = W \\frac{\\partial L}{\\partial z}$$\n\n"
            "$$\\frac{\\partial L}{\\partial x} = W^T \\frac{\\partial L}{\\partial z}$$\n")
    assert [r.verdict for r in _rows(text)[1:]] == ["holds", "refuted", "holds", "refuted"]
