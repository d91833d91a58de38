r"""Presentation markup that carries no mathematics, markup that does, the Frobenius inner
product and decorated letters (issue 12, t18a).

Spellings as real authors write them: struts ``\rule{0mm}{7mm}`` between rows and
``\underbrace{…}_{O_{2×2}}`` labels (an Arabic blog post on ConvNet backprop), MathJax's
``\color{red}{X}`` and KaTeX's ``{\color{red} X}`` highlighting the factors of a chain rule
(a Korean backprop note, a softmax cross-entropy derivation, lecture notes in Markdown),
``\textcolor`` / ``\colorbox``, ``\overbrace{…}^{…}``; the Frobenius product
``\left\langle A, B \right\rangle_F`` (the same post), ``\langle A, B \rangle`` and
``⟨A | B⟩_F`` (math Stack Exchange answers); the loss as ``\mathcal{L}`` / ``{\cal C}`` / ``\ell``
and ``\ell`` as a layer label (Gibiansky's CNN post, the CompPhysics notes).

The truth of every claim is torch autograd or a plain loop, never symbp: a wrong claim must
never hold, a right one never be refuted, and markup that changes what a claim says (a term
struck out, a negated relation, a term the display calls wrong) leaves it unchecked.
"""
import pytest
import torch
import torch.nn.functional as F

from symbp.check.checker import check_text
from symbp.check.display_markup import markup_reason, plain_markup
from symbp.check.doc_letters import DocumentLetters
from symbp.check.frobenius import frobenius_sums, letter_index_counts

torch.set_default_dtype(torch.float64)


def conv_truth():
    """A 3x3 input, 2x2 kernel cross-correlation with L = Σ G ⊙ O: autograd's ∂L/∂X, ∂L/∂F
    against the closed forms the claims state."""
    torch.manual_seed(5)
    X, K = torch.randn(1, 1, 3, 3, requires_grad=True), torch.randn(1, 1, 2, 2, requires_grad=True)
    G = torch.randn(1, 1, 2, 2)
    (F.conv2d(X, K) * G).sum().backward()
    full = F.conv2d(F.pad(G, (1, 1, 1, 1)), torch.flip(K.detach(), (2, 3)))      # pad_1(δ) * rot180(W)
    no_rot = F.conv2d(F.pad(G, (1, 1, 1, 1)), K.detach())
    return {"da": torch.allclose(X.grad, full), "da_no_rot": torch.allclose(X.grad, no_rot),
            "dW": torch.allclose(K.grad, F.conv2d(X.detach(), G))}


CONV = conv_truth()
CONV_DIRECTIVE = "<!-- symbp: layer=conv2d input=3x3 kernel=2x2 -->\n\n"
# the same claims dressed as authors dress them; the key: which torch truth it states
DRESSED = {
    r"\frac{\partial J}{\partial a} = \color{red}{pad_1(\delta)} * \color{blue}{rot180(W)}": "da",
    r"\frac{\partial J}{\partial a} = {\color{red} pad_1(\delta)} * {\color{blue}rot180(W)}": "da",
    r"\frac{\partial J}{\partial a} = \textcolor{red}{pad_1(\delta) * rot180(W)}": "da",
    r"\frac{\partial J}{\partial a} = \colorbox{yellow}{$pad_1(\delta)$} * rot180(W)": None,   # text mode: as written
    r"\frac{\partial J}{\partial a} = \underbrace{pad_1(\delta) * rot180(W)}_{\text{full convolution}}": "da",
    r"\frac{\partial J}{\partial a} = \underbrace{pad_1(\delta)}_{\text{padded } \delta} * rot180(W) \rule{0mm}{7mm}": "da",
    r"\frac{\partial J}{\partial a} = \overbrace{pad_1(\delta) * W}^{\text{no flip}}": "da_no_rot",
    r"\rule[-1ex]{0pt}{3ex} \frac{\partial J}{\partial W} = a * \delta": "dW",
    r"\color{green}\frac{\partial J}{\partial W} = \color{black} a * \delta": "dW",
}


def _verdicts(text: str) -> list:
    return [(c.latex, c.verdict, c.detail) for c in check_text(text, "md").claims]


@pytest.mark.parametrize("claim,key", list(DRESSED.items()))
def test_dressed_claims_get_the_plain_claims_verdict(claim, key):
    (latex, verdict, detail), = _verdicts(CONV_DIRECTIVE + f"$${claim}$$\n")
    if key is None:
        assert verdict == "unchecked"
        return
    assert verdict == ("holds" if CONV[key] else "refuted"), detail


STRUCK = [
    r"\frac{\partial J}{\partial a} = \cancel{2} pad_1(\delta) * rot180(W)",
    r"\frac{\partial J}{\partial a} = pad_1(\delta) * rot180(W) + \bcancel{pad_1(\delta) * W}",
    r"\frac{\partial J}{\partial a} \not= pad_1(\delta) * rot180(W)",
    r"\frac{\partial J}{\partial a} = \color{red}{pad_1(\delta) * rot180(W)} \quad \text{(wrong)}",
    r"\frac{\partial J}{\partial a} = \underbrace{pad_1(\delta) * rot180(W)}_{\text{a typo here}}",
]


@pytest.mark.parametrize("claim", STRUCK)
def test_markup_that_changes_the_claim_leaves_it_unchecked(claim):
    assert CONV["da"]                       # what the plain claim would be: true
    (latex, verdict, detail), = _verdicts(CONV_DIRECTIVE + f"$${claim}$$\n")
    assert verdict == "unchecked"
    assert markup_reason(claim) in detail


def test_not_in_a_condition_is_the_plain_inequality():
    # ``i \not= j`` in a cases row or after the claim is ≠; only a negated claim is not read
    assert markup_reason(r"\frac{\partial p_i}{\partial z_j} = \begin{cases} a & i = j \\ b & i \not= j \end{cases}") is None
    assert markup_reason(r"\frac{\partial p_i}{\partial z_j} = -p_i p_j \quad \text{if } i \not= j") is None
    assert markup_reason(r"\frac{\partial J}{\partial a} = b \not= c") is not None


def test_plain_markup_keeps_what_is_printed():
    assert plain_markup(r"\underbrace{a}_b + \overbrace{c}^{d} = \rule{1pt}{2pt}e") == "{a} + {c} =  e"
    assert plain_markup(r"\fcolorbox{red}{white}{x} + \textcolor[rgb]{1,0,0}{y}") == "{x} + {y}"
    assert plain_markup(r"\bbox[yellow,5px]{a + b} = \smash[b]{c}") == "{a + b} = {c}"
    assert plain_markup(r"\underbrace{a + b") == r"\underbrace{a + b"          # never closed: as written
    assert plain_markup(r"\cancel{a} + \color{red} b") == r"\cancel{a} + \color{red} b"


# --------------------------------------------------------------------------- the Frobenius product

def frobenius_truth():
    """dL/dF_ij against Σ_uv dL/dO_uv dO_uv/dF_ij (and the wrong Σ_uv dL/dO_uv dO_uv/dX_ij),
    with the Jacobians from torch."""
    torch.manual_seed(11)
    X, K, G = torch.randn(3, 3), torch.randn(2, 2), torch.randn(2, 2)
    out = lambda x, k: F.conv2d(x[None, None], k[None, None])[0, 0]         # noqa: E731
    dO_dK = torch.autograd.functional.jacobian(lambda k: out(X, k), K)      # [u, v, i, j]
    dO_dX = torch.autograd.functional.jacobian(lambda x: out(x, K), X)
    Kp = K.clone().requires_grad_(True)
    (out(X, Kp) * G).sum().backward()
    by_kernel = torch.einsum("uv,uvij->ij", G, dO_dK)
    by_input = torch.einsum("uv,uvij->ij", G, dO_dX)[:2, :2]
    return {"F": torch.allclose(Kp.grad, by_kernel), "F_wrong": torch.allclose(Kp.grad, by_input)}


FROB = frobenius_truth()
FROB_DOC = ("<!-- symbp: layer=conv2d input=3x3 kernel=2x2 bias=0 conv=cross index_base=1 "
            "names: X=input F=kernel O=output L=loss -->\n\n"
            "$$O_{11} = X_{11}F_{11} + X_{12}F_{12} + X_{21}F_{21} + X_{22}F_{22}$$\n\n")
FROBENIUS = {
    r"\frac{\partial L}{\partial F_{ij}} = \left\langle \frac{\partial L}{\partial O}, \frac{\partial O}{\partial F_{ij}} \right\rangle_{F}": "F",
    r"\frac{\partial L}{\partial F_{ij}} = \langle \frac{\partial L}{\partial O}, \frac{\partial O}{\partial F_{ij}} \rangle": "F",
    r"\frac{\partial L}{\partial F_{ij}} = ⟨\nabla_{O} L \mid \frac{\partial O}{\partial F_{ij}}⟩_F": "F",
    r"\frac{\partial L}{\partial F_{ij}} = \langle \frac{\partial L}{\partial O}, \frac{\partial O}{\partial X_{ij}} \rangle_F": "F_wrong",
}


@pytest.mark.parametrize("claim,key", list(FROBENIUS.items()))
def test_frobenius_products_are_checked_as_sums(claim, key):
    assert FROB["F"] and not FROB["F_wrong"]
    verdicts = _verdicts(FROB_DOC + f"$${claim}$$\n")
    latex, verdict, detail = verdicts[-1]
    assert verdict == ("holds" if FROB[key] else "refuted"), detail


def test_frobenius_of_two_tensors_is_not_read():
    # ⟨∂L/∂O, ∂Z/∂F_ij⟩: shaped by O and by Z; symbp does not know they are the same shape
    claim = r"\frac{\partial L}{\partial F_{ij}} = \langle \frac{\partial L}{\partial O}, \frac{\partial Z}{\partial F_{ij}} \rangle_F"
    assert frobenius_sums(claim, {"O": 2, "Z": 2, "F": 2}) == claim
    latex, verdict, detail = _verdicts(FROB_DOC + f"$${claim}$$\n")[-1]
    assert verdict == "unchecked"


def test_frobenius_index_letters_come_from_the_document():
    assert letter_index_counts(r"$O_{11}$ $O_{f,i,j}$ $x_{i+m}$") == {}            # two counts: O not read
    assert letter_index_counts(r"$O_{f,i,j}$ $O_{1,2,2}$") == {"O": 3}
    three = frobenius_sums(r"g_{k} = \langle \frac{\partial L}{\partial O}, \frac{\partial O}{\partial w_{k}} \rangle", {"O": 3})
    assert r"= \sum_{u} \sum_{v} \sum_{p} " in three and r"O_{u,v,p}" in three
    assert frobenius_sums(r"\langle A, B \rangle", {"A": 2}) == r"\langle A, B \rangle"       # no count of B
    # ∂O/∂F between two indexed tensors, ∂Z/∂O with Z a tensor: not a scalar's gradient, not read
    for text in (r"\langle \frac{\partial L}{\partial O}, \frac{\partial O}{\partial F} \rangle",
                 r"\langle \frac{\partial Z}{\partial O}, \frac{\partial O}{\partial F_{ij}} \rangle"):
        assert frobenius_sums(text, {"O": 2, "F": 2, "Z": 2}) == text


# --------------------------------------------------------------------------- decorated letters

def test_script_loss_and_ell_label_read_as_plain_letters():
    text = r"$$x^{\ell}_{ij} = \sum_a \omega_a y^{\ell-1}_{i+a}$$ $$\frac{\partial \mathcal{L}}{\partial \omega_{a}} = 0$$"
    letters = DocumentLetters(text)
    assert letters.plain(r"\frac{\partial \mathcal{L}}{\partial x^{\ell}_{ij}}") == r"\frac{\partial L}{\partial x^{l}_{ij}}"
    # L taken (the number of layers), \mathcal{L} the loss: read as J
    taken = DocumentLetters(r"$a^L$ $$\nabla_{W} \mathscr{L} = 0$$")
    assert taken.plain(r"\partial\mathscr{L}") == r"\partial J"
    # \ell both a label and the differentiated loss: left as written
    both = DocumentLetters(r"$$\frac{\partial \ell}{\partial W^{\ell}} = 0$$")
    assert both.plain(r"\frac{\partial \ell}{\partial W^{\ell}}") == r"\frac{\partial \ell}{\partial W^{\ell}}"
    # a script letter never differentiated (a set, a layer's name) stays
    assert DocumentLetters(r"$$x \in \mathcal{D}$$").plain(r"x \in \mathcal{D}") == r"x \in \mathcal{D}"
    # a script capital that is no loss letter stays, differentiated or not (F: the kernel here)
    assert DocumentLetters(r"$$O = X * F$$ $$\partial \mathcal{F}$$").plain(r"\partial \mathcal{F}") == r"\partial \mathcal{F}"


def test_script_loss_claims_get_the_plain_verdict():
    assert CONV["da"] and CONV["dW"] and not CONV["da_no_rot"]
    doc = CONV_DIRECTIVE + "".join(f"$${c}$$\n\n" for c in (
        r"\frac{\partial \mathcal{J}}{\partial a} = pad_1(\delta) * rot180(W)",
        r"\frac{\partial {\cal J}}{\partial W} = a * \delta",
        r"\frac{\partial \mathcal{J}}{\partial a} = pad_1(\delta) * W"))
    assert [v for _, v, _ in _verdicts(doc)] == ["holds", "holds", "refuted"]


# --------------------------------------------------------------------------- pooling in index notation

def pool_truth(mode: str, A: torch.Tensor):
    """∂L/∂A of a 2x2 pooling (PyTorch's stride: the window) with L = Σ G ⊙ B."""
    A = A.clone().requires_grad_(True)
    G = torch.arange(1.0, 5.0).reshape(1, 1, 2, 2)
    ((F.max_pool2d if mode == "max" else F.avg_pool2d)(A, 2) * G).sum().backward()
    return A.grad[0, 0], G[0, 0]


def _pool_matrix(cells) -> str:
    rows = [" & ".join(r"\frac{\partial L}{\partial B_{%d%d}}" % c if c else "0" for c in row) for row in cells]
    return r"\begin{pmatrix} " + r" \\ ".join(rows) + r" \end{pmatrix}"


def test_index_pooling_directive_stride_and_argmax():
    A = torch.zeros(1, 1, 4, 4)
    A[0, 0, 0, 0] = A[0, 0, 0, 2] = A[0, 0, 2, 0] = A[0, 0, 2, 2] = 1.0        # maxima: top-left of each window
    grad, G = pool_truth("max", A)
    tl = [[(1, 1), None, (1, 2), None], [None] * 4, [(2, 1), None, (2, 2), None], [None] * 4]
    br = [[None] * 4, [None, (1, 1), None, (1, 2)], [None] * 4, [None, (2, 1), None, (2, 2)]]
    value = lambda cells: torch.tensor([[G[c[0] - 1, c[1] - 1] if c else 0.0 for c in row] for row in cells])  # noqa: E731
    assert torch.equal(grad, value(tl)) and not torch.equal(grad, value(br))
    avg, _ = pool_truth("avg", torch.randn(1, 1, 4, 4))
    quarter = [[(1 + i // 2, 1 + j // 2) for j in range(4)] for i in range(4)]
    assert torch.equal(avg, value(quarter) / 4)
    names = "index_base=1 names: A=input B=output L=loss -->\n\n"
    doc = ("<!-- symbp: layer=maxpool input=4x4 kernel=2x2 argmax=tl,tl,tl,tl " + names +
           f"$$\\frac{{\\partial L}}{{\\partial A}} = {_pool_matrix(tl)}$$\n\n"
           f"$$\\frac{{\\partial L}}{{\\partial A}} = {_pool_matrix(br)}$$\n\n"
           "<!-- symbp: layer=avgpool input=4x4 kernel=2x2 " + names +
           f"$$\\frac{{\\partial L}}{{\\partial A}} = \\frac{{1}}{{4}} {_pool_matrix(quarter)}$$\n\n")
    assert [v for _, v, _ in _verdicts(doc)] == ["holds", "refuted", "holds"]
