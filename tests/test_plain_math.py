r"""Backward rules written as plain text or code-like math (symbp/check/plain_math.py), read into
the claims the LaTeX readers check, with no directive.

The spellings are those real authors use in notes, blog posts and Q&A answers: CS231n-style
``dx = dout.dot(w.T)``, ``db = np.sum(dout, axis=0)``; ``dX = dY @ W.T``, ``np.matmul``;
Markdown notes typing ``dL/dW[f, c, p, q] = Σ_i Σ_j dL/dY[f, i, j] * X[c, i+p, j+q]``;
``sum_{i,j}``, ``sum over o, u, v of``, ``∂L/∂W[...]`` with ``·``.  Truth comes from torch
autograd and from plain loops evaluating each written formula, never from symbp.
"""
import numpy as np
import pytest
import torch

from symbp.check.checker import check_text
from symbp.check.plain_math import is_plain, plain_latex

torch.set_default_dtype(torch.float64)


def _same(a, b):
    return a is not None and a.shape == b.shape and np.allclose(a, b)


def _try(f):
    """The array ``f()`` gives, ``None`` when NumPy cannot form it (shapes that do not fit)."""
    try:
        return f()
    except ValueError:
        return None


# --------------------------------------------------------------- fully connected, rows = samples

def fc_truth():
    """Autograd's gradients of out = x w + b (x: 2x4, w: 4x3), and each written formula by numpy."""
    torch.manual_seed(0)
    x, w, b = (torch.randn(*s, requires_grad=True) for s in ((2, 4), (4, 3), (3,)))
    out = x @ w + b
    out.retain_grad()
    torch.sin(out).sum().backward()
    dout, xn, wn = out.grad.numpy(), x.detach().numpy(), w.detach().numpy()
    dx, dw, db = x.grad.numpy(), w.grad.numpy(), b.grad.numpy()
    return {
        "dx = dout.dot(w.T)": _same(_try(lambda: dout.dot(wn.T)), dx),
        "dx = np.dot(dout, w)": _same(_try(lambda: np.dot(dout, wn)), dx),
        "dw = x.T.dot(dout)": _same(_try(lambda: xn.T.dot(dout)), dw),
        "dw = dout.dot(x.T)": _same(_try(lambda: dout.dot(xn.T)), dw),
        "db = np.sum(dout, axis=0)": _same(np.sum(dout, axis=0), db),
        "db = np.sum(dout, axis=1)": _same(np.sum(dout, axis=1), db),
        "dx = dout @ w.T": _same(_try(lambda: dout @ wn.T), dx),
        "dw = x.T @ dout": _same(_try(lambda: xn.T @ dout), dw),
        "dw = x^T @ dout": _same(_try(lambda: xn.T @ dout), dw),
        "dw = np.matmul(x.T, dout)": _same(_try(lambda: np.matmul(xn.T, dout)), dw),
        "dw = np.dot(np.transpose(x), dout)": _same(_try(lambda: np.dot(np.transpose(xn), dout)), dw),
        "dx = dout @ w": _same(_try(lambda: dout @ wn), dx),
    }


FC_TRUTH = fc_truth()
FC_FORWARDS = {"dot": "out = x.dot(w) + b", "np.dot": "out = np.dot(x, w) + b", "@": "out = x @ w + b"}


def test_fc_truth_is_not_vacuous():
    assert sum(FC_TRUTH.values()) == 8 and sum(not v for v in FC_TRUTH.values()) == 4


@pytest.mark.parametrize("forward", FC_FORWARDS.values(), ids=FC_FORWARDS.keys())
def test_fc_code_like_rules(forward):
    text = f"# affine layer\n\n$$\n{forward}\n$$\n\n" + "".join(f"$$\n{c}\n$$\n\n" for c in FC_TRUTH)
    got = {c.latex: (c.verdict, c.detail) for c in check_text(text, "md").claims}
    assert got[forward][0] == "definition", got[forward]
    for claim, truth in FC_TRUTH.items():
        verdict, detail = got[claim]
        assert verdict == ("holds" if truth else "refuted"), (forward, claim, detail)


# --------------------------------------------------------------- convolution, entries in brackets

def conv_truth():
    """Autograd's conv2d gradients (x: 2x5x4, W: 3x2x2x3, no padding, stride 1) and each written
    formula evaluated by loops, entries outside an array being absent (the valid range)."""
    torch.manual_seed(1)
    x = torch.randn(1, 2, 5, 4, requires_grad=True)
    W = torch.randn(3, 2, 2, 3, requires_grad=True)
    b = torch.randn(3, requires_grad=True)
    out = torch.nn.functional.conv2d(x, W, b)
    out.retain_grad()
    (out ** 2).sum().backward()
    g, xn, Wn = out.grad[0].numpy(), x.detach()[0].numpy(), W.detach().numpy()
    F, C, KH, KW = Wn.shape
    _, OH, OW = g.shape
    _, H, Wd = xn.shape

    def at(a, *idx):
        return a[idx] if all(0 <= k < n for k, n in zip(idx, a.shape)) else 0.0

    def dw(sign):
        return np.array([[[[sum(at(g, f, i, j) * at(xn, c, i + sign * p, j + sign * q)
                                for i in range(OH) for j in range(OW))
                            for q in range(KW)] for p in range(KH)] for c in range(C)] for f in range(F)])

    def dx(sign):
        return np.array([[[sum(at(g, f, m + sign * p, n + sign * q) * Wn[f, c, p, q]
                               for f in range(F) for p in range(KH) for q in range(KW))
                           for n in range(Wd)] for m in range(H)] for c in range(C)])

    db = np.array([sum(g[f, i, j] for i in range(OH) for j in range(OW)) for f in range(F)])
    return {"db": _same(db, b.grad.numpy()),
            "dW+": _same(dw(+1), W.grad.numpy()), "dW-": _same(dw(-1), W.grad.numpy()),
            "dX-": _same(dx(-1), x.grad[0].numpy()), "dX+": _same(dx(+1), x.grad[0].numpy())}


CONV_TRUTH = conv_truth()
# the same five rules, each in the spelling of a different kind of author
CONV_CLAIMS = {
    "sigma": ("Y[f, i, j] = b[f] + Σ_c Σ_p Σ_q  W[f, c, p, q] * X[c, i+p, j+q]", {
        "db": "dL/db[f] = Σ_i Σ_j  dL/dY[f, i, j]",
        "dW+": "dL/dW[f, c, p, q] = Σ_i Σ_j  dL/dY[f, i, j] * X[c, i+p, j+q]",
        "dW-": "dL/dW[f, c, p, q] = Σ_i Σ_j  dL/dY[f, i, j] * X[c, i-p, j-q]",
        "dX-": "dL/dX[c, m, n] = Σ_f Σ_p Σ_q  dL/dY[f, m-p, n-q] * W[f, c, p, q]",
        "dX+": "dL/dX[c, m, n] = Σ_f Σ_p Σ_q  dL/dY[f, m+p, n+q] * W[f, c, p, q]"}),
    "ascii-sum": ("out[o, i, j] = b[o] + sum_{c,u,v} x[c, i+u, j+v] * W[o, c, u, v]", {
        "db": "db[o] = sum_{i,j} dout[o, i, j]",
        "dW+": "dW[o, c, u, v] = sum_{i,j} dout[o, i, j] * x[c, i+u, j+v]",
        "dW-": "dW[o, c, u, v] = sum_{i,j} dout[o, i, j] * x[c, i-u, j-v]",
        "dX-": "dx[c, h, w] = sum_{o,u,v} dout[o, h-u, w-v] * W[o, c, u, v]",
        "dX+": "dx[c, h, w] = sum over o, u, v of dout[o, h+u, w+v] * W[o, c, u, v]"}),
    "partial": ("Y[f, i, j] = b[f] + ∑_{c,p,q} W[f, c, p, q] · X[c, i+p, j+q]", {
        "db": "∂L/∂b[f] = ∑_{i,j} ∂L/∂Y[f, i, j]",
        "dW+": "∂L/∂W[f, c, p, q] = ∑_{i,j} ∂L/∂Y[f, i, j] · X[c, i+p, j+q]",
        "dW-": "∂L/∂W[f, c, p, q] = ∑_{i,j} ∂L/∂Y[f, i, j] · X[c, i−p, j−q]",
        "dX-": "∂L/∂X[c, m, n] = ∑_{f,p,q} ∂L/∂Y[f, m−p, n−q] · W[f, c, p, q]",
        "dX+": "∂L/∂X[c, m, n] = ∑_{f,p,q} ∂L/∂Y[f, m+p, n+q] · W[f, c, p, q]"}),
}


def test_conv_truth_is_not_vacuous():
    assert CONV_TRUTH == {"db": True, "dW+": True, "dW-": False, "dX-": True, "dX+": False}


@pytest.mark.parametrize("style", CONV_CLAIMS)
def test_conv_plain_text_rules(style):
    forward, claims = CONV_CLAIMS[style]
    text = f"# conv\n\n$$\n{forward}\n$$\n\n" + "".join(f"$$\n{c}\n$$\n\n" for c in claims.values())
    got = {c.latex: (c.verdict, c.detail) for c in check_text(text, "md").claims}
    assert got[forward][0] == "definition", got[forward]
    for cid, claim in claims.items():
        verdict, detail = got[claim]
        assert verdict == ("holds" if CONV_TRUTH[cid] else "refuted"), (style, cid, detail)


# --------------------------------------------------------------- what stays as written

def test_latex_is_left_alone():
    for latex in (r"\frac{\partial L}{\partial W} = X^T \delta", r"\delta^l = (W^{l+1})^T \delta^{l+1}",
                  r"z_{ij} = \sum_m \sum_n w_{mn} a_{i+m,j+n}", r"y = a/b"):
        assert not is_plain(latex) and plain_latex(latex) == latex


@pytest.mark.parametrize("claim", ["dL/dW = dL/dY * X'",            # ' a transpose or a derivative?
                                   "dW = X.T @ dY.reshape(N, -1)",   # reshapes are not read
                                   "db = np.sum(dout)",              # no axis: a scalar
                                   "da = np.tensordot(d, w, [(2), (0)])"])
def test_unreadable_code_stays_unchecked(claim):
    text = f"# affine\n\n$$\nY = X @ W + b\n$$\n\n$$\n{claim}\n$$\n"
    [got] = [c for c in check_text(text, "md").claims if c.latex == claim]
    assert got.verdict == "unchecked" and got.detail, got


def test_transliteration_spellings():
    """Token for token: the LaTeX each spelling is read as (transposes, products, sums)."""
    cases = {
        "dA_prev = np.dot(W.T, dZ)": "W^T dZ",
        "dW = 1/m * np.dot(dZ, A.T)": r"1/m \cdot (dZ A^T)",
        "dZ = np.dot(W.T, dZ2) * (1 - A**2)": r"(W^T dZ2) \odot (1 - A^2)",
        "dW = (X.T).dot(dY)": "(X^T) dY",
        "dx = dout @ W.T": r"\mathrm{dout} W^T",
        "δ^{l} = (W^{l+1})^T δ^{l+1} ⊙ σ'(z^l)": r"\delta^{l} = (W^{l+1})^T \delta^{l+1} \odot \sigma'(z^l)",
        "db = np.sum(dout, axis=(0,2,3))": r"db_{f} = \sum_{n} \sum_{i} \sum_{j} \mathrm{dout}_{n,f,i,j}",
        "grad = d(L)/d(W)": r"\frac{\partial L}{\partial W}",
    }
    for plain, latex in cases.items():
        assert latex in plain_latex(plain), (plain, plain_latex(plain))


# --------------------------------------------------------------- primes: a transpose only when said

def test_prime_read_as_transpose_when_the_prose_says_so():
    """MATLAB-style ``X'``: read as X^T where the prose says so, else no verdict (it was refuted)."""
    forward = "Y = X W + b"                    # the truth's x, w, dout are X, W, dY here
    claims = {"dW = X' dY": "dw = x.T @ dout", "dX = dY W'": "dx = dout @ w.T",
              "dW = dY X'": "dw = dout.dot(x.T)"}      # (2,3) @ (4,2): no product
    said = "# affine\n\nHere X' denotes the transpose of X, as in MATLAB.\n\n"
    text = f"$$\n{forward}\n$$\n\n" + "".join(f"$$\n{c}\n$$\n\n" for c in claims)
    got = {c.latex: c for c in check_text(said + text, "md").claims}
    for claim, code in claims.items():
        truth = FC_TRUTH.get(code, False)
        assert got[claim].verdict == ("holds" if truth else "refuted"), (claim, got[claim].detail)
    assert [code for code in claims.values() if FC_TRUTH.get(code)] == ["dw = x.T @ dout", "dx = dout @ w.T"]
    silent = {c.latex: c for c in check_text("# affine\n\n" + text, "md").claims}
    for claim in claims:
        assert silent[claim].verdict == "unchecked", (claim, silent[claim].detail)
        assert "may be a transpose" in silent[claim].detail


def test_prime_meaning_from_prose():
    from symbp.check.plain_primes import prime_meaning
    assert prime_meaning("where W' is the transpose of W") == "transpose"
    assert prime_meaning("the transpose is written with a prime") == "transpose"
    assert prime_meaning("a prime denotes the derivative") == "derivative"
    assert prime_meaning("W' is the transpose; f' denotes the derivative") is None
    assert prime_meaning("nothing about it") is None


# --------------------------------------------------------------- Unicode vector rules (Nielsen-style)

def nielsen_truth():
    """δ^l = ∂C/∂z^l of a 2-layer sigmoid network by autograd, against each written rule."""
    torch.manual_seed(3)
    a0 = torch.randn(4, 1)
    W1, b1 = torch.randn(3, 4, requires_grad=True), torch.randn(3, 1, requires_grad=True)
    W2, b2 = torch.randn(2, 3), torch.randn(2, 1)
    z1 = W1 @ a0 + b1
    z1.retain_grad()
    z2 = W2 @ torch.sigmoid(z1) + b2
    z2.retain_grad()
    torch.cos(z2).sum().backward()
    d1, d2, s = z1.grad, z2.grad, torch.sigmoid(z1.detach())
    sp = s * (1 - s)
    return {"δ^{l} = (W^{l+1})^T δ^{l+1} ⊙ σ'(z^l)": torch.allclose(W2.T @ d2 * sp, d1),
            "δ^{l} = (W^{l+1})ᵀ δ^{l+1} .* σ'(z^l)": torch.allclose(W2.T @ d2 * sp, d1),
            "∂C/∂W^l = δ^l (a^{l-1})^T": torch.allclose(d1 @ a0.T, W1.grad),
            "∂C/∂W^l = (a^{l-1})^T δ^l": False,                      # (1,4) @ (3,1): no product
            "∂C/∂b^l = δ^l": torch.allclose(d1, b1.grad)}


def test_unicode_vector_rules():
    truth = nielsen_truth()
    assert sum(truth.values()) == 4
    text = "# network\n\n$$\nz^l = W^l a^{l-1} + b^l\n$$\n\n$$\na^l = σ(z^l)\n$$\n\n" + "".join(
        f"$$\n{c}\n$$\n\n" for c in truth)
    got = {c.latex: c for c in check_text(text, "md").claims}
    for claim, true in truth.items():      # a false rule that holds with one neuron a layer: asked
        assert got[claim].verdict in (("holds",) if true else ("refuted", "unchecked")), (claim, got[claim].detail)


# --------------------------------------------------------------- formulas in plain code blocks and code spans

def test_formulas_in_code_blocks_and_spans():
    """A plain fenced block's formula lines and formula code spans are claims; a ```python block
    and statements (allocations, loops) are not."""
    text = ("# affine\n\nThe forward pass is `out = x.dot(w) + b`; the backward pass:\n\n```\n"
            "dx = dout.dot(w.T)   # (N, D)\ndw = x.T.dot(dout)\ndb = np.sum(dout, axis=0)\n"
            "dw = dout.dot(x.T)\nfor i in range(N):\n```\n\n```python\ndx = np.dot(dout, w)\n"
            "dx = np.zeros_like(x)\n```\n\nInline: `dx = dout @ w.T` and `db = np.sum(dout, axis=1)`.\n")
    got = {c.latex: c.verdict for c in check_text(text, "md").claims}
    want = {c: ("holds" if FC_TRUTH[c] else "refuted") for c in
            ("dx = dout.dot(w.T)", "dw = x.T.dot(dout)", "db = np.sum(dout, axis=0)", "dw = dout.dot(x.T)",
             "dx = dout @ w.T", "db = np.sum(dout, axis=1)")}
    assert got == {"out = x.dot(w) + b": "definition", **want}


# --------------------------------------------------------------- bad input: bounded work, no exception

def test_adversarial_input_is_bounded_and_never_raises():
    import random
    import time
    from symbp.check.plain_math import code_formula, plain_reason
    from symbp.check.plain_primes import ambiguous_prime
    units = ["np.dot(", "x.dot(", "a @ b * ", "np.dot(a,b)", "(a).T", "x_{i'} ", ")" * 50 + ".T ", "Σ_i "]
    start = time.process_time()
    for unit in units:
        text = (unit * (19_990 // len(unit) + 1))[:19_990]
        plain_latex(text), ambiguous_prime(text, None), plain_reason(text), code_formula(text)
    assert time.process_time() - start < 5                     # was 9 s for one of them
    rng = random.Random(0)
    tokens = ["np.dot(", "np.sum(", ", axis=0)", ".T", ".dot(", "(", ")", "[", "]", "{", "}", "a", "W",
              "dY", "@", "*", "**", ".*", "'", "Σ_i", "dL/dW", "=", " ", "^T", "1/m", ".t()", "`", "δ"]
    for _ in range(500):
        text = "".join(rng.choice(tokens) for _ in range(rng.randint(1, 30)))
        for primes in (None, "transpose"):
            assert isinstance(plain_latex(text, primes), str)
        plain_reason(text), ambiguous_prime(text, None), code_formula(text)


def test_numpy_operator_order_is_kept():
    """NumPy's *, / and @ bind alike from the left; LaTeX's juxtaposition binds tighter than ⊙:
    the transliteration groups so both mean the same (truth: the NumPy expression itself)."""
    rng = np.random.default_rng(0)
    g, X, W = rng.normal(size=(2, 3)), rng.normal(size=(2, 3)), rng.normal(size=(3, 3))
    assert not np.allclose(g * X @ W, g * (X @ W))                # the two readings differ
    assert plain_latex("dX = g * X @ W").replace(" ", "") == r"dX=(g\odotX)W"
    assert plain_latex("dX = X @ W * g").replace(" ", "") == r"dX=XW\odotg"     # (XW) ⊙ g, as NumPy
    assert plain_latex("dZ = g * np.dot(X, W)").replace(" ", "") == r"dZ=g\odot(XW)"


def test_matlab_rule_with_prime_and_dot_star():
    """MATLAB's (W^{l+1})' * δ .* σ'(z): * the matrix product, .* entrywise, ' a transpose
    where the prose says so (truth: autograd, as in nielsen_truth)."""
    truth = nielsen_truth()
    assert truth["δ^{l} = (W^{l+1})^T δ^{l+1} ⊙ σ'(z^l)"]
    claims = {"δ^{l} = (W^{l+1})' * δ^{l+1} .* σ'(z^l)": True,
              "δ^{l} = W^{l+1} * δ^{l+1} .* σ'(z^l)": False}        # (2,3) @ (2,1): no product
    body = "$$\nz^l = W^l a^{l-1} + b^l\n$$\n\n$$\na^l = σ(z^l)\n$$\n\n" + "".join(f"$$\n{c}\n$$\n\n" for c in claims)
    said = "# network\n\nHere W' denotes the transpose of W, as in MATLAB.\n\n"
    got = {c.latex: c for c in check_text(said + body, "md").claims}
    for claim, true in claims.items():
        assert got[claim].verdict in (("holds",) if true else ("refuted", "unchecked")), (claim, got[claim].detail)
    silent = {c.latex: c for c in check_text("# network\n\n" + body, "md").claims}
    first = next(iter(claims))
    assert silent[first].verdict == "unchecked" and "may be a transpose" in silent[first].detail
