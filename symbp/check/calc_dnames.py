r"""Gradients a page names with a ``d`` before the quantity (the CS231n style of a backward pass): ``dy_j`` for
``\frac{dL}{dy_j}``, ``d\hat{x}_i`` for ``\frac{\partial L}{\partial \hat{x}_i}``, read by the scalar-layer reader
(:mod:`symbp.check.calc_graph`) as that gradient, only where the page says so in one paragraph:

* the paragraph writes the gradient of a loss with respect to the name (inline, or in the display right
  above it) and the name with a ``d`` before it, and a word that introduces a notation ("denoted",
  "call this", "we write", "记为", "记作", "noté", "bezeichnet", "denotado"): ``we are given
  $\frac{dL}{dy_j}$ (denoted $dy_j$)``, a display of ``\frac{\partial L}{\partial \hat{x}_i} = …`` then
  ``记为 $d\hat{x}_i$``;
* or it writes the definition inline, ``$dy = \frac{\partial L}{\partial y}$``.

The ``d`` must be the gradient's own letter (``dy`` for y, never ``dout`` for Y) and the name the same one
(``d\hat{x}'_k`` for ``\hat{x}_k`` is another name); a page that writes d as a name of its own (``$d$``
alone, ``d = …``, ``d \in``) reads none.

>>> names = declared_gradients(r"we are given $\frac{dL}{dy_j}$ (denoted $dy_j$), the upstream gradient.")
>>> names
{'y': 'L'}
>>> from symbp.check.calc_parse import parse_expression as p
>>> as_gradients(p(r"dy_j \cdot \hat{x}_j"), names, set())
('mul', [('partial', ('ref', 'L', ()), ('ref', 'y', (((1, 'j'),),))), ('ref', 'hat x', (((1, 'j'),),))])
"""
from __future__ import annotations

import re

from .calc_indices import CalcParseError
from .calc_parse import parse_expression
from .calc_tree import nodes

_NOTATION = re.compile(r"\b(?:denoted?|denoting|call(?:ed)?\s+(?:this|it)|we\s+write|written(?:\s+as)?|notation|"
                       r"abbreviat\w*|short(?:hand)?|not[ée]e?s?|bezeichnet|denotad[oa]|llamad[oa]|chamad[oa])\b|"
                       r"记为|记作|记成|表示为|写作|简记|とおく|と書く|라고\s*하|로\s*표기", re.I)
# words that make a d-name a change, not a gradient: dy_i → 0, a differential, the local derivative
_CHANGE = re.compile(r"\b(?:chang\w*|variations?|perturb\w*|infinitesimal\w*|differentials?|local\s+derivative|small|tiny|"
                     r"increments?|petite?s?|variaci[oó]n|Änderung|kleine)\b|\\to\s*0|→\s*0|变化|微分|微小|增量|変化", re.I)
# a change word that is negated: "les valeurs de $dy$ ne changent pas", "does not change", "unchanged"
_UNCHANGED = re.compile(r"\bne\s+(?:\w+\s+)?chang\w*\s+pas\b|\b(?:do|does|did|will|would|can)\s*(?:not|n't)\s+chang\w*|"
                        r"\bnot\s+chang\w*|\bunchang\w*|\bsans\s+changer|nicht\s+(?:\w+\s+)?(?:ver)?änder\w*|不变|変わらない", re.I)
# what a chain-rule row's right side has besides its derivatives and d-names: a factor (2, \frac{1}{3}, γ)
_SCALE = re.compile(r"\d|\\(?!cdot|times|left|right|,|;|!|quad)[A-Za-z]+|(?<![A-Za-z\\])(?!d[A-Za-z])[A-Za-z](?![A-Za-z_])(?<!d)")
_INLINE = re.compile(r"\$\$.*?\$\$|\$([^$]+)\$|`([^`]+)`", re.S)
_D_ITSELF = re.compile(r"\$\s*d\s*\$|(?<![\\A-Za-z])d\s*(?:_\s*\{?\s*\w+\s*\}?\s*)?(?:=|:=|\\in)(?!=)")
_DISPLAY = re.compile(r"\$\$(.*?)\$\$|\\\[(.*?)\\\]", re.S)


def _parsed(latex: str):
    try:
        return parse_expression(latex)
    except (CalcParseError, RecursionError, ValueError, IndexError):
        return None


_EQUALS = re.compile(r"(?<![<>!:\\])=")
_LONE = r"(?<!\$)\$([^$]+)\$(?!\$)"        # an inline formula, not a $$ display's dollar


def _neighbours(text: str, pattern: str):
    """(formula, the text between, the next formula) for each two formulas ``pattern`` finds one after the
    other in ``text`` (group 1, else 2: the formula)."""
    spans = [(m.start(), m.end(), m.group(m.lastindex or 0)) for m in re.finditer(pattern, text)]
    for (_, end, first), (start, _, second) in zip(spans, spans[1:]):
        yield first, text[end:start], second


def _sides(latex: str) -> list:
    """``latex`` split at each ``=`` that is not part of ``<=``, ``>=``, ``!=``, ``:=`` or ``\\=``."""
    return _EQUALS.split(latex)


def _speaks_of_change(text: str) -> bool:
    """Whether ``text``'s prose (its formulas left out) calls something a change, not where it says it does not."""
    return _CHANGE.search(_UNCHANGED.sub(" ", re.sub(r"\$[^$]*\$", " ", text))) is not None


def _d_name(tree):
    """The name ``tree`` writes as d before it (``dy_j``, ``d\\hat{x}_i``, ``d\\gamma``), else None."""
    if tree and tree[0] == "mul" and len(tree[1]) == 2 and tree[1][0] == ("ref", "d", ()) and tree[1][1][0] == "ref":
        return tree[1][1][1]
    return None


def _gradient(tree):
    """(name, loss) where ``tree`` is exactly ∂L/∂name (``\\frac{dL}{dy_j}``) with L a bare name, else None."""
    if tree and tree[0] == "partial" and tree[1][0] == "ref" and not tree[1][2] and tree[2][0] == "ref":
        return tree[2][1], tree[1][1]
    return None


def _first_side(latex: str):
    """:func:`_gradient` of the first side of ``latex`` (``\\frac{dL}{dy_j} = dy_j γ_j``: ∂L/∂y_j)."""
    return _gradient(_parsed(_sides(latex)[0]))


def declared_gradients(text: str) -> dict:
    """{name: the loss} for the names the page's prose gives a d-gradient: a d-name right after its gradient
    and a notation word (``$\\frac{dL}{dy_j}$ (denoted $dy_j$)``, the gradient's row first side), at the start
    of the paragraph under a display whose row's first side is that gradient (``记为 $d\\hat{x}_i$``), or
    defined inline as exactly that gradient (``$dy = \\frac{\\partial L}{\\partial y}$``); never in a
    paragraph that calls it a change or a differential, and never a name declared for two losses."""
    found: dict = {}
    if _D_ITSELF.search(text):            # "$d$ is the step size", d = 2: d is a name of the page's own
        return found
    displays = [(m.start(), m.end(), m.group(1) or m.group(2) or "") for m in _DISPLAY.finditer(text)]
    start, losses = 0, {}
    for para in re.split(r"\n\s*\n", text):
        at, start = text.find(para, start), text.find(para, start) + len(para)
        if "$$" in para or not para.strip() or _speaks_of_change(para):
            continue
        inline = [(m.start(), m.end(), m.group(1) or m.group(2) or "") for m in _INLINE.finditer(para)]
        above = [body for s, e, body in displays if e <= at and not text[e:at].strip()]
        for k, (s0, e0, latex) in enumerate(inline):
            sides = _sides(latex)
            name = _d_name(_parsed(sides[0]))
            if name is None:
                continue
            if len(sides) == 2:                                   # dy = ∂L/∂y, exactly
                grad = _gradient(_parsed(sides[1]))
            elif k > 0:                                           # ∂L/∂y_j (denoted dy_j)
                between = para[inline[k - 1][1]:s0]
                grad = _first_side(inline[k - 1][2]) if len(between) <= 60 and _NOTATION.search(between) else None
            else:                                                 # under ∂L/∂x̂_i = …: "记为 d x̂_i"
                lead = para[:s0]
                rows = [r for body in above[-1:] for r in re.split(r"\\\\", body) if r.strip()]
                grad = _first_side(rows[-1]) if rows and len(lead.strip()) <= 24 and _NOTATION.search(lead) else None
            if grad is not None and grad[0] == name:
                losses.setdefault(name, set()).add(grad[1])
    return {name: next(iter(found)) for name, found in losses.items() if len(found) == 1}


def directive_gradients(settings: dict, text: str = "", letters=None) -> dict:
    r"""{word: (output, loss)} for a directive's ``names:`` that name a word the output's gradient
    (``dout=output_grad`` beside ``y=output L=loss``): ``dout_i`` is then ∂L/∂y_i (the first loss letter
    named, in the plain letter ``letters`` (the document's :class:`~symbp.check.doc_letters.DocumentLetters`)
    reads it as: ``\mathcal{L}`` as J); ``\delta=output_grad`` makes ``\delta_i`` that gradient's entry; {} unless
    the directive names one plain output letter and a loss."""
    roles: dict = {}
    for item in str(settings.get("names", "") or "").split():
        name, _, role = item.partition("=")
        roles.setdefault(role.lower().replace("-", "_"), []).append(name)
    outputs = [n for n in roles.get("output", []) if re.fullmatch(r"[a-z]", n)]
    losses = [n.strip() for n in map(letters.plain if letters else str, roles.get("loss", []))
              if re.fullmatch(r"\s*[A-Za-z]\s*", n)]        # \mathcal{L}: the plain letter the rows are read with
    words = [w.lstrip("\\") for w in roles.get("output_grad", []) + roles.get("grad_output", [])
             if re.fullmatch(r"[a-z]{2,8}|\\delta", w)]                            # dout, \delta: δ_i = ∂L/∂y_i
    if len(outputs) != 1 or not losses:     # L=loss l=loss: one role, the first letter
        return {}
    return {w: (outputs[0], losses[0]) for w in words if not _word_said_otherwise(text, w, outputs[0], set(losses))}


def _word_said_otherwise(text: str, word: str, output: str, losses: set) -> bool:
    """Whether the page's prose says something of the directive's word (``$dout_i = N \\frac{∂L}{∂y_i}$``,
    "$\\frac{∂L}{∂o_i}$ (denoted $dout_i$)", "$dout_i$ for $∂E/∂y_i$", "a small change $dout$"): a
    sentence that writes it in its formulas with a gradient other than ∂L/∂(output), defines it, or calls it
    a change; then the page's word, not the directive's, and it is not read."""
    prose = re.sub(r"\$\$.*?\$\$", " ", text, flags=re.S)
    token = re.compile(r"(?<![A-Za-z])" + re.escape(word) + r"(?![A-Za-z])")
    for sentence in re.split(r"(?<=[.;!?。；])\s+|\n\s*\n", prose):
        maths = re.findall(r"\$([^$]+)\$|`([^`]+)`", sentence)
        if not any(token.search(a or b) for a, b in maths):
            continue
        if _speaks_of_change(sentence):
            return True
        for a, b in maths:
            body = a or b
            if re.fullmatch(r"\s*(?:\\text\{)?\\?" + re.escape(word) + r"\}?\s*(?:_\s*\{?\s*\w+\s*\}?)?\s*", _sides(body)[0]) \
                    and "=" in body:
                return True                                    # dout_i = …: the page's own definition (not γ δ_i = …)
    for first, between, second in _neighbours(prose, r"\$([^$]+)\$|`([^`]+)`"):
        if len(between) > 60 or "\n\n" in between:
            continue
        for word_side, grad_side in ((first, second), (second, first)):
            grad = _first_side(grad_side)
            if re.fullmatch(r"\s*(?:\\text\{)?" + re.escape(word) + r"\}?\s*(?:_\s*\{?\s*\w+\s*\}?)?\s*", word_side) and \
                    grad is not None and (grad[0].lower() != output or grad[1] not in losses):   # ∂L/∂Y: y's, whole
                return True                                    # "$∂L/∂o_i$ (denoted $dout_i$)", "$dout_i$ for $∂E/∂y_i$"
    return False


def delta_gradients(row: str, words: dict) -> str:
    r"""``row`` with each ``\delta_i`` (one index letter) written as the gradient ``\frac{\partial L}{\partial y_i}``
    where the directive names ``\delta`` the output's gradient (``words``, :func:`directive_gradients`); the
    reader's parser takes a δ with indices for a Kronecker delta.

    >>> delta_gradients(r"\gamma \delta_i + \delta_{ij}", {"delta": ("y", "J")})
    '\\gamma \\frac{\\partial J}{\\partial y_{i}} + \\delta_{ij}'
    """
    if "delta" not in words:
        return row
    output, loss = words["delta"]
    return re.sub(r"\\delta\s*_\s*(?:\{\s*([a-z])\s*\}|([a-z]))(?![A-Za-z0-9])",
                  lambda m: rf"\frac{{\partial {loss}}}{{\partial {output}_{{{m.group(1) or m.group(2)}}}}}", row)


def _word_gradient(tree, words: dict):
    """``dout_i`` (one name, the word with its index) as ∂L/∂y_i for a directive's word, else None."""
    m = re.fullmatch(r"([a-z]{2,8})_([a-z]|\d)", tree[1]) if tree[0] == "ref" and not tree[2] else None
    if not m or m.group(1) not in words:
        return None
    output, loss = words[m.group(1)]
    index = ((1, m.group(2)),) if m.group(2).isalpha() else ((int(m.group(2)), None),)
    return ("partial", ("ref", loss, ()), ("ref", output, (index,)))


def as_gradients(tree, names: dict, known: set, words: dict | None = None):
    """``tree`` with each product ``d · name`` (``dy_j``) read as ∂loss/∂name for the ``names`` the page
    declares (:func:`declared_gradients`), unchanged where the section knows d as a name of its own;
    and a directive's word for the output's gradient with its index (``dout_i``, :func:`directive_gradients`)
    as that gradient's entry."""
    if words and isinstance(tree, tuple) and tree and tree[0] == "ref" and (found := _word_gradient(tree, words)):
        return found
    if not (names or words) or not isinstance(tree, tuple) or not tree or not isinstance(tree[0], str):
        return tree
    if "d" in known:
        names = {}
    if tree[0] == "mul":
        out, factors, k = [], tree[1], 0
        while k < len(factors):
            f = factors[k]
            nxt = factors[k + 1] if k + 1 < len(factors) else None
            if f == ("ref", "d", ()) and nxt is not None and nxt[0] == "ref" and nxt[1] in names:
                out.append(("partial", ("ref", names[nxt[1]], ()), nxt))
                k += 2
                continue
            out.append(as_gradients(f, names, known, words))
            k += 1
        return out[0] if len(out) == 1 else ("mul", out)
    if tree[0] == "ref":
        return tree
    return tuple([tree[0]] + [[as_gradients(p, names, known, words) for p in part] if isinstance(part, list)
                              else as_gradients(part, names, known, words) for part in tree[1:]])


__all__ = ["as_gradients", "d_name_reason", "declared_gradients", "delta_gradients", "directive_gradients"]


# a d before a name in a claim (dz_j, dW_{jk}, d\hat{x}_i), not a derivative's d (\frac{dL}{dW})
_D_TOKEN = re.compile(r"(?<![\\A-Za-z{])d\s*(?=[A-Za-z]|\\(?:hat|bar|tilde|mathbf|boldsymbol|gamma|beta|mu|sigma)\b)")
_LOSS_IN = re.compile(r"\\partial\s*\{?\s*([A-Za-z])\s*\}?\s*\}|\\frac\s*\{\s*d\s*([A-Za-z])\s*\}")


def d_name_reason(latex: str, text: str) -> str:
    """Why a claim that writes a d-name (``dz_j``) is not read as about a gradient, else "": the page calls
    its d-names changes or differentials (``$da_j = a_j(1 - a_j) dz_j$ for a small change $dz_j$``; a
    relation between d-names alone is the backward rule of the convention, ``dx = dout γ``), or
    defines one as the gradient of another loss than the claim's (``$dW = \\frac{\\partial J}{\\partial W}$``
    beside ``\\frac{\\partial L}{\\partial W}``)."""
    if not _D_TOKEN.search(re.sub(r"\\frac\s*\{\s*d[^{}]*\}\s*\{\s*d[^{}]*\}", " ", latex)):
        return ""
    prose = re.sub(r"\$\$.*?\$\$", " ", text, flags=re.S)
    for sentence in re.split(r"(?<=[.;!?。；])\s+|\n\s*\n", prose):
        maths = re.findall(r"\$([^$]+)\$", sentence)
        if any(_D_TOKEN.search(m) for m in maths) and _speaks_of_change(sentence):
            return "the page calls its d-names changes or differentials (" + " ".join(sentence.split())[:60] + \
                   "): a d-name is not read as a gradient here"
    maths = re.findall(r"\$\$(.*?)\$\$|\$([^$]+)\$", text, flags=re.S)
    if (row := _differential_row(maths)):
        return f"the page writes its d-names as differentials ({row}): a d-name is not read as a gradient here"
    if (other := _d_otherwise(text, maths)):
        return f"the page makes {other} something else than the gradient its d names: a d-name is not read as a gradient here"
    if (valued := _d_valued(latex, maths)):
        return (f"the page writes {valued}: that d-name may be the value it writes or the gradient its convention names "
                "(they differ where the loss averages over examples, Ng's dZ = A - Y beside J = \\frac{1}{m}\\sum …)")
    own = {m.group(1) or m.group(2) for m in _LOSS_IN.finditer(latex)}
    for loss in _d_losses(text, maths):
        if own - {loss}:
            return (f"the page defines a d-name as a gradient of {loss}, and this claim is about "
                    f"{', '.join(sorted(own - {loss}))}: which loss its d-names mean is not settled")
    return ""


_ROW = re.compile(r"^\s*(d?)([A-Za-z])\s*(?:&\s*)?=(?!=)\s*(.+)$", re.S)
_D_OF = re.compile(r"(?<![\\A-Za-z])d\s*([A-Za-z])(?![A-Za-z])")


def _differential_row(maths) -> str:
    r"""A row ``dA = … dB …`` of the page's math where the page's forward of A reads B (``dz = x\,dw + w\,dx``
    beside ``z = wx + b``; ``dL = \frac{\partial L}{\partial z}\,dz`` beside ``L = \frac12(z - y)^2``): its d-names
    are differentials, a change of A through its inputs, not the convention's gradients (whose rows run the other way,
    ``dw = x\,dz``); else ""."""
    rows = [r for a, b in maths for r in re.split(r"\\\\|(?<!\\)[,;]|\\q?quad(?![A-Za-z])", a or b)]   # dx = ∂L/∂x, dw = …: two rows
    inputs: dict = {}
    for row in rows:
        m = _ROW.match(row)
        if m and not m.group(1):
            inputs.setdefault(m.group(2), set()).update(re.findall(r"[A-Za-z]", re.sub(r"\\[A-Za-z]+", " ", m.group(3))))
    for row in rows:
        m = _ROW.match(row)
        if m and m.group(1) and {x for x in _D_OF.findall(m.group(3))} & (inputs.get(m.group(2), set()) - {m.group(2)}):
            return " ".join(row.split())[:60]
    return ""


def _d_otherwise(text: str, maths) -> str:
    """A d-name the page defines with a gradient that is not its own (``$dz_j = \\frac{\\partial L}{\\partial
    z_j} \\gamma$``), or denotes right after another name's gradient (``$\\frac{\\partial L}{\\partial a_j}$
    (denoted $dz_j$)``), as written; else ""."""
    for a, b in maths:
        sides = _sides(a or b)
        name = _d_name(_parsed(sides[0])) if len(sides) == 2 else None
        rhs = _parsed(sides[1]) if name is not None else None
        if rhs is not None and _gradient(rhs) is None and _scaled_own(rhs, name, sides[1]):
            return sides[0].strip()
        grad = _gradient(_parsed(sides[1])) if name is not None else None
        if grad is not None and grad[0] != name:
            return sides[0].strip()
    for first, between, second in _neighbours(text, _LONE):
        grad, name = _first_side(first), _d_name(_parsed(second))
        if grad is not None and name is not None and len(between) <= 60 and _NOTATION.search(between) and grad[0] != name:
            return second.strip()
    return ""


def _d_valued(latex: str, maths) -> str:
    r"""A row of the page that sets a d-name the claim's right side writes to a value with no derivative in it
    (``dZ = A - Y``), as written; else "" (``dz = \frac{dL}{dz} = a - y`` names the gradient: no such row)."""
    right = latex.split("=", 1)[1] if "=" in latex else ""
    for a, b in maths:
        sides = _sides(a or b)
        name = _d_name(_parsed(sides[0])) if len(sides) == 2 else None
        if name is not None and not re.search(r"\\partial|\\frac\s*\{\s*d|(?<![\\A-Za-z])d\s*[A-Za-z]", sides[1]) and \
                re.search(r"(?<![\\A-Za-z])d\s*" + re.escape(name) + r"(?![A-Za-z])", right) and \
                _parsed(sides[0]) != _parsed(latex.split("=", 1)[0]):
            return " = ".join(x.strip() for x in sides)
    return ""


def _scaled_own(rhs, name: str, written: str) -> bool:
    """Whether a d-name's right side ``rhs`` (``written`` as LaTeX) is its own gradient scaled (``dz_j = ∂L/∂z_j · γ``),
    not a chain of derivatives and d-names (``db = ∂L/∂y · ∂y/∂b``, ``db = dy · ∂y/∂b``)."""
    found = list(nodes(rhs))
    links = {n[2][1] for n in found if n[0] == "partial" and n[2][0] == "ref"} | (      # ∂L/∂y, dy (d·y): y
        {n[1] for n in found if n[0] == "ref"} if ("ref", "d", ()) in found else set())
    chain = not _SCALE.search(re.sub(r"\\frac\s*\{\s*\\partial[^{}]*\}\s*\{\s*\\partial[^{}]*\}", " ",
                                     re.sub(r"_\s*(?:\{[^{}]*\}|\w)", "", written)))
    return any(n[0] == "partial" and n[2][0] == "ref" and n[2][1] == name and n[1][1:2] != () and
               not (chain and n[1][1] in links) for n in found)


def _d_losses(text: str, maths) -> set:
    """The losses the page ties a d-name to: ``$dW = \\frac{\\partial J}{\\partial W}$``, or a d-name and a
    gradient side by side in a sentence (``we write $dW_{jk}$ for $\\frac{\\partial J}{\\partial W_{jk}}$``)."""
    found = set()
    for a, b in maths:
        sides = _sides(a or b)
        grad = _gradient(_parsed(sides[1])) if len(sides) >= 2 and _d_name(_parsed(sides[0])) else None
        found |= {grad[1]} if grad else set()
    for first, between, second in _neighbours(text, _LONE):
        if len(between) > 60 or "\n\n" in between:
            continue
        for name_side, grad_side in ((first, second), (second, first)):
            grad = _first_side(grad_side)
            if grad is not None and _d_name(_parsed(name_side)) is not None:
                found.add(grad[1])
    return found
