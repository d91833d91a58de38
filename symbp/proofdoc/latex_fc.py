"""The fully connected layer's section of a proof document (:mod:`symbp.proofdoc.latex`), for a
batch of one, in the documents' column-vector notation."""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ..claims import Claim, to_latex
from ..layers.dense import A as FC_A, B as FC_B, DELTA as FC_DELTA, W as FC_W, ZPREV as FC_ZPREV
from ..layers.dense import BatchSum, Linear, MatMul, Transpose
from .latex_blocks import LINE, LISTED, Section, _n, bmatrix, width
from .latex_steps import _claim_prose, _more, _shown_claim, chain_steps, entry_equations
from ..core.ops import evaluate
from ..core.proof import Proof
from ..core.tensor import exact, symbolic


@dataclass
class FcView:
    """A fully connected claim for batch N = 1, shown in the documents' column-vector
    notation: a, δ, z^{l-1} are columns (a_{i}, δ_{o}), W is out x in (w_{oi}), b is b_{o}."""
    claim: Claim
    proof: Proof
    wrt: np.ndarray               # the gradient's variable, column notation
    wrt_name: str                 # a, W, b or z^{l-1}
    derived: np.ndarray           # the chain rule's result, column notation
    rename: dict                  # batch-indexed symbol (a_{11}) -> column one (a_{1})
    kind: str = "fc"
    conclusion_note = ""          # nothing to add to what "equal" means (not a field)

    @classmethod
    def of(cls, claim: Claim) -> "FcView | None":
        """The view of a fully connected claim with N = 1; None otherwise."""
        if not claim.form.atoms(Linear, MatMul, Transpose, BatchSum):
            return None
        if not all(p in claim.env for p in (FC_A, FC_W, FC_B, FC_DELTA, FC_ZPREV)):
            return None
        a = claim.env[FC_A]
        if a.ndim != 2 or a.shape[0] != 1:
            return None                 # a batch: the checker has no row notation
        rename = {}
        for p, base, sup in ((FC_A, "a", None), (FC_DELTA, "delta", None), (FC_ZPREV, "z", "l-1")):
            rows = claim.env[p]
            rename.update(zip(rows[0], symbolic(base, (rows.shape[1],), sup)))
        m = re.fullmatch(r"\\frac\{\\partial J\}\{\\partial (\w+)\}", claim.lhs)
        name = m.group(1) if m else "z^{l-1}"          # δ^{l-1} = ∂J/∂z^{l-1}
        wrt = {"a": FC_A, "W": FC_W, "b": FC_B}.get(name, FC_ZPREV)
        view = cls(claim, claim.check(), None, name, None, rename)
        view.wrt = view.column(claim.env[wrt])
        view.derived = view.column(claim.derive())
        return view

    def column(self, t: np.ndarray) -> np.ndarray:
        """A tensor in column notation (a row of N = 1, or b, as an n x 1 column), renamed."""
        t = np.asarray(t, dtype=object)
        if t.ndim == 1 or (t.ndim == 2 and t.shape[0] == 1):
            t = t.reshape(-1, 1)
        out = np.empty(t.shape, dtype=object)
        for i in np.ndindex(*t.shape):
            out[i] = exact(t[i]).xreplace(self.rename)
        return out

    @property
    def env(self) -> dict:
        return self.claim.env

    @property
    def sizes(self) -> tuple[int, int]:
        out, in_ = self.env[FC_W].shape
        return in_, out

    @property
    def through_sigma(self) -> bool:
        return self.wrt_name == "z^{l-1}"

    @property
    def a(self) -> np.ndarray:
        return self.column(self.env[FC_A]).reshape(-1)

    @property
    def delta(self) -> np.ndarray:
        return self.column(self.env[FC_DELTA]).reshape(-1)

    @property
    def z(self) -> np.ndarray:
        return self.column(evaluate(Linear(FC_A, FC_W, FC_B, 1), self.env)).reshape(-1)

    def directive(self) -> str:
        in_, out = self.sizes
        return f"layer=fc in={in_} out={out}"


def _vec(name: str, i: int) -> str:
    return f"{name}_{{{i + 1}}}"


def fc_setup_part(s: Section, v: FcView) -> None:
    """Heading, directive, sizes, the formula of z, the claim."""
    claim, (in_, out) = v.claim, v.sizes
    sizes = claim.sizes.replace("->", r"$\to$").replace("_", r"\_")
    s.add("heading", f"{claim.name}{'' if v.proof.holds else ' (refuted)'}: ${claim.lhs}$, {sizes}")
    s.add("directive", v.directive())
    s.add("prose", (
        f"\\textbf{{Setup.}} A fully connected layer (PyTorch's \\texttt{{Linear}}, one example) "
        f"maps its input $a$ ({in_} entries) with weight $W$ (${out} \\times {in_}$) and bias $b$ "
        f"({out} entries) to $z = W a + b$; vectors are columns, so $z$ and the upstream gradient "
        f"$\\delta = \\partial J / \\partial z$ have {out} entries and $w_{{oi}}$ is the weight "
        "from input $i$ to output $o$:"))
    s.add("math", rf"z_{{o}} = \sum_{{i=1}}^{{{in_}}} w_{{oi}}\, a_{{i}} + b_{{o}}")
    _claim_prose(s, v, claim)


def fc_forward_part(s: Section, v: FcView) -> None:
    """Every z entry written out."""
    z = v.z
    listed = list(range(min(len(z), LISTED)))
    s.add("subheading", "Forward pass")
    s.add("prose", f"Written out, the {_n(len(z), 'entry')} of $z$ are:")
    entry_equations(s, [(_vec("z", o), z[o]) for o in listed])
    _more(s, len(z) - len(listed), "forward entries")


def fc_chain_part(s: Section, v: FcView) -> None:
    """The Σ step for every listed entry (shown), then the entries' values (re-checkable)."""
    base = v.a.reshape(v.wrt.shape) if v.through_sigma else v.wrt   # what z is differentiated by
    chain_steps(s, v, v.z, v.delta, base, lambda k: _vec("z", k[0]), "o", "i")


def _fc_display(form) -> str:
    """A closed form as ``symbp check`` reads it for N = 1 (Σ_n δ_n is δ: one example)."""
    return r"\delta" if form == BatchSum(FC_DELTA) else to_latex(form)


def fc_closed_form_part(s: Section, v: FcView) -> None:
    """The claimed closed form (prose when refuted, then the correct one), as a display."""
    claim = _shown_claim(s, v)
    if claim is None:
        return
    form = _fc_display(claim.form)
    if form != to_latex(claim.form):
        s.add("prose", "With one example the sum over the batch is $\\delta$ itself:")
    s.add("equations", [(claim.lhs, form)])
    m = bmatrix(v.column(evaluate(claim.form, claim.env)))
    if m.width + width(form) <= LINE:
        s.add("prose", "Written out (shown, not re-checked: its entries are the gradient entries "
                       "above):")
        s.add("math", f"{form} = {m.latex}")
