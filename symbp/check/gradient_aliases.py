r"""A letter the page names as the loss's gradient at the layer's output, once for the whole page.

Authors give the upstream gradient a short name and use it in every section after:
"From behind comes $G = \partial L/\partial Y$", ``\Delta_{n,o,i,j} = \frac{\partial L}{\partial
Y_{n,o,i,j}}``, "let $D = \frac{\partial E}{\partial Z}$".  :func:`gradient_aliases` reads such
statements from the page's math (inline or display; the whole formula is the statement, both
sides with the same index letters or none) into ``{name: (loss, tensor)}``; a name the page
also sets to anything else (``G = pad(…)``, ``G_{ij} = …``, ``G_{i,j} \coloneqq 2\,\frac{\partial
L}{\partial Y_{i,j}}``, ``G \leftarrow 2G``: any definition mark of
:data:`symbp.check.named_gradients.DEFINES`, ``=`` or ``\leftarrow``) is left out, except a matrix of
numbers (the worked example's values of that same gradient); ``\Delta_Y``, ``\Delta_A`` (a
capital subscript) are names of their own.  :func:`with_gradient_aliases`
gives such a name the role of the output's gradient in a section whose output is that tensor
and whose loss is that letter, as ``<!-- symbp: names: G=output_grad -->`` would; a name the
section already gives a role keeps it.  Where the section names its loss (``L=loss``), an alias
of another objective (``G = \partial E/\partial Y`` with ``E = L + \frac12\sum Y^2``) is none.

Example::

    >>> found = gradient_aliases(r"From behind comes $G = \partial L/\partial Y$ (2x2).")
    >>> found
    {'G': ('L', 'Y')}
    >>> with_gradient_aliases({"X": "input", "K": "kernel", "Y": "output", "L": "loss"}, found)["G"]
    'delta'
    >>> gradient_aliases(r"Let $g$ denote the gradient $\frac{\partial\mathcal{L}}{\partial y}$ for readability.")
    {'g': ('\\mathcal{L}', 'y')}
"""
from __future__ import annotations

import re

from .index_tree import LOSSES
from .latex_tokens import GREEK_LETTERS
from .named_gradients import DEFINES

_MATH = re.compile(r"\$\$(.+?)\$\$|\\\[(.+?)\\\]|(?<![\\$])\$([^$\n]+?)\$", re.S)
_NAMES = "|".join(sorted((g for g in GREEK_LETTERS if g not in ("delta", "sigma", "pi", "Sigma", "Pi")),
                         key=len, reverse=True))
_NAME = r"(\\(?:" + _NAMES + r")(?![A-Za-z])|(?<![\\A-Za-z])[A-Za-z](?![A-Za-z]))"
_SUB = r"(?:\s*_\s*(?:\{([^{}]*)\}|([A-Za-z])))?"
_LOSS = r"([A-Za-z]|\\ell|\\mathcal\s*\{\s*[A-Z]\s*\})"
_TENSOR = r"([A-Za-z])"
_IS = r"(?:" + DEFINES + r"|=)"                      # =, :=, \coloneqq, \triangleq, \equiv …
_SET = r"(?:" + DEFINES + r"|=|\\leftarrow(?![A-Za-z])|←)"     # and an update, G \leftarrow 2G
_ALIAS = re.compile(r"\s*" + _NAME + _SUB + r"\s*" + _IS + r"\s*(?:\\frac\s*\{\s*\\partial\s*" + _LOSS + r"\s*\}\s*\{\s*\\partial\s*"
                    + _TENSOR + _SUB + r"\s*\}|\\partial\s*" + _LOSS + r"\s*/\s*\\partial\s*" + _TENSOR + _SUB
                    + r")\s*[.,;]?\s*(?:\\tag\s*\{[^{}]*\}\s*)?$", re.S)
# the prose naming it: "Let $g$ denote the gradient $\frac{\partial L}{\partial y}$", "$G$ stands for $∂L/∂Y$"
_PROSE_ALIAS = re.compile(r"(?<!\$)\$\s*([^$\n]{1,12}?)\s*\$\s*(?:denotes?|stands?\s+for|be|is)\s+(?:the\s+)?"
                          r"(?:(?:upstream|incoming|output's|loss's|)\s*(?:gradient|derivative)\s+)?\$([^$\n]+)\$"
                          r"(?=\s*(?:[.;:)]|,\s*(?:so|and|which|where)\b|$|for\s+(?:readability|brevity|short|"
                          r"simplicity|convenience)\b|here\b))", re.M)
# any sentence that speaks of the name and a gradient: "$g$ is now the gradient $∂L/∂x$", "$g$ … multiplied by"
_PROSE_MENTION = re.compile(r"(?<!\$)\$\s*([^$\n]{1,12}?)\s*\$[^$.\n]{0,60}?\$([^$\n]*\\partial[^$\n]*)\$")
_NUMERATOR = re.compile(r"\\frac\s*\{\s*\\partial\s*(\\mathcal\s*\{\s*[A-Z]\s*\}|\\ell|[A-Za-z])\s*\}")
_CALLED = re.compile(r"^\\mathcal\{([A-Z])\}$")        # \mathcal{L}: the readers' \calL
_NUMBERS = re.compile(r"\s*\\begin\s*\{[bpv]?matrix\}[-\d\s.&\\]*\\end\s*\{[bpv]?matrix\}")


def _indices(*subs) -> tuple | None:
    text = next((s for s in subs if s is not None), None)
    if text is None:
        return ()
    parts = [p.strip() for p in text.split(",")] if "," in text else list(text.replace(" ", ""))
    return tuple(parts) if all(re.fullmatch(r"[a-z]", p) for p in parts) else None


def _read(formula: str):
    """(name, loss, tensor) of one alias statement, else None."""
    m = _ALIAS.match(formula)
    if not m:
        return None
    name, s1, s2, l1, t1, u1, v1, l2, t2, u2, v2 = m.groups()
    loss, tensor = (l1, t1) if t1 else (l2, t2)
    left, right = _indices(s1, s2), _indices(u1, v1) if t1 else _indices(u2, v2)
    if left is None or left != right or name == tensor or name == loss:
        return None
    return name, re.sub(r"\s+", "", loss), tensor


def gradient_aliases(text: str) -> dict:
    """{name: (loss, tensor)} of the names the page states once as ∂loss/∂tensor and sets to
    nothing else (see the module's text)."""
    formulas = [next(g for g in m.groups() if g is not None) for m in _MATH.finditer(text)]
    said = [f"{m.group(1)} = {m.group(2)}" for m in _PROSE_ALIAS.finditer(text)]    # "let $g$ denote $∂L/∂y$"
    found: dict = {}
    prose_named = set()
    for k, formula in enumerate(formulas + said):
        read = _read(formula)
        if read is not None:
            found.setdefault(read[0], set()).add(read[1:])
            if k >= len(formulas):
                prose_named.add(read[0])
    for m in _PROSE_MENTION.finditer(text):     # "$g$ is now the gradient $∂L/∂x$", "$g$ … scaled by η": another
        if m.group(1).strip() in found and f"{m.group(1)} = {m.group(2)}" not in said:   # meaning, or a qualified one
            found[m.group(1).strip()].add(("?", m.group(2)))
    losses = {re.sub(r"\s+", "", n) for f in formulas for n in _NUMERATOR.findall(f)}
    if len(losses) > 1:                        # 𝓛 = 𝒥 + ℰ and g = ∂𝒥/∂y: whose gradient a claim means is unsure
        for name in prose_named:
            found[name].add(("?", "several losses"))
    out = {}
    for name, meanings in found.items():
        if len(meanings) != 1:
            continue
        assigned = re.compile(r"(?:^|[\s&(,]|\\\\)" + re.escape(name) + r"(?![A-Za-z])" + _SUB + r"\s*" + _SET)
        other = any(m for f in formulas for m in assigned.finditer(f)         # \Delta_Y: another name
                    if _read(f[m.start():]) is None and not _NUMBERS.match(f[m.end():])
                    and not re.fullmatch(r"\s*[A-Z]\s*", m.group(1) or m.group(2) or ""))
        if not other:
            out[name] = next(iter(meanings))
    return out


def with_gradient_aliases(roles: dict, aliases: dict) -> dict:
    """``roles`` with each alias (:func:`gradient_aliases`) whose tensor is this section's output and
    whose loss is this section's loss as the output's gradient (role ``delta``); names the section
    gives a role keep theirs."""
    added = {name: "delta" for name, (loss, tensor) in aliases.items()
             if name not in roles and roles.get(tensor) == "output" and
             (roles.get(loss) == "loss" or (loss not in roles and _CALLED.sub(r"\\cal\1", loss) in LOSSES
                                             and "loss" not in roles.values()))}
    return {**added, **roles} if added else roles
