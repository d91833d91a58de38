"""A document with two directive sections reads each section's stride, padding and sizes from
its own prose: a later example's "stride 1" (written after the first section's claims, before
the second directive) is not the first section's stride, whose forward writes ``x_{2i+m}``.

Truth: torch autograd of average pooling (2x2 window, stride 2, then stride 1) at random
values, and each claim's right side evaluated by a plain loop."""
import pytest
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)

FIRST = [r"<!-- symbp: layer=avgpool input=4x4 kernel=2x2 index_base=0 -->",
         r"$$y_{i,j} = \frac{1}{4}\sum_{m=0}^{1}\sum_{n=0}^{1} x_{2i+m,\,2j+n}$$"]
TRUE_FLOOR = r"$$\frac{\partial L}{\partial x_{p,q}} = \frac{1}{4}\,\delta_{\lfloor p/2\rfloor,\,\lfloor q/2\rfloor}$$"
FALSE_HALF = r"$$\frac{\partial L}{\partial x_{p,q}} = \frac{1}{2}\,\delta_{\lfloor p/2\rfloor,\,\lfloor q/2\rfloor}$$"
SECOND = [r"<!-- symbp: layer=avgpool input=3x3 kernel=2x2 stride=1 index_base=0 -->",
          r"$$y_{i,j} = \frac{1}{4}\sum_{m=0}^{1}\sum_{n=0}^{1} x_{i+m,\,j+n}$$",
          r"$$\frac{\partial L}{\partial x_{p,q}} = \frac{1}{4}\,\delta_{p,q}$$"]
# how authors introduce a second, overlapping example after the first one's claims
LATER_PROSE = ["Overlapping average pooling, window 2, stride 1:",
               "Now the same window with a stride of 1.",
               "再看步长为 1 的重叠平均池化：",
               "Next, overlapping pooling (stride = 1, kernel size 2)."]


def _torch_avgpool_grad(size, stride, seed=0):
    gen = torch.Generator().manual_seed(seed)
    x = torch.randn(1, 1, size, size, generator=gen, requires_grad=True)
    y = torch.nn.functional.avg_pool2d(x, 2, stride=stride)
    g = torch.randn(*y.shape, generator=gen)
    (y * g).sum().backward()
    return g[0, 0], x.grad[0, 0]


def _floor_claim(g, scale, size):
    return torch.tensor([[scale * float(g[p // 2, q // 2]) for q in range(size)] for p in range(size)])


def _verdicts(text):
    return {c.line: c.verdict for c in check_text(text, "md").claims}


def test_the_claims_truth_by_torch():
    g, dx = _torch_avgpool_grad(4, 2)
    assert torch.allclose(_floor_claim(g, 0.25, 4), dx)
    assert not torch.allclose(_floor_claim(g, 0.5, 4), dx)
    g1, dx1 = _torch_avgpool_grad(3, 1)
    assert not torch.allclose(0.25 * g1[:2, :2], dx1[:2, :2])     # 1/4 δ_{p,q} is false at stride 1


@pytest.mark.parametrize("later", LATER_PROSE)
def test_a_later_sections_stride_is_not_the_first_sections(later):
    text = "\n\n".join(FIRST + [TRUE_FLOOR, FALSE_HALF, later] + SECOND) + "\n"
    verdicts = _verdicts(text)
    lines = text.splitlines()
    claim_lines = [n for n, line in enumerate(lines, 1) if line.startswith(r"$$\frac")]
    assert [verdicts[n] for n in claim_lines] == ["holds", "refuted", "refuted"]


def test_the_first_section_alone_reads_the_same():
    text = "\n\n".join(FIRST + [TRUE_FLOOR, FALSE_HALF]) + "\n"
    assert sorted(v for v in _verdicts(text).values() if v != "definition") == ["holds", "refuted"]


def test_prose_before_the_first_directive_is_every_sections():
    """A stride stated once before any directive still reaches both sections' readers: the
    first section's verdicts are those of the document without the intro sentence."""
    intro = "All examples below use 0-based indices."
    text = "\n\n".join([intro] + FIRST + [TRUE_FLOOR, LATER_PROSE[0]] + SECOND) + "\n"
    lines = text.splitlines()
    claim_lines = [n for n, line in enumerate(lines, 1) if line.startswith(r"$$\frac")]
    assert [_verdicts(text)[n] for n in claim_lines] == ["holds", "refuted"]
