"""``symbp prove --all-sizes``: the all-sizes argument as a LaTeX section a reader can follow.

For each claim: the chain-rule side and the closed form as index sets (one line per term:
the entry, the monomial, the constraints), the substitution that maps the chain rule's
witnesses onto the closed form's (isl's composition of the two witness maps), and the
shared set isl proved equal on both sides for every size of the scope.

Example::

    $ symbp prove conv-input --all-sizes --stride 2 -o conv.tex
"""
from __future__ import annotations

import sympy as sp

from . import sets
from .report import _engine, options_from

_GREEK = {"delta": r"\delta", "σ'(z^{l-1})": r"\sigma'(z^{l-1})", "σ(z^{l-1})": r"\sigma(z^{l-1})"}


def _factor(name: str, idx) -> str:
    args = ", ".join(sp.latex(sp.expand(e)) for e in idx)
    if name == "1/":
        return rf"\frac{{1}}{{{' '.join('(' + sp.latex(e) + ')' for e in idx)}}}"
    if name.startswith("argmax_"):
        return rf"\mathbb{{1}}[\text{{{name.split('[')[0].replace('_', ' ')}}}]_{{{args}}}"
    return rf"{_GREEK.get(name, name)}_{{{args}}}"


def _term(t, xs) -> str:
    mono = r" \cdot ".join(_factor(n, i) for n, i in t.factors)
    cons = r",\; ".join(sp.latex(c) for c in dict.fromkeys(t.cons))
    ex = ", ".join(sp.latex(e) for e in t.exists)
    where = rf"\exists\, {ex}:\; {cons}" if ex else cons
    return rf"\item $({', '.join(map(sp.latex, xs))}) \ni {mono}$ \\ where ${where}$"


def _tt(text: str) -> str:
    """Plain text safe inside LaTeX (δ, σ spelled out; specials escaped)."""
    text = text.replace("δ", "delta").replace("σ", "sigma").replace("·", "*")
    for ch in "_&%#$":
        text = text.replace(ch, "\\" + ch)
    return text


def _isl_text(obj, width: int = 95) -> str:
    """isl's text of a set or map, wrapped at ``and``/``or`` for a verbatim block."""
    lines, line = [], ""
    for word in str(obj).replace("σ", "sigma").split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = "    " + word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join(lines + [line])


def section(result) -> str:
    """One claim's certificate (LaTeX, inside a document)."""
    ev = result.evidence
    reason = _tt(result.reason)
    lines = [rf"\section*{{{result.name} for every size}}",
             rf"Claim: $ {result.claim} $.\\ Scope: {result.scope}.\\ "
             rf"Verdict: \textbf{{{result.verdict}}} ({reason}).", ""]
    if "derived" not in ev:
        return "\n".join(lines)
    xs, ctx = ev["xs"], ev["ctx"]
    for title, terms in (("Chain rule (derived from the forward)", ev["derived"]),
                         ("Closed form (the operators' index relations)", ev["closed"])):
        lines += [rf"\paragraph{{{title}.}} Each term is a set of (entry, monomial) pairs:",
                  r"\begin{itemize}"] + [_term(t.solved(), xs) for t in terms] + \
            [r"\end{itemize}"]
    if result.verdict == sets.REFUTED and result.outcome is not None:
        o = result.outcome
        where = ", ".join(f"{k} = {v}" for k, v in (result.sizes or o.sizes).items())
        lines += [r"\paragraph{Counterexample.} The smallest configuration (least sum of the "
                  rf"sizes) where the two sets differ: ${where}$."]
        if o.kind == "entry":
            lines.append(rf"Entry ${o.entry}$: the term \texttt{{{_tt(o.term)}}} appears only "
                         rf"on the {o.only_on} side.")
        else:
            lines.append(_tt(o.reason) + ".")
        lines.append(rf"The per-size prover at these sizes says: \textbf{{{result.per_size}}}.")
    if result.verdict == sets.HOLDS:
        domain = sets.domain_set(ctx)
        lines += [r"\paragraph{Substitution.} Composing the chain rule's witness map with the "
                  r"inverse of the closed form's (both injective, so each coefficient is 1) maps "
                  r"each chain-rule witness to the closed-form witness of the same monomial:",
                  r"\begin{verbatim}"]
        for sig in sorted({t.signature for t in ev["derived"]}):
            a = [t.solved() for t in ev["derived"] if t.signature == sig]
            b = [t.solved() for t in ev["closed"] if t.signature == sig]
            sub = sets.witness_map(a, xs, ctx).apply_range(
                sets.witness_map(b, xs, ctx).reverse()).intersect_params(domain).coalesce()
            lines.append(_isl_text(sub))
        lines += [r"\end{verbatim}", r"\paragraph{Shared set.} Both sides equal, for every "
                  r"configuration of the domain, the set", r"\begin{verbatim}"]
        for sig in sorted({t.signature for t in ev["derived"]}):
            a = [t.solved() for t in ev["derived"] if t.signature == sig]
            lines.append(_isl_text(sets.signature_set(a, xs, ctx).intersect_params(domain)
                                   .coalesce()))
        lines += [r"\end{verbatim}"]
    return "\n".join(lines)


def prove_command(args) -> int:
    """``symbp prove [NAME...] --all-sizes [-o FILE]``: a LaTeX document of certificates."""
    verify = _engine()
    results = verify.verify_all(args.names, options_from(args))
    body = "\n\n".join(section(r) for r in results)
    doc = "\n".join([r"\documentclass{article}", r"\usepackage{amsmath,amssymb}",
                     r"\usepackage[margin=2cm]{geometry}", r"\begin{document}", body,
                     r"\end{document}", ""])
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(doc)
    else:
        print(doc)
    return 0 if all(r.as_expected for r in results) else 1
