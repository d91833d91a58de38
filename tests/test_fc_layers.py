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
