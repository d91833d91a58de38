r"""A loss the section never defines, left general: ``\frac{\partial C}{\partial b} =
\frac{\partial C}{\partial a} \sigma'(z)`` holds for every loss C of the forward's outputs or
stays unchecked (:class:`symbp.check.calc_graph.CalcGraph`'s rows).
"""
from __future__ import annotations

import copy
import re

from .calc_tree import names_in, nodes, refs
from .calc_verdict import judge
from .calc_paths import judge_paths, statistics_forward


def generic_loss(graph, unknown: set, trees):
    """The one name the claim uses only as ∂C/∂(…) and the section never defines (a
    loss left general), or None."""
    if len(unknown) != 1 or not graph.defs:
        return None
    (name,) = unknown
    uses = [r for t in trees if t is not None for r in refs(t) if r[1] == name]
    numerators = [n[1] for t in trees if t is not None for n in nodes(t) if n[0] == "partial"
                  and n[1][0] == "ref" and n[1][1] == name and not n[1][2]]
    return name if uses and len(uses) == len(numerators) else None


def with_generic_loss(graph, loss: str, trees, row: str):
    """Check with ``loss`` a general function of the forward's outputs (the names no other
    definition reads): written to first order as Σ g·output with g = ∂loss/∂output free,
    which is exact for claims of first derivatives. Holds only as an identity for every
    loss; refuted only where the forward is a normalisation's (:func:`symbp.check.calc_paths.
    statistics_forward`) with one output, whose loss is the layers above it (``f``, ``l`` with
    ∂f/∂y_i given): elsewhere the letter may name no loss at all (z = x + y, ∂z/∂x); anything
    else stays unchecked."""
    used = set().union(*[names_in(t) for _, t in graph.defs.values()])
    outputs = [n for n in graph.defs if n not in used]
    outputs = [n for n in outputs if graph.defs[n][1][0] != "ref"] or outputs   # σ² = σ_B²: a second spelling
    prose = getattr(graph, "_prose_rows", None)
    outputs = [n for n in outputs if n not in (prose.shorthands() if prose else ())] or outputs   # s = √(σ² + ε)
    terms = []
    for out in outputs:
        letters = graph.defs[out][0]
        ix = tuple(((1, f"ζ{k}"),) for k in range(len(letters)))
        term = ("mul", [("ref", f"∂{loss}/∂{out}", ix), ("ref", out, ix)])
        for k in reversed(range(len(letters))):
            term = ("sum", f"ζ{k}", None, term)
        terms.append(term)
    if not terms:
        return None
    other = copy.copy(graph)
    other.defs = {**graph.defs, loss: ((), ("add", terms))}
    other.leaves = graph.leaves | {f"∂{loss}/∂{out}" for out in outputs}
    other.target, other._evaluators = None, {}
    found = judge_paths(judge, other, [t for t in trees], None, row)
    if found[0] != "unchecked" and (said := _term_added(getattr(graph, "_text", ""), loss)):
        return "unchecked", (f"the text adds a term to {loss} (\"{said}\"): {loss} is then no loss of the "
                             f"forward's outputs alone, and what it adds is not read here")
    if found[0] == "holds":
        return "holds", (f"{found[1]}; for every loss {loss} of the forward's outputs "
                         f"({', '.join(outputs)}), which the section leaves general")
    if found[0] == "refuted" and len(outputs) == 1 and statistics_forward(graph.defs):   # a normalisation's
        out = outputs[0]
        return "refuted", (f"{found[1]}; for the loss {loss} = Σ g·{out} with g = ∂{loss}/∂{out} free "
                           f"(the section leaves {loss} general: a formula for every loss of {out} fails for this one)")
    return "unchecked", (f"not an identity for every loss {loss}, and the section does not "
                         f"define {loss} (a display {loss} = … would settle it)")


_ADDED = re.compile(r"penalt|regulari[sz]|weight[ -]decay|\bplus\b|\$[^$]*\+[^$]*\$", re.I)


def _term_added(text: str, loss: str) -> str:
    """The sentence of the prose that names the loss ``$f$`` and adds to it ("f is a loss of y plus
    the penalty λβ²/2"), shortened, else "".  A worked example's ``$L = \\frac{1}{2}(y_1^2 + y_2^2)$`` counts
    too: a claim true for every loss is not read against that one (red team 55: blanking it let a weight
    decay said in the next sentence through)."""
    if not re.fullmatch(r"[A-Za-z](?:_\{?[A-Za-z0-9]+\}?)?", loss) or "$" not in text:
        return ""
    prose = re.sub(r"\$\$.*?\$\$", " ", text, flags=re.S)
    named = re.compile(r"\$\s*" + re.escape(loss) + r"\s*\$|\$\s*" + re.escape(loss) + r"\s*=")
    for sentence in re.split(r"(?<=[.;!?])\s+|\n\s*\n", prose):
        if named.search(sentence) and _ADDED.search(sentence):
            return " ".join(sentence.split())[:80]
    return ""


_REGULARISED = re.compile(r"penalt|regulari[sz]|weight[ -]?decay|\bdecay\b|\bridge\b|\bL_?\{?2\}?[- ]norm|Tikhonov|正则|正則|정규화", re.I)
# a sentence that speaks of the loss and of adding to it: "we add $\lambda b_1$ to it", "contains the term"
_ADDS_TO = re.compile(r"\b(?:add(?:s|ed|ing)?|plus)\b", re.I)
_LOSS_WORD = re.compile(r"\b(?:loss|cost|objective|error|it|Verlust|Kosten|coût|perte|pérdida|costo|perda)\b|损失|代价|損失|誤差|손실", re.I)
_CLAIM_LOSS = re.compile(r"^\s*\\[dt]?frac\s*\{\s*\\partial\s*(\\math(?:cal|scr)\s*\{\s*[A-Z]\s*\}|\\ell(?![A-Za-z])|[A-Za-z](?![A-Za-z]))")
_LOSS_LETTERS = {"L", "E", "J", "C", r"\ell"}


def _formulas(text: str, loss: str) -> list:
    """The right sides the page writes for ``loss``: inline ``$L = …$`` and displays whose first row is
    ``L = …`` (every row of an aligned one)."""
    spelled = r"\\math(?:cal|scr)\s*\{\s*" + re.escape(loss[-2]) + r"\s*\}" if loss.startswith("\\math") else re.escape(loss)
    head = re.compile(r"\s*&?\s*" + spelled + r"\s*(?:_\s*(?:\{[^{}]*\}|\w))?\s*&?\s*=(?!=)")
    out = []
    for m in re.finditer(r"\$\$(.*?)\$\$|(?<!\$)\$([^$]+)\$", text, flags=re.S):
        body = m.group(1) if m.group(1) is not None else m.group(2)
        body = re.sub(r"\\begin\s*\{[a-z*]+\}|\\end\s*\{[a-z*]+\}", " ", body)
        found = head.match(body)
        if found:
            out.append(body[found.end():])
    return out


def loss_with_term(text: str, latex: str, found, roles=None, chapter: str | None = None) -> str:
    """For the index reader, which reads a claim's loss as a general function of the outputs: what the page
    says of the loss the claim's left side differentiates (``\\frac{\\partial L}{…}``) that the reading misses,
    else "".  ``found``: the index reader's verdict (``.verdict``, ``.detail``); ``roles``: its letter -> role;
    ``chapter``: the text under the claim's heading (the prose read for words, with the paragraphs that write
    the loss out).

    * a refutation that compares a general gradient (``ga_00``, ``g_0000``) with a claim written in values
      (``y_1 x_1``), where the page writes the loss out (``$L = \\frac12(y_1^2 + y_2^2)$``): for that loss the
      claim may hold;
    * a hold where a formula of the loss also reads the layer's weight or bias (a regulariser
      ``+ \\frac{\\lambda}{2} w_{11}^2``, ``- \\lambda b_1``), or a sentence that speaks of the loss speaks of a
      penalty, a regulariser or weight decay, or of adding to it."""
    claim = _CLAIM_LOSS.match(latex)
    verdict, detail = getattr(found, "verdict", None), getattr(found, "detail", "")
    if not claim or verdict not in ("holds", "refuted"):
        return ""
    loss, roles = re.sub(r"\s+", "", claim.group(1)), roles or {}
    if roles.get(loss, "loss" if loss in _LOSS_LETTERS or loss.startswith("\\math") else None) != "loss":
        return ""                                   # ∂Y_{ij}/∂K_{mn}, ∂z/∂x: no loss the reader leaves general
    page = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    formulas = _formulas(page, loss)
    if verdict == "refuted":
        sides = re.search(r"derived (.*?), claimed (.*?)(?: \(|;|$)", detail)
        general = re.compile(r"\bga?_\d")
        if formulas and sides and general.search(sides.group(1)) and not general.search(sides.group(2)):
            return f"{loss} = {' '.join(formulas[0].split())[:60]}"
        return ""
    params = {n[0] for n, r in roles.items() if r in ("kernel", "bias")} - {
        n[0] for n, r in roles.items() if r not in ("kernel", "bias")}
    for side in formulas:
        plain = re.sub(r"\\[A-Za-z]+|[A-Za-z]\s*_\s*\{\s*[A-Za-z]{2,}\s*\}", " ", side)     # w_{pos}: a named weight
        if set(re.findall(r"(?<![A-Za-z])([A-Za-z])(?![A-Za-z])", plain)) & params:
            return f"{loss} = {' '.join(side.split())[:60]}"       # + λ/2 w_{11}²
    paragraphs = [p for p in re.split(r"\n\s*\n", page) if _formulas(p, loss)]       # the loss written out
    prose = re.sub(r"\$\$.*?\$\$", " ", "\n\n".join([chapter if chapter is not None else page, *paragraphs]), flags=re.S)
    named = re.compile(r"\$\s*" + re.escape(loss) + r"\s*\$")
    for sentence in re.split(r"(?<=[.;!?。])\s+|\n\s*\n", prose):
        if (named.search(sentence) or _LOSS_WORD.search(sentence)) and _REGULARISED.search(sentence) or (
                named.search(sentence) and _ADDS_TO.search(sentence)):
            return " ".join(sentence.split())[:80]
    return ""


__all__ = ["generic_loss", "loss_with_term", "with_generic_loss"]
