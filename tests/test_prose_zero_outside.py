"""Entries outside a tensor are zero only where the document says so (issue 12): a claim whose
written bounds reach δ_{-1,0} holds where the prose says "entries of δ outside its range are
taken as zero" (in the wordings many authors use, in English, Chinese and Spanish) and the
claim is right with those zeros; it stays refuted where the prose says nothing, says it of
another tensor, or denies it; a false claim stays refuted either way.  A prose "the output is
the full convolution" against a forward read as valid is unchecked, never a verdict.

Truth: torch autograd of conv2d (cross-correlation, 4x4 input, 2x2 kernel) at random values,
and each claim's right side evaluated by a plain loop with the zeros the prose states."""
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)

HEAD = ("<!-- symbp: layer=conv2d input=4x4 kernel=2x2 index_base=0 names: H=input.rows W=input.cols "
        "k_1=kernel.rows k_2=kernel.cols -->")
FORWARD = r"$$z_{i,j} = \sum_{m=0}^{k_1-1}\sum_{n=0}^{k_2-1} w_{m,n}\, a_{i+m,\,j+n} + b$$"
RIGHT = r"$$\frac{\partial E}{\partial a_{p,q}} = \sum_{m=0}^{k_1-1}\sum_{n=0}^{k_2-1} \delta_{p-m,\,q-n}\, w_{m,n}$$"
WRONG = r"$$\frac{\partial E}{\partial a_{p,q}} = \sum_{m=0}^{k_1-1}\sum_{n=0}^{k_2-1} \delta_{p-m,\,q-n}\, w_{n,m}$$"
SAYS_ZERO = [r"Entries of $\delta$ outside its range are taken as zero.",
             r"Here $\delta_{i,j}$ is treated as 0 whenever the index is out of range.",
             r"Out-of-bounds entries of the gradient are assumed to be zero.",
             r"Entries outside a tensor are zero.",
             r"越界的项为 0。",
             r"Los índices fuera de rango se toman como cero.",
             r"We assume $\delta$ is zero-padded."]
SAYS_NOTHING = [r"The forward pass (0-based, cross-correlation).",
                r"Entries of $a$ outside its range are taken as zero.",      # another tensor
                r"Entries of $\delta$ outside its range are not zero."]       # denied


def _torch_case(seed=0):
    gen = torch.Generator().manual_seed(seed)
    a = torch.randn(1, 1, 4, 4, generator=gen, requires_grad=True)
    w = torch.randn(1, 1, 2, 2, generator=gen)
    z = torch.nn.functional.conv2d(a, w)
    g = torch.randn(*z.shape, generator=gen)
    (z * g).sum().backward()
    return w[0, 0], g[0, 0], a.grad[0, 0]


def _loop_claim(w, g, swap):
    def delta(i, j):                 # the prose's zeros outside δ
        return float(g[i, j]) if 0 <= i < 3 and 0 <= j < 3 else 0.0
    return torch.tensor([[sum(delta(p - m, q - n) * float(w[n, m] if swap else w[m, n])
                              for m in range(2) for n in range(2)) for q in range(4)] for p in range(4)])


def _verdicts(sentence):
    text = "\n\n".join([HEAD, sentence, FORWARD, RIGHT, WRONG]) + "\n"
    claims = [c for c in check_text(text, "md").claims if c.latex.startswith(r"\frac")]
    return [c.verdict for c in claims], claims


def test_truth_of_the_two_claims_by_torch():
    w, g, da = _torch_case()
    assert torch.allclose(_loop_claim(w, g, False), da)
    assert not torch.allclose(_loop_claim(w, g, True), da)


@pytest.mark.parametrize("sentence", SAYS_ZERO)
def test_a_stated_zero_outside_reads_the_entries_as_zero(sentence):
    verdicts, claims = _verdicts(sentence)
    assert verdicts == ["holds", "refuted"], [c.detail for c in claims]
    assert "at these sizes only" in claims[0].detail      # the all-sizes engine has no such zeros


@pytest.mark.parametrize("sentence", SAYS_NOTHING)
def test_without_the_statement_the_reach_stays_refuted(sentence):
    verdicts, claims = _verdicts(sentence)
    assert verdicts == ["refuted", "refuted"]
    assert "does not exist" in claims[0].detail


FULL_DOC = r"""The input $a$ is $3\times 3$, the kernel $w$ is $2\times 2$, the output is the full convolution ($4\times 4$). Entries outside a tensor are zero.

$$z_{i,j} = \sum_{m=1}^{2}\sum_{n=1}^{2} w_{m,n}\, a_{i-m+1,\,j-n+1}$$

$$\frac{\partial L}{\partial w_{m,n}} = \sum_{i=1}^{4}\sum_{j=1}^{4} \delta_{i,j}\, a_{i-m+1,\,j-n+1}$$

$$\frac{\partial L}{\partial w_{m,n}} = \sum_{i=2}^{3}\sum_{j=2}^{3} \delta_{i,j}\, a_{i-m+1,\,j-n+1}$$
"""


def test_a_full_output_against_a_valid_forward_is_unchecked():
    """Truth by torch: with the full 4x4 output (padding 1, flipped kernel) the first claim is
    right and the second (the valid range only) wrong; read as valid with zeros outside, both
    would hold, so neither may get a verdict until the full output is read."""
    gen = torch.Generator().manual_seed(1)
    a = torch.randn(1, 1, 3, 3, generator=gen)
    w = torch.randn(1, 1, 2, 2, generator=gen, requires_grad=True)
    z = torch.nn.functional.conv2d(a, torch.flip(w, (2, 3)), padding=1)
    g = torch.randn(*z.shape, generator=gen)
    (z * g).sum().backward()
    ap = torch.nn.functional.pad(a, (1, 1, 1, 1))[0, 0]

    def claim(lo, hi):              # 1-based i, j; a_{i-m+1} is ap[i-m+1] with the pad of 1
        return torch.tensor([[sum(float(g[0, 0, i - 1, j - 1] * ap[i - m + 1, j - n + 1])
                                  for i in range(lo, hi + 1) for j in range(lo, hi + 1))
                              for n in (1, 2)] for m in (1, 2)])
    assert torch.allclose(claim(1, 4), w.grad[0, 0]) and not torch.allclose(claim(2, 3), w.grad[0, 0])
    claims = [c for c in check_text(FULL_DOC, "md").claims if c.latex.startswith(r"\frac")]
    assert [c.verdict for c in claims] == ["unchecked", "unchecked"]
    assert "full convolution" in claims[0].detail


NO_DIRECTIVE = r"""The input $a$ is $4\times 4$ and the kernel $w$ is $2\times 2$. Entries outside a tensor are zero.

$$z_{i,j} = \sum_{m=0}^{1}\sum_{n=0}^{1} w_{m,n}\, a_{i+m,\,j+n}$$

$$\frac{\partial E}{\partial a_{p,q}} = \sum_{m=0}^{1}\sum_{n=0}^{1} \delta_{p-m,\,q-n}\, w_{m,n}$$

$$\frac{\partial E}{\partial w_{m,n}} = \sum_{i=0}^{3}\sum_{j=0}^{3} \delta_{i,j}\, a_{i+m,\,j+n}$$
"""


def test_zero_outside_the_input_without_sizes_leaves_the_output_range_open():
    """With no directive and no padding, "entries outside a tensor are zero" also pads the
    input, so the forward's output could be the valid 3x3 or a larger one (δ's range with it):
    a claim that reads an entry outside its tensor is unchecked naming that, never a verdict."""
    claims = [c for c in check_text(NO_DIRECTIVE, "md").claims if c.latex.startswith(r"\frac")]
    assert [c.verdict for c in claims] == ["unchecked", "unchecked"]
    assert all("not settled" in c.detail for c in claims)


def test_a_sentence_that_only_mentions_a_full_convolution_is_no_full_output():
    # "This is a full convolution (with padding) of dL/dY with the kernel rotated…" describes the
    # input gradient, not the layer's output (heldout5 conv2d_backward_plain): the forward's valid
    # output stands; "the output is the full convolution" does say it
    from symbp.check.prose_zero import full_output_said
    assert not full_output_said("This is a full convolution (with padding) of $dL/dY$ with the kernel "
                                "rotated by 180°: border pixels take part in fewer outputs.")
    assert full_output_said("The output is the full convolution ($4\\times 4$).")
    assert full_output_said("输出为完整卷积。")


PADDED_AFTER = r"""# Input gradient

<!-- symbp: layer=conv2d input=4x4 kernel=2x2 conv=cross index_base=0 names: X=input W=kernel Y=output -->

$$Y[i, j] = \sum_{m=0}^{1} \sum_{n=0}^{1} X[i + m, j + n] W[m, n]$$

$$\frac{\partial L}{\partial X[a, b]} = \sum_{m=0}^{k-1} \sum_{n=0}^{k-1} \delta[a - m, b - n] W[m, n]$$

Here $\delta$ is smaller than $X$, so in practice $\delta$ is padded with $k - 1$ rings of zeros first.
"""


def test_a_tensor_padded_with_a_number_of_rings_of_zeros_after_the_claim():
    """"δ is padded with $k - 1$ rings of zeros" (a size between the words) says δ is zero outside;
    the sum over the whole kernel then equals torch's input gradient."""
    x = torch.randn(1, 1, 4, 4, dtype=torch.float64, requires_grad=True)
    w = torch.randn(1, 1, 2, 2, dtype=torch.float64)
    g = torch.randn(1, 1, 3, 3, dtype=torch.float64)
    (torch.nn.functional.conv2d(x, w) * g).sum().backward()
    loop = torch.zeros(4, 4, dtype=torch.float64)
    for a in range(4):
        for b in range(4):
            loop[a, b] = sum(g[0, 0, a - m, b - n] * w[0, 0, m, n] for m in range(2) for n in range(2)
                             if 0 <= a - m < 3 and 0 <= b - n < 3)
    assert torch.allclose(x.grad[0, 0], loop)
    said = [c.verdict for c in check_text(PADDED_AFTER.replace("k-1", "1"), "md", time_limit=20).claims]
    silent = [c.verdict for c in check_text(PADDED_AFTER.split("Here")[0].replace("k-1", "1"), "md", time_limit=20).claims]
    assert said[-1] == "holds" and silent[-1] == "refuted"
