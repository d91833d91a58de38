r"""A loss the section never defines, left general: ``\frac{\partial C}{\partial b} =
\frac{\partial C}{\partial a} \sigma'(z)`` holds for every loss C of the forward's outputs or
stays unchecked (:class:`symbp.check.calc_graph.CalcGraph`'s rows).
"""
from __future__ import annotations

import copy
import re

from .display_markup import plain_markup
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
    outputs = [n for n in outputs if n not in (prose.shorthands() if prose else ()) and   # s = √(σ² + ε) in words,
               n not in getattr(graph, "lets", ())] or outputs                          # (\text{Let } … = t) in a remark
    if statistics_forward(graph.defs):     # s = √(σ² + ε) beside x̂_i = (x_i - μ)/√(σ² + ε), read by no row: a shorthand
        outputs = [n for n in outputs if graph.defs[n][0] or not names_in(graph.defs[n][1]) <= _numbers(graph.defs)] or outputs
    if graph.defs and all(_mean(tree) for _, tree in graph.defs.values()):     # μ = 1/m Σ x_i, σ² = 1/m Σ (x_i - μ)² alone
        return "unchecked", (f"the section's forward stops at the batch's statistics ({', '.join(outputs)}): a loss "
                             f"{loss} of those alone is no layer's, and the output they normalise is not defined here")
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


def _numbers(defs: dict) -> set:
    """A normalisation's numbers: the names ``defs`` defines with no index (μ, σ²) and those its rows read and
    never index nor define (ε)."""
    read = [r for _, tree in defs.values() for r in refs(tree)]
    return {n for n, (letters, _) in defs.items() if not letters} | (
        {r[1] for r in read if not r[2]} - {r[1] for r in read if r[2]} - set(defs))


def _mean(tree) -> bool:
    """Whether ``tree`` is a mean over an index: ``\\frac{1}{m}\\sum_i …`` or ``\\frac{\\sum_i …}{m}``."""
    if tree[0] == "mul" and len(tree[1]) == 2 and tree[1][0][0] == "div" and tree[1][0][1] == ("num", 1):
        return tree[1][1][0] == "sum"
    return tree[0] == "div" and tree[1][0] == "sum"


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
# a regulariser said to be absent: "no penalty is used", "without regularisation", "we ignore weight decay"
_NO_REGULARISER = re.compile(r"\b(?:no|without|ignor\w*|omit\w*|drop\w*|un)\s*(?:\w+\s+){0,2}?(?:penalt|regulari[sz]|weight[ -]?decay)\w*", re.I)
# a sentence that names the loss and adds to it or takes from it: "we add $\lambda b_1$ to $L$"
_ADDS_TO = re.compile(r"\b(?:add(?:s|ed|ing)?|plus|subtract\w*|minus|augment\w*|again|instead|redefin\w*)\b", re.I)
_LOSS_WORD = re.compile(r"\b(?:loss|cost|objective|error|it|Verlust|Kosten|coût|perte|pérdida|costo|perda)\b|损失|代价|損失|誤差|손실", re.I)
_CLAIM_LOSS = re.compile(r"^\s*\\[dt]?frac\s*\{\s*\\partial\s*(\\math(?:cal|scr)\s*\{\s*[A-Z]\s*\}|\\ell(?![A-Za-z])|[A-Za-z](?![A-Za-z]))")
_LOSS_LETTERS = {"L", "E", "J", "C", r"\ell"}
# math on a page: $$…$$, \[…\], \(…\), $…$, and the environments an author writes without dollars
_MATH = re.compile(r"\$\$(.*?)\$\$|\\\[(.*?)\\\]|\\\((.*?)\\\)|(?<!\$)\$([^$]+)\$|"
                   r"\\begin\s*\{(?:equation|align|gather|multline)\*?\}(.*?)\\end\s*\{(?:equation|align|gather|multline)\*?\}", re.S)
_DEFINES = r"(?:=(?!=)|:=|\\coloneqq|\\equiv|\\triangleq|\\leftarrow|\\gets)"
_GROUP = r"\{(?:[^{}]|\{[^{}]*\})*\}"
# what a loss of the outputs alone is written with: the structure of a sum of errors, a log-likelihood
_PLAIN_COMMANDS = {"frac", "dfrac", "tfrac", "sum", "prod", "log", "ln", "exp", "left", "right", "big", "Big", "bigg",
                   "Bigg", "hat", "tilde", "bar", "overline", "widehat", "widetilde", "cdot", "times", "mathbf", "boldsymbol",
                   "bm", "vec", "limits", "quad", "qquad", "displaystyle", "sigma", "epsilon", "varepsilon", "sqrt", "max",
                   "min", "text", "mathrm", "operatorname", "softmax", "begin", "end", "aligned", "cases", "mid", "in",
                   "top", "intercal", "pi", "ell", "hspace", "approx", "tag", "label", "langle", "rangle",
                   "phi", "varphi", "tanh", "mathbb", "E", "Pr", "mathcal", "mathscr", "cal", "ldots", "cdots", "dots", "nonumber"}


def _letter(loss: str) -> str:
    """The letter of a loss name (``\\mathcal{L}``, ``\\ell``: ``L``)."""
    return loss[-2] if loss.startswith("\\math") else "L" if loss == r"\ell" else loss


def _spelled(loss: str, two: bool = False) -> str:
    """The pattern of the loss letter as a page may write it (``L``, ``\\mathcal{L}``, ``\\mathrm{L}``, ``\\ell``:
    the readers write them all as ``L``)."""
    letter = _letter(loss)
    if two:                                # "the data loss is $L$, the total loss $\mathcal{L} = L + …$": two names
        return re.escape(letter) + r"(?![A-Za-z])"
    return (r"(?:\\math(?:cal|scr|rm|bf|it)\s*\{\s*" + re.escape(letter) + r"\s*\}|" + re.escape(letter) +
            (r"|\\ell" if letter == "L" else "") + ")")


def _formulas(text: str, loss: str, two: bool = False) -> list:
    """The right sides the page writes for ``loss``: math whose first row is ``L = …`` (``L(W, b) =``,
    ``L_{\\mathrm{tot}} :=``, ``\\coloneqq``, ``L \\leftarrow L + …``; every row of an aligned one)."""
    head = re.compile(r"\s*&?\s*" + _spelled(loss, two) + r"(?![A-Za-z])\s*(?:_\s*(?:" + _GROUP + r"|\w))?\s*(?:\^\s*(?:" + _GROUP +
                      r"|\w))?\s*(?:\\left)?\s*(?:\((?:[^()]|\([^()]*\))*\)|\[[^\[\]]*\])?\s*(?:\\right)?\s*&?\s*" + _DEFINES)
    out = []
    for m in _MATH.finditer(text):
        body = next(g for g in m.groups() if g is not None)
        body = re.sub(r"\\begin\s*\{[a-z*]+\}|\\end\s*\{[a-z*]+\}|\\label\s*\{[^{}]*\}", " ", body)
        found = head.match(body)
        if found:
            rows = re.split(r"\\\\(?:\[[^\]]*\])?", body[found.end():])        # the rows that go on: "&= …", "+ …"
            out.append(" ".join([rows[0], *[r for r in rows[1:] if re.match(r"\s*&?\s*(?:\\q?quad|\\[,;:!])*\s*[=+\-]", r)]]))
    return out


def _label(script: str) -> str:
    """A superscript as a label to compare (``^{(l-1)}``, ``^{l-1}``: ``l-1``)."""
    return re.sub(r"[\s(){}]", "", script or "")


def _beyond_outputs(side: str, roles: dict, commands: bool = True) -> str:
    """What in a loss formula ``side`` is no output's or target's: the layer's weight, bias or input letter (in
    either case; an input letter with a layer label, ``a^L``, is the network's output the loss reads), or a command such as
    ``\\lambda``, ``\\theta``, ``\\mathrm{tr}`` (a norm's bars are read through: ``\\|y - a^L\\|^2`` is an error),
    else ""."""
    plain = re.sub(r"\\(?:text|mathrm|operatorname)\s*\{\s*(?:softmax|CE|MSE|BCE|NLL|log|exp)\s*\}", " ", side)
    plain = re.sub(r"\\left\s*\\\||\\right\s*\\\||\\\||\\[lr]Vert|\\Vert|\|", " ", plain)        # ‖·‖: its content
    plain = re.sub(r"\\(?:hat|tilde|bar|overline|widehat|widetilde)\s*(?:\{[^{}]*\}|[A-Za-z])", " ", plain)   # ỹ, ŷ: a target, a prediction
    plain = re.sub(r"\\(?:vec|mathbf|boldsymbol|bm)\s*\{([^{}]*)\}", r"\1", plain)                       # \vec{a}^L: a^L
    bare = re.sub(r"_\s*(?:" + _GROUP + r"|\\[A-Za-z]+|\w)", " ", plain)                  # indices: no variables
    for cmd in re.findall(r"\\([A-Za-z]+)", re.sub(r"\^\s*(?:" + _GROUP + r"|\\[A-Za-z]+|\w)", " ", bare)):
        if commands and cmd not in _PLAIN_COMMANDS and roles.get("\\" + cmd, "input") in ("input", "kernel", "bias"):   # λ the logits: an output
            return "\\" + cmd                                                   # λ, θ, Ω, \mathrm{tr}
    named = [(n[0].lower(), _label(n[1:].split("^", 1)[1]) if "^" in n else None, r) for n, r in roles.items() if n[:1].isalpha()]
    for letter, script in re.findall(r"(?<![\\A-Za-z])([A-Za-z])(?![A-Za-z])\s*(?:\^\s*(" + _GROUP + r"|\w))?",
                                     re.sub(r"\\[A-Za-z]+", " ", bare)):
        same = [r for n, label, r in named if n == letter.lower() and label in (None, _label(script) or None)]
        if (script or re.search(r"(?<![A-Za-z\\])" + letter + r"\s*(?:_\s*(?:" + _GROUP + r"|\w))?\s*-|-\s*" + letter + r"(?![A-Za-z])", plain)) \
                and all(r == "input" for r in same):
            continue            # a^L, y^{(L)}, (a_k - t_k): an activation the loss compares, the network's output
        if same and all(r in ("input", "kernel", "bias") for r in same):
            return letter
    return ""


def _penalty(side: str, roles: dict) -> bool:
    """Whether ``side`` is a penalty on the layer's weight or bias: the letter squared (``w_{ij}^2``), in a norm
    (``\\|W\\|``) or a trace (``\\mathrm{tr}(W^\\top W)``)."""
    params = {n[0].lower() for n, r in roles.items() if r in ("kernel", "bias") and n[:1].isalpha()}
    for letter in params:
        spelled = r"(?<![\\A-Za-z])[" + letter + letter.upper() + r"](?![A-Za-z])\s*(?:_\s*(?:" + _GROUP + r"|\w)\s*)?"
        if re.search(spelled + r"\^\s*\{?\s*2\s*\}?(?!\s*_)|\\(?:\||[lr]?Vert)\s*(?:\\math\w+\s*\{)?\s*" + spelled + r"|\\mathrm\s*\{\s*tr", side):
            return True
    return False


# a loss written only as a function of what it depends on, C = f(w, b), J(\theta), \ell(y, \hat y): no formula
_NAMED_ONLY = re.compile(r"\s*(?:[A-Za-z]|\\[A-Za-z]+)\s*(?:\\left\s*)?\(\s*[^()=+\-]*\s*(?:\\right\s*)?\)\s*[.,;]?\s*")


def loss_with_term(text: str, latex: str, found, roles=None) -> str:
    """For the index reader, which reads a claim's loss as a general function of the outputs: what the page
    says of the loss the claim's left side differentiates (``\\frac{\\partial L}{…}``) that the reading misses,
    else "".  ``found``: the index reader's verdict (``.verdict``, ``.detail``); ``roles``: its letter -> role.

    * a refutation that compares a general gradient (``ga_00``, ``g_0000``) with a claim written in values
      (``y_1 x_1``), where the page writes the loss out (``$L = \\frac12(y_1^2 + y_2^2)$``): for that loss the
      claim may hold;
    * a hold where a formula of the loss writes anything but outputs, targets and the plain structure of a sum
      of errors or a log-likelihood (a regulariser ``+ \\frac{\\lambda}{2} w_{11}^2``, ``\\|W\\|_F^2``), or a sentence that speaks of the loss speaks of a penalty, a regulariser or weight decay,
      or adds to $L$ or takes from it."""
    claim = _CLAIM_LOSS.match(latex)
    verdict, detail = getattr(found, "verdict", None), getattr(found, "detail", "")
    if not claim or verdict not in ("holds", "refuted"):
        return ""
    loss, roles = re.sub(r"\s+", "", claim.group(1)), roles or {}
    if roles.get(loss, "loss" if loss in _LOSS_LETTERS or loss.startswith("\\math") else None) != "loss":
        return ""                                   # ∂Y_{ij}/∂K_{mn}, ∂z/∂x: no loss the reader leaves general
    page = re.sub(r"<!--.*?-->|```.*?```", " ", text, flags=re.S)
    letter = _letter(loss)
    variant = r"\\math(?:cal|scr)\s*\{\s*" + re.escape(letter) + r"\s*\}" + (r"|\\ell(?![A-Za-z])" if letter == "L" else "")
    two = bool(re.search(variant, page)) and bool(re.search(r"(?<![\\{A-Za-z])" + re.escape(letter) + r"(?![A-Za-z}])",
                                                            " ".join(next(g for g in m.groups() if g is not None)
                                                                     for m in _MATH.finditer(re.sub(variant, " ", page)))))
    formulas = [plain_markup(f) for f in _formulas(page, loss, two) if not _NAMED_ONLY.fullmatch(f)]   # C = f(w, b): named, not written; \mathop \sum: \sum
    if verdict == "refuted":
        sides = re.search(r"derived (.*?), claimed (.*?)(?: \(|;|$)", detail)
        general = re.compile(r"\bga?_\d")
        if formulas and sides and general.search(sides.group(1)) and not general.search(sides.group(2)):
            return f"{loss} = {' '.join(formulas[0].split())[:60]}"
        return ""
    for side in formulas:
        if (beyond := _beyond_outputs(side, roles)):
            return f"{loss} = {' '.join(side.split())[:60]} (it writes {beyond})"
        terms = set(re.findall(r"(?<![\\A-Za-z])([A-Za-z])(?![A-Za-z])", re.sub(r"\\[A-Za-z]+|[_^]\s*(?:" + _GROUP + r"|\w)", " ", side)))
        for term in sorted(terms - {n[0] for n in roles} - {loss}):      # L = E_{data} + E_W, E_W = λ/2 Σ w²
            if any(_penalty(other, roles) for other in _formulas(page, term)):
                return f"{loss} = {' '.join(side.split())[:60]} (its {term} is defined with more than the outputs)"
    prose = re.sub(r"\$\$.*?\$\$|\\\[.*?\\\]", " ", page, flags=re.S)
    named = re.compile(r"\$\s*" + _spelled(loss, two) + r"(?![A-Za-z])\s*(?:_\s*(?:" + _GROUP + r"|\w))?\s*(?:\$|" + _DEFINES + ")")
    paragraphs = re.split(r"\n\s*\n", page)
    after = [re.sub(r"\$\$.*?\$\$", " ", b, flags=re.S) for a, b in zip(paragraphs, paragraphs[1:]) if _formulas(a, loss, two)]   # its next paragraph
    for sentence in re.split(r"(?<=[.;!?。])\s+|\n\s*\n", prose + "\n\n" + "\n\n".join(after)):
        speaks = named.search(sentence) or _LOSS_WORD.search(sentence) or sentence in "\n\n".join(after)
        if speaks and any(_penalty(m, roles) for m in re.findall(r"\$([^$]+)\$", sentence)
                          if "=" not in m or _formulas(f"${m}$", loss, two)):     # not "the total loss is $\mathcal{L} = L + …$"
            return " ".join(sentence.split())[:80]                  # "it also contains the term $\frac{\lambda}{2}\sum w_{ij}^2$"
        if speaks and _REGULARISED.search(_NO_REGULARISER.sub(" ", sentence)) or (
                named.search(sentence) and _ADDS_TO.search(sentence)):
            return " ".join(sentence.split())[:80]
    return ""


__all__ = ["generic_loss", "loss_with_term", "with_generic_loss"]
