r"""Index names beyond one Latin letter (issue 12): subscripted names (``c_{in}``, ``c_\text{out}``,
``k_1``), Greek letters (``\alpha``, ``\mu``, ``\gamma``), names written side by side
(``x_{i_1 j_1}``) and under sums (``\sum_{c_{in}=0}^{C_{in}-1}``, ``\sum_{\mu,\nu}``).

How authors write a multi-channel convolution's indices: Huawei's CANN operator page
(``x_{n, c_{in}, i, j}``, ``\sum_{c_{out}=1}^{C_{out}}``), lecture notes with Greek kernel indices
(``W_{\alpha,\beta,k,m}``, ``w_{\alpha\beta}``), a Q&A derivation with ``X_{ch,p,q}``, posts with
``F_\text{Height}``/``N_\text{Channel}`` sizes and double primes ``I(i'',j'')``.  An index name is a
bound variable: the same claims are checked whatever the author calls the indices.

Truth: torch autograd of conv2d; each template claim's formula is evaluated by plain loops here
and compared with autograd's gradients before symbp is asked (``test_truth_of_the_templates``).
"""
import itertools

import numpy as np
import pytest
import torch

from symbp.check.checker import check_text
from symbp.check.index_claims import parse

RNG = np.random.default_rng(18)
CIN, COUT, H, K = 2, 3, 4, 2
OH = H - K + 1


def autograd():
    """(x, w, g, ∂L/∂x, ∂L/∂w, ∂L/∂b) for y = conv2d(x, w) + b, L = Σ y ⊙ g (one sample)."""
    x = torch.tensor(RNG.integers(-3, 4, (1, CIN, H, H)).astype(float), requires_grad=True)
    w = torch.tensor(RNG.integers(-3, 4, (COUT, CIN, K, K)).astype(float), requires_grad=True)
    b = torch.tensor(RNG.integers(-3, 4, (COUT,)).astype(float), requires_grad=True)
    y = torch.nn.functional.conv2d(x, w, b)
    g = torch.tensor(RNG.integers(-3, 4, tuple(y.shape)).astype(float))
    (y * g).sum().backward()
    return (x.detach().numpy()[0], w.detach().numpy(), g.numpy()[0],
            x.grad.numpy()[0], w.grad.numpy(), b.grad.numpy())


def at(a, *ix):
    """a[ix], zero where ix lies outside a (the claims' implicit ranges)."""
    return a[ix] if all(0 <= i < n for i, n in zip(ix, a.shape)) else 0.0


# the claims by loops, in the templates' order: (name, formula at one entry, the entry set)
def loops(x, w, g):
    dx_true = lambda ci, i, j: sum(at(g, co, i - p, j - q) * w[co, ci, p, q]           # noqa: E731
                                   for co in range(COUT) for p in range(K) for q in range(K))
    dx_flip = lambda ci, i, j: sum(at(g, co, i + p, j + q) * w[co, ci, p, q]           # noqa: E731
                                   for co in range(COUT) for p in range(K) for q in range(K))
    dw_true = lambda co, ci, p, q: sum(g[co, i, j] * x[ci, i + p, j + q]                # noqa: E731
                                       for i in range(OH) for j in range(OH))
    dw_same = lambda co, ci, p, q: sum(g[co, i, j] * x[ci, i + p, j + p]                # noqa: E731
                                       for i in range(OH) for j in range(OH))
    db_true = lambda co: g[co].sum()                                                    # noqa: E731
    db_half = lambda co: sum(g[co, i, j] for i in range(OH) for j in range(OH - 1))    # noqa: E731
    xs, ws = list(itertools.product(range(CIN), range(H), range(H))), \
        list(itertools.product(range(COUT), range(CIN), range(K), range(K)))
    return [("dx_true", dx_true, xs, "x"), ("dx_flip", dx_flip, xs, "x"), ("dw_true", dw_true, ws, "w"),
            ("dw_same", dw_same, ws, "w"), ("db_true", db_true, [(c,) for c in range(COUT)], "b"),
            ("db_half", db_half, [(c,) for c in range(COUT)], "b")]


def truths() -> dict:
    x, w, g, dx, dw, db = autograd()
    grads = {"x": dx, "w": dw, "b": db}
    return {name: "holds" if all(np.isclose(f(*e), grads[t][e]) for e in entries) else "refuted"
            for name, f, entries, t in loops(x, w, g)}


def test_truth_of_the_templates():
    assert truths() == {"dx_true": "holds", "dx_flip": "refuted", "dw_true": "holds",
                        "dw_same": "refuted", "db_true": "holds", "db_half": "refuted"}


TEMPLATE = r"""# A convolution layer with several channels

<!-- symbp: layer=conv2d input=4x4 kernel=2x2 channels=2,3 index_base=0 names: x=input w=kernel b=bias y=output L=loss layout: x=CHW w=OIHW y=CHW -->

$$y_{{{o},i,j}} = \sum_{{{si}}} \sum_{{{sp}}} \sum_{{{sq}}} w_{{{o},{c},{p},{q}}} x_{{{c},i+{p},j+{q}}} + b_{{{o}}}$$

Input gradient:

$$\frac{{\partial L}}{{\partial x_{{{c},i,j}}}} = \sum_{{{o}}} \sum_{{{p}}} \sum_{{{q}}} \frac{{\partial L}}{{\partial y_{{{o},i-{p},j-{q}}}}} w_{{{o},{c},{p},{q}}}$$

$$\frac{{\partial L}}{{\partial x_{{{c},i,j}}}} = \sum_{{{o}}} \sum_{{{p}}} \sum_{{{q}}} \frac{{\partial L}}{{\partial y_{{{o},i+{p},j+{q}}}}} w_{{{o},{c},{p},{q}}}$$

Weight gradient:

$$\frac{{\partial L}}{{\partial w_{{{o},{c},{p},{q}}}}} = \sum_{{i}} \sum_{{j}} \frac{{\partial L}}{{\partial y_{{{o},i,j}}}} x_{{{c},i+{p},j+{q}}}$$

$$\frac{{\partial L}}{{\partial w_{{{o},{c},{p},{q}}}}} = \sum_{{i}} \sum_{{j}} \frac{{\partial L}}{{\partial y_{{{o},i,j}}}} x_{{{c},i+{p},j+{p}}}$$

Bias gradient:

$$\frac{{\partial L}}{{\partial b_{{{o}}}}} = \sum_{{i}} \sum_{{j}} \frac{{\partial L}}{{\partial y_{{{o},i,j}}}}$$

$$\frac{{\partial L}}{{\partial b_{{{o}}}}} = \sum_{{i=0}}^{{2}} \sum_{{j=0}}^{{1}} \frac{{\partial L}}{{\partial y_{{{o},i,j}}}}$$
"""

# (output channel, input channel, kernel row, kernel column) as authors name them; the sums'
# subscripts (None: the name itself, no bounds)
SPELLINGS = [
    (r"c_{out}", r"c_{in}", "p", "q", None),
    (r"c_\text{out}", r"c_\text{in}", "m", "n", None),
    (r"c_{o}", r"c_{i}", r"\alpha", r"\beta", None),
    ("k_2", "k_1", r"\mu", r"\nu", None),
    (r"c_{out}", r"c_{in}", r"\gamma", r"\kappa",
     (r"c_{out}=0}^{C_{out}-1", r"c_{in}=0}^{C_{in}-1", r"\gamma=0}^{K-1", r"\kappa=0}^{K-1")),
    ("oc", "ic", "p", "q", None),
]


def _document(o, c, p, q, bounded) -> str:
    """The template in these names; ``bounded``: the forward's sums written with their bounds
    (the claims' implicit sums run where their tensors exist)."""
    si, sp_, sq = bounded[1:] if bounded else (c, p, q)
    return TEMPLATE.format(o=o, c=c, p=p, q=q, si=si, sp=sp_, sq=sq)


@pytest.mark.parametrize("o, c, p, q, bounded", SPELLINGS)
def test_multi_letter_and_greek_index_names_read_as_bound_variables(o, c, p, q, bounded):
    claims = [cl for cl in check_text(_document(o, c, p, q, bounded), "md").claims
              if cl.latex.lstrip().startswith(r"\frac")]
    want = truths()
    names = ["dx_true", "dx_flip", "dw_true", "dw_same", "db_true", "db_half"]
    got = {n: cl.verdict for n, cl in zip(names, claims)}
    assert got == want, [(n, cl.verdict, cl.detail[:200]) for n, cl in zip(names, claims)]


def test_multi_letter_names_without_subscripts():
    """``W_{oc,ic,p,q}``: comma-separated, a multi-letter name is one index; a sum
    ``\\sum_{oc}`` names it whole where the entries write it so (dsse's ``X_{ch,p,q}``)."""
    doc = _document("oc", "ic", "p", "q", None)
    claims = [cl for cl in check_text(doc, "md").claims if cl.latex.lstrip().startswith(r"\frac")]
    want = truths()
    names = ["dx_true", "dx_flip", "dw_true", "dw_same", "db_true", "db_half"]
    got = {n: cl.verdict for n, cl in zip(names, claims)}
    assert got == want, [(n, cl.verdict, cl.detail[:200]) for n, cl in zip(names, claims)]


@pytest.mark.parametrize("latex, names", [
    (r"x_{n, c_{in}, i, j}", ["n", "c_in", "i", "j"]),
    (r"x_{c_\text{in},i}", ["c_in", "i"]),
    (r"w_{\alpha\beta}", [r"\alpha", r"\beta"]),
    (r"w_{\mu,\nu}", [r"\mu", r"\nu"]),
    (r"x_{i_1 j_1}", ["i_1", "j_1"]),
    (r"x_{k_1, k_2}", ["k_1", "k_2"]),
    (r"b_{c_{out}}", ["c_out"]),
    (r"x[c_{in}, i'']", ["c_in", "i''"]),
])
def test_entry_subscripts_name_one_index_each(latex, names):
    ref = parse(latex)
    assert [e.name for e in ref.idx] == names


def test_a_tensor_entry_in_a_subscript_stays_an_entry():
    """``δ_{z_1}`` in a section whose tensors include z is the gradient at z_1, not an index z_1."""
    tree = parse(r"\delta_{z_1}", ["z"])
    assert type(tree).__name__ == "Grad" and tree.ref.name == "z"


def test_sum_subscripts_with_index_names():
    tree = parse(r"\sum_{c_{in}=1}^{C_{in}} \sum_{k_1} \sum_{\gamma, \mu} w_{c_{in}, k_1, \gamma, \mu}")
    seen = []
    while type(tree).__name__ == "Sum":
        seen.append(tree.vars)
        tree = tree.body
    assert seen == [("c_in",), ("k_1",), (r"\gamma", r"\mu")]


def test_a_joined_sum_name_the_entries_also_use_letter_by_letter_is_unchecked():
    """``\\sum_{oc}`` over entries that use ``oc`` and both ``o`` and ``c``: which is meant is not written."""
    doc = _document("oc", "ic", "p", "q", None).replace(
        r"\frac{\partial L}{\partial y_{oc,i-p,j-q}} w_{oc,ic,p,q}",
        r"\frac{\partial L}{\partial y_{oc,i-p,j-q}} w_{o,c,p,q}", 1)
    claim = [cl for cl in check_text(doc, "md").claims if cl.latex.lstrip().startswith(r"\frac")][0]
    assert claim.verdict == "unchecked" and "one index oc or the indices o, c" in claim.detail, claim.detail


def _brackets(doc: str) -> str:
    """Every entry ``x_{…}`` of the template's tensors written ``x[…]`` (NumPy's spelling), the
    index names inside kept as they are (``x[c_{in}, i, j]``)."""
    out, k = [], 0
    while k < len(doc):
        if doc[k] in "xwyb" and doc[k + 1:k + 3] == "_{" and (k == 0 or not doc[k - 1].isalpha() and doc[k - 1] != "\\"):
            depth, j = 0, k + 2
            while True:
                depth += {"{": 1, "}": -1}.get(doc[j], 0)
                if depth == 0:
                    break
                j += 1
            out.append(f"{doc[k]}[{doc[k + 3:j]}]")
            k = j + 1
            continue
        out.append(doc[k])
        k += 1
    return "".join(out)


@pytest.mark.parametrize("o, c, p, q", [(r"c_{out}", r"c_{in}", r"\mu", r"\nu"), ("k_2", "k_1", "p", "q")])
def test_index_names_in_bracket_entries(o, c, p, q):
    doc = _brackets(_document(o, c, p, q, None))
    assert f"x[{c},i,j]" in doc
    claims = [cl for cl in check_text(doc, "md").claims if cl.latex.lstrip().startswith(r"\frac")]
    names = ["dx_true", "dx_flip", "dw_true", "dw_same", "db_true", "db_half"]
    got = {n: cl.verdict for n, cl in zip(names, claims)}
    assert got == truths(), [(n, cl.verdict, cl.detail[:200]) for n, cl in zip(names, claims)]
