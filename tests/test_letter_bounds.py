r"""Index derivations whose sums end at letters no number binds (issue 12 item 5, round eight),
as authors write them: ``\sum_{i=1}^{I}\sum_{j=1}^{J}`` over the output's entries (a Spanish
thesis on convolution), ``\sum_{i=1}^{H_{out}}`` / ``\sum_{h=1}^{n_H}`` (word subscripts, Andrew
Ng's course notation), ``\sum_{m=0}^{M-1}`` (0-based notes), ``\sum_{i=1}^{m-p+1}`` style counts
written as a single letter.  With no sizes in the document the claim is checked at several small
sizes (the report says which) and, where the all-sizes engine reads it, for all sizes; the letter
is read as the length of the axis its index runs over.

* a letter that ends a map's rows and its columns (``\sum_{i=1}^{I}\sum_{j=1}^{I}``) or the other
  case of a tensor's name stays unchecked naming it;
* a sum that does not run over exactly its axis is refuted where it is wrong whatever the letter
  means (``\sum_{i=0}^{I-1}`` counting from 1, ``\sum_{i=1}^{I}`` counting from 0,
  ``\sum_{i=0}^{I}`` with I written as a size), unchecked where one meaning holds.

Truth: torch autograd gives the gradients; each claimed formula is evaluated by plain numpy
loops over its own written bounds (I the output's rows), never by symbp."""
import numpy as np
import torch

from symbp.check.checker import check_text

torch.set_default_dtype(torch.float64)


def _grads(h, w, kh, kw, seed=3):
    """x, k, g = dL/dy, dx, dk, db for y = conv2d(x, k) + b, one map, L = Σ g ⊙ y."""
    gen = torch.Generator().manual_seed(seed)
    x = torch.randn(1, 1, h, w, generator=gen, requires_grad=True)
    k = torch.randn(1, 1, kh, kw, generator=gen, requires_grad=True)
    b = torch.randn(1, generator=gen, requires_grad=True)
    y = torch.nn.functional.conv2d(x, k, b)
    g = torch.randn(*y.shape, generator=gen)
    (y * g).sum().backward()
    return [t.detach().numpy()[0, 0] if t.ndim == 4 else t.detach().numpy() for t in (x, k, g, x.grad, k.grad, b.grad)]


def _at(arr, base, *ix):
    """arr's entry at document indices ix counted from base; None where it does not exist."""
    ix = tuple(i - base for i in ix)
    return arr[ix] if all(0 <= i < n for i, n in zip(ix, arr.shape)) else None


def _sum(terms):
    """Σ of a written sum's terms; None (the claim reaches an entry that does not exist) if any is."""
    terms = list(terms)
    return None if any(t is None for t in terms) else sum(terms)


def _dw_claim(x, g, lo, hi_i, hi_j, base, kh, kw):
    """∂L/∂w_{mn} = Σ_{i=lo}^{hi_i} Σ_{j=lo}^{hi_j} δ_{ij} x_{i+m-base', j+n-base'} (the forward's shift)."""
    out = np.zeros((kh, kw))
    for m in range(kh):
        for n in range(kw):
            v = _sum((None if _at(g, base, i, j) is None else _at(g, base, i, j) * _at(x, base, i + m, j + n))
                     for i in range(lo, hi_i + 1) for j in range(lo, hi_j + 1))
            if v is None:
                return None
            out[m, n] = v
    return out


def _holds(claimed, true) -> bool:
    return claimed is not None and np.allclose(claimed, true)


def _claims(doc):
    return [(c.verdict, c.detail) for c in check_text(doc, "md").claims]


SIZES = [(3, 3, 2, 2), (4, 5, 2, 2), (5, 4, 3, 2)]    # non-square, kernel ≠ 2: the plans a truth runs at


DOC_ONE = r"""# Convolution counted from 1

$$y_{ij} = \sum_{m=1}^{k_1}\sum_{n=1}^{k_2} x_{i+m-1,j+n-1} w_{mn} + b$$

$$\frac{\partial L}{\partial w_{mn}} = \sum_{i=1}^{I}\sum_{j=1}^{J} \frac{\partial L}{\partial y_{ij}} x_{i+m-1,j+n-1}$$

$$\frac{\partial L}{\partial w_{mn}} = \sum_{i=0}^{I-1}\sum_{j=0}^{J-1} \frac{\partial L}{\partial y_{ij}} x_{i+m-1,j+n-1}$$

$$\frac{\partial L}{\partial b} = \sum_{i=1}^{H_{out}}\sum_{j=1}^{W_{out}} \frac{\partial L}{\partial y_{ij}}$$

$$\frac{\partial L}{\partial b} = \sum_{h=1}^{n_H}\sum_{w=1}^{n_W} \frac{\partial L}{\partial y_{hw}}$$

$$\frac{\partial L}{\partial b} = \sum_{i=1}^{I}\sum_{j=1}^{I} \frac{\partial L}{\partial y_{ij}}$$
"""


def _truth_one():
    """Per claim of DOC_ONE (1-based; I, J, H_out, n_H the output's rows and columns): holds at every size?"""
    out = []
    for h, w, kh, kw in SIZES:
        x, k, g, dx, dk, db = _grads(h, w, kh, kw)
        oh, ow = g.shape
        x1 = lambda: _dw_claim(x, g, 1, oh, ow, 1, kh, kw)      # noqa: E731
        x0 = _dw_claim(x, g, 0, oh - 1, ow - 1, 1, kh, kw)
        db_all = g.sum()
        db_ii = _sum(_at(g, 1, i, j) for i in range(1, oh + 1) for j in range(1, oh + 1))
        out.append([_holds(x1(), dk), _holds(x0, dk), np.isclose(db_all, db[0]), np.isclose(db_all, db[0]),
                    db_ii is not None and np.isclose(db_ii, db[0])])
    return [all(col) for col in zip(*out)]


def test_letter_bounds_counted_from_one_are_read_as_the_axis_they_end():
    assert _truth_one() == [True, False, True, True, False]
    got = _claims(DOC_ONE)
    assert got[0][0] == "definition"
    assert [v for v, _ in got[1:]] == ["holds", "refuted", "holds", "holds", "unchecked"]
    first = got[1][1]
    assert "no sizes given: checked at 3x3 input with 2x2 kernel; 4x5 input with 2x3 kernel" in first
    assert "I read as the length of the axis i runs over" in first and "holds for all sizes" in first
    assert "no number gives I, J" in got[2][1]          # Σ_{i=0}^{I-1} reaches δ_{0,·} in a 1-based section
    assert "H_out read as the length" in got[3][1] and "n_H read as the length" in got[4][1]
    assert "'I' is not bound" in got[5][1]              # I ends the rows and the columns: not read


DOC_ZERO = r"""# Convolution counted from 0
%s
$$z_{i,j} = \sum_{m=0}^{M-1}\sum_{n=0}^{N-1} a_{i+m,j+n} w_{m,n}$$

$$\frac{\partial L}{\partial w_{m,n}} = \sum_{i=0}^{I-1}\sum_{j=0}^{J-1} \delta_{i,j} a_{i+m,j+n}$$

$$\frac{\partial L}{\partial w_{m,n}} = \sum_{i=1}^{I}\sum_{j=1}^{J} \delta_{i,j} a_{i+m,j+n}$$

$$\frac{\partial L}{\partial w_{m,n}} = \sum_{i=0}^{I}\sum_{j=0}^{J} \delta_{i,j} a_{i+m,j+n}$$

$$\frac{\partial L}{\partial w_{m,n}} = \sum_{i=0}^{W-1}\sum_{j=0}^{J-1} \delta_{i,j} a_{i+m,j+n}$$
"""


def _truth_zero(last_index: bool):
    """DOC_ZERO's claims at every size, I read as the output's rows (a count) or, where
    ``last_index``, as its last index (I = rows - 1)."""
    out = []
    for h, w, kh, kw in SIZES:
        x, k, g, dx, dk, db = _grads(h, w, kh, kw)
        oh, ow = g.shape
        big_i, big_j = (oh - 1, ow - 1) if last_index else (oh, ow)
        out.append([_holds(_dw_claim(x, g, 0, big_i - 1, big_j - 1, 0, kh, kw), dk),
                    _holds(_dw_claim(x, g, 1, big_i, big_j, 0, kh, kw), dk),
                    _holds(_dw_claim(x, g, 0, big_i, big_j, 0, kh, kw), dk)])
    return [all(col) for col in zip(*out)]


def test_off_by_one_bounds_are_refuted_only_where_every_meaning_fails():
    # I a count: the first holds, the 1..I and 0..I sums are off by one; I a last index: only 0..I holds
    assert _truth_zero(False) == [True, False, False]
    assert _truth_zero(True) == [False, False, True]
    for head in ("", "<!-- symbp: index_base=0 -->\n"):
        got = _claims(DOC_ZERO % head)
        assert [v for v, _ in got[1:]] == ["holds", "refuted", "unchecked", "unchecked"], head
        assert "'I' is not bound and its sum does not run over exactly the axis" in got[3][1]
        assert "'W' is not bound" in got[4][1]          # W: the other case of the kernel w, never a size
    # the prose writes I as a size (a count): Σ_{i=0}^{I} is an off-by-one, refuted
    sized = _claims(DOC_ZERO % r"The output $\delta$ is $I \times J$." + "\n")
    assert [v for v, _ in sized[1:4]] == ["holds", "refuted", "refuted"]
    assert "does not exist" in sized[3][1] and "no number gives I, J" in sized[3][1]


DOC_SIZES = r"""# A layer with its sizes

<!-- symbp: layer=conv2d input=4x5 kernel=2x3 index_base=1 -->

$$Y_{ij} = \sum_{m=1}^{2}\sum_{n=1}^{3} X_{i+m-1,j+n-1} K_{mn}$$

$$\frac{\partial E}{\partial K_{11}} = \sum_{i=1}^{I}\sum_{j=1}^{J} \frac{\partial E}{\partial Y_{ij}} \frac{\partial Y_{ij}}{\partial K_{11}}$$

$$\frac{\partial E}{\partial K_{11}} = \sum_{i=1}^{I}\sum_{j=1}^{J} \frac{\partial E}{\partial Y_{ij}} X_{ij}$$

$$\frac{\partial E}{\partial K_{11}} = \sum_{i=1}^{I}\sum_{j=1}^{J} \frac{\partial E}{\partial Y_{ij}} \frac{\partial Y_{ij}}{\partial K_{21}}$$
"""


def test_a_section_with_sizes_reads_the_letters_at_its_own_sizes():
    x, k, g, dx, dk, db = _grads(4, 5, 2, 3)
    oh, ow = g.shape
    chain = sum(g[i, j] * x[i, j] for i in range(oh) for j in range(ow))      # Σ δ_ij ∂Y_ij/∂K_11, ∂Y_ij/∂K_11 = X_ij
    assert [np.isclose(chain, dk[0, 0]), np.isclose(dk[1, 0], dk[0, 0])] == [True, False]
    got = _claims(DOC_SIZES)
    # i on Y's rows (3) and on X's rows (4): two axes end at I, which is not read
    assert [v for v, _ in got] == ["definition", "holds", "unchecked", "refuted"]
    assert "I read as the length of the axis i runs over" in got[1][1]
    assert "'I' is not bound" in got[2][1]
