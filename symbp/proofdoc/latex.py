r"""``symbp prove``: a proof as a document a person can read, compile and re-check.

A :class:`ProofDocument` has one section per claim, argued the way the founding
document argues, in five parts:

1. setup: the sizes, what ``*`` means, the formula of the forward entries;
2. forward: every output entry written out (``z_{11} = a_{11} w_{11} + … + b_{1}``);
3. chain rule: ∂J/∂x = Σ δ_ij ∂z_ij/∂x for every gradient entry, then its value;
4. closed form: the claimed operator form, and the same equation with explicit matrices;
5. conclusion: how many entries were compared and how; for a refuted claim the
   failing entry, the counterexample, and the correct form.

Display equations are only the forms ``symbp check`` re-checks (forward entries,
entry gradients, closed forms, explicit ``A * B = C`` matrices), and each section
opens with a ``% symbp: layer=…`` directive (fully connected layers with one example
are written in column-vector notation, ``layer=fc``; with a batch they get the verdict
only), so ``symbp check proof.tex`` re-checks
the document with no flags.  The rest (the Σ step, elided matrices and sums, a
refuted claim) is prose or math that is shown but not a display equation.  The LaTeX
needs article, amsmath, amssymb and geometry (Debian: texlive-latex-base).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import sympy as sp

from ..claims import Claim, Setup, builtin_claims, to_latex
from ..core.ops import Correlate, Hadamard, WeightCorrelate, evaluate
from ..core.proof import Proof
from ..core.tensor import entry_name
from .latex_fc import (FcView, fc_chain_part, fc_closed_form_part, fc_forward_part,  # noqa: F401
                       fc_setup_part)
from .latex_steps import (_claim_prose, _more, _shown_claim, chain_steps,  # noqa: F401
                          entry_equations, refutation)
from .latex_blocks import (LINE, LISTED, PDF_TIMEOUT, PREAMBLE, SHOWN, Matrix, Section,  # noqa: F401
                           _md_block, _n, _pair, _plane, _shape_tex, _single, _tex_block, bmatrix,
                           dJ, elided_sum, markdown_prose, math_name, prose_tex, short_tex, tex,
                           width)


# --------------------------------------------------------------------------- the document

class ProofDocument:
    """A proof document, one section per claim: ``add`` claims, then ``to_tex``/``to_markdown``."""

    def __init__(self, title: str = "symbp proof"):
        self.title = title
        self.sections: list[Section] = []

    def add(self, claim: Claim, setup: Setup = Setup()) -> Proof:
        """Check ``claim``, append its section, and return the proof."""
        view = LayerView.of(claim, setup)
        fc = FcView.of(claim) if view is None else None
        if fc is not None:              # fully connected, N = 1: column-vector notation
            section = Section(claim, fc.proof)
            for part in (fc_setup_part, fc_forward_part, fc_chain_part, fc_closed_form_part,
                         conclusion_part):
                part(section, fc)
        elif view is None:              # a layer without a forward expansion here
            section = Section(claim, claim.check())
            other_layer_part(section)
        else:
            section = Section(claim, view.proof)
            for part in (setup_part, forward_part, chain_part, closed_form_part, conclusion_part):
                part(section, view)
        self.sections.append(section)
        return section.proof

    def to_tex(self) -> str:
        """A standalone LaTeX document."""
        head = (f"\\begin{{center}}\n{{\\Large {self.title}}}\\\\[2pt]\n{{\\small written and "
                "checked by symbp; re-check it with \\texttt{symbp check}}\n\\end{center}")
        out = "\n\n".join([PREAMBLE, "\\begin{document}", head])
        for kind, body in (b for s in self.sections for b in s.blocks):
            # no blank line before a display: it would end the paragraph with an empty line
            out += ("\n" if kind == "equations" else "\n\n") + _tex_block(kind, body)
        return out + "\n\n\\end{document}\n"

    def to_markdown(self) -> str:
        """Markdown with $$ display equations (and ```math for what is not re-checked)."""
        body = [_md_block(*b) for s in self.sections for b in s.blocks]
        return "\n\n".join([f"# {self.title}", *body]) + "\n"


def prove_document(names: list[str], setup: Setup = Setup()) -> ProofDocument:
    """A document with a section for each named built-in derivation (all when empty)."""
    claims = builtin_claims(names, setup)
    title = "symbp proof: " + ", ".join(dict.fromkeys(c.name for c in claims))
    doc = ProofDocument(title if len(title) < 70 else "symbp proofs")
    for claim in claims:
        doc.add(claim, setup)
    return doc


# --------------------------------------------------------------------------- the layer of a claim

@dataclass
class LayerView:
    """A claim whose layer has a ``proof_prose()`` (conv2d, pooling, conv_transpose2d,
    conv1d), with what its section shows: the layer, its proof, names."""
    claim: Claim
    proof: Proof
    layer: object                 # a layer (symbp.core.layer.Layer) with a ProofProse
    kind: str                     # the layer's kind, as its directive names it
    wrt: np.ndarray               # the tensor the gradient is taken with respect to
    wrt_name: str                 # its name in the claim (a, W, b, z^{l-1})
    derived: np.ndarray           # the chain rule's result

    @classmethod
    def of(cls, claim: Claim, setup: Setup) -> "LayerView | None":
        """The view of a claim whose layer (``claim.notes["layer"]``) writes a ProofProse;
        None for other claims."""
        layer = claim.notes.get("layer")
        if layer is None or layer.proof_prose() is None:
            return None
        m = re.fullmatch(r"\\frac\{\\partial J\}\{\\partial (\w+)\}", claim.lhs)
        name = m.group(1) if m else "z^{l-1}"          # δ^{l-1} = ∂J/∂z^{l-1}
        placeholder = next(p for p in claim.env if str(p).lower() == name.lower())
        return cls(claim, claim.check(), layer, layer.kind, claim.env[placeholder], name,
                   claim.derive())

    @property
    def cfg(self):
        return self.layer.cfg

    @property
    def conclusion_note(self) -> str:
        """What the layer adds to the conclusion's "equal" (max pooling: argmax regions)."""
        return self.layer.proof_prose().conclusion_note

    @property
    def through_sigma(self) -> bool:
        """δ^{l-1}: the layer's input is a = σ(z^{l-1})."""
        return self.wrt_name == "z^{l-1}"

    def directive(self) -> str:
        """The ``symbp:`` directive that sets ``symbp check`` up for this section."""
        return self.cfg.directive(self.kind)


# --------------------------------------------------------------------------- 1. setup

def setup_part(s: Section, v: LayerView) -> None:
    """Heading, directive, sizes, what ``*`` means, the formula of z, the claim."""
    claim = v.claim
    sizes = re.sub(r"(\d+)x(\d+)", r"$\1 \\times \2$", claim.sizes).replace("->", r"$\to$")
    s.add("heading", f"{claim.name}{'' if v.proof.holds else ' (refuted)'}: ${claim.lhs}$, "
                     + sizes.replace("_", r"\_"))
    s.add("directive", v.directive())
    prose = v.layer.proof_prose()
    s.add("prose", "\\textbf{Setup.} " + prose.setup)
    s.add("math", prose.formula)
    if prose.after_formula:
        s.add("prose", prose.after_formula)
    _claim_prose(s, v, claim)


# --------------------------------------------------------------------------- 2. forward

def forward_part(s: Section, v: LayerView) -> None:
    """Every z entry written out (max pooling: the max of its window, shown only)."""
    z = v.layer.z
    entries = list(np.ndindex(*z.shape))
    listed = entries[:LISTED]
    names = {i: entry_name("z", i, z.shape) for i in entries}
    s.add("subheading", "Forward pass")
    s.add("prose", f"Written out, the {_n(len(entries), 'entry')} of $z$ are:")
    prose = v.layer.proof_prose()
    if prose.forward_max_windows:
        s.add("steps", [(names[i], rf"\max\left({', '.join(tex(c) for c in _window(v, i))}\right)")
                        for i in listed])
    else:
        entry_equations(s, [(names[i], z[i]) for i in listed])
    _more(s, len(entries) - len(listed), "forward entries")
    if prose.matrices and _single(v.layer.a) and _single(v.layer.w):
        a, w = (bmatrix(_plane(t)) for t in (v.layer.a, v.layer.w))
        zm = bmatrix(np.array([sp.Symbol(names[i]) for i in entries]).reshape(z.shape[-2:]))
        if a.width + w.width + zm.width + 8 <= LINE:
            b = tex(v.layer.b[0])
            s.add("prose", f"or, as matrices (${b}$ is added to every entry):")
            s.add("math", f"{a.latex} * {w.latex} + {b} = {zm.latex}")


def _window(v: LayerView, index) -> list:
    """The input cells of the pooling window of output entry ``index``."""
    n, ch, i, j = index
    win = next(w for w in v.cfg.windows() if w.out == (i, j))
    return [v.layer.a[n, ch][cell] for cell in win.cells]


# --------------------------------------------------------------------------- 3. chain rule

def chain_part(s: Section, v: LayerView) -> None:
    """The Σ step for every listed entry (shown), then the entries' values (re-checkable)."""
    z = v.layer.z
    base = v.layer.a if v.through_sigma else v.wrt        # what z is differentiated by
    chain_steps(s, v, z, v.layer.delta, base, lambda k: entry_name("z", k, z.shape), "ij", "kl")


def closed_form_part(s: Section, v: LayerView) -> None:
    """The claimed closed form (prose when refuted, then the correct one), with its matrices."""
    claim = _shown_claim(s, v)
    if claim is None:
        return
    s.add("equations", [(claim.lhs, to_latex(claim.form))])
    explicit_part(s, claim)


def explicit_part(s: Section, claim: Claim) -> None:
    """The closed form with explicit matrices: an equation ``symbp check`` re-checks when
    nothing is elided and it fits a line, otherwise shown only."""
    form, tail = claim.form, ""
    if isinstance(form, Hadamard):                     # (…) ⊙ σ'(z^{l-1})
        form, tail = form.args[0], to_latex(form.args[1])
    value = evaluate(form, claim.env)
    operands = [evaluate(t, claim.env) for t in form.args[:2]] \
        if isinstance(form, (Correlate, WeightCorrelate)) and _plain(form) else []
    if operands and all(_single(t) for t in operands + [value]):
        (x, k), result = (bmatrix(_plane(t)) for t in operands), bmatrix(_plane(value))
        labels = [to_latex(t) for t in form.args[:2]]
        if x.width + k.width + result.width + 6 <= LINE:
            s.add("prose", (f"With explicit matrices (${labels[0]}$, then ${labels[1]}$, then the "
                            "result), this reads:"))
            lhs = f"{x.latex}\n*\n{k.latex}"
            if x.elided or k.elided or result.elided:
                s.add("math", f"{lhs} = {result.latex}")
            else:
                s.add("equations", [(lhs, result.latex)])
        else:
            s.add("prose", (f"Here ${labels[0]} = {x.latex}$ and ${labels[1]} = {k.latex}$; the "
                            "entries of the result are the gradient entries listed above."))
    elif _single(value):
        m = bmatrix(_plane(value))
        if m.width + width(to_latex(form)) <= LINE:
            s.add("prose", "Written out as a matrix:")
            s.add("math", f"{to_latex(form)} = {m.latex}")
    else:
        s.add("prose", (f"With {_n(int(np.prod(value.shape[:-2])), 'plane')} the result is not one "
                        "matrix; its entries are the gradient entries listed above."))
    if tail:
        s.add("prose", f"Then $\\delta^{{l-1}}$ is this matrix $\\odot\\, {tail}$, entry by entry.")


def _plain(form) -> bool:
    """A stride-1, undilated, ungrouped correlation: what an explicit ``*`` means."""
    p = form.params
    return (p[:4] == (1, 1, 1, 1) if isinstance(form, Correlate) else p[:2] == (1, 1)) and p[-1] == 1


# --------------------------------------------------------------------------- 5. conclusion

def conclusion_part(s: Section, v: LayerView) -> None:
    """The verdict, with the number of entries compared and what "equal" means."""
    p, claim = v.proof, v.claim
    shape = _shape_tex(v.derived.shape)
    how = ("each pair of entries is the same polynomial in the symbols (equal coefficient maps, "
           "or a difference that expands to 0), so no numbers are substituted")
    how += v.conclusion_note
    s.add("subheading", "Conclusion")
    if p.holds:
        s.add("prose", (f"The derived gradient and the closed form agree in every entry: all "
                        f"{_n(p.entries, 'entry')} of the ${shape}$ result were compared, and "
                        f"{how}. \\textbf{{Verdict: the claim holds.}}"))
        return
    text = (f"\\textbf{{Verdict: the claim is {p.verdict}}} (see the closed form above): "
            f"${claim.lhs} = {to_latex(claim.form)}$ does not hold.")
    if claim.correct is not None:
        correct = replace(claim, form=claim.correct, correct=None).check()
        text += (f" The correct form ${claim.lhs} = {to_latex(claim.correct)}$ "
                 f"{'holds' if correct.holds else 'is ' + correct.verdict}: all "
                 f"{_n(correct.entries, 'entry')} of the ${shape}$ result were compared, and {how}.")
    s.add("prose", text)


def other_layer_part(s: Section) -> None:
    """A claim about a layer this module does not expand: the claim and verdict, no display."""
    claim, p = s.claim, s.proof
    s.add("heading", f"{claim.name}: ${claim.lhs}$, {prose_tex(claim.sizes)}")
    s.add("prose", (f"\\textbf{{Claim.}} ${claim.lhs} = {to_latex(claim.form)}$. symbp prove "
                    "writes step-by-step proofs for convolution, pooling and (one example) fully "
                    "connected layers; for this layer "
                    f"it gives the verdict only. \\textbf{{Verdict: {p.verdict}}}: "
                    f"{prose_tex(p.detail())}."))


# --------------------------------------------------------------------------- PDF and CLI

NO_PDFLATEX = ("--pdf needs pdflatex, which is not installed (Debian: apt-get install "
               "texlive-latex-base texlive-latex-recommended)")


def compile_pdf(source: str, pdf_path: str | os.PathLike, timeout: int = PDF_TIMEOUT) -> None:
    """Compile LaTeX with pdflatex in a temporary directory; copy the PDF to ``pdf_path``.

    Raises RuntimeError (one line) when pdflatex is missing, fails or times out.
    """
    exe = shutil.which("pdflatex")
    if exe is None:
        raise RuntimeError(NO_PDFLATEX)
    with tempfile.TemporaryDirectory(prefix="symbp-") as tmp:
        Path(tmp, "proof.tex").write_text(source, encoding="utf-8")
        cmd = [exe, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "proof.tex"]
        try:
            run = subprocess.run(cmd, cwd=tmp, capture_output=True, text=True, errors="replace",
                                 timeout=timeout, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise RuntimeError(f"pdflatex did not finish within {timeout} s") from None
        if run.returncode != 0 or not Path(tmp, "proof.pdf").exists():
            errors = [ln[2:] for ln in run.stdout.splitlines() if ln.startswith("! ")]
            raise RuntimeError(f"pdflatex failed: {errors[0] if errors else f'exit {run.returncode}'}")
        shutil.copyfile(Path(tmp, "proof.pdf"), pdf_path)
