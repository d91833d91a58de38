r"""A two-index δ in a fully connected section: the error ∂L/∂Y_{n,j} or Kronecker's delta.

With a batch, authors write the loss gradient at the layer's output as ``\delta_{n,j}`` (row n an
example, column j an output) and state ``\frac{\partial L}{\partial W_{i,j}} = \sum_n
\delta_{n,j} X_{n,i}``, ``\frac{\partial L}{\partial b_j} = \sum_n \delta_{n,j}``; others write
``\delta_{ij}`` for Kronecker's delta, ``\frac{\partial z_i}{\partial w_{jk}} = \delta_{ij} a_k``.
:func:`delta_reading` decides which a claim means, or says both must be tried:

* ``None``: no bare two-index δ, or no batch (an error δ has one index there): Kronecker, as before;
* ``"error"``: the document defines δ as a loss gradient (``\delta_{n,j} = \frac{\partial L}{\partial
  Y_{n,j}}``, displayed or inline, :func:`defines_error_delta`), or the claim itself does;
* ``"kronecker"``: the claim differentiates something that is not a loss (``∂Y_{n,j}/∂W_{i,k}``):
  the error cannot appear there;
* ``"both"``: a loss's derivative and nothing defines δ: the index reader checks both readings;
  where they disagree the claim stays unchecked (never refuted on a guess).

A document's own definition is read exactly (:func:`defines_error_delta`): only
``\delta_{a,b} = \frac{\partial L}{\partial Y_{a,b}}`` with Y the layer's output, the same index
letters in the same order, no sign and no factor, makes δ the error.  Another tensor
(``\partial X_{n,j}``, the input's gradient), transposed letters (``\partial Y_{j,n}``), a sign
(``-\frac{\partial L}{…}``, as in δ_k = (t_k - y_k) f'), a factor (``\frac{1}{N}``) or more after the
gradient (``\odot f'(…)``) leave every claim with δ_{a,b} unchecked naming the definition
(``"unread: …"``), and the definition display itself is a definition, never refuted.

>>> defines_error_delta(r"and $\delta_{n,j} = \partial L/\partial Y_{n,j}$.")[0][1]
('same', 'Y')
>>> defines_error_delta(r"$$\delta_{ij} = 1$$ if i = j (the Kronecker delta)")
()
"""
from __future__ import annotations

import re

from .index_tree import IndexError_, OutOfRange

_LOSS = r"(?:[A-Z]|\\mathcal\s*\{\s*[A-Z]\s*\}|\\ell|\\mathscr\s*\{\s*[A-Z]\s*\})"
# δ, δ_{n,j}, δ_{nj} (no one-index δ_j: that is another layout's error), maybe a label
_DELTA = (r"\\delta\s*(?:_\s*\{\s*[A-Za-z]\s*,?\s*[A-Za-z]\s*\})?\s*(?:\^\s*\{[^{}]*\}|\^\s*[A-Za-z0-9])?"
          r"(?![\s_]*_)")
# a sign or factor an author writes before the gradient: -, \frac{1}{N}, 2, \eta, \cdot
_SCALE = (r"(?:-\s*)?(?:\\[dt]?frac\s*\{[^{}\\]*\}\s*\{[^{}]*\}\s*|\d+(?:\.\d+)?\s*|[A-Za-z]\s*"
          r"|\\(?![dt]?frac|partial)[A-Za-z]+\s*)?(?:\\[,;:!]\s*|\\cdot\s*|\\times\s*)*")
_DEFINES = re.compile(_DELTA + r"\s*(?:=|:=|\\equiv|\\coloneqq|\\triangleq|\\doteq)\s*" + _SCALE + r"(?:"
                      r"\\d?frac\s*\{\s*\\partial\s*" + _LOSS +
                      r"|\\partial\s*" + _LOSS + r"\s*/\s*\\partial"
                      r"|\{\s*\\partial\s*" + _LOSS + r"\s*\\over)")
_TWO_INDEX = re.compile(r"\\delta\s*_\s*\{\s*[A-Za-z]\s*,?\s*[A-Za-z]\s*\}")
_TOP = re.compile(r"^\s*\\d?frac\s*\{\s*\\partial\s*(\\mathcal\s*\{\s*[A-Z]\s*\}|\\ell|\\[A-Za-z]+|[A-Za-z])")


_TENSOR = (r"(?:\\(?:mathbf|boldsymbol|bm|mathrm)\s*\{\s*(?P<n>[A-Za-z])\s*\}|(?P<m>[A-Za-z]))"
           r"(?:\s*\^\s*(?:\{[^{}]*\}|[A-Za-z0-9]))?"
           r"(?:\s*_\s*\{\s*(?P<c>[A-Za-z])\s*,?\s*(?P<d>[A-Za-z])\s*\})?")


def _tensor(prefix: str) -> str:
    """The tensor pattern with its groups named ``prefix`` + n/m/c/d (one per alternative)."""
    return _TENSOR.replace("(?P<", "(?P<" + prefix)


_EXACT = re.compile(
    r"\\delta\s*(?:_\s*\{\s*(?P<a>[A-Za-z])\s*,?\s*(?P<b>[A-Za-z])\s*\})?\s*(?:\^\s*\{[^{}]*\}|\^\s*[A-Za-z0-9])?"
    r"(?![\s_]*_)\s*(?:=|:=|\\equiv|\\coloneqq|\\triangleq|\\doteq)\s*(?P<pre>[^=$\n]*?)\s*(?:"
    r"\\d?frac\s*\{\s*\\partial\s*" + _LOSS + r"\s*\}\s*\{\s*\\partial\s*" + _tensor("f") + r"\s*\}"
    r"|\\partial\s*" + _LOSS + r"\s*/\s*\\partial\s*" + _tensor("s") +
    r"|\{\s*\\partial\s*" + _LOSS + r"\s*\\over\s*\\partial\s*" + _tensor("o") + r"\s*\})"
    r"(?P<post>[^$\n]*)")
# what may follow a definition: punctuation, spacing, words, an equation number, a further `= …`
_TRAILING = re.compile(r"(?:\s|[.,;:]|\\[,;:! ]|\\q?quad|\\text\s*\{[^{}]*\}|\\tag\s*\{[^{}]*\}|\\\\|&|\$)*(?:=.*)?", re.S)


def defines_error_delta(text: str) -> tuple:
    """The document ``text``'s definitions of δ as a loss's gradient, e.g.
    ``\\delta_{n,j} = \\frac{\\partial L}{\\partial Y_{n,j}}`` or ``\\delta = \\partial E/\\partial z``:
    a tuple (empty, so false, where none) of ``(written, meaning)``; ``meaning`` is ``"same"``
    (δ's entry a,b is ∂L/∂T at a,b, T the tensor named ``tensor``) or why it is not, e.g. ``"negated"``.

    >>> [m for _, m in defines_error_delta(r"$\\delta_{n,j} = -\\frac{\\partial L}{\\partial Y_{n,j}}$")]
    ['negated']
    """
    found = []
    for m in _DEFINES.finditer(text):
        exact = _EXACT.match(text, m.start())
        written = text[m.start():m.start() + 80].split("$")[0].split("\n")[0].strip()
        found.append((written, _meaning(exact) if exact else ("other", None)))
    return tuple((w, m[0] if m[0] != "same" else ("same", m[1])) for w, m in found)


def _meaning(m) -> tuple:
    """("same", tensor letter) or (why not, None) for one matched definition."""
    pre = m.group("pre").strip()
    if pre and pre != "-":
        return "scaled", None
    if pre == "-":
        return "negated", None
    if not _TRAILING.fullmatch(m.group("post")):
        return "more than a gradient", None
    tensor = next((m.group(p + k) for p in "fso" for k in "nm" if m.group(p + k)), None)
    idx = next(((m.group(p + "c"), m.group(p + "d")) for p in "fso" if m.group(p + "c")), None)
    mine = (m.group("a"), m.group("b")) if m.group("a") else None
    if idx is not None and mine is not None and idx != mine:
        return ("transposed" if idx == mine[::-1] else "other indices"), None
    if idx is not None and mine is None:
        return "other indices", None
    return "same", tensor


def _definition_problem(definitions, ctx) -> str | None:
    """None where every definition reads δ_{a,b} as ∂L/∂(output)_{a,b} exactly; else why not,
    naming the definition."""
    for written, meaning in definitions:
        if isinstance(meaning, tuple):
            letter = str(meaning[1])           # z_{n,j} the entry of Z: either case names the tensor
            role = ctx.roles.get(letter) or ctx.roles.get(letter.lower()) or ctx.roles.get(letter.upper())
            if role == "output":
                continue
            meaning = f"the gradient of {meaning[1]} ({role or 'no role'}), not of the layer's output"
        return (f"the document defines δ as {written} ({meaning}): a claim with δ_{{a,b}} is not read "
                f"under that definition")
    return None


def delta_reading(latex: str, ctx) -> str | None:
    r"""How the claim ``latex`` (``lhs = rhs``) in the fully connected context ``ctx`` reads a bare
    ``\delta_{a,b}``: None, ``"error"``, ``"kronecker"``, ``"both"`` (module docstring),
    ``"definition"`` (the claim is the document's definition of δ) or ``"unread: <why>"`` (the
    document's definition is not ∂L/∂Y_{a,b} itself: transposed, negated, scaled, another tensor).
    Example: ``\frac{\partial L}{\partial b_j} = \sum_n \delta_{n,j}`` in a batch section whose
    document defines δ → ``"error"``."""
    if getattr(ctx, "layer", None) != "fc" or not _TWO_INDEX.search(latex) or not _batched(ctx):
        return None
    lhs = latex.split("=", 1)[0]
    own = defines_error_delta(latex) if re.match(r"\s*\\delta(?![A-Za-z])", lhs) else ()
    if own and latex.count("=") == 1:       # the definition itself: checked where it is ∂L/∂Y_{a,b} as read
        return "error" if _definition_problem(own, ctx) is None else "definition"
    defined = ctx.settings.get("delta_defined")
    if defined or own:
        problem = _definition_problem(tuple(defined or ()) + own if defined is not True else own, ctx)
        return "error" if problem is None else "unread: " + problem
    top = _TOP.match(lhs)
    if top is not None and top.group(1).replace(" ", "") not in ctx.losses() \
            and not re.fullmatch(r"\\mathcal\s*\{\s*[A-Z]\s*\}|\\ell", top.group(1)):
        return "kronecker"
    return "both"


def _batched(ctx) -> bool:
    """The error at the output has a batch axis (more than one example and output)."""
    try:
        grads = ctx.instances()[0].G
    except (IndexError_, OutOfRange, ValueError, TypeError, KeyError):   # sizes it cannot build: as before
        return False
    return getattr(grads, "ndim", 0) == 2 and min(grads.shape) > 1


def checked_readings(check, ctx, reading: str, outcome):
    """The claim checked (``check(context)`` → an Outcome, ``outcome`` its class) with δ_{a,b} read
    as the error ∂L/∂(output entry); for ``reading == "both"`` also as Kronecker's delta (``ctx``
    as it is): one verdict where both agree, else unchecked with both named."""
    if reading == "definition":
        return outcome("definition", "the document defines δ as the loss's gradient (a definition: the claims after it are read under it)")
    if reading.startswith("unread: "):
        return outcome("unchecked", reading[len("unread: "):])
    as_error = check(type(ctx)(ctx.roles, {**ctx.settings, "delta_reading": "error"}))
    if reading == "error":
        as_error.detail += " (δ with two indices read as the error ∂L/∂ of the output's entry, as the document defines it)"
        return as_error
    try:
        as_kronecker = check(ctx)
    except (IndexError_, OutOfRange):
        as_kronecker = outcome("unchecked", "")
    if as_kronecker.verdict == as_error.verdict and as_error.verdict in ("holds", "refuted"):
        as_error.detail += " (as the error ∂L/∂ of the output's entry and as Kronecker's delta alike)"
        return as_error
    return outcome("unchecked", f"δ with two indices is not defined: read as the error ∂L/∂ of the output's "
                                f"entry it {as_error.verdict}, as Kronecker's delta it {as_kronecker.verdict}; "
                                f"define it, e.g. $\\delta_{{n,j}} = \\partial L/\\partial Y_{{n,j}}$")
