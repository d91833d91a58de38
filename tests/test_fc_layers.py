r"""Two-layer networks whose layers are numbered by superscripts, with no directive: each claim is
read in the layer its names belong to (symbp.check.fc_layers).  Spellings as real authors write
them: samples as rows with a hat on the prediction (``Y^1 = XW^1 + b^1``, ``H^1 = f(Y^1)``,
``\hat y = H^1 W^2 + b^2``), columns with other letters per layer (``z^1 = W^1 x + b^1``,
``a^1 = \sigma(z^1)``, ``z^2 = W^2 a^1 + b^2``), Ng's brackets (``Z^{[2]} = W^{[2]} A^{[1]} +
b^{[2]}``) and UFLDL's parentheses whose weight number is one below the output's
(``z^{(2)} = W^{(1)} x + b^{(1)}``).  Truth from torch autograd: every claim is evaluated on
torch's tensors, never by symbp."""
import pytest
import torch

from symbp.check.checker import check_text
from symbp.check.fc_infer import read_fc_forward
from symbp.check.fc_layers import layer_number, numbered_layers, plain_claim

G = torch.Generator().manual_seed(3)


def _rand(*shape):
    return torch.randn(*shape, generator=G, dtype=torch.float64)


def _rows_net():
    """X (N, D) -> Y1 = X W1 + b1 -> H1 = tanh(Y1) -> yhat = H1 W2 + b2 -> L = Σ R ⊙ yhat."""
    x, w1, b1, w2, b2, r = _rand(2, 3), _rand(3, 4), _rand(4), _rand(4, 2), _rand(2), _rand(2, 2)
    for t in (x, w1, b1, w2, b2):
        t.requires_grad_(True)
    y1 = x @ w1 + b1
    y1.retain_grad()
    h1 = torch.tanh(y1)
    h1.retain_grad()
    yhat = h1 @ w2 + b2
    yhat.retain_grad()
    (r * yhat).sum().backward()
    d = {k: v.detach() for k, v in dict(X=x, W1=w1, W2=w2, Y1=y1, H1=h1).items()}
    g = dict(X=x.grad, W1=w1.grad, b1=b1.grad, W2=w2.grad, b2=b2.grad, Y1=y1.grad, H1=h1.grad, yhat=yhat.grad)
    return d, g


def _cols_net():
    """x (4,) -> z1 = W1 x + b1 -> a1 = tanh(z1) -> z2 = W2 a1 + b2 -> L = Σ r ⊙ z2."""
    x, w1, b1, w2, b2, r = _rand(4), _rand(3, 4), _rand(3), _rand(2, 3), _rand(2), _rand(2)
    for t in (w1, b1, w2, b2):
        t.requires_grad_(True)
    z1 = w1 @ x + b1
    z1.retain_grad()
    a1 = torch.tanh(z1)
    a1.retain_grad()
    z2 = w2 @ a1 + b2
    z2.retain_grad()
    (r * z2).sum().backward()
    d = dict(x=x, W1=w1.detach(), W2=w2.detach(), z1=z1.detach(), a1=a1.detach())
    g = dict(W1=w1.grad, b1=b1.grad, W2=w2.grad, b2=b2.grad, z1=z1.grad, a1=a1.grad, z2=z2.grad)
    return d, g


def _same(lhs, rhs) -> bool:
    return lhs.shape == rhs.shape and torch.allclose(lhs, rhs)


ROWS_DOC = r"""# A two-layer network, samples as rows

The hidden layer is $Y^1 = XW^1 + b^1$ and $H^1 = f(Y^1)$; the output is $\hat y = H^1 W^2 + b^2$.

$$
\hat y = H^1 W^2 + b^2
$$

"""


def _rows_claims():
    d, g = _rows_net()
    fp = 1 - torch.tanh(d["Y1"]) ** 2
    return [   # (claim, torch's verdict)
        (r"\frac{\partial L}{\partial H^1} = \frac{\partial L}{\partial \hat y} {W^2}^T", _same(g["H1"], g["yhat"] @ d["W2"].T)),
        (r"\frac{\partial L}{\partial H^1} = \frac{\partial L}{\partial \hat y} W^2", False),       # shapes differ
        (r"\frac{\partial L}{\partial W^2} = {H^1}^T \frac{\partial L}{\partial \hat y}", _same(g["W2"], d["H1"].T @ g["yhat"])),
        (r"\frac{\partial L}{\partial W^2} = X^T \frac{\partial L}{\partial \hat y}", "mixed"),   # layer 1's input
        (r"\frac{\partial L}{\partial W^2_{ij}} = \sum_{m} {H^1}^T_{im} \frac{\partial L}{\partial \hat y_{mj}}",
         _same(g["W2"], d["H1"].T @ g["yhat"])),
        (r"\frac{\partial L}{\partial W^2_{ij}} = \sum_{m} H^1_{mj} \frac{\partial L}{\partial \hat y_{mi}}",
         _same(g["W2"][:2, :2], (d["H1"].T @ g["yhat"]).T[:2, :2])),
        (r"\frac{\partial L}{\partial b^2_{j}} = \sum_{m} \frac{\partial L}{\partial \hat y_{mj}}", _same(g["b2"], g["yhat"].sum(0))),
        (r"\frac{\partial L}{\partial Y^1} = \frac{\partial L}{\partial H^1} \odot f'(Y^1)", _same(g["Y1"], g["H1"] * fp)),
        (r"\frac{\partial L}{\partial Y^1} = \frac{\partial L}{\partial H^1}", _same(g["Y1"], g["H1"])),
        (r"\frac{\partial L}{\partial X} = \frac{\partial L}{\partial Y^1}{W^1}^T", _same(g["X"], g["Y1"] @ d["W1"].T)),
        (r"\frac{\partial L}{\partial W^1} = X^T \frac{\partial L}{\partial Y^1}", _same(g["W1"], d["X"].T @ g["Y1"])),
        (r"\frac{\partial L}{\partial W^1} = \frac{\partial L}{\partial Y^1} X^T", False),        # order swapped
    ]


COLS_DOC = r"""# A two-layer network, one sample as a column

$$
z^1 = W^1 x + b^1, \quad a^1 = \sigma(z^1)
$$

$$
z^2 = W^2 a^1 + b^2
$$

"""

NG_DOC = r"""# Ng's brackets

$$
Z^{[1]} = W^{[1]} x + b^{[1]}
$$

$$
A^{[1]} = g(Z^{[1]})
$$

$$
Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]}
$$

"""

UFLDL_DOC = r"""# UFLDL's parentheses: the weight's number is the layer it leaves

$$
z^{(2)} = W^{(1)} x + b^{(1)}
$$

$$
a^{(2)} = f(z^{(2)})
$$

$$
z^{(3)} = W^{(2)} a^{(2)} + b^{(2)}
$$

"""


def _cols_claims(spell):
    d, g = _cols_net()
    sp1 = 1 - torch.tanh(d["z1"]) ** 2
    s = spell
    return [
        (rf"\frac{{\partial L}}{{\partial {s('W', 2)}}} = \frac{{\partial L}}{{\partial {s('z', 2)}}} ({s('a', 1)})^T",
         _same(g["W2"], torch.outer(g["z2"], d["a1"]))),
        (rf"\frac{{\partial L}}{{\partial {s('W', 2)}}} = ({s('a', 1)})^T \frac{{\partial L}}{{\partial {s('z', 2)}}}", False),
        (rf"\frac{{\partial L}}{{\partial {s('a', 1)}}} = ({s('W', 2)})^T \frac{{\partial L}}{{\partial {s('z', 2)}}}",
         _same(g["a1"], d["W2"].T @ g["z2"])),
        (rf"\frac{{\partial L}}{{\partial {s('z', 1)}}} = ({s('W', 2)})^T \frac{{\partial L}}{{\partial {s('z', 2)}}} \odot \sigma'({s('z', 1)})",
         _same(g["z1"], (d["W2"].T @ g["z2"]) * sp1)),
        (rf"\frac{{\partial L}}{{\partial {s('z', 1)}}} = ({s('W', 2)})^T \frac{{\partial L}}{{\partial {s('z', 2)}}}",
         _same(g["z1"], d["W2"].T @ g["z2"])),
        (rf"\frac{{\partial L}}{{\partial {s('W', 1)}}} = \frac{{\partial L}}{{\partial {s('z', 1)}}} x^T",
         _same(g["W1"], torch.outer(g["z1"], d["x"]))),
        (rf"\frac{{\partial L}}{{\partial {s('b', 2)}}} = \frac{{\partial L}}{{\partial {s('z', 2)}}}", _same(g["b2"], g["z2"])),
        (rf"\frac{{\partial L}}{{\partial {s('W', 2)}_{{ij}}}} = \frac{{\partial L}}{{\partial {s('z', 2)}_j}} {s('a', 1)}_i",
         _same(g["W2"][:2, :2], torch.outer(d["a1"], g["z2"])[:2, :2])),
    ]


def _plain(letter, n):
    return f"{letter}^{n}"


def _ng(letter, n):
    return f"{letter.upper() if letter in 'za' else letter}^{{[{n}]}}"


def _ufldl(letter, n):          # W^{(1)} leaves layer 1: z^{(2)}, a^{(2)} belong to it
    return f"{letter}^{{({n if letter in 'Wb' else n + 1})}}"


def _verdicts(doc, claims):
    text = doc + "".join(f"$$\n{c}\n$$\n\n" for c, _ in claims)
    report = check_text(text, "md")
    got = {c.latex.strip(): c.verdict for c in report.claims}
    return [(c, truth, got.get(c)) for c, truth in claims]


@pytest.mark.parametrize("doc, claims", [
    (ROWS_DOC, _rows_claims),
    (COLS_DOC, lambda: _cols_claims(_plain)),
    (NG_DOC, lambda: _cols_claims(_ng)),
    (UFLDL_DOC, lambda: _cols_claims(_ufldl)),
], ids=["rows-hat", "columns", "ng-brackets", "ufldl-parentheses"])
def test_claims_in_their_layer_agree_with_torch(doc, claims):
    rows = _verdicts(doc, claims())
    for claim, truth, verdict in rows:       # names of two layers in one claim: not read here
        want = "unchecked" if truth == "mixed" else "holds" if truth else "refuted"
        assert verdict == want, (claim, truth, verdict)


def test_a_claim_fitting_no_layer_is_not_decided_here():
    # W^3 names no layer of the document: never read as layer 2's weight
    claim = r"\frac{\partial L}{\partial W^3} = \frac{\partial L}{\partial z^2} (a^1)^T"
    (_, _, verdict), = _verdicts(COLS_DOC, [(claim, None)])
    assert verdict != "holds"


def test_powers_stay_powers():
    # one numbered weight: no layers are read, and x^2 in a regulariser is no layer
    assert numbered_layers([r"z = W x + b", r"R = \lambda \sum w^2"], read_fc_forward) == {}
    assert layer_number("2") == 2 and layer_number("[2]T") == 2 and layer_number("(2)") == 2
    assert layer_number("l") is None


def test_decorations_are_stripped():
    assert plain_claim(r"\frac{\partial E}{\partial w} = \color{red}{\delta_k}\color{blue}{a_j}") == \
        r"\frac{\partial E}{\partial w} = {\delta_k}{a_j}"
    assert plain_claim(r"= \sum_n a_n \text{transpose of } W^2") == r"= \sum_n a_n"
    assert plain_claim(r"= 0 \text{ if } k \neq j") == r"= 0 \text{ if } k \neq j"


# ---------------------------------------------------------------- layers told apart by index letters

CLEVER_DOC = r"""# One hidden layer, index letters i (inputs), j (hidden), k (outputs)

The hidden pre-activation is $z_j = b_j + \sum_i a_i w_{ij}$ with $a_j = g_j(z_j)$.

$$
z_k = b_k + \sum_j a_jw_{jk}
$$

With $a_k = g_k(z_k)$ the output, the error is

$$
E = \frac{1}{2}\sum_{k}(a_k - t_k)^2
$$

"""

BISHOP_DOC = r"""# Bishop's letters: a the sums, z the unit outputs

$$
a_j = \sum_i w_{ji} z_i
$$

$$
z_j = h(a_j)
$$

$$
a_k = \sum_j w_{kj} z_j
$$

"""


def _clever_net():
    """a_i -> z_j = b_j + Σ_i a_i w_ij -> a_j = tanh -> z_k = b_k + Σ_j a_j w_jk -> a_k = tanh -> E."""
    a_i, w1, b1, w2, b2, t = _rand(3), _rand(3, 4), _rand(4), _rand(4, 2), _rand(2), _rand(2)
    for v in (w1, b1, w2, b2):
        v.requires_grad_(True)
    z_j = a_i @ w1 + b1
    z_j.retain_grad()
    a_j = torch.tanh(z_j)
    z_k = a_j @ w2 + b2
    z_k.retain_grad()
    a_k = torch.tanh(z_k)
    a_k.retain_grad()
    (0.5 * ((a_k - t) ** 2).sum()).backward()
    gp_j, gp_k = 1 - a_j.detach() ** 2, 1 - a_k.detach() ** 2
    return dict(a_i=a_i, a_j=a_j.detach(), a_k=a_k.detach(), t=t, w2=w2.detach(), gp_j=gp_j, gp_k=gp_k,
                gw1=w1.grad, gb2=b2.grad, gw2=w2.grad, gz_j=z_j.grad, gz_k=z_k.grad, ga_k=a_k.grad)


def _clever_claims():
    n = _clever_net()
    err = (n["a_k"] - n["t"]) * n["gp_k"]
    return [
        (r"\frac{\partial E}{\partial w_{jk}} = (a_k - t_k) g_k'(z_k) a_j", _same(n["gw2"], torch.outer(n["a_j"], err))),
        (r"\frac{\partial E}{\partial w_{jk}} = \color{red}{(a_k - t_k)}\color{blue}{g'_k(z_k)}\color{green}{a_j}",
         _same(n["gw2"], torch.outer(n["a_j"], err))),
        (r"\frac{\partial E}{\partial z_k} = (a_k - t_k) g'_k(z_k)", _same(n["gz_k"], err)),
        (r"\frac{\partial E}{\partial z_k} = a_k - t_k", _same(n["gz_k"], n["a_k"] - n["t"])),
        (r"\frac{\partial E}{\partial a_k} = a_k - t_k", _same(n["ga_k"], n["a_k"] - n["t"])),
        (r"\frac{\partial E}{\partial b_k} = (a_k - t_k)g_k'(z_k)", _same(n["gb2"], err)),
        (r"\frac{\partial E}{\partial z_j} = g'_j(z_j) \sum_k \frac{\partial E}{\partial z_k} w_{jk}",
         _same(n["gz_j"], n["gp_j"] * (n["w2"] @ n["gz_k"]))),
        (r"\frac{\partial E}{\partial z_j} = \sum_k \frac{\partial E}{\partial z_k} w_{jk}", _same(n["gz_j"], n["w2"] @ n["gz_k"])),
        (r"\frac{\partial E}{\partial w_{ij}} = \frac{\partial E}{\partial z_j} a_i", _same(n["gw1"], torch.outer(n["a_i"], n["gz_j"]))),
        (r"\frac{\partial z_k}{\partial w_{jk}} = a_j", True),             # z_k = b_k + Σ_j a_j w_jk, entry by entry
    ]


def _bishop_claims():
    """Bishop: a_j = Σ_i w_ji z_i, z_j = h(a_j), a_k = Σ_j w_kj z_j, E any: δ = ∂E/∂a."""
    z_i, w1, w2, r = _rand(3), _rand(4, 3), _rand(2, 4), _rand(2)
    w1.requires_grad_(True)
    a_j = w1 @ z_i
    a_j.retain_grad()
    z_j = torch.tanh(a_j)
    a_k = w2 @ z_j
    a_k.retain_grad()
    (r * a_k).sum().backward()
    d_j, d_k, hp = a_j.grad, a_k.grad, 1 - z_j.detach() ** 2
    return [
        (r"\delta_j = h'(a_j) \sum_k w_{kj} \delta_k", _same(d_j, hp * (w2.T @ d_k))),
        (r"\delta_j = \sum_k w_{kj} \delta_k", _same(d_j, w2.T @ d_k)),
        (r"\frac{\partial E}{\partial w_{ji}} = \delta_j z_i", _same(w1.grad, torch.outer(d_j, z_i))),
    ]


@pytest.mark.parametrize("doc, claims", [(CLEVER_DOC, _clever_claims), (BISHOP_DOC, _bishop_claims)],
                         ids=["clever-machine", "bishop"])
def test_index_letter_layers_agree_with_torch(doc, claims):
    for claim, truth, verdict in _verdicts(doc, claims()):
        assert verdict == ("holds" if truth else "refuted"), (claim, truth, verdict)


def test_output_activation_is_not_the_input_at_another_index():
    # a_k = g_k(z_k) beside a_j the input: ∂E/∂a_k is the output's, never W^T δ read at index k
    claim = r"\frac{\partial E}{\partial z_k} = \frac{\partial E}{\partial a_k} g'(z_k)"
    (_, _, verdict), = _verdicts(CLEVER_DOC, [(claim, True)])
    assert verdict == "holds"


def test_directives_that_name_the_layer_by_number_or_by_index_letters():
    # the names a directive gives carry the layer: W^2=kernel (a number), w_{jk}=kernel (index letters)
    rows = _rows_claims()
    numbered = "<!-- symbp: layer=fc in=4 out=2 batch=2 names: H^1=input W^2=kernel b^2=bias \\hat{y}=output L=loss -->\n\n"
    picked = [rows[0], rows[1], rows[2], rows[6]]                  # layer 2's claims
    for claim, truth, verdict in _verdicts(numbered + ROWS_DOC, picked):
        assert verdict == ("holds" if truth else "refuted"), (claim, truth, verdict)
    letters = "<!-- symbp: layer=fc in=4 out=2 names: a_j=input w_{jk}=kernel b_k=bias z_k=output a_k=activation E=loss -->\n\n"
    clever = _clever_claims()
    picked = [clever[0], clever[2], clever[3], clever[5]]           # the output layer's claims
    for claim, truth, verdict in _verdicts(letters + CLEVER_DOC, picked):
        assert verdict == ("holds" if truth else "refuted"), (claim, truth, verdict)


def test_a_hat_is_a_name_in_a_single_layer():
    # \hat{y} = W x + b (retiredbatman, joyabrata): ŷ is the layer's output, not a macro to refuse
    x, w, b, r = _rand(4, 1), _rand(3, 4), _rand(3, 1), _rand(3, 1)
    w.requires_grad_(True)
    x.requires_grad_(True)
    yhat = w @ x + b
    yhat.retain_grad()
    (r * yhat).sum().backward()
    doc = "# A linear layer\n\n$$\n\\hat{y} = W x + b\n$$\n\n"
    claims = [
        (r"\frac{\partial L}{\partial W} = \frac{\partial L}{\partial \hat{y}} x^T", _same(w.grad, yhat.grad @ x.detach().T)),
        (r"\frac{\partial L}{\partial x} = W^T \frac{\partial L}{\partial \hat y}", _same(x.grad, w.detach().T @ yhat.grad)),
        (r"\frac{\partial L}{\partial x} = W \frac{\partial L}{\partial \hat y}", "scalars?"),  # holds for numbers only
        (r"\frac{\partial L}{\partial b} = \frac{\partial L}{\partial \hat y}", True),
    ]
    for claim, truth, verdict in _verdicts(doc, claims):      # never indexed: numbers or vectors? asked
        want = "unchecked" if truth == "scalars?" else "holds" if truth else "refuted"
        assert verdict == want, (claim, truth, verdict)


def test_a_quadratic_cost_on_the_prediction():
    # L = ½ Σ (ŷ - y)² on the last layer's affine output ŷ: ∂L/∂ŷ = ŷ - y (no activation there)
    x, w1, b1, w2, b2, y = _rand(2, 3), _rand(3, 4), _rand(4), _rand(4, 2), _rand(2), _rand(2, 2)
    w2.requires_grad_(True)
    h1 = torch.tanh(x @ w1 + b1)
    yhat = h1 @ w2 + b2
    yhat.retain_grad()
    (0.5 * ((yhat - y) ** 2).sum()).backward()
    e = (yhat - y).detach()
    doc = ROWS_DOC + "$$\nL = \\frac{1}{2}\\sum_{n,k} (\\hat y_{nk} - y_{nk})^2\n$$\n\n"
    claims = [
        (r"\frac{\partial L}{\partial \hat y} = \hat y - y", _same(yhat.grad, e)),
        (r"\frac{\partial L}{\partial \hat y} = 2(\hat y - y)", _same(yhat.grad, 2 * e)),
        (r"\frac{\partial L}{\partial W^2} = {H^1}^T (\hat y - y)", _same(w2.grad, h1.T @ e)),
        (r"\frac{\partial L}{\partial W^2} = (\hat y - y) {H^1}^T", False),                 # shapes differ
    ]
    for claim, truth, verdict in _verdicts(doc, claims):
        assert verdict == ("holds" if truth else "refuted"), (claim, truth, verdict)


def test_nielsen_letters_with_numbers_and_a_quadratic_cost():
    # one letter a for the input (a^1) and the activation (a^2) of layer 2; C = ½‖a^2 - y‖²
    x, w1, b1, w2, b2, y = _rand(4, 1), _rand(3, 4), _rand(3, 1), _rand(2, 3), _rand(2, 1), _rand(2, 1)
    for v in (w1, w2):
        v.requires_grad_(True)
    z1 = w1 @ x + b1
    z1.retain_grad()
    a1 = torch.sigmoid(z1)
    z2 = w2 @ a1 + b2
    z2.retain_grad()
    a2 = torch.sigmoid(z2)
    (0.5 * ((a2 - y) ** 2).sum()).backward()
    d1, d2, a1, a2 = z1.grad, z2.grad, a1.detach(), a2.detach()
    doc = ("# Two layers\n\n$$\nz^1 = W^1 x + b^1, \\quad a^1 = \\sigma(z^1)\n$$\n\n"
           "$$\nz^2 = W^2 a^1 + b^2, \\quad a^2 = \\sigma(z^2)\n$$\n\n$$\nC = \\frac{1}{2}\\|a^2 - y\\|^2\n$$\n\n")
    claims = [
        (r"\delta^2 = (a^2 - y) \odot \sigma'(z^2)", _same(d2, (a2 - y) * a2 * (1 - a2))),
        (r"\delta^2 = a^2 - y", _same(d2, a2 - y)),
        (r"\delta^1 = (W^2)^T \delta^2 \odot \sigma'(z^1)", _same(d1, (w2.detach().T @ d2) * a1 * (1 - a1))),
        (r"\frac{\partial C}{\partial W^2} = \delta^2 (a^1)^T", _same(w2.grad, d2 @ a1.T)),
        (r"\frac{\partial C}{\partial W^1} = \delta^1 x^T", _same(w1.grad, d1 @ x.T)),
        (r"\frac{\partial C}{\partial W^2_{jk}} = a^1_k \delta^2_j", _same(w2.grad, d2 @ a1.T)),
    ]
    for claim, truth, verdict in _verdicts(doc, claims):
        assert verdict == ("holds" if truth else "refuted"), (claim, truth, verdict)


SUBSCRIPT_DOC = r"""# Layer numbers as subscripts (samples as rows)

$$
z_1 = XW_1 + b_1,\quad a_1 = \mathrm{ReLU}(z_1)
$$

$$
z_2 = a_1W_2 + b_2
$$

"""


def test_layer_numbers_written_as_subscripts():
    # z_1 = XW_1 + b_1, z_2 = a_1W_2 + b_2 (a common spelling): W_2 is layer 2's weight, a_1^T a transpose
    x, w1, b1, w2, b2, r = _rand(2, 3), _rand(3, 4), _rand(4), _rand(4, 2), _rand(2), _rand(2, 2)
    for v in (w1, w2):
        v.requires_grad_(True)
    z1 = x @ w1 + b1
    z1.retain_grad()
    a1 = torch.tanh(z1)
    a1.retain_grad()
    z2 = a1 @ w2 + b2
    z2.retain_grad()
    (r * z2).sum().backward()
    a1d, fp = a1.detach(), 1 - a1.detach() ** 2
    claims = [
        (r"\frac{\partial L}{\partial W_2} = a_1^T \frac{\partial L}{\partial z_2}", _same(w2.grad, a1d.T @ z2.grad)),
        (r"\frac{\partial L}{\partial W_2} = \frac{\partial L}{\partial z_2} a_1^T", False),      # shapes differ
        (r"\frac{\partial L}{\partial a_1} = \frac{\partial L}{\partial z_2} W_2^T", _same(a1.grad, z2.grad @ w2.detach().T)),
        (r"\frac{\partial L}{\partial z_1} = \frac{\partial L}{\partial a_1} \odot \sigma'(z_1)", _same(z1.grad, a1.grad * fp)),
        (r"\frac{\partial L}{\partial W_1} = X^T \frac{\partial L}{\partial z_1}", _same(w1.grad, x.T @ z1.grad)),
        (r"\frac{\partial L}{\partial W_1} = X^T \frac{\partial L}{\partial z_2}", "mixed"),       # layer 2's z
    ]
    for claim, truth, verdict in _verdicts(SUBSCRIPT_DOC, claims):
        want = "unchecked" if truth == "mixed" else "holds" if truth else "refuted"
        assert verdict == want, (claim, truth, verdict)


def test_subscripts_that_number_entries_are_not_layers():
    # y_1 = w_1 x_1 + b, y_2 = w_2 x_2 + b: two neurons of one layer, not layers 1 and 2
    doc = "# Two neurons\n\n$$\ny_1 = w_1 x_1 + b\n$$\n\n$$\ny_2 = w_2 x_2 + b\n$$\n\n"
    claims = [(r"\frac{\partial L}{\partial w_1} = \frac{\partial L}{\partial y_1} x_1", True),
              (r"\frac{\partial L}{\partial b} = \frac{\partial L}{\partial y_1} + \frac{\partial L}{\partial y_2}", True)]
    for claim, _truth, verdict in _verdicts(doc, claims):
        assert verdict != "refuted", claim
