"""Fully connected layer and softmax with cross-entropy: forwards and closed forms side by side.

Fully connected (``torch.nn.Linear``; rows are examples, PyTorch's layout):

    z = a Wᵀ + b            a: (N, in), W: (out, in), b: (out,), z: (N, out)

    ∂J/∂a   = δ W                          (N, in)    documents: Wᵀ δ^l
    ∂J/∂W   = δᵀ a                         (out, in)  documents: δ^l (a^{l-1})ᵀ
    ∂J/∂b   = Σ_n δ_n                      (out,)
    δ^{l-1} = (δ W) ⊙ σ'(z^{l-1})          (N, in)    documents: (Wᵀ δ^l) ⊙ σ'(z^{l-1})

with δ = ∂J/∂z (N, out).  For N = 1 the closed forms print in the documents'
column-vector notation (vectors are columns, so δ W prints as Wᵀ δ); what is evaluated
is the same either way (:class:`MatMul`'s ``col`` flag only changes the printing).

Softmax with cross-entropy at the output (``F.cross_entropy(z, y, reduction='sum')``):

    J = −Σ_n Σ_k y_nk log softmax(z_n)_k      z, y: (N, K); Σ_k y_nk = 1 for every n

    ∂J/∂z = softmax(z) − y                 (N, K)

The batch is *summed* (PyTorch's default 'mean' divides every entry by N).  The proof
substitutes the constraint y_nK = 1 − Σ_{k<K} y_nk and shows the difference is the zero
rational function of t_k = e^{z_k} (:func:`symbp.layers.activations.prove_exact`).

Their built-in claims (``fc-*``, ``softmax-ce``, ``act-*``) are rows of the table in
:mod:`symbp.claims`.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import sympy as sp

from ..core import chain
from .activations import Activation
from ..allsizes import relation as rel
from ..core.geometry import ConfigError
from ..core.layer import Gradients, LayerDefaults, MissingSetting, SizeCounts
from ..core.ops import Hadamard, ShapeError, Sigma, SigmaPrime, SwapIO, TensorOp, entrywise_map, evaluate
from ..core.tensor import A, B, DELTA, LOGITS, TARGETS as Y, W, ZPREV, product, symbolic, total


#: placeholders whose rows are examples: for N = 1 each is a (column) vector
BATCHED = frozenset({A, DELTA, ZPREV, LOGITS, Y})


# --------------------------------------------------------------------------- printing

def _show(printer, latex: bool, x, transposed: bool) -> str:
    s = printer._print(x)
    if not transposed:
        return s
    if not isinstance(x, sp.Symbol):
        s = rf"\left({s}\right)" if latex else f"({s})"
    return rf"{{{s}}}^{{\top}}" if latex else f"{s}^T"


def _render(expr, printer, latex: bool, col: bool, t: bool = False) -> str:
    """``expr`` (or its transpose when ``t``) as a product of matrices.

    Transposes are pushed down to the placeholders ((XY)ᵀ = YᵀXᵀ).  In column notation
    (``col``) a batched placeholder P of an N = 1 layer is the row (P_col)ᵀ, so it is
    printed transposed exactly when the row layout would not be.
    """
    if isinstance(expr, Transpose):
        return _render(expr.args[0], printer, latex, col, not t)
    if isinstance(expr, MatMul):
        x, y = expr.tensors
        parts = [(y, True), (x, True)] if t else [(x, False), (y, False)]
        return " ".join(_render(e, printer, latex, col, s) for e, s in parts)
    return _show(printer, latex, expr, t != (col and _batched(expr)))


def _batched(expr) -> bool:
    """Whether the rows of ``expr`` are examples (so its N = 1 value is a vector).

    A batched placeholder is; a product is when its left factor is; a transpose is not;
    an entrywise operator (σ(z), act(z), x ⊙ y) is when its first tensor is.
    """
    if isinstance(expr, Transpose):
        return False
    if isinstance(expr, TensorOp):
        return _batched(expr.args[0])
    return expr in BATCHED


class _MatrixOp(TensorOp):
    """A matrix operator whose last parameter ``col`` selects column-vector printing."""

    @property
    def col(self) -> bool:
        return bool(self.params[-1]) if self.params else False

    def _print_as(self, printer, latex: bool) -> str:
        return _render(self, printer, latex, self.col, self.col and _batched(self))

    def _sympystr(self, printer):
        return self._print_as(printer, False)

    def _latex(self, printer):
        return self._print_as(printer, True)


def _matrix(x: np.ndarray, what: str) -> None:
    if x.ndim != 2:
        raise ShapeError(f"{what} must be a matrix, got shape {x.shape}")


def matmul(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The matrix product of two object arrays, entries summed in order (no SymPy sorting)."""
    _matrix(x, "a matrix product's left factor")
    _matrix(y, "a matrix product's right factor")
    if x.shape[1] != y.shape[0]:
        raise ShapeError(f"matrix product of a {x.shape[0]}x{x.shape[1]} and a "
                         f"{y.shape[0]}x{y.shape[1]} matrix")
    out = np.empty((x.shape[0], y.shape[1]), dtype=object)
    for i in range(x.shape[0]):
        for j in range(y.shape[1]):
            out[i, j] = total([product(x[i, m], y[m, j]) for m in range(x.shape[1])])
    return out


# --------------------------------------------------------------------------- operators

class Transpose(_MatrixOp):
    """transpose(x, col): xᵀ of a matrix (N, M) -> (M, N)."""

    spellings = SwapIO.spellings        # W^{\top}, W^T, ...: as the kernel's swapped channels

    def entrywise(self, x):
        _matrix(x, "a transposed tensor")
        return np.ascontiguousarray(x.T)

    def index_relation(self, ctx, x):
        """out[i, j] = x[j, i]."""
        if len(x.shape) != 2:
            raise rel.NoRelation(f"{self}: transpose of a tensor that is not a matrix")
        return rel.View(x.shape[::-1], lambda idx: x.entry(idx[::-1]), f"{x.label}^T")


class MatMul(_MatrixOp):
    """matmul(x, y, col): the matrix product x y, (N, M) x (M, P) -> (N, P).

    out[n, p] = Σ_m x[n, m] y[m, p].  ``col`` = 1 prints it in column-vector notation
    (an N = 1 layer's δ W prints as Wᵀ δ); the value is the same.
    """

    n_tensors = 2

    def entrywise(self, x, y):
        return matmul(x, y)

    def index_relation(self, ctx, x, y):
        """out[n, p] = Σ_m x[n, m] y[m, p]."""
        ctx.require(f"{self}: the inner sizes differ", rel.eq(x.shape[1], y.shape[0]))
        shape = (x.shape[0], y.shape[1])

        def entry(idx):
            m = rel.fresh("m")
            return [t.where(*rel.in_range(idx, shape), exists=(m,))
                    for t in rel.product_terms(x.entry((idx[0], m)), y.entry((m, idx[1])))]
        return rel.View(shape, entry, f"({x.label} {y.label})")


class Linear(_MatrixOp):
    """linear(x, W, b, col): x Wᵀ + b (torch.nn.Linear), (N, in) -> (N, out)."""

    n_tensors = 3

    def entrywise(self, x, w, b):
        _matrix(w, "the weight")
        z = matmul(x, w.T)
        if b.shape != (z.shape[1],):
            raise ShapeError(f"bias of shape {b.shape} does not match {z.shape[1]} features")
        out = np.empty(z.shape, dtype=object)
        for n, o in np.ndindex(*z.shape):
            out[n, o] = total((z[n, o], b[o]))
        return out

    def index_relation(self, ctx, x, w, b):
        """out[n, o] = Σ_i x[n, i] w[o, i] + b[o]."""
        ctx.require(f"{self}: the weight does not fit the input", rel.eq(x.shape[1], w.shape[1]))
        ctx.require(f"{self}: the bias does not match the features", rel.eq(b.shape[0], w.shape[0]))
        shape = (x.shape[0], w.shape[0])

        def entry(idx):
            i = rel.fresh("m")
            prods = [t.where(exists=(i,))
                     for t in rel.product_terms(x.entry((idx[0], i)), w.entry((idx[1], i)))]
            return [t.where(*rel.in_range(idx, shape)) for t in prods + b.entry(idx[1:])]
        return rel.View(shape, entry, f"linear({x.label})")

    def _print_as(self, printer, latex):
        x, w, b = self.tensors
        product = _render(MatMul(x, Transpose(w)), printer, latex, self.col,
                          self.col and _batched(x))
        return f"{product} + {printer._print(b)}"


class BatchSum(TensorOp):
    """batchsum(g): Σ_n g_n, the sum over the batch (rows), (N, M) -> (M,)."""

    def text(self, args):
        return f"Σ_n {args[0]}_n"

    def entrywise(self, g):
        _matrix(g, "a batch")
        out = np.empty((g.shape[1],), dtype=object)
        for m in range(g.shape[1]):
            out[m] = total(g[:, m])
        return out

    def index_relation(self, ctx, g):
        """out[m] = Σ_n g[n, m]."""
        shape = (g.shape[1],)

        def entry(idx):
            n = rel.fresh("n")
            return [t.where(*rel.in_range(idx, shape), exists=(n,)) for t in g.entry((n, idx[0]))]
        return rel.View(shape, entry, f"Σ_n {g.label}")

    def _latex(self, printer):
        return rf"\sum_{{n}} {printer._print(self.args[0])}_{{n}}"


class Softmax(TensorOp):
    """softmax(z): each row's e^{z_k} / Σ_j e^{z_j}, (N, K) -> (N, K)."""

    def entrywise(self, z):
        _matrix(z, "softmax's input")
        out = np.empty(z.shape, dtype=object)
        for n in range(z.shape[0]):
            row = [sp.exp(v) for v in z[n]]
            norm = total(row)
            for k, e in enumerate(row):
                out[n, k] = e / norm
        return out

    def _latex(self, printer):
        return rf"\operatorname{{softmax}}\left({printer._print(self.args[0])}\right)"


class Difference(TensorOp):
    """difference(x, y): x − y entrywise (shapes must agree)."""

    n_tensors = 2

    def text(self, args):
        return f"{args[0]} - {args[1]}"

    def entrywise(self, x, y):
        if x.shape != y.shape:
            raise ShapeError(f"difference of shapes {x.shape} and {y.shape}")
        return entrywise_map(lambda u, v: u - v, x, y)

    def _latex(self, printer):
        return f"{printer._print(self.args[0])} - {printer._print(self.args[1])}"


class CrossEntropy(TensorOp):
    """crossentropy(z, y): J = −Σ_{n,k} y_nk log softmax(z_n)_k, summed over the batch -> (1,)."""

    n_tensors = 2

    def text(self, args):
        return f"-Σ_(n,k) {args[1]} log softmax({args[0]})"

    def entrywise(self, z, y):
        if z.shape != y.shape:
            raise ShapeError(f"logits of shape {z.shape} but targets of shape {y.shape}")
        p = Softmax(LOGITS).entrywise(z)
        out = np.empty((1,), dtype=object)
        out[0] = total([-y[index] * sp.log(p[index]) for index in np.ndindex(*z.shape)])
        return out

    def _latex(self, printer):
        return (rf"-\sum_{{n,k}} {printer._print(self.args[1])}_{{nk}} \log "
                rf"\operatorname{{softmax}}\left({printer._print(self.args[0])}\right)_{{nk}}")


# --------------------------------------------------------------------------- fully connected

@dataclass(frozen=True)
class LinearConfig:
    """A fully connected layer's sizes: features in and out, batch N."""
    #: layer protocol: equations are read as softmax equations / σ'(z) of this config
    softmax_equations = defines_sigma = False
    in_features: int = 3
    out_features: int = 2
    batch: int = 1

    @classmethod
    def make(cls, in_features=3, out_features=2, batch=1) -> "LinearConfig":
        cfg = cls(int(in_features), int(out_features), int(batch))
        if min(cfg.in_features, cfg.out_features, cfg.batch) < 1:
            raise ConfigError("in_features, out_features and batch must be positive")
        return cfg

    def size_counts(self) -> SizeCounts:
        """Entries of a, W, δ and the forward's terms (W's entries once per example)."""
        fin, fout = self.in_features, self.out_features
        tensors = {"a": self.batch * fin, "W": fin * fout, "δ": self.batch * fout}
        return SizeCounts(tensors, tensors["W"] * self.batch)

    @classmethod
    def from_directive(cls, settings: dict, read, kind: str = "fc") -> "LinearConfig":
        """The config a ``symbp:`` directive asks for: ``{"in": "3", "out": "2"}`` -> 3 -> 2
        features. MissingSetting without in or out; ValueError/ConfigError for bad values."""
        if "in" not in settings or "out" not in settings:
            raise MissingSetting("fc without feature sizes (add in=N out=M)")
        return cls.make(read.count("in", None), read.count("out", None), read.count("batch", 1))

    def describe(self) -> str:
        parts = [f"{self.in_features} -> {self.out_features} features"]
        if self.batch != 1:
            parts.append(f"batch {self.batch}")
        return ", ".join(parts)


class FullyConnected(chain.WeightedLayer):
    """A symbolic fully connected layer: forward entries, chain-rule gradients, closed forms.

    a: (N, in), W: (out, in), b: (out,), δ: (N, out), z^{l-1}: (N, in).
    Implements :class:`symbp.core.layer.Layer`.  Example::

        >>> layer = FullyConnected(LinearConfig.make(3, 2))
        >>> layer.gradients["W"].shape
        (2, 3)
    """

    kind = "fc"
    kernels: dict[str, str] = {}       # no numpy kernels generated for this layer yet
    column_vectors = True              # documents write a, δ, b as columns (one per example)

    def __init__(self, cfg: LinearConfig):
        self.cfg = cfg
        n, i, o = cfg.batch, cfg.in_features, cfg.out_features
        self.a = symbolic("a", (n, i))
        self.w = symbolic("w", (o, i))
        self.b = symbolic("b", (o,))
        self.delta = symbolic("delta", (n, o))
        self.zprev = symbolic("z", (n, i), sup="l-1")
        self.env = {A: self.a, W: self.w, B: self.b, DELTA: self.delta, ZPREV: self.zprev}
        self.col = int(n == 1)          # print in the documents' column-vector notation

    # ---- forward
    def forward_form(self, x=A) -> sp.Expr:
        """z = x Wᵀ + b (for N = 1 printed W x + b)."""
        return Linear(x, W, B, self.col)

    def delta_prev(self, activation: Activation | None = None) -> np.ndarray:
        """∂J/∂z^{l-1} through a^{l-1} = σ(z^{l-1}) (general σ, or a concrete activation)."""
        x = Sigma(ZPREV) if activation is None else activation.forward_form(ZPREV)
        z = evaluate(self.forward_form(x), self.env)
        return chain.derive(z, self.delta, [self.zprev])[0]

    @cached_property
    def derived_delta(self) -> np.ndarray:
        return self.delta_prev()

    # ---- closed forms
    def closed_forms(self) -> dict[str, sp.Expr]:
        """The proved closed forms by key: a, W, b and delta (δ^{l-1})."""
        return {"a": self.input_grad_form(), "W": self.weight_grad_form(),
                "b": self.bias_grad_form(), "delta": self.delta_form()}

    def document_forms(self) -> dict[str, sp.Expr]:
        """The closed forms in the documents' column-vector notation (one example per
        column), as ``symbp check`` reads a fully connected layer whatever its batch:
        Wᵀ δ, δ aᵀ, δ (N = 1) or Σ_n δ_n, (Wᵀ δ) ⊙ σ'(z^{l-1}), W a + b and W a."""
        grad_a = MatMul(DELTA, W, 1)
        return {"a": grad_a, "W": MatMul(Transpose(DELTA, 1), A, 1),
                "b": DELTA if self.cfg.batch == 1 else BatchSum(DELTA),
                "delta": Hadamard(grad_a, SigmaPrime(ZPREV)),
                "z": Linear(A, W, B, 1), "z_nobias": MatMul(A, Transpose(W), 1)}

    def input_grad_form(self) -> sp.Expr:
        """δ W (documents: Wᵀ δ^l)."""
        return MatMul(DELTA, W, self.col)

    def weight_grad_form(self) -> sp.Expr:
        """δᵀ a (documents: δ^l (a^{l-1})ᵀ)."""
        return MatMul(Transpose(DELTA, self.col), A, self.col)

    @staticmethod
    def bias_grad_form() -> sp.Expr:
        """Σ_n δ_n."""
        return BatchSum(DELTA)

    def delta_form(self, activation: Activation | None = None) -> sp.Expr:
        """(δ W) ⊙ σ'(z^{l-1}) (documents: (Wᵀ δ^l) ⊙ σ'(z^{l-1}))."""
        prime = SigmaPrime(ZPREV) if activation is None else activation.prime_form(ZPREV)
        return Hadamard(self.input_grad_form(), prime)


# --------------------------------------------------------------------------- softmax + CE

@dataclass(frozen=True)
class SoftmaxConfig:
    """Softmax with cross-entropy: K classes, batch N."""
    #: layer protocol: a softmax section reads its equations (z, p, y, J) itself
    softmax_equations, defines_sigma = True, False
    classes: int = 3
    batch: int = 1

    @classmethod
    def make(cls, classes=3, batch=1) -> "SoftmaxConfig":
        cfg = cls(int(classes), int(batch))
        if min(cfg.classes, cfg.batch) < 1:
            raise ConfigError("classes and batch must be positive")
        return cfg

    def size_counts(self) -> SizeCounts:
        """Entries of z and the terms of softmax's sums (every class for each entry)."""
        tensors = {"z": self.batch * self.classes}
        return SizeCounts(tensors, tensors["z"] * self.classes)

    @classmethod
    def from_directive(cls, settings: dict, read, kind: str = "softmax") -> "SoftmaxConfig":
        """The config a ``symbp:`` directive asks for: ``{"classes": "4"}`` -> 4 classes,
        batch 1 (classes default 3). ValueError/ConfigError for bad values."""
        return cls.make(read.count("classes", 3), read.count("batch", 1))

    def describe(self) -> str:
        parts = [f"{self.classes} classes", "summed over the batch"]
        if self.batch != 1:
            parts.insert(1, f"batch {self.batch}")
        return ", ".join(parts)


class SoftmaxCrossEntropy(LayerDefaults):
    """The output layer J = −Σ_{n,k} y log softmax(z): z logits, y targets (rows sum to 1).

    Implements :class:`symbp.core.layer.Layer` with the one key ``"z"`` (δ = ∂J/∂z) and no
    δ^{l-1} (``derived_delta`` is None).  Example::

        >>> net = SoftmaxCrossEntropy(SoftmaxConfig.make(3))
        >>> net.gradients["z"].shape
        (1, 3)
    """

    kind = "softmax"
    kernels: dict[str, str] = {}       # no numpy kernels generated for this layer yet
    derived_delta = None

    def __init__(self, cfg: SoftmaxConfig):
        self.cfg = cfg
        shape = (cfg.batch, cfg.classes)
        self.z = symbolic("z", shape)
        self.y = symbolic("y", shape)
        self.env = {LOGITS: self.z, Y: self.y}

    @staticmethod
    def forward_form() -> sp.Expr:
        return CrossEntropy(LOGITS, Y)

    @cached_property
    def loss(self) -> sp.Expr:
        """J as one SymPy expression of the z and y entries."""
        return evaluate(self.forward_form(), self.env)[0]

    @cached_property
    def derived(self) -> np.ndarray:
        """∂J/∂z by the chain rule (upstream gradient ∂J/∂J = 1)."""
        seed = np.array([sp.S.One], dtype=object)
        return chain.derive(np.array([self.loss], dtype=object), seed, [self.z])[0]

    @property
    def gradients(self) -> dict[str, np.ndarray]:
        """∂J/∂z by the chain rule, under the protocol's name."""
        return Gradients(z=self.derived)

    def closed_forms(self) -> dict[str, sp.Expr]:
        """The proved closed form by key: z (softmax(z) − y)."""
        return {"z": self.delta_form()}

    @cached_property
    def constraint(self) -> dict:
        """y_nK = 1 − Σ_{k<K} y_nk: each target row is a probability distribution."""
        return {self.y[n, -1]: 1 - total(self.y[n, :-1]) for n in range(self.cfg.batch)}

    @staticmethod
    def delta_form() -> sp.Expr:
        """δ = softmax(z) − y."""
        return Difference(Softmax(LOGITS), Y)
