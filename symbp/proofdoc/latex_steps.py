"""Steps shared by every layer's section of a proof document (:mod:`symbp.proofdoc.latex`): entry
equations, the chain rule's Σ step, the claim's prose, why a refuted claim fails.

Each takes the section being written and a view of the claim (``v``: its claim, proof,
layer, the tensor the gradient is taken with respect to, and the chain rule's result).
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import sympy as sp

from ..claims import Claim, to_latex, to_text
from .latex_blocks import LINE, LISTED, Section, _n, dJ, elided_sum, math_name, prose_tex, short_tex, tex, width
from ..core.proof import HOLDS, Proof


def entry_equations(s: Section, rows: list[tuple[str, sp.Expr]]) -> None:
    """``lhs = entry`` rows as display equations; rows too wide for a line come after,
    their sums elided and shown only (symbp compared every term)."""
    fit, wide = [], []
    for lhs, e in rows:
        t = tex(e)
        (fit if width(lhs) + width(t) + 2 <= LINE else wide).append((lhs, t, e))
    if fit:
        s.add("equations", [(lhs, t) for lhs, t, _ in fit])
    if wide:
        s.add("prose", (f"{'These' if fit else 'The'} {_n(len(wide), 'entry')} "
                        f"{'is' if len(wide) == 1 else 'are'} too long to print in full; the "
                        "middle terms are elided (symbp compared every term):"))
        s.add("steps", [(lhs, short_tex(e)) for lhs, _, e in wide])


def _more(s: Section, k: int, what: str) -> None:
    if k > 0:
        s.add("prose", f"\\dots\\ ({k} more {what}, not listed here; all were checked.)")


def chain_steps(s: Section, v, z: np.ndarray, delta: np.ndarray, base: np.ndarray, z_name,
                zi: str, xi: str) -> None:
    """The chain-rule section of any layer view (conv, pooling, fully connected).

    z, delta: forward entries and δ; base: what z is differentiated by, shaped like v.wrt;
    z_name(k): LaTeX of z's entry k; zi, xi: the index letters of z and of x in the prose.
    """
    entries = list(np.ndindex(*v.wrt.shape))
    listed = entries[:LISTED]
    over = ",".join(zi)
    s.add("subheading", "Chain rule")
    if v.through_sigma:
        s.add("prose", (
            "$J$ depends on $z^{l-1}$ only through $a = \\sigma(z^{l-1})$ and then $z$, so for every "
            f"entry $\\frac{{\\partial J}}{{\\partial z^{{l-1}}_{{{xi}}}}} = \\sigma'(z^{{l-1}}_{{{xi}}}) "
            f"\\sum_{{{over}}} \\delta_{{{zi}}} \\frac{{\\partial z_{{{zi}}}}}{{\\partial a_{{{xi}}}}}$, "
            f"where only the entries of $z$ that contain $a_{{{xi}}}$ contribute:"))
    else:
        x0 = tex(base.flat[0])
        s.add("prose", (
            f"$J$ depends on ${v.wrt_name}$ only through $z$, so for every entry, e.g. ${x0}$: "
            f"${dJ(x0)} = \\sum_{{{over}}} \\delta_{{{zi}}} \\frac{{\\partial z_{{{zi}}}}}"
            f"{{\\partial {x0}}}$, where only the entries of $z$ that contain ${x0}$ contribute:"))
    holders = {base[i]: [] for i in listed}               # x -> the z entries containing x
    for k, e in np.ndenumerate(z):
        for x in e.free_symbols & holders.keys():
            holders[x].append(k)
    rows = []
    for i in listed:
        x = tex(base[i])
        terms = [rf"{tex(delta[k])}\, \partial {z_name(k)} / \partial {x}"
                 for k in holders[base[i]]] or ["0"]
        step = elided_sum(terms, 3 if width(" + ".join(terms)) > LINE - 12 else len(terms))
        if v.through_sigma:
            step = rf"\sigma'\left({tex(v.wrt[i])}\right) \left({step}\right)"
        rows.append((rf"\partial J / \partial {tex(v.wrt[i])}", step))
    s.add("steps", rows)
    x = f"a_{{{xi}}}" if v.through_sigma else "x"
    s.add("prose", (f"Each $\\partial z_{{{zi}}} / \\partial {x}$ is the factor multiplying ${x}$ in "
                    f"the expansion of $z_{{{zi}}}$ above, which gives the {_n(len(entries), 'entry')} "
                    "of the gradient:"))
    entry_equations(s, [(dJ(tex(v.wrt[i])), v.derived[i]) for i in listed])
    _more(s, len(entries) - len(listed), "gradient entries")


def _claim_prose(s, v, claim) -> None:
    """The prose that ends a layer's setup: where its input comes from (when the
    claim goes through σ) and the claim itself, with symbp's correction if refuted."""
    if v.through_sigma:
        s.add("prose", ("The layer's input is the previous layer's activation, $a = a^{l-1} = "
                        "\\sigma(z^{l-1})$ for a general activation $\\sigma$, and "
                        "$\\delta^{l-1} = \\partial J / \\partial z^{l-1}$."))
    note = "" if v.proof.holds or claim.correct is None else (
        f" (symbp refutes this form below; the correct one is ${to_latex(claim.correct)}$.)")
    s.add("prose", f"\\textbf{{Claim.}} ${claim.lhs} = {to_latex(claim.form)}$.{note}")


def _shown_claim(s: Section, v):
    """Open a "Closed form" subsection: a refuted claim is said in prose and its correct
    form returned (None when symbp knows none); a claim that holds is returned as is."""
    claim = v.claim
    s.add("subheading", "Closed form")
    if not v.proof.holds:
        s.add("prose", (f"The claim ${claim.lhs} = {to_latex(claim.form)}$ is "
                        f"\\textbf{{{v.proof.verdict}}}: {refutation(v.proof, claim)}"))
        if claim.correct is None:
            return None
        claim = replace(claim, form=claim.correct, correct=None, expected=HOLDS)
        s.add("prose", "The correct closed form, which the rest of this section checks, is")
    return claim


def refutation(p: Proof, claim: Claim) -> str:
    """Why a claim fails, as LaTeX prose: the reason, both sides of the entry, a counterexample."""
    text = prose_tex(p.reason, {to_text(claim.form): to_latex(claim.form)}).rstrip(".") + "."
    if p.index is not None and p.derived is not None:
        text += (f" There the chain rule gives ${short_tex(p.derived)}$ but the claim gives "
                 f"${short_tex(p.claimed)}$.")
    if p.counterexample is not None:
        ce = p.counterexample
        values = ", ".join(f"{math_name(k)} = {v}" for k, v in ce.values.items())
        text += (f" Counterexample: with ${values}$ the derived entry is ${ce.derived}$ and the "
                 f"claimed one is ${ce.claimed}$.")
    return text
