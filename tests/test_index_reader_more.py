"""Index-reader notation added for the held-out documents: stride written as a letter,
\\begin{cases}, a batch axis, conditions after a claim, the output's activation in a fully
connected section, and pasteable suggestions.  Truth of every claim: torch autograd."""
import numpy as np
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)


def _verdicts(doc):
    return [(c.verdict, c.detail) for c in check_text(doc, "md").claims]


def _strided_truth():
    """dL/dw for y = corr(x, w) with stride 2 (5x5, 3x3), and the two candidate formulas."""
    x = torch.randn(5, 5)
    w = torch.randn(3, 3, requires_grad=True)
    y = torch.nn.functional.conv2d(x[None, None], w[None, None], stride=2)[0, 0]
    g = torch.randn(*y.shape)
    (y * g).sum().backward()
    xs, gs = x.numpy(), g.numpy()
    strided = np.array([[sum(gs[i, j] * xs[2 * i + m, 2 * j + n] for i in range(2) for j in range(2))
                         for n in range(3)] for m in range(3)])
    unstrided = np.array([[sum(gs[i, j] * xs[i + m, j + n] for i in range(2) for j in range(2))
                           for n in range(3)] for m in range(3)])
    return np.allclose(strided, w.grad.numpy()), np.allclose(unstrided, w.grad.numpy())


STRIDE_DOC = ("<!-- symbp: layer=conv2d input=5x5 kernel=3x3 stride=2 index_base=0 -->\n\n"
              "$$y_{i,j} = \\sum_{m=0}^{2}\\sum_{n=0}^{2} w_{m,n} x_{is+m,js+n}$$\n\n"
              "$$\\frac{\\partial L}{\\partial w_{m,n}} = \\sum_i \\sum_j \\delta_{i,j} x_{is+m,js+n}$$\n\n"
              "$$\\frac{\\partial L}{\\partial w_{m,n}} = \\sum_i \\sum_j \\delta_{i,j} x_{i+m,j+n}$$\n")


def test_stride_written_as_a_letter():
    right, wrong = _strided_truth()
    assert right and not wrong
    got = _verdicts(STRIDE_DOC)
    assert got[1][0] == "holds" and "stride 2" in got[1][1]
    assert got[2][0] == "refuted"


def test_cases_local_derivative_true_and_transposed():
    x, w = torch.randn(5, 5), torch.randn(3, 3)
    jac = torch.autograd.functional.jacobian(
        lambda xx: torch.nn.functional.conv2d(xx[None, None], w[None, None], stride=2)[0, 0], x).numpy()
    wn = w.numpy()

    def formula(i, j, p, q, transposed):
        r, c = p - 2 * i, q - 2 * j
        if 0 <= r < 3 and 0 <= c < 3:
            return wn[c, r] if transposed else wn[r, c]
        return 0.0
    for transposed, truth in ((False, True), (True, False)):
        ok = all(np.isclose(jac[i, j, p, q], formula(i, j, p, q, transposed))
                 for i in range(2) for j in range(2) for p in range(5) for q in range(5))
        assert ok == truth
    base = STRIDE_DOC.split("\n\n")[0] + "\n\n" + STRIDE_DOC.split("\n\n")[1] + "\n\n"
    right = ("$$\\frac{\\partial y_{i,j}}{\\partial x_{p,q}} = \\begin{cases} w_{p-is,q-js}, & "
             "0 \\le p-is < 3 \\land 0 \\le q-js < 3 \\\\ 0, & \\text{otherwise} \\end{cases}$$\n")
    wrong = right.replace("w_{p-is,q-js}", "w_{q-js,p-is}")
    assert _verdicts(base + right)[-1][0] == "holds"
    assert _verdicts(base + wrong)[-1][0] == "refuted"


def test_batch_axis_and_a_wrong_offset():
    """Y[b,c,h,w] = sum X[b,k,h+i,w+j] K[c,k,i,j]: the input gradient with h-i holds, h+i not."""
    X, K = torch.randn(2, 2, 4, 4, requires_grad=True), torch.randn(3, 2, 2, 2)
    Y = torch.nn.functional.conv2d(X, K)
    G = torch.randn(*Y.shape)
    (Y * G).sum().backward()
    Gn, Kn = G.numpy(), K.numpy()
    ex = lambda a, n: 0 <= a < n                         # noqa: E731
    plus = np.array([[[[sum(Gn[b, c, h + i, w + j] * Kn[c, k, i, j] for c in range(3) for i in range(2)
                            for j in range(2) if ex(h + i, 3) and ex(w + j, 3))
                        for w in range(4)] for h in range(4)] for k in range(2)] for b in range(2)])
    assert not np.allclose(plus, X.grad.numpy())
    doc = ("<!-- symbp: layer=conv2d input=4x4 kernel=2x2 channels=2,3 batch=2 index_base=0 names: "
           "X=input K=kernel Y=output L=loss layout: X=NCHW K=OIHW Y=NCHW -->\n\n"
           "$$\\frac{\\partial L}{\\partial X[b,k,h,w]} = \\sum_{c,i,j} \\frac{\\partial L}{\\partial "
           "Y[b,c,h-i,w-j]} K[c,k,i,j]$$\n\n"
           "$$\\frac{\\partial L}{\\partial X[b,k,h,w]} = \\sum_{c,i,j} \\frac{\\partial L}{\\partial "
           "Y[b,c,h+i,w+j]} K[c,k,i,j]$$\n")
    got = _verdicts(doc)
    assert got[0][0] == "holds" and "batch 2" in got[0][1]
    assert got[1][0] == "refuted"


FC = "<!-- symbp: layer=fc in=4 out=3 names: a=input w=kernel z=output b=bias C=loss -->\n\n"


def test_fc_output_activation_and_a_condition():
    z = torch.randn(3, requires_grad=True)
    jac = torch.autograd.functional.jacobian(torch.sigmoid, z.detach())
    off_diagonal_zero = all(jac[k, j] == 0 for k in range(3) for j in range(3) if k != j)
    diagonal_zero = all(jac[k, k] == 0 for k in range(3))
    assert off_diagonal_zero and not diagonal_zero
    doc = FC + ("$$\\frac{\\partial a^L_k}{\\partial z^L_j} = 0, \\quad \\text{if } k \\neq j$$\n\n"
                "$$\\frac{\\partial a^L_k}{\\partial z^L_j} = 0, \\quad \\text{if } k = j$$\n\n"
                "$$\\delta^L_j = \\frac{\\partial C}{\\partial a^L_j}\\sigma'(z^L_j)$$\n\n"
                "$$\\delta^L_j = \\frac{\\partial C}{\\partial a^L_j}$$\n")
    assert [v for v, _ in _verdicts(doc)] == ["holds", "refuted", "holds", "refuted"]


def test_a_one_index_vector_against_a_batch_is_unchecked_not_zero():
    """x_i of a 4x2 (batch 2) input: the reader must not read the missing index as an entry
    outside the tensor (zero), which refuted a correct claim before."""
    import pytest
    from symbp.check.doc_names import DocContext
    from symbp.check.index_tree import IndexError_
    ctx = DocContext({"a": "input", "w": "kernel", "z": "output", "C": "loss"},
                     {"layer_kind": "fc", "in": "4", "out": "3", "batch": "2"}).instances()[0]
    with pytest.raises(IndexError_, match="1 index but has 2 axes"):
        ctx.entry("a", None, (0,))
    one = DocContext({"a": "input", "w": "kernel", "z": "output", "C": "loss"},
                     {"layer_kind": "fc", "in": "4", "out": "3"}).instances()[0]
    assert one.entry("a", None, (1,)) == one.X[1, 0]


def test_the_suggestion_is_a_directive_that_can_be_pasted():
    doc = "$$\\frac{\\partial E}{\\partial Q_{ij}} = \\sum_m \\sum_n D_{mn} F_{i-m,j-n}$$\n"
    verdict, detail = _verdicts(doc)[0]
    assert verdict == "unchecked" and "does not know" not in detail
    directive = detail[detail.index("<!-- symbp:"):detail.index("-->") + 3]
    assert "E=loss" in directive and "F=kernel" in directive and "Q=input" in directive
    pasted = check_text(directive + "\n\n" + doc, "md").claims
    assert pasted and pasted[0].verdict in ("holds", "refuted", "unchecked")


def test_sizes_and_stride_stated_in_prose():
    """'a 5x5 input', 'a 3x3 kernel', 'stride 1' in the prose size the section and bind the
    forward's stride letter: with stride 1 the strided and the unstrided formulas agree."""
    x = torch.randn(5, 5)
    w = torch.randn(3, 3, requires_grad=True)
    y = torch.nn.functional.conv2d(x[None, None], w[None, None], stride=1)[0, 0]
    g = torch.randn(*y.shape)
    (y * g).sum().backward()
    xs, gs = x.numpy(), g.numpy()
    plain = np.array([[sum(gs[i, j] * xs[i + m, j + n] for i in range(3) for j in range(3))
                       for n in range(3)] for m in range(3)])
    assert np.allclose(plain, w.grad.numpy())
    doc = ("We slide a $3\\times 3$ kernel over a $5\\times 5$ input with stride 1.\n\n"
           "$$y_{i,j} = \\sum_{m=0}^{2}\\sum_{n=0}^{2} w_{m,n} x_{is+m,js+n}$$\n\n"
           "$$\\frac{\\partial L}{\\partial w_{m,n}} = \\sum_i \\sum_j \\delta_{i,j} x_{is+m,js+n}$$\n\n"
           "$$\\frac{\\partial L}{\\partial w_{m,n}} = \\sum_i \\sum_j \\delta_{i,j} x_{i+m,j+n}$$\n")
    got = _verdicts(doc)
    assert [v for v, _ in got[1:]] == ["holds", "holds"]
    assert "5x5 input, 3x3 kernel" in got[1][1] and "stride" not in got[1][1].split(";")[0]
