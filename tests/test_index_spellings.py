r"""Entry spellings the index reader reads as ``T_{…}``: plain-text derivations typed with Unicode
(``∂L/∂w_{mn} = Σ_i Σ_j (∂L/∂y_{ij}) × x_{i+m, j+n}``, ``∂L/∂wₘₙ = Σᵢ Σⱼ …``, a code block's rows
``= …`` under a formula), slash derivatives of an entry written as a call (``dL/dW(m, n)``), and
arrays named by an upright word and written as calls (``\text{Out}(i, j)``).

The documents are this file's own.  Truth: torch autograd's gradients of one conv2d layer, and each
written formula evaluated by plain loops (an entry outside its array is absent, the valid range);
never symbp.
"""
import numpy as np
import pytest
import torch

from symbp.check.checker import check_text
from symbp.check.index_calls import entry_latex, entry_names
from symbp.check.plain_math import code_continuation, plain_latex

torch.set_default_dtype(torch.float64)
H, W, KH, KW = 5, 4, 2, 3
OH, OW = H - KH + 1, W - KW + 1


def _autograd():
    torch.manual_seed(7)
    x = torch.randn(H, W, requires_grad=True)
    k = torch.randn(KH, KW, requires_grad=True)
    b = torch.randn((), requires_grad=True)
    y = torch.nn.functional.conv2d(x[None, None], k[None, None])[0, 0] + b
    g = torch.randn(OH, OW)
    y.backward(g)
    return x.detach().numpy(), k.detach().numpy(), g.numpy(), x.grad.numpy(), k.grad.numpy(), b.grad.item()


X, K, G, DX, DK, DB = _autograd()


def _at(a, i, j):
    return a[i, j] if 0 <= i < a.shape[0] and 0 <= j < a.shape[1] else 0.0


def _dk(sign):
    """Σ_i Σ_j g[i, j] x[i ± m, j ± n], by loops."""
    return np.array([[sum(G[i, j] * _at(X, i + sign * m, j + sign * n) for i in range(OH) for j in range(OW))
                      for n in range(KW)] for m in range(KH)])


def _dx(sign):
    """Σ_m Σ_n g[p ± m, q ± n] k[m, n], by loops."""
    return np.array([[sum(_at(G, p + sign * m, q + sign * n) * K[m, n] for m in range(KH) for n in range(KW))
                      for q in range(W)] for p in range(H)])


TRUTH = {"dk+": np.allclose(_dk(+1), DK), "dk-": np.allclose(_dk(-1), DK), "db": np.isclose(G.sum(), DB),
         "dx-": np.allclose(_dx(-1), DX), "dx+": np.allclose(_dx(+1), DX)}
SECTION = "<!-- symbp: layer=conv2d input=5x4 kernel=2x3 conv=cross index_base=0 -->"


def _verdicts(text):
    return {c.latex: c.verdict for c in check_text(text, "md").claims}


def _want(key):
    return "holds" if TRUTH[key] else "refuted"


def test_truth_is_not_vacuous():
    assert TRUTH == {"dk+": True, "dk-": False, "db": True, "dx-": True, "dx+": False}


# --------------------------------------------------------------- plain-text derivations typed with Unicode

BRACED = {   # ∂ and Σ typed as characters, subscripts with braces, the local factor in parentheses
    "∂L/∂w_{mn} = Σ_i Σ_j (∂L/∂y_{ij}) × (∂y_{ij}/∂w_{mn})": "dk+",
    "∂L/∂w_{mn} = Σ_i Σ_j (∂L/∂y_{ij}) × x_{i+m, j+n}": "dk+",
    "∂L/∂w_{mn} = Σ_i Σ_j ∂L/∂y_{ij} · x_{i-m, j-n}": "dk-",
    "∂L/∂b = Σ_{i,j} ∂L/∂y_{ij}": "db",
    "∂L/∂x_{pq} = Σ_m Σ_n (∂L/∂y_{p-m,q-n}) × w_{mn}": "dx-",
    "∂L/∂x_{pq} = Σ_{m,n} ∂L/∂y_{p+m,q+n} · w_{mn}": "dx+",
}
SCRIPTS = {   # indices typed with Unicode subscript characters
    "∂L/∂wₘₙ = Σᵢ Σⱼ (∂L/∂yᵢⱼ) × xᵢ₊ₘ,ⱼ₊ₙ": "dk+",
    "∂L/∂wₘₙ = Σᵢ Σⱼ ∂L/∂yᵢⱼ · xᵢ₋ₘ,ⱼ₋ₙ": "dk-",
    "∂L/∂b = Σᵢ,ⱼ ∂L/∂yᵢⱼ": "db",
}
FORWARD = r"y_{ij} = \sum_m \sum_n w_{mn} x_{i+m,j+n} + b"


@pytest.mark.parametrize("claims", [BRACED, SCRIPTS], ids=["braced", "scripts"])
def test_unicode_derivations_in_displays(claims):
    text = f"# conv\n{SECTION}\n\n$${FORWARD}$$\n\n" + "".join(f"$${c}$$\n\n" for c in claims)
    got = _verdicts(text)
    for claim, key in claims.items():
        assert got[claim] == _want(key), (claim, got[claim])


def test_code_block_rows_continue_the_formula_above():
    """A plain code block: ``= …`` rows under a formula continue its left side; a row ``= …``
    after prose or a statement is no claim."""
    text = (f"# conv\n{SECTION}\n\nThe forward is ${FORWARD}$.\n\n```\n"
            "∂L/∂w_{mn} = Σ_i Σ_j (∂L/∂y_{ij}) × (∂y_{ij}/∂w_{mn})\n"
            "           = Σ_i Σ_j (∂L/∂y_{ij}) × x_{i+m, j+n}\n"
            "∂L/∂x_{pq} = Σ_m Σ_n ∂L/∂y_{p+m,q+n} · w_{mn}\n"
            "           = Σ_m Σ_n ∂L/∂y_{p-m,q-n} · w_{mn}\n"
            "for i in range(H):\n"
            "           = Σ_i Σ_j ∂L/∂y_{ij} · x_{i-m, j-n}\n```\n")
    got = _verdicts(text)
    assert got == {"∂L/∂w_{mn} = Σ_i Σ_j (∂L/∂y_{ij}) × (∂y_{ij}/∂w_{mn})": _want("dk+"),
                   "= Σ_i Σ_j (∂L/∂y_{ij}) × x_{i+m, j+n}": _want("dk+"),
                   "∂L/∂x_{pq} = Σ_m Σ_n ∂L/∂y_{p+m,q+n} · w_{mn}": _want("dx+"),
                   "= Σ_m Σ_n ∂L/∂y_{p-m,q-n} · w_{mn}": _want("dx-")}, got


def test_transliteration():
    assert plain_latex("∂L/∂w_{mn} = Σ_i (∂L/∂y_{ij})") == \
        r"\frac{\partial L}{\partial w_{mn}} = \sum_i (\frac{\partial L}{\partial y_{ij}})"
    assert plain_latex("∂L/∂wₘₙ = Σᵢ,ⱼ xᵢ₊ₘ,ⱼ₊ₙ") == r"\frac{\partial L}{\partial w_{mn}} = \sum_{i,j} x_{i+m,j+n}"
    assert plain_latex("δ⁽ˡ⁾ = W⁽ˡ⁺¹⁾ δ⁽ˡ⁺¹⁾") == r"\delta^{(l)} = W^{(l+1)} \delta^{(l+1)}"
    assert plain_latex("dL/dW(m, n) = 1") == r"\frac{\partial L}{\partial W_{m,n}} = 1"
    for kept in ("dL/dW(X, b) = 1", "dL/dW(X, W) = 1", "dL/dW(f(x), n) = 1"):   # arguments, not indices
        assert "W_{" not in plain_latex(kept), kept
    for kept in (r"\frac{\partial L}{\partial W}(X, W)", r"\frac{\partial L}{\partial W}(x)"):
        assert entry_latex(kept, entry_names(kept)) == kept
    assert code_continuation("= a + b == c") is None and code_continuation("x = y") is None


# --------------------------------------------------------------- entries written as calls

CALLS = {
    r"dL/dW(m,n) = \sum_{i}\sum_{j} dL/dY(i,j) X(i+m, j+n)": "dk+",
    r"dL/dW(m,n) = \sum_{i}\sum_{j} dL/dY(i,j) X(i-m, j-n)": "dk-",
    r"dL/dX(p,q) = \sum_{m}\sum_{n} dL/dY(p-m,q-n) W(m,n)": "dx-",
    r"\frac{\partial L}{\partial W}(m,n) = \sum_{i,j} \frac{\partial L}{\partial Y}(i,j) X(i+m, j+n)": "dk+",
    r"\frac{\partial L}{\partial X}(p,q) = \sum_{m,n} \left(\frac{\partial L}{\partial Y}\right)(p+m,q+n) W(m,n)": "dx+",
}
WORD_CALLS = {
    r"\frac{\partial L}{\partial \text{Kernel}(m,n)} = \sum_{i}\sum_{j} \frac{\partial L}{\partial \text{Out}(i,j)} \, \text{In}(i+m, j+n)": "dk+",
    r"\frac{\partial L}{\partial \text{Kernel}(m,n)} = \sum_{i}\sum_{j} \frac{\partial L}{\partial \text{Out}(i,j)} \, \text{In}(i-m, j-n)": "dk-",
    r"\frac{\partial L}{\partial \mathrm{In}(p,q)} = \sum_{m}\sum_{n} \frac{\partial L}{\partial \mathrm{Out}(p+m,q+n)} \mathrm{Kernel}(m,n)": "dx+",
}
CALL_FORWARDS = {"slash": (r"Y(i,j) = \sum_{m}\sum_{n} X(i+m, j+n) W(m,n)", CALLS),
                 "words": (r"\text{Out}(i,j) = \sum_{m}\sum_{n} \text{In}(i+m, j+n) \, \text{Kernel}(m,n)", WORD_CALLS)}


@pytest.mark.parametrize("spelling", CALL_FORWARDS)
def test_call_entries(spelling):
    forward, claims = CALL_FORWARDS[spelling]
    text = f"# conv\n{SECTION}\n\n$${forward}$$\n\n" + "".join(f"$${c}$$\n\n" for c in claims)
    got = _verdicts(text)
    assert got[forward] == "definition", got
    for claim, key in claims.items():
        assert got[claim] == _want(key), (claim, got[claim])


def test_operation_words_are_no_entries():
    text = r"\text{Out}(i,j) = \text{conv}(i, j) + \operatorname{rot180}(m, n) + \mathrm{ReLU}(i, j) + \text{In}(i, j)"
    names = entry_names("$$" + text + "$$")
    assert names.calls == {r"\text{Out}": 2, r"\text{In}": 2}
    assert entry_latex(text, names) == \
        r"\text{Out}_{i,j} = \text{conv}(i, j) + \operatorname{rot180}(m, n) + \mathrm{ReLU}(i, j) + \text{In}_{i,j}"
